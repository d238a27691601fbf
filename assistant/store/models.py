"""Tables of the workspace store. Changes go through an Alembic migration in migrations/."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ROLES = ("protege", "mentor", "staff")
ITEM_TYPES = ("goal", "agenda", "commitment", "log")
OUTCOMES = ("done", "partly", "not_yet", "dropped")
LOG_KINDS = ("strength", "weakness")


def now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    # Timestamps are stored with their zone: SQLite and Postgres then read back the same instant.
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: DateTime(timezone=True)}


class _Owned:
    """A row that belongs to one person: deleting them deletes it (the one place delete cleans)."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)


class _OfThread(_Owned):
    """A row about one preparation thread of its owner."""

    thread_id: Mapped[str] = mapped_column(String(64))


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str | None] = mapped_column(String(255), default=None)
    display_name: Mapped[str | None] = mapped_column(String(128), default=None)
    created_at: Mapped[datetime] = mapped_column(default=now)


class Pairing(Base):
    """One current mentor per protégé; re-pairing replaces it."""

    __tablename__ = "pairings"
    protege_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=now)


class Thread(Base):
    """A preparation conversation; its turns live in the coach's checkpointer under owner/id."""

    __tablename__ = "threads"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=now)


class Goal(_OfThread, Base):
    """The goal of one preparation thread, in the protégé's words."""

    __tablename__ = "goals"
    __table_args__ = (UniqueConstraint("owner_id", "thread_id"),)
    text: Mapped[str] = mapped_column(Text)  # as shown: "I want to lead the launch"
    # How the coach holds it: their words ("lead the launch"), said as an action, said as a goal.
    words: Mapped[str | None] = mapped_column(Text, default=None)
    is_verb: Mapped[bool] = mapped_column(Boolean, default=False)
    said: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now)


class Commitment(_OfThread, Base):
    """Something the protégé said they would do; reviewed at the next preparation."""

    __tablename__ = "commitments"
    __table_args__ = (UniqueConstraint("owner_id", "thread_id", "text"),)
    text: Mapped[str] = mapped_column(Text)
    due: Mapped[str] = mapped_column(String(120), default="")  # their words: "by Friday"
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | OUTCOMES
    reflection: Mapped[str] = mapped_column(Text, default="")
    reviewed_in: Mapped[str | None] = mapped_column(String(64), default=None)
    created_at: Mapped[datetime] = mapped_column(default=now)
    reviewed_at: Mapped[datetime | None] = mapped_column(default=None)


class LogEntry(_Owned, Base):
    """The strengths and weaknesses log: what they noticed, and the evidence for it."""

    __tablename__ = "log_entries"
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text, default="")
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goals.id", ondelete="SET NULL"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=now)


class Agenda(_OfThread, Base):
    """The meeting agenda of one thread: drafted by the coach, edited and approved by the protégé."""

    __tablename__ = "agendas"
    __table_args__ = (UniqueConstraint("owner_id", "thread_id"),)
    markdown: Mapped[str] = mapped_column(Text)
    meeting_at: Mapped[datetime | None] = mapped_column(default=None)
    status: Mapped[str] = mapped_column(String(16), default="draft")  # draft | approved
    # Once the protégé edits the text by hand, the coach's later drafts no longer overwrite it.
    edited: Mapped[bool] = mapped_column(Boolean, default=False)
    # The coach's draft as data: its items and the changes asked for in the chat (JSON), and the
    # draft as rendered before those changes; `markdown` is what the protégé reads and edits.
    draft: Mapped[str | None] = mapped_column(Text, default=None)
    items: Mapped[str | None] = mapped_column(Text, default=None)
    edits: Mapped[str | None] = mapped_column(Text, default=None)
    updated_at: Mapped[datetime] = mapped_column(default=now)
    approved_at: Mapped[datetime | None] = mapped_column(default=None)


class Share(_Owned, Base):
    """One item a protégé shared with their mentor; revoking keeps the row, stamped."""

    __tablename__ = "shares"
    __table_args__ = (UniqueConstraint("owner_id", "mentor_id", "item_type", "item_id"),)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    item_type: Mapped[str] = mapped_column(String(16))
    item_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=now)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)


class Flag(_OfThread, Base):
    """A safety flag for staff: who, how serious, why (a category), when. Never the words."""

    __tablename__ = "flags"
    turn: Mapped[int] = mapped_column(Integer, default=0)
    severity: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=now)
