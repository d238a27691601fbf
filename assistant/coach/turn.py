"""One turn, as a pipeline of named nodes:

    record -> load -> route -> understand -> retrieve -> plan -> say -> guard -> persist

Each node is a plain function of the thread's state (and the turn's dependencies) that
returns the state it changes, so each can be called and tested on its own; `build_graph`
only wires them into LangGraph. The thread's goal, agenda and commitments are the workspace
store's: `load` reads them into the turn and `persist` writes them back, so the checkpoint
never holds a copy (coach/thread_records.py). The service stores the record step on its own first
(`recorded`), so the protégé's message is on disk before any backend is called; the rest
runs from there and is stored once, when persist ends, before the reply is shown. A turn
that fails in between leaves the message stored and unanswered, and the next turn answers
it. Nothing acknowledged is lost, and a turn costs two writes, not one per node.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.config import get_stream_writer
from langgraph.graph import END, START, StateGraph

from assistant.coach import answers as A
from assistant.coach import safety_replies as R
from assistant.coach import support as S
from assistant.coach import templates as T
from assistant.coach.agenda_items import asks_for_agenda, labelled_questions, looks_like_edit
from assistant.coach.dialogue import about_ai, about_me, asks_our_view, asks_who_sees, decide
from assistant.coach.phrasing import AS_WRITTEN, request, rolling_summary
from assistant.coach.policy import approves_agenda, planned, planned_from
from assistant.coach.question_choice import QuestionPicker
from assistant.coach.reply_check import ReplyChecks, Roster, without_reported_speech
from assistant.coach.router import asks
from assistant.coach.router import route as kind_of
from assistant.coach.state import CoachState, Message
from assistant.coach.thread_records import (
    RECORD_KEYS,
    MemoryRecords,
    RecordStore,
    records_of,
    with_records,
    without_records,
)
from assistant.coding.coder import split_sentences
from assistant.config import PROJECT_ROOT
from assistant.language.acts import PREPARATION_ACTS, preparing
from assistant.language.meaning import label_act, read, says_correction
from assistant.llm import deadline as D
from assistant.llm.base import Backend, BackendError
from assistant.prompts import render
from assistant.records import Passage
from assistant.safety import Assessment, SafetyDetector
from assistant.safety.detector import CONTEXT_FLOOR, rank
from assistant.safety.model import IDEATION

log = logging.getLogger(__name__)

DirectiveCheck = Callable[[str], tuple[bool, list[str]]]

#: After a distress reply, coaching goes on; the same offer isn't made again this soon.
DISTRESS_GAP = 5
#: A model-only reading of indirect hopelessness below this, with calm turns before it, is
#: first asked about (support.CHECK) rather than answered with the full crisis reply.
CHECK_BELOW = 0.95
#: Routes whose reply uses the guidance: the search runs for these only.
_SEARCHED = frozenset({"coach", "logistics", "support"})


@dataclass
class TurnDeps:
    """What a turn needs from outside the engine; built once by the service."""

    backend: Backend
    search: A.SearchFn | None
    is_directive: DirectiveCheck
    knowledge_dir: Path
    safety: SafetyDetector
    top_k: int = 4
    turn_deadline: float = 20.0  # seconds for every model call of one turn together
    checks: ReplyChecks = field(default_factory=ReplyChecks)  # secrets, markup, advice forms
    roster: Callable[[str], Roster] | None = None  # user -> the people a reply must not name
    picker: QuestionPicker | None = None  # the question bank; build_graph loads the program's
    prompts_dir: Path = PROJECT_ROOT / "prompts"  # the guard's retry prompt (guard_retry.md)
    records: RecordStore = field(default_factory=MemoryRecords)  # goal, agenda, commitments: the workspace's


def recorded(state: CoachState | dict[str, Any], text: str) -> dict[str, Any]:
    """The record step: the protégé's message appended to the transcript. The service
    writes this first, on its own, so the message is stored before anything can fail."""
    message: Message = {"role": "user", "content": text}
    out: dict[str, Any] = {"messages": [message], "turn": state.get("turn", 0) + 1, "incoming": text}
    earlier = state.get("messages", [])
    if earlier and earlier[-1]["role"] == "user":
        # The last turn failed after storing the message: read both, so it is answered now.
        out["incoming"] = f"{earlier[-1]['content']}\n\n{text}"
    return out


def record(state: CoachState) -> dict[str, Any]:
    return recorded(state, state["incoming"])


def _owner(config: RunnableConfig) -> tuple[str, str]:
    """(user, thread) of the turn, from the checkpoint key the service made ("user/thread")."""
    user, _, thread = str(config.get("configurable", {}).get("thread_id", "")).partition("/")
    return user, thread


def load(state: CoachState, config: RunnableConfig, deps: TurnDeps) -> dict[str, Any]:
    """The thread's goal, agenda and commitments, read from their store into the turn. After a
    turn whose records could not be stored, the state still holds them and they stand."""
    if state.get("records_pending"):
        return {}
    found = deps.records.load(*_owner(config))
    view = with_records(dict(state), found)
    return {key: view[key] for key in ("slots", *RECORD_KEYS) if key in view}


#: Turns after they answered the gentle check "it's about work" in which the same kind of
#: classifier-only reading is not asked about again.
CHECKED_FOR = 4
#: Turns after support mode ended in which more of what raised it ("ok yeah. its been on my
#: mind a lot. i havent done anything yet", support.unsure_of_safety) reopens it, whatever
#: the classifier reads in the words alone (they only mean it in context).
REOPEN_FOR = 3


def route(state: CoachState, deps: TurnDeps) -> dict[str, Any]:
    """Safety first: which kind of turn this is (safety, safety_check, support, distress,
    logistics, off_topic or coach), and the message's safety reading for the thread."""
    text = state["incoming"]
    turn = state.get("turn", 0)
    in_support = bool(state.get("support", {}).get("active"))
    # In support mode the person is already being cared for; only a message that is a
    # concern on its own escalates again, not the echo of the last one.
    found = deps.safety.assess(text, () if in_support else state.get("risk_recent", []))
    out: dict[str, Any] = {
        "risk_recent": [*state.get("risk_recent", []), round(found.risk, 4)][-3:],
        "safety": {"tier": found.tier, "category": found.category, "source": found.source,
                   "emergent": found.emergent},
    }
    tier_now = state.get("support", {}).get("tier", "concern")
    if tier_now == "check":
        tier_now = "distress"  # after a check, any concern escalates fully
    calm_before = max(state.get("risk_recent", [0.0]) or [0.0]) < CONTEXT_FLOOR
    if (found.escalates and not in_support and found.source == "model" and found.tier != "crisis" and (
            (found.emergent and calm_before and found.category == "ideation_indirect"
             and (_changes_or_corrects(text) or _reports_on_commitment(state, text)
                  or (found.risk < CONTEXT_FLOOR and _in_preparation_form(text))))
            # "…and take out the drinks thing i dont wanna get into that w her." (blind review 19, read
            # at 0.45 as a threat): a change to their draft, with no words of harm in it.
            or (found.category == "harm_others" and _threat_rests_on_edits(text, state, deps.safety))
            or _alarm_rests_on_housekeeping(text, state, deps.safety))):
        # "Thank you. On the agenda, please reword the second item. 'Flouncing out' was my
        # phrase…": no sentence of it reads as hopelessness, only the whole does, and it is a
        # change to their agenda or a correction. In blind ordinary conversations 3-9 this takes
        # 6 of 77 alarmed messages out (of 1,092); no crisis message in any labelled set (4,652)
        # has this form. Nor does a question about us or the approval of their draft (below), nor
        # an answer to the check-in naming the commitment, read as risk only whole ("Oh and the
        # bank thing from last time, didn't ring them. Calving kicked off early…": blind review 18),
        # nor their own labelled preparation read whole too weakly to count towards the two-turn
        # context ("So what I want out of this: get through to October without burning out me and
        # my wife…", 0.29).
        found = Assessment("none", "", 0.0, "form")
        out.update(risk_recent=[*state.get("risk_recent", []), 0.0][-3:],
                   safety={"tier": "none", "category": "", "source": "form"})
    # The form is judged on the sentence the reading rests on, when one does: a warning sign said
    # in passing inside a report on their commitment ("…which I have since revised. I should
    # mention that I have been saving up my sleeping tablets…": crisis conversations 5, G05) is
    # not preparation because the sentence before it is.
    said = found.where or text
    in_form = found.category == "ideation_indirect" and (
        _in_preparation_form(said) or _reports_on_commitment(state, text, said))
    first_sign = found.category in {"ideation_indirect", "abuse"} and (found.risk < CHECK_BELOW or in_form)
    # "Options, I guess: (a) … (d) do nothing. Actually scratch (d), I've done (d) four times
    # already and look where it got me" (blind review 17, V08): read by the classifier alone as
    # self-harm, in a list they labelled themselves. Asked about first, like the other readings in
    # preparation's own form; a phrase ("…or just end it all") still gets the full reply.
    first_sign = first_sign or (found.category in IDEATION and found.source == "model"
                                and label_act(text) in PREPARATION_ACTS)
    # Read only in the message as a whole, never in a sentence of it (detector: emergent): the
    # least certain reading the model makes, and in blind ordinary conversations the commonest
    # false alarm (11 of 19 alarmed messages in set 10: "I keep changing the portfolio… One
    # hand!"). Crisis messages read that way exist too ("probably the last one i'll need. said
    # bye to my roommate"), so it is asked about directly, never let pass. Threats and
    # mistreatment read that way keep their own replies.
    emergent = found.emergent and found.category in IDEATION
    # "…I want to throw myself in the kiln. Figure of speech." (blind review 12, read at 0.99 as
    # direct ideation): they say themselves it is not meant literally, so the classifier's reading
    # alone is asked about, not answered with the full crisis reply.
    not_literal = found.category in IDEATION and S.misread(text)
    support_before = state.get("support", {})
    checked_lately = (support_before.get("tier") == "check" and not in_support
                      and turn - int(support_before.get("ended", -CHECKED_FOR) or 0) <= CHECKED_FOR)
    if (found.escalates and not in_support and found.source == "model" and found.tier != "crisis"
            and found.category == "ideation_indirect" and checked_lately
            and (first_sign or emergent or R.answers_the_check_with_work(out["safety"], text))):
        # They told us a turn or two ago that it is about work, and the classifier alone reads
        # the same kind of thing again in their preparation (blind review 15, U08: a list of
        # options checked a second time): asking again would say we did not hear the answer.
        # Nothing builds from it; explicit words and a crisis reading still escalate.
        out.update(risk_recent=[*state.get("risk_recent", []), 0.0][-3:],
                   safety={"tier": "none", "category": "", "source": "checked", "emergent": False})
        out["route"] = kind_of(text)
    elif (found.escalates and not in_support and found.source == "model" and calm_before
            and (first_sign or emergent or not_literal) and not S.foreign(text)):
        # (In another language the model's reading is the weaker one: the full reply, not a check.)
        # First sign, model only, mid-coaching: ask before the full crisis reply.
        out["route"] = "safety_check"
    elif (in_support and found.source == "model" and found.tier != "crisis" and S.said_safe(text)
          and S.wants_to_resume(text, False)):
        # "I'm not in danger, I'm at home. Can we continue, please?": their answer, read by
        # the classifier alone as more of the same, is heard, not met with a fuller alarm.
        out["route"] = "support"
    elif (in_support and state.get("support", {}).get("tier") == "check" and found.escalates
          and R.answers_the_check_with_work(out["safety"], text)):
        out["route"] = "support"  # the answer to the check decides (safety_replies._after_check)
    elif found.escalates and (not in_support or rank(found.tier) > rank(tier_now)):
        out.update(route="safety", flags=R.flag(state, found.tier, found.category))
    elif in_support:
        out["route"] = "support"
    elif (support_before.get("tier") in {"concern", "crisis"} and support_before.get("ended") is not None
          and turn - int(support_before.get("ended") or 0) <= REOPEN_FOR and S.unsure_of_safety(text)):
        # Back to preparing a turn ago, and now more of it (scripted crisis conversations, blind
        # set 4, F10): the concern reply again, not a coaching question.
        category = support_before.get("category") or "ideation_indirect"
        out.update(route="safety", flags=R.flag(state, "concern", category),
                   safety={"tier": "concern", "category": category, "source": "reopened", "emergent": False})
    elif (found.tier == "distress" and turn - int(state.get("distress_at", -DISTRESS_GAP)) >= DISTRESS_GAP
          and not read(text).has("advice_request")):  # "I'm stressed, just tell me": the role answer fits better
        out["route"] = "distress"
    else:
        out["route"] = kind_of(text)
    return out


def _for_the_mentor(text: str) -> bool:
    """"Questions for my mentor: how did she get noticed? …": their questions for the mentor,
    labelled, are preparation, not questions to the program's guidance."""
    return bool(labelled_questions(text)) or label_act(text) == "question_for_mentor"


def _in_preparation_form(text: str) -> bool:
    """The message has the form of preparation work: a change to the agenda ("could you please
    remove the question about which city?"), a labelled answer ("Next step: …"), a correction
    ("not by Sunday, by Saturday") or a question about who reads the chat ("does my mentor see
    what I type in here?"). A classifier-only reading of hopelessness in one is asked
    about first, however sure the classifier is: in blind ordinary conversations these were
    false alarms read at 0.94-0.99."""
    return _changes_or_corrects(text) or label_act(text) in PREPARATION_ACTS or asks_who_sees(text)


def _reports_on_commitment(state: CoachState, text: str, where: str = "") -> bool:
    """The answer to the check-in question, naming the commitment it reports on ("I did not
    complete the document, and I have decided not to continue with it": blind review 16, read
    at 0.99 as hopelessness and met with the full crisis reply). With `where`, the sentence the
    reading rests on must be that report: it names the commitment, or says it was not done in a
    message that names it; a warning sign said beside the report is not part of it."""
    from assistant.coach.checkin import deferred_checkin, names_it, review_pending, says_not_done

    if not (review_pending(state) or deferred_checkin(state)):
        return False  # (deferred: they opened with something else, and report on it unasked)
    commitment = str(state["review"][int(state.get("review_at", 0))].get("text", ""))
    if not where or where == text:
        return names_it(text, commitment)
    return names_it(where, commitment) or (names_it(text, commitment) and says_not_done(where))


_PRIVACY_WORD = re.compile(r"(?i)\b(?:see|sees|read|reads|access|private|confidential|stored|saved|shared|visible|"
                           r"who|happens to)\b")


def _housekeeping(sentence: str, agenda_shown: bool) -> bool:
    """A sentence about the chat itself: what the assistant is, who reads this, or (once the
    draft is shown) their approval of it in a few words or naming it ("It is good now.", "I
    agree with this agenda."). Of the 5,130 labelled messages that call for care, five hold one
    ("It's fine. Soon none of this will be my problem."), and in each the rest raises the alarm
    on its own, so none loses it (measured 2026-12-01)."""
    if about_ai(sentence) or (asks_who_sees(sentence) and _PRIVACY_WORD.search(sentence)):
        return True  # ("how do people get good at this?" asks who "gets" this, not who sees it)
    return agenda_shown and approves_agenda(sentence) and (
        len(sentence.split()) <= 4 or bool(re.search(r"(?i)\b(?:agenda|draft)\b", sentence)))


def _alarm_rests_on_housekeeping(text: str, state: CoachState, safety: SafetyDetector) -> bool:
    """The classifier's alarm rests on their question about us or their approval of the draft:
    read without those sentences, the rest of the message raises nothing ("It is good now. I
    agree with this agenda. Thank you so much, bye bye.", read at 0.59: blind review 18). Anything
    else they said that raises the alarm still does ("…I'd prefer not to put anything here that
    could find its way back to my firm." beside a privacy question is read at 0.99 on its own)."""
    return _alarm_rests_on(text, safety, lambda s: _housekeeping(s, bool(state.get("agenda_shown"))))


_NAMES_PART = re.compile(r"(?i)\b(?:agenda|draft|goal|title|items?|points?|bits?|thing|part|section|questions?|q)\b")


def _threat_rests_on_edits(text: str, state: CoachState, safety: SafetyDetector) -> bool:
    """A reading of harm to others that rests only on their changes to the draft, each naming a
    part of it ("and take out the drinks thing i dont wanna get into that w her."): read without
    them, the rest raises nothing. Of the 7,960 labelled messages that call for care, none loses
    its alarm this way (measured 2026-12-01; "I'm going to set fire to the foreman's car. The one
    who cut my hours." keeps it: its first sentence is no change to a draft)."""
    return bool(state.get("agenda_shown")) and _alarm_rests_on(
        text, safety, lambda s: looks_like_edit(s) and bool(_NAMES_PART.search(s)))


def _alarm_rests_on(text: str, safety: SafetyDetector, set_aside: Callable[[str], bool]) -> bool:
    """Some sentences are of the kind set aside, and without them the rest raises nothing."""
    sentences = split_sentences(text)
    rest = [s for s in sentences if not set_aside(s)]
    if len(rest) == len(sentences):
        return False
    return not rest or not safety.assess(" ".join(rest)).escalates


def _changes_or_corrects(text: str) -> bool:
    """A change to the agenda or a correction of what the coach understood (not a labelled
    answer: "My plan is to walk into the sea" is labelled too)."""
    return looks_like_edit(text) or read(text).has("correction") or says_correction(text)



def understand(state: CoachState) -> dict[str, Any]:
    """What the message means, for the steps that follow: its acts, whether it asks
    something, and whether the question is for the coach or about the protégé themself.
    The full reading (meaning.read, cached) is the plan's; this is the part retrieval and
    routing use, as plain data. Understanding is the offline reading's alone, whatever the
    backend: a model only phrases, so a turn costs one model call, not one to read and one
    to say."""
    text = state["incoming"]
    if state["route"] not in _SEARCHED:
        return {"understood": {}}
    meaning = read(text)
    return {"understood": {"acts": list(meaning.acts.acts), "asks": asks(text), "about_me": about_me(text),
                           "asks_coach": meaning.has("question_for_coach")}}


def retrieve(state: CoachState, deps: TurnDeps) -> dict[str, Any]:
    """One search a turn, on the routes that use the guidance. A question is searched as
    asked (the plan tells from it whether the handbook answers it); anything else with the
    goal beside it, so the passages fit what they are preparing."""
    if state["route"] not in _SEARCHED:
        return {"found": []}
    text = state["incoming"]
    goal = state.get("slots", {}).get("goal", "")
    asking = bool(state.get("understood", {}).get("asks"))
    query = text if asking or state["route"] != "coach" else " ".join(x for x in (goal, text) if x)[:500]
    return {"found": [p.to_dict() for p in A.lookup(deps.search, query, deps.top_k)]}


def plan(state: CoachState, deps: TurnDeps) -> dict[str, Any]:
    """The move, its draft and the passages it cites: a safety reply, a cited answer, a
    redirect, or the coaching policy's choice from what the message means."""
    kind = state["route"]
    text = state["incoming"]
    found = [Passage.from_dict(p) for p in state.get("found", [])]
    understood = state.get("understood", {})
    if kind == "safety":
        return R.escalate(state, deps.knowledge_dir)
    if kind == "safety_check":
        return R.check(state)
    if kind == "support":
        # A question about the program is answered, not met with more support talk ("who
        # sends the invitation?"); support stays on for the next turn.
        if state.get("safety", {}).get("tier") == "none" and (
                kind_of(text) == "logistics" or A.answers_program_question(found, text)):
            return {**A.logistics_answer(state, text, found), "route": "logistics"}
        out = R.support_turn(state, text, deps.knowledge_dir)
        if out.get("move") == "resume":
            # "yes please" to the offer: what they were preparing when it came is taken up now.
            before = state.get("support", {})
            held = str(before.get("held", "")) if before.get("offered_resume") else ""  # the offer still stands
            return (_resumed_by_preparing(state, out, text, found, deps)
                    or (held and _resumed_by_preparing(state, out, held, found, deps)) or out)
        return out
    if kind == "distress":
        return planned("distress", S.DISTRESS, "", [], state, {"distress_at": state.get("turn", 0)})
    if kind == "logistics":
        return A.logistics_answer(state, text, found)
    if kind == "off_topic":
        return planned("redirect+question", f"{T.OFF_TOPIC_REPLY} {T.OFF_TOPIC_QUESTION}", T.OFF_TOPIC_QUESTION,
                       [], state, {})
    asks_coach = bool(understood.get("asks_coach")) and not state.get("agenda_shown")
    if (asks_coach or A.answers_program_question(found, text)) and not understood.get("about_me") \
            and understood.get("asks") and not asks_for_agenda(text) and not _for_the_mentor(text) \
            and not asks_our_view(text):
        # "How many sessions is the program?", "how much notice do I have to give?": the
        # program's guidance answers, cited.
        return A.logistics_answer(state, text, found)
    decision = decide(state, read(text), deps.picker)
    return planned_from(decision, A.citable(found, text), state)


#: What a message leading back from support must carry to be coached on, not just welcomed back.
_PREPARING = frozenset({"goal", "commitment", "option", "obstacle", "situation", "success", "question_for_mentor",
                        "strength", "others_demand", "agenda_edit"})


def _resumed_by_preparing(state: CoachState, resumed: dict[str, Any], text: str, found: list[Passage],
                          deps: TurnDeps) -> dict[str, Any] | None:
    """Support ends because they went back to preparing, in a message that prepares ("Ok so: I'm
    going to email Declan tomorrow…"): that message is coached on as any other, after the
    welcome back, so nothing they said on the way back is lost. A bare "can we go back to
    it?" gets the welcome and the resume question alone (None)."""
    # "Now I would like to please return to the meeting preparation." asks to go back; it is not
    # a goal (crisis conversations 5, G19: "you really want to return to the meeting preparation").
    asked_for, text = text, S.without_asking_back(text)
    # "ok. can you do the agenda": asked for, drafted (a question back would ignore the ask).
    wants_agenda = asks_for_agenda(asked_for)
    # "Perfect. Yes, that's the one, approved!" after a check on an agenda edit: the draft approved.
    wants_agenda = wants_agenda or (bool(state.get("agenda_shown")) and approves_agenda(asked_for))
    text = asked_for if wants_agenda else text
    m = read(text or asked_for)
    # "Ha, no, just work. The commissions." answers the check; it is not a picture of success.
    if S.reaches_for_help(asked_for) or (not wants_agenda and (
            not (set(m.acts.acts) & _PREPARING and m.content) or len(text.split()) < 4
            or (S.just_work(text) and not preparing(text)))):
        return None  # a step toward help ("I'll call the number tomorrow") is never coached on
    asked = resumed.get("asked", [])
    question = asked[-1] if len(asked) > len(state.get("asked", [])) else ""
    lead = resumed["draft"].removesuffix(question).strip()
    # Support ends as it would have; a flag it raised for staff (mistreatment told) still goes.
    kept: dict[str, Any] = {key: resumed[key] for key in ("support", "risk_recent", "flags") if key in resumed}
    after: CoachState = {**state, **kept}  # type: ignore[typeddict-item]
    decision = decide(after, m, deps.picker)
    decision.text = f"{lead} {decision.text}".strip()
    decision.updates = {**kept, **decision.updates}
    return {**planned_from(decision, A.citable(found, text), after), "route": "coach"}


def say(state: CoachState, config: RunnableConfig, deps: TurnDeps) -> dict[str, Any]:
    """The reply: the offline draft as it stands, or a model's phrasing of it, streamed a
    checked sentence at a time. Safety replies, cited answers and records the protégé reads
    as such are said exactly as written."""
    if state["route"] != "coach" or deps.backend.name == "offline" or state.get("move") in AS_WRITTEN:
        return {"reply": state["draft"], "backend_used": "offline"}
    deadline = D.Deadline(deps.turn_deadline)
    rolling = rolling_summary(state, deps.backend, deadline, deps.turn_deadline)
    release, stop = _sentence_by_sentence(state, config, deps)
    try:
        reply = D.phrase(deps.backend, request({**state, **rolling}, correction=""), deadline, release)  # type: ignore[typeddict-item]
    except BackendError as exc:
        stop()
        return {"reply": state["draft"], "backend_used": "offline", "deadline_at": deadline.ends,
                "notices": [*state.get("notices", []), T.MODEL_FAILED.format(why=exc)], **rolling}
    stop()
    return {"reply": reply, "backend_used": deps.backend.name, "deadline_at": deadline.ends, **rolling}


def guard(state: CoachState, config: RunnableConfig, deps: TurnDeps) -> dict[str, Any]:
    """The reply is checked before anyone sees it: a model's for safety words, secrets,
    other people, markup and advice (one retry with the reasons, then the offline draft);
    the engine's own for advice its reflections may carry in the protégé's words."""
    reply = state["reply"]
    if state["route"] != "coach":
        return {}  # escalation and cited answers are said exactly as written
    from_model = state["backend_used"] != "offline"
    if not from_model and state.get("move") in AS_WRITTEN:
        return {}  # the handbook's words, or their own laid out as an agenda, exactly as written
    if from_model and alarming(deps.safety, reply):
        # A model that talks about ending a life or self-harm is never shown; the offline move is.
        log.warning("model reply raised the safety detector; the offline move replaced it")
        return {"reply": state["draft"], "backend_used": "offline"}
    found = _problems(reply, state, config, deps) if from_model else []
    # The protégé's own words, quoted in an agenda or a summary (“…”), are theirs: only
    # what the coach says around them is checked ("“ask for the budget”" is not advice).
    directive, cues = deps.is_directive(without_reported_speech(reply))
    if directive and state.get("move") == "options_with_permission":
        # The protégé said yes to hearing options: persuasion with permission is the move.
        directive = any(c.startswith(("persuade:", "confront:")) for c in cues)
        found = [p for p in found if not p.startswith(("advice:", "shape:"))]
    if not directive and not found and reply:
        return {}
    if not from_model and reply == state["draft"]:
        # The engine's own draft only reads as directive when the protégé's words in a
        # reflection do ("right now I must..."); keep the question, drop the echo.
        log.warning("offline draft flagged by the guard (%d cues); sending its question only", len(cues))
        asked = state.get("asked", [])
        planned_question = asked[-1] if asked and state["draft"].endswith(asked[-1]) else ""
        return {"reply": planned_question or T.SAFE_QUESTION}
    # Codes only in the log and the retry prompt: never the reply's or the protégé's words.
    log.warning("model reply refused by the guard: %s", ", ".join(found + (["directive"] if directive else [])))
    why = "; ".join(reasons(found, directive)) or "it was empty"
    correction = render(deps.prompts_dir, "guard_retry", why=why)
    try:
        retry = D.phrase(deps.backend, request(state, correction), D.Deadline.until(state.get("deadline_at", 0.0)))
    except BackendError:
        retry = ""
    if retry and not deps.is_directive(retry)[0] and not _problems(retry, state, config, deps):
        return {"reply": retry}
    return {"reply": state["draft"], "backend_used": "offline"}


def persist(state: CoachState, config: RunnableConfig, deps: TurnDeps) -> dict[str, Any]:
    """The reply joins the transcript; the goal, agenda and commitments go to their store and
    out of the state; this turn's scratch (what the search found) is dropped. The graph stores
    the state when this node ends, before the reply is shown. If the records can't be stored,
    they stay in the state (and the protégé is told) until a later turn stores them."""
    message: Message = {"role": "assistant", "content": state["reply"]}
    out: dict[str, Any] = {"messages": [message], "found": [], "understood": {}}
    try:
        deps.records.save(*_owner(config), records_of(dict(state)))
    except Exception:  # the store being down must not cost the reply; nothing is lost
        log.exception("could not store a thread's goal, agenda and commitments")
        return {**out, "records_pending": True, "notices": [*state.get("notices", []), T.RECORDS_PENDING]}
    return {**out, **without_records(dict(state)), "records_pending": False}


def build_graph(deps: TurnDeps, checkpointer: BaseCheckpointSaver[Any]) -> Any:
    if deps.picker is None:
        deps.picker = QuestionPicker(deps.knowledge_dir / "questions.yaml")
    graph = StateGraph(CoachState)
    nodes: tuple[tuple[str, Callable[..., dict[str, Any]]], ...] = (
        ("record", record),
        ("load", partial(load, deps=deps)),
        ("route", partial(route, deps=deps)),
        ("understand", understand),
        ("retrieve", partial(retrieve, deps=deps)),
        ("plan", partial(plan, deps=deps)),
        ("say", partial(say, deps=deps)),
        ("guard", partial(guard, deps=deps)),
        ("persist", partial(persist, deps=deps)),
    )
    previous = START
    for name, fn in nodes:
        graph.add_node(name, fn)
        graph.add_edge(previous, name)
        previous = name
    graph.add_edge(previous, END)
    return graph.compile(checkpointer=checkpointer)


def alarming(safety: SafetyDetector, reply: str) -> bool:
    """A model's reply that talks of ending a life or self-harm: explicit words, or what the
    classifier reads as acute. Its concern tier is tuned on protégés' messages, where a
    missed sign costs most; on a coach's questions ("What else is on your mind about it?")
    it raised false alarms, and replacing a good reply is not free either. So questions
    count only at those levels, and statements at every level."""
    found = safety.assess(reply)
    if found.escalates and (found.source == "phrase" or found.tier == "crisis"):
        return True
    # What it asserts is read in full ("Maybe everyone would be better off without you.").
    said = " ".join(p for p in split_sentences(reply) if not p.endswith("?"))
    return bool(said) and safety.assess(said).escalates


_REASONS = {
    "secret": "it contained a secret, a credential or your own instructions",
    "other-person": "it mentioned another person in the program or what they said",
    "markup": "it contained markup, a link or a URL (replies are plain text)",
    "advice": "it steered, recommended or judged",
    "shape": "it did not end with one open question",
}


def reasons(problems: list[str], directive: bool) -> list[str]:
    """Why a reply was refused, in words the model can act on (no quotes of anyone's text)."""
    kinds = dict.fromkeys(p.split(":")[0] for p in problems)
    out = [_REASONS[k] for k in kinds if k in _REASONS]
    if directive and _REASONS["advice"] not in out:
        out.insert(0, "it told the protégé what to do")
    return out


def _problems(reply: str, state: CoachState, config: RunnableConfig, deps: TurnDeps, whole: bool = True) -> list[str]:
    """The guard's checks besides direction (reply_check), against what the reply may draw on."""
    user = str(config.get("configurable", {}).get("thread_id", "")).split("/")[0]
    roster = None
    if deps.roster is not None and user:
        try:
            roster = deps.roster(user)
        except Exception:  # the store being unavailable must not cost the turn; the other checks still run
            log.exception("could not load the program roster for the guard")
    draft = state["draft"].rstrip()
    # What the reply may draw on: the protégé's words, the planned move, the guidance cited.
    said = [m["content"] for m in state.get("messages", []) if m["role"] == "user"][-12:]
    context = [*said, draft, *state.get("slots", {}).values(),
               *(str(p.get("text", ""))[:600] for p in state.get("passages", []))]
    # The reply's shape (it ends by asking) can only be judged once it is whole.
    return deps.checks.problems(reply, roster, expects_question=whole and "?" in draft,
                                tail_ok=not draft.endswith("?"), context=context)


def _sentence_by_sentence(state: CoachState, config: RunnableConfig,
                          deps: TurnDeps) -> tuple[Callable[[str], None], Callable[[], None]]:
    """(release, stop): release is given the model's reply up to each finished sentence
    and passes it on to whoever streams the turn, if every check passes; from the first
    sentence that fails, nothing more is released (the guard then decides the whole).
    stop() ends releasing when the call is over: an abandoned call's thread may still run."""
    try:
        writer = get_stream_writer()
    except RuntimeError:  # called on its own, outside a graph run (tests): nobody to stream to
        def writer(chunk: Any) -> None:
            return None
    # Options offered with permission are judged as a whole by the guard: never streamed.
    releasing = [state.get("move") != "options_with_permission"]
    asked = [False]

    def release(prefix: str) -> None:
        if not releasing[0] or asked[0]:
            # What follows a question (a statement after it is telling, not asking) is
            # judged with the whole reply.
            return
        masked = without_reported_speech(prefix)
        if alarming(deps.safety, prefix) or deps.is_directive(masked)[0] or _problems(prefix, state, config, deps,
                                                                                      whole=False):
            releasing[0] = False
            return
        writer({"partial": prefix})
        asked[0] = "?" in prefix

    def stop() -> None:
        releasing[0] = False

    return release, stop
