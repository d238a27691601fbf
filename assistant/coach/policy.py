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
from assistant.coach.checkin import catch_up_line, review_move, review_pending
from assistant.coach.state import CoachState, first_open_slot, stage_of
from assistant.coach.understand import TIMEFRAME, Understanding
from assistant.coach.wording import as_you, clean_clause, sentence

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
    phrase = as_you(goal, max_words=12)
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


def _reflect_slot(slot: str, value: str, from_pattern: bool) -> str:
    x = as_you(value)
    if slot == "goal" and not from_pattern:
        return sentence(f"So for you, it's about {x}")
    if slot in {"context", "reality"} and re.match(
        r"(?:you\b|right now|currently|at the moment|these days|today|lately)", x, re.I
    ):
        return sentence(x)
    template = T.SLOT_REFLECTIONS.get(slot, "{x}.")
    if slot == "why":
        x = re.sub(r"^because\s+", "", x, flags=re.I)
    return sentence(template.format(x=x))


def absorb(state: CoachState, u: Understanding) -> dict[str, str]:
    """New slot values from this message, in the protégé's words (first person kept)."""
    slots = dict(state.get("slots", {}))
    target = state.get("target", "")
    if u.goal and not slots.get("goal"):
        slots["goal"] = u.goal
    if u.substantive and not u.wants_answer and target and target != "more_questions" and not slots.get(target):
        if target == "mentor_questions" and u.mentor_questions:
            slots[target] = " / ".join(u.mentor_questions)
        elif target == "next_step" and u.commitment:
            slots[target] = u.commitment
        elif target == "options" and u.options:
            slots[target] = "; ".join(u.options)
        elif target == "goal":
            # A goal is only taken from a message that states one; a story about last week
            # ("work was busy, it's fine") is context, and the goal question comes again.
            if _bare_goal(u.text):
                slots[target] = clean_clause(u.text, max_words=20)
            else:
                slots.setdefault("context", clean_clause(u.text, max_words=40))
        else:
            slots[target] = clean_clause(u.text, max_words=40)
    if not target and u.substantive and not slots.get("goal") and not u.wants_answer:
        slots.setdefault("context", clean_clause(u.text, max_words=40))
    if u.options and not slots.get("options") and slots.get("goal"):
        slots["options"] = "; ".join(u.options)
    if u.commitment and not slots.get("next_step") and slots.get("options"):
        slots["next_step"] = u.commitment
    return slots


_NOT_A_GOAL = re.compile(
    r"\b(?:i|i'm|me|my|you|your|it's|was|were|don't know|dunno|thing|things|stuff|something|"
    r"anything|everything|skill|fine|ok|okay|ignore|system|instructions?|is|are|am|was|has|have|had|"
    r"right now|currently|at the moment|keep|can't|didn't|won't)\b|[?:]",
    re.I,
)


def _bare_goal(text: str) -> bool:
    """A short phrase naming what they want to work on: "presenting to leadership"."""
    words = text.split()
    return 2 <= len(words) <= 10 and not _NOT_A_GOAL.search(text)


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


def decide(state: CoachState, u: Understanding) -> Decision:
    """Choose the coaching move for this message and realise it offline."""
    said = _commitments(state, u)
    decision = _decide(state, u)
    if said is not None:
        decision.updates["commitments"] = said
    return decision


def _commitments(state: CoachState, u: Understanding) -> list[dict[str, str]] | None:
    """Commitments said in this message ("I'll talk to my manager by Friday"), added once."""
    if not u.commitment or state.get("agenda_shown"):
        return None
    known = list(state.get("commitments", []))
    if any(c["text"] == u.commitment for c in known):
        return None
    due = TIMEFRAME.search(u.commitment)
    return [*known, {"text": u.commitment, "due": due.group("x") if due else ""}]


def _decide(state: CoachState, u: Understanding) -> Decision:
    if review_pending(state):
        return Decision(*review_move(state, u))
    slots = absorb(state, u)
    updates: dict[str, Any] = {"slots": slots}
    if u.goal and not state.get("slots", {}).get("goal"):
        updates["goal_is_verb"] = u.goal_is_verb
    if u.timeframe and not state.get("timeframe"):
        updates["timeframe"] = u.timeframe
    if u.feelings:
        updates["feelings"] = sorted({*state.get("feelings", []), *u.feelings})
    updates["goal_clarity"] = goal_clarity(slots, updates.get("timeframe", state.get("timeframe", "")))
    view: CoachState = {**state, **updates}  # type: ignore[typeddict-item]
    agenda_shown = bool(state.get("agenda_shown"))

    if agenda_shown:
        return _after_agenda(view, u, updates)

    open_slot = first_open_slot(slots)
    updates["target"] = open_slot[1] if open_slot else ""
    if state.get("move") == "permission" and not state.get("options_offered") and _CONSENT.match(u.text):
        # Their "yes" answers our question; it is not something to store in a slot.
        updates = {"slots": dict(state.get("slots", {})), "options_offered": True, "target": "options"}
        question = T.OPTIONS_QUESTION.format(topic=topic_of(updates["slots"], bool(view.get("goal_is_verb"))))
        return Decision("options_with_permission", f"{T.OPTIONS_WITH_PERMISSION} {question}", question, updates)
    if u.wants_answer:
        updates["pressure"] = state.get("pressure", 0) + 1
        if state.get("pressure", 0) >= 1 and slots.get("goal") and not state.get("permission_asked"):
            updates["permission_asked"] = True
            topic = topic_of(slots, bool(view.get("goal_is_verb")))
            text = f"{T.PERMISSION_LEAD.format(topic=topic)} {T.PERMISSION_QUESTION}"
            return Decision("permission", text, T.PERMISSION_QUESTION, updates)
        question = next((q for q in T.ROLE_QUESTIONS if q not in state.get("asked", [])), "")
        question = question or next_question(view, updates["target"] or "goal")
        return Decision("role+question", f"{T.ROLE_STATEMENT} {question}", question, updates)

    if state.get("target") == "more_questions":
        # Their answer to "what else would you like to ask?": a second question joins the
        # first; "no, that's it" is an answer too. Either way the agenda comes next.
        if u.substantive and len(u.text.split()) >= 3 and not (_NOTHING_MORE.match(u.text) or _APPROVAL.match(u.text)):
            extra = u.mentor_questions[0] if u.mentor_questions else clean_clause(u.text, max_words=30)
            extra = _LEAD_IN.sub("", extra) or extra
            slots["mentor_questions"] = f"{slots.get('mentor_questions', '')} / {extra}".strip(" /")
        return _agenda_decision(view, slots, updates)
    if u.low_effort:
        updates["low_effort"] = state.get("low_effort", 0) + 1
        if not slots.get("goal") and T.LOW_EFFORT_QUESTION not in state.get("asked", []):
            text = f"{T.LOW_EFFORT_MENU} {T.LOW_EFFORT_QUESTION}"
            return Decision("menu+question", text, T.LOW_EFFORT_QUESTION, updates)
        lead, question = T.LOW_EFFORT_SCAFFOLD
        if question in state.get("asked", []):
            question = next_question(view, state.get("target") or "goal")
        return Decision("scaffold+question", f"{lead} {question}", question, updates)
    updates["low_effort"] = 0

    nxt = first_open_slot(slots)
    if nxt is None and " / " not in slots.get("mentor_questions", "") and not state.get("more_asked"):
        # One question for the mentor so far: invite another, once. Preparing a couple of
        # questions is what lets the protégé lead the meeting.
        reflection = _reflect_slot("mentor_questions", slots["mentor_questions"], False)
        updates.update(more_asked=True, target="more_questions")
        return Decision("reflection+question", f"{reflection} {T.MORE_QUESTIONS}", T.MORE_QUESTIONS, updates)
    if nxt is None:
        return _agenda_decision(view, slots, updates)

    stage, slot = nxt
    reflection, move = _reflection(view, u, slots, state.get("slots", {}))
    if u.accomplishment:
        # Affirm a specific strength they showed, in their words, before anything else.
        affirmation = T.AFFIRMATION.format(x=as_you(u.accomplishment, max_words=16))
        if reflection == sentence(as_you(u.text)):
            reflection = ""  # the affirmation already gives their words back
        reflection, move = f"{affirmation} {reflection}".strip(), f"affirm+{move}"
    if stage != state.get("stage", "goal") and stage == "options" and move == "reflection+question":
        # A collecting summary when a GROW stage is complete: the protégé hears their own
        # picture put together before the conversation moves on.
        summary = _collecting_summary(slots, stage, bool(view.get("goal_is_verb")))
        if summary:
            reflection, move = f"{reflection} {summary}".strip(), "reflection+summary+question"
    question = next_question(view, slot)
    updates["target"] = slot
    return Decision(move, f"{reflection} {question}".strip(), question, updates)


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


def _reflection(
    state: CoachState, u: Understanding, slots: dict[str, str], before: dict[str, str]
) -> tuple[str, str]:
    """A complex reflection when there is feeling or hedging to name; else a simple one."""
    verb_goal = bool(state.get("goal_is_verb"))
    topic = topic_of(slots, verb_goal)
    filled = [k for k, v in slots.items() if v and v != before.get(k)]
    if u.feelings and slots.get("goal"):
        feeling = T.FEELING_REFLECTION.format(topic=topic, feeling=" and ".join(u.feelings[:2]))
        # Content first, then the feeling under it: two reflections for one question.
        content = _reflect_slot(filled[0], slots[filled[0]], verb_goal) if filled and filled[0] != "goal" else ""
        return " ".join(x for x in (content, feeling) if x), "complex_reflection+question"
    if u.not_wanted and not slots.get("goal"):
        return T.NOT_WANTED_REFLECTION.format(x=as_you(u.not_wanted)), "complex_reflection+question"
    slot = filled[0] if filled else ""
    if not slot:
        return sentence(as_you(u.text)) if u.substantive else "", "reflection+question"
    value = slots[slot]
    if u.hedged and slot in {"goal", "options", "next_step"}:
        x = as_you(value)
        x = gerund(x) if slot == "goal" and verb_goal else x
        return T.HEDGED_REFLECTION.format(x=x), "complex_reflection+question"
    deeper = _complex_slot_reflection(slot, slots, verb_goal)
    if deeper:
        return deeper, "complex_reflection+question"
    return _reflect_slot(slot, value, verb_goal), "reflection+question"


def _complex_slot_reflection(slot: str, slots: dict[str, str], verb_goal: bool) -> str:
    """Reflections that add meaning by linking what they just said to their goal.

    MITI counts these as complex: a double-sided reflection ("part of you..., and part of
    you...") or one that names the tension between where they are and where they want to
    be. Still only their words, put side by side.
    """
    goal = as_you(slots.get("goal", ""), max_words=14)
    if not goal:
        return ""
    wanting = f"wants to {goal}" if verb_goal else f"wants {goal}"
    if slot == "obstacles" and slots.get("obstacles"):
        blocker = as_you(slots["obstacles"], 30)
        return sentence(f"Part of you {wanting}, and part of you keeps running into this: {blocker}")
    if slot == "reality" and slots.get("reality") and slots.get("success"):
        now = as_you(slots["reality"], 24)
        now = now[0].lower() + now[1:] if not now.startswith("I ") else now
        now = re.sub(r"^(?:so )?(?:right now|at the moment|currently|these days|lately),? ", "", now, flags=re.I)
        hoped = as_you(slots["success"], 20)
        return sentence(f"So right now, {now}, even though what you're hoping for is that {hoped}")
    return ""


def _collecting_summary(slots: dict[str, str], stage: str, verb_goal: bool) -> str:
    """'So you want X, and right now Y.' — the Goal and Reality stages put together."""
    goal = as_you(slots.get("goal", ""), max_words=14)
    reality = as_you(slots.get("reality", ""), max_words=20)
    if stage != "options" or not goal or not reality:
        return ""
    goal = f"to {goal}" if verb_goal else goal
    reality = reality[0].lower() + reality[1:] if not reality.startswith("I ") else reality
    return sentence(f"So you want {goal}, and {reality}")


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


def _after_agenda(view: CoachState, u: Understanding, updates: dict[str, Any]) -> Decision:
    when = _when(view)
    if view.get("agenda_approved"):
        # Approved already (in the chat or the agenda panel): their words are heard, the
        # agenda stays as approved, and they choose whether there is more to think through.
        question = next((q for q in T.AFTER_APPROVAL_QUESTIONS if q not in view.get("asked", [])), "")
        reflection = sentence(as_you(u.text)) if u.substantive else ""
        text = " ".join(x for x in (reflection, T.AFTER_APPROVAL, question) if x)
        return Decision("reflection+question" if question else "closing", text, question, updates)
    if _APPROVAL.match(u.text) or u.low_effort:
        updates["agenda_approved"] = True
        closing = T.CLOSING.format(
            when=f" {when}" if view.get("timeframe") else "", summary=closing_summary(view.get("slots", {}))
        )
        return Decision("closing", closing, "", updates)
    question = next(
        (
            q
            for q in ("What else would you change?", "What else would make it feel like yours?")
            if q not in view.get("asked", [])
        ),
        "What else would you like to adjust?",
    )
    edit = apply_edit(str(view.get("agenda", "")), u.text)
    if edit is not None:
        # Their change, applied and shown: the draft they approve is the one they shaped.
        updates["agenda"] = edit.markdown
        return Decision("agenda_edit+question", f"{edit.said}\n\n{edit.markdown}\n\n{question}", question, updates)
    updates["agenda_edits"] = [*view.get("agenda_edits", []), clean_clause(u.text, 60)]
    reflection = sentence(f"Noted: {as_you(u.text)}")
    return Decision("reflection+question", f"{reflection} {question}", question, updates)


def stage_after(updates: dict[str, Any], state: CoachState) -> str:
    slots = updates.get("slots", state.get("slots", {}))
    shown = bool(updates.get("agenda_shown", state.get("agenda_shown")))
    approved = bool(updates.get("agenda_approved", state.get("agenda_approved")))
    return stage_of(slots, shown, approved)
