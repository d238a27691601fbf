"""`coach eval run`: every persona through the coach, scored, with reports people can trust."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from tqdm import tqdm

from assistant.coach.service import CoachService
from eval.conversation import PersonaRun, play
from eval.metrics import ConversationMetrics, conversation_metrics
from eval.personas import Persona
from eval.simulate import SimulatedProtege

THRESHOLDS_FILE = Path(__file__).resolve().parent / "thresholds.yaml"


@dataclass(frozen=True)
class ThresholdResult:
    metric: str
    value: float
    fair: float
    good: float
    direction: str  # min: higher is better; max: lower is better
    source: str
    level: str  # good | fair | below
    gate: str

    @property
    def passed(self) -> bool:
        order = {"below": 0, "fair": 1, "good": 2}
        return order[self.level] >= order[self.gate]


@dataclass
class SuiteResult:
    backend: str
    seed: int
    runs: list[PersonaRun]
    overall: ConversationMetrics
    thresholds: list[ThresholdResult]
    seconds: float
    files: dict[str, str] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return all(t.passed for t in self.thresholds) and all(r.passed for r in self.runs)


def load_thresholds(path: Path = THRESHOLDS_FILE) -> dict[str, dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of metric -> thresholds")
    return data


def judge(metrics: ConversationMetrics, thresholds: dict[str, dict[str, Any]]) -> list[ThresholdResult]:
    out = []
    for metric, spec in thresholds.items():
        value = float(getattr(metrics, metric))
        fair, good = float(spec["fair"]), float(spec["good"])
        if spec.get("direction", "min") == "min":
            level = "good" if value >= good else "fair" if value >= fair else "below"
        else:
            level = "good" if value <= good else "fair" if value <= fair else "below"
        out.append(
            ThresholdResult(
                metric, value, fair, good, spec.get("direction", "min"), str(spec.get("source", "project")),
                level, str(spec.get("gate", "fair")),
            )
        )
    return out


def run_suite(
    make_service: Callable[[], CoachService],
    personas: list[Persona],
    out_dir: Path,
    backend: str,
    seed: int = 0,
    concurrency: int = 2,
    progress: bool = True,
    protege: SimulatedProtege | None = None,
) -> SuiteResult:
    """Play every persona (concurrently), score, and write the four report files."""
    started = time.perf_counter()
    service = make_service()
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        futures = [pool.submit(play, service, p, f"eval-{seed}-{p.id}", protege) for p in personas]
        runs = [f.result() for f in tqdm(futures, desc="personas", unit="persona", disable=not progress)]
    overall = conversation_metrics([t for r in runs for t in r.turns])
    overall.goal_turn, overall.goal = None, ""  # per-conversation facts; meaningless pooled
    # A repeat is the same question twice *in one thread*; pooling would count the same
    # good question asked to two different personas.
    overall.repeated_questions = sum(r.metrics.repeated_questions for r in runs)
    result = SuiteResult(
        backend=backend,
        seed=seed,
        runs=runs,
        overall=overall,
        thresholds=judge(overall, load_thresholds()),
        seconds=round(time.perf_counter() - started, 2),
    )
    write_reports(result, out_dir)
    return result


def _turn_rows(result: SuiteResult) -> list[dict[str, Any]]:
    rows = []
    for run in result.runs:
        for t in run.turns:
            rows.append(
                {
                    "persona": run.persona.id,
                    "turn": t.index,
                    "user": t.user,
                    "reply": t.reply,
                    "route": t.route,
                    "move": t.move,
                    "code": t.coded.code,
                    "directive": t.coded.directive,
                    "codes": [{"text": c.text, "code": c.code, "cue": c.cue} for c in t.coded.codes],
                    "goal": t.goal,
                }
            )
    return rows


def summary_dict(result: SuiteResult) -> dict[str, Any]:
    return {
        "backend": result.backend,
        "seed": result.seed,
        "seconds": result.seconds,
        "passed": result.passed,
        "overall": result.overall.to_dict(),
        "thresholds": [{**t.__dict__, "passed": t.passed} for t in result.thresholds],
        "personas": {
            r.persona.id: {"title": r.persona.title, "passed": r.passed, "failures": r.failures, **r.metrics.to_dict()}
            for r in result.runs
        },
    }


def write_reports(result: SuiteResult, out_dir: Path) -> None:
    from eval.report import junit_xml, render_html

    out_dir.mkdir(parents=True, exist_ok=True)
    files = {
        "results": out_dir / "results.jsonl",
        "summary": out_dir / "summary.json",
        "report": out_dir / "report.html",
        "junit": out_dir / "junit.xml",
    }
    rows = _turn_rows(result)
    files["results"].write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    summary = summary_dict(result)
    files["summary"].write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    files["report"].write_text(render_html(summary, rows), encoding="utf-8")
    files["junit"].write_text(junit_xml(summary), encoding="utf-8")
    result.files = {k: str(v) for k, v in files.items()}


def compare(run_a: Path, run_b: Path) -> list[tuple[str, float, float, str]]:
    """(metric, before, after, verdict) for the pooled metrics of two runs' summary.json."""
    a = json.loads((run_a / "summary.json").read_text(encoding="utf-8"))
    b = json.loads((run_b / "summary.json").read_text(encoding="utf-8"))
    directions = {t["metric"]: t["direction"] for t in b["thresholds"]}
    rows = []
    for metric, direction in directions.items():
        before, after = float(a["overall"][metric]), float(b["overall"][metric])
        if after == before:
            verdict = "same"
        else:
            better = after > before if direction == "min" else after < before
            verdict = "better" if better else "worse"
        rows.append((metric, before, after, verdict))
    for pid, info in b["personas"].items():
        was = a["personas"].get(pid, {}).get("passed")
        if was is not None and was != info["passed"]:
            rows.append((f"persona:{pid}", float(was), float(info["passed"]), "better" if info["passed"] else "worse"))
    return rows
