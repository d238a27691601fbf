"""Small typed records shared across rooms (knowledge, coach, UI, CLI)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: A commitment's status in words, for every place that shows it (staff overview, check-in
#: summary, the protégé's panel), in the order a commitment lives. The statuses a check-in
#: can record are store.models.OUTCOMES.
STATUS_WORDS = {"open": "open", "done": "done", "partly": "partly done", "not_yet": "not done yet",
                "dropped": "dropped"}


@dataclass(frozen=True)
class Passage:
    """A retrieved piece of program guidance; what the user sees as a citation."""

    text: str
    source: str  # file name relative to the knowledge root, e.g. "preparing-for-a-session.md"
    section: str  # heading path, e.g. "Before the meeting > Questions to bring"
    score: float  # higher is more relevant, in [0, 1]
    page: int | None = None  # PDFs only

    @property
    def label(self) -> str:
        where = f"{self.source} › {self.section}" if self.section else self.source
        return f"{where} (p. {self.page})" if self.page else where

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Passage:
        return cls(
            text=str(data["text"]),
            source=str(data["source"]),
            section=str(data.get("section", "")),
            score=float(data.get("score", 0.0)),
            page=data.get("page"),
        )


@dataclass(frozen=True)
class Partial:
    """The part of a model's reply that is written and checked so far (whole sentences,
    each passed by the guard), sent while the rest is still coming. The Reply that follows
    is what counts: it can differ when the rest of the reply fails the guard."""

    text: str


@dataclass
class Reply:
    """One assistant turn as the UI and the CLI receive it."""

    text: str
    stage: str
    move: str
    route: str
    backend: str
    citations: list[Passage] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    # The thread after this turn, for the panels (saves the UI re-reading the whole state).
    slots: dict[str, str] = field(default_factory=dict)
    support: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "stage": self.stage,
            "move": self.move,
            "route": self.route,
            "backend": self.backend,
            "citations": [p.label for p in self.citations],
            "sources": [p.to_dict() for p in self.citations],
            "notices": self.notices,
        }
