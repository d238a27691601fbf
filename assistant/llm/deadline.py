"""Calls to a language model that never hold a turn past its deadline.

A model server can hang after sending headers, trickle tokens, or raise anything at all;
the protégé should wait at most the turn's deadline and then get the built-in coach's
answer with a notice. The call runs on a worker thread so the wait can be abandoned even
when the HTTP client is blocked in a read (its own timeout ends the thread later).
"""

from __future__ import annotations

import contextvars
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar

from assistant.llm.base import Backend, BackendError, PhraseRequest

T = TypeVar("T")

# Shared by every turn of the process; abandoned calls hold a worker until their HTTP
# timeout, so there are more workers than the UI's concurrent turns.
_POOL = ThreadPoolExecutor(max_workers=32, thread_name_prefix="llm-call")


class Deadline:
    """The time left for model calls in one turn."""

    # Wall-clock time, because the end is kept in the turn's state between graph nodes.
    def __init__(self, seconds: float, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self.ends = clock() + seconds

    @classmethod
    def until(cls, ends: float) -> Deadline:
        deadline = cls(0.0)
        deadline.ends = ends
        return deadline

    def left(self) -> float:
        return max(0.0, self.ends - self._clock())


def call(fn: Callable[[], T], deadline: Deadline, what: str = "the language model") -> T:
    """fn() within the deadline; every failure (including the deadline) is a BackendError."""
    seconds = deadline.left()
    if seconds <= 0.05:
        raise BackendError(f"no time left for {what}")
    # In the caller's context, so what the turn's graph keeps there (its stream writer,
    # its config) is reachable from the worker thread too.
    future = _POOL.submit(contextvars.copy_context().run, fn)
    try:
        return future.result(timeout=seconds)
    except FutureTimeout:
        future.cancel()
        raise BackendError(f"{what} did not finish within the turn's time") from None
    except BackendError:
        raise
    except Exception as exc:  # a backend that raises something else is still a backend failure
        raise BackendError(f"{what} failed ({type(exc).__name__})") from None


#: Where a sentence ends: . ! ? or … with any closing quotes or brackets, then a space.
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s+")


def phrase(backend: Backend, request: PhraseRequest, deadline: Deadline,
           release: Callable[[str], None] | None = None) -> str:
    """The whole reply of one phrasing call, or BackendError. With `release`, each time the
    stream completes a sentence it is called with the reply up to that sentence's end."""

    def run() -> str:
        parts: list[str] = []
        released = 0
        for chunk in backend.phrase(request):
            parts.append(chunk)
            if release is not None:
                text = "".join(parts)
                ends = [m.end() for m in _SENTENCE_END.finditer(text, released)]
                if ends:
                    released = ends[-1]
                    release(text[:released].strip())
        return "".join(parts).strip()

    return call(run, deadline)
