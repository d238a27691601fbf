"""Each node of the turn pipeline (coach/turn.py), called on its own with plain inputs:
record -> route -> understand -> retrieve -> plan -> say -> guard -> persist."""

from __future__ import annotations

import time
from typing import Any

import pytest

from assistant.bootstrap import directive_check
from assistant.coach import turn as N
from assistant.coach.state import CoachState
from assistant.coach.thread_records import MemoryRecords
from assistant.config import PROJECT_ROOT
from assistant.llm.base import BackendError
from assistant.llm.offline import OfflineBackend
from assistant.llm.scripted import ScriptedBackend
from assistant.records import Passage
from assistant.safety import default_detector

HANDBOOK = Passage("Pairs meet every two weeks for an hour, for six months.", "handbook.md",
                   "Meetings > How often", 0.82)
POLICY = Passage("If someone mentions self-harm or suicide, stop coaching.", "escalation-policy.md",
                 "Self-harm", 0.6)
CONFIG: dict[str, Any] = {"configurable": {"thread_id": "ana/t1"}}


class Searches:
    """A search that records what it was asked and returns what it is given."""

    def __init__(self, found: list[Passage] | Exception) -> None:
        self.found = found
        self.queries: list[str] = []

    def __call__(self, query: str, k: int) -> list[Passage]:
        self.queries.append(query)
        if isinstance(self.found, Exception):
            raise self.found
        return list(self.found)[:k]


def deps(backend: Any = None, search: Any = None) -> N.TurnDeps:
    return N.TurnDeps(backend=backend or OfflineBackend(), search=search, is_directive=directive_check,
                      knowledge_dir=PROJECT_ROOT / "knowledge", safety=default_detector())


def reading_everywhere(ideation: float) -> N.TurnDeps:
    """Turn dependencies whose safety classifier reads every sentence as indirect ideation at
    `ideation` (the rest as work): the detector's layers decide from there."""
    from assistant.safety.detector import SafetyDetector

    class Reads:
        thresholds = default_detector()._model.thresholds  # type: ignore[union-attr]

        def probabilities(self, texts: Any) -> Any:
            import numpy as np

            from assistant.safety.model import CLASSES
            row = np.zeros(len(CLASSES), dtype=np.float32)
            row[CLASSES.index("ideation_indirect")], row[CLASSES.index("work")] = ideation, 1 - ideation
            return np.tile(row, (len(texts), 1))

    return N.TurnDeps(backend=OfflineBackend(), search=None, is_directive=directive_check,
                      knowledge_dir=PROJECT_ROOT / "knowledge", safety=SafetyDetector(Reads()))  # type: ignore[arg-type]


def turn_state(text: str, **more: Any) -> CoachState:
    state: dict[str, Any] = {"messages": [{"role": "user", "content": text}], "incoming": text, "turn": 1}
    state.update(more)
    return state  # type: ignore[return-value]


def test_record_appends_the_message_and_counts_the_turn() -> None:
    out = N.recorded({"turn": 3, "messages": [{"role": "assistant", "content": "Hi"}]}, "I want a promotion")
    assert out == {"messages": [{"role": "user", "content": "I want a promotion"}], "turn": 4,
                   "incoming": "I want a promotion"}


def test_record_node_records_the_incoming_message() -> None:
    state: CoachState = {"incoming": "I want a promotion", "messages": [], "turn": 0}
    assert N.record(state) == {"messages": [{"role": "user", "content": "I want a promotion"}], "turn": 1,
                               "incoming": "I want a promotion"}


def test_record_reads_an_unanswered_message_with_the_new_one() -> None:
    out = N.recorded({"turn": 1, "messages": [{"role": "user", "content": "first"}]}, "second")
    assert out["incoming"] == "first\n\nsecond"
    assert out["messages"] == [{"role": "user", "content": "second"}]


def test_route_sends_explicit_crisis_to_safety_with_a_flag_and_no_words() -> None:
    out = N.route(turn_state("I've been thinking about how I would end my life", turn=2), deps())
    assert out["route"] == "safety"
    assert out["safety"]["tier"] == "crisis"
    (flag,) = out["flags"]
    assert flag["turn"] == 2 and flag["severity"] == "crisis"
    assert "end my life" not in str(flag)


@pytest.mark.parametrize(("text", "kind"), [
    ("I want to get better at presenting to senior leaders", "coach"),
    ("How often do we meet?", "logistics"),
])
def test_route_tells_coaching_from_a_program_question(text: str, kind: str) -> None:
    out = N.route(turn_state(text), deps())
    assert out["route"] == kind
    assert out["safety"]["tier"] == "none"
    assert "flags" not in out


def test_route_keeps_support_mode_for_an_ordinary_message() -> None:
    calm = turn_state("ok", support={"active": True, "tier": "concern"})
    assert N.route(calm, deps())["route"] == "support"


def test_understand_reads_whether_it_asks_and_whom() -> None:
    program = N.understand(turn_state("How many sessions is the program?", route="coach"))["understood"]
    assert program["asks"] is True and program["about_me"] is False
    about_coach = N.understand(turn_state("Who can see this chat?", route="coach"))["understood"]
    assert about_coach["asks"] is True and about_coach["about_me"] is True
    statement = N.understand(turn_state("I want to lead the launch", route="coach"))["understood"]
    assert statement["asks"] is False and statement["acts"]
    assert N.understand(turn_state("I want to end it", route="safety")) == {"understood": {}}


def test_retrieve_searches_a_statement_with_the_goal_and_a_question_as_asked() -> None:
    search = Searches([HANDBOOK])
    statement = turn_state("my manager keeps interrupting", route="coach", slots={"goal": "speak up in meetings"},
                           understood={"asks": False})
    assert N.retrieve(statement, deps(search=search))["found"] == [HANDBOOK.to_dict()]
    question = turn_state("how often do we meet?", route="coach", slots={"goal": "speak up in meetings"},
                          understood={"asks": True})
    N.retrieve(question, deps(search=search))
    assert search.queries == ["speak up in meetings my manager keeps interrupting", "how often do we meet?"]


def test_retrieve_skips_routes_that_cite_nothing_and_survives_a_failing_search() -> None:
    search = Searches([HANDBOOK])
    assert N.retrieve(turn_state("I want to end it", route="safety"), deps(search=search)) == {"found": []}
    assert search.queries == []
    broken = Searches(RuntimeError("chroma is down"))
    assert N.retrieve(turn_state("hello", route="coach"), deps(search=broken)) == {"found": []}


def test_plan_answers_a_program_question_from_the_handbook_cited() -> None:
    state = turn_state("How often do we meet?", route="coach", understood={"asks": True, "about_me": False},
                       found=[HANDBOOK.to_dict(), POLICY.to_dict()])
    out = N.plan(state, deps())
    assert out["move"] == "logistics_answer"
    assert out["draft"].startswith("Here's what your program's guidance says (handbook.md › Meetings > How often)")
    assert out["passages"] == [HANDBOOK.to_dict()]  # the escalation policy is no source for this


def test_plan_answers_a_program_question_in_support_mode_and_support_stays_on() -> None:
    support = {"active": True, "tier": "concern", "category": "ideation_indirect"}
    state = turn_state("who sends the meeting invitation?", route="support", support=support,
                       safety={"tier": "none", "category": ""}, understood={"asks": True},
                       found=[HANDBOOK.to_dict()])
    out = N.plan(state, deps())
    assert out["move"] == "logistics_answer" and out["route"] == "logistics"
    assert "support" not in out


def test_plan_escalates_without_a_coaching_question() -> None:
    state = turn_state("I want to end my life", route="safety",
                       safety={"tier": "crisis", "category": "ideation_direct"})
    out = N.plan(state, deps())
    assert out["move"] == "escalation"
    assert out["support"]["active"] is True
    assert "asked" not in out  # no coaching question is remembered, because none was asked


def test_plan_coaches_an_ordinary_message_and_remembers_its_question() -> None:
    state = turn_state("I want to get better at presenting to senior leaders", route="coach",
                       understood={"asks": False, "about_me": False})
    out = N.plan(state, deps())
    assert out["slots"]["goal"] == "get better at presenting to senior leaders"
    assert out["draft"].endswith("?")
    (question,) = out["asked"]
    assert question.endswith("?") and out["draft"].endswith(question)


def test_say_offline_is_the_draft_as_planned() -> None:
    state = turn_state("hi", route="coach", move="question", draft="What would you like to work on?")
    assert N.say(state, CONFIG, deps()) == {"reply": "What would you like to work on?", "backend_used": "offline"}


def test_say_falls_back_to_the_draft_with_a_notice_when_the_model_fails() -> None:
    backend = ScriptedBackend([BackendError("connection refused")])
    state = turn_state("hi", route="coach", move="question", stage="goal", draft="What would you like to work on?")
    out = N.say(state, CONFIG, deps(backend=backend))
    assert out["reply"] == "What would you like to work on?" and out["backend_used"] == "offline"
    assert out["notices"] == ["The language model couldn't answer (connection refused); "
                              "the built-in coach replied instead."]


def test_say_gives_a_model_the_planned_move_to_phrase() -> None:
    backend = ScriptedBackend(["What matters most to you about it?"])
    state = turn_state("I want to lead the launch", route="coach", move="question", stage="goal",
                       draft="What would leading it look like?")
    out = N.say(state, CONFIG, deps(backend=backend))
    assert out["reply"].strip() == "What matters most to you about it?" and out["backend_used"] == "scripted"
    (request,) = backend.requests
    assert request.draft == "What would leading it look like?" and request.message == "I want to lead the launch"


def _guarded(reply: str, backend: Any) -> dict[str, Any]:
    state = turn_state("I want to lead the launch", route="coach", move="question", stage="goal",
                       draft="What would leading it look like?", reply=reply, backend_used="scripted",
                       deadline_at=time.time() + 30)
    return N.guard(state, CONFIG, deps(backend=backend))


def test_guard_passes_a_clean_model_reply_unchanged() -> None:
    assert _guarded("What would leading it mean to you?", ScriptedBackend([])) == {}


def test_guard_retries_a_reply_with_a_link_and_says_why_without_quoting_it() -> None:
    backend = ScriptedBackend(["What would leading it mean to you?"])
    out = _guarded("Read https://example.com/tips first. What do you think?", backend)
    assert out == {"reply": "What would leading it mean to you?"}
    (retry,) = backend.requests
    # The retry prompt (prompts/guard_retry.md) names the reason, never the refused words.
    assert retry.correction.startswith("Your previous reply was rejected because it told the protégé what to do; "
                                       "it contained markup, a link or a URL (replies are plain text).")
    assert "example.com" not in retry.correction


def test_guard_falls_back_to_the_draft_when_the_retry_also_advises() -> None:
    backend = ScriptedBackend(["You should just volunteer to lead it. What do you think?"])
    out = _guarded("You should ask your manager to let you lead it. Will you?", backend)
    assert out == {"reply": "What would leading it look like?", "backend_used": "offline"}


def test_guard_leaves_a_cited_answer_as_written() -> None:
    state = turn_state("how often?", route="logistics", reply="Here's what your program's guidance says",
                       backend_used="offline", move="logistics_answer", draft="x")
    assert N.guard(state, CONFIG, deps()) == {}


class BrokenRecords(MemoryRecords):
    def save(self, user_id: str, thread_id: str, records: dict[str, Any]) -> None:
        raise OSError("database is down")


def test_load_brings_the_stored_goal_agenda_and_commitments_into_the_turn() -> None:
    store = MemoryRecords()
    store.save("ana", "t1", {"goal": "lead the launch", "goal_is_verb": True,
                             "commitments": [{"text": "email Sam", "due": "Friday"}]})
    d = deps()
    d.records = store
    out = N.load(turn_state("hi", slots={"reality": "we slipped twice"}), CONFIG, d)
    assert out == {"slots": {"reality": "we slipped twice", "goal": "lead the launch"}, "goal_is_verb": True,
                   "commitments": [{"text": "email Sam", "due": "Friday"}]}
    # After a turn whose records could not be stored, the state's own are the newest.
    assert N.load(turn_state("hi", records_pending=True), CONFIG, d) == {}


def test_persist_stores_the_records_and_the_checkpoint_keeps_none() -> None:
    store = MemoryRecords()
    d = deps()
    d.records = store
    state = turn_state("I'll email Sam by Friday", reply="What would you like to work on?",
                       found=[HANDBOOK.to_dict()], understood={"asks": False},
                       slots={"goal": "lead the launch", "reality": "we slipped twice"}, goal_is_verb=True,
                       commitments=[{"text": "email Sam by Friday", "due": "by Friday"}], agenda_approved=True)
    out = N.persist(state, CONFIG, d)
    assert out["messages"] == [{"role": "assistant", "content": "What would you like to work on?"}]
    assert out["found"] == [] and out["understood"] == {} and out["records_pending"] is False
    assert out["slots"] == {"reality": "we slipped twice"}  # their words stay; the goal is the store's
    assert (out["commitments"], out["agenda_approved"], out["goal_is_verb"]) == ([], False, False)
    assert store.load("ana", "t1") == {"goal": "lead the launch", "goal_is_verb": True, "agenda_approved": True,
                                      "commitments": [{"text": "email Sam by Friday", "due": "by Friday"}]}


def test_persist_keeps_the_records_in_the_state_when_their_store_fails() -> None:
    d = deps()
    d.records = BrokenRecords()
    state = turn_state("hi", reply="What next?", slots={"goal": "lead the launch"},
                       commitments=[{"text": "email Sam", "due": ""}])
    out = N.persist(state, CONFIG, d)
    assert out["records_pending"] is True
    assert "slots" not in out and "commitments" not in out  # nothing dropped from the state
    assert out["notices"] == ["Your conversation is saved, but your goal, agenda and commitments could not be "
                              "updated just now; they will be with your next message."]


@pytest.mark.parametrize(("text", "kind"), [
    # Blind conversations set 9: a change to the agenda, a labelled step and a correction, each read
    # by the classifier alone as hopelessness at 0.94-0.99; asked about first, not the crisis reply.
    ("Could you please remove the question about which city? I think I should research it myself first.",
     "safety_check"),
    ("Next step: this week I give Lucas the Dupont file completely, and I review only on Friday.", "safety_check"),
    ("Sorry, I want to correct — not by Sunday, by Saturday. On Sunday I visit my grandmother.", "safety_check"),
    ("Honestly I don't see why I should keep going with any of it.", "safety"),
])
def test_a_model_only_reading_of_a_message_in_the_form_of_preparation_is_asked_about_first(text: str,
                                                                                          kind: str) -> None:
    sure = reading_everywhere(0.99)  # as the shipped model read these
    assert N.route(turn_state(text, turn=3), sure)["route"] == kind


@pytest.mark.parametrize(("text", "alarm"), [
    # Blind conversations sets 8 and 9: no sentence read as hopelessness, only the message read
    # whole, and it changes the agenda or corrects the coach: no alarm at all.
    ("Thank you. On the agenda, please reword the second item. 'Flouncing out' was my phrase, not one I wish to "
     "see in a document.", False),
    ("Sorry, I want to correct — not by Sunday, by Saturday. On Sunday I visit my grandmother.", False),
    # The same reading of a labelled answer is still asked about (labelled sets hold crisis said so).
    ("My plan is to walk into the sea on the team retreat. Thought someone should know.", True),
    ("I'm so tired. Not sleep tired. Tired of existing.", True),
])
def test_hopelessness_read_only_in_a_whole_agenda_change_or_correction_raises_no_alarm(text: str,
                                                                                         alarm: bool) -> None:
    from assistant.safety.detector import SafetyDetector

    class WholeOnly:  # each sentence reads as work; the message read whole as indirect ideation at 0.99
        thresholds = default_detector()._model.thresholds  # type: ignore[union-attr]

        def probabilities(self, texts: Any) -> Any:
            import numpy as np

            from assistant.safety.model import CLASSES
            rows = np.zeros((len(texts), len(CLASSES)), dtype=np.float32)
            rows[:, CLASSES.index("work")] = 0.99
            if len(texts) > 1:
                rows[-1] = 0
                rows[-1, CLASSES.index("ideation_indirect")] = 0.99
            return rows

    deps_ = N.TurnDeps(backend=OfflineBackend(), search=None, is_directive=directive_check,
                       knowledge_dir=PROJECT_ROOT / "knowledge", safety=SafetyDetector(WholeOnly()))  # type: ignore[arg-type]
    routed = N.route(turn_state(text, turn=3), deps_)
    assert (routed["route"] in {"safety", "safety_check"}) is alarm, routed
    if not alarm:
        assert routed["risk_recent"][-1] == 0.0  # nothing carried into the two-turn context


@pytest.mark.parametrize(("ended", "turn", "tier", "asked_again"), [
    (5, 6, "check", False),  # answered "it's about work" last turn: not asked again
    (5, 9, "check", False),
    (5, 10, "check", True),  # long enough ago: a new reading is asked about again
    (5, 6, "concern", True),  # after the full reply (not the check), any new reading is met as before
])
def test_a_check_answered_with_work_is_not_asked_again_straight_away(ended: int, turn: int, tier: str,
                                                                     asked_again: bool) -> None:
    # Blind review set 15, U08: "It's about work", then his list of options was checked a second time.
    deps_ = reading_everywhere(0.5)  # a first sign, the model's alone
    support = {"active": False, "tier": tier, "category": "ideation_indirect", "since": 4, "ended": ended}
    routed = N.route(turn_state("Options: A) volunteer as a super-user B) ask my boss about my role", turn=turn,
                                support=support, risk_recent=[0.0]), deps_)
    assert (routed["route"] in {"safety", "safety_check"}) is asked_again, routed
    if not asked_again:
        assert routed["risk_recent"][-1] == 0.0


def test_an_answer_to_a_check_long_since_answered_is_not_thanked_for_again() -> None:
    # Blind review set 15, U11: "It sounds like it's mostly about how work is going; thanks for
    # telling me" three turns after the check was answered, to a message that answered nothing.
    deps_ = reading_everywhere(0.97)  # not a first sign, the model's alone
    support = {"active": False, "tier": "check", "category": "ideation_indirect", "since": 3, "ended": 4}
    text = "Let's go with the joint visits, and I'll ask for a smaller caseload to make room."
    routed = N.route(turn_state(text, turn=7, support=support, risk_recent=[0.0]), deps_)
    assert routed["route"] not in {"support", "safety", "safety_check"}, routed
