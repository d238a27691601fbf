"""One turn at a time per thread, in the order the messages arrived.

Two messages to one thread at once (a fast second send, two tabs, a retry) would each read
the thread before the other wrote it, and one of them would be lost. Turns on a thread
therefore queue; threads never wait for each other. `threading.Lock` does not promise
first-come-first-served, so this hands out tickets instead.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class TurnOrder:
    def __init__(self) -> None:
        self._guard = threading.Condition()
        self._next: dict[str, int] = {}  # the next ticket to hand out, per thread
        self._serving: dict[str, int] = {}  # the ticket whose turn it is, per thread

    @contextmanager
    def turn(self, key: str) -> Iterator[None]:
        with self._guard:
            ticket = self._next.get(key, 0)
            self._next[key] = ticket + 1
            self._serving.setdefault(key, ticket)
            while self._serving[key] != ticket:
                self._guard.wait()
        try:
            yield
        finally:
            with self._guard:
                self._serving[key] = ticket + 1
                if self._serving[key] == self._next[key]:  # nobody waiting: forget the thread
                    del self._serving[key], self._next[key]
                self._guard.notify_all()

    def waiting(self, key: str) -> int:
        """How many turns are queued or running on this thread."""
        with self._guard:
            return self._next.get(key, 0) - self._serving.get(key, 0)
