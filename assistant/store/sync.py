"""A thread's records in the workspace tables: its goal, agenda draft (and approval) and
commitments, read for the coach at the start of a turn and written back at its end
(coach/thread_records.py), and the check-in outcomes and safety flags a turn produced.

Every step is an idempotent upsert, so writing a turn twice is harmless.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.language.verbs import as_wanted
from assistant.store.models import OUTCOMES, Agenda, Commitment, Flag, Goal, now


def goal_words(records: dict[str, Any]) -> str:
    """The goal as the protégé reads it ("I want to lead the launch")."""
    goal = str(records.get("goal", "")).strip()
    return as_wanted(goal) if records.get("goal_is_verb") else goal


def agenda_with_changes(records: dict[str, Any]) -> str:
    """The coach's draft plus the changes the protégé asked for in the chat, in their words."""
    draft = str(records.get("agenda", "")).strip()
    edits = [e for e in records.get("agenda_edits", []) if e.strip()]
    if not draft or not edits:
        return draft
    return draft + "\n\nChanges I asked for:\n" + "\n".join(f"- “{e}”" for e in edits)


def load_records(s: Session, owner_id: int, thread_id: str) -> dict[str, Any]:
    """The thread's records as the coach holds them; a field the store has nothing for is absent."""
    out: dict[str, Any] = {}
    goal = s.scalar(select(Goal).where(Goal.owner_id == owner_id, Goal.thread_id == thread_id))
    if goal is not None and goal.words:
        out.update(goal=goal.words, goal_is_verb=goal.is_verb, goal_said=goal.said)
    agenda = s.scalar(select(Agenda).where(Agenda.owner_id == owner_id, Agenda.thread_id == thread_id))
    if agenda is not None and agenda.items is not None:
        out.update(agenda=agenda.draft or "", agenda_items=json.loads(agenda.items),
                   agenda_edits=json.loads(agenda.edits or "[]"), agenda_approved=agenda.status == "approved")
    elif agenda is not None and agenda.status == "approved":
        out["agenda_approved"] = True
    rows = s.scalars(select(Commitment).where(Commitment.owner_id == owner_id, Commitment.thread_id == thread_id)
                     .order_by(Commitment.id))
    commitments = [{"text": c.text, "due": c.due} for c in rows]
    if commitments:
        out["commitments"] = commitments
    return out


def save_records(s: Session, owner_id: int, thread_id: str, records: dict[str, Any]) -> None:
    goal = goal_words(records)
    if goal:
        row = s.scalar(select(Goal).where(Goal.owner_id == owner_id, Goal.thread_id == thread_id))
        if row is None:
            row = Goal(owner_id=owner_id, thread_id=thread_id, text=goal)
            s.add(row)
        elif row.text != goal:
            row.text, row.updated_at = goal, now()
        row.words, row.is_verb, row.said = (str(records["goal"]), bool(records.get("goal_is_verb")),
                                            bool(records.get("goal_said")))

    markdown = agenda_with_changes(records)
    if markdown:
        agenda = s.scalar(select(Agenda).where(Agenda.owner_id == owner_id, Agenda.thread_id == thread_id))
        if agenda is None:
            agenda = Agenda(owner_id=owner_id, thread_id=thread_id, markdown=markdown, edited=False)
            s.add(agenda)
        items = json.dumps(list(records.get("agenda_items", [])), ensure_ascii=False)
        if (agenda.status == "approved" and not records.get("agenda_approved") and not agenda.edited
                and agenda.items is not None and agenda.items != items):
            # Changed in the chat after approving ("can you add…"): a draft again, theirs to
            # approve again. A version they edited by hand is never overwritten.
            agenda.status, agenda.approved_at = "draft", None
        if not agenda.edited and agenda.status == "draft" and agenda.markdown != markdown:
            agenda.markdown, agenda.updated_at = markdown, now()
        agenda.draft = str(records.get("agenda", ""))
        agenda.items = items
        agenda.edits = json.dumps(list(records.get("agenda_edits", [])), ensure_ascii=False)
        if records.get("agenda_approved") and agenda.status != "approved":
            agenda.status, agenda.approved_at, agenda.updated_at = "approved", now(), now()

    for item in records.get("commitments", []):
        text = str(item.get("text", "")).strip()[:500]
        if not text:
            continue
        exists = s.scalar(
            select(Commitment.id).where(
                Commitment.owner_id == owner_id, Commitment.thread_id == thread_id, Commitment.text == text
            )
        )
        if exists is None:
            s.add(Commitment(owner_id=owner_id, thread_id=thread_id, text=text, due=str(item.get("due", ""))[:120]))


def apply_checkins_and_flags(s: Session, owner_id: int, thread_id: str, state: dict[str, Any]) -> None:
    """What a turn's check-in decided about earlier commitments, and its flags for staff."""
    for outcome in state.get("review_outcomes", []):
        status = outcome.get("status")
        commitment = s.get(Commitment, int(outcome.get("id", -1)))
        if status not in OUTCOMES or commitment is None or commitment.owner_id != owner_id:
            continue  # an id from someone else's list is ignored, never applied
        reflection = str(outcome.get("reflection", ""))[:4000]
        if (commitment.status, commitment.reflection, commitment.reviewed_in) != (status, reflection, thread_id):
            commitment.status, commitment.reflection = status, reflection
            commitment.reviewed_in, commitment.reviewed_at = thread_id, now()

    for flag in state.get("flags", []):
        turn = int(flag.get("turn", 0))
        exists = s.scalar(
            select(Flag.id).where(Flag.owner_id == owner_id, Flag.thread_id == thread_id, Flag.turn == turn)
        )
        if exists is None:
            s.add(Flag(owner_id=owner_id, thread_id=thread_id, turn=turn,
                       severity=str(flag.get("severity", "")), reason=str(flag.get("reason", ""))[:200]))

