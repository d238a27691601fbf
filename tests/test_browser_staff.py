"""The Staff tab in headless Chromium: the overview in words, evaluation runs read from disk
on every load (latest first), and a report that opens as a page in its own tab, for staff only."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.config import Settings
from assistant.ui.staff_tab import REPORT_CSP
from tests.browser_support import BROWSER_MARKS, chromium, keep_screenshot, login
from tests.eval_runs import write_run

pytestmark = BROWSER_MARKS
HEADING = "Does the assistant prompt rather than direct?"


@pytest.fixture
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def signed_in(browser: Any, url: str, name: str) -> Any:
    page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    login(page, url, name)
    return page


def test_staff_see_runs_latest_first_and_open_a_report_in_a_new_tab(
    browser: Any, signed_in_app: str, offline_settings: Settings, service: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    ws = service.workspace
    ws.add_user("ana", "protege")
    ws.add_user("mo", "mentor")
    runs = Path(offline_settings.data_dir) / "eval-runs"
    write_run(runs, "20260301-101500", seconds=4.2)

    page = signed_in(browser, signed_in_app, "sue")
    expect(page.locator("#staff-overview")).to_contain_text(
        "People: 2 protégés, 2 mentors, 1 staff member", timeout=20_000)
    expect(page.locator("#staff-overview")).to_contain_text("Pairings: 1")
    rows = page.locator("#staff-eval-runs tbody tr")
    expect(rows).to_have_count(1, timeout=20_000)

    # A run made after the server started (and after this page loaded) shows on reload, first.
    write_run(runs, "20260302-080000", passed=False, seconds=65, personas=2)
    page.reload(wait_until="load")
    expect(rows).to_have_count(2, timeout=20_000)
    expect(rows.first).to_contain_text("2026-03-02 08:00:00")
    expect(rows.first).to_contain_text("below thresholds")
    expect(rows.first).to_contain_text("1 of 2 passed")
    expect(rows.first).to_contain_text("1 min 05 s")
    expect(rows.nth(1)).to_contain_text("2026-03-01 10:15:00")
    expect(page.locator("#staff-eval")).to_contain_text("Below thresholds · run 20260302-080000")
    expect(page.locator("#staff-run-eval")).to_have_text("Run the evaluation suite (14 personas, about 15 seconds)")
    shot = tmp_path / "staff.png"
    page.screenshot(path=str(shot), full_page=True)
    keep_screenshot(shot, "screenshot-staff.png")

    link = rows.first.get_by_role("link", name="open report")
    expect(link).to_have_attribute("target", "_blank")
    assert "noopener" in (link.get_attribute("rel") or "").split()
    with page.context.expect_page() as opened:
        link.click()
    report = opened.value
    report.wait_for_load_state("load")
    expect(report.get_by_role("heading", level=1)).to_have_text(HEADING)
    url = report.url
    assert url == f"{signed_in_app}staff/reports/20260302-080000/report.html"
    expect(report.locator("body")).to_contain_text("Verdict: FAILED")
    report.screenshot(path=str(tmp_path / "report.png"))

    served = page.request.get(url)
    assert served.status == 200
    assert served.headers["content-type"] == "text/html; charset=utf-8"
    assert served.headers["content-disposition"] == 'inline; filename="report.html"'
    assert served.headers["content-security-policy"] == REPORT_CSP
    assert served.headers["x-content-type-options"] == "nosniff"
    assert page.request.get(url.replace("report.html", "junit.xml")).status == 404
    assert page.request.post(url).status == 405

    # A protégé and a mentor who know the address are refused; so is a browser not signed in.
    for name in ("pia", "max"):
        other = signed_in(browser, signed_in_app, name)
        refused = other.request.get(url)
        assert (refused.status, refused.text()) == (403, "Only program staff read evaluation reports.")
        assert "20260302-080000" not in other.content()  # nor is the list sent to their page
        other.context.close()
    stranger = browser.new_context().new_page()
    assert stranger.request.get(url).status == 401
    page.context.close()


def test_staff_run_the_suite_from_the_tab(browser: Any, signed_in_app: str, offline_settings: Settings) -> None:
    """A real run on the offline backend (about 5-15 s here): one click, one run, listed."""
    from playwright.sync_api import expect

    page = signed_in(browser, signed_in_app, "sue")
    expect(page.locator("#staff-eval")).to_contain_text("No evaluation run yet", timeout=20_000)
    button = page.locator("#staff-run-eval")
    started = time.monotonic()
    button.click()
    expect(button).to_be_disabled(timeout=5_000)
    expect(page.locator("#staff-eval")).to_contain_text("personas - ", timeout=10_000)  # progress, as it goes
    expect(page.locator("#staff-eval")).to_contain_text("Passed", timeout=60_000)
    took = time.monotonic() - started
    expect(button).to_be_enabled(timeout=5_000)
    rows = page.locator("#staff-eval-runs tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("14 of 14 passed")
    runs = list((Path(offline_settings.data_dir) / "eval-runs").iterdir())
    assert len(runs) == 1 and (runs[0] / "report.html").is_file()
    assert took < 30, f"the button promises about 15 seconds; this run took {took:.0f} s"
    page.context.close()
