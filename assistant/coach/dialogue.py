"""The dialogue manager: fill slots from what the protégé means, then choose one move.

Slots are filled from the acts found in a message wherever they appear (a goal said while
answering the obstacle question is still the goal), a later "actually…" revises a slot, a
correction reopens the slot it names, and only an intention the protégé owns becomes a
commitment. The GROW stage follows what is known, not the turn count: the next question is
for the first slot still open, asked at most twice, never repeated word for word.
Reflections say back a short span of the protégé's words in correct second person, in a
form that varies from turn to turn; meta-talk, markup and instructions aimed at the
assistant are never reflected.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.coach import templates as T
from assistant.coach.checkin import deferred_checkin, review_move, review_pending
from assistant.coach.policy import (
    _CONSENT,
    Decision,
    _after_agenda,
    _agenda_decision,
    gerund,
    goal_clarity,
    next_question,
    topic_of,
)
from assistant.coach.state import MAX_ASKS, STAGE_SLOTS, CoachState
from assistant.coach.timephrases import due, meeting_when
from assistant.language.meaning import Meaning
from assistant.language.person import second_person

#: The order the coach asks in; a slot already filled is never asked for.
ORDER = tuple(slot for slots in STAGE_SLOTS.values() for slot in slots)
#: Which acts may answer the question asked for a slot, when the message names no slot itself.
ACCEPTS = {
    "goal": {"goal", "others_demand", "situation", "obstacle"},
    "success": {"success", "goal", "situation", "strength"},
    "reality": {"situation", "obstacle", "feeling", "strength"},
    "obstacles": {"obstacle", "situation", "feeling"},
    "options": {"option", "commitment", "goal"},
    "next_step": {"commitment", "option", "goal"},
    "mentor_questions": {"question_for_mentor", "question_for_coach", "goal", "option"},
}
_APPEND = {"reality": 2, "obstacles": 2, "options": 3, "mentor_questions": 4}
_SEP = {"mentor_questions": " / "}
_SWITCH = re.compile(r"\b(?:switch|new (?:one|topic)|the new|change (?:it|topic)|yes|yeah|yep|sure|let'?s)\b", re.I)
_STAY = re.compile(r"\b(?:finish|first|stay|keep|continue|no|nope|nah|stick|current|original)\b", re.I)
_ABOUT_AI = re.compile(r"\b(?:are you|r u|ru) (?:an? )?(?:ai|bot|robot|real|human|person|chatgpt|gpt|machine)\b|"
                       r"\b(?:is this|am i talking to) (?:an? )?(?:ai|bot|human|person|real)\b", re.I)
_ABOUT_PRIVACY = re.compile(r"\b(?:see|read|access|share|sees|private|confidential|who can|stored|save[sd]?)\b", re.I)
_ABOUT_ROLE = re.compile(r"\b(?:what (?:can|do) you|how does this work|what is this|what are you for|"
                         r"what'?s your (?:job|role|purpose)|how do you work|can you help)\b", re.I)
_FAREWELL = re.compile(r"\b(?:bye|goodbye|gotta go|got to go|see you|cya|that'?s all for (?:now|today)|"
                       r"talk later|logging off)\b", re.I)
_PERSON_FIX = re.compile(
    r"\b(?:not (?:my|the) (?P<old1>[a-z]+(?: [a-z]+)?),? (?:it'?s |but )?(?:my|the) (?P<new1>[a-z]+(?: [a-z]+)?)|"
    r"it'?s (?:my|the) (?P<new2>[a-z]+(?: [a-z]+)?),? not (?:my|the) (?P<old2>[a-z]+(?: [a-z]+)?))\b",
    re.I,
)


def _pick(options: tuple[str, ...], turn: int) -> str:
    return options[turn % len(options)]


def _say(span: str, max_words: int = 10) -> str:
    """A span of the protégé's words, person-shifted and trimmed, ready to sit in a sentence."""
    words = second_person(span).split()
    text = " ".join(words[:max_words]).strip(" ,;:-.!?")
    return re.sub(r"^(?:to|that|and|but|so)\s+", "", text, flags=re.I)


def _verb_phrase(span: str) -> bool:
    first = span.split()[0].lower() if span.split() else ""
    return bool(first) and first not in {"a", "an", "the", "my", "more", "some", "better", "i", "to"} and not first.endswith("ing")


def _merge_slot(slots: dict[str, str], name: str, value: str, replace: bool) -> bool:
    value = " ".join(value.split()).strip(" ,;:-")
    if not value or len(value) < 2:
        return False
    old = slots.get(name, "")
    if old and not replace:
        limit = _APPEND.get(name, 1)
        parts = old.split(_SEP.get(name, "; "))
        if len(parts) >= limit or value.lower() in old.lower():
            return False
        slots[name] = _SEP.get(name, "; ").join([*parts, value])
        return True
    slots[name] = value
    return True


def fill(state: CoachState, m: Meaning) -> tuple[dict[str, str], list[str]]:
    """The slots after this message, and which ones it filled (in ORDER)."""
    slots = dict(state.get("slots", {}))
    target = state.get("target", "")
    filled: list[str] = []
    revising = m.revises or bool(m.correction_slot)

    def put(name: str, value: str, replace: bool = False) -> None:
        if _merge_slot(slots, name, value, replace) and name not in filled:
            filled.append(name)

    if m.goal and (not slots.get("goal") or revising or target == "goal"):
        put("goal", m.goal, replace=True)
    if m.demand:
        put("demand", f"{m.demand_by}: {m.demand}" if m.demand_by else m.demand, replace=True)
    if m.success:
        put("success", m.success, replace=revising or target == "success")
    if m.situation and target != "success":
        put("reality", m.situation)
    if m.obstacle:
        put("obstacles", m.obstacle)
    if m.option:
        put("options", m.option)
    if m.commitment:
        put("next_step", m.commitment, replace=revising)
    if m.mentor_question:
        put("mentor_questions", m.mentor_question)
    if m.strength:
        put("strengths", m.strength)
    # The answer to the question we asked, said in words that name no slot themselves.
    if target in ACCEPTS and target not in filled and not m.meta and not m.has("correction"):
        accepted = [a for a in m.acts.acts if a in ACCEPTS[target]]
        span = _span_for(target, m) if accepted else ""
        if target == "next_step" and m.facts.imperative and not m.facts.question:
            span = span or m.text  # "email her on Friday", answering "what will you do first?"
        if span and not (target == "goal" and m.demand and not m.goal):
            put(target, span, replace=target == "success")
    return slots, filled


def _span_for(slot: str, m: Meaning) -> str:
    by_slot = {
        "goal": m.goal or m.situation or m.obstacle,
        "success": m.success or m.goal or m.situation or m.strength,
        "reality": m.situation or m.obstacle or m.strength,
        "obstacles": m.obstacle or m.situation,
        "options": m.option or m.commitment or m.goal,
        "next_step": m.commitment or m.option or m.goal,
        "mentor_questions": m.mentor_question or m.option or m.goal,
    }
    return by_slot.get(slot, "")


def _next_slot(slots: dict[str, str], asks: dict[str, int]) -> str:
    for name in ORDER:
        if not slots.get(name) and asks.get(name, 0) < MAX_ASKS:
            return name
    return ""


def reflect(m: Meaning, slots: dict[str, str], filled: list[str], turn: int, verb_goal: bool) -> str:
    """One or two short reflections of what this message added, in varied forms."""
    parts: list[str] = []
    goal = slots.get("goal", "")
    if "strengths" in filled:
        parts.append(T.STRENGTH_REFLECTION.format(x=_say(slots["strengths"].split("; ")[-1])))
    if "demand" in filled and not m.goal:
        who, _, what = slots["demand"].rpartition(": ")
        parts.append(T.DEMAND_REFLECTION.format(who=_say(who or "someone else", 5), x=_say(what)))
    elif "goal" in filled:
        g = _say(goal)
        if _verb_phrase(goal):
            parts.append(_pick(T.GOAL_REFLECTIONS, turn).format(x=g))
        else:
            parts.append(_pick(T.GOAL_NOUN_REFLECTIONS, turn).format(x=g))
    if "obstacles" in filled:
        latest = slots["obstacles"].split("; ")[-1]
        if goal and _verb_phrase(goal) and len(_say(goal, 8).split()) <= 8:
            parts.append(T.OBSTACLE_DOUBLE.format(goal=_say(goal, 8), x=_say(latest)))
        else:
            parts.append(_pick(T.OBSTACLE_REFLECTIONS, turn).format(x=_say(latest)))
    elif "success" in filled:
        parts.append(_pick(T.SUCCESS_REFLECTIONS, turn).format(x=_say(slots["success"])))
    elif "reality" in filled:
        parts.append(_pick(T.REALITY_REFLECTIONS, turn).format(x=_say(slots["reality"].split("; ")[-1])))
    if "next_step" in filled:
        parts.append(_pick(T.COMMITMENT_REFLECTIONS, turn).format(x=_say(slots["next_step"], 12)))
    elif "options" in filled:
        parts.append(_pick(T.OPTION_REFLECTIONS, turn).format(x=_say(slots["options"].split("; ")[-1])))
    if "mentor_questions" in filled and len(parts) < 2:
        parts.append(_pick(T.MENTOR_QUESTION_ACK, turn))
    if m.feelings and len(parts) < 2:
        parts.insert(0, _pick(T.FEELING_REFLECTIONS, turn).format(f=" and ".join(m.feelings[:2])))
    text = " ".join(_capital(p) for p in parts[:2])
    return text


def _capital(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def _summary(slots: dict[str, str]) -> str:
    bits = []
    if slots.get("goal"):
        g = _say(slots["goal"], 9)
        bits.append(f"you want to {g}" if _verb_phrase(slots["goal"]) else f"you're after {g}")
    if slots.get("reality"):
        bits.append(f"right now {_say(slots['reality'].split('; ')[0], 9)}")
    if slots.get("obstacles"):
        bits.append(f"what gets in the way is that {_say(slots['obstacles'].split('; ')[0], 9)}")
    if len(bits) < 2:
        return ""
    return f"{T.SUMMARY_LEAD} {'; '.join(bits[:-1])}; and {bits[-1]}."


def _question(state: CoachState, slot: str) -> str:
    return next_question(state, slot)


def decide(state: CoachState, m: Meaning) -> Decision:
    """Choose the coaching move for this message and realise it offline."""
    decision = _decide(state, m)
    said = _commitment(state, m, decision)
    if said is not None:
        decision.updates["commitments"] = said
    return decision


def _commitment(state: CoachState, m: Meaning, decision: Decision) -> list[dict[str, str]] | None:
    """An owned intention said in this thread, recorded once (never from a question, a
    negation, someone else's plan or a quote: `Meaning.commitment` is empty for those)."""
    step = decision.updates.get("slots", {}).get("next_step", "")
    text = m.commitment or (step if step and step != state.get("slots", {}).get("next_step") else "")
    if not text or state.get("agenda_shown"):
        return None
    known = list(state.get("commitments", []))
    if any(c["text"].lower() == text.lower() for c in known):
        return None
    return [*known, {"text": text, "due": due(text)}]


def _decide(state: CoachState, m: Meaning) -> Decision:
    turn = int(state.get("turn", 0))
    if review_pending(state):
        found = review_move(state, m)
        if found is not None:
            return Decision(*found)
        # They opened with something else: that comes first, the check-in waits.
    if state.get("agenda_shown"):
        return _after_agenda(state, m.text, {"slots": dict(state.get("slots", {}))}, m)

    updates: dict[str, Any] = {}
    if state.get("pending_switch"):
        switched = _answer_switch(state, m, updates)
        if switched is not None:
            return switched
    if state.get("move") == "permission" and not state.get("options_offered") and _CONSENT.match(m.text):
        slots = dict(state.get("slots", {}))
        updates = {"slots": slots, "options_offered": True, "target": "options"}
        question = T.OPTIONS_QUESTION.format(topic=topic_of(slots, bool(state.get("goal_is_verb"))))
        return Decision("options_with_permission", f"{T.OPTIONS_WITH_PERMISSION} {question}", question, updates)

    fixed = _person_fix(state, m)
    if fixed is not None:
        return fixed
    slots, filled = fill(state, m)
    updates["slots"] = slots
    if "goal" in filled:
        updates["goal_is_verb"] = _verb_phrase(slots["goal"])
    when = meeting_when(m.text)
    if when and (not state.get("timeframe") or m.revises or m.has("correction") or " not " in m.text.lower()):
        updates["timeframe"] = when
    if m.feelings:
        updates["feelings"] = sorted({*state.get("feelings", []), *m.feelings})
    updates["goal_clarity"] = goal_clarity(slots, updates.get("timeframe", state.get("timeframe", "")))
    view: CoachState = {**state, **updates}  # type: ignore[typeddict-item]
    asks = dict(state.get("slot_asks", {}))
    topic = topic_of(slots, bool(view.get("goal_is_verb")))

    # Things that are not answers come first, each in its own way.
    if m.has("correction") and not filled:
        slot = m.correction_slot or state.get("last_filled", "")
        if slot and slot in slots:
            slots.pop(slot, None)
        asks[slot] = 0
        question = T.CORRECTION_SLOT_QUESTIONS.get(slot, T.CORRECTION_SLOT_QUESTIONS[""])
        updates.update(target=slot, slot_asks=asks)
        return Decision("apology+question", f"{T.CORRECTION_ACK} {question}", question, updates)
    if m.has("topic_change") and state.get("slots", {}).get("goal") and not m.has("correction"):
        updates["slots"] = dict(state.get("slots", {}))
        updates["pending_switch"] = {"text": m.text, "goal": m.goal or m.situation or m.obstacle or m.text[:200]}
        question = T.TOPIC_CHANGE_QUESTION.format(topic=topic)
        return Decision("reflection+question", f"{T.TOPIC_CHANGE.format(topic=topic)} {question}", question, updates)
    if m.primary == "question_for_coach" and not filled:
        return _about_me(view, m, updates)
    if m.has("off_topic") and not filled:
        slot = _next_slot(slots, asks) or "goal"
        question = _question(view, slot)
        updates["target"] = slot
        return Decision("redirect+question", f"{T.OFF_TOPIC_REPLY} {question}", question, updates)
    if m.has("advice_request") and not filled:
        return _advice_request(state, view, slots, updates)
    if m.has("greeting") and not filled and _FAREWELL.search(m.text):
        return Decision("closing", T.GOODBYE, "", updates)
    if (m.has("low_effort") or not m.text.strip(" .!?")) and not filled:
        return _low_effort(state, view, slots, updates)
    updates["low_effort"] = 0

    if not filled and state.get("target") in ORDER and not m.has("agreement") and not m.has("greeting"):
        asks[state["target"]] = asks.get(state["target"], 0)  # asked, not answered: counted when asked
    slot = _next_slot(slots, asks)
    if slot == "" and deferred_checkin(state):
        # The check-in they skipped at the start, asked once before the agenda is drafted.
        return Decision(*deferred_checkin(state, ask=True))  # type: ignore[misc]
    if slot == "mentor_questions" or (not slot and not state.get("more_asked")
                                      and " / " not in slots.get("mentor_questions", "x / x")):
        if not slot and slots.get("mentor_questions"):
            updates.update(more_asked=True, target="more_questions")
            lead = reflect(m, slots, filled, turn, bool(view.get("goal_is_verb")))
            return Decision("reflection+question", f"{lead} {T.MORE_QUESTIONS}".strip(), T.MORE_QUESTIONS, updates)
    if not slot:
        if state.get("target") == "more_questions" and m.mentor_question:
            pass  # already merged by fill()
        return _agenda_decision(view, slots, updates)

    lead = reflect(m, slots, filled, turn, bool(view.get("goal_is_verb")))
    move = "reflection+question" if lead else "question"
    if m.feelings or "obstacles" in filled and slots.get("goal"):
        move = "complex_reflection+question" if lead else move
    stage_done = slot == "options" and state.get("target") in {"reality", "obstacles"} and "options" not in asks
    if stage_done:
        summary = _summary(slots)
        if summary:
            lead, move = summary, "summary+question"
    if not lead and m.has("agreement"):
        lead = "Good."
    elif not lead and filled == [] and m.acts.acts and not m.meta and len(m.text.split()) > 3:
        lead = _pick(T.ACKS, turn)
    if "demand" in filled and not slots.get("goal"):
        who = _say(slots["demand"].rpartition(": ")[0] or "they", 5)
        question = T.DEMAND_QUESTION.format(who=who)
        asks["goal"] = asks.get("goal", 0) + 1
        updates.update(target="goal", slot_asks=asks, last_filled=filled[-1] if filled else state.get("last_filled", ""))
        return Decision(move, f"{lead} {question}".strip(), question, updates)
    question = _question(view, slot)
    asks[slot] = asks.get(slot, 0) + 1
    updates.update(target=slot, slot_asks=asks, last_filled=filled[-1] if filled else state.get("last_filled", ""))
    return Decision(move, f"{lead} {question}".strip(), question, updates)


def _answer_switch(state: CoachState, m: Meaning, updates: dict[str, Any]) -> Decision | None:
    pending = dict(state.get("pending_switch", {}))
    updates["pending_switch"] = {}
    if _STAY.search(m.text) and not _SWITCH.search(m.text.replace("first", "")):
        return None  # carry on with the current goal; this message is read as usual
    if not (_SWITCH.search(m.text) or m.has("agreement")):
        return None
    slots = {"goal": pending.get("goal", "")} if pending.get("goal") else {}
    if state.get("slots", {}).get("mentor_questions"):
        slots["mentor_questions"] = state["slots"]["mentor_questions"]
    updates.update(slots=slots, goal_is_verb=_verb_phrase(slots.get("goal", "")), slot_asks={}, target="success")
    view: CoachState = {**state, **updates}  # type: ignore[typeddict-item]
    topic = topic_of(slots, bool(updates["goal_is_verb"]))
    question = next_question(view, "success")
    lead = f"{T.TOPIC_SWITCHED} So now it's about {topic}." if topic != "this" else T.TOPIC_SWITCHED
    return Decision("reflection+question", f"{lead} {question}", question, updates)


def _person_fix(state: CoachState, m: Meaning) -> Decision | None:
    """"It's my team lead, not my manager": the stored words are changed, not the slot."""
    found = _PERSON_FIX.search(m.text)
    if not found or not (m.has("correction") or m.revises):
        return None
    old = (found.group("old1") or found.group("old2") or "").lower()
    new = (found.group("new1") or found.group("new2") or "").lower()
    slots = dict(state.get("slots", {}))
    changed = False
    for key, value in slots.items():
        if re.search(rf"\b{re.escape(old)}\b", value, re.I):
            slots[key] = re.sub(rf"\b{re.escape(old)}\b", new, value, flags=re.I)
            changed = True
    if not changed:
        return None
    target = state.get("target", "") or "goal"
    asked = state.get("asked", [])
    question = asked[-1] if asked else next_question(state, target)
    return Decision("apology+question", f"{T.PERSON_FIXED.format(new=new, old=old)} {question}", question,
                    {"slots": slots})


def _about_me(view: CoachState, m: Meaning, updates: dict[str, Any]) -> Decision:
    if _ABOUT_AI.search(m.text):
        answer = T.ABOUT_AI
    elif re.search(r"\bmentor\b", m.text, re.I) and _ABOUT_PRIVACY.search(m.text):
        answer = T.ABOUT_PRIVACY
    elif _ABOUT_ROLE.search(m.text):
        answer = T.ABOUT_ROLE
    else:
        answer = ("I don't have an answer to that in your program's guidance; your program "
                  "coordinator will know.")
    slots = updates["slots"]
    slot = _next_slot(slots, view.get("slot_asks", {})) or "goal"
    question = _question(view, slot)
    updates["target"] = slot
    lead = T.BACK_TO_IT if view.get("asked") else ""
    return Decision("answer+question", f"{answer} {lead} {question}".replace("  ", " ").strip(), question, updates)


def _advice_request(state: CoachState, view: CoachState, slots: dict[str, str], updates: dict[str, Any]) -> Decision:
    updates["pressure"] = state.get("pressure", 0) + 1
    if state.get("pressure", 0) >= 1 and slots.get("goal") and not state.get("permission_asked"):
        updates["permission_asked"] = True
        topic = topic_of(slots, bool(view.get("goal_is_verb")))
        text = f"{T.PERMISSION_LEAD.format(topic=topic)} {T.PERMISSION_QUESTION}"
        return Decision("permission", text, T.PERMISSION_QUESTION, updates)
    question = next((q for q in T.ROLE_QUESTIONS if q not in state.get("asked", [])), "")
    slot = _next_slot(slots, view.get("slot_asks", {})) or "goal"
    question = question or next_question(view, slot)
    updates["target"] = state.get("target") or slot
    return Decision("role+question", f"{T.ROLE_STATEMENT} {question}", question, updates)


def _low_effort(state: CoachState, view: CoachState, slots: dict[str, str], updates: dict[str, Any]) -> Decision:
    updates["low_effort"] = state.get("low_effort", 0) + 1
    asked = state.get("asked", [])
    if not slots.get("goal") and T.LOW_EFFORT_QUESTION not in asked:
        return Decision("menu+question", f"{T.LOW_EFFORT_MENU} {T.LOW_EFFORT_QUESTION}", T.LOW_EFFORT_QUESTION, updates)
    lead, question = T.LOW_EFFORT_SCAFFOLD
    asks = dict(state.get("slot_asks", {}))
    if question in asked:
        slot = _next_slot(slots, asks) or "goal"
        asks[slot] = asks.get(slot, 0) + 1
        question = next_question(view, slot)
        updates.update(target=slot, slot_asks=asks)
    return Decision("scaffold+question", f"{lead} {question}", question, updates)


__all__ = ["decide", "fill", "reflect", "gerund"]
