"""The Mentor tab's handlers, without a browser: what was shared (an agenda under its meeting
time, commitments and log entries under clear headings) and the check's results as cards."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from assistant.bootstrap import open_workspace
from assistant.config import load_settings
from assistant.store.workspace import Workspace
from assistant.ui.mentor_tab import check_questions, shared_markdown


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(load_settings(data_dir=tmp_path / "data"))
    workspace.add_user("pia", "protege")
    workspace.add_user("max", "mentor")
    workspace.pair("pia", "max")
    yield workspace
    workspace.engine.dispose()


def test_a_shared_agenda_shows_its_meeting_time_and_other_items_their_kind(ws: Workspace) -> None:
    pia, mx = ws.user("pia"), ws.user("max")
    ws.register_thread(pia, "abc123def456")
    agenda = ws.save_agenda(pia, "abc123def456", "**Mentor meeting agenda**\n1. My goal: “pitch <b>the</b> roadmap”",
                            datetime(2031, 3, 6, 9, 30, tzinfo=UTC), approve=True)
    commitment = ws.add_commitment(pia, "abc123def456", "send the draft to Lena", "by Friday")
    entry = ws.add_log_entry(pia, "weakness", "I rush my slides", "the offsite")
    for item_type, item_id in (("agenda", agenda.id), ("commitment", commitment.id), ("log", entry.id)):
        ws.share(pia, item_type, item_id)

    view = shared_markdown(ws, mx, "Europe/Berlin")
    # 09:30 UTC is 10:30 in Berlin; the meeting time heads the agenda, not the day it was shared.
    assert "#### pia · agenda · meeting Thu 6 Mar 2031, 10:30 (Europe/Berlin)" in view
    assert "#### pia · commitment\n\nsend the draft to Lena (by Friday)" in view
    assert "#### pia · log entry\n\nWeakness: I rush my slides (evidence: the offsite)" in view
    assert "<b>" not in view and "&lt;b&gt;the&lt;/b&gt;" in view
    assert view.count("shared with you ") == 3

    draft = ws.save_agenda(pia, "abc123def456", "**Mentor meeting agenda**\n1. My goal: “pitch the roadmap”")
    assert draft.meeting_at is not None  # saving without a time keeps the one set
    assert ws.shared_with(mx)[0].meeting_at == datetime(2031, 3, 6, 9, 30, tzinfo=UTC)
    assert [i.meeting_at for i in ws.shared_with(mx)[1:]] == [None, None]


def test_an_agenda_without_a_meeting_time_says_so(ws: Workspace) -> None:
    pia = ws.user("pia")
    ws.register_thread(pia, "abc123def456")
    agenda = ws.save_agenda(pia, "abc123def456", "1. My goal: “pitch the roadmap”")
    ws.share(pia, "agenda", agenda.id)
    assert "#### pia · agenda · no meeting time set yet" in shared_markdown(ws, ws.user("max"), "UTC")


def test_check_results_are_cards_with_the_rewrite_under_the_question() -> None:
    results, status = check_questions(
        "What matters most to you here?\nHave you considered asking your manager?\n"
        "Isn't it obvious that **you** should <i>quit</i>?"
    )
    assert status == "3 questions checked, 2 flagged."
    flagged, fine = results.split("#### Open and non-directive (1)")
    assert flagged.startswith(
        "#### Worth another look (2)\n**2. Have you considered asking your manager?**  \n⚠️ *advice*:")
    assert "**Try instead:** What options do you see for getting your manager's view?" in flagged
    # Their words are shown as typed: no bold, no HTML.
    assert r"**3. Isn't it obvious that \*\*you\*\* should &lt;i&gt;quit&lt;/i&gt;?**" in flagged
    assert fine.strip() == "- **1.** What matters most to you here?"
    assert check_questions("  \n") == ("", "⚠️ Nothing to check: write or generate some questions first.")
