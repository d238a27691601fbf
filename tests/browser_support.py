"""What every browser test shares: Debian's Chromium, its flags, and the steps a person
takes (sign in, send a message, keep a screenshot for the README)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
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


#: axe-core from npm, pinned in tests/a11y/package-lock.json and installed by `make test`.
AXE_JS = Path(__file__).resolve().parent / "a11y" / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page: Any, impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it stands, those of the given impacts only."""
    if not AXE_JS.is_file():
        hint = "axe-core is not installed: run `make a11y-deps` (make test does)"
        if os.environ.get("COACH_TEST_REQUIRE_SERVERS"):
            pytest.fail(hint)
        pytest.skip(hint)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v.get("impact") in impacts]


def describe_violations(violations: list[dict[str, Any]], targets: int = 4) -> str:
    """One readable line per violation: id, impact, help, and where (the first few nodes)."""
    lines = []
    for v in violations:
        nodes = v.get("nodes", [])
        where = ", ".join(" ".join(map(str, n.get("target", []))) for n in nodes[:targets])
        more = f" (+{len(nodes) - targets} more)" if len(nodes) > targets else ""
        lines.append(f"{v['id']} [{v.get('impact')}] {v.get('help')}: {len(nodes)} node(s): {where}{more}")
    return "\n".join(lines)


def answered(page: Any, replies: int, timeout: float = 20_000) -> None:
    """Wait until the chat shows `replies` coach messages, the last one written (a reply
    being prepared shows as an empty bubble first)."""
    import re

    from playwright.sync_api import expect

    bot = page.locator("#prep-chat .message.bot")
    expect(bot).to_have_count(replies, timeout=timeout)
    expect(bot.nth(replies - 1)).to_contain_text(re.compile(r"\S"), timeout=timeout)


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, closed however the test ends."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()
