"""The plan for a turn that safety routed: the crisis or concern reply, the gentle check
before it, staying with the person afterwards (support mode), and picking preparation up
again when they lead back to it.

The wording lives in support.py and the escalation policy; this module decides which of
it a turn gets, and what the thread remembers (support mode, flags for staff).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.coach import support as S
from assistant.coach.escalation import escalation_reply
from assistant.coach.policy import approves_agenda, next_question, planned, topic_of
from assistant.coach.router import work_talk
from assistant.coach.state import CoachState, first_open_slot
from assistant.language.acts import PREPARATION_ACTS, preparing
from assistant.language.meaning import label_act, read
from assistant.safety import CATEGORY_LABELS
from assistant.safety.model import IDEATION


def flag(state: CoachState, severity: str, category: str) -> list[dict[str, Any]]:
    """The thread's flags for staff with one more: a severity, a reason and a turn, never words."""
    entry = {"severity": severity, "reason": CATEGORY_LABELS.get(category, ""), "turn": state.get("turn", 0)}
    return [*state.get("flags", []), entry]


def escalate(state: CoachState, knowledge_dir: Path) -> dict[str, Any]:
    """The crisis or concern reply, with the program's contacts; support mode begins."""
    found = state["safety"]
    before = state.get("support", {})
    support = {"active": True, "tier": found["tier"], "category": found["category"],
               "since": before.get("since", state.get("turn", 0)), "replies": int(before.get("replies", 0)),
               "asked_safe": found["category"] != "harm_others", "question": "", "offered_resume": False,
               # Read by the classifier alone (no explicit words): if they simply carry on with
               # their preparation, in work words, that is their answer, and coaching resumes. A
               # threat's words inside a labelled answer ("Options: kill him in chapter 3 with the
               # poisoned tea…", a crime novelist) count as read, not told.
               "resume_on_work": found.get("source") == "model" or (
                   found["category"] == "harm_others"
                   and label_act(str(state.get("incoming", ""))) in PREPARATION_ACTS),
               # Read only in the message as a whole (detector.emergent): the least sure reading.
               "emergent": bool(found.get("emergent")),
               # "…No, I don't feel in danger right now, I am at home." in the very message the
               # classifier alone alarmed on: asked "are you safe?" before going back, they had
               # answered already (blind personas, q-07).
               "said_safe": bool(before.get("said_safe")) or (
                   found.get("source") == "model" and S.said_safe(str(state.get("incoming", ""))))}
    # A pending check-in waits for another day: nobody in crisis is asked about their to-do list.
    updates: dict[str, Any] = {"support": support, "review_at": len(state.get("review", []))}
    reply, cited = escalation_reply(knowledge_dir, found["tier"], found["category"], support["resume_on_work"])
    return planned("escalation", reply, "", cited, state, updates)


def check(state: CoachState) -> dict[str, Any]:
    """A first sign, read by the classifier alone mid-coaching: ask before the full reply."""
    found = state["safety"]
    text_out = S.ABUSE_CHECK if found["category"] == "abuse" else S.CHECK
    support = {"active": True, "tier": "check", "category": found["category"], "since": state.get("turn", 0),
               "replies": 0, "asked_safe": False, "offered_resume": False, "question": text_out}
    return {**planned("safety_check", text_out, "", [], state, {"support": support}), "route": "safety"}


def support_turn(state: CoachState, text: str, knowledge_dir: Path) -> dict[str, Any]:
    """A message while support mode is on: stay with them, or resume when they lead back."""
    support = dict(state.get("support", {}))
    calm = state.get("safety", {}).get("tier") == "none"
    # Offered to go back, an answer that is their preparation ("Questions for Graham - …") is a yes.
    # Talk of their own help ("the counseling center has a 3-week wait") never is.
    ordinary = calm and (work_talk(text) or (bool(support.get("offered_resume")) and preparing(text))) \
        and not S.names_help_service(text)
    if support.get("tier") == "check":
        return _after_check(state, support, text, calm, knowledge_dir)
    # A step toward help ("I'll reach out to the EAP thing", "I could tell her this evening") is
    # answered as one; a labelled step of their preparation ("next step: I'll email the market
    # organiser about stall fees") is preparation unless it reaches for someone who can help.
    labelled = label_act(text) in PREPARATION_ACTS
    toward_help = S.reaches_for_help(text) if labelled else S.steps_toward_safety(text)
    # "Maybe. There is Korean student group, one senior there I trust." (crisis conversations 3, E21,
    # read by the act head as an option): someone to turn to is their support, not their preparation.
    toward_help = toward_help or S.turns_to_someone(text)
    if support.get("resume_asked") and S.said_safe(text):
        # They asked to go back and, asked first, said they are safe: back, as they asked.
        return resume(state, support, f"{S.SAFE_YES} {S.RESUME_LEAD}", {})
    if S.wants_to_resume(text, bool(support.get("offered_resume")), work_talk=ordinary):
        if (not support.get("replies") and not support.get("said_safe") and not S.said_safe(text)
                and not S.steps_toward_safety(text) and support.get("asked_safe") and not support.get("resume_asked")):
            # Straight after the full reply, "Let's just finish the agenda" has not answered whether
            # they are safe (blind crisis conversations set 3, E07: the message before told of a will
            # sorted and everything arranged). Asked once; their answer, or going on, leads back.
            after = {**support, "resume_asked": True, "asked_safe": True, "question": S.ARE_YOU_SAFE,
                     "replies": 1}
            return planned("support", S.RESUME_FIRST, "", [], state, {"support": after})
        # Offered the way back, they simply went on preparing: "Of course, let's go back to it"
        # would answer a request they never made (raters of blind set 15, twice).
        asked = S.wants_to_resume(text, bool(support.get("offered_resume")), work_talk=False)
        return resume(state, support, S.RESUME_LEAD if asked else S.REMINDER, {})
    going_on = "" if toward_help else carries_on(state, support, text)
    if going_on == "resume":
        # They simply went on preparing: "Of course, let's go back to it" would answer a
        # request they never made (raters of blind sets 8 and 9 marked it each time). What the
        # classifier read in this turn and the last carries nothing forward: they have shown
        # what it was about.
        return resume(state, support, S.REMINDER, {"risk_recent": []})
    if going_on == "offer":
        # Their preparation is kept ("held") and taken up when they say yes: nothing they said is lost.
        after = {**support, "offered_resume": True, "offered_work": True, "question": "", "held": text,
                 "replies": int(support.get("replies", 0)) + 1}
        return planned("support_offer", S.HELD_OFFER, "", [], state, {"support": after})
    if going_on == "ask_safe":
        after = {**support, "asked_safe": True, "asked_again": True, "offered_resume": False,
                 "question": S.ARE_YOU_SAFE, "replies": int(support.get("replies", 0)) + 1}
        return planned("support", f"{S.STILL_HERE} {S.ARE_YOU_SAFE}", "", [], state, {"support": after})
    if (S.misread(text) and not support.get("offered_resume") and support.get("resume_on_work")
            and state.get("safety", {}).get("source") != "phrase"):
        # "No, that wasn't a plan, that was a joke": the alarm was the classifier's reading
        # alone, and they say we misread them; asked, not insisted on (the contacts stay).
        after = {**support, "offered_resume": True, "question": "", "replies": int(support.get("replies", 0)) + 1}
        return planned("support_offer", S.MISREAD_OFFER, "", [], state, {"support": after})
    # (Unsure whether they are safe: support_reply gives the crisis contacts, not the question again.)
    reading = state.get("safety", {})
    # After an alarm the classifier raised alone, its least certain reading (only the message as
    # a whole, no sentence of it: detector.emergent) is not met with the same worry again: "What I
    # want to work on... I think it's that I can't let go of things." got "I'm still worried about
    # you… call your local emergency number" (blind set 11).
    faint = bool(support.get("resume_on_work")) and reading.get("source") == "model" and bool(reading.get("emergent"))
    if (reading.get("tier") in {"concern", "crisis"} and not faint and not S.said_safe(text)
            and not S.steps_toward_safety(text) and not S.unsure_of_safety(text)):
        # The same worry again, already answered with the full contacts: stay as worried,
        # say less, and ask whether they are safe only if they haven't told us.
        feeling = S.named_feeling(text)
        lead = f"It sounds like you're feeling {feeling}." if feeling else "Thank you for telling me."
        ask = not support.get("said_safe") and support.get("question") != S.ARE_YOU_SAFE
        count = int(support.get("replies", 0)) + 1
        after = {**support, "asked_safe": ask, "offered_resume": False, "replies": count,
                 "question": S.ARE_YOU_SAFE if ask else ""}
        text_out = " ".join(x for x in (lead, S.STILL_WORRIED, S.ARE_YOU_SAFE if ask else "") if x)
        return {**planned("escalation_repeat", text_out, "", [], state, {"support": after}), "route": "safety"}
    move, reply, after = S.support_reply(support, text, work_talk=ordinary)
    updates: dict[str, Any] = {"support": after}
    if move == "support_unsafe":
        # "Are you safe?" - "I don't know": staff hear of it as they would of a crisis.
        updates["flags"] = flag(state, "crisis", str(support.get("category", "")))
    return planned(move, reply, "", [], state, updates)


def _after_check(state: CoachState, support: dict[str, Any], text: str, calm: bool,
                 knowledge_dir: Path) -> dict[str, Any]:
    """Their answer to the gentle check (support.CHECK)."""
    about_treatment = support.get("category") == "abuse" and S.about_treatment(text)
    if S.said_safe(text) and S.wants_to_resume(text, False):
        # "I'm not in danger. Can we continue, please?": they lead. The contacts stay beside
        # the chat, and mistreatment they described still reaches staff (someone whose mentor
        # only cancelled a meeting does not answer that they are safe).
        flagged = {"flags": flag(state, "concern", "abuse")} if support.get("category") == "abuse" else {}
        return resume(state, support, S.RESUME_LEAD, flagged)
    ideation = support.get("category") in IDEATION
    if ideation and support.get("retracted"):
        # Asked once whether they are safe after taking it back: safe, and preparing goes on;
        # anything else, the full reply with the contacts.
        if S.said_safe(text):
            return resume(state, support, S.RETRACTED_SAFE, {"risk_recent": []})
        return _concern(state, support, knowledge_dir)
    if ideation and S.retracts(text) and not preparing(text):
        after = {**support, "retracted": True, "asked_safe": True, "question": S.ARE_YOU_SAFE,
                 "replies": int(support.get("replies", 0)) + 1}
        return planned("support", S.RETRACTED, "", [], state, {"support": after})
    works_on = answers_the_check_with_work(state.get("safety", {}), text)
    # "Ok yes. I think ask Lupita first…": a yes to an either-or question, then their next step;
    # it answers nothing about feeling low, and they have gone on preparing.
    rest = S.yes_then(text)
    said = read(rest) if rest else None
    # "So yes. Let's switch to that, if that's allowed." (blind review 21, X06: a headship to weigh,
    # met with the full crisis reply and eight turns of support): what follows the yes says
    # nothing beyond work, so it is the answer.
    yes_then_work = calm and said is not None and (preparing(rest) or bool(
        said.commitment or said.option or said.mentor_question or said.goal)
        or approves_agenda(rest) or (not S.beyond_work(rest) and not said.has("feeling") and not S.named_feeling(rest)
                                     and not said.has("obstacle"))) and not said.has("crisis")
    if not about_treatment and not S.foreign(text) and (S.just_work(text) or yes_then_work
                                                        or (not S.beyond_work(text) and (calm or works_on))):
        # "Just work stuff", or they simply carry on preparing: back to it (they said it is
        # about work: no building context).
        lead = S.CHECK_RESUME if S.just_work(text) else S.CARRY_ON_RESUME
        return resume(state, support, lead, {"risk_recent": []})
    return _concern(state, support, knowledge_dir)  # not just work


def _concern(state: CoachState, support: dict[str, Any], knowledge_dir: Path) -> dict[str, Any]:
    """The full reply after the check, with the contacts."""
    category = support.get("category") or "ideation_indirect"
    concern: CoachState = {**state, "safety": {"tier": "concern", "category": category}}
    return {**escalate(concern, knowledge_dir), "route": "safety", "flags": flag(state, "concern", category)}


def carries_on(state: CoachState, support: dict[str, Any], text: str) -> str:
    """After an alarm the classifier raised alone (no explicit words), they simply go on with
    their preparation, and nothing but the classifier reads more into this message either: that
    is their answer. In blind ordinary conversations the classifier's false alarms came in runs
    ("Options, okay. I could … make a checklist of the things that always go wrong so they can
    check themselves" read at 0.91 right after one), and each kept them in support mode.

    "resume" then. After a crisis reading (self-harm or direct ideation) of one of their
    sentences, going back is offered first ("offer"), and taken when they go on preparing after
    it. When they said they may not be safe and have not said otherwise since, they are asked
    again ("ask_safe") rather than led back to their to-do list. "" (stay with them) when they
    say they don't want to talk about it ("I don't want to talk about the chapter now"), or the
    message is not preparation."""
    if not support.get("resume_on_work"):
        return ""  # explicit words raised it: they lead back by asking
    if S.turns_away(text):
        return ""
    reading = state.get("safety", {})
    quiet = reading.get("tier") in {"none", "distress"} or (
        reading.get("source") == "model" and reading.get("tier") == "concern"
        and reading.get("category") in _MILD_READINGS)
    if not (quiet and preparing(text)):
        return ""
    unsure = bool(support.get("unsafe") and not support.get("said_safe"))
    if unsure and not support.get("asked_again"):
        return "ask_safe"
    # A reading made of a sentence they wrote ("I scratch my arms until they bleed", "Every morning
    # I am disappointed that I woke up"), not only of the message as a whole ("…a reflective log,
    # which I've completely let slide"): going on with work is not yet asking to go back (crisis
    # conversations 5, G17: "What do you think, should I ask her also about the budget?" ended
    # support mode the turn after).
    told = (support.get("tier") in {"concern", "crisis"} and support.get("category") in IDEATION
            and not support.get("emergent"))
    if (told or unsure) and S.names_help_service(text):
        return ""  # talk of who could help ("the counselling centre") is theirs to lead
    if (told or unsure) and not support.get("offered_work"):
        return "offer"  # once: going on preparing after it is their answer
    return "resume"


def answers_the_check_with_work(found: dict[str, Any], text: str) -> bool:
    """Their answer to the check is their preparation ("what's stopping me… I take it
    personally"), and only the classifier, not their words, reads more into it: they have told
    us what it is about. The full reply needs their words (a phrase, "it's more than work", "I
    can't see the point") or a crisis reading of the answer itself."""
    return (found.get("source") == "model" and found.get("tier") != "crisis" and not S.beyond_work(text)
            and found.get("category") in _MILD_READINGS and not S.about_treatment(text)
            and (bool(set(read(text).acts.acts) & {*PREPARATION_ACTS, "obstacle"})
                 # "So what I want out of this: get through to October without burning out…": their
                 # own label says it is preparation, whatever the act head reads (blind review 18
                 # read it as crisis and gave the full reply).
                 or label_act(text) in {*PREPARATION_ACTS, "obstacle"}))


#: What the classifier may read into an answer to the check without overruling it: hopelessness
#: read into work words. Mistreatment, harm or self-harm read in the answer always get the full reply.
_MILD_READINGS = frozenset({"ideation_indirect", "distress", ""})


def resume(state: CoachState, support: dict[str, Any], lead: str, extra: dict[str, Any]) -> dict[str, Any]:
    """Support ends and preparation picks up where it was, with `lead` said first."""
    ended = {**support, "active": False, "ended": state.get("turn", 0)}
    question, target = resume_question(state)
    updates: dict[str, Any] = {"support": ended, **({"target": target} if target else {}), **extra}
    return planned("resume", f"{lead} {question}", question, [], state, updates)


def resume_question(state: CoachState) -> tuple[str, str]:
    """(question, slot it asks about) to pick preparation up where it was left; the goal is
    named, because after a long detour "if you got there" has nothing to point at."""
    if state.get("agenda_shown") and not state.get("agenda_approved"):
        return "What would you like to change in your agenda draft, if anything?", ""
    slots = state.get("slots", {})
    found = first_open_slot(slots, state.get("slot_asks", {}))
    if found is None:
        return "Where would you like to pick up?", ""
    question = next_question(state, found[1])
    if slots.get("goal"):
        topic = topic_of(slots, bool(state.get("goal_is_verb")))
        question = f"Coming back to {topic}: {question[0].lower()}{question[1:]}"
    return question, found[1]
