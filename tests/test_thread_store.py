"""Threads survive restarts, in SQLite by default and in a real PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.bootstrap import directive_check
from assistant.coach.service import CoachError, CoachService
from assistant.config import Settings, load_settings
from assistant.llm.offline import OfflineBackend
from assistant.records import Reply


def _service(settings: Settings) -> CoachService:
    return CoachService(settings, OfflineBackend(), None, directive_check)


def _say(service: CoachService, user: str, thread: str, text: str) -> Reply:
    *_, reply = service.respond(user, thread, text)
    assert isinstance(reply, Reply)
    return reply


def _round_trip(settings: Settings) -> None:
    first = _service(settings)
    _say(first, "ana", "t1", "I want to get better at presenting to leadership")
    _say(first, "bo", "t1", "I want to switch to product management")
    again = _service(settings)  # a new process, the same store
    history = again.history("ana", "t1")
    assert [t.content for t in history][:1] == ["I want to get better at presenting to leadership"]
    assert again.state("ana", "t1")["slots"]["goal"] == "get better at presenting to leadership"
    assert again.state("bo", "t1")["slots"]["goal"] == "switch to product management"  # same thread id, other user
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
        _service(settings)


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
