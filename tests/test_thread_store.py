"""Threads survive restarts, in SQLite by default and in a real PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.bootstrap import build_service, directive_check
from assistant.coach.service import CoachError, CoachService
from assistant.config import Settings, load_settings
from assistant.llm.offline import OfflineBackend
from assistant.records import Reply


def _service(settings: Settings) -> CoachService:
    """The coach as the product runs it: the thread store and the workspace (which owns the
    goal, agenda and commitments) both on the configured database."""
    return build_service(settings, backend=OfflineBackend())


def _say(service: CoachService, user: str, thread: str, text: str) -> Reply:
    *_, reply = service.respond(user, thread, text)
    assert isinstance(reply, Reply)
    return reply


def _round_trip(settings: Settings) -> None:
    first = _service(settings)
    _say(first, "ana", "t1", "I want to get better at presenting to leadership")
    _say(first, "bo", "t2", "I want to switch to product management")
    again = _service(settings)  # a new process, the same store
    history = again.history("ana", "t1")
    assert [t.content for t in history][:1] == ["I want to get better at presenting to leadership"]
    assert again.state("ana", "t1")["slots"]["goal"] == "get better at presenting to leadership"
    assert again.state("bo", "t2")["slots"]["goal"] == "switch to product management"
    with pytest.raises(CoachError, match="not yours"):
        again.state("bo", "t1")  # her thread is hers after a restart too
    reply = _say(again, "ana", "t1", "I'd be able to present without my voice shaking")
    assert reply.stage == "reality"


def test_sqlite_thread_store_survives_a_restart(tmp_path: Path) -> None:
    _round_trip(load_settings(data_dir=tmp_path / "data"))
    assert (tmp_path / "data" / "threads.sqlite").is_file()


@pytest.mark.integration
def test_postgres_thread_store_survives_a_restart(tmp_path: Path, postgres_url: str) -> None:
    _round_trip(load_settings(data_dir=tmp_path / "data", database_url=postgres_url))
    assert not (tmp_path / "data" / "threads.sqlite").exists()


def test_unreachable_postgres_gets_a_clear_error(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, database_url="postgresql://coach:secret@127.0.0.1:1/coach")
    with pytest.raises(CoachError, match=r"Cannot open the thread store at postgresql://coach:\*\*\*\*@127.0.0.1:1/coach"):
        CoachService(settings, OfflineBackend(), None, directive_check)


def _long_thread(settings: Settings) -> CoachService:
    service = _service(settings)
    for i in range(12):
        _say(service, "ana", "long", f"I want to get better at presenting to leadership (part {i})")
    return service


def _assert_whole(service: CoachService) -> None:
    said = [t.content for t in service.history("ana", "long") if t.role == "user"]
    assert said == [f"I want to get better at presenting to leadership (part {i})" for i in range(12)]


def test_sqlite_keeps_one_checkpoint_per_thread_and_the_whole_conversation(tmp_path: Path) -> None:
    import sqlite3

    settings = load_settings(data_dir=tmp_path / "data")
    _assert_whole(_long_thread(settings))
    with sqlite3.connect(tmp_path / "data" / "threads.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM checkpoints WHERE thread_id = 'ana/long'").fetchone() == (1,)
    again = _service(settings)  # a restart reads the one checkpoint and goes on
    _assert_whole(again)
    _say(again, "ana", "long", "Success would be staying calm in the Q&A")
    assert len(again.history("ana", "long")) == 26


@pytest.mark.integration
def test_postgres_keeps_one_checkpoint_per_thread_and_the_whole_conversation(tmp_path: Path,
                                                                              fresh_postgres_url: str) -> None:
    import psycopg

    settings = load_settings(data_dir=tmp_path / "data", database_url=fresh_postgres_url)
    _assert_whole(_long_thread(settings))
    with psycopg.connect(fresh_postgres_url) as db:
        (checkpoints,) = db.execute("SELECT COUNT(*) FROM checkpoints WHERE thread_id = 'ana/long'").fetchone()
        (blobs,) = db.execute("SELECT COUNT(*) FROM checkpoint_blobs WHERE thread_id = 'ana/long'").fetchone()
        (channels,) = db.execute("SELECT COUNT(DISTINCT channel) FROM checkpoint_blobs WHERE thread_id = 'ana/long'"
                                 ).fetchone()
    assert checkpoints == 1
    assert blobs == channels  # one version of each channel: the newest's
    _assert_whole(_service(settings))


#: Ordinary messages after the preparation, to make the thread long (a protégé who keeps talking).
_MORE = ["That looks right to me", "I also keep thinking about how to handle questions from the VP",
         "Maybe I could rehearse the Q&A with a colleague", "I'm a bit worried about time",
         "What else should I think about?", "ok", "I think that's it for now"]


def test_a_long_thread_keeps_its_goal_agenda_and_commitments_only_in_the_workspace(tmp_path: Path) -> None:
    """200 turns: the goal, the agenda and the commitments are written to the workspace and to
    no checkpoint; deleting the person removes them with the workspace's rows alone (the
    checkpointer holds only the transcript and the coach's working memory)."""
    from assistant.data_rights import delete_user
    from tests.prep_script import PREP_SCRIPT

    settings = load_settings(data_dir=tmp_path / "data")
    service = _service(settings)
    script = [*PREP_SCRIPT, "Looks good, approved"]
    script += [_MORE[i % len(_MORE)] for i in range(200 - len(script))]
    for text in script:
        _say(service, "ana", "long", text)
    ws = service.workspace
    assert ws is not None
    ana = ws.user("ana")
    (goal,) = ws.goals(ana, "ana")
    assert goal.text == "I want to get better at presenting to leadership"
    assert [c.text for c in ws.commitments(ana, "ana")] == ["ask my manager on Friday if I can present the update"]
    agenda = ws.latest_agenda(ana, "ana")
    assert agenda is not None and agenda.status == "approved"

    checkpoint = service._graph.get_state(service._config("ana", "long")).values  # the checkpoint alone
    assert len(checkpoint["messages"]) == 400
    assert "goal" not in checkpoint["slots"] and checkpoint["slots"]["reality"]  # their words stay
    kept = {key: checkpoint.get(key) for key in ("agenda", "agenda_items", "agenda_edits", "agenda_approved",
                                                 "commitments", "goal_is_verb")}
    assert kept == {"agenda": "", "agenda_items": [], "agenda_edits": [], "agenda_approved": False,
                    "commitments": [], "goal_is_verb": False}
    # The coach still sees them, from the workspace.
    view = service.state("ana", "long")
    assert view["slots"]["goal"] == "get better at presenting to leadership" and view["agenda_approved"]
    assert view["stage"] == "done"

    delete_user(service, ws, settings, "ana")
    assert service._graph.get_state(service._config("ana", "long")).values == {}
    with pytest.raises(Exception, match="ana"):
        ws.user("ana")


def test_a_thread_checkpointed_before_the_records_moved_hands_them_over_on_its_next_turn(tmp_path: Path) -> None:
    service = _service(load_settings(data_dir=tmp_path / "data"))
    service.state("ana", "old")  # the thread is hers
    # As an older version stored it: the goal and a commitment in the checkpoint, not in the workspace.
    legacy = {"slots": {"goal": "lead the Q3 launch", "reality": "we slipped twice"}, "goal_is_verb": True,
              "commitments": [{"text": "book a slot with Sam", "due": ""}], "stage": "reality", "turn": 1,
              "messages": [{"role": "user", "content": "I want to lead the Q3 launch"},
                           {"role": "assistant", "content": "What's happening now with it?"}]}
    service._graph.update_state(service._config("ana", "old"), legacy, as_node="persist")
    _say(service, "ana", "old", "I get nervous when the VP asks questions")
    ws = service.workspace
    assert ws is not None
    ana = ws.user("ana")
    assert [g.text for g in ws.goals(ana, "ana")] == ["I want to lead the Q3 launch"]
    assert "book a slot with Sam" in [c.text for c in ws.commitments(ana, "ana")]
    checkpoint = service._graph.get_state(service._config("ana", "old")).values
    assert "goal" not in checkpoint["slots"] and checkpoint["commitments"] == []


def test_a_records_store_that_fails_after_the_turn_costs_no_reply(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    service = CoachService(load_settings(data_dir=tmp_path / "data"), OfflineBackend(), None, directive_check)
    store = service._records
    calls: list[str] = []

    def load_once(user_id: str, thread_id: str) -> dict[str, object]:
        calls.append(thread_id)
        if len(calls) > 1:
            raise OSError("database is down")
        return {}

    monkeypatch.setattr(store, "load", load_once)
    reply = _say(service, "ana", "t1", "I want to get better at presenting to leadership")
    assert reply.text.endswith("?") and reply.move != "notice"
    assert len(calls) == 2  # the turn's own read, then the one that failed after it


def test_a_workspace_that_fails_after_the_turn_is_told_plainly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    service = _service(load_settings(data_dir=tmp_path / "data"))
    ws = service.workspace
    assert ws is not None

    def down(*args: object) -> None:
        raise OSError("could not connect to postgresql://coach:hunter2@db:5432/coach")

    monkeypatch.setattr(ws, "record_checkins", down)
    reply = _say(service, "ana", "t1", "I want to get better at presenting to leadership")
    assert reply.text.endswith("?")  # answered
    assert reply.notices == ["Your conversation is saved, but your workspace could not be updated just now; "
                             "it will be with your next message."]  # never the database's own words
