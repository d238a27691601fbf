"""One turn as a LangGraph graph: record -> route -> decide -> say -> guard -> finish.

The service stores the record step on its own first (`recorded`, written as the "record"
node), so the protégé's message is on disk before any backend is called; the rest of the
turn runs from there and is stored once, when it ends, before the reply is shown. A turn
that fails in between leaves the message stored and unanswered, and the next turn
answers it. Nothing acknowledged is lost, and a turn costs two writes, not one per node.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.config import get_stream_writer
from langgraph.graph import END, START, StateGraph

from assistant.coach import support as S
from assistant.coach import templates as T
from assistant.coach.dialogue import about_me, decide
from assistant.coach.escalation import POLICY_FILE, escalation_reply
from assistant.coach.policy import Decision, next_question, stage_after, topic_of
from assistant.coach.question_choice import QuestionPicker
from assistant.coach.reply_check import ReplyChecks, Roster, without_reported_speech
from assistant.coach.router import route, safety_topic, work_talk
from assistant.coach.state import CoachState, Message, first_open_slot
from assistant.coach.wording import unwrap
from assistant.coding.coder import split_sentences
from assistant.language.acts import preparing
from assistant.language.meaning import read
from assistant.llm import deadline as D
from assistant.llm.base import Backend, BackendError, ChatTurn, PhraseRequest
from assistant.records import Passage
from assistant.safety import CATEGORY_LABELS, SafetyDetector
from assistant.safety.detector import CONTEXT_FLOOR, rank
from assistant.tokens import count_tokens, recent_that_fit

log = logging.getLogger(__name__)

SearchFn = Callable[[str, int], list[Passage]]
DirectiveCheck = Callable[[str], tuple[bool, list[str]]]

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


@dataclass
class TurnDeps:
    """What a turn needs from outside the engine; built once by the service."""

    backend: Backend
    search: SearchFn | None
    is_directive: DirectiveCheck
    knowledge_dir: Any  # pathlib.Path
    safety: SafetyDetector
    top_k: int = 4
    turn_deadline: float = 20.0  # seconds for every model call of one turn together
    checks: ReplyChecks = field(default_factory=ReplyChecks)  # secrets, markup, advice forms
    roster: Callable[[str], Roster] | None = None  # user -> the people a reply must not name


#: After a distress reply, coaching goes on; the same offer isn't made again this soon.
DISTRESS_GAP = 5
#: A model-only reading of indirect hopelessness below this, with calm turns before it, is
#: first asked about (support.CHECK) rather than answered with the full crisis reply.
CHECK_BELOW = 0.95


def _passages_query(state: CoachState, text: str) -> str:
    slots = state.get("slots", {})
    return " ".join(x for x in (slots.get("goal", ""), text) if x)[:500]


def build_graph(deps: TurnDeps, checkpointer: BaseCheckpointSaver[Any]) -> Any:
    picker = QuestionPicker(Path(deps.knowledge_dir) / "questions.yaml") if deps.knowledge_dir else None

    def record(state: CoachState) -> dict[str, Any]:
        return recorded(state, state["incoming"])

    def route_node(state: CoachState) -> dict[str, Any]:
        text = state["incoming"]
        turn = state.get("turn", 0)
        in_support = bool(state.get("support", {}).get("active"))
        # In support mode the person is already being cared for; only a message that is a
        # concern on its own escalates again, not the echo of the last one.
        found = deps.safety.assess(text, () if in_support else state.get("risk_recent", []))
        out: dict[str, Any] = {
            "risk_recent": [*state.get("risk_recent", []), round(found.risk, 4)][-3:],
            "safety": {"tier": found.tier, "category": found.category, "source": found.source},
        }
        tier_now = state.get("support", {}).get("tier", "concern")
        if tier_now == "check":
            tier_now = "distress"  # after a check, any concern escalates fully
        calm_before = max(state.get("risk_recent", [0.0]) or [0.0]) < CONTEXT_FLOOR
        if (found.escalates and not in_support and found.source == "model" and calm_before
                and found.category in {"ideation_indirect", "abuse"} and found.risk < CHECK_BELOW):
            # First sign, model only, mid-coaching: ask before the full crisis reply.
            out["route"] = "safety_check"
        elif (in_support and found.source == "model" and found.tier != "crisis" and S.said_safe(text)
              and S.wants_to_resume(text, False)):
            # "I'm not in danger, I'm at home. Can we continue, please?": their answer, read by
            # the classifier alone as more of the same, is heard, not met with a fuller alarm.
            out["route"] = "support"
        elif found.escalates and (not in_support or rank(found.tier) > rank(tier_now)):
            entry = {"severity": found.tier, "reason": CATEGORY_LABELS[found.category], "turn": turn}
            out.update(route="safety", flags=[*state.get("flags", []), entry])
        elif in_support:
            # A question about the program is answered, not met with more support talk ("who
            # sends the invitation?"); support stays on for the next turn.
            asks_program = found.tier == "none" and (route(text) == "logistics" or bool(_program_question(text)))
            out["route"] = "logistics" if asks_program else "support"
        elif (found.tier == "distress" and turn - int(state.get("distress_at", -DISTRESS_GAP)) >= DISTRESS_GAP
              and not read(text).has("advice_request")):  # "I'm stressed, just tell me": the role answer fits better
            out["route"] = "distress"
        else:
            out["route"] = route(text)
        return out

    def respond(state: CoachState) -> dict[str, Any]:
        kind = state["route"]
        text = state["incoming"]
        if kind == "safety":
            return _escalate(state)
        if kind == "safety_check":
            found = state["safety"]
            support = {"active": True, "tier": "check", "category": found["category"], "since": state.get("turn", 0),
                       "replies": 0, "asked_safe": False, "offered_resume": False, "question": S.CHECK}
            text_out = S.ABUSE_CHECK if found["category"] == "abuse" else S.CHECK
            support["question"] = text_out
            return {**_turn("safety_check", text_out, "", [], state, {"support": support}), "route": "safety"}
        if kind == "support":
            return _support(state, text)
        if kind == "distress":
            return _turn("distress", S.DISTRESS, "", [], state, {"distress_at": state.get("turn", 0)})
        if kind == "logistics":
            return _logistics(state, text)
        if kind == "off_topic":
            question = T.OFF_TOPIC_QUESTION
            return _turn(
                "redirect+question", f"{T.OFF_TOPIC_REPLY} {question}", question, [], state, {}
            )
        # Understanding is the offline reading's alone, whatever the backend: a model only
        # phrases, so a turn costs one model call (issue #16), not one to read and one to say.
        meaning = read(text)
        asks_coach = meaning.has("question_for_coach") and not state.get("agenda_shown")
        answered_by = [] if asks_coach else _program_question(text)
        if (asks_coach or answered_by) and not about_me(text) and _asks(text):
            # "How many sessions is the program?", "how much notice do I have to give?": the
            # program's guidance answers, cited.
            return _logistics(state, text, answered_by or None)
        decision = decide(state, meaning, picker)
        passages = _search(_passages_query({**state, **decision.updates}, text), text)  # type: ignore[typeddict-item]
        return _turn_from(decision, passages, state)

    def _escalate(state: CoachState) -> dict[str, Any]:
        found = state["safety"]
        before = state.get("support", {})
        support = {"active": True, "tier": found["tier"], "category": found["category"],
                   "since": before.get("since", state.get("turn", 0)), "replies": int(before.get("replies", 0)),
                   "asked_safe": found["category"] != "harm_others", "question": "", "offered_resume": False,
                   # Read by the classifier alone (no explicit words): if they simply carry on with
                   # their preparation, in work words, that is their answer, and coaching resumes.
                   "resume_on_work": found.get("source") == "model"}
        # A pending check-in waits for another day: nobody in crisis is asked about their to-do list.
        updates: dict[str, Any] = {"support": support, "review_at": len(state.get("review", []))}
        reply, cited = escalation_reply(deps.knowledge_dir, found["tier"], found["category"])
        return _turn("escalation", reply, "", cited, state, updates)

    def _support(state: CoachState, text: str) -> dict[str, Any]:
        support = dict(state.get("support", {}))
        ordinary = state.get("safety", {}).get("tier") == "none" and work_talk(text)
        if support.get("tier") == "check":
            calm = state.get("safety", {}).get("tier") == "none"
            about_treatment = support.get("category") == "abuse" and S.about_treatment(text)
            if S.said_safe(text) and S.wants_to_resume(text, False):
                # "I'm not in danger. Can we continue, please?": they lead. The contacts stay
                # beside the chat, and mistreatment they described still reaches staff (someone
                # whose mentor only cancelled a meeting does not answer that they are safe).
                flagged: dict[str, Any] = {}
                if support.get("category") == "abuse":
                    entry = {"severity": "concern", "reason": CATEGORY_LABELS["abuse"], "turn": state.get("turn", 0)}
                    flagged["flags"] = [*state.get("flags", []), entry]
                return _resume(state, support, S.RESUME_LEAD, flagged)
            if not about_treatment and (S.just_work(text) or (calm and not S.beyond_work(text))):
                # "Just work stuff", or they simply carry on preparing: back to it (they said
                # it is about work: no building context).
                return _resume(state, support, S.CHECK_RESUME, {"risk_recent": []})
            # Not just work: the full reply, with the contacts.
            category = support.get("category") or "ideation_indirect"
            flagged = {**state, "safety": {"tier": "concern", "category": category}}
            entry = {"severity": "concern", "reason": CATEGORY_LABELS[category], "turn": state.get("turn", 0)}
            escalated = _escalate(flagged)  # type: ignore[arg-type]
            return {**escalated, "route": "safety", "flags": [*state.get("flags", []), entry]}
        carries_on = (bool(support.get("resume_on_work")) and state.get("safety", {}).get("tier") == "none"
                      and preparing(text) and not S.steps_toward_safety(text))
        if carries_on or S.wants_to_resume(text, bool(support.get("offered_resume")), work_talk=ordinary):
            return _resume(state, support, S.RESUME_LEAD, {})
        # (Unsure whether they are safe: support_reply gives the crisis contacts, not the question again.)
        if (state.get("safety", {}).get("tier") in {"concern", "crisis"} and not S.said_safe(text)
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
            return {**_turn("escalation_repeat", text_out, "", [], state, {"support": after}), "route": "safety"}
        move, reply, after = S.support_reply(support, text, work_talk=ordinary)
        updates: dict[str, Any] = {"support": after}
        if move == "support_unsafe":
            # "Are you safe?" - "I don't know": staff hear of it as they would of a crisis.
            entry = {"severity": "crisis", "reason": CATEGORY_LABELS[support.get("category", "")],
                     "turn": state.get("turn", 0)}
            updates["flags"] = [*state.get("flags", []), entry]
        return _turn(move, reply, "", [], state, updates)

    def _resume(state: CoachState, support: dict[str, Any], lead: str, extra: dict[str, Any]) -> dict[str, Any]:
        """Support ends and preparation picks up where it was, with `lead` said first."""
        ended = {**support, "active": False, "ended": state.get("turn", 0)}
        question, target = _resume_question(state)
        updates: dict[str, Any] = {"support": ended, **({"target": target} if target else {}), **extra}
        return _turn("resume", f"{lead} {question}", question, [], state, updates)

    def _program_question(text: str) -> list[Passage]:
        """What the search found, when the question is one the program's handbook answers
        (its best passage is the handbook's, and close: PROGRAM_QUESTION_SCORE); else []."""
        if not _asks(text):
            return []
        found = _lookup(text)
        close = bool(found) and "handbook" in found[0].source and found[0].score >= PROGRAM_QUESTION_SCORE
        return found if close else []

    def _lookup(query: str) -> list[Passage]:
        if deps.search is None or not query.strip():
            return []
        try:
            return list(deps.search(query, deps.top_k))
        except Exception:  # retrieval trouble must not cost the protégé their turn
            return []

    def _search(query: str, said: str, found: list[Passage] | None = None) -> list[Passage]:
        found = _lookup(query) if found is None else found
        if not safety_topic(said):
            # The escalation policy is for people who raised a safety concern, never a
            # source for "that's it i think".
            found = [p for p in found if p.source != POLICY_FILE]
        return relevant(found)

    def _logistics(state: CoachState, text: str, found: list[Passage] | None = None) -> dict[str, Any]:
        passages = _search(text, text, found)  # found: the search already made for this question
        # "Who do I tell about harassment?" is answered by the escalation policy, not the handbook.
        first = POLICY_FILE if safety_topic(text) else "handbook"
        handbook = [p for p in passages if first in p.source] or passages
        if not handbook:
            reply = (
                "I couldn't find that in your program's guidance. Your program coordinator "
                "is the best person to ask."
            )
            return _turn("logistics_answer", reply, "", [], state, {})
        best = handbook[0]
        excerpt = _excerpt(best.text)
        reply = (
            f"Here's what your program's guidance says ({best.label}):\n\n{excerpt}\n\n"
            "Whenever you're ready, we can go back to preparing."
        )
        return _turn("logistics_answer", reply, "", [best], state, {})

    def say(state: CoachState, config: RunnableConfig) -> dict[str, Any]:
        # Safety and factual answers are said exactly as written: no rephrasing risk.
        if state["route"] != "coach" or deps.backend.name == "offline" or state.get("move") in AS_WRITTEN:
            return {"reply": state["draft"], "backend_used": "offline"}
        deadline = D.Deadline(deps.turn_deadline)
        rolling = _rolling_summary(state, deadline)
        request = _request({**state, **rolling}, correction="")  # type: ignore[typeddict-item]
        release, stop = _sentence_by_sentence(state, config)
        try:
            reply = D.phrase(deps.backend, request, deadline, release)
        except BackendError as exc:
            stop()
            return {"reply": state["draft"], "backend_used": "offline", "deadline_at": deadline.ends,
                    "notices": [*state.get("notices", []), T.MODEL_FAILED.format(why=exc)], **rolling}
        stop()
        return {"reply": reply, "backend_used": deps.backend.name, "deadline_at": deadline.ends, **rolling}

    def _sentence_by_sentence(state: CoachState, config: RunnableConfig) -> tuple[Callable[[str], None],
                                                                                  Callable[[], None]]:
        """(release, stop): release is given the model's reply up to each finished sentence
        and passes it on to whoever streams the turn, if every check passes; from the first
        sentence that fails, nothing more is released (the guard then decides the whole).
        stop() ends releasing when the call is over: an abandoned call's thread may still run."""
        writer = get_stream_writer()
        # Options offered with permission are judged as a whole by the guard: never streamed.
        releasing = [state.get("move") != "options_with_permission"]

        asked = [False]

        def release(prefix: str) -> None:
            if not releasing[0] or asked[0]:
                # What follows a question (a statement after it is telling, not asking) is
                # judged with the whole reply.
                return
            masked = without_reported_speech(prefix)
            if (_alarming(deps.safety, prefix) or deps.is_directive(masked)[0]
                    or _problems(prefix, state, config, whole=False)):
                releasing[0] = False
                return
            writer({"partial": prefix})
            asked[0] = "?" in prefix

        def stop() -> None:
            releasing[0] = False

        return release, stop

    def _rolling_summary(state: CoachState, deadline: D.Deadline) -> dict[str, Any]:
        """Fold the turns that left the recent window into the summary, once they add up to
        FOLD_BUDGET tokens (see there). The summary is optional: if the model can't make it,
        in a third of the turn's time, the slots (the protégé's own words) stand in."""
        messages = state.get("messages", [])[:-1]
        older = len(messages) - _window(messages)
        done = state.get("summary_upto", 0)
        if older <= done or sum(count_tokens(m["content"]) + 4 for m in messages[done:older]) < FOLD_BUDGET:
            return {}
        summarize = getattr(deps.backend, "summarize", None)
        turns = [ChatTurn(m["role"], m["content"]) for m in messages[done:older]]
        try:
            if summarize is None:
                raise BackendError("no summariser")
            budget = D.Deadline.until(min(deadline.ends, D.Deadline(deps.turn_deadline / 3).ends))
            text = str(D.call(lambda: summarize(state.get("summary", ""), turns), budget, "the summary"))
        except BackendError:
            text = slot_summary(state.get("slots", {}))
        return {"summary": text, "summary_upto": older}

    def guard(state: CoachState, config: RunnableConfig) -> dict[str, Any]:
        reply = state["reply"]
        if state["route"] != "coach":
            return {}  # escalation and cited answers are said exactly as written
        from_model = state["backend_used"] != "offline"
        if not from_model and state.get("move") in AS_WRITTEN:
            return {}  # the handbook's words, or their own laid out as an agenda, exactly as written
        if from_model and _alarming(deps.safety, reply):
            # A model that talks about ending a life or self-harm is never shown; the offline move is.
            log.warning("model reply raised the safety detector; the offline move replaced it")
            return {"reply": state["draft"], "backend_used": "offline"}
        problems = _problems(reply, state, config) if from_model else []
        # The protégé's own words, quoted in an agenda or a summary (“…”), are theirs: only
        # what the coach says around them is checked ("“ask for the budget”" is not advice).
        directive, cues = deps.is_directive(without_reported_speech(reply))
        if directive and state.get("move") == "options_with_permission":
            # The protégé said yes to hearing options: persuasion with permission is the move.
            directive = any(c.startswith(("persuade:", "confront:")) for c in cues)
            problems = [p for p in problems if not p.startswith(("advice:", "shape:"))]
        if not directive and not problems and reply:
            return {}
        if not from_model and reply == state["draft"]:
            # The engine's own draft only reads as directive when the protégé's words in a
            # reflection do ("right now I must..."); keep the question, drop the echo.
            log.warning("offline draft flagged by the guard (%d cues); sending its question only", len(cues))
            asked = state.get("asked", [])
            planned = asked[-1] if asked and state["draft"].endswith(asked[-1]) else ""
            return {"reply": planned or T.SAFE_QUESTION}
        # Codes only in the log and the retry prompt: never the reply's or the protégé's words.
        log.warning("model reply refused by the guard: %s", ", ".join(problems + (["directive"] if directive else [])))
        correction = T.GUARD_CORRECTION.format(why="; ".join(_reasons(problems, directive)) or "it was empty")
        try:
            retry = D.phrase(deps.backend, _request(state, correction), D.Deadline.until(state.get("deadline_at", 0.0)))
        except BackendError:
            retry = ""
        if retry and not deps.is_directive(retry)[0] and not _problems(retry, state, config):
            return {"reply": retry}
        return {"reply": state["draft"], "backend_used": "offline"}

    def _problems(reply: str, state: CoachState, config: RunnableConfig, whole: bool = True) -> list[str]:
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

    def finish(state: CoachState) -> dict[str, Any]:
        message: Message = {"role": "assistant", "content": state["reply"]}
        return {"messages": [message]}

    def _request(state: CoachState, correction: str) -> PhraseRequest:
        earlier = state.get("messages", [])[:-1]
        recent = earlier[len(earlier) - _window(earlier):]
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

    graph = StateGraph(CoachState)
    for name, fn in (
        ("record", record),
        ("route", route_node),
        ("respond", respond),
        ("say", say),
        ("guard", guard),
        ("finish", finish),
    ):
        graph.add_node(name, fn)
    graph.add_edge(START, "record")
    graph.add_edge("record", "route")
    graph.add_edge("route", "respond")
    graph.add_edge("respond", "say")
    graph.add_edge("say", "guard")
    graph.add_edge("guard", "finish")
    graph.add_edge("finish", END)
    return graph.compile(checkpointer=checkpointer)


def _alarming(safety: SafetyDetector, reply: str) -> bool:
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


def _window(messages: list[Message]) -> int:
    """How many of the latest messages a model sees word for word (HISTORY_BUDGET)."""
    return recent_that_fit([m["content"] for m in messages], HISTORY_BUDGET)


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


#: Passages below this cosine similarity, or far below the best one, are not shown as
#: sources: citing a loosely related section would mislead the protégé about where the
#: question came from. Tuned on the shipped guidance (related sections score 0.4-0.7).
MIN_PASSAGE_SCORE = 0.35
RELATIVE_FLOOR = 0.75


def relevant(passages: list[Passage]) -> list[Passage]:
    if not passages:
        return []
    floor = max(MIN_PASSAGE_SCORE, RELATIVE_FLOOR * max(p.score for p in passages))
    return [p for p in passages if p.score >= floor]


_SLOT_NAMES = {
    "goal": "goal", "success": "success would look like", "why": "why it matters", "reality": "where things stand",
    "obstacles": "what gets in the way", "options": "options", "next_step": "next step",
    "mentor_questions": "questions for the mentor",
}


_REASONS = {
    "secret": "it contained a secret, a credential or your own instructions",
    "other-person": "it mentioned another person in the program or what they said",
    "markup": "it contained markup, a link or a URL (replies are plain text)",
    "advice": "it steered, recommended or judged",
    "shape": "it did not end with one open question",
}


def _reasons(problems: list[str], directive: bool) -> list[str]:
    """Why a reply was refused, in words the model can act on (no quotes of anyone's text)."""
    kinds = dict.fromkeys(p.split(":")[0] for p in problems)
    reasons = [_REASONS[k] for k in kinds if k in _REASONS]
    if directive and _REASONS["advice"] not in reasons:
        reasons.insert(0, "it told the protégé what to do")
    return reasons


def slot_summary(slots: dict[str, str]) -> str:
    """The offline rolling summary: what the protégé has said so far, in their words."""
    parts = [f"{label}: “{slots[key]}”" for key, label in _SLOT_NAMES.items() if slots.get(key)]
    return "; ".join(parts)


def _resume_question(state: CoachState) -> tuple[str, str]:
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


#: How close a question must come to a handbook passage to be a question about the program.
#: Chosen on the retrieval question sets and the blind reviews, not on the personas: the
#: protégés' handbook questions there score 0.42-0.99 (13 of 16 above 0.5), and of the 81
#: questions protégés asked in the blind reviews only the three about the program itself
#: reach the handbook above 0.38 (0.65-0.78).
PROGRAM_QUESTION_SCORE = 0.5


def _asks(text: str) -> bool:
    return "?" in text or bool(re.match(r"(?i)\s*(?:how|who|what|when|where|can|do|does|is|are)\b", text))


def _excerpt(text: str, max_chars: int = 700) -> str:
    text = unwrap(text)
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars]
    end = max(cut.rfind(". "), cut.rfind("\n"))
    return (cut[: end + 1] if end > max_chars // 2 else cut).rstrip() + " …"


def _turn(
    move: str,
    text: str,
    question: str,
    passages: list[Passage],
    state: CoachState,
    updates: dict[str, Any],
) -> dict[str, Any]:
    return _turn_from(Decision(move, text, question, updates), passages, state)


def _turn_from(decision: Decision, passages: list[Passage], state: CoachState) -> dict[str, Any]:
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
