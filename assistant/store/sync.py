"""Mirror what the coach learned in a thread into the workspace: the goal, the agenda draft
and its approval, commitments, check-in outcomes and safety flags.

Runs after the turn is checkpointed, so a store hiccup never costs the protégé a message;
every step is an idempotent upsert, so replaying a thread's state is harmless.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.store.models import OUTCOMES, Agenda, Commitment, Flag, Goal, now


def goal_words(state: dict[str, Any]) -> str:
    goal = str(state.get("slots", {}).get("goal", "")).strip()
    if goal and state.get("goal_is_verb"):
        return f"I want to {goal}"
    return goal


def agenda_with_changes(state: dict[str, Any]) -> str:
    """The coach's draft plus the changes the protégé asked for in the chat, in their words."""
    draft = str(state.get("agenda", "")).strip()
    edits = [e for e in state.get("agenda_edits", []) if e.strip()]
    if not draft or not edits:
        return draft
    return draft + "\n\nChanges I asked for:\n" + "\n".join(f"- “{e}”" for e in edits)


def thread_commitments(state: dict[str, Any]) -> list[dict[str, str]]:
    found = list(state.get("commitments", []))
    step = str(state.get("slots", {}).get("next_step", "")).strip()
    if step and all(c.get("text") != step for c in found):
        found.append({"text": step, "due": ""})
    return found


def apply_thread_state(s: Session, owner_id: int, thread_id: str, state: dict[str, Any]) -> None:
    goal = goal_words(state)
    if goal:
        row = s.scalar(select(Goal).where(Goal.owner_id == owner_id, Goal.thread_id == thread_id))
        if row is None:
            s.add(Goal(owner_id=owner_id, thread_id=thread_id, text=goal))
        elif row.text != goal:
            row.text, row.updated_at = goal, now()

    markdown = agenda_with_changes(state)
    if markdown:
        agenda = s.scalar(select(Agenda).where(Agenda.owner_id == owner_id, Agenda.thread_id == thread_id))
        if agenda is None:
            agenda = Agenda(owner_id=owner_id, thread_id=thread_id, markdown=markdown, edited=False)
            s.add(agenda)
        elif not agenda.edited and agenda.status == "draft" and agenda.markdown != markdown:
            agenda.markdown, agenda.updated_at = markdown, now()
        if state.get("agenda_approved") and agenda.status != "approved":
            agenda.status, agenda.approved_at, agenda.updated_at = "approved", now(), now()

    for item in thread_commitments(state):
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
