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
