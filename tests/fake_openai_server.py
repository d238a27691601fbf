"""A real HTTP server on loopback that speaks the OpenAI chat-completions API.

Tests script what it answers (replies, HTTP errors, slow streams) and read back the
request bodies it received, so the `openai` backend is exercised through the real
`openai` client and real sockets, not through mocks.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.config import Settings

#: Ways a model server misbehaves on a streaming request (all seen in the wild):
FAULTS = (
    "json_for_stream",  # a plain chat.completion JSON body although a stream was asked for
    "done_only",  # a stream with no chunks, only `data: [DONE]`
    "malformed_sse",  # events whose data is not JSON
    "truncated",  # a few chunks, then the connection closes: no finish_reason, no [DONE]
    "length",  # the model stops at its token limit: finish_reason "length"
    "empty",  # finish_reason "stop" with no text at all
    "hang",  # headers, then nothing until the client gives up
)


@dataclass
class Scripted:
    text: str = ""
    status: int = 200
    delay: float = 0.0  # seconds before each streamed chunk
    fault: str = ""  # one of FAULTS


@dataclass
class FakeOpenAI:
    replies: list[Scripted] = field(default_factory=list)
    # Extraction and summary calls get their own queues, so tests script the chat replies
    # without counting the coach's side calls.
    extractions: list[str] = field(default_factory=list)
    summaries: list[str] = field(default_factory=list)
    summary_fault: str = ""  # every summary call misbehaves this way (one of FAULTS)
    # JSON-returning calls answered by what the prompt contains (order-free, for parallel callers).
    answers_by_text: dict[str, str] = field(default_factory=dict)
    requests: list[dict[str, Any]] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def script(self, *replies: Scripted | str) -> None:
        self.replies.extend(r if isinstance(r, Scripted) else Scripted(r) for r in replies)

    def next_reply(self, body: dict[str, Any]) -> Scripted:
        last = str((body.get("messages") or [{}])[-1].get("content", ""))
        if "Return only the JSON object." in last:
            for needle, answer in self.answers_by_text.items():
                if needle in last:
                    return Scripted(answer)
            return Scripted(self.extractions.pop(0) if self.extractions else "{}")
        if "Summarise the earlier part" in last:
            if self.summary_fault:
                return Scripted("Earlier the protégé said things", fault=self.summary_fault, delay=3)
            return Scripted(self.summaries.pop(0) if self.summaries else "Earlier: the protégé set a goal.")
        return self.replies.pop(0) if self.replies else Scripted("What matters most to you here?")

    def chat_requests(self) -> list[dict[str, Any]]:
        """Requests for the coach's reply itself (not extraction or summaries)."""
        return [
            r for r in self.requests
            if r["path"].endswith("/chat/completions")
            and "Planned move:" in str(r["body"]["messages"][-1].get("content", ""))
        ]

    def start(self) -> FakeOpenAI:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
                if self.path.endswith("/embeddings"):
                    payload = json.dumps(_embeddings(body))
                    self._send(200, "application/json", payload.encode())
                    return
                reply = fake.next_reply(body)
                if reply.status != 200:
                    payload = json.dumps({"error": {"message": "scripted failure", "type": "server_error"}})
                    self._send(reply.status, "application/json", payload.encode())
                    return
                if body.get("stream"):
                    self._stream(reply, body.get("model", "fake"))
                else:
                    payload = json.dumps(_completion(reply.text, body.get("model", "fake")))
                    self._send(200, "application/json", payload.encode())

            def _send(self, status: int, ctype: str, data: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, reply: Scripted, model: str) -> None:
                if reply.fault == "json_for_stream":
                    self._send(200, "application/json", json.dumps(_completion(reply.text, model)).encode())
                    return
                self._start_events()
                if reply.fault:
                    self._fault(reply, model)
                    return
                words = reply.text.split(" ")
                try:
                    for i, word in enumerate(words):
                        if reply.delay:
                            time.sleep(reply.delay)
                        piece = word if i == len(words) - 1 else word + " "
                        self._event(_chunk(piece, model, None))
                    self._event(_chunk("", model, "stop"))
                    self.wfile.write(b"data: [DONE]\n\n")
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)
                self.close_connection = True

            def _start_events(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()

            def _fault(self, reply: Scripted, model: str) -> None:
                words = reply.text.split(" ")
                try:
                    if reply.fault == "done_only":
                        self.wfile.write(b"data: [DONE]\n\n")
                    elif reply.fault == "malformed_sse":
                        self.wfile.write(b"data: {not json at all\n\ndata: <html>oops</html>\n\n")
                    elif reply.fault in ("truncated", "length"):
                        for word in words[: max(1, len(words) // 2)]:
                            self._event(_chunk(word + " ", model, None))
                        if reply.fault == "length":
                            self._event(_chunk("", model, "length"))
                            self.wfile.write(b"data: [DONE]\n\n")
                    elif reply.fault == "empty":
                        self._event(_chunk("", model, "stop"))
                        self.wfile.write(b"data: [DONE]\n\n")
                    elif reply.fault == "hang":
                        self.wfile.flush()
                        time.sleep(reply.delay or 30)
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True

            def _event(self, data: dict[str, Any]) -> None:
                self.wfile.write(f"data: {json.dumps(data)}\n\n".encode())
                self.wfile.flush()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


def openai_settings(fake: FakeOpenAI, tmp_path: Path, **extra: object) -> Settings:
    """Settings for the `openai` backend against this server: no retries, short timeouts."""
    from assistant.config import load_settings

    values: dict[str, object] = {
        "backend": "openai",
        "openai_base_url": fake.base_url,
        "openai_api_key": "sk-test-0000",
        "model": "coach-test",
        "data_dir": tmp_path / "data",
        "max_retries": 0,
        "request_timeout": 5.0,
        "max_reply_tokens": 120,
    }
    values.update(extra)
    return load_settings(**values)


def _chunk(text: str, model: str, finish: str | None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": {"role": "assistant", "content": text}, "finish_reason": finish}],
    }


def _completion(text: str, model: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _embeddings(body: dict[str, Any]) -> dict[str, Any]:
    """Deterministic bag-of-words vectors: texts sharing words are close, as with a real model."""
    import hashlib

    texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
    data = []
    for i, text in enumerate(texts):
        vec = [0.0] * 64
        for word in str(text).lower().split():
            vec[int(hashlib.md5(word.strip(".,?!").encode()).hexdigest(), 16) % 64] += 1.0
        norm = sum(v * v for v in vec) ** 0.5 or 1.0
        data.append({"object": "embedding", "index": i, "embedding": [v / norm for v in vec]})
    usage = {"prompt_tokens": 1, "total_tokens": 1}
    return {"object": "list", "data": data, "model": body.get("model", "fake"), "usage": usage}
