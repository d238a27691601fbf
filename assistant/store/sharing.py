"""Sharing (per item, revocable, only with the current mentor) and the staff overview.

Split from workspace.py to keep each file readable; the Workspace class inherits these.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from assistant.choices import one_of
from assistant.store import models, people
from assistant.store.models import Agenda, Commitment, Flag, Goal, LogEntry, Pairing, Share, Thread, User, now
from assistant.store.people import AccessDenied, StoreInputError
from assistant.store.records import FlagRecord, Overview, SharedItem, UserRecord, utc

ITEM_MODELS: dict[str, Any] = {"goal": Goal, "agenda": Agenda, "commitment": Commitment, "log": LogEntry}


class StoreBase:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session


class Sharing(StoreBase):
    # Sharing -------------------------------------------------------------------------------------
    def share(self, actor: UserRecord, item_type: str, item_id: int) -> UserRecord:
        """Show one of your items to your current mentor; returns the mentor."""
        with self._tx() as s:
            _own_item(s, actor, item_type, item_id)
            mentor_id = people.mentor_id_of(s, actor.id)
            mentor = s.get(User, mentor_id) if mentor_id else None
            if mentor is None:
                raise StoreInputError("You have no mentor yet; ask your program coordinator to pair you.")
            row = s.scalar(
                select(Share).where(
                    Share.owner_id == actor.id,
                    Share.mentor_id == mentor.id,
                    Share.item_type == item_type,
                    Share.item_id == item_id,
                )
            )
            if row is None:
                s.add(Share(owner_id=actor.id, mentor_id=mentor.id, item_type=item_type, item_id=item_id))
            else:
                row.revoked_at, row.created_at = None, now()
            return people.record(mentor)

    def revoke(self, actor: UserRecord, item_type: str, item_id: int) -> None:
        with self._tx() as s:
            _own_item(s, actor, item_type, item_id)
            for row in s.scalars(
                select(Share).where(
                    Share.owner_id == actor.id, Share.item_type == item_type, Share.item_id == item_id,
                    Share.revoked_at.is_(None),
                )
            ):
                row.revoked_at = now()

    def shared_keys(self, actor: UserRecord) -> set[tuple[str, int]]:
        """(item_type, id) of the actor's items their current mentor can see."""
        with self._tx() as s:
            mentor_id = people.mentor_id_of(s, actor.id)
            rows = s.execute(
                select(Share.item_type, Share.item_id).where(
                    Share.owner_id == actor.id, Share.mentor_id == mentor_id, Share.revoked_at.is_(None)
                )
            )
            return {(t, i) for t, i in rows}

    def shared_with(self, actor: UserRecord, owner: str | None = None) -> list[SharedItem]:
        """Everything the actor's current protégés shared with them (one protégé with owner=)."""
        if actor.role != "mentor":
            raise AccessDenied("Only mentors receive shared items.")
        with self._tx() as s:
            query = (
                select(Share, User)
                .join(User, User.id == Share.owner_id)
                .join(Pairing, (Pairing.protege_id == Share.owner_id) & (Pairing.mentor_id == actor.id))
                .where(Share.mentor_id == actor.id, Share.revoked_at.is_(None))
                .order_by(Share.created_at)
            )
            if owner:
                query = query.where(User.name == owner)
            items = []
            for share, user in s.execute(query).tuples():
                model = ITEM_MODELS[share.item_type]
                row = s.get(model, share.item_id)
                if row is None or row.owner_id != user.id:
                    continue
                meeting_at = utc(row.meeting_at) if isinstance(row, Agenda) else None
                items.append(SharedItem(user.name, share.item_type, share.item_id, _item_text(row),
                                        utc(share.created_at) or now(), meeting_at))
            return items

    # Staff ---------------------------------------------------------------------------------------
    def overview(self, actor: UserRecord) -> Overview:
        if actor.role != "staff":
            raise AccessDenied("Only program staff see the program overview.")
        with self._tx() as s:
            roles = Counter(dict(s.execute(select(User.role, func.count()).group_by(User.role)).tuples().all()))
            by_status = select(Commitment.status, func.count()).group_by(Commitment.status)
            statuses = dict(s.execute(by_status).tuples().all())
            flags = [
                FlagRecord(name, f.severity, f.reason, utc(f.created_at) or now())
                for f, name in s.execute(
                    select(Flag, User.name).join(User, User.id == Flag.owner_id).order_by(Flag.created_at.desc())
                ).tuples()
            ]
            return Overview(
                users=dict(roles),
                pairings=s.scalar(select(func.count()).select_from(Pairing)) or 0,
                threads=s.scalar(select(func.count()).select_from(Thread)) or 0,
                agendas_approved=s.scalar(select(func.count()).select_from(Agenda).where(Agenda.status == "approved"))
                or 0,
                commitments=statuses,
                flags=flags,
            )


def _own_item(s: Session, actor: UserRecord, item_type: str, item_id: int) -> Any:
    one_of(item_type, models.ITEM_TYPES, "item type", StoreInputError)
    row = s.get(ITEM_MODELS[item_type], item_id)
    if row is None or row.owner_id != actor.id:
        raise AccessDenied(f"That {item_type} is not yours.")
    return row


def _item_text(row: Any) -> str:
    if isinstance(row, Agenda):
        return row.markdown
    if isinstance(row, Commitment):
        outcome = f" — {row.status.replace('_', ' ')}" if row.status != "open" else ""
        return f"{row.text}{f' ({row.due})' if row.due and row.due not in row.text else ''}{outcome}"
    if isinstance(row, LogEntry):
        return f"{row.kind.title()}: {row.text}" + (f" (evidence: {row.evidence})" if row.evidence else "")
    return str(row.text)
