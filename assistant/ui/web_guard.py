"""What the web server checks before Gradio sees a request.

Gradio's own routes trust more than this app can: its login form has no throttle, its
queue endpoints accept any session hash from any signed-in user, it accepts uploads,
serves cached files to anyone holding the URL, and sends no Content-Security-Policy.
This ASGI middleware closes those gaps in one place:

- sign-in: per-client and per-name limits on wrong passwords, with a device cookie that
  lets an owner who signed in from this browser before past a name that is being
  attacked; a cap on sign-ins being checked at once (the hash check runs on a worker
  thread, see identity.password_check, so the event loop never waits for Argon2);
- sessions: a Gradio session hash is bound to the person who first used it; the queue,
  stream, cancel and heartbeat endpoints refuse it to anyone else;
- files: no uploads (the app has no upload field); a download is served only to the
  people recorded as its owners (ui/downloads.py);
- headers: a Content-Security-Policy without remote images or scripts, and the Secure
  flag on every cookie when the page is served over HTTPS;
- the app's own pages (`routes`, e.g. staff's evaluation reports): served here, not by
  Gradio, because Gradio's `launch()` builds its FastAPI app itself (no route can be added
  before it starts serving) and this is where who-is-signed-in is already known.

It is plain ASGI (not BaseHTTPMiddleware) so Gradio's event streams pass through unbuffered.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import re
import secrets
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, unquote

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
#: One of the app's own pages: (status, headers, body).
Page = tuple[int, list[tuple[bytes, bytes]], bytes]
#: Serves GET under a path prefix: (who is signed in, or None; the path after the prefix) -> Page.
#: It runs on a worker thread (it may read files and the database); it decides who may see what.
Route = Callable[[str | None, str], Page]

#: Wrong passwords per client address, and per name, before sign-in pauses there. Moving
#: windows: each failure ages out on its own. A browser holding the device cookie of an
#: earlier sign-in to that name is not paused by the per-name limit, so an attacker
#: spraying one person's name cannot lock her out.
PER_CLIENT = "20/10 minutes"
PER_NAME = "5/15 minutes"
#: Sign-ins waiting for the checking thread; beyond this a request is refused at once
#: (HTTP 503) instead of queueing behind a flood. A browser with the name's device cookie
#: is never refused for this.
MAX_CHECKING = 32
DEVICE_COOKIE = "coach-device"
MAX_FORM_BYTES = 16_384

#: The browser may load scripts, styles, images and fonts from this server only (plus
#: inline data the Gradio front end builds). A Markdown image or script that slipped into
#: text anywhere is not fetched.
CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
    "media-src 'self' blob:; connect-src 'self' ws: wss:; frame-src 'none'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)

API = "/gradio_api"
_CACHE_FOLDER = re.compile(r"/([0-9a-f]{64})/[^/]+$")


def owner_tag(secret: bytes, name: str) -> str:
    """A short, unguessable tag of a user (their downloads are filed under it)."""
    return hmac.new(secret, name.casefold().encode(), hashlib.sha256).hexdigest()[:12]


@dataclass
class Identity:
    """Who a request comes from, from what the server (not the page) knows."""

    auth: str  # none | password | header
    sso_header: str = "x-forwarded-user"
    local_user: str = "local"

    def missing(self) -> str:
        if self.auth == "header":
            return f"No {self.sso_header} header: this app expects to sit behind your sign-in proxy."
        return "Please sign in."

    def of(self, scope: Scope, app: Any) -> str | None:
        if self.auth == "none":
            return self.local_user
        headers = _headers(scope)
        if self.auth == "header":
            return headers.get(self.sso_header.lower()) or None
        cookies = _cookies(headers)
        cookie_id = getattr(app, "cookie_id", "")
        token = cookies.get(f"access-token-{cookie_id}") or cookies.get(f"access-token-unsecure-{cookie_id}")
        tokens = getattr(app, "tokens", {})
        return tokens.get(token) if token else None


class WebGuard:
    def __init__(
        self,
        app: ASGIApp,
        identity: Identity,
        secret: bytes,
        tokens: Callable[[Any], None] | None = None,
        download_owners: Callable[[str], set[str]] | None = None,
        per_client: str = PER_CLIENT,
        per_name: str = PER_NAME,
        routes: Mapping[str, Route] | None = None,
    ) -> None:
        self.app = app
        self._routes = dict(routes or {})  # path prefix -> Route
        self.identity = identity
        self.secret = secret
        self._install_tokens = tokens
        self._download_owners = download_owners  # cache folder hash -> owner tags
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._per_client: RateLimitItem = parse(per_client)
        self._per_name: RateLimitItem = parse(per_name)
        self._checking = 0
        # session hash -> who first used it; bounded, oldest forgotten first.
        self._sessions: OrderedDict[str, str] = OrderedDict()
        self._joined: set[str] = set()  # hashes that have queued an event (only those have a stream)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        app = scope.get("app")
        if self._install_tokens is not None and app is not None:
            self._install_tokens(app)
        path: str = scope.get("path", "")
        https = _is_https(scope)
        send = _with_headers(send, https)
        if scope.get("method") == "POST" and path.rstrip("/") == "/login":
            await self._login(scope, receive, send)
            return
        prefix = next((p for p in self._routes if path.startswith(p)), None)
        if prefix is not None:
            await self._page(scope, send, self._routes[prefix], path[len(prefix):], app)
            return
        if path.startswith(API):
            status, detail, receive = await self._check_api(scope, receive, app)
            if status:
                await _respond(send, status, detail)
                return
        await self.app(scope, receive, send)

    # -- sign-in ---------------------------------------------------------------------
    async def _login(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = await _read_body(receive, MAX_FORM_BYTES)
        if body is None:
            await _respond(send, 413, "The sign-in form is too large.")
            return
        form = parse_qs(body.decode("utf-8", "replace"))
        name = (form.get("username") or [""])[0].strip().casefold()[:200]
        client = _client(scope)
        trusted = bool(name) and hmac.compare_digest(
            _cookies(_headers(scope)).get(DEVICE_COOKIE, ""), self._device(name))
        if not trusted and not (
            self._limiter.test(self._per_client, "client", client)
            and self._limiter.test(self._per_name, "name", name)
        ):
            log.warning("sign-in refused: too many wrong passwords (client or name limit)")
            await _respond(send, 429, "Too many wrong passwords. Wait a few minutes, then try again.")
            return
        if self._checking >= MAX_CHECKING and not trusted:
            await _respond(send, 503, "Sign-in is busy. Try again in a few seconds.")
            return
        status: list[int] = []

        async def observe(message: Message) -> None:
            if message["type"] == "http.response.start":
                status.append(int(message["status"]))
                if message["status"] == 200 and name:
                    cookie = (f"{DEVICE_COOKIE}={self._device(name)}; Path=/; Max-Age=31536000; HttpOnly; "
                              "SameSite=Lax")
                    message["headers"] = [*message.get("headers", []), (b"set-cookie", cookie.encode())]
            await send(message)

        self._checking += 1
        try:
            await self.app(scope, _replay(body), observe)
        finally:
            self._checking -= 1
        if status and status[0] != 200:
            self._limiter.hit(self._per_client, "client", client)
            self._limiter.hit(self._per_name, "name", name)

    async def _page(self, scope: Scope, send: Send, route: Route, rest: str, app: Any) -> None:
        method = scope.get("method")
        if method not in ("GET", "HEAD"):
            await _respond(send, 405, "Method not allowed.")
            return
        who = self.identity.of(scope, app)
        status, headers, body = await asyncio.get_running_loop().run_in_executor(None, route, who, rest)
        headers = [*headers, (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if method == "HEAD" else body})

    def _device(self, name: str) -> str:
        return hmac.new(self.secret, b"device:" + name.encode(), hashlib.sha256).hexdigest()

    # -- Gradio's API --------------------------------------------------------------------
    async def _check_api(self, scope: Scope, receive: Receive, app: Any) -> tuple[int, str, Receive]:
        """(0, "", receive) to pass the request on, else the refusal's status and reason."""
        path: str = scope["path"][len(API):]
        method = scope.get("method")
        if path.startswith("/upload"):
            return 403, "This app accepts no file uploads.", receive
        if path.startswith("/file="):
            cached = _CACHE_FOLDER.search(unquote(path))
            owners = self._download_owners(cached.group(1)) if cached and self._download_owners else set()
            if owners:
                who = self.identity.of(scope, app)
                if who is None or owner_tag(self.secret, who) not in owners:
                    return 404, "Not found.", receive
            return 0, "", receive
        session = None
        if path.startswith("/heartbeat/"):
            session = path[len("/heartbeat/"):].strip("/")
        elif path.startswith("/queue/data") or path.startswith("/stream/"):
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            session = (query.get("session_hash") or [""])[0]
            if path.startswith("/stream/"):
                session = path.split("/")[2] if len(path.split("/")) > 2 else ""
        elif method == "POST" and path.startswith(("/queue/join", "/cancel", "/run/", "/call/")):
            body = await _read_body(receive, 4 * 1024 * 1024)
            if body is None:
                return 413, "Request too large.", receive
            receive = _replay(body)
            try:
                session = str(json.loads(body or b"{}").get("session_hash") or "")
            except (ValueError, AttributeError):
                return 400, "Malformed request.", receive
        else:
            return 0, "", receive
        who = self.identity.of(scope, app)
        if who is None:
            return 401, self.identity.missing(), receive
        if path.startswith("/queue/join") and session:
            self._joined.add(session)
            if len(self._joined) > 100_000:
                self._joined.clear()
        elif path.startswith("/queue/data") and session not in self._joined:
            # Gradio answers an unknown hash with a half-sent error and a traceback in the log.
            return 404, "No such session.", receive
        if session:
            owner = self._sessions.get(session)
            if owner is None:
                self._sessions[session] = who
                if len(self._sessions) > 100_000:
                    self._sessions.popitem(last=False)
            elif owner != who:
                log.warning("a session hash was presented by someone other than its owner; refused")
                return 403, "This session belongs to someone else.", receive
        return 0, "", receive


class SessionTokens(dict[str, str]):
    """Gradio's sign-in tokens (token -> user name), with an end: a token expires after
    `lifetime` seconds, and is revoked as soon as its user is deleted or their password
    changes (checked every `recheck` seconds, against a fingerprint of the stored hash)."""

    def __init__(self, fingerprint: Callable[[str], str | None], lifetime: float, recheck: float = 30.0,
                 clock: Callable[[], float] = time.time) -> None:
        super().__init__()
        self._fingerprint = fingerprint
        self._lifetime = lifetime
        self._recheck = recheck
        self._clock = clock
        self._meta: dict[str, tuple[float, float, str | None]] = {}  # issued, checked, fingerprint

    def __setitem__(self, token: str, name: str) -> None:
        now = self._clock()
        self._meta[token] = (now, now, self._fingerprint(name))
        super().__setitem__(token, name)

    def __delitem__(self, token: str) -> None:
        self._meta.pop(token, None)
        super().__delitem__(token)

    def get(self, token: str, default: Any = None) -> Any:
        name = super().get(token)
        if name is None:
            return default
        issued, checked, seen = self._meta.get(token, (0.0, 0.0, None))
        now = self._clock()
        if now - issued > self._lifetime:
            self.pop(token, None)
            self._meta.pop(token, None)
            return default
        if now - checked > self._recheck:
            current = self._fingerprint(name)
            if current is None or current != seen:
                self.pop(token, None)
                self._meta.pop(token, None)
                return default
            self._meta[token] = (issued, now, seen)
        return name

    def __contains__(self, token: object) -> bool:
        return isinstance(token, str) and self.get(token) is not None


def token_installer(fingerprint: Callable[[str], str | None], lifetime: float) -> Callable[[Any], None]:
    """Swap Gradio's plain token dict for SessionTokens, once, on the app's first request."""

    def install(app: Any) -> None:
        if hasattr(app, "tokens") and not isinstance(app.tokens, SessionTokens):
            tokens = SessionTokens(fingerprint, lifetime)
            for token, name in dict(app.tokens).items():
                tokens[token] = name
            app.tokens = tokens

    return install


def new_secret() -> bytes:
    return secrets.token_bytes(32)


# -- plain ASGI helpers ---------------------------------------------------------------------
def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _cookies(headers: dict[str, str]) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed cookie header means no cookies, not an error page
        return {}
    return {k: m.value for k, m in jar.items()}


def _client(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def _is_https(scope: Scope) -> bool:
    # A TLS-terminating proxy says so in X-Forwarded-Proto (uvicorn also maps it when trusted).
    return scope.get("scheme") == "https" or _headers(scope).get("x-forwarded-proto", "") == "https"


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            break
    return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive


def _with_headers(send: Send, https: bool) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            names = {k.lower() for k, _ in headers}
            if b"content-security-policy" not in names:
                headers.append((b"content-security-policy", CSP.encode()))
            headers.append((b"x-content-type-options", b"nosniff"))
            headers.append((b"referrer-policy", b"same-origin"))
            if https:
                headers = [(k, v + b"; Secure") if k.lower() == b"set-cookie" and b"secure" not in v.lower()
                           else (k, v) for k, v in headers]
            message["headers"] = headers
        await send(message)

    return wrapped


async def _respond(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
