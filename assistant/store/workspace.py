"""The protégé workspace, with its access rules.

Every read and write names the acting user. A protégé's goals, commitments, log, agendas
and threads are theirs; their current mentor sees only the items they shared, one by one,
until they revoke; staff see counts and safety flags, never anyone's words. The rules are
here, in the data layer, so the UI, the CLI and the mentor tools cannot forget them.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from assistant.choices import one_of
from assistant.store import people
from assistant.store.models import (
    LOG_KINDS,
    OUTCOMES,
    Agenda,
    Commitment,
    Flag,
    Goal,
    LogEntry,
    Pairing,
    Share,
    Thread,
    User,
    now,
)
from assistant.store.people import AccessDenied, StoreInputError
from assistant.store.records import (
    AgendaRecord,
    CommitmentRecord,
    GoalRecord,
    LogRecord,
    ThreadSummary,
    UserRecord,
    utc,
)
from assistant.store.sharing import Sharing

MAX_TEXT = 4000
MAX_AGENDA = 20_000
OPEN_STATUSES = ("open", "partly", "not_yet")



def _text(value: str, what: str, limit: int = MAX_TEXT, required: bool = True) -> str:
    text = (value or "").replace("\x00", "").strip()
    if required and not text:
        raise StoreInputError(f"The {what} is empty.")
    if len(text) > limit:
        raise StoreInputError(f"The {what} is too long ({len(text)} characters; at most {limit}).")
    return text


class Workspace(Sharing):
    """People, threads and the protégé's items; sharing and the staff view come from Sharing."""

    # People (operator commands and login) -------------------------------------------------
    def add_user(self, name: str, role: str, password: str | None = None,
                 display_name: str | None = None) -> UserRecord:
        user = User(name=people.check_name(name), role=people.check_role(role),
                    display_name=people.check_display_name(display_name))
        if password is not None:
            user.password_hash = people.hash_password(password)
        try:
            with self._tx() as s:
                s.add(user)
                s.flush()
                return people.record(user)
        except IntegrityError:
            raise StoreInputError(f"A user named {name!r} already exists.") from None

    def set_password(self, name: str, password: str) -> None:
        hashed = people.hash_password(password)
        with self._tx() as s:
            people.find(s, name).password_hash = hashed

    def authenticate(self, name: str, password: str) -> UserRecord | None:
        with self._tx() as s:
            user = s.scalar(select(User).where(User.name == name))
            if not people.password_matches(user.password_hash if user else None, password):
                return None
            assert user is not None  # a match needs a stored hash
            return people.record(user)

    def names_to_withhold(self, name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(others, allowed): the names of everyone in the program a reply to this person
        must not mention, and the names it may (theirs and their mentor's)."""
        with self._tx() as s:
            users = list(s.scalars(select(User)))
            me = next((u for u in users if u.name == name), None)
            mentor = people.mentor_id_of(s, me.id) if me is not None else None
            allowed_ids = {u.id for u in users if u.name == name or u.id == mentor}
            def names(u: User) -> list[str]:
                return [u.name, *([u.display_name] if u.display_name else [])]
            others = tuple(n for u in users if u.id not in allowed_ids for n in names(u))
            allowed = tuple(n for u in users if u.id in allowed_ids for n in names(u))
            return others, allowed

    def login_fingerprint(self, name: str) -> str | None:
        """Changes when the user's password changes; None once the user is gone. Sign-in
        tokens carry it, so a password change or a deletion ends every open session."""
        with self._tx() as s:
            user = s.scalar(select(User).where(User.name == name))
            if user is None:
                return None
            return hashlib.sha256((user.password_hash or "-").encode()).hexdigest()[:16]

    def has_logins(self) -> bool:
        with self._tx() as s:
            found = s.scalar(select(func.count()).select_from(User).where(User.password_hash.is_not(None)))
            return bool(found)

    def user(self, name: str) -> UserRecord:
        with self._tx() as s:
            return people.record(people.find(s, people.check_name(name)))

    def ensure_user(self, name: str, role: str) -> UserRecord:
        """The user, created on first sight (single-user mode and trusted SSO headers)."""
        with self._tx() as s:
            found = s.scalar(select(User).where(User.name == people.check_name(name)))
            if found is not None:
                return people.record(found)
        try:
            return self.add_user(name, role)
        except StoreInputError:  # created meanwhile by another request
            return self.user(name)

    def users(self) -> list[UserRecord]:
        with self._tx() as s:
            return [people.record(u) for u in s.scalars(select(User).order_by(User.name))]

    def pair(self, protege: str, mentor: str) -> None:
        with self._tx() as s:
            p, m = people.find(s, protege), people.find(s, mentor)
            if p.role != "protege" or m.role != "mentor":
                raise StoreInputError(f"Pair a protégé with a mentor ({p.name} is {p.role}, {m.name} is {m.role}).")
            pairing = s.get(Pairing, p.id)
            if pairing is None:
                s.add(Pairing(protege_id=p.id, mentor_id=m.id))
            else:
                pairing.mentor_id, pairing.created_at = m.id, now()

    def mentor_of(self, protege: UserRecord) -> UserRecord | None:
        with self._tx() as s:
            mid = people.mentor_id_of(s, protege.id)
            mentor = s.get(User, mid) if mid else None
            return people.record(mentor) if mentor else None

    def proteges_of(self, mentor: UserRecord) -> list[UserRecord]:
        with self._tx() as s:
            rows = s.scalars(
                select(User).join(Pairing, Pairing.protege_id == User.id).where(Pairing.mentor_id == mentor.id)
            )
            return [people.record(u) for u in rows]

    # Threads ---------------------------------------------------------------------------------
    def register_thread(self, actor: UserRecord, thread_id: str) -> None:
        """The thread is claimed by its first user; only that owner may read or continue it
        afterwards (not a mentor, not staff). The coach calls this before every thread it opens."""
        with self._tx() as s:
            found = s.get(Thread, thread_id)
            if found is None:
                s.add(Thread(id=thread_id, owner_id=actor.id))
            elif found.owner_id != actor.id:
                raise AccessDenied("That conversation is not yours.")

    def threads(self, actor: UserRecord) -> list[str]:
        with self._tx() as s:
            rows = s.scalars(select(Thread.id).where(Thread.owner_id == actor.id).order_by(Thread.created_at))
            return list(rows)

    def thread_overview(self, actor: UserRecord) -> list[ThreadSummary]:
        """The actor's own threads, newest first: when, the goal in their words, where it got to."""
        with self._tx() as s:
            threads = list(s.scalars(select(Thread).where(Thread.owner_id == actor.id)
                                     .order_by(Thread.created_at.desc(), Thread.id)))
            goals = {g.thread_id: g.text for g in s.scalars(select(Goal).where(Goal.owner_id == actor.id))}
            agendas = {a.thread_id: a.status for a in s.scalars(select(Agenda).where(Agenda.owner_id == actor.id))}
            return [ThreadSummary(t.id, utc(t.created_at) or t.created_at, goals.get(t.id, ""),
                                  agendas.get(t.id, "")) for t in threads]

    # Reading someone's items: the one place the sharing rule is decided -----------------------
    def _visible(
        self, s: Session, actor: UserRecord, owner: str | None, item_type: str
    ) -> tuple[User, set[int] | None]:
        """(owner, ids the actor may see, or None for all). Raises AccessDenied otherwise."""
        target = people.find(s, owner) if owner else s.get(User, actor.id)
        if target is None:
            raise AccessDenied("Unknown user.")
        if target.id == actor.id:
            return target, None
        if actor.role == "mentor" and people.mentor_id_of(s, target.id) == actor.id:
            ids = s.scalars(
                select(Share.item_id).where(
                    Share.owner_id == target.id,
                    Share.mentor_id == actor.id,
                    Share.item_type == item_type,
                    Share.revoked_at.is_(None),
                )
            )
            return target, set(ids)
        raise AccessDenied(f"{actor.name} may not see {target.name}'s {item_type} items.")

    def _rows(self, s: Session, actor: UserRecord, owner: str | None, model: Any, item_type: str) -> list[Any]:
        target, allowed = self._visible(s, actor, owner, item_type)
        query = select(model).where(model.owner_id == target.id).order_by(model.id)
        if allowed is not None:
            query = query.where(model.id.in_(allowed or {-1}))
        return list(s.scalars(query))

    def goals(self, actor: UserRecord, owner: str | None = None) -> list[GoalRecord]:
        with self._tx() as s:
            name = owner or actor.name
            return [_goal(g, name) for g in self._rows(s, actor, owner, Goal, "goal")]

    def commitments(
        self, actor: UserRecord, owner: str | None = None, open_only: bool = False
    ) -> list[CommitmentRecord]:
        with self._tx() as s:
            name = owner or actor.name
            rows = self._rows(s, actor, owner, Commitment, "commitment")
            if open_only:
                rows = [c for c in rows if c.status in OPEN_STATUSES]
            return [_commitment(c, name) for c in rows]

    def log(self, actor: UserRecord, owner: str | None = None) -> list[LogRecord]:
        with self._tx() as s:
            name = owner or actor.name
            rows = self._rows(s, actor, owner, LogEntry, "log")
            linked = {r.goal_id for r in rows if r.goal_id}
            goals = {g.id: g.text for g in s.scalars(select(Goal).where(Goal.id.in_(linked)))}
            return [_log(e, name, goals.get(e.goal_id or -1, "")) for e in rows]

    def agendas(self, actor: UserRecord, owner: str | None = None) -> list[AgendaRecord]:
        with self._tx() as s:
            name = owner or actor.name
            return [_agenda(a, name) for a in self._rows(s, actor, owner, Agenda, "agenda")]

    def latest_agenda(self, actor: UserRecord, owner: str | None = None) -> AgendaRecord | None:
        """The most recently updated agenda, approved ones first."""
        found = self.agendas(actor, owner)
        if not found:
            return None
        return max(found, key=lambda a: (a.status == "approved", a.updated_at, a.id))

    # Writing one's own items --------------------------------------------------------------------
    def save_agenda(
        self,
        actor: UserRecord,
        thread_id: str,
        markdown: str,
        meeting_at: datetime | None = None,
        approve: bool = False,
        edited: bool = True,
    ) -> AgendaRecord:
        text = _text(markdown, "agenda", MAX_AGENDA)
        with self._tx() as s:
            _own_thread(s, actor, thread_id)
            row = s.scalar(select(Agenda).where(Agenda.owner_id == actor.id, Agenda.thread_id == thread_id))
            if row is None:
                row = Agenda(owner_id=actor.id, thread_id=thread_id, markdown=text)
                s.add(row)
            row.markdown, row.updated_at = text, now()
            row.edited = bool(row.edited or edited)
            if meeting_at is not None:
                row.meeting_at = meeting_at
            if approve:
                row.status, row.approved_at = "approved", now()
            s.flush()
            return _agenda(row, actor.name)

    def add_commitment(self, actor: UserRecord, thread_id: str, text: str, due: str = "") -> CommitmentRecord:
        body, when = _text(text, "commitment", 500), _text(due, "due date", 120, required=False)
        with self._tx() as s:
            _own_thread(s, actor, thread_id)
            row = s.scalar(
                select(Commitment).where(
                    Commitment.owner_id == actor.id, Commitment.thread_id == thread_id, Commitment.text == body
                )
            )
            if row is None:
                row = Commitment(owner_id=actor.id, thread_id=thread_id, text=body, due=when)
                s.add(row)
                s.flush()
            return _commitment(row, actor.name)

    def review_commitment(
        self, actor: UserRecord, commitment_id: int, status: str, reflection: str = "", thread_id: str | None = None
    ) -> CommitmentRecord:
        one_of(status, OUTCOMES, "outcome", StoreInputError)
        words = _text(reflection, "reflection", required=False)
        with self._tx() as s:
            row = s.get(Commitment, commitment_id)
            if row is None or row.owner_id != actor.id:
                raise AccessDenied("That commitment is not yours.")
            row.status, row.reflection, row.reviewed_at = status, words or row.reflection, now()
            row.reviewed_in = thread_id or row.reviewed_in
            return _commitment(row, actor.name)

    def add_log_entry(
        self, actor: UserRecord, kind: str, text: str, evidence: str = "", goal_id: int | None = None
    ) -> LogRecord:
        one_of(kind, LOG_KINDS, "log kind", StoreInputError)
        body, proof = _text(text, "log entry"), _text(evidence, "evidence", required=False)
        with self._tx() as s:
            goal_text = ""
            if goal_id is not None:
                goal = s.get(Goal, goal_id)
                if goal is None or goal.owner_id != actor.id:
                    raise AccessDenied("That goal is not yours.")
                goal_text = goal.text
            row = LogEntry(owner_id=actor.id, kind=kind, text=body, evidence=proof, goal_id=goal_id)
            s.add(row)
            s.flush()
            return _log(row, actor.name, goal_text)

    # The coach's thread state, mirrored into the workspace after each turn ------------------------
    def thread_records(self, actor: UserRecord, thread_id: str) -> dict[str, Any]:
        """The thread's goal, agenda and commitments as the coach holds them (it owns none)."""
        from assistant.store.sync import load_records

        with self._tx() as s:
            _own_thread(s, actor, thread_id)
            return load_records(s, actor.id, thread_id)

    def save_thread_records(self, actor: UserRecord, thread_id: str, records: dict[str, Any]) -> None:
        from assistant.store.sync import save_records

        with self._tx() as s:
            _own_thread(s, actor, thread_id)
            save_records(s, actor.id, thread_id, records)

    def record_checkins(self, actor: UserRecord, thread_id: str, state: dict[str, Any]) -> None:
        """What a turn's check-in decided about earlier commitments, and its flags for staff
        (the goal, agenda and commitments are written by the turn itself: save_thread_records)."""
        from assistant.store.sync import apply_checkins_and_flags

        with self._tx() as s:
            _own_thread(s, actor, thread_id)
            apply_checkins_and_flags(s, actor.id, thread_id, state)

    # Data-subject requests (operator) -----------------------------------------------------------
    def export_user(self, name: str) -> dict[str, Any]:
        from assistant.store.privacy import export_rows

        with self._tx() as s:
            return export_rows(s, people.find(s, name))

    def delete_user(self, name: str) -> list[str]:
        """Hard-delete the user and everything they own; returns their thread ids so the
        caller can delete the conversations held by the coach's checkpointer."""
        with self._tx() as s:
            user = people.find(s, name)
            threads = list(s.scalars(select(Thread.id).where(Thread.owner_id == user.id)))
            for model in (Share, Flag, LogEntry, Agenda, Commitment, Goal, Thread):
                s.execute(delete(model).where(model.owner_id == user.id))
            s.execute(delete(Share).where(Share.mentor_id == user.id))
            s.execute(delete(Pairing).where((Pairing.protege_id == user.id) | (Pairing.mentor_id == user.id)))
            s.delete(user)
        return threads


def _own_thread(s: Session, actor: UserRecord, thread_id: str) -> None:
    found = s.get(Thread, thread_id)
    if found is None or found.owner_id != actor.id:
        raise AccessDenied("That conversation is not yours.")


def _goal(g: Goal, owner: str) -> GoalRecord:
    return GoalRecord(g.id, owner, g.thread_id, g.text, utc(g.updated_at) or now())


def _commitment(c: Commitment, owner: str) -> CommitmentRecord:
    return CommitmentRecord(c.id, owner, c.thread_id, c.text, c.due, c.status, c.reflection, utc(c.created_at) or now())


def _log(e: LogEntry, owner: str, goal: str) -> LogRecord:
    return LogRecord(e.id, owner, e.kind, e.text, e.evidence, goal, utc(e.created_at) or now())


def _agenda(a: Agenda, owner: str) -> AgendaRecord:
    return AgendaRecord(
        a.id, owner, a.thread_id, a.markdown, a.status, utc(a.meeting_at), utc(a.updated_at) or now(),
        utc(a.approved_at),
    )
