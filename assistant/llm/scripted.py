"""A backend that answers from a script: for tests, demos and the evaluation suite.

It is a backend like any other; the evaluation suite uses it to prove that a directive
model is caught (the guard) and that the runner fails a directive assistant.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from assistant.llm.base import BackendError, PhraseRequest


class ScriptedBackend:
    name = "scripted"

    def __init__(self, replies: Iterable[str | Exception], repeat_last: bool = True) -> None:
        self._replies = list(replies)
        self._repeat_last = repeat_last
        self.requests: list[PhraseRequest] = []

    def phrase(self, request: PhraseRequest) -> Iterator[str]:
        self.requests.append(request)
        if not self._replies:
            raise BackendError("the script has no more replies")
        reply = (
            self._replies[0]
            if (len(self._replies) == 1 and self._repeat_last)
            else self._replies.pop(0)
        )
        if isinstance(reply, Exception):
            raise reply
        for word in reply.split(" "):
            yield word + " "
