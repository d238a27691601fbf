"""Every HTML page the app serves has a <title>, Gradio's sign-in page included."""

from __future__ import annotations

from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from assistant.ui.page_title import PageTitle, with_title

LOGIN_PAGE = b'<!doctype html><html lang="en"><head><meta charset="utf-8" /></head><body></body></html>'


def test_a_page_without_a_title_gets_one_first_in_its_head() -> None:
    assert with_title(LOGIN_PAGE, "Protégé coach & co") == (
        b'<!doctype html><html lang="en"><head><title>Prot\xc3\xa9g\xc3\xa9 coach &amp; co</title>'
        b'<meta charset="utf-8" /></head><body></body></html>')


def test_a_page_with_a_title_or_no_head_is_left_alone() -> None:
    titled = b"<html><head><title>Mine</title></head><body><title>svg</title></body></html>"
    assert with_title(titled, "Protégé coach") == titled
    assert with_title(b"<p>fragment</p>", "Protégé coach") == b"<p>fragment</p>"
    # A <title> in the body (an SVG's, say) does not count as the page's.
    body_only = b"<html><head></head><body><svg><title>icon</title></svg></body></html>"
    assert with_title(body_only, "T") == body_only.replace(b"<head>", b"<head><title>T</title>")


def _client() -> TestClient:
    async def page(request: Request) -> Response:
        return HTMLResponse(LOGIN_PAGE)

    async def streamed(request: Request) -> Response:
        async def chunks() -> AsyncIterator[bytes]:
            yield LOGIN_PAGE[:20]
            yield LOGIN_PAGE[20:]

        return StreamingResponse(chunks(), media_type="text/html")

    async def data(request: Request) -> Response:
        return JSONResponse({"head": "<head>"})

    routes = [Route("/", page, methods=["GET", "HEAD", "POST"]), Route("/streamed", streamed),
              Route("/data", data)]
    return TestClient(Starlette(routes=routes, middleware=[Middleware(PageTitle, title="Protégé coach")]))


def test_the_middleware_titles_html_pages_and_fixes_their_length() -> None:
    client = _client()
    for path in ("/", "/streamed"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.text.startswith('<!doctype html><html lang="en"><head><title>Protégé coach</title><meta')
        assert response.headers["content-length"] == str(len(response.content))
    assert client.get("/data").json() == {"head": "<head>"}
    assert "<title>" not in client.post("/").text  # only GET pages are touched
