"""The policy: from what the protégé said and the thread so far, choose and phrase a move.

Rules that hold for every coaching move: at most one question, open, never repeated in a
thread; reflections reuse the protégé's own words; no advice. The GROW stage advances when
its slots are filled, and the thread closes with an agenda drafted from the protégé's words
for them to edit and approve.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.coach import templates as T
from assistant.coach.agenda_edit import apply_edit
from assistant.coach.checkin import catch_up_line
from assistant.coach.state import CoachState, stage_of
from assistant.coach.wording import clean_clause, sentence
from assistant.language.meaning import Meaning
from assistant.language.person import second_person

_APPROVAL = re.compile(
    r"^\s*(?:yes|yep|yeah|looks (?:good|great|fine)|that'?s (?:good|great|fine|it|perfect)|"
    r"perfect|great|approved?|good|ok(?:ay)?|sounds good|no changes?|nothing to change|"
    r"all good|i'?m happy with (?:it|that))\b",
    re.I,
)
_CONSENT = re.compile(
    r"^\s*(?:yes|yeah|yep|sure|ok(?:ay)?|please|go ahead|that would help|it would|i'?d like that|"
    r"why not|definitely|absolutely)\b|\b(?:just tell me|tell me)\b",
    re.I,
)
_DOUBLE_FINAL = {"get", "set", "put", "stop", "plan", "run", "sit", "win", "cut", "shop", "chat"}


@dataclass
class Decision:
    move: str
    text: str
    question: str = ""
    updates: dict[str, Any] = field(default_factory=dict)


def gerund(phrase: str) -> str:
    """'get better at X' -> 'getting better at X', so a goal can sit inside a question."""
    words = phrase.split()
    if not words:
        return phrase
    verb = words[0].lower()
    if verb in {"be", "see"}:
        ing = verb + "ing"
    elif verb in _DOUBLE_FINAL:
        ing = verb + verb[-1] + "ing"
    elif verb.endswith("ie"):
        ing = verb[:-2] + "ying"
    elif verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        ing = verb[:-1] + "ing"
    elif verb.endswith("ing"):
        ing = verb
    else:
        ing = verb + "ing"
    return " ".join([ing, *words[1:]])


def topic_of(slots: dict[str, str], verb_goal: bool) -> str:
    """The goal as a short noun phrase in second person, or 'this' when it won't fit."""
    goal = slots.get("goal", "")
    if not goal:
        return "this"
    phrase = second_person(" ".join(goal.split()[:12])).strip(" .,;")
    phrase = gerund(phrase) if verb_goal else phrase
    return phrase if len(phrase.split()) <= 12 else "this"


def _when(state: CoachState) -> str:
    tf = state.get("timeframe", "")
    return tf if tf else "before your next meeting"


def next_question(state: CoachState, slot: str) -> str:
    """First question for the slot not yet asked in this thread (then generic ones)."""
    asked = set(state.get("asked", []))
    slots = state.get("slots", {})
    values = {"topic": topic_of(slots, state.get("goal_is_verb", False)), "when": _when(state)}
    for template in (*T.SLOT_QUESTIONS.get(slot, ()), *T.GENERIC_QUESTIONS):
        question = template.format(**values)
        if question not in asked:
            return question
    # Every phrasing used: vary the generic one rather than repeat ourselves.
    return f"What else comes to mind about {values['topic']}, now that we've talked it through?"


def agenda_markdown(
    slots: dict[str, str], when: str, goal_is_verb: bool = False, outcomes: list[dict[str, Any]] | None = None
) -> str:
    """The draft agenda: the protégé's own words, first person, with time boxes."""

    def q(key: str) -> str:
        return f"“{slots[key]}”" if slots.get(key) else "(to discuss)"

    asked = [x.strip() for x in slots.get("mentor_questions", "").split(" / ") if x.strip()]
    questions = "; ".join(f"“{x}”" for x in asked) if asked else "(to discuss)"
    goal = slots.get("goal", "")
    if goal and goal_is_verb:
        goal = f"I want to {goal}"

    lines = [
        f"**Mentor meeting agenda ({when})**",
        f"1. Catch-up since last time: {catch_up_line(outcomes)} (5 min)"
        if outcomes
        else "1. Catch-up: what's happened since last time (5 min)",
        f"2. My goal: “{goal}”; progress would look like {q('success')} (10 min)",
        f"3. Where things stand: {q('reality')}; what gets in the way: {q('obstacles')} (10 min)",
        f"4. Options I'm weighing: {q('options')} (10 min)",
        f"5. Questions for my mentor: {questions} (10 min)",
        f"6. My next step: {q('next_step')} (5 min)",
    ]
    return "\n".join(lines)


def _agenda_decision(view: CoachState, slots: dict[str, str], updates: dict[str, Any]) -> Decision:
    agenda = agenda_markdown(slots, _when(view), bool(view.get("goal_is_verb")), view.get("review_outcomes"))
    updates.update(slots=slots, agenda_shown=True, agenda=agenda, target="")
    text = f"{T.AGENDA_INTRO}\n\n{agenda}\n\n{T.AGENDA_QUESTION}"
    return Decision("summary+agenda", text, T.AGENDA_QUESTION, updates)


_LEAD_IN = re.compile(r"^(?:(?:and|also|plus|oh|maybe)\b[, ]*)+", re.I)
_NOTHING_MORE = re.compile(
    r"^\s*(?:no|nope|nah|nothing|not really|that'?s (?:it|all|enough)|i'?m good|all good|none|"
    r"no,? that'?s (?:it|all)|i think that'?s (?:it|all))\b",
    re.I,
)


def closing_summary(slots: dict[str, str]) -> str:
    """Goal, reality, options and next step, quoted as the protégé said them."""
    labels = (("goal", "Your goal"), ("reality", "where things stand"), ("options", "the options you see"),
              ("next_step", "and your next step"))
    parts = [f"{label}: “{slots[key]}”" for key, label in labels if slots.get(key)]
    return sentence("; ".join(parts)) if parts else ""


def goal_clarity(slots: dict[str, str], timeframe: str) -> str:
    """How clear the goal is: none, stated (in their words), or concrete (success or a date too)."""
    if not slots.get("goal"):
        return "none"
    return "concrete" if slots.get("success") or timeframe else "stated"


def _after_agenda(view: CoachState, m: Meaning, updates: dict[str, Any]) -> Decision:
    """After the draft is shown: apply their edits, take their approval, or ask what to change."""
    when = _when(view)
    if view.get("agenda_approved"):
        # Approved already (in the chat or the agenda panel): the agenda stays as approved,
        # and they choose whether there is more to think through.
        question = next((q for q in T.AFTER_APPROVAL_QUESTIONS if q not in view.get("asked", [])), "")
        text = " ".join(x for x in (T.AFTER_APPROVAL, question) if x)
        return Decision("question" if question else "closing", text, question, updates)
    edit = apply_edit(str(view.get("agenda", "")), m.text)
    question = next(
        (q for q in ("What else would you change?", "What else would make it feel like yours?")
         if q not in view.get("asked", [])),
        "What else would you like to adjust?",
    )
    if edit is not None:
        # Their change, applied and shown: the draft they approve is the one they shaped.
        updates["agenda"] = edit.markdown
        return Decision("agenda_edit+question", f"{edit.said}\n\n{edit.markdown}\n\n{question}", question, updates)
    approving = bool(_APPROVAL.match(m.text)) or m.has("agreement") or m.has("low_effort")
    if approving and not m.has("agenda_edit") and not m.has("correction"):
        updates["agenda_approved"] = True
        return Decision("closing", T.CLOSING.format(when=f" {when}" if view.get("timeframe") else ""), "", updates)
    updates["agenda_edits"] = [*view.get("agenda_edits", []), clean_clause(m.text, 60)]
    return Decision("question", f"{T.EDIT_UNCLEAR} {T.EDIT_UNCLEAR_QUESTION}", T.EDIT_UNCLEAR_QUESTION, updates)


def stage_after(updates: dict[str, Any], state: CoachState) -> str:
    slots = updates.get("slots", state.get("slots", {}))
    shown = bool(updates.get("agenda_shown", state.get("agenda_shown")))
    approved = bool(updates.get("agenda_approved", state.get("agenda_approved")))
    return stage_of(slots, shown, approved, updates.get("slot_asks", state.get("slot_asks", {})))
