"""The length they ask of the agenda is kept to: the time they have, a number of items, "short"."""

from __future__ import annotations

import re
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
    ("I am short on time this week", Limits(None, None)),  # "short" alone asks nothing of the draft
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
    minutes = [int(x) for x in re.findall(r"\((\d+) min\)", reply.text)]
    assert minutes and sum(minutes) == 30
    assert "(to discuss)" not in reply.text


def test_a_goal_said_as_its_own_sentence_reads_as_wanted_in_the_agenda_and_the_thread_title() -> None:
    from assistant.language.verbs import as_wanted
    from assistant.store.sync import goal_words

    assert as_wanted("Present the design at the all-hands") == "I want to present the design at the all-hands"
    assert as_wanted("I want to lead it") == "I want to lead it"
    assert goal_words({"goal": "Get two engineers to review it", "goal_is_verb": True}) == (
        "I want to get two engineers to review it")


@pytest.mark.parametrize(("text", "minutes"), [
    ("Our meeting is on the 12th, one hour, but she always comes late, so plan for 45 minutes please.", 45),
    ("Can we make the agenda? Forty minutes, in the staff room, so nothing too private.", 40),
    ("She usually gives us an hour but honestly it's more like forty minutes by the time the coffee is made.", 40),
    ("We have an hour, though I'd like to leave ten minutes for her to ask me questions.", 50),
    ("Agenda please, 30 min max, we're doing it on a video call over lunch.", 30),
    ("I spent 30 minutes on the report last night.", None),  # not the meeting
])
def test_the_meeting_length_is_read_as_they_say_it(text: str, minutes: int | None) -> None:
    from assistant.language.durations import said_session_length

    assert said_session_length(text) == minutes


def test_a_length_said_earlier_or_after_the_draft_is_kept_to_and_the_draft_is_shown_not_approved(
        tmp_path: Path) -> None:
    # Blind review 22, Y12: "We have an hour, but I'd like the agenda to fit in 45 minutes…" was added to
    # where things stand, "Please draft it." approved the draft, "That's the agenda." asked what to change.
    service = make_service(tmp_path)
    run(service, ["I want to lead the foundation application", "We have 25 minutes; she has a client at 8:30."])
    (draft,) = run(service, ["agenda please"])
    assert sum(int(x) for x in re.findall(r"\((\d+) min\)", draft.text)) == 25
    assert "25 minutes" not in draft.text  # how long they meet is no news about where things stand
    (again,) = run(service, ["Please draft it."])
    assert again.move == "summary+agenda"
    (fitted,) = run(service, ["We have an hour, but I'd like the agenda to fit in 45 minutes so there's room for "
                              "him to tell his stories."])
    assert fitted.text.startswith("I fitted the draft to 45 minutes.")
    assert sum(int(x) for x in re.findall(r"\((\d+) min\)", fitted.text)) == 45
    assert "stories" not in fitted.text
    (done,) = run(service, ["Lovely. That's the agenda. Thank you, this really helped."])
    assert done.move == "closing"


def test_time_said_about_something_else_after_the_draft_changes_nothing(tmp_path: Path) -> None:
    service = make_service(tmp_path)
    run(service, ["I want to lead the foundation application", "agenda please"])
    (reply,) = run(service, ["I spent 30 minutes on the budget last night, and I'm short on time this week."])
    assert "I fitted the draft" not in reply.text and "I kept the draft" not in reply.text
    assert sum(int(x) for x in re.findall(r"\((\d+) min\)", service.state("ana", "t1")["agenda"])) == 50


def test_a_returning_protege_keeps_the_catch_up_on_last_time_in_a_short_agenda() -> None:
    items = build(SLOTS, True, catch_up="I emailed Dana about the rota: done")
    kept = fit(items, Limits(20, None))
    assert [i.kind for i in kept][:1] == ["catch_up"] and sum(i.minutes for i in kept) == 20
    assert "catch_up" not in [i.kind for i in fit(build(SLOTS, True), Limits(20, None))]
