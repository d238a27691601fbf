"""A thread's records (its goal, agenda and commitments) have one owner: the workspace
store. The conversation's checkpoint keeps the transcript and the coach's working memory,
never a copy of them.

Each turn the `load` node reads the records into the turn's state (the engine reads and
changes them there, as plain data), and the `persist` node hands what the turn made of
them back to the store and drops them from the state before it is checkpointed. Without a
workspace (tests, the evaluation suite) a MemoryRecords stands in.
"""

from __future__ import annotations

import threading
from typing import Any, Protocol

#: The record fields as the engine holds them in a turn's state (the goal is slots["goal"]).
RECORD_KEYS = ("goal_is_verb", "goal_said", "agenda", "agenda_items", "agenda_edits", "agenda_approved",
               "commitments")
#: What the checkpoint holds for each instead: nothing.
_EMPTY: dict[str, Any] = {"goal_is_verb": False, "goal_said": False, "agenda": "", "agenda_items": [],
                          "agenda_edits": [], "agenda_approved": False, "commitments": []}


class RecordStore(Protocol):
    """Where a thread's goal, agenda and commitments live (the workspace, or memory)."""

    def load(self, user_id: str, thread_id: str) -> dict[str, Any]:
        """The thread's records as `records_of` makes them; keys the store has nothing for are absent."""
        ...

    def save(self, user_id: str, thread_id: str, records: dict[str, Any]) -> None: ...


def records_of(state: dict[str, Any]) -> dict[str, Any]:
    """The records a turn's state holds, taken out as one dict ("goal" beside the rest)."""
    out: dict[str, Any] = {key: state[key] for key in RECORD_KEYS if key in state}
    slots = state.get("slots", {})
    goal = str(slots.get("goal", "")).strip()
    if goal:
        out["goal"] = goal
    # Their next step is a commitment too, when the engine did not record it as one itself.
    step = str(slots.get("next_step", "")).strip()
    commitments = list(out.get("commitments", []))
    if step and all(c.get("text") != step for c in commitments):
        out["commitments"] = [*commitments, {"text": step, "due": ""}]
    return out


def with_records(state: dict[str, Any], records: dict[str, Any]) -> dict[str, Any]:
    """The state as the engine reads it: the stored records in their places."""
    view = {**state, **{k: v for k, v in records.items() if k != "goal"}}
    if records.get("goal"):
        view["slots"] = {**state.get("slots", {}), "goal": records["goal"]}
    return view


def without_records(state: dict[str, Any]) -> dict[str, Any]:
    """State updates that leave no record in the checkpoint (the goal out of the slots too)."""
    slots = {k: v for k, v in state.get("slots", {}).items() if k != "goal"}
    return {**_EMPTY, "slots": slots}


class MemoryRecords:
    """Records kept in this process only: for a coach run without a workspace (tests, eval)."""

    def __init__(self) -> None:
        self._rows: dict[tuple[str, str], dict[str, Any]] = {}
        self._lock = threading.Lock()

    def load(self, user_id: str, thread_id: str) -> dict[str, Any]:
        with self._lock:
            return dict(self._rows.get((user_id, thread_id), {}))

    def save(self, user_id: str, thread_id: str, records: dict[str, Any]) -> None:
        with self._lock:
            self._rows[(user_id, thread_id)] = {**self._rows.get((user_id, thread_id), {}), **records}

    def forget(self, user_id: str, thread_ids: list[str]) -> None:
        with self._lock:
            for thread_id in thread_ids:
                self._rows.pop((user_id, thread_id), None)
