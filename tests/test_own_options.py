"""An ask for advice that already names the protégé's options gets them back to weigh: never
the role speech that passes over them, never one of them filed as their pick."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.coach.own_options import own_options, weigh_reply
from assistant.language.spans import goal_span
from assistant.language.spelling import plain_spelling
from assistant.language.verbs import base_form
from tests.test_coach_engine import make_service, run


@pytest.mark.parametrize(("text", "reply"), [
    ("Should I talk about the cancelled project or better not?",
     "Whether to talk about the cancelled project is yours to weigh. What might it give you, and what might it cost?"),
    ("Should I tell my manager or not?",
     "Whether to tell your manager is yours to weigh. What might it give you, and what might it cost?"),
    ("should I do the MBA or the certificate?",
     "You're weighing whether to do the MBA or the certificate. What draws you to each of them?"),
    ("What should be on the plan? Maybe skills, projects, timeline?",
     "You've already named skills, projects and timeline. Which of those matters most to you, and why?"),
])
def test_the_options_they_named_are_said_back_to_weigh(text: str, reply: str) -> None:
    found = own_options(text)
    assert found is not None
    assert " ".join(weigh_reply(found)) == reply


@pytest.mark.parametrize("text", [
    "should i apply or is that too much?",  # the "or" asks something; it names no second option
    "What should I do about my boss?",
    "Should I go for the team lead role? or what do you think",
])
def test_an_ask_without_options_of_theirs_names_none(text: str) -> None:
    assert own_options(text) is None


def test_options_too_long_to_say_back_whole_are_not_copied(tmp_path: Path) -> None:
    service = make_service(tmp_path)
    run(service, ["Tomorrow I meet my mentor. It is about my goal to become a team lead in two years."])
    (reply,) = run(service, ["Should I ask for a stretch project or wait until the review?"])
    # Said back whole, nine of their words in a row: over the copying limit.
    assert reply.text == "You've named two ways forward. What draws you to each of them?"
    assert "wait until the review" not in service.state("ana", "t1")["slots"].get("commitments", "")


def test_in_a_conversation_the_options_are_handed_back_not_the_role_speech(tmp_path: Path) -> None:
    service = make_service(tmp_path)
    (first, second) = run(service, [
        "Tomorrow I meet my mentor. It is about my goal to become a team lead in two years.",
        "Should I talk about the cancelled project or better not?",
    ])
    assert "become a team lead" in first.text  # "my goal to …" is their goal
    assert second.text.startswith("Whether to talk about the cancelled project is yours to weigh.")
    assert "straight answer" not in second.text


@pytest.mark.parametrize(("ing", "lemma", "base"), [
    ("prepping", "preppe", "prep"),  # the parser's guess for a verb it doesn't know
    ("planning", "plan", "plan"),
    ("messaging", "message", "message"),
    ("filling", "fill", "fill"),
    ("adding", "add", "add"),
])
def test_the_base_form_of_an_ing_verb(ing: str, lemma: str, base: str) -> None:
    assert base_form(ing, lemma) == base


def test_my_goal_to_names_the_goal() -> None:
    assert goal_span("It is about my goal to become a team lead in two years.") == "become a team lead in two years"


@pytest.mark.parametrize(("typed", "read_as"), [
    ("wat i actually want is to not fail the maths unit", "what i actually want is to not fail the maths unit"),
    ('my mum reckons i shud ask, she says "ur too smart"', 'my mum reckons i should ask, she says "you\'re too smart"'),
    ("can u make a list of stuff to say tmrw", "can you make a list of stuff to say tomorrow"),
    ("U of T is great", "U of T is great"),  # capitals may be a name
])
def test_chat_spellings_are_read_as_the_words_they_stand_for(typed: str, read_as: str) -> None:
    assert plain_spelling(typed) == read_as


def test_a_goal_typed_in_chat_spelling_is_their_goal(tmp_path: Path) -> None:
    # Blind review 21, X04: "wat i actually want is…" was taken for a correction, twice.
    service = make_service(tmp_path)
    (reply,) = run(service, ["wat i actually want is to not fail the maths unit at tafe again. failed it last term"])
    assert service.state("ana", "t1")["slots"]["goal"] == "not fail the maths unit at tafe again"
    assert reply.text.startswith("It sounds like you really want to not fail the maths unit.")


def test_do_i_or_do_i_is_handed_back_to_weigh() -> None:
    # Blind review 21, X06: "Put bluntly: do I apply, or do I stay? You must have a view." got a
    # passage of the program's guidance about strengths.
    found = own_options("Put bluntly: do I apply, or do I stay? You must have a view.")
    assert found is not None
    assert " ".join(weigh_reply(found)) == "You're weighing whether to apply or stay. What draws you to each of them?"
    assert own_options("do I need to bring anything or is it informal?") is None


def test_conceding_a_point_is_not_a_correction_and_sketching_an_agenda_asks_for_one() -> None:
    from assistant.coach.agenda_items import asks_for_agenda
    from assistant.language.meaning import read

    assert not read("Ha. Fair enough, I suppose I walked into that one.").has("correction")
    assert read("No, that's not it. Fair enough is not how I'd put it.").has("correction")
    assert asks_for_agenda("Birgitte ran a school in Odense for eleven years. Could you sketch out an agenda?")
