"""The policy: from what the protégé said and the thread so far, choose and phrase a move.

Rules that hold for every coaching move: at most one question, open, never repeated in a
thread; reflections reuse the protégé's own words; no advice. The GROW stage advances when
its slots are filled, and the thread closes with an agenda drafted from the protégé's words
for them to edit and approve.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.coach import templates as T
from assistant.coach.agenda_items import Item, apply_edit, build, render
from assistant.coach.checkin import catch_up_line
from assistant.coach.question_choice import QuestionPicker
from assistant.coach.state import CoachState, stage_of
from assistant.coach.timephrases import meeting_when
from assistant.coach.wording import clean_clause
from assistant.language.meaning import Meaning
from assistant.language.person import second_person
from assistant.language.verbs import gerund
from assistant.records import Passage

_APPROVAL = re.compile(
    r"^\s*(?:yes|yep|yeah|looks (?:good|great|fine)|that'?s (?:good|great|fine|it|perfect)|"
    r"perfect|great|approved?|good|ok(?:ay)?|sounds good|no changes?|nothing to change|"
    r"all good|i'?m happy with (?:it|that))\b",
    re.I,
)
#: Approval said later in a message: "That looks very good. Thank you", "ok, happy with that".
_APPROVAL_SAID = re.compile(
    r"\b(?:looks|seems|reads) (?:very |really |all |pretty )?(?:good|great|fine|right|perfect|spot on)\b|"
    r"\b(?:that'?s|it'?s|that is|it is|this is) (?:all )?(?:good|great|fine|perfect|spot on)\b|"
    r"\bhappy with (?:it|that|this)\b", re.I)
#: Thanks, and nothing about the draft.
_THANKS = re.compile(r"^\W*(?:thanks?|thank you|cheers|ta|much appreciated|appreciate it)\b", re.I)
#: Words that ask for a change: their presence makes approval or thanks an edit after all.
_CHANGE_WORDS = re.compile(
    r"\b(?:add|remove|take out|take off|drop|delete|cut|move|swap|change|replace|reword|rename|put|instead|but|"
    r"except|first|last|keep|shorter|longer|missing)\b", re.I)
_CONSENT = re.compile(
    r"^\s*(?:yes|yeah|yep|sure|ok(?:ay)?|please|go ahead|that would help|it would|i'?d like that|"
    r"why not|definitely|absolutely)\b|\b(?:just tell me|tell me)\b",
    re.I,
)


@dataclass
class Decision:
    move: str
    text: str
    question: str = ""
    updates: dict[str, Any] = field(default_factory=dict)


def topic_of(slots: dict[str, str], verb_goal: bool) -> str:
    """The goal as a short noun phrase in second person, or 'this' when it won't fit."""
    goal = slots.get("goal", "")
    if not goal:
        return "this"
    if len(goal.split()) > 8 or not _reads_as_topic(goal, verb_goal):
        return "your goal"
    phrase = second_person(goal).strip(" .,;")
    return gerund(phrase) if verb_goal else phrase


def _reads_as_topic(goal: str, verb_goal: bool) -> bool:
    """A goal that can sit inside a question ("getting promoted by June", "a clearer path");
    a fragment the parse can't read as a verb or noun phrase is named as "your goal"."""
    from assistant.language.parse import parse

    doc = parse(goal)
    if not len(doc):
        return False
    head = doc[0]
    if verb_goal:
        return head.pos_ in {"VERB", "AUX"} and head.tag_ in {"VB", "VBP"}
    return any(t.pos_ in {"NOUN", "PROPN"} for t in doc) and doc[-1].pos_ not in {"ADP", "CCONJ", "DET", "PRON"}


def _when(state: CoachState) -> str:
    tf = state.get("timeframe", "")
    return tf if tf else "before your next meeting"


def next_question(state: CoachState, slot: str, picker: QuestionPicker | None = None,
                  said: Sequence[float] | None = None) -> str:
    """The most relevant question for the slot not yet asked in this thread (the engine's
    own, or the program's bank when one fits what they said better), then generic ones."""
    asked = set(state.get("asked", []))
    slots = state.get("slots", {})
    values = {"topic": topic_of(slots, state.get("goal_is_verb", False)), "when": _when(state)}
    own = [template.format(**values) for template in T.SLOT_QUESTIONS.get(slot, ())]
    if picker is not None:
        chosen = picker.pick(slot, own, said, asked)
        if chosen:
            return chosen
    for question in (*own, *T.GENERIC_QUESTIONS):
        if question not in asked:
            return question
    # Every phrasing used: vary the generic one rather than repeat ourselves.
    return f"What else comes to mind about {values['topic']}, now that we've talked it through?"


def agenda_items(view: CoachState) -> list[Item]:
    """The thread's agenda items (built from the slots for a thread drafted before items)."""
    stored = view.get("agenda_items")
    if stored:
        return [Item.from_dict(i) for i in stored]
    outcomes = view.get("review_outcomes")
    return build(view.get("slots", {}), bool(view.get("goal_is_verb")), catch_up_line(outcomes) if outcomes else "")


def _agenda_decision(view: CoachState, slots: dict[str, str], updates: dict[str, Any], ask: str = "") -> Decision:
    """The first draft; a change they asked for before seeing it ("put my questions first")
    is applied to it straight away."""
    outcomes = view.get("review_outcomes")
    items = build(slots, bool(view.get("goal_is_verb")), catch_up_line(outcomes) if outcomes else "")
    edit = apply_edit(items, ask) if ask else None
    if edit is not None:
        items = edit.items
    agenda = render(items, _when(view))
    updates.update(slots=slots, agenda_shown=True, agenda=agenda, agenda_items=[i.to_dict() for i in items], target="")
    said = edit.said[:-1] if edit else ""
    said = said if said.startswith("I ") else said[:1].lower() + said[1:]
    intro = f"{T.AGENDA_INTRO} ({said})" if edit else T.AGENDA_INTRO
    text = f"{intro}\n\n{agenda}\n\n{T.AGENDA_QUESTION}"
    return Decision("summary+agenda", text, T.AGENDA_QUESTION, updates)


_LEAD_IN = re.compile(r"^(?:(?:and|also|plus|oh|maybe)\b[, ]*)+", re.I)
_NOTHING_MORE = re.compile(
    r"^\s*(?:no|nope|nah|nothing|not really|that'?s (?:it|all|enough)|i'?m good|all good|none|"
    r"no,? that'?s (?:it|all)|i think that'?s (?:it|all))\b",
    re.I,
)


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
    when_now = meeting_when(m.text)
    if when_now and (m.has("correction") or " not " in m.text.lower() or not view.get("timeframe")):
        # "Monday, not Friday": the meeting day changes and the draft says so.
        updates["timeframe"] = when_now
        view = {**view, "timeframe": when_now}
    items = agenda_items(view)
    edit = apply_edit(items, m.text)
    question = next(
        (q for q in ("What else would you change?", "What else would make it feel like yours?")
         if q not in view.get("asked", [])),
        "What else would you like to adjust?",
    )
    if edit is not None:
        # Their change, applied and shown: the draft they approve is the one they shaped.
        markdown = render(edit.items, _when(view))
        updates.update(agenda=markdown, agenda_items=[i.to_dict() for i in edit.items])
        return Decision("agenda_edit+question", f"{edit.said}\n\n{markdown}\n\n{question}", question, updates)
    if "timeframe" in updates:
        markdown = render(items, _when(view))
        updates.update(agenda=markdown)
        said = f"I changed the meeting time to {updates['timeframe']}."
        return Decision("agenda_edit+question", f"{said}\n\n{markdown}\n\n{question}", question, updates)
    if m.mentor_question and not m.has("agenda_edit"):
        # "Also ask her how she got visibility": a question joins their questions for the mentor.
        for item in items:
            if item.kind == "questions":
                item.words.append(m.mentor_question)
                markdown = render(items, _when(view))
                updates.update(agenda=markdown, agenda_items=[i.to_dict() for i in items])
                said = "I added that to your questions for your mentor."
                return Decision("agenda_edit+question", f"{said}\n\n{markdown}\n\n{question}", question, updates)
    steps = [c for c in (m.commitment, *m.more_commitments) if c]
    if steps and not m.has("agenda_edit") and not m.facts.question:
        # "I'll ask Jess for her phonics plans on Monday": a step said after the draft joins
        # their next steps (and is recorded as a commitment, like any other).
        for item in items:
            if item.kind == "next_step":
                item.words = [*item.words, *[s for s in steps if s not in item.words]]
                markdown = render(items, _when(view))
                updates.update(agenda=markdown, agenda_items=[i.to_dict() for i in items])
                said = "I added that to your next steps."
                return Decision("agenda_edit+question", f"{said}\n\n{markdown}\n\n{question}", question, updates)
    asks_change = bool(_CHANGE_WORDS.search(m.text))
    approving = bool(_APPROVAL.match(m.text)) or m.has("agreement") or m.has("low_effort")
    said_approval = bool(_APPROVAL_SAID.search(m.text)) and not asks_change
    if said_approval or (approving and not m.has("agenda_edit") and not m.has("correction")):
        updates["agenda_approved"] = True
        return Decision("closing", T.CLOSING.format(when=f" {when}" if view.get("timeframe") else ""), "", updates)
    if _THANKS.match(m.text) and not asks_change:
        # "cheers, genuinely helpful": pleased, but approving is theirs to say.
        text = f"{T.THANKS_AT_AGENDA} {T.APPROVE_QUESTION}"
        return Decision("question", text, T.APPROVE_QUESTION, updates)
    updates["agenda_edits"] = [*view.get("agenda_edits", []), clean_clause(m.text, 60)]
    return Decision("question", f"{T.EDIT_UNCLEAR} {T.EDIT_UNCLEAR_QUESTION}", T.EDIT_UNCLEAR_QUESTION, updates)


def stage_after(updates: dict[str, Any], state: CoachState) -> str:
    slots = updates.get("slots", state.get("slots", {}))
    shown = bool(updates.get("agenda_shown", state.get("agenda_shown")))
    approved = bool(updates.get("agenda_approved", state.get("agenda_approved")))
    return stage_of(slots, shown, approved, updates.get("slot_asks", state.get("slot_asks", {})))


def planned(move: str, text: str, question: str, passages: list[Passage], state: CoachState,
            updates: dict[str, Any]) -> dict[str, Any]:
    """A move chosen outside the GROW policy (a cited answer, a safety reply), as the plan
    node's output."""
    return planned_from(Decision(move, text, question, updates), passages, state)


def planned_from(decision: Decision, passages: list[Passage], state: CoachState) -> dict[str, Any]:
    """The plan node's output: the move, its draft, the passages it cites, the stage it leads
    to and the question it asks (remembered, so no question is asked twice)."""
    out: dict[str, Any] = dict(decision.updates)
    out.update(
        move=decision.move,
        draft=decision.text,
        passages=[p.to_dict() for p in passages],
        stage=stage_after(decision.updates, state),
    )
    if decision.question:
        out["asked"] = [*state.get("asked", []), decision.question]
    return out
