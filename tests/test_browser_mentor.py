"""The Mentor tab in headless Chromium at a laptop's 1366 px: what a mentor sees of what their
protégé shared, a question set built from it, and the check of that set, all on one screen
width (no horizontal scrolling to find "try instead")."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.agenda import zone
from assistant.config import Settings
from tests.browser_support import BROWSER_MARKS, chromium, keep_screenshot, login

pytestmark = BROWSER_MARKS

WIDTH = 1366
THREAD = "abc123def456"
AGENDA = "\n".join([
    "**Mentor meeting agenda (Thursday 09:30)**",
    "1. Catch-up since last time: what's happened since last time (5 min)",
    "2. My goal: “I want to get better at presenting to leadership”; “getting through the Q&A calmly” (10 min)",
    "3. Where things stand: “I freeze when the VPs ask follow-up questions” (10 min)",
    "4. Options I'm weighing: (to discuss) (10 min)",
    "5. Questions for my mentor: “how do you prepare for an exec review?” (10 min)",
    "6. My next step: (to discuss) (5 min)",
])


def share_as_pia(service: Any) -> datetime:
    """What pia chose to share before her mentor signs in: her agenda, a commitment, a log entry."""
    ws = service.workspace
    pia = ws.user("pia")
    ws.register_thread(pia, THREAD)
    meeting = datetime(2031, 3, 6, 9, 30, tzinfo=UTC)
    agenda = ws.save_agenda(pia, THREAD, AGENDA, meeting, approve=True)
    commitment = ws.add_commitment(pia, THREAD, "rehearse the quarterly update with a colleague", "by Friday")
    entry = ws.add_log_entry(pia, "weakness", "I lose my thread when someone senior interrupts",
                             "the budget review last week <b>loud</b> [notes](http://127.0.0.1:9/notes)")
    for item_type, item_id in (("agenda", agenda.id), ("commitment", commitment.id), ("log", entry.id)):
        ws.share(pia, item_type, item_id)
    return meeting


def test_mentor_builds_questions_from_what_was_shared_and_checks_them_on_a_laptop_screen(
    signed_in_app: str, service: Any, offline_settings: Settings, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    meeting = share_as_pia(service).astimezone(zone(offline_settings.timezone))
    with chromium() as browser:
        page = browser.new_page(viewport={"width": WIDTH, "height": 900})
        login(page, signed_in_app, "max")

        # What pia shared: the agenda under its meeting time, her commitment and log entry.
        shared = page.locator("#mentor-shared")
        when = f"{meeting:%a} {meeting.day} {meeting:%b %Y, %H:%M} ({offline_settings.timezone})"
        expect(shared).to_contain_text(f"pia · agenda · meeting {when}", timeout=20_000)
        expect(shared).to_contain_text("I want to get better at presenting to leadership")
        expect(shared).to_contain_text("pia · commitment")
        expect(shared).to_contain_text("rehearse the quarterly update with a colleague (by Friday)")
        expect(shared).to_contain_text("pia · log entry")
        expect(shared).to_contain_text("Weakness: I lose my thread when someone senior interrupts")
        # Her markup shows as the text she typed, and a link as its label: nothing to follow.
        expect(shared).to_contain_text("the budget review last week <b>loud</b> notes")
        expect(shared.locator("b, a[href], img")).to_have_count(0)

        # A set from what she shared lands in the one question editor.
        expect(page.locator("#mentor-protege input")).to_have_value("pia")
        page.locator("#mentor-from-shared").click()
        box = page.locator("#mentor-questions textarea")
        expect(box).not_to_have_value("", timeout=30_000)
        expect(page.locator("#mentor-shared-status")).to_contain_text("in “Your questions” below")
        questions = box.input_value().splitlines()
        assert len(questions) == 12
        for q in questions:
            assert re.search(r"\byou(?:r)?\b", q), q  # asked to her
            assert not re.search(r"\bmentors?\b|\bmy\b|\bI\b", q), q
        joined = "\n".join(questions)
        for topic in ("presenting to leadership", "the quarterly update", "losing your thread"):
            assert topic in joined, (topic, questions)
        assert "I want to get better at presenting to leadership" not in joined  # not her sentence back

        # "Check my questions" checks that set, with one of the mentor's own added.
        box.fill(box.input_value() + "\nHave you considered asking your manager for a dry run?")
        page.locator("#mentor-lint").click()
        expect(page.locator("#mentor-status")).to_contain_text("13 questions checked, 1 flagged.",
                                                               timeout=15_000)
        results = page.locator("#mentor-results")
        expect(results).to_contain_text("13. Have you considered asking your manager for a dry run?")
        expect(results).to_contain_text("Try instead: What options do you see for getting a dry run?")
        expect(results).to_contain_text(f"1. {questions[0]}")

        # Everything fits the laptop's width: no sideways scrolling to read a rewrite.
        rewrite = results.locator("p", has_text="Try instead")
        rewrite.scroll_into_view_if_needed()
        for element in (results, rewrite, results.locator("p, li, h4").last):
            bounds = element.bounding_box()
            assert bounds is not None and bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= WIDTH, bounds
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH

        shot = tmp_path / "mentor.png"
        page.screenshot(path=str(shot), full_page=True)
        keep_screenshot(shot, "screenshot-mentor.png")
