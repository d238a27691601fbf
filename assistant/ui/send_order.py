"""Messages from one page go to the coach in the order they were typed.

The browser numbers each send (see SEND_JS in chat_tab.py) and posts it at once, even
while the previous reply is being written; each send then waits here for the one numbered
before it to finish. Separate HTTP requests can overtake each other, so arrival order is
not enough. A number that never arrives (a request lost on the way) holds the next one back
for at most GAP_SECONDS. While they wait, queued messages are shown as sent.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

#: How long a send waits for an earlier number that has not arrived at all.
GAP_SECONDS = 3.0
#: An earlier send running longer than this (a page that stopped reading its reply) no
#: longer holds the next one back; the service still runs turns on a thread one at a time.
STUCK_SECONDS = 120.0


class PageOrder:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._done: dict[str, int] = {}  # per page: the highest number answered
        self._active: dict[str, dict[int, str]] = {}  # per page: number -> text, waiting or running
        self._running: dict[str, set[int]] = {}
        self._started: dict[tuple[str, int], float] = {}  # when each running send began

    @contextmanager
    def send(self, page: str, number: int, text: str) -> Iterator[None]:
        """Hold until every earlier send from this page has been answered (or is missing)."""
        arrived = time.monotonic()
        with self._cond:
            active = self._active.setdefault(page, {})
            active[number] = text
            while True:
                stuck = time.monotonic() - STUCK_SECONDS
                earlier = any(n < number and self._started.get((page, n), time.monotonic()) > stuck for n in active)
                missing = self._done.get(page, 0) < number - 1 and not earlier
                if not earlier and (not missing or time.monotonic() - arrived >= GAP_SECONDS):
                    break
                self._cond.wait(timeout=0.1 if missing else 1.0)
            self._running.setdefault(page, set()).add(number)
            self._started[(page, number)] = time.monotonic()
        try:
            yield
        finally:
            with self._cond:
                self._done[page] = max(self._done.get(page, 0), number)
                self._active[page].pop(number, None)
                self._running[page].discard(number)
                self._started.pop((page, number), None)
                if not self._active[page]:
                    del self._active[page], self._running[page]
                if len(self._done) > 50_000:  # pages come and go; forget the oldest
                    for key in list(self._done)[:25_000]:
                        self._done.pop(key, None)
                self._cond.notify_all()

    def skip(self, page: str, number: int) -> None:
        """A send with nothing in it (Enter on an empty box, the second half of a double
        submit): nothing to wait for, and nothing later waits for it."""
        with self._cond:
            self._done[page] = max(self._done.get(page, 0), number)
            self._cond.notify_all()

    def queued(self, page: str) -> list[str]:
        """Texts sent from this page that are still waiting their turn, in order."""
        with self._cond:
            active, running = self._active.get(page, {}), self._running.get(page, set())
            return [active[n] for n in sorted(active) if n not in running]
