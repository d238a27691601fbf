"""Accessibility: axe-core (from npm, tests/a11y) finds no serious or critical problem on
any role's page, and the controls people reach by name have names that say what they are."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser_support import BROWSER_MARKS, axe_violations, chromium, describe_violations, login, send

pytestmark = BROWSER_MARKS


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Any]:
    with chromium() as browser:
        yield browser.new_page(viewport={"width": 1280, "height": 1000})


def assert_accessible(page: Any, where: str, shot: Path) -> None:
    page.screenshot(path=str(shot), full_page=True)
    found = axe_violations(page)
    assert not found, f"axe-core on {where} (screenshot {shot}):\n{describe_violations(found)}"


def expand(page: Any, title: str) -> None:
    """Open a closed accordion by its title, as a person clicks it."""
    from playwright.sync_api import expect

    toggle = page.locator("button.label-wrap", has_text=title)
    content = page.locator(".gr-accordion").filter(has=toggle).locator("[data-testid=accordion-content]").first
    if not content.is_visible():
        toggle.click()
    expect(content).to_be_visible()


def test_the_sign_in_page(signed_in_app: str, page: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page.goto(signed_in_app, wait_until="load")
    page.get_by_label("username").wait_for(timeout=30_000)
    expect(page).to_have_title("Protégé coach")  # Gradio's sign-in page has none of its own
    assert_accessible(page, "the sign-in page", tmp_path / "login.png")


def test_the_proteges_prepare_tab(signed_in_app: str, page: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    login(page, signed_in_app, "pia")
    box = page.get_by_role("textbox", name="Your message")
    box.wait_for(timeout=30_000)
    expect(page.locator("#prep-chat .message.bot").first).to_contain_text("?", timeout=15_000)
    assert_accessible(page, "the protégé's Prepare tab", tmp_path / "prepare.png")

    send(page, "I want to get better at presenting to leadership")
    bot = page.locator("#prep-chat .message.bot")
    expect(bot).to_have_count(2, timeout=15_000)
    expect(bot.last).to_contain_text("?", timeout=15_000)  # the reply itself, not its empty bubble
    expect(page.locator("#prep-chat .message.user")).to_have_count(1)
    for title in ("Your commitments", "Strengths and growth log"):
        expand(page, title)
    expect(page.get_by_role("radiogroup", name="Kind of entry")).to_be_visible()
    expect(page.get_by_role("radio", name="Strength", exact=True)).to_be_checked()
    expect(page.get_by_role("button", name="Send", exact=True)).to_be_visible()
    assert_accessible(page, "the Prepare tab after a turn, every panel open", tmp_path / "prepare-open.png")


def test_the_mentors_tab(signed_in_app: str, page: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    login(page, signed_in_app, "max")
    topic = page.locator("#mentor-topic textarea")
    topic.wait_for(timeout=30_000)
    topic.fill("moving from engineering into product management")
    page.locator("#mentor-generate").click()
    questions = page.locator("#mentor-questions textarea")
    expect(questions).not_to_have_value("", timeout=30_000)
    flagged = "Have you considered asking your manager?"  # so the results show a flagged question too
    questions.fill(questions.input_value() + "\n" + flagged)
    page.locator("#mentor-lint").click()
    expect(page.locator("#mentor-status")).to_contain_text("questions checked", timeout=15_000)
    expect(page.locator("#mentor-results")).to_contain_text(flagged)
    assert_accessible(page, "the mentor's tab with checked questions", tmp_path / "mentor.png")


def test_the_staff_tab(signed_in_app: str, page: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    login(page, signed_in_app, "sue")
    expect(page.locator("#staff-overview")).to_contain_text("People:", timeout=30_000)
    assert_accessible(page, "the staff tab", tmp_path / "staff.png")
