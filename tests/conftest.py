"""Shared fixtures: a clean environment per test, an indexed guidance corpus, a service."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.bootstrap import build_service
from assistant.coach.service import CoachService
from assistant.config import Settings, load_settings
from assistant.knowledge.ingest import ingest
from assistant.ui.app import build_ui, launch
from tests.fake_openai_server import FakeOpenAI
from tests.guidance_fixture import write_corpus

_ENV = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "COACH_BACKEND", "COACH_OPENAI_API_KEY", "COACH_OPENAI_BASE_URL",
        "COACH_RETRIEVAL", "COACH_EMBEDDING_MODEL", "COACH_MODEL", "COACH_TOP_K",
        "COACH_CHROMA_URL", "COACH_DATABASE_URL", "COACH_DATA_DIR", "COACH_KNOWLEDGE_DIR")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's own key or .env must never change what a test sees."""
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def indexed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One indexed copy of the fixture guidance for the whole session (embedding costs time)."""
    root = tmp_path_factory.mktemp("indexed")
    settings = load_settings(data_dir=root / "data", knowledge_dir=write_corpus(root / "guidance"))
    ingest(settings, progress=False)
    return root


@pytest.fixture
def offline_settings(indexed_dir: Path, tmp_path: Path) -> Settings:
    return load_settings(
        backend="offline",
        data_dir=tmp_path / "data",
        knowledge_dir=indexed_dir / "guidance",
        chroma_path=indexed_dir / "data" / "chroma",
        max_message_tokens=200,
    )


@pytest.fixture
def service(offline_settings: Settings) -> Iterator[CoachService]:
    yield build_service(offline_settings)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(service: CoachService, offline_settings: Settings) -> Iterator[str]:
    demo = build_ui(service, offline_settings)
    port = _free_port()
    launch(demo, offline_settings.model_copy(update={"port": port}), prevent_thread_lock=True, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()


@pytest.fixture
def signed_in_app(service: CoachService, offline_settings: Settings) -> Iterator[str]:
    """The app with password sign-in and three people: pia (protégé, paired with max),
    max (her mentor) and sue (staff), all with the password in tests.browser_support."""
    from tests.browser_support import PASSWORD

    ws = service.workspace
    assert ws is not None
    for name, role in (("pia", "protege"), ("max", "mentor"), ("sue", "staff")):
        ws.add_user(name, role, password=PASSWORD)
    ws.pair("pia", "max")
    settings = offline_settings.model_copy(update={"auth": "password", "port": _free_port()})
    demo = build_ui(service, settings)
    launch(demo, settings, ws, prevent_thread_lock=True, quiet=True)
    try:
        yield f"http://127.0.0.1:{settings.port}/"
    finally:
        demo.close()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server for the session; skipped where the system has none."""
    from tests.pg_server import PgServer, pg_bin

    bindir = pg_bin()
    if bindir is None:
        if os.environ.get("COACH_TEST_REQUIRE_SERVERS"):
            pytest.fail("PostgreSQL is required here (CI) but not installed; see scripts/ensure-system-deps.sh")
        pytest.skip("PostgreSQL is not installed (make test installs it through apt-get when root)")
    server = PgServer(bindir).start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def fresh_postgres_url(postgres_url: str) -> str:
    """An empty database of its own on the session's server, so tests never see each other's rows."""
    import uuid

    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return postgres_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    """A loopback OpenAI-compatible server that tests script."""
    server = FakeOpenAI().start()
    yield server
    server.stop()
