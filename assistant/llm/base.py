"""The one small interface every chat backend implements.

The coaching engine decides *what* to do (the move); a backend only decides how to
*say* it. The offline engine, the OpenAI-compatible backend and the scripted test
backend are all backends like any other.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from assistant.records import Passage


@dataclass(frozen=True)
class ChatTurn:
    role: str  # "user" (the protégé) or "assistant"
    content: str


@dataclass(frozen=True)
class PhraseRequest:
    """Everything a backend needs to phrase one move."""

    move: str  # e.g. "open_question", "reflection+question", "summary", "escalation"
    stage: str  # GROW stage: goal, reality, options, will
    draft: str  # the offline engine's realization; always non-directive
    message: str  # the protégé's latest message (already length-bounded)
    history: list[ChatTurn] = field(default_factory=list)  # recent turns, oldest first
    summary: str = ""  # rolling summary of older turns
    passages: list[Passage] = field(default_factory=list)
    slots: dict[str, str] = field(default_factory=dict)  # protégé's own words by slot
    correction: str = ""  # set when a previous attempt was rejected by the guard


class BackendError(RuntimeError):
    """The backend could not answer (timeout, HTTP error, bad response)."""


class Backend(Protocol):
    name: str

    def phrase(self, request: PhraseRequest) -> Iterator[str]:
        """Yield the reply text in chunks. Raise BackendError when it cannot answer."""
        ...
