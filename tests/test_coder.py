"""The utterance coder: the runtime guard and the evaluation suite both rely on these codes."""

from __future__ import annotations

import pytest

from assistant.coding.coder import code_utterance, split_sentences


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Have you considered asking your manager for a stretch project?", "Have you considered"),
        ("Why don't you just tell her how you feel?", "Why don't you"),
        ("Wouldn't it be better to wait until after the review?", "Wouldn't it be better"),
        ("What if you tried presenting to a smaller group first?", "What if you tried"),
        ("How about booking a slot with your skip-level?", "How about"),
        ("Have you thought about a bootcamp?", "Have you thought about"),
    ],
)
def test_advice_disguised_as_a_question_is_persuasion(text: str, cue: str) -> None:
    coded = code_utterance(text)
    assert coded.code == "persuade"
    assert coded.directive
    assert coded.cues == [f'persuade: advice as a question: "{cue}"']


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        ("You should ask for feedback after every presentation.", "advice"),
        ("Try to speak first in the next planning meeting.", "instruction"),
        ("Make sure you send the agenda a day ahead.", "advice"),
        ("I recommend you write your questions down.", "advice"),
        ("You might want to talk to HR about it.", "suggestion"),
    ],
)
def test_advice_and_instructions_are_directive(text: str, subtype: str) -> None:
    coded = code_utterance(text)
    assert (coded.code, coded.codes[0].subtype, coded.directive) == ("persuade", subtype, True)


def test_reflecting_the_protegés_own_should_is_not_advice() -> None:
    coded = code_utterance("You said you should ask your manager. What makes that feel important right now?")
    assert [c.code for c in coded.codes] == ["reflection_simple", "question_open"]
    assert not coded.directive


def test_options_after_permission_are_persuade_with_permission() -> None:
    coded = code_utterance(
        "Would it help to hear some things others have tried? Some people rehearse with a friend first. "
        "It's your choice what fits."
    )
    assert [c.code for c in coded.codes] == [
        "seek_collaboration", "persuade_with_permission", "emphasize_autonomy",
    ]
    assert not coded.directive


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("What would success look like for you?", "question_open"),
        # Advice words inside an open question are the protégé's to answer, not advice.
        ("What have you tried so far?", "question_open"),
        ("What else could you try?", "question_open"),
        ("What support do you need to follow through?", "question_open"),
        ("What do you want your mentor to help you decide?", "question_open"),
        ("How do you want the meeting to go?", "question_open"),
        ("Do you like your job?", "question_closed"),
        ("Is it the manager or the work itself?", "question_closed"),
        ("How often do you meet?", "question_closed"),
        ("You feel stuck?", "reflection_simple"),
        ("It sounds like the promotion matters to you, and you're worried it will cost you time.",
         "reflection_complex"),
        ("Part of you wants the lead role, and part of you misses building things.", "reflection_complex"),
        ("You want to lead the design review.", "reflection_simple"),
        ("That took real courage.", "affirm"),
        ("It's entirely your call.", "emphasize_autonomy"),
        ("Pairs meet every two weeks.", "giving_information"),
        ("That's a bad idea.", "confront"),
        ("Hi!", "other"),
    ],
)
def test_single_sentence_codes(text: str, code: str) -> None:
    assert code_utterance(text).code == code


def test_a_reply_is_coded_per_sentence_with_a_reply_verdict() -> None:
    coded = code_utterance(
        "You want to get promoted this year. It sounds like that matters to you. You should ask your boss."
    )
    assert [c.code for c in coded.codes] == ["reflection_simple", "reflection_complex", "persuade"]
    assert coded.code == "persuade" and coded.directive
    assert coded.behaviour == "therapist_input"


def test_the_engines_own_moves_are_prompting() -> None:
    for reply in (
        "It sounds like getting promoted to senior engineer this year matters to you. "
        "What would reaching it look like for you?",
        "You've named an option: ask to present a small update, or practise with a friend. "
        "Which of those would you like to take forward first?",
        "So right now, you avoid presenting and your manager does it for you. What's getting in the way?",
    ):
        coded = code_utterance(reply)
        assert not coded.directive, coded.cues
        assert coded.code == "question_open"


def test_split_sentences_keeps_question_marks_and_newlines() -> None:
    assert split_sentences("You want X. What now?\nTell me more.") == ["You want X.", "What now?", "Tell me more."]
    assert split_sentences("") == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # The protégé's own self-judgement, reflected, is not a confrontation.
        ("You feel like saying no makes you look lazy.", "reflection_complex"),
        ("That's a pretty lazy way to prepare.", "confront"),
        ("Wouldn't it be easier to ask her first?", "persuade"),
        ("Since you asked, I'd book the meeting myself. Take it or leave it.", "persuade_with_permission"),
        ("Two months without a one-on-one?", "reflection_simple"),
        ("Is it OK if we pause and summarise?", "seek_collaboration"),
    ],
)
def test_cues_added_for_the_labelled_set(text: str, code: str) -> None:
    assert code_utterance(text).code == code


def test_the_guard_refuses_permission_the_reply_grants_itself() -> None:
    """MITI codes "Since you asked, ..." as persuasion with permission; the runtime guard
    can't know the protégé asked, so any persuasion pushes, whatever its framing."""
    for text in ("Since you asked, you should quit.", "May I share an idea? You could quit.",
                 "You should quit, but it's your call."):
        assert code_utterance(text).pushes, text
    assert not code_utterance("What would you like to do next?").pushes


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Tell me a little bit about what 'now and again' means.", "question_open"),
        ("Say something more about that.", "question_open"),
        ("How about your hunch about it?", "question_open"),
        ("How about you: what would make this week a good one?", "question_open"),
        ("What some people at your stage do is ask for a stretch project.", "persuade"),
        ("Any chance you'd put your commitments into a shared doc before Friday?", "persuade"),
        ("Send it tonight, would you?", "persuade"),
        ("Whether you take the secondment is entirely your decision.", "emphasize_autonomy"),
    ],
)
def test_invitations_stay_questions_and_new_shapes_of_advice_are_caught(text: str, code: str) -> None:
    assert code_utterance(text).code == code


def test_an_invitation_to_talk_is_not_advice_but_telling_someone_else_is() -> None:
    for invitation in ["Can you tell me a little about what happened?", "Sure! Can you please tell me more?",
                       "Could you talk to me about what happened?"]:
        assert not code_utterance(invitation).directive, invitation
    for advice in ["Can you tell her how you feel?", "Can you please just ask him?", "Can you please call HR?"]:
        assert code_utterance(advice).directive, advice


def test_suggestions_said_as_plain_statements_are_directive_their_own_plan_is_not() -> None:
    for advice in ["Another thing that may help is having some calming music in your ear on the bus.",
                   "Definitely reach out to your sister, she sounds like she gets it.",
                   "What helped me was writing it all down the night before, might be worth a go."]:
        coded = code_utterance(advice)
        assert coded.directive, advice
        assert any(c.cue.startswith("reads as a suggestion (model p=") for c in coded.codes), advice
    for theirs in ["So you're planning to call your sister tomorrow night.",
                   "You said you'd write it all down the night before.",
                   "That sounds exhausting, and it makes sense you feel stuck."]:
        assert not code_utterance(theirs).directive, theirs


def test_the_blind_suggestion_batch_stays_above_the_bar() -> None:
    """eval/labelled/suggestions/blind-1.csv: written by a helper who saw no code and no data,
    never trained on; the issue's bar is advice recall >= 0.90 at precision >= 0.90."""
    from pathlib import Path

    from eval.calibrate import calibrate_suggestions

    blind = Path(__file__).resolve().parent.parent / "eval" / "labelled" / "suggestions" / "blind-1.csv"
    found = calibrate_suggestions(blind)
    assert found.all_rows["recall"] >= 0.92 and found.all_rows["precision"] >= 0.95  # as measured, 2026-11-30
    assert found.prompting_flagged <= 0.01
