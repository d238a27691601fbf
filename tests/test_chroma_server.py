"""Scale-out: ingest and search through a real `chroma run` server on loopback."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.config import load_settings
from assistant.knowledge.ingest import ingest
from assistant.knowledge.retrieve import Retriever
from tests.guidance_fixture import write_corpus

pytestmark = pytest.mark.integration

CHROMA = Path(sys.executable).with_name("chroma")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def chroma_url(tmp_path: Path) -> Iterator[str]:
    exe = str(CHROMA) if CHROMA.exists() else shutil.which("chroma")
    if not exe:
        pytest.skip("the chroma CLI is not installed")
    port = _free_port()
    proc = subprocess.Popen(
        [exe, "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            pytest.fail("chroma server did not start within 60 s")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_ingest_and_search_through_a_chroma_server(chroma_url: str, tmp_path: Path) -> None:
    settings = load_settings(
        data_dir=tmp_path / "data", knowledge_dir=write_corpus(tmp_path / "guidance"), chroma_url=chroma_url
    )
    report = ingest(settings, progress=False)
    assert sorted(report.added) == ["grow.txt", "preparing.md", "program-handbook.md"]
    top = Retriever(settings).search("who books the meetings?", 2)[0]
    assert (top.source, top.section) == ("program-handbook.md", "Who schedules meetings")
    assert not (tmp_path / "data" / "chroma").exists()  # nothing written to an embedded store
    assert ingest(settings, progress=False).unchanged  # a second run finds the server's hashes


def test_unreachable_server_gets_a_clear_error(tmp_path: Path) -> None:
    from assistant.knowledge.store import KnowledgeError

    settings = load_settings(data_dir=tmp_path / "data", chroma_url=f"http://127.0.0.1:{_free_port()}")
    with pytest.raises(KnowledgeError, match="Cannot reach the Chroma server"):
        Retriever(settings)
