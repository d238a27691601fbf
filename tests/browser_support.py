"""What every browser test shares: Debian's Chromium, its flags, and the steps a person
takes (sign in, send a message, keep a screenshot for the README)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]
PASSWORD = "a long passphrase"

BROWSER_MARKS = [
    pytest.mark.browser,
    # In CI (COACH_TEST_REQUIRE_SERVERS) a missing browser fails the run instead of skipping it.
    pytest.mark.skipif(
        not Path(CHROMIUM).exists() and not os.environ.get("COACH_TEST_REQUIRE_SERVERS"),
        reason="Debian chromium is not installed (make test installs it)",
    ),
]


def send(page: Any, message: str) -> None:
    """Type and send, as a person does: the box empties as soon as the message is taken."""
    from playwright.sync_api import expect

    box = page.locator("#message-box textarea")
    box.fill(message)
    box.press("Enter")
    expect(box).to_have_value("", timeout=5_000)


def login(page: Any, url: str, name: str, password: str = PASSWORD) -> None:
    """Sign in through Gradio's form and wait until the page says who is signed in."""
    from playwright.sync_api import expect

    page.goto(url, wait_until="load")
    page.get_by_label("username").fill(name)
    page.get_by_label("password").fill(password)
    page.get_by_role("button", name="Login").click()
    expect(page.locator("#whoami")).to_contain_text(f"{name} (", timeout=20_000)


def keep_screenshot(shot: Path, name: str) -> None:
    """With COACH_UPDATE_SCREENSHOTS=1 the README's screenshots are refreshed from the tests."""
    if os.environ.get("COACH_UPDATE_SCREENSHOTS"):
        docs = Path(__file__).resolve().parents[1] / "docs"
        docs.mkdir(exist_ok=True)
        shutil.copy(shot, docs / name)
