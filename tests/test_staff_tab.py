"""What staff read on the Staff tab: the overview in words, the runs on disk (latest first),
and who may open a run's report."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.bootstrap import open_workspace
from assistant.config import Settings, load_settings
from assistant.store.workspace import Workspace
from assistant.ui.staff_tab import REPORT_CSP, duration, overview_markdown, report_route, run_dirs, runs_markdown
from tests.eval_runs import write_run

FLAGS = "\n\n### Safety flags (0)\n_None._"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "data", auth="password")


@pytest.fixture
def ws(settings: Settings) -> Workspace:
    workspace = open_workspace(settings)
    workspace.add_user("sue", "staff")
    return workspace


def test_the_overview_counts_people_in_words_for_none_one_and_many(ws: Workspace) -> None:
    sue = ws.user("sue")
    assert overview_markdown(ws, sue) == (
        "- **People:** 0 protégés, 0 mentors, 1 staff member\n"
        "- **Pairings:** 0\n"
        "- **Preparation threads:** 0\n"
        "- **Approved agendas:** 0\n"
        "- **Commitments:** none yet" + FLAGS
    )
    ws.add_user("pia", "protege")
    for name in ("max", "mo"):
        ws.add_user(name, "mentor")
    ws.pair("pia", "max")
    assert overview_markdown(ws, sue).splitlines()[:2] == [
        "- **People:** 1 protégé, 2 mentors, 1 staff member", "- **Pairings:** 1"]

    for name in ("ana", "bob"):
        ws.add_user(name, "protege")
    ws.add_user("sam", "staff")
    pia = ws.user("pia")
    ws.register_thread(pia, "t1")
    first, second, third = (ws.add_commitment(pia, "t1", text) for text in ("ask Jo", "draft the plan", "read"))
    ws.review_commitment(pia, first.id, "done")
    ws.review_commitment(pia, second.id, "not_yet")
    assert third.status == "open"
    assert overview_markdown(ws, sue) == (
        "- **People:** 3 protégés, 2 mentors, 2 staff members\n"
        "- **Pairings:** 1\n"
        "- **Preparation threads:** 1\n"
        "- **Approved agendas:** 0\n"
        "- **Commitments:** 1 open, 1 done, 1 not done yet" + FLAGS
    )
    assert overview_markdown(ws, pia) == "⚠️ Only program staff see the program overview."


def test_runs_are_listed_from_disk_latest_first_with_a_link_that_opens_a_tab(settings: Settings) -> None:
    runs = Path(settings.data_dir) / "eval-runs"
    assert runs_markdown(settings) == ""
    write_run(runs, "20260301-101500", seconds=4.2)
    write_run(runs, "20260302-080000", passed=False, backend="openai", seconds=185.4, personas=2)
    (runs / "20260303-000000").mkdir()  # started, never finished: no summary yet
    (runs / "latest").mkdir()  # not a run this tab made (`coach eval run --out ...`): not listed
    (runs / "latest" / "summary.json").write_text("{}", encoding="utf-8")
    (runs / "20261399-999999").mkdir()  # digits, but no time: not a run
    (runs / "20261399-999999" / "summary.json").write_text("{}", encoding="utf-8")
    assert [p.name for p in run_dirs(settings)] == ["20260302-080000", "20260301-101500"]
    link = ('<a href="staff/reports/{}/report.html" target="_blank" rel="noopener" class="staff-report-link">'
            "open report</a>")
    assert runs_markdown(settings).splitlines() == [
        "#### Evaluation runs, latest first",
        "",
        "| started (UTC) | backend | result | personas | took | report |",
        "|---|---|---|---|---|---|",
        f"| 2026-03-02 08:00:00 | openai | ❌ below thresholds | 1 of 2 passed | 3 min 05 s | "
        f"{link.format('20260302-080000')} |",
        f"| 2026-03-01 10:15:00 | offline | ✅ passed | 3 of 3 passed | 4 s | {link.format('20260301-101500')} |",
    ]
    (runs / "20260302-080000" / "summary.json").write_text("{not json", encoding="utf-8")
    assert "| 2026-03-02 08:00:00 | | ⚠️ can't be read (" in runs_markdown(settings)
    assert [duration(s) for s in (0, 59.4, 60, 3599)] == ["0 s", "59 s", "1 min 00 s", "59 min 59 s"]


def test_only_signed_in_staff_read_a_report_and_only_a_report(settings: Settings, ws: Workspace) -> None:
    runs = Path(settings.data_dir) / "eval-runs"
    write_run(runs, "20260301-101500")
    (Path(settings.data_dir) / "secret.txt").write_text("not for anyone", encoding="utf-8")
    ws.add_user("pia", "protege")
    ws.add_user("max", "mentor")
    serve = report_route(settings, ws)

    status, headers, body = serve("sue", "20260301-101500/report.html")
    assert status == 200 and body.startswith(b"<!doctype html>")
    assert dict(headers) == {
        b"content-type": b"text/html; charset=utf-8",
        b"content-disposition": b'inline; filename="report.html"',
        b"content-security-policy": REPORT_CSP.encode(),
        b"cache-control": b"private, no-store",
    }
    assert "script-src" not in REPORT_CSP and "default-src 'none'" in REPORT_CSP and REPORT_CSP.endswith("sandbox")
    assert b"<script" not in body  # the CSP blocks scripts; the report needs none
    status, headers, body = serve("sue", "20260301-101500/summary.json")
    assert status == 200 and dict(headers)[b"content-type"] == b"application/json; charset=utf-8"

    def refusal(who: str | None, rest: str = "20260301-101500/report.html") -> tuple[int, str]:
        status, headers, body = serve(who, rest)
        assert dict(headers)[b"content-type"] == b"text/plain; charset=utf-8"
        return status, body.decode()

    assert refusal(None) == (401, "Please sign in, then open the report from the Staff tab.")
    for who in ("pia", "max", "nobody", "../sue"):
        assert refusal(who) == (403, "Only program staff read evaluation reports.")
    for rest in ("20260301-101500/results.jsonl", "20260301-101500/junit.xml", "20260301-101500/../../secret.txt",
                 "../secret.txt", "..%2Fsecret.txt", "20260301-101500", "20260301-101500/", "latest/report.html",
                 "20260301-101500/report.html/", "20260301-10150/report.html", "20990101-000000/report.html",
                 "20260301-101500\n/report.html", "/etc/passwd", "20261399-999999/summary.json"):
        assert refusal("sue", rest) == (404, "No such report."), rest
    # Others learn nothing, not even which runs exist: the refusal comes before the lookup.
    assert refusal("pia", "20990101-000000/report.html")[0] == 403

    laptop = report_route(settings.model_copy(update={"auth": "none"}), ws)
    status, _, body = laptop("local", "20260301-101500/report.html")
    assert status == 403 and b"signed-in staff only" in body
