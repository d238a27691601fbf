"""What the workspace hands out: frozen records, never live ORM objects (no lazy loads
that could reach past an access check)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any


def utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything we store is UTC."""
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@dataclass(frozen=True)
class UserRecord:
    """Who is acting: every store method takes one and checks what it may touch."""

    id: int
    name: str
    role: str


@dataclass(frozen=True)
class ThreadSummary:
    id: str
    created_at: datetime
    goal: str  # in the protégé's words; "" before one is named
    agenda: str  # "", "draft" or "approved"


@dataclass(frozen=True)
class GoalRecord:
    id: int
    owner: str
    thread_id: str
    text: str
    updated_at: datetime


@dataclass(frozen=True)
class CommitmentRecord:
    id: int
    owner: str
    thread_id: str
    text: str
    due: str
    status: str  # open | done | partly | not_yet | dropped
    reflection: str
    created_at: datetime

    @property
    def label(self) -> str:
        return f"{self.text} ({self.due})" if self.due and self.due not in self.text else self.text


@dataclass(frozen=True)
class LogRecord:
    id: int
    owner: str
    kind: str  # strength | weakness
    text: str
    evidence: str
    goal: str  # the linked goal's words, or ""
    created_at: datetime


@dataclass(frozen=True)
class AgendaRecord:
    id: int
    owner: str
    thread_id: str
    markdown: str
    status: str  # draft | approved
    meeting_at: datetime | None
    updated_at: datetime
    approved_at: datetime | None


@dataclass(frozen=True)
class SharedItem:
    """One item a protégé chose to show their mentor."""

    owner: str
    item_type: str
    item_id: int
    text: str
    shared_at: datetime
    meeting_at: datetime | None = None  # agendas only: when the meeting is (UTC)


@dataclass(frozen=True)
class FlagRecord:
    owner: str
    severity: str
    reason: str
    created_at: datetime


@dataclass(frozen=True)
class Overview:
    """What staff see: counts and safety flags, never anyone's words."""

    users: dict[str, int]
    pairings: int
    threads: int
    agendas_approved: int
    commitments: dict[str, int]
    flags: list[FlagRecord]


def as_dict(record: Any) -> dict[str, Any]:
    out = asdict(record)
    for key, value in out.items():
        if isinstance(value, datetime):
            out[key] = value.isoformat()
    return out
