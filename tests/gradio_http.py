"""A small client for Gradio's HTTP queue protocol (``sse_v3``) on plain httpx.

gradio_client is thorough but heavy (threads, a websocket/SSE stack, file handling per
client); a load test with fifty simulated people wants one light httpx client each.
This speaks just what the browser speaks:

* ``POST /login`` (form fields ``username``, ``password``): sets the ``access-token-…``
  cookies that every later request carries;
* ``GET /config``: the ``dependencies`` list; each entry's ``id`` is the ``fn_index``
  and ``api_name`` its public name (``"chat"``, without the leading slash);
* ``POST /gradio_api/queue/join`` with ``{data, fn_index, trigger_id, session_hash,
  event_data}``: answers ``{"event_id": …}``;
* ``GET /gradio_api/queue/data?session_hash=…``: server-sent events for every event of
  that session hash (``estimation``, ``process_starts``, ``process_generating``,
  ``process_completed``, ``heartbeat``, ``close_stream``). After a generator's first
  frame, ``process_generating`` carries *diffs* (``[action, path, value]`` edits), which
  :func:`apply_diff` replays; ``process_completed`` carries the full final values.

``gr.State`` lives on the server, keyed by ``session_hash`` alone: the value sent for a
State input is ignored and a State output comes back as ``None``. A simulated person
therefore keeps one :class:`Session` (one hash) for a whole conversation.

The raw helpers at the end (:func:`raw_queue_data`, :func:`raw_cancel`,
:func:`raw_heartbeat`, :func:`raw_join`) send exactly what they are given, with whatever
cookies the client holds, so a test can ask for someone else's session hash.
"""

from __future__ import annotations

import contextlib
import copy
import json
import secrets
import time
from collections.abc import AsyncGenerator, Generator, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

API_PREFIX = "/gradio_api"
DEFAULT_TIMEOUT = 60.0

__all__ = [
    "API_PREFIX",
    "AsyncSession",
    "Endpoint",
    "EventResult",
    "EventTimeout",
    "Frame",
    "GradioHTTPError",
    "LoginError",
    "RawSSE",
    "Session",
    "alogin",
    "apply_diff",
    "client_for",
    "find_endpoint",
    "login",
    "new_session_hash",
    "raw_cancel",
    "raw_heartbeat",
    "raw_join",
    "raw_queue_data",
]


class GradioHTTPError(Exception):
    """The server refused a request or broke the protocol."""


class LoginError(GradioHTTPError):
    """``POST /login`` did not sign the user in; ``status_code`` says how it refused."""

    def __init__(self, message: str, status_code: int = 0) -> None:
        super().__init__(message)
        self.status_code = status_code


class EventTimeout(GradioHTTPError):
    """No ``process_completed`` arrived for an event within the time allowed."""


# --------------------------------------------------------------------------- basics


def new_session_hash() -> str:
    """A fresh session hash, as random as the browser's (it uses Math.random base 36)."""
    return secrets.token_hex(8)


def client_for(
    base_url: str,
    cookies: Mapping[str, str] | httpx.Cookies | None = None,
    headers: Mapping[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> httpx.Client:
    """A client for ``base_url`` holding exactly the cookies given (none: anonymous)."""
    jar = cookies if isinstance(cookies, httpx.Cookies) else httpx.Cookies(dict(cookies or {}))
    return httpx.Client(base_url=_root(base_url), cookies=jar, headers=headers, timeout=timeout)


def login(base_url: str, name: str, password: str, timeout: float = DEFAULT_TIMEOUT) -> httpx.Client:
    """Sign in through Gradio's login form; the returned client keeps the session cookies."""
    client = client_for(base_url, timeout=timeout)
    try:
        response = client.post("/login", data={"username": name, "password": password})
        _check_login(response, name)
    except BaseException:
        client.close()
        raise
    return client


async def alogin(base_url: str, name: str, password: str, timeout: float = DEFAULT_TIMEOUT) -> httpx.AsyncClient:
    """:func:`login` for asyncio."""
    client = httpx.AsyncClient(base_url=_root(base_url), timeout=timeout)
    try:
        response = await client.post("/login", data={"username": name, "password": password})
        _check_login(response, name)
    except BaseException:
        await client.aclose()
        raise
    return client


def _root(base_url: str) -> str:
    return base_url.rstrip("/")


def _check_login(response: httpx.Response, name: str) -> None:
    if response.status_code != 200 or not _json_or_none(response).get("success"):
        raise LoginError(f"sign-in for {name!r} refused: HTTP {response.status_code} {response.text[:200]}",
                         response.status_code)
    if not any(key.startswith("access-token") for key in response.cookies):
        raise LoginError(f"sign-in for {name!r} set no access-token cookie", response.status_code)


def _json_or_none(response: httpx.Response) -> dict[str, Any]:
    try:
        value = response.json()
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


# --------------------------------------------------------------------------- config


@dataclass(frozen=True)
class Endpoint:
    """One entry of ``/config``'s ``dependencies``."""

    fn_index: int
    api_name: str | None
    trigger_id: int | None
    inputs: tuple[int, ...]
    outputs: tuple[int, ...]
    generator: bool


def find_endpoint(config: Mapping[str, Any], name_or_index: str | int) -> Endpoint:
    """The dependency called ``name_or_index`` (``"chat"`` or ``"/chat"``), or with that fn_index.

    Gradio 6 gives each dependency an ``id`` (the fn_index the queue expects) and an
    ``api_name``; older configs had no ``id``, where the position is the index.
    """
    deps = config.get("dependencies")
    if not isinstance(deps, list):
        raise GradioHTTPError("/config has no dependencies list (is this a Gradio app?)")
    wanted = name_or_index.lstrip("/") if isinstance(name_or_index, str) else name_or_index
    for position, dep in enumerate(deps):
        if not isinstance(dep, dict):
            continue
        fn_index = int(dep.get("id", position))
        if fn_index == wanted if isinstance(wanted, int) else dep.get("api_name") == wanted:
            targets = dep.get("targets") or []
            trigger = targets[0][0] if targets and isinstance(targets[0], list | tuple) else None
            return Endpoint(
                fn_index=fn_index,
                api_name=dep.get("api_name"),
                trigger_id=int(trigger) if isinstance(trigger, int) else None,
                inputs=tuple(int(i) for i in dep.get("inputs", [])),
                outputs=tuple(int(i) for i in dep.get("outputs", [])),
                generator=bool((dep.get("types") or {}).get("generator")),
            )
    names = [d.get("api_name") for d in deps if isinstance(d, dict)]
    raise GradioHTTPError(f"no endpoint {name_or_index!r} in /config; api names: {names}")


# --------------------------------------------------------------------------- SSE and diffs


class _SSEDecoder:
    """Turns ``text/event-stream`` lines into the JSON objects of their ``data:`` fields."""

    def __init__(self) -> None:
        self._data: list[str] = []
        self._event: str | None = None

    def feed(self, line: str) -> dict[str, Any] | None:
        line = line.rstrip("\r")
        if line == "":
            return self._flush()
        if line.startswith(":"):
            return None
        key, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if key == "data":
            self._data.append(value)
        elif key == "event":
            self._event = value
        return None

    def _flush(self) -> dict[str, Any] | None:
        if not self._data:
            self._event = None
            return None
        text, event = "\n".join(self._data), self._event
        self._data, self._event = [], None
        try:
            value: Any = json.loads(text)
        except ValueError:
            value = text  # the heartbeat route sends a bare "ALIVE"
        if isinstance(value, dict):
            if event is not None:
                value.setdefault("event", event)
            return value
        return {"msg": event or "raw", "data": value}


def apply_diff(value: Any, diff: list[Any]) -> Any:
    """Replay one ``process_generating`` diff (``[action, path, value]`` edits) on a copy."""
    result = copy.deepcopy(value)
    for action, path, new in diff:
        if not path:
            if action == "replace":
                result = new
            elif action == "append":
                result = result + new
            else:
                raise GradioHTTPError(f"diff action {action!r} on the whole value")
            continue
        target = result
        for key in path[:-1]:
            target = target[key]
        last = path[-1]
        if action == "replace":
            target[last] = new
        elif action == "append":
            target[last] += new
        elif action == "add":
            if isinstance(target, list):
                target.insert(int(last), new)
            else:
                target[last] = new
        elif action == "delete":
            del target[int(last) if isinstance(target, list) else last]
        else:
            raise GradioHTTPError(f"unknown diff action {action!r}")
    return result


# --------------------------------------------------------------------------- results


@dataclass
class Frame:
    """One queue message; ``data`` is the full output list (diffs replayed) for frames."""

    msg: str
    event_id: str | None
    raw: dict[str, Any]
    data: list[Any] | None = None
    at: float = 0.0  # perf_counter() when it arrived


@dataclass
class EventResult:
    """What one queued call came to. Times are seconds from the start of the join request."""

    event_id: str
    success: bool
    output: list[Any] | None
    error: str | None = None
    t_join: float = 0.0  # the join request itself (queue admission)
    t_start: float | None = None  # process_starts
    t_first_frame: float | None = None  # first process_generating (None: not a generator)
    t_total: float = 0.0  # process_completed
    frames: int = 0
    messages: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Pending:
    event_id: str
    started: float
    t_join: float
    last: list[Any] | None = None
    t_start: float | None = None
    t_first: float | None = None
    frames: int = 0
    messages: list[dict[str, Any]] = field(default_factory=list)


class _Tracker:
    """Protocol state shared by the sync and async sessions: pending events, diffs, results."""

    def __init__(self, keep_messages: bool) -> None:
        self.pending: dict[str, _Pending] = {}
        self.done: dict[str, EventResult] = {}
        self.keep_messages = keep_messages

    def joined(self, response: httpx.Response, started: float) -> str:
        if response.status_code != 200:
            raise GradioHTTPError(f"queue/join refused: HTTP {response.status_code} {response.text[:300]}")
        event_id = _json_or_none(response).get("event_id")
        if not isinstance(event_id, str):
            raise GradioHTTPError(f"queue/join answered without an event_id: {response.text[:300]}")
        self.pending[event_id] = _Pending(event_id, started, time.perf_counter() - started)
        return event_id

    def consume(self, message: dict[str, Any]) -> Frame:
        now = time.perf_counter()
        msg = str(message.get("msg", ""))
        event_id = message.get("event_id")
        frame = Frame(msg, event_id if isinstance(event_id, str) else None, message, at=now)
        pending = self.pending.get(frame.event_id or "")
        if msg == "unexpected_error":
            # Not tied to an event: it ends every pending one (server stopped, unknown session).
            for eid in list(self.pending):
                self._finish(eid, now, False, None, str(message.get("message")))
            return frame
        if pending is None:
            return frame
        if self.keep_messages:
            pending.messages.append(message)
        output = message.get("output") if isinstance(message.get("output"), dict) else {}
        data = output.get("data") if isinstance(output, dict) else None
        if msg == "process_starts":
            pending.t_start = now - pending.started
        elif msg in ("process_generating", "process_streaming"):
            pending.frames += 1
            if pending.t_first is None:
                pending.t_first = now - pending.started
            if isinstance(data, list):
                pending.last = data if pending.last is None else [
                    apply_diff(old, d) if isinstance(d, list) else d for old, d in zip(pending.last, data, strict=False)
                ]
                frame.data = pending.last
        elif msg == "process_completed":
            success = bool(message.get("success"))
            final = data if isinstance(data, list) else pending.last
            error = None if success else str((output or {}).get("error") or message.get("title") or "failed")
            frame.data = final
            self._finish(pending.event_id, now, success, final, error)
        return frame

    def _finish(self, event_id: str, now: float, success: bool, output: list[Any] | None, error: str | None) -> None:
        p = self.pending.pop(event_id)
        self.done[event_id] = EventResult(
            event_id=event_id, success=success, output=output, error=error, t_join=p.t_join, t_start=p.t_start,
            t_first_frame=p.t_first, t_total=now - p.started, frames=p.frames, messages=p.messages,
        )

    def fail_all(self, error: str) -> None:
        now = time.perf_counter()
        for eid in list(self.pending):
            self._finish(eid, now, False, None, error)


def _join_body(session_hash: str, endpoint: Endpoint, data: list[Any], event_data: Any,
               trigger_id: int | None) -> dict[str, Any]:
    return {
        "data": data,
        "event_data": event_data,
        "fn_index": endpoint.fn_index,
        "trigger_id": endpoint.trigger_id if trigger_id is None else trigger_id,
        "session_hash": session_hash,
    }


# --------------------------------------------------------------------------- sessions


class Session:
    """One browser tab: a session hash (server-side State lives under it) on a signed-in client."""

    def __init__(self, client: httpx.Client, session_hash: str | None = None, keep_messages: bool = True) -> None:
        self.client = client
        self.session_hash = session_hash or new_session_hash()
        self._config: dict[str, Any] | None = None
        self._tracker = _Tracker(keep_messages)

    def config(self) -> dict[str, Any]:
        if self._config is None:
            response = self.client.get("/config")
            if response.status_code != 200:
                raise GradioHTTPError(f"/config: HTTP {response.status_code} {response.text[:200]}")
            self._config = response.json()
        return self._config

    def endpoint(self, name_or_index: str | int | Endpoint) -> Endpoint:
        if isinstance(name_or_index, Endpoint):
            return name_or_index
        return find_endpoint(self.config(), name_or_index)

    def join(self, fn: str | int | Endpoint, data: list[Any], *, event_data: Any = None,
             trigger_id: int | None = None) -> str:
        """Queue a call; returns its event_id. Read it with :meth:`stream` or :meth:`result`."""
        endpoint = self.endpoint(fn)
        started = time.perf_counter()
        response = self.client.post(f"{API_PREFIX}/queue/join",
                                    json=_join_body(self.session_hash, endpoint, data, event_data, trigger_id))
        return self._tracker.joined(response, started)

    def stream(self, timeout: float = DEFAULT_TIMEOUT) -> Generator[Frame, None, None]:
        """The session's queue messages until the server closes the stream (all events done)."""
        deadline = time.perf_counter() + timeout
        decoder = _SSEDecoder()
        try:
            with self.client.stream("GET", f"{API_PREFIX}/queue/data", params={"session_hash": self.session_hash},
                                    timeout=httpx.Timeout(timeout, read=min(timeout, 30.0))) as response:
                if response.status_code != 200:
                    response.read()
                    raise GradioHTTPError(f"queue/data: HTTP {response.status_code} {response.text[:300]}")
                for line in response.iter_lines():
                    message = decoder.feed(line)
                    if message is not None:
                        frame = self._tracker.consume(message)
                        yield frame
                        if frame.msg in ("close_stream", "unexpected_error"):
                            return
                    if time.perf_counter() > deadline:
                        raise EventTimeout(f"no completion within {timeout:.0f} s")
        except httpx.TimeoutException as exc:
            raise EventTimeout(f"no completion within {timeout:.0f} s ({exc.__class__.__name__})") from exc

    def result(self, event_id: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> EventResult:
        """Read the stream until ``event_id`` (default: the only pending one) completes."""
        wanted = event_id or self._only_pending()
        if wanted in self._tracker.done:
            return self._tracker.done.pop(wanted)
        try:
            with contextlib.closing(self.stream(timeout)) as frames:
                for _frame in frames:
                    # Once it is done, read on to close_stream only if nothing else is pending.
                    if wanted in self._tracker.done and self._tracker.pending:
                        break
        except EventTimeout as exc:
            self._tracker.fail_all(str(exc))
        except httpx.HTTPError as exc:
            self._tracker.fail_all(f"{exc.__class__.__name__}: {exc}")
        if wanted not in self._tracker.done:
            self._tracker.fail_all("the stream closed before process_completed")
        return self._tracker.done.pop(wanted)

    def call(self, fn: str | int | Endpoint, data: list[Any], timeout: float = DEFAULT_TIMEOUT) -> EventResult:
        return self.result(self.join(fn, data), timeout)

    def cancel(self, event_id: str, fn: str | int | Endpoint) -> httpx.Response:
        return raw_cancel(self.client, self.session_hash, self.endpoint(fn).fn_index, event_id)

    def _only_pending(self) -> str:
        if len(self._tracker.pending) != 1:
            raise GradioHTTPError(f"{len(self._tracker.pending)} events pending: say which event_id to wait for")
        return next(iter(self._tracker.pending))


class AsyncSession:
    """:class:`Session` for asyncio (one ``httpx.AsyncClient`` per simulated person)."""

    def __init__(self, client: httpx.AsyncClient, session_hash: str | None = None,
                 keep_messages: bool = False) -> None:
        self.client = client
        self.session_hash = session_hash or new_session_hash()
        self._config: dict[str, Any] | None = None
        self._tracker = _Tracker(keep_messages)

    async def config(self) -> dict[str, Any]:
        if self._config is None:
            response = await self.client.get("/config")
            if response.status_code != 200:
                raise GradioHTTPError(f"/config: HTTP {response.status_code} {response.text[:200]}")
            self._config = response.json()
        return self._config

    async def endpoint(self, name_or_index: str | int | Endpoint) -> Endpoint:
        if isinstance(name_or_index, Endpoint):
            return name_or_index
        return find_endpoint(await self.config(), name_or_index)

    async def join(self, fn: str | int | Endpoint, data: list[Any], *, event_data: Any = None,
                   trigger_id: int | None = None) -> str:
        endpoint = await self.endpoint(fn)
        started = time.perf_counter()
        response = await self.client.post(f"{API_PREFIX}/queue/join",
                                          json=_join_body(self.session_hash, endpoint, data, event_data, trigger_id))
        return self._tracker.joined(response, started)

    async def stream(self, timeout: float = DEFAULT_TIMEOUT) -> AsyncGenerator[Frame, None]:
        deadline = time.perf_counter() + timeout
        decoder = _SSEDecoder()
        try:
            async with self.client.stream("GET", f"{API_PREFIX}/queue/data",
                                          params={"session_hash": self.session_hash},
                                          timeout=httpx.Timeout(timeout, read=min(timeout, 30.0))) as response:
                if response.status_code != 200:
                    await response.aread()
                    raise GradioHTTPError(f"queue/data: HTTP {response.status_code} {response.text[:300]}")
                async for line in response.aiter_lines():
                    message = decoder.feed(line)
                    if message is not None:
                        frame = self._tracker.consume(message)
                        yield frame
                        if frame.msg in ("close_stream", "unexpected_error"):
                            return
                    if time.perf_counter() > deadline:
                        raise EventTimeout(f"no completion within {timeout:.0f} s")
        except httpx.TimeoutException as exc:
            raise EventTimeout(f"no completion within {timeout:.0f} s ({exc.__class__.__name__})") from exc

    async def result(self, event_id: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> EventResult:
        wanted = event_id or self._only_pending()
        if wanted in self._tracker.done:
            return self._tracker.done.pop(wanted)
        try:
            async with contextlib.aclosing(self.stream(timeout)) as frames:
                async for _frame in frames:
                    if wanted in self._tracker.done and self._tracker.pending:
                        break
        except EventTimeout as exc:
            self._tracker.fail_all(str(exc))
        except httpx.HTTPError as exc:
            self._tracker.fail_all(f"{exc.__class__.__name__}: {exc}")
        if wanted not in self._tracker.done:
            self._tracker.fail_all("the stream closed before process_completed")
        return self._tracker.done.pop(wanted)

    async def call(self, fn: str | int | Endpoint, data: list[Any], timeout: float = DEFAULT_TIMEOUT) -> EventResult:
        return await self.result(await self.join(fn, data), timeout)

    def _only_pending(self) -> str:
        if len(self._tracker.pending) != 1:
            raise GradioHTTPError(f"{len(self._tracker.pending)} events pending: say which event_id to wait for")
        return next(iter(self._tracker.pending))


# --------------------------------------------------------------------------- raw helpers


@dataclass
class RawSSE:
    """What an SSE route answered: status, decoded messages, and how the stream ended."""

    status_code: int
    messages: list[dict[str, Any]]
    text: str = ""  # the body, for non-SSE answers (401, 404 JSON)
    ended: str = "closed"  # closed | timeout | max_messages | error: <exception>


def _read_sse(client: httpx.Client, url: str, params: Mapping[str, str] | None, read_for: float,
              max_messages: int) -> RawSSE:
    decoder = _SSEDecoder()
    messages: list[dict[str, Any]] = []
    deadline = time.perf_counter() + read_for
    status = 0
    try:
        with client.stream("GET", url, params=params, timeout=httpx.Timeout(read_for + 5, read=read_for)) as response:
            status = response.status_code
            if "text/event-stream" not in response.headers.get("content-type", ""):
                response.read()
                return RawSSE(status, messages, response.text)
            for line in response.iter_lines():
                message = decoder.feed(line)
                if message is not None:
                    messages.append(message)
                    if len(messages) >= max_messages:
                        return RawSSE(status, messages, ended="max_messages")
                if time.perf_counter() > deadline:
                    return RawSSE(status, messages, ended="timeout")
    except httpx.ReadTimeout:
        return RawSSE(status, messages, ended="timeout")
    except httpx.HTTPError as exc:
        return RawSSE(status, messages, ended=f"error: {exc.__class__.__name__}: {exc}")
    return RawSSE(status, messages)


def raw_queue_data(client: httpx.Client, session_hash: str, *, read_for: float = 5.0,
                   max_messages: int = 50) -> RawSSE:
    """``GET /gradio_api/queue/data?session_hash=…`` for any hash, with the client's cookies."""
    return _read_sse(client, f"{API_PREFIX}/queue/data", {"session_hash": session_hash}, read_for, max_messages)


def raw_heartbeat(client: httpx.Client, session_hash: str, *, read_for: float = 1.0,
                  max_messages: int = 1) -> RawSSE:
    """``GET /gradio_api/heartbeat/<hash>``; by default reads the first ``ALIVE`` and hangs up
    (hanging up is what tells Gradio the tab closed: it runs unload events for that hash)."""
    return _read_sse(client, f"{API_PREFIX}/heartbeat/{session_hash}", None, read_for, max_messages)


def raw_cancel(client: httpx.Client, session_hash: str, fn_index: int, event_id: str) -> httpx.Response:
    """``POST /gradio_api/cancel`` for any session hash and event id."""
    return client.post(f"{API_PREFIX}/cancel",
                       json={"session_hash": session_hash, "fn_index": fn_index, "event_id": event_id})


def raw_join(client: httpx.Client, session_hash: str, fn_index: int, data: list[Any], *,
             trigger_id: int | None = None, event_data: Any = None) -> httpx.Response:
    """``POST /gradio_api/queue/join`` exactly as given (the event is then read with raw_queue_data)."""
    return client.post(f"{API_PREFIX}/queue/join", json={
        "data": data, "event_data": event_data, "fn_index": fn_index, "trigger_id": trigger_id,
        "session_hash": session_hash,
    })
