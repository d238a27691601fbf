"""Cross-user access through the UI handlers and the CLI: every attempt is refused.

The store tests prove the data layer; these prove the entry points pass the right person
to it and turn its refusals into clear messages (and exit codes), never tracebacks.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from assistant.bootstrap import build_service
from assistant.cli import app
from assistant.coach.service import CoachService
from assistant.config import PROJECT_ROOT, Settings, load_settings
from assistant.records import Reply
from assistant.store.people import AccessDenied
from assistant.ui.chat_tab import chat_turn, start_thread
from assistant.ui.identity import current_user
from assistant.ui.mentor_tab import generate_for_protege, shared_markdown
from assistant.ui.staff_tab import overview_markdown
from assistant.ui.workspace_panel import add_log, agenda_view, export_files, save_agenda, set_shared
from tests.prep_script import PREP_SCRIPT

BANK = PROJECT_ROOT / "knowledge" / "questions.yaml"
PREP = [*PREP_SCRIPT[1:], "looks good"]
SECRET = "quokka-budget-review"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "data", knowledge_dir=tmp_path / "no-guidance", max_message_tokens=200)


@pytest.fixture
def coach(settings: Settings) -> CoachService:
    service = build_service(settings)
    ws = service.workspace
    assert ws is not None
    for name, role in (("ana", "protege"), ("bob", "protege"), ("mo", "mentor"), ("mia", "mentor"),
                       ("sam", "staff")):
        ws.add_user(name, role)
    ws.pair("ana", "mo")
    ws.pair("bob", "mia")
    return service


def prepared(coach: CoachService) -> str:
    thread, _ = coach.open_thread("ana")
    for message in PREP:
        [r for r in coach.respond("ana", thread, message) if isinstance(r, Reply)]
    return thread


from gradio.processing_utils import hash_file  # noqa: E402

from assistant.ui.downloads import owners_of, server_secret  # noqa: E402
from assistant.ui.web_guard import owner_tag  # noqa: E402


def test_ui_handlers_refuse_every_cross_user_access(coach: CoachService, settings: Settings) -> None:
    ws = coach.workspace
    assert ws is not None
    thread = prepared(coach)
    ana, bob, mo, mia, sam = (ws.user(n) for n in ("ana", "bob", "mo", "mia", "sam"))
    ws.add_log_entry(ana, "weakness", f"I freeze in the {SECRET}")

    # Another protégé, with ana's thread id in hand.
    *_, last = chat_turn(coach, "bob", thread, "hello", [])
    assert last[0][-1]["content"] == "Sorry, that didn't work: That conversation is not yours."
    assert save_agenda(ws, settings, bob, thread, "bob's agenda", "", approve=True) == (
        "⚠️ That conversation is not yours."
    )
    assert agenda_view(ws, settings, bob, thread)[0] == ""
    assert set_shared(ws, bob, thread, True) == "⚠️ Nothing to share yet."
    assert export_files(ws, settings, bob, thread) == ([], "⚠️ Nothing to export yet.")
    assert add_log(ws, bob, "Strength", "x", "", ws.goals(ana)[0].id) == "⚠️ That goal is not yours."
    assert generate_for_protege(ws, bob, "ana", 8, BANK)[1] == "⚠️ Only mentors receive shared items."

    # Her mentor before she shares, another mentor, and staff.
    assert "Nothing shared with you yet" in shared_markdown(ws, mo)
    assert generate_for_protege(ws, mo, "ana", 8, BANK)[1] == (
        "⚠️ ana hasn't shared anything with you yet; try a topic instead."
    )
    assert generate_for_protege(ws, mia, "ana", 8, BANK) == ("", "⚠️ ana hasn't shared anything with you yet; "
                                                              "try a topic instead.")
    assert shared_markdown(ws, mia).startswith("_Nothing shared with you yet (bob)")
    assert overview_markdown(ws, ana) == "⚠️ Only program staff see the program overview."
    assert overview_markdown(ws, mo) == "⚠️ Only program staff see the program overview."
    staff_view = overview_markdown(ws, sam)
    assert "Approved agendas:** 1" in staff_view and "presenting" not in staff_view and SECRET not in staff_view
    with pytest.raises(AccessDenied):
        ws.register_thread(sam, thread)

    # She shares the agenda: her mentor sees it, and a set fitted to it, but never her log.
    assert set_shared(ws, ana, thread, True) == "Shared with mo. Untick to stop sharing at any time."
    assert "I want to get better at presenting to leadership" in shared_markdown(ws, mo)
    assert SECRET not in shared_markdown(ws, mo)
    questions, status = generate_for_protege(ws, mo, "ana", 8, BANK)
    assert len(questions.splitlines()) == 8 and status == "8 questions fitted to what ana shared with you."
    assert "I want to get better at presenting" not in shared_markdown(ws, mia)
    assert set_shared(ws, ana, thread, False) == "Private to you again."
    assert "presenting" not in shared_markdown(ws, mo)


def test_identity_comes_from_the_request_never_the_page(coach: CoachService, settings: Settings) -> None:
    ws = coach.workspace
    assert ws is not None
    assert current_user(None, settings, ws).name == "local"
    password = settings.model_copy(update={"auth": "password"})
    with pytest.raises(AccessDenied, match="sign in"):
        current_user(SimpleNamespace(username=None), password, ws)
    assert current_user(SimpleNamespace(username="mo"), password, ws).role == "mentor"
    header = settings.model_copy(update={"auth": "header"})
    with pytest.raises(AccessDenied, match="X-Forwarded-User"):
        current_user(SimpleNamespace(headers={}), header, ws)
    assert current_user(SimpleNamespace(headers={"x-forwarded-user": "newbie"}), header, ws).role == "protege"


def test_agenda_panel_edits_approves_and_exports(coach: CoachService, settings: Settings) -> None:
    ws = coach.workspace
    assert ws is not None
    thread, history = start_thread(coach, "ana")
    for message in PREP[:-1]:
        *_, last = chat_turn(coach, "ana", thread, message, history)
        history = last[0]
    ana = ws.user("ana")
    text, when, status, shared = agenda_view(ws, settings, ana, thread)
    assert "“I want to get better at presenting to leadership”" in text and status.startswith("**Draft**")
    assert (when, shared) == ("", False)
    edited = text + "\n7. Ask about the offsite (5 min)"
    # A time that can't be read, or has passed, never costs the edits (nor approves).
    assert save_agenda(ws, settings, ana, thread, edited, "sometime soonish", approve=True) == (
        "⚠️ Can't read the meeting time 'sometime soonish'; write it like 2026-12-03 10:00 or "
        "'next Tuesday 10am'. Your edits are saved; the meeting time is not.")
    assert agenda_view(ws, settings, ana, thread)[0] == edited
    assert agenda_view(ws, settings, ana, thread)[2].startswith("**Draft**")
    assert save_agenda(ws, settings, ana, thread, edited, "2020-01-06 10:00", approve=True).startswith(
        "⚠️ '2020-01-06 10:00' is in the past (2020-01-06 10:00)")
    from datetime import date

    meeting = f"{date.today().year + 1}-12-03 10:00"  # always to come, whenever the suite runs
    assert save_agenda(ws, settings, ana, thread, edited, meeting, approve=True).startswith("Approved")
    files, note = export_files(ws, settings, ana, thread)
    assert note == "Exported as Markdown and as a calendar event."
    assert [Path(f).name for f in files] == ["agenda.md", "agenda.ics"]
    # Recorded as hers: web_guard serves Gradio's cached copies to her alone.
    tag = owner_tag(server_secret(Path(settings.data_dir)), "ana")
    assert owners_of(settings, hash_file(files[0])) == {tag}
    assert Path(files[0]).read_text(encoding="utf-8") == edited + "\n"
    assert "BEGIN:VEVENT" in Path(files[1]).read_text(encoding="utf-8")
    assert agenda_view(ws, settings, ana, thread)[1] == meeting
    assert add_log(ws, ana, "Strength", "", "", None) == "⚠️ The log entry is empty."
    assert add_log(ws, ana, "Growth area", "I over-prepare slides", "three drafts last week", None) == (
        "Added to your log."
    )
    assert ws.log(ana)[0].kind == "weakness"


def test_cli_refuses_cross_user_access(coach: CoachService, settings: Settings) -> None:
    prepared(coach)
    assert coach.workspace is not None
    coach.workspace.add_log_entry(coach.workspace.user("ana"), "weakness", f"I freeze in the {SECRET}")
    runner = CliRunner()
    base = ["--data-dir", str(settings.data_dir), "--knowledge-dir", str(settings.knowledge_dir)]

    def run(*args: str) -> tuple[int, str]:
        result = runner.invoke(app, [*base, *args])
        return result.exit_code, result.output

    code, out = run("agenda", "show", "--user", "ana")
    assert code == 0 and "[approved]" in out and "presenting to leadership" in out
    for who in ("bob", "mia", "sam"):
        code, out = run("agenda", "show", "--user", "ana", "--as", who)
        assert code == 3 and "Refused" in out and "presenting" not in out, who
    code, out = run("agenda", "show", "--user", "ana", "--as", "mo")
    assert code == 1 and "no agenda shared with you" in out
    code, out = run("agenda", "export", "--user", "ana", "--format", "ics", "--as", "bob")
    assert code == 3 and "BEGIN:VCALENDAR" not in out
    code, out = run("questions", "--protege", "ana", "--as", "mia")
    assert code == 2 and "hasn't shared anything" in out
    code, out = run("questions", "--protege", "ana", "--as", "bob")
    assert code == 3 and "Refused: Only mentors receive shared items." in out
    code, out = run("overview", "--as", "ana")
    assert code == 3 and "Refused" in out
    code, out = run("share", "agenda:1", "--user", "bob")
    assert code == 3 and "not yours" in out
    code, out = run("share", "agenda:1", "--user", "ana")
    assert code == 0 and out.strip() == "Shared agenda:1 with mo."
    code, out = run("questions", "--protege", "ana", "--as", "mo", "--count", "8", "--format", "json")
    fitted = json.loads(out)
    assert code == 0 and len(fitted["questions"]) == 8
    # Fitted to the shared agenda's goal; the unshared log entry never reaches the mentor.
    assert fitted["topic"].startswith("what ana shared: I want to get better at presenting to leadership")
    assert SECRET not in out
    code, out = run("overview", "--as", "sam", "--json")
    assert code == 0 and json.loads(out)["agendas_approved"] == 1 and "presenting" not in out


def test_cli_people_and_data_requests(coach: CoachService, settings: Settings) -> None:
    prepared(coach)
    runner = CliRunner()
    base = ["--data-dir", str(settings.data_dir), "--knowledge-dir", str(settings.knowledge_dir)]

    def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
        result = runner.invoke(app, [*base, *args], input=stdin)
        return result.exit_code, result.output

    assert run("users", "add", "zoe", "--role", "boss")[0] == 2
    assert run("users", "add", "zoe", "--role", "mentor", "--password-stdin", stdin="short\n")[0] == 2
    assert run("users", "add", "zoe", "--role", "mentor", "--password-stdin", stdin="long enough pw\n") == (
        0, "Added zoe (mentor).\n"
    )
    assert run("pair", "ana", "zoe") == (0, "Paired ana with mentor zoe.\n")
    code, out = run("users", "list", "--json")
    assert {"name": "ana", "role": "protege", "mentor": "zoe"} in json.loads(out)
    code, out = run("export", "--user", "ana")
    data = json.loads(out)
    assert code == 0 and data["conversations"] and data["goals"][0]["text"].startswith("I want to get better")
    code, out = run("export", "--user", "ana", "--out", str(settings.data_dir / "missing" / "ana.json"))
    assert code == 2 and "cannot write" in out and "Traceback" not in out
    assert run("delete", "--user", "ana", stdin="n\n")[0] == 1  # asks first
    code, out = run("delete", "--user", "ana", "--yes")
    assert code == 0 and out.startswith("Deleted ana: 1 conversation(s)")
    assert run("export", "--user", "ana")[0] == 2
    assert run("delete", "--user", "nobody", "--yes")[0] == 2


def test_staff_run_the_suite_and_see_the_latest_report(coach: CoachService, settings: Settings) -> None:
    from assistant.ui.staff_tab import latest_run, run_evaluation, run_markdown

    ws = coach.workspace
    assert ws is not None
    assert run_markdown(latest_run(settings)).startswith("_No evaluation run yet.")
    assert run_evaluation(ws, settings, ws.user("ana")) == ("⚠️ Only program staff run the evaluation suite.", [])
    assert run_evaluation(ws, settings, ws.user("mo"))[1] == []
    text, files = run_evaluation(ws, settings, ws.user("sam"))
    assert [Path(f).name for f in files] == ["report.html", "summary.json"]
    assert "| reflection_to_question |" in text and "personas in" in text
    assert latest_run(settings) == Path(files[0]).parent
    assert run_markdown(latest_run(settings)) == text


def test_password_check_runs_off_the_event_loop(coach: CoachService) -> None:
    import asyncio

    from assistant.ui.identity import password_check

    ws = coach.workspace
    assert ws is not None
    ws.add_user("signin-ana", "protege", password="correct horse battery")
    check = password_check(ws)

    async def attempts() -> list[bool]:
        ticks = 0

        async def ticker() -> None:  # the loop stays free while Argon2 runs on its thread
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0.001)

        beat = asyncio.create_task(ticker())
        results = [await check("signin-ana", "correct horse battery"), await check("signin-ana", "wrong guess!"),
                   await check("nobody-here", "whatever it is")]
        beat.cancel()
        assert ticks > 3
        return results

    assert asyncio.run(attempts()) == [True, False, False]



def test_meeting_times_are_read_as_people_write_them() -> None:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from assistant.agenda import AgendaError, parse_when

    berlin = ZoneInfo("Europe/Berlin")
    now = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)  # a Sunday
    for text, expected in [("2026-12-03 10:00", "2026-12-03 09:00"), ("2026-12-03", "2026-12-03 09:00"),
                           ("next tuesday 10am", "2026-12-01 09:00"), ("3 Dec 10:00", "2026-12-03 09:00"),
                           ("tomorrow at 2pm", "2026-11-30 13:00")]:
        when = parse_when(text, berlin, now)
        assert when is not None and f"{when:%Y-%m-%d %H:%M}" == expected, text  # stored in UTC
    assert parse_when("  ", berlin, now) is None
    with pytest.raises(AgendaError, match="in the past"):
        parse_when("2026-11-01 10:00", berlin, now)
    with pytest.raises(AgendaError, match="Can't read"):
        parse_when("when the stars align", berlin, now)
