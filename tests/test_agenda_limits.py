"""The length they ask of the agenda is kept to: the time they have, a number of items, "short"."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.coach.agenda_items import build
from assistant.coach.agenda_limits import Limits, fit, limits
from tests.test_coach_engine import make_service, run


@pytest.mark.parametrize(("text", "wanted"), [
    ("Can you draft an agenda? Our sessions are 30 mins, video call.", Limits(30, None)),
    ("agenda pls, 3 items max", Limits(None, 3)),
    ("could you make it 3 or 4 points max", Limits(None, 4)),
    ("keep it short, she's got back to back meetings", Limits(None, 4)),
    ("we have a 20-minute call, three things only", Limits(20, 3)),
    ("Can you draft an agenda?", Limits(None, None)),
    ("I spent 5 minutes on it", Limits(None, None)),  # not a session length
])
def test_the_length_asked_is_read(text: str, wanted: Limits) -> None:
    assert limits(text) == wanted


SLOTS = {"goal": "decide whether to apply for the headship", "reality": "applications close at the end of the month",
         "mentor_questions": "what the first year feels like"}


def test_empty_sections_go_first_and_the_minutes_fill_the_time_they_have() -> None:
    items = fit(build(SLOTS, True), Limits(30, None))
    assert [i.kind for i in items] == ["goal", "where", "questions"]
    assert sum(i.minutes for i in items) == 30


def test_a_number_of_items_keeps_the_most_central_ones() -> None:
    items = fit(build({**SLOTS, "options": "apply now; wait a year"}, True), Limits(None, 2))
    assert [i.kind for i in items] == ["goal", "questions"]


def test_without_a_length_asked_the_draft_is_whole() -> None:
    assert len(fit(build(SLOTS, True), Limits())) == 6


def test_in_a_conversation_the_draft_fits_the_session(tmp_path: Path) -> None:
    service = make_service(tmp_path)
    run(service, ["I want to decide whether to apply for the headship at Skovbakke",
                  "Applications close at the end of the month and I keep going back and forth"])
    (reply,) = run(service, ["Can you draft an agenda? Our sessions are 30 mins, video call."])
    minutes = [int(x) for x in __import__("re").findall(r"\((\d+) min\)", reply.text)]
    assert minutes and sum(minutes) == 30
    assert "(to discuss)" not in reply.text


def test_a_goal_said_as_its_own_sentence_reads_as_wanted_in_the_agenda_and_the_thread_title() -> None:
    from assistant.language.verbs import as_wanted
    from assistant.store.sync import goal_words

    assert as_wanted("Present the design at the all-hands") == "I want to present the design at the all-hands"
    assert as_wanted("I want to lead it") == "I want to lead it"
    assert goal_words({"goal": "Get two engineers to review it", "goal_is_verb": True}) == (
        "I want to get two engineers to review it")
