"""The LLM-judge coder through a real OpenAI-compatible HTTP server on loopback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import load_settings
from eval.llm_coder import LLMCoder, LLMCoderError
from tests.fake_openai_server import FakeOpenAI


def test_judge_codes_with_the_rubric_and_falls_back_when_it_cannot(fake: FakeOpenAI, tmp_path: Path) -> None:
    settings = load_settings(backend="openai", openai_base_url=fake.base_url, data_dir=tmp_path, max_retries=0)
    fake.extractions.extend([
        '{"code": "persuade", "subtype": "advice", "cue": "have you considered"}',
        'Sure! {"code": "reflection_complex", "cue": "names the feeling"}',
        '{"code": "lecture"}',  # not a code: the offline coder answers instead
    ])
    judge = LLMCoder(settings, workers=1)
    first = judge.code("Have you considered asking your manager?")
    assert (first.code, first.directive, first.codes[0].subtype) == ("persuade", True, "advice")
    assert first.cues == ["persuade: llm: have you considered"]
    second = judge.code("Part of you wants this, and part of you is scared.", "I want it but I'm scared")
    assert (second.code, second.directive) == ("reflection_complex", False)
    third = judge.code("What would success look like?")
    assert third.code == "question_open"
    assert third.codes[0].cue.startswith("offline fallback, the model's answer was not one of the codes")
    prompt = fake.requests[1]["body"]["messages"][-1]["content"]
    assert "I want it but I'm scared" in prompt and "Advice disguised as a question is persuade" in prompt
    assert fake.requests[0]["body"]["temperature"] == 0


def test_cli_code_with_the_llm_coder(fake: FakeOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "Why don\'t you just email her?"}\n{"id": "b", "text": "Hi!"}\n')
    # The CLI codes several utterances in parallel: answers are matched by text, not order.
    fake.answers_by_text.update({
        "email her": '{"code": "persuade", "subtype": "suggestion", "cue": "why don\'t you"}',
        '"""Hi!"""': '{"code": "other", "cue": "greeting"}',
    })
    monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
    monkeypatch.setenv("COACH_MAX_RETRIES", "0")
    result = CliRunner().invoke(app, ["eval", "code", str(source), "--coder", "llm"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.output.splitlines()]
    assert [(x["id"], x["code"], x["directive"]) for x in lines] == [("a", "persuade", True), ("b", "other", False)]


def test_llm_coder_needs_a_model(tmp_path: Path) -> None:
    with pytest.raises(LLMCoderError, match="OPENAI_API_KEY"):
        LLMCoder(load_settings(backend="offline", data_dir=tmp_path))
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "Hi"}\n')
    result = CliRunner().invoke(app, ["--backend", "offline", "eval", "code", str(source), "--coder", "llm"])
    assert result.exit_code == 2 and "needs a model" in result.output
