"""Agenda changes asked for in the chat are applied to the draft, in the protégé's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.coach.agenda_edit import apply_edit
from tests.prep_script import PREP_SCRIPT
from tests.test_coach_engine import make_service, run

AGENDA = """**Mentor meeting agenda (on Thursday)**
1. Catch-up: what's happened since last time (5 min)
2. My goal: “I want to become a tech lead” (10 min)
3. Where things stand: “I take tickets” (10 min)
4. Options I'm weighing: “run the review” (10 min)
5. Questions for my mentor: “how she got her first lead role” (10 min)
6. My next step: “ask my lead on Monday” (5 min)"""


GOAL, NOW, OPTIONS, QUESTIONS, STEP = (
    "My goal", "Where things stand", "Options I'm weighing", "Questions for my mentor", "My next step"
)


def labels(markdown: str) -> list[str]:
    return [line.split(". ", 1)[1].split(":")[0] for line in markdown.splitlines()[1:]]


@pytest.mark.parametrize(
    ("ask", "said", "order"),
    [
        ("can we move the options before the reality bit?", "I moved “Options I'm weighing”.",
         ["Catch-up", GOAL, OPTIONS, NOW, QUESTIONS, STEP]),
        ("take out the catch-up", "I took out “Catch-up”.",
         [GOAL, NOW, OPTIONS, QUESTIONS, STEP]),
        ("put my questions first", "I moved “Questions for my mentor”.",
         [QUESTIONS, "Catch-up", GOAL, NOW, OPTIONS, STEP]),
    ],
)
def test_moves_and_removals_change_the_draft(ask: str, said: str, order: list[str]) -> None:
    edit = apply_edit(AGENDA, ask)
    assert edit is not None and edit.said == said
    assert labels(edit.markdown) == order
    assert edit.markdown.splitlines()[0] == "**Mentor meeting agenda (on Thursday)**"


def test_additions_keep_their_words_and_unclear_asks_are_left_alone() -> None:
    edit = apply_edit(AGENDA, "Could you add: how to ask for feedback on my designs")
    assert edit is not None
    assert edit.markdown.endswith("7. How to ask for feedback on my designs (5 min)")
    for ask in ("swap goal and reality", "remove it", "make it shorter", "move it up"):
        assert apply_edit(AGENDA, ask) is None, ask


def test_a_change_asked_in_the_chat_is_in_the_agenda_they_approve(tmp_path: Path) -> None:
    service = make_service(tmp_path)
    replies = run(service, [*PREP_SCRIPT, "can we move the options before the reality bit?", "make it friendlier",
                            "looks good"])
    moved, noted, closing = replies[-3:]
    assert moved.move == "agenda_edit+question" and moved.text.startswith("I moved “Options I'm weighing”.")
    assert noted.text.startswith("Noted: make it friendlier.")
    assert closing.move == "closing"
    state = service.state("ana", "t1")
    assert labels(state["agenda"])[2:4] == [OPTIONS, NOW]
    assert state["agenda_edits"] == ["make it friendlier"]
