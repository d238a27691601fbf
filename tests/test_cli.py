"""The `coach` command: what a user types and what they see."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.coding.coder import code_utterance

runner = CliRunner()

SCRIPT = """I have a meeting with my mentor on Thursday and don't know what to talk about
I guess I want to get better at presenting to leadership
I'd be able to present without my voice shaking

Right now I avoid presenting, my manager does it for me
I get nervous and I don't prepare enough
I could ask to present a small update at the next team meeting, or practice with a friend
"""


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no stray .env, data written under tmp
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "COACH_BACKEND", "COACH_OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COACH_KNOWLEDGE_DIR", str(tmp_path / "no-guidance"))
    return tmp_path


def test_chat_script_prints_one_json_reply_per_message(env: Path) -> None:
    script = env / "prep.txt"
    script.write_text(SCRIPT, encoding="utf-8")
    result = runner.invoke(app, ["chat", "--script", str(script), "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 6
    for turn in lines:
        assert set(turn) >= {"text", "stage", "move", "citations"}
        coded = code_utterance(turn["text"])
        assert [c.code for c in coded.codes if c.code.startswith("question")] == ["question_open"]
        assert not coded.directive
    assert [t["stage"] for t in lines] == ["goal", "goal", "reality", "reality", "options", "will"]


def test_config_masks_secrets(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-1234567890abcdef")
    result = runner.invoke(app, ["config", "--json"])
    assert result.exit_code == 0, result.output
    values = json.loads(result.stdout)
    assert values["openai_api_key"] == "****cdef"
    assert values["backend"] == "openai"
    assert "sk-test" not in result.stdout


def test_offline_is_the_default_without_a_key(env: Path) -> None:
    values = json.loads(runner.invoke(app, ["config", "--json"]).stdout)
    assert values["backend"] == "offline"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--backend", "gpt5", "config"], "Unknown backend 'gpt5'; choose one of: offline, openai."),
        (["chat", "--script", "missing.txt"], "cannot read script missing.txt"),
        (["search", "   "], "the query is empty"),
    ],
)
def test_bad_input_gets_a_clear_message_not_a_traceback(
    env: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_binary_and_empty_scripts_are_refused(env: Path) -> None:
    (env / "bin.txt").write_bytes(b"\x89PNG\x00\x01")
    (env / "empty.txt").write_text("\n \n", encoding="utf-8")
    binary = runner.invoke(app, ["chat", "--script", "bin.txt"])
    empty = runner.invoke(app, ["chat", "--script", "empty.txt"])
    assert binary.exit_code == empty.exit_code == 2
    assert "looks like a binary file" in binary.output
    assert "has no messages" in empty.output


def test_missing_knowledge_dir_is_reported_by_ingest(env: Path) -> None:
    result = runner.invoke(app, ["ingest", "--quiet"])
    assert result.exit_code == 2
    assert "no-guidance" in result.output
    assert "Traceback" not in result.output


def test_ingest_then_search_json_ranks_passages_with_source_and_section(env: Path) -> None:
    from tests.guidance_fixture import write_corpus

    corpus = write_corpus(env / "guidance")
    first = runner.invoke(app, ["--knowledge-dir", str(corpus), "ingest", "--quiet"])
    assert first.exit_code == 0, first.output
    assert "3 added, 0 updated, 0 unchanged, 0 removed, 0 failed" in first.output
    again = runner.invoke(app, ["--knowledge-dir", str(corpus), "ingest", "--if-needed"])
    assert again.output.strip() == "Guidance index is up to date."
    result = runner.invoke(app, ["--knowledge-dir", str(corpus), "search", "who books our meetings?", "--json"])
    assert result.exit_code == 0, result.output
    passages = json.loads(result.stdout)
    assert [p["rank"] for p in passages] == list(range(1, len(passages) + 1))
    assert set(passages[0]) == {"rank", "text", "source", "section", "score", "page"}
    assert (passages[0]["source"], passages[0]["section"]) == ("program-handbook.md", "Who schedules meetings")


def test_ingest_reports_bad_files_and_exits_non_zero(env: Path) -> None:
    from tests.guidance_fixture import minimal_pdf

    folder = env / "upload"
    folder.mkdir()
    note = "# Notes\n\n## Parking\nVisitors park in lot B behind the building."
    (folder / "ok.md").write_text(note, encoding="utf-8")
    (folder / "policy.pdf").write_bytes(minimal_pdf(["Mentoring pairs may request a rematch at any time."]))
    (folder / "legacy.txt").write_bytes("Caf\xe9 meetings are reimbursed up to ten euros per month.".encode("latin-1"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.7 truncated")
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = runner.invoke(app, ["ingest", "--quiet", str(folder)])
    assert result.exit_code == 1
    assert "3 added, 0 updated, 0 unchanged, 0 removed, 3 failed" in result.output
    assert "note: legacy.txt: not UTF-8; read as Windows-1252 (Latin-1)" in result.output
    assert "failed: empty.txt: the file is empty" in result.output
    assert "failed: corrupt.pdf: not a readable PDF" in result.output
    assert "failed: logo.png: unsupported file type .png" in result.output
    again = runner.invoke(app, ["ingest", "--quiet", str(folder)])
    assert "0 added, 0 updated, 3 unchanged, 0 removed, 3 failed (0 passages embedded)" in again.output


def test_search_without_an_index_says_what_to_do(env: Path) -> None:
    result = runner.invoke(app, ["search", "how often do we meet"])
    assert result.exit_code == 2
    assert "The guidance index is empty. Run `coach ingest`" in result.output


def test_huge_message_in_a_script_is_cut_with_a_notice(env: Path) -> None:
    script = env / "huge.txt"
    script.write_text("I want to grow as a leader. " * 30_000 + "\n", encoding="utf-8")
    result = runner.invoke(app, ["chat", "--script", str(script), "--json"])
    assert result.exit_code == 0, result.output
    (turn,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert turn["notices"] == [
        "Your message was long, so I read the first 1500 tokens (roughly the first few pages) only."
    ]


def test_unknown_retrieval_strategy_is_refused(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_RETRIEVAL", "magic")
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 2
    assert "retrieval: Unknown retrieval 'magic'; choose one of: mmr, vector, hybrid." in result.output


def test_a_returning_protege_is_asked_about_last_time_first(env: Path) -> None:
    (env / "first.txt").write_text("I want to lead my team's retro\nI'll ask Sam for the retro notes by Friday\n")
    assert runner.invoke(app, ["chat", "--user", "ana", "--script", "first.txt", "--json"]).exit_code == 0
    (env / "second.txt").write_text("I did, Sam sent them on Thursday\n")
    result = runner.invoke(app, ["chat", "--user", "ana", "--script", "second.txt", "--json"])
    opening, reply = [json.loads(line) for line in result.stdout.splitlines()]
    assert opening["move"] == "checkin_opening"
    assert "last time you said you'd ask Sam for the retro notes by Friday" in opening["text"]
    assert "You followed through on it." in reply["text"]
    text_mode = runner.invoke(app, ["chat", "--user", "bo", "--script", "second.txt"])
    assert "coach> Hi! I'm here to help you get ready" in text_mode.stdout  # newcomers get the greeting
