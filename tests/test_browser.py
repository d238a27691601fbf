"""The real UI in headless Chromium: what a first-time protégé sees and does."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed (make test installs it)"),
]


def test_first_message_gets_a_streamed_socratic_reply(served: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            page.goto(served, wait_until="load")
            box = page.locator("#message-box textarea")
            box.wait_for(timeout=30_000)
            expect(page.locator("#backend-badge")).to_contain_text("offline (built-in coaching engine)")
            bot = page.locator("#prep-chat .message.bot")
            expect(bot.first).to_contain_text("What's on your mind for the meeting?", timeout=15_000)
            box.fill("I have a meeting with my mentor on Thursday and don't know what to talk about")
            box.press("Enter")
            expect(bot).to_have_count(2, timeout=15_000)
            expect(bot.last).to_contain_text("?", timeout=15_000)
            reply = bot.last.inner_text()
            assert reply.count("?") == 1
            assert "should" not in reply.lower()
            box.fill("I want to get better at presenting to leadership")
            box.press("Enter")
            expect(bot).to_have_count(3, timeout=15_000)
            expect(page.locator("#slots")).to_contain_text("get better at presenting to leadership", timeout=15_000)
            shot = tmp_path / "prepare.png"
            page.screenshot(path=str(shot), full_page=True)
            if os.environ.get("COACH_UPDATE_SCREENSHOTS"):
                docs = Path(__file__).resolve().parents[1] / "docs"
                docs.mkdir(exist_ok=True)
                shutil.copy(shot, docs / "screenshot-prepare.png")
        finally:
            browser.close()


def test_mentor_generates_and_checks_a_question_set(served: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(served, wait_until="load")
            page.get_by_role("tab", name="Mentor").click()
            page.locator("#mentor-topic textarea").fill("moving from engineering into product management")
            page.locator("#mentor-generate").click()
            box = page.locator("#mentor-questions textarea")
            expect(box).not_to_have_value("", timeout=30_000)
            assert len(box.input_value().splitlines()) == 12
            box.fill(box.input_value() + "\nHave you considered asking your manager?")
            page.locator("#mentor-lint").click()
            expect(page.locator("#mentor-status")).to_contain_text("13 questions checked, 1 flagged.", timeout=15_000)
            expect(page.locator("#mentor-results")).to_contain_text("advice")
            shot = tmp_path / "mentor.png"
            page.screenshot(path=str(shot), full_page=True)
            if os.environ.get("COACH_UPDATE_SCREENSHOTS"):
                docs = Path(__file__).resolve().parents[1] / "docs"
                docs.mkdir(exist_ok=True)
                shutil.copy(shot, docs / "screenshot-mentor.png")
        finally:
            browser.close()
