"""Evaluation runs on disk in the real format (eval.runner.write_reports), without playing
the personas: for tests of what staff see, where a real run would only cost time."""

from __future__ import annotations

from pathlib import Path

from eval.conversation import PersonaRun
from eval.metrics import ConversationMetrics
from eval.personas import load_personas
from eval.runner import SuiteResult, judge, load_thresholds, write_reports


def write_run(runs_dir: Path, name: str, *, passed: bool = True, backend: str = "offline", seconds: float = 4.2,
              personas: int = 3) -> SuiteResult:
    """A run named `name` (YYYYmmdd-HHMMSS) under runs_dir; failed: its first persona failed
    and directive replies pulled the prompt share below the gate."""
    metrics = ConversationMetrics(
        turns=8, coaching_turns=7, code_counts={"question_open": 6, "reflection_complex": 9, "affirm": 2},
        reflection_to_question=1.5, percent_complex_reflections=0.6, percent_open_questions=1.0,
        prompt_share=1.0 if passed else 0.5, turns_with_question_or_reflection=1.0,
    )
    runs = [PersonaRun(p, [], [], metrics, [] if passed or i else ["a directive reply in turn 3"])
            for i, p in enumerate(load_personas()[:personas])]
    result = SuiteResult(backend, 0, runs, metrics, judge(metrics, load_thresholds()), seconds)
    write_reports(result, runs_dir / name)
    assert result.passed == passed
    return result
