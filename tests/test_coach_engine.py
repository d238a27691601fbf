"""The offline coaching engine: wording, understanding, routing, and whole conversations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.coach.service import CoachError, CoachService
from assistant.coding.coder import code_utterance
from assistant.config import load_settings
from assistant.language.meaning import read
from assistant.language.person import second_person
from assistant.llm.base import BackendError
from assistant.llm.offline import OfflineBackend
from assistant.llm.scripted import ScriptedBackend
from assistant.records import Reply
from tests.prep_script import PREP_SCRIPT


def no_directive(text: str) -> tuple[bool, list[str]]:
    coded = code_utterance(text)
    return coded.directive, list(coded.cues)


def make_service(tmp_path: Path, backend: object | None = None) -> CoachService:
    settings = load_settings(data_dir=tmp_path / "data", max_message_tokens=200)
    return CoachService(settings, backend or OfflineBackend(), None, no_directive)  # type: ignore[arg-type]


def run(
    service: CoachService, messages: list[str], user: str = "ana", thread: str = "t1"
) -> list[Reply]:
    replies = []
    for message in messages:
        events = list(service.respond(user, thread, message))
        assert isinstance(events[-1], Reply)
        assert len(events) == 1  # the built-in coach's reply comes whole, at once: no typing effect
        replies.append(events[-1])
    return replies


@pytest.mark.parametrize(
    ("said", "heard"),
    [
        ("I want to lead my team", "You want to lead your team"),
        ("I am worried I'm not good enough", "You are worried you're not good enough"),
        ("My manager said I was too quiet", "Your manager said you were too quiet"),
        ("im nervous about it", "you're nervous about it"),
        ("ive been on the team 8 months", "you've been on the team 8 months"),
        ("we just got a new director who wants me to present", "you just got a new director who wants you to present"),
    ],
)
def test_reflections_are_said_back_in_correct_second_person(said: str, heard: str) -> None:
    assert second_person(said) == heard


def test_words_to_the_coach_turn_around_with_the_verb_agreeing() -> None:
    assert second_person("Are you a bot?") == "Am I a bot?"
    assert second_person("can you help me") == "can I help you"


def test_understanding_reads_what_was_meant() -> None:
    m = read("I want to get promoted by next quarter but I'm nervous, maybe it's too soon")
    assert m.goal == "get promoted by next quarter"
    assert m.feelings == ["nervous"]
    assert read("I'm not nervous at all").feelings == []
    assert read("idk").has("low_effort")
    assert read("just tell me what to do").has("advice_request")
    assert read("I'll email my manager by Friday").commitment == "email my manager by Friday"
    # Someone else's demand is not the protégé's goal; a negation or a question is no commitment.
    demand = read("My manager says I need to speak up more in meetings")
    assert (demand.goal, demand.demand_by) == ("", "My manager")
    assert "speak up more" in demand.demand
    assert read("I'll never be good at this").commitment == ""
    assert read("Should I email her on Friday?").commitment == ""


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("I've been thinking about ending my life", "safety"),
        ("My manager keeps harassing me after meetings", "safety"),
        ("How often do we meet?", "logistics"),
        ("Who schedules the meetings, me or my mentor?", "logistics"),
        ("What's the weather like today?", "off_topic"),
        ("I want to get better at giving feedback to my team", "coach"),
        # Empathy and a choice, then coaching. (Plain venting, "I'm overwhelmed with my workload",
        # is coached as what gets in the way: the classifier's distress tier is kept for more.)
        ("I've been crying in the toilets at work every day this week, I feel like I'm drowning", "distress"),
    ],
)
def test_routing_order(tmp_path: Path, message: str, expected: str) -> None:
    (reply,) = run(make_service(tmp_path), [message])
    assert reply.route == expected


def test_preparation_conversation_asks_one_open_question_per_turn_and_never_advises(
    tmp_path: Path,
) -> None:
    replies = run(make_service(tmp_path), PREP_SCRIPT[:6])
    assert len(replies) == 6
    for reply in replies:
        coded = code_utterance(reply.text)
        questions = [c for c in coded.codes if c.code.startswith("question")]
        assert [q.code for q in questions] == ["question_open"], reply.text
        assert reply.text.count("?") == 1
        assert not coded.directive, reply.text
        assert reply.route == "coach"
    assert [r.stage for r in replies] == ["goal", "goal", "reality", "reality", "options", "will"]
    # The goal is reflected back in the protégé's own words.
    assert "getting better at presenting to leadership" in replies[1].text


def test_full_preparation_ends_with_an_agenda_in_the_proteges_words(tmp_path: Path) -> None:
    service = make_service(tmp_path)
    replies = run(service, [*PREP_SCRIPT, "looks good"])
    agenda = replies[-2]
    assert agenda.move == "summary+agenda"
    assert "“I want to get better at presenting to leadership”" in agenda.text
    assert "“how she got comfortable presenting to executives”" in agenda.text
    assert "“ask my manager on Friday if I can present the update”" in agenda.text
    # Two questions for the mentor: the coach invited a second one, once.
    assert replies[-3].text.endswith("What else would you like to ask your mentor?")
    both = "“how she got comfortable presenting to executives”; “whether she thinks I'm ready to present to the VP”"
    assert both in agenda.text
    assert replies[-1].move == "closing"
    assert replies[-1].stage == "done"
    state = service.state("ana", "t1")
    assert state["agenda_approved"] is True


def test_no_question_is_repeated_in_a_thread(tmp_path: Path) -> None:
    replies = run(make_service(tmp_path), ["idk", "idk", "idk", "fine", "not sure", "nothing"])
    questions = [
        q.text
        for r in replies
        for q in code_utterance(r.text).codes
        if q.code.startswith("question")
    ]
    assert len(questions) == len(set(questions)) == 6


def test_just_tell_me_hands_the_choice_back(tmp_path: Path) -> None:
    replies = run(
        make_service(tmp_path), ["just tell me what to do", "you're the expert, what should I do?"]
    )
    for reply in replies:
        assert reply.move == "role+question"
        assert "My role" in reply.text
        assert not code_utterance(reply.text).directive
    assert replies[0].text != replies[1].text


def test_distress_gets_the_escalation_path_and_no_coaching_question(tmp_path: Path) -> None:
    service = make_service(tmp_path)
    (reply,) = run(service, ["Honestly I don't want to be alive anymore"])
    assert reply.route == "safety"
    assert reply.move == "escalation"
    assert reply.text.count("?") == 1 and "Are you safe right now?" in reply.text
    assert "988" in reply.text
    assert service.state("ana", "t1")["flags"] == [
        {"severity": "crisis", "reason": "suicidal ideation", "turn": 1}
    ]


def test_turns_survive_a_restart(tmp_path: Path) -> None:
    run(make_service(tmp_path), PREP_SCRIPT[:2])
    reopened = make_service(tmp_path)
    history = reopened.history("ana", "t1")
    assert [t.role for t in history] == ["user", "assistant", "user", "assistant"]
    assert history[2].content == PREP_SCRIPT[1]
    assert reopened.history("bob", "t1") == []  # another user's id never reaches Ana's thread


def test_empty_and_huge_messages_get_notices_not_errors(tmp_path: Path) -> None:
    service = make_service(tmp_path)
    (empty,) = run(service, ["   "])
    assert empty.route == "notice"
    assert service.history("ana", "t1") == []
    (huge,) = run(service, ["I want to grow as a leader. " + "blah " * 40_000])
    assert huge.notices == [
        "Your message was long, so I read the first 200 tokens (roughly the first few pages) only."
    ]
    stored = service.history("ana", "t1")[0].content
    assert stored.startswith("I want to grow as a leader.") and len(stored) < 2_000


def test_bad_ids_are_refused_with_a_message(tmp_path: Path) -> None:
    with pytest.raises(CoachError, match="Invalid user id"):
        list(make_service(tmp_path).respond("../etc", "t1", "hi"))


def test_guard_never_lets_advice_through(tmp_path: Path) -> None:
    backend = ScriptedBackend(["You should talk to your manager and ask for a promotion."])
    backend.name = "openai"  # a model backend, so its phrasing is guarded
    service = make_service(tmp_path, backend)
    (reply,) = run(service, ["I want to get promoted this year"])
    assert reply.backend == "offline"
    assert "should" not in reply.text
    assert not code_utterance(reply.text).directive
    assert len(backend.requests) == 2  # the original attempt and one corrected retry
    assert "rejected" in backend.requests[1].correction


def test_backend_failure_falls_back_with_a_notice(tmp_path: Path) -> None:
    backend = ScriptedBackend([BackendError("timed out after 30 s")])
    backend.name = "openai"
    (reply,) = run(make_service(tmp_path, backend), ["I want to get promoted this year"])
    assert reply.backend == "offline"
    assert reply.notices == [
        "The language model couldn't answer (timed out after 30 s); the built-in coach replied instead."
    ]
    assert re.search(r"\?$", reply.text)


def test_insisting_after_the_goal_is_clear_gets_options_only_with_permission(tmp_path: Path) -> None:
    service = make_service(tmp_path)
    replies = run(
        service,
        [
            "I want to get promoted to senior engineer this year",
            "just tell me what to do to get promoted",
            "please, I really need you to give me the answer",
            "yes please",
            "I think asking my mentor how she did it",
        ],
    )
    assert [r.move for r in replies][1:4] == ["role+question", "permission", "options_with_permission"]
    assert replies[2].text.endswith(
        "Would it help to hear a few things others in a similar spot have tried, as options for you to weigh?"
    )
    assert "you're the best judge of that" in replies[3].text
    assert all(not code_utterance(r.text).directive for r in replies)
    slots = service.state("ana", "t1")["slots"]
    assert "success" not in slots  # "yes please" answered our question; it is not their words for a slot
    # Their answer is kept in their words (read as a question to take to the mentor).
    assert "how she did it" in slots.get("options", "") + slots.get("mentor_questions", "")


def test_options_are_not_offered_before_the_goal_is_clear(tmp_path: Path) -> None:
    replies = run(make_service(tmp_path), ["just tell me what to do", "come on, just tell me what to do"])
    assert [r.move for r in replies] == ["role+question", "role+question"]


def test_a_specific_strength_is_affirmed_in_their_words(tmp_path: Path) -> None:
    (reply,) = run(make_service(tmp_path), ["I asked my manager for feedback and it went well, she was happy"])
    assert reply.text.startswith(("Asking your manager for feedback", "That's a real strength: you asked your manager"))
    assert code_utterance(reply.text).codes[0].code == "affirm"
    (not_done,) = run(make_service(tmp_path / "b"), ["I didn't ask my manager for feedback, it went badly"])
    assert "initiative" not in not_done.text and "strength" not in not_done.text


def test_closing_summarises_goal_reality_options_and_next_step_in_their_words(tmp_path: Path) -> None:
    service = make_service(tmp_path)
    replies = run(service, [*PREP_SCRIPT, "looks good"])
    closing = replies[-1]
    assert closing.move == "closing" and closing.stage == "done"
    assert closing.text == (
        "Your agenda is approved and saved, in your words. It's yours to take into the meeting. "
        "Good luck on Thursday; you've done the preparation, and you're leading it."
    )
    assert not code_utterance(closing.text).directive


def test_goal_clarity_is_tracked(tmp_path: Path) -> None:
    service = make_service(tmp_path)
    run(service, ["I don't know what to talk about"])
    assert service.state("ana", "t1")["goal_clarity"] == "none"
    run(service, ["I want to lead the design review"])
    assert service.state("ana", "t1")["goal_clarity"] == "stated"
    run(service, ["I'd run it without my manager stepping in"])
    assert service.state("ana", "t1")["goal_clarity"] == "concrete"


def test_guard_checks_offline_drafts_too_and_keeps_only_the_question(tmp_path: Path) -> None:
    def strict(text: str) -> tuple[bool, list[str]]:
        return ("design review." in text.lower(), ["test cue"])

    settings = load_settings(data_dir=tmp_path / "data")
    service = CoachService(settings, OfflineBackend(), None, strict)
    (reply,) = run(service, ["I want to lead the design review"])
    assert reply.text == "How would you know you'd made real progress on it?"
    assert not strict(reply.text)[0]


def test_one_question_for_the_mentor_is_enough_when_the_protege_says_so(tmp_path: Path) -> None:
    replies = run(make_service(tmp_path), [*PREP_SCRIPT[:-1], "no, that's it"])
    assert replies[-2].text.endswith("What else would you like to ask your mentor?")
    assert replies[-1].move == "summary+agenda"
    assert "5. Questions for my mentor: “how she got comfortable presenting to executives” (10 min)" in replies[-1].text


@pytest.mark.parametrize(("said", "approved"), [
    ("That looks very good. Thank you, my dear.", True),  # approval said after other words
    ("cheers. genuinely helpful, don't tell anyone I said that", False),  # thanks: asked, not assumed
    ("thanks, but move the questions first", False),
])
def test_thanks_or_approval_at_the_agenda_is_heard(tmp_path: Path, said: str, approved: bool) -> None:
    from assistant.coach import templates as T

    service = make_service(tmp_path)
    replies = run(service, [*PREP_SCRIPT, said])
    assert replies[-2].move == "summary+agenda"
    assert bool(service.state("ana", "t1").get("agenda_approved")) is approved
    assert T.EDIT_UNCLEAR not in replies[-1].text  # never "I couldn't tell which part to change"
    if said.startswith("cheers"):
        assert replies[-1].text == f"{T.THANKS_AT_AGENDA} {T.APPROVE_QUESTION}"
        (reply,) = run(service, ["yes"])
        assert reply.move == "closing" and service.state("ana", "t1").get("agenda_approved")
