"""`coach eval`: the contract other tools depend on, and the one-command report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def test_code_jsonl_writes_one_line_per_input(env: Path) -> None:
    (env / "in.jsonl").write_text(
        '{"id": "a", "text": "Have you considered asking your manager?"}\n'
        "\n"
        '{"id": "b", "text": "It sounds like this matters to you. What would success look like?"}\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["eval", "code", "in.jsonl"])
    assert result.exit_code == 0, result.output
    a, b = (json.loads(line) for line in result.stdout.splitlines())
    assert (a["id"], a["code"], a["directive"]) == ("a", "persuade", True)
    assert a["cues"] == ['persuade: advice as a question: "Have you considered"']
    assert (b["id"], b["code"], b["directive"]) == ("b", "question_open", False)
    assert [c["code"] for c in b["codes"]] == ["reflection_complex", "question_open"]


def test_code_csv_uses_text_and_id_columns(env: Path) -> None:
    rows_in = "id,text\nq1,Why don't you just quit?\nq2,What matters most to you?\n"
    (env / "in.csv").write_text(rows_in, encoding="utf-8")
    result = runner.invoke(app, ["eval", "code", "in.csv"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["id"], r["directive"]) for r in rows] == [("q1", True), ("q2", False)]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.jsonl", b'{"id": 1, "text": "ok"}\n{not json}\n', "bad.jsonl, line 2: not valid JSON"),
        ("notext.jsonl", b'{"id": 1, "body": "x"}\n', 'line 1: expected an object with a "text" string'),
        ("cols.csv", b"id,utterance\n1,hello\n", "has no 'text' column (columns: id, utterance)"),
        ("bin.jsonl", b"\x00\x01\x02", "looks like a binary file"),
        ("latin.csv", "text\ncaf\xe9\n".encode("latin-1"), "is not UTF-8 text"),
        ("empty.jsonl", b"\n\n", "has no utterances"),
    ],
)
def test_code_bad_input_gets_a_clear_message(env: Path, name: str, content: bytes, message: str) -> None:
    (env / name).write_bytes(content)
    result = runner.invoke(app, ["eval", "code", name])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_unknown_coder_and_persona_are_refused(env: Path) -> None:
    (env / "in.jsonl").write_text('{"text": "hi"}\n', encoding="utf-8")
    assert "unknown coder 'gpt'" in runner.invoke(app, ["eval", "code", "in.jsonl", "--coder", "gpt"]).output
    result = runner.invoke(app, ["eval", "run", "--personas", "nobody", "--quiet"])
    assert result.exit_code == 2 and "nobody" in result.output


def test_run_writes_four_reports_and_compare_reads_them(env: Path) -> None:
    from tests.guidance_fixture import write_corpus

    corpus = write_corpus(env / "guidance")
    args = ["--knowledge-dir", str(corpus), "eval", "run", "--personas", "logistics-asker,distressed", "--quiet"]
    first = runner.invoke(app, [*args, "--out", "run-a"])
    assert "2 personas (scripted protégés), backend offline" in first.output, first.output
    for name in ("results.jsonl", "summary.json", "report.html", "junit.xml"):
        assert (env / "run-a" / name).is_file()
    summary = json.loads((env / "run-a" / "summary.json").read_text(encoding="utf-8"))
    assert set(summary["personas"]) == {"logistics-asker", "distressed"}
    assert summary["personas"]["distressed"]["passed"] is True
    assert first.exit_code == (0 if summary["passed"] else 1)
    runner.invoke(app, [*args, "--out", "run-b", "--seed", "1"])
    compared = runner.invoke(app, ["eval", "compare", "run-a", "run-b"])
    assert compared.exit_code == 0
    assert "same  directive_turns" in compared.output
    missing = runner.invoke(app, ["eval", "compare", "run-a", "nowhere"])
    assert missing.exit_code == 2 and "has no summary.json" in missing.output


def test_offline_engine_passes_every_gate_on_all_personas(env: Path) -> None:
    """The CI gate: the built-in coach prompts rather than directs, by the suite's own numbers."""
    from tests.guidance_fixture import write_corpus

    corpus = write_corpus(env / "guidance")
    result = runner.invoke(app, ["--knowledge-dir", str(corpus), "eval", "run", "--quiet", "--out", "gate"])
    summary = json.loads((env / "gate" / "summary.json").read_text(encoding="utf-8"))
    failing = [t["metric"] for t in summary["thresholds"] if not t["passed"]]
    failing += [pid for pid, info in summary["personas"].items() if not info["passed"]]
    assert failing == [], result.output
    assert result.exit_code == 0
    assert len(summary["personas"]) >= 14
    assert summary["overall"]["directive_turns"] == 0


def test_a_directive_assistant_fails_the_suite(tmp_path: Path) -> None:
    """With the guard off, a backend that gives advice must be caught by the eval itself."""
    from typing import Any

    from assistant.coach.reply_check import ReplyChecks
    from assistant.coach.service import CoachService
    from assistant.config import load_settings
    from assistant.llm.scripted import ScriptedBackend
    from eval.personas import load_personas
    from eval.runner import run_suite

    def make() -> CoachService:
        backend = ScriptedBackend(["You should ask your manager for a stretch project. Try it this week."])
        backend.name = "openai"
        unguarded = lambda text: (False, [])  # noqa: E731 - the point is to let advice through

        class NoChecks(ReplyChecks):
            def problems(self, *args: Any, **kwargs: Any) -> list[str]:
                return []

        return CoachService(load_settings(data_dir=tmp_path / "d"), backend, None, unguarded, checks=NoChecks())

    personas = load_personas(only=["career-switcher", "reticent-junior"])
    result = run_suite(make, personas, tmp_path / "run", backend="scripted", progress=False)
    assert not result.passed
    failing = {t.metric for t in result.thresholds if not t.passed}
    assert {"directive_turns", "prompt_share"} <= failing
    assert (tmp_path / "run" / "junit.xml").read_text(encoding="utf-8").count("<failure") >= 2


def test_simulated_protege_plays_a_persona_live(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A model plays the protégé (here a real OpenAI-compatible server on loopback); the
    coach stays the offline engine; the report holds the simulated lines."""
    from tests.fake_openai_server import FakeOpenAI
    from tests.guidance_fixture import write_corpus

    fake = FakeOpenAI().start()
    try:
        fake.script(
            "You: Mostly I want to get better at running my team's retros",
            "I'd know it worked if people actually spoke up\nCoach: great",
        )
        monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
        corpus = write_corpus(env / "guidance")
        args = ["--backend", "offline", "--knowledge-dir", str(corpus), "eval", "run", "--personas",
                "career-switcher", "--simulate", "--quiet", "--concurrency", "1", "--out", "sim"]
        result = runner.invoke(app, args)
        assert "1 personas (simulated protégés), backend offline" in result.output, result.output
        rows = [json.loads(x) for x in (env / "sim" / "results.jsonl").read_text(encoding="utf-8").splitlines()]
        said = [r["user"] for r in rows]
        assert said[1] == "Mostly I want to get better at running my team's retros"  # "You:" prefix dropped
        assert said[2] == "I'd know it worked if people actually spoke up"  # cut before the model's "Coach:"
        prompt = str(fake.requests[0]["body"]["messages"][-1]["content"])
        assert "Career switcher" in prompt and "Coach:" in prompt
    finally:
        fake.stop()
    refused = runner.invoke(app, ["--backend", "offline", "eval", "run", "--simulate", "--quiet"],
                            env={"OPENAI_BASE_URL": "", "OPENAI_API_KEY": ""})
    assert refused.exit_code == 2 and "needs a model" in refused.output


def test_calibrate_reads_a_suggestion_set(env: Path) -> None:
    (env / "s.csv").write_text(
        "text,label\n"
        '"Maybe give yourself a day off, you have earned it.",suggestion\n'
        "What happened after that?,question\n"
        "So you're going to call her tomorrow.,restatement\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["eval", "calibrate", "s.csv"])
    assert result.exit_code == 0, result.output
    assert "3 supporter utterances: 1 suggestions, 2 prompting" in result.output
    assert "F1 1.000; prompting flagged 0.000" in result.output
    (env / "bad.jsonl").write_text('{"text": "hi"}\n', encoding="utf-8")
    bad = runner.invoke(app, ["eval", "calibrate", "bad.jsonl"])
    assert bad.exit_code == 2 and "nor an AnnoMI CSV" in bad.output
