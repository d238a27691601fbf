"""What a model is given to phrase a move: the planned draft, the recent turns that fit,
a rolling summary of older ones, the passages and the protégé's own words so far.

Used by the say node (and by the guard's one retry). The offline engine needs none of it:
its draft is the reply.
"""

from __future__ import annotations

from typing import Any

from assistant.coach.state import CoachState, Message
from assistant.llm import deadline as D
from assistant.llm.base import Backend, BackendError, ChatTurn, PhraseRequest
from assistant.records import Passage
from assistant.tokens import count_tokens, recent_that_fit

#: Tokens of recent turns a model sees word for word. Older turns reach it through the
#: rolling summary and the slots (the protégé's own words), so the prompt stays about the
#: size of a plain retrieval prompt however long the thread grows.
HISTORY_BUDGET = 200
#: Turns that left that window are folded into the summary once they add up to this many
#: tokens: one summary call every dozen turns or so, when the history no longer fits, never
#: on a timer. Until then the slots carry what they said.
FOLD_BUDGET = 1000
#: Moves whose draft is a record the protégé reads as such (the agenda, what was saved) or a
#: cited answer: said exactly as written, never rephrased by a model.
AS_WRITTEN = frozenset({"logistics_answer", "summary+agenda", "agenda_edit+question", "closing"})

_SLOT_NAMES = {
    "goal": "goal", "success": "success would look like", "reality": "where things stand",
    "obstacles": "what gets in the way", "options": "options", "next_step": "next step",
    "mentor_questions": "questions for the mentor",
}


def window(messages: list[Message]) -> int:
    """How many of the latest messages a model sees word for word (HISTORY_BUDGET)."""
    return recent_that_fit([m["content"] for m in messages], HISTORY_BUDGET)


def request(state: CoachState, correction: str) -> PhraseRequest:
    """The phrasing request for this turn's move (`correction`: why a first try was refused)."""
    earlier = state.get("messages", [])[:-1]
    recent = earlier[len(earlier) - window(earlier):]
    return PhraseRequest(
        move=state["move"],
        stage=state["stage"],
        draft=state["draft"],
        message=state["incoming"],
        history=[ChatTurn(m["role"], m["content"]) for m in recent],
        summary=state.get("summary", ""),
        passages=[Passage.from_dict(p) for p in state.get("passages", [])],
        slots={k: v for k, v in state.get("slots", {}).items() if v},
        correction=correction,
    )


def rolling_summary(state: CoachState, backend: Backend, deadline: D.Deadline, turn_deadline: float) -> dict[str, Any]:
    """Fold the turns that left the recent window into the summary, once they add up to
    FOLD_BUDGET tokens (see there). The summary is optional: if the model can't make it,
    in a third of the turn's time, the slots (the protégé's own words) stand in."""
    messages = state.get("messages", [])[:-1]
    older = len(messages) - window(messages)
    done = state.get("summary_upto", 0)
    if older <= done or sum(count_tokens(m["content"]) + 4 for m in messages[done:older]) < FOLD_BUDGET:
        return {}
    summarize = getattr(backend, "summarize", None)
    turns = [ChatTurn(m["role"], m["content"]) for m in messages[done:older]]
    try:
        if summarize is None:
            raise BackendError("no summariser")
        budget = D.Deadline.until(min(deadline.ends, D.Deadline(turn_deadline / 3).ends))
        text = str(D.call(lambda: summarize(state.get("summary", ""), turns), budget, "the summary"))
    except BackendError:
        text = slot_summary(state.get("slots", {}))
    return {"summary": text, "summary_upto": older}


def slot_summary(slots: dict[str, str]) -> str:
    """The offline rolling summary: what the protégé has said so far, in their words."""
    parts = [f"{label}: “{slots[key]}”" for key, label in _SLOT_NAMES.items() if slots.get(key)]
    return "; ".join(parts)
