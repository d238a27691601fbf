"""Everything the workspace holds about one person, for `coach export`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.store.models import Agenda, Commitment, Flag, Goal, LogEntry, Pairing, Share, Thread, User


def _row(obj: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in obj.__table__.columns:
        if column.name in skip:
            continue
        value = getattr(obj, column.name)
        out[column.name] = value.isoformat() if hasattr(value, "isoformat") else value
    return out


def export_rows(s: Session, user: User) -> dict[str, Any]:
    names = dict(s.execute(select(User.id, User.name)).tuples().all())
    pairing = s.get(Pairing, user.id)
    mentees = s.scalars(select(Pairing).where(Pairing.mentor_id == user.id))

    def owned(model: Any) -> list[dict[str, Any]]:
        return [_row(r, ("owner_id",)) for r in s.scalars(select(model).where(model.owner_id == user.id))]

    shares = [
        {**_row(r, ("owner_id", "mentor_id")), "mentor": names.get(r.mentor_id)}
        for r in s.scalars(select(Share).where(Share.owner_id == user.id))
    ]
    return {
        # The password hash is a credential, not information about the person.
        "user": _row(user, ("password_hash",)) | {"has_password": bool(user.password_hash)},
        "mentor": names.get(pairing.mentor_id) if pairing else None,
        "proteges": [names.get(p.protege_id) for p in mentees],
        "threads": owned(Thread),
        "goals": owned(Goal),
        "commitments": owned(Commitment),
        "log": owned(LogEntry),
        "agendas": owned(Agenda),
        "shares": shares,
        "flags": owned(Flag),
    }
