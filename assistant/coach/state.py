"""Thread state: what the coach knows about one preparation conversation.

Kept as plain JSON-friendly data so the LangGraph checkpointer can store it (SQLite by
default, Postgres at scale) and a later schema change is a data migration, not a pickle
problem.
"""

from __future__ import annotations

import operator
from typing import Annotated, Any, TypedDict

STAGES = ("goal", "reality", "options", "will", "agenda", "done")

#: Slots in the protégé's own words, by GROW stage, in the order the coach asks for them.
STAGE_SLOTS: dict[str, tuple[str, ...]] = {
    "goal": ("goal", "success"),
    "reality": ("reality", "obstacles"),
    "options": ("options",),
    "will": ("next_step", "mentor_questions"),
}


class Message(TypedDict):
    role: str  # "user" | "assistant"
    content: str


class CoachState(TypedDict, total=False):
    # Durable, per thread.
    messages: Annotated[list[Message], operator.add]  # the transcript, appended to
    stage: str
    slots: dict[str, str]  # slot -> the protégé's words (first person, as said)
    asked: list[str]  # every question the coach has asked in this thread
    target: str  # the slot the last question asked about
    slot_asks: dict[str, int]  # how often each slot was asked for (a slot is asked at most twice)
    last_filled: str  # the slot the last content message filled ("that's not what I meant" reopens it)
    pending_switch: dict[str, str]  # a new topic they raised, waiting for "switch or finish first?"
    review_deferred: bool  # they opened with something else; the check-in is asked before the agenda
    timeframe: str  # "on Thursday", "by Friday"...
    session_minutes: int  # how long the meeting is, as they said it ("we have 25 minutes")
    feelings: list[str]
    pressure: int  # how many times the protégé asked to be told what to do
    permission_asked: bool  # the coach asked whether hearing others' options would help
    options_offered: bool  # ...and, with the protégé's yes, offered them once
    low_effort: int  # consecutive low-effort replies
    turn: int
    flags: list[dict[str, Any]]  # safety flags for staff: {"severity", "reason", "turn"}, never words
    risk_recent: list[float]  # ideation risk of the last few protégé messages (safety context)
    support: dict[str, Any]  # support mode after a crisis/concern reply: {"active", "tier", ...}
    distress_at: int  # turn of the last distress reply (not repeated too soon)
    goal_clarity: str  # none | stated | concrete (a success picture or a date as well)
    goal_said: bool  # the goal was said as one ("I want to…"); a goal read from a bare phrase yields to it
    goal_is_verb: bool  # the goal was said as "I want to <verb> ...", so it reads as an action
    more_asked: bool  # we invited a second question for the mentor
    chosen: str  # the option they said they would start with (said back once)
    offered_question: str  # a question they asked us, offered for their list for the mentor (their yes adds it)
    agenda_shown: bool
    # The records below are the workspace store's; they are in the state only during a turn
    # (coach/thread_records.py), and empty in every checkpoint.
    agenda: str  # the draft agenda rendered as Markdown (from agenda_items)
    agenda_items: list[dict[str, Any]]  # the agenda as data: {"kind", "title", "words", "minutes", "note"}
    agenda_edits: list[str]
    agenda_approved: bool
    commitments: list[dict[str, str]]  # said in this thread: {"text", "due"}, their words
    review: list[dict[str, Any]]  # open commitments from earlier threads: {"id", "text"}
    review_at: int  # index of the one being checked in on
    review_retry: bool  # we asked once more where it stands
    review_words: str  # what they said before we asked again
    review_outcomes: list[dict[str, Any]]  # {"id", "text", "status", "reflection"}
    summary: str  # rolling summary of turns older than the LLM's recent window
    summary_upto: int  # how many messages the summary covers
    deadline_at: float  # wall-clock end of this turn's time for model calls
    records_pending: bool  # the last turn's goal/agenda/commitments could not be stored; the state holds them
    # Per turn, overwritten each time.
    incoming: str
    notices: list[str]
    route: str
    safety: dict[str, Any]  # this message's assessment: tier, category, source, emergent
    understood: dict[str, Any]  # the understand node's reading, for retrieve and plan
    found: list[dict[str, Any]]  # what the retrieve node's search found (cleared when the turn is stored)
    passages: list[dict[str, Any]]  # the passages the reply cites
    move: str
    draft: str
    reply: str
    backend_used: str


#: A slot asked about this many times without an answer is left for the meeting itself.
MAX_ASKS = 2


def first_open_slot(slots: dict[str, str], asks: dict[str, int] | None = None) -> tuple[str, str] | None:
    """(stage, slot) of the next thing to ask about, or None when GROW is complete."""
    for stage, names in STAGE_SLOTS.items():
        for name in names:
            if not slots.get(name) and (asks or {}).get(name, 0) < MAX_ASKS:
                return stage, name
    return None


def stage_of(slots: dict[str, str], agenda_shown: bool, agenda_approved: bool,
             asks: dict[str, int] | None = None) -> str:
    nxt = first_open_slot(slots, asks)
    if nxt is not None and not agenda_shown:
        return nxt[0]
    return "done" if agenda_approved else "agenda"
