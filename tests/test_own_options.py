"""An ask for advice that already names the protégé's options gets them back to weigh: never
the role speech that passes over them, never one of them filed as their pick."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.coach.own_options import own_options, weigh_reply
from assistant.language.spans import goal_span
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
