"""The workspace store, run twice: on SQLite and on a real PostgreSQL server.

Covers the issue's promises: an approved agenda in the protégé's words that exports to
Markdown and to an .ics that parses back; the next thread opening with open commitments;
every cross-user access refused in the data layer; hard deletion leaving nothing behind.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import text

from assistant.agenda import AgendaError, parse_when, to_ics, to_markdown, zone
from assistant.bootstrap import directive_check, open_workspace
from assistant.coach.service import CoachError, CoachService
from assistant.config import Settings, load_settings
from assistant.data_rights import delete_user, export_user
from assistant.llm.offline import OfflineBackend
from assistant.records import Reply
from assistant.store.people import AccessDenied, StoreInputError
from assistant.store.workspace import Workspace
from tests.prep_script import PREP_SCRIPT

PREP = [*PREP_SCRIPT, "looks good"]
TABLES = ("threads", "goals", "commitments", "log_entries", "agendas", "shares", "flags", "pairings")


@pytest.fixture(params=["sqlite", "postgres"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    url = request.getfixturevalue("fresh_postgres_url") if request.param == "postgres" else None
    return load_settings(data_dir=tmp_path / "data", database_url=url, max_message_tokens=200)


@pytest.fixture
def ws(settings: Settings) -> Iterator[Workspace]:
    workspace = open_workspace(settings)
    workspace.add_user("ana", "protege")
    workspace.add_user("bob", "protege")
    workspace.add_user("mo", "mentor")
    workspace.add_user("mia", "mentor")
    workspace.add_user("sam", "staff", password="correct horse")
    workspace.pair("ana", "mo")
    yield workspace
    workspace.engine.dispose()


@pytest.fixture
def coach(settings: Settings, ws: Workspace) -> CoachService:
    return CoachService(settings, OfflineBackend(), None, directive_check, workspace=ws)


def say(coach: CoachService, user: str, thread: str, message: str) -> Reply:
    events = list(coach.respond(user, thread, message))
    assert isinstance(events[-1], Reply)
    return events[-1]


def prepare(coach: CoachService, user: str = "ana") -> str:
    thread, _ = coach.open_thread(user)
    for message in PREP:
        say(coach, user, thread, message)
    return thread


def test_migrations_match_the_models_and_are_idempotent(ws: Workspace) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from assistant.store.db import upgrade
    from assistant.store.models import Base

    upgrade(ws.engine)  # a second run changes nothing and does not fail
    with ws.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0003"


def test_people_roles_and_passwords(ws: Workspace) -> None:
    assert ws.has_logins()
    assert ws.authenticate("sam", "correct horse") == ws.user("sam")
    assert ws.authenticate("sam", "wrong horse!") is None
    assert ws.authenticate("ana", "") is None  # no password: no web login
    assert ws.authenticate("nobody", "correct horse") is None
    with pytest.raises(StoreInputError, match="already exists"):
        ws.add_user("ana", "protege")
    with pytest.raises(StoreInputError, match="Unknown role"):
        ws.add_user("eve", "admin")
    with pytest.raises(StoreInputError, match="Invalid user name"):
        ws.add_user("eve smith", "protege")
    with pytest.raises(StoreInputError, match="at least 8"):
        ws.add_user("eve", "protege", password="short")
    with pytest.raises(StoreInputError, match="Pair a protégé with a mentor"):
        ws.pair("mo", "ana")
    assert ws.ensure_user("ana", "mentor").role == "protege"  # existing users keep their role
    assert [u.name for u in ws.users()] == ["ana", "bob", "mia", "mo", "sam"]


def test_scripted_preparation_ends_with_an_approved_agenda_in_the_proteges_words(
    coach: CoachService, ws: Workspace, settings: Settings
) -> None:
    thread = prepare(coach)
    ana = ws.user("ana")
    agenda = ws.latest_agenda(ana)
    assert agenda is not None and agenda.status == "approved" and agenda.thread_id == thread
    for words in (
        "“I want to get better at presenting to leadership”",
        "“I'd be able to present without my voice shaking”",
        "“Right now I avoid presenting, my manager does it for me”",
        "“how she got comfortable presenting to executives”",
        "“ask my manager on Friday if I can present the update”",
    ):
        assert words in agenda.markdown
    assert [g.text for g in ws.goals(ana)] == ["I want to get better at presenting to leadership"]

    with pytest.raises(AgendaError, match="no meeting time"):
        to_ics(agenda)
    meeting = parse_when("2026-12-03 10:00", zone("Europe/Berlin"), now=datetime(2026, 11, 1, tzinfo=UTC))
    agenda = ws.save_agenda(ana, thread, agenda.markdown, meeting_at=meeting, approve=True, edited=False)
    markdown = to_markdown(agenda)
    calendar = Calendar.from_ical(to_ics(agenda))
    [event] = calendar.walk("VEVENT")
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    assert str(event["DESCRIPTION"]) == markdown
    assert event.decoded("DTSTART") == datetime(2026, 12, 3, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
    assert (event.decoded("DTEND") - event.decoded("DTSTART")).total_seconds() == 50 * 60  # the time boxes
    assert str(event["SUMMARY"]) == "Mentor meeting: I want to get better at presenting to leadership"
    assert str(event["STATUS"]) == "CONFIRMED" and event["UID"] and event["DTSTAMP"]


def test_a_change_in_the_chat_after_approval_reopens_the_stored_agenda(coach: CoachService, ws: Workspace) -> None:
    thread = prepare(coach)
    ana = ws.user("ana")
    say(coach, "ana", thread, "looks good")
    assert ws.latest_agenda(ana).status == "approved"  # type: ignore[union-attr]
    say(coach, "ana", thread, "idk")  # neither a change nor kept as one
    say(coach, "ana", thread, "can u add asking if i can shadow her next board meeting")
    stored = ws.latest_agenda(ana)
    assert stored is not None and stored.status == "draft" and "shadow her next board meeting" in stored.markdown
    assert "Changes I asked for" not in stored.markdown
    say(coach, "ana", thread, "yes that's it")
    stored = ws.latest_agenda(ana)
    assert stored is not None and stored.status == "approved" and "shadow her next board meeting" in stored.markdown


def test_editing_the_agenda_by_hand_keeps_the_edit(coach: CoachService, ws: Workspace) -> None:
    thread = prepare(coach)
    ana = ws.user("ana")
    edited = ws.save_agenda(ana, thread, "1. My own order of things (20 min)")
    assert edited.markdown == "1. My own order of things (20 min)"
    after = say(coach, "ana", thread, "thanks!")  # a later turn's sync must not overwrite the edit
    # Thanks after approving: a goodbye, no further question, and the agenda as they left it.
    assert after.text.startswith("Your agenda is approved and saved") and after.text.count("?") == 0
    latest = ws.latest_agenda(ana)
    assert latest is not None and latest.markdown == "1. My own order of things (20 min)"
    with pytest.raises(StoreInputError, match="empty"):
        ws.save_agenda(ana, thread, "   ")
    with pytest.raises(StoreInputError, match="too long"):
        ws.save_agenda(ana, thread, "x" * 20_001)


def test_next_thread_opens_with_open_commitments_and_records_outcomes(coach: CoachService, ws: Workspace) -> None:
    first = prepare(coach)
    ana = ws.user("ana")
    [commitment] = ws.commitments(ana, open_only=True)
    assert commitment.text == "ask my manager on Friday if I can present the update"
    assert commitment.due == "on Friday" and commitment.thread_id == first
    ws.add_commitment(ana, first, "practice with a friend", "by next week")

    second, opening = coach.open_thread("ana")
    assert opening.startswith("Welcome back!")
    assert "ask your manager on Friday if you can present the update" in opening
    assert coach.history("ana", second)[0].content == opening  # the opening is part of the thread
    r1 = say(coach, "ana", second, "I did, she said yes and I present next month")
    assert "“practice with a friend (by next week)”" in r1.text
    r2 = say(coach, "ana", second, "hmm, so-so")
    assert "done, partly done, not yet, or dropped" in r2.text  # we can't tell, so we ask once
    say(coach, "ana", second, "not yet, no time this week")
    by_text = {c.text: c for c in ws.commitments(ana)}
    assert by_text["ask my manager on Friday if I can present the update"].status == "done"
    assert by_text["ask my manager on Friday if I can present the update"].reflection == (
        "I did, she said yes and I present next month"
    )
    assert by_text["practice with a friend"].status == "not_yet"
    assert by_text["practice with a friend"].reflection == "hmm, so-so not yet, no time this week"
    # A third thread asks again about what is still open, and only that.
    _, third = coach.open_thread("ana")
    assert "practice with a friend" in third and "manager" not in third
    # The next agenda's catch-up carries the outcomes in their words.
    for message in PREP[1:]:
        say(coach, "ana", second, message)
    agenda = next(a for a in ws.agendas(ana) if a.thread_id == second)
    assert "“ask my manager on Friday if I can present the update”, done: “I did, she said yes" in agenda.markdown


def test_strengths_log_links_goals_and_stays_private(coach: CoachService, ws: Workspace) -> None:
    prepare(coach)
    ana, bob = ws.user("ana"), ws.user("bob")
    [goal] = ws.goals(ana)
    entry = ws.add_log_entry(ana, "strength", "I explain complex things simply", "the onboarding doc", goal.id)
    assert entry.goal == goal.text
    assert [e.text for e in ws.log(ana)] == ["I explain complex things simply"]
    with pytest.raises(AccessDenied):
        ws.add_log_entry(bob, "weakness", "x", goal_id=goal.id)  # someone else's goal
    with pytest.raises(StoreInputError, match="Unknown log kind"):
        ws.add_log_entry(ana, "hobby", "x")


def test_every_cross_user_access_is_refused(coach: CoachService, ws: Workspace) -> None:
    thread = prepare(coach)
    say(coach, "ana", thread, "I don't want to live anymore")  # a safety flag for staff
    ana, bob, mo, mia, sam = (ws.user(n) for n in ("ana", "bob", "mo", "mia", "sam"))
    [goal] = ws.goals(ana)
    [commitment] = ws.commitments(ana)
    agenda = ws.latest_agenda(ana)
    assert agenda is not None

    # Another protégé: not her thread, not her items, not through the coach either.
    with pytest.raises(CoachError, match="not yours"):
        coach.state("bob", thread)
    with pytest.raises(CoachError, match="not yours"):
        list(coach.respond("bob", thread, "hello"))
    with pytest.raises(AccessDenied):
        ws.register_thread(bob, thread)
    for read in (ws.goals, ws.commitments, ws.log, ws.agendas, ws.latest_agenda):
        with pytest.raises(AccessDenied):
            read(bob, "ana")
    with pytest.raises(AccessDenied):
        ws.save_agenda(bob, thread, "mine now")
    with pytest.raises(AccessDenied):
        ws.review_commitment(bob, commitment.id, "done")
    with pytest.raises(AccessDenied):
        ws.share(bob, "goal", goal.id)
    with pytest.raises(AccessDenied):
        ws.shared_with(bob)

    # Her mentor sees nothing until she shares, item by item, and nothing once revoked.
    assert ws.goals(mo, "ana") == [] and ws.agendas(mo, "ana") == [] and ws.shared_with(mo) == []
    with pytest.raises(AccessDenied):
        ws.register_thread(mo, thread)  # transcripts are never shared
    assert ws.share(ana, "agenda", agenda.id) == mo
    assert [a.id for a in ws.agendas(mo, "ana")] == [agenda.id]
    assert ws.goals(mo, "ana") == [] and ws.commitments(mo, "ana") == []
    assert [i.item_type for i in ws.shared_with(mo)] == ["agenda"]
    ws.revoke(ana, "agenda", agenda.id)
    assert ws.agendas(mo, "ana") == [] and ws.shared_with(mo) == []
    # Another mentor, and her mentor after she is re-paired, see nothing.
    with pytest.raises(AccessDenied):
        ws.goals(mia, "ana")
    ws.share(ana, "goal", goal.id)
    ws.pair("ana", "mia")
    with pytest.raises(AccessDenied):
        ws.goals(mo, "ana")
    assert ws.shared_with(mo) == [] and ws.goals(mia, "ana") == []

    # Staff: figures and flags, never words.
    with pytest.raises(AccessDenied):
        ws.register_thread(sam, thread)
    for read in (ws.goals, ws.commitments, ws.log, ws.agendas):
        with pytest.raises(AccessDenied):
            read(sam, "ana")
    view = ws.overview(sam)
    assert view.users == {"protege": 2, "mentor": 2, "staff": 1} and view.agendas_approved == 1
    assert [(f.owner, f.severity, f.reason) for f in view.flags] == [("ana", "crisis", "suicidal ideation")]
    assert "live" not in repr(view) and "presenting" not in repr(view)
    for who in (ana, mo):
        with pytest.raises(AccessDenied):
            ws.overview(who)


def test_export_holds_everything_and_no_credentials(coach: CoachService, ws: Workspace) -> None:
    thread = prepare(coach)
    data = export_user(coach, ws, "ana")
    assert data["user"]["name"] == "ana" and "password_hash" not in data["user"] and data["mentor"] == "mo"
    assert [t["id"] for t in data["threads"]] == [thread]
    assert data["conversations"][thread][0]["content"] == PREP[0]
    assert len(data["conversations"][thread]) == 2 * len(PREP)
    assert data["goals"][0]["text"] == "I want to get better at presenting to leadership"
    assert data["agendas"][0]["status"] == "approved" and data["commitments"][0]["status"] == "open"


def test_delete_leaves_no_row_and_no_file_with_the_users_data(
    coach: CoachService, ws: Workspace, settings: Settings
) -> None:
    marker = "zanzibar-quokka-presentation"
    thread, _ = coach.open_thread("ana")
    for message in (f"I want to get better at the {marker}", "I'd be calm", "I'll rehearse by Friday"):
        say(coach, "ana", thread, message)
    ana = ws.user("ana")
    ws.add_log_entry(ana, "strength", f"good at {marker}")
    keep = prepare(coach, "bob")  # another protégé's data must survive
    exports = Path(settings.data_dir) / "exports" / "ana"
    exports.mkdir(parents=True)
    (exports / "agenda.ics").write_text(marker)

    done = delete_user(coach, ws, settings, "ana")
    assert done.threads == 1 and done.files == 1
    with pytest.raises(StoreInputError):
        ws.user("ana")
    with ws.engine.connect() as conn:
        for table in TABLES:
            rows = conn.execute(text(f"SELECT * FROM {table}")).all()
            assert all(marker not in repr(r) for r in rows), table
        assert conn.execute(text("SELECT count(*) FROM users WHERE name = 'ana'")).scalar() == 0
        if ws.engine.dialect.name == "postgresql":
            left = conn.execute(text("SELECT count(*) FROM checkpoints WHERE thread_id LIKE 'ana/%'")).scalar()
            writes = conn.execute(text("SELECT count(*) FROM checkpoint_writes WHERE thread_id LIKE 'ana/%'"))
            assert left == 0 and writes.scalar() == 0
            # Dead rows are vacuumed at once (plain VACUUM: it does not lock the app out).
            vacuumed = conn.execute(
                text("SELECT count(*) FROM pg_stat_user_tables WHERE relname IN ('checkpoints', 'threads', 'goals') "
                     "AND last_vacuum IS NOT NULL")
            ).scalar()
            assert vacuumed == 3
    for path in Path(settings.data_dir).rglob("*"):
        if path.is_file():
            assert marker.encode() not in path.read_bytes(), path
    assert not exports.exists()
    assert coach.history("bob", keep)[0].content == PREP[0]
