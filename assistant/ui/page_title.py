"""A <title> for every HTML page the app serves.

Gradio's page sets its title from script once the app has loaded; its sign-in page never
does, so a screen reader (and the browser's tab) announced an untitled page there.
"""

from __future__ import annotations

import html

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Gradio's page is a few kB; anything bigger is not a page to touch.
MAX_PAGE_BYTES = 1_000_000


def with_title(page: bytes, title: str) -> bytes:
    """The page with a <title> as the head's first element, unless it has one already."""
    at = page.find(b"<head>") + len(b"<head>")
    end = page.find(b"</head>")
    if at < len(b"<head>") or b"<title" in page[at:end if end >= at else len(page)]:
        return page
    return page[:at] + f"<title>{html.escape(title)}</title>".encode() + page[at:]


class PageTitle:
    """ASGI middleware: adds the title to uncompressed HTML responses to GET requests."""

    def __init__(self, app: ASGIApp, title: str) -> None:
        self.app = app
        self.title = title

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        body = b""

        async def wrapped(message: Message) -> None:
            nonlocal start, body
            if message["type"] == "http.response.start":
                headers = {k.lower(): v for k, v in message.get("headers", [])}
                if headers.get(b"content-type", b"").startswith(b"text/html") and b"content-encoding" not in headers:
                    start = message  # held until the body is complete
                    return
            elif message["type"] == "http.response.body" and start is not None:
                body += message.get("body", b"")
                more = bool(message.get("more_body"))
                if more and len(body) <= MAX_PAGE_BYTES:
                    return
                held, start, page = start, None, body
                body = b""
                if not more:  # the whole page: title it, and say its new length
                    page = with_title(page, self.title)
                    held = {**held, "headers": [(k, v) for k, v in held.get("headers", [])
                                                if k.lower() != b"content-length"]
                            + [(b"content-length", str(len(page)).encode())]}
                await send(held)
                await send({**message, "body": page})
                return
            await send(message)

        await self.app(scope, receive, wrapped)
