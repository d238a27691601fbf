"""`coach eval personas`: the blind personas played (or read from transcripts), scored against gold.

A persona passes when no check finds anything; the report lists every failure with its
metric and turn, per persona, plus each metric's rate over the whole set.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from eval.gold_personas import GoldPersona
from eval.quality import QualitySettings, Scored, Similarity, score

QUALITY_FILE = Path(__file__).resolve().parent / "quality.yaml"
METRICS = (
    "copied",
    "grammar",
    "relevance",
    "stuck",
    "goal",
    "obstacles",
    "options",
    "commitments",
    "misfiled",
    "checkin",
    "crisis",
    "false_alarm",
    "logistics",
    "agenda",
    "transcript",
)


def load_quality_settings(path: Path = QUALITY_FILE) -> QualitySettings:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return QualitySettings(
        relevance_threshold=float(data["relevance"]["threshold"]), near_repeat=float(data["stuck"]["near_repeat"])
    )


def embedding_similarity() -> Similarity:
    """Cosine of MiniLM sentence vectors (the model search already ships), remembered per text."""
    from assistant.knowledge.embeddings import LocalEmbedder

    embedder = LocalEmbedder()
    cache: dict[str, list[float]] = {}

    def vectors(texts: Sequence[str]) -> list[list[float]]:
        missing = [t for t in dict.fromkeys(texts) if t not in cache]
        for t, v in zip(missing, embedder.embed(missing) if missing else [], strict=True):
            cache[t] = v
        return [cache[t] for t in texts]

    def similarity(a: Sequence[str], b: Sequence[str]) -> list[float]:
        vb = vectors(b)
        return [max(sum(x * y for x, y in zip(va, v, strict=True)) for v in vb) for va in vectors(a)]

    return similarity


SHIPPED_KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


@contextmanager
def shipped_service() -> Iterator[Any]:
    """The offline coach with the shipped guidance (the gold cites its sections), in a scratch folder."""
    from eval.play_personas import offline_service

    with tempfile.TemporaryDirectory() as tmp:
        yield offline_service(Path(tmp), SHIPPED_KNOWLEDGE)


def play_all(personas: list[GoldPersona], service: Any) -> list[dict[str, Any]]:
    from eval.play_personas import play

    return [
        play(
            {
                "id": p.id,
                "turns": list(p.turns),
                "returning": p.returning,
                "previous_commitments": list(p.previous_commitments),
            },
            service,
        )
        for p in personas
    ]


def read_transcripts(path: Path) -> dict[str, dict[str, Any]]:
    records = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            records[str(record["id"])] = record
        except (json.JSONDecodeError, KeyError, TypeError):
            raise ValueError(f"{path.name}, line {n}: not a transcript record (JSON with id and turns)") from None
    return records


@dataclass
class GoldReport:
    scored: list[Scored]
    missing: list[str]  # personas with no transcript

    @property
    def failed(self) -> list[Scored]:
        return [s for s in self.scored if not s.passed]

    def by_metric(self) -> dict[str, int]:
        """How many personas each metric failed."""
        counts: Counter[str] = Counter()
        for s in self.scored:
            counts.update({f.metric for f in s.failures})
        return {m: counts[m] for m in METRICS if counts[m]}

    def rates(self) -> dict[str, float]:
        """Findings per opportunity, pooled: replies for the reply checks, items for capture."""
        findings: Counter[str] = Counter(f.metric for s in self.scored for f in s.findings)
        totals: Counter[str] = Counter()
        for s in self.scored:
            totals.update(s.counts)
        base = {
            "copied": "replies",
            "grammar": "replies",
            "stuck": "replies",
            "relevance": "questions",
            "goal": "goal",
            "commitments": "commitments",
        }
        return {m: round(findings[m] / totals[b], 3) for m, b in base.items() if totals[b]}

    def summary(self) -> dict[str, Any]:
        return {
            "personas": len(self.scored),
            "failed": len(self.failed),
            "failed_share": round(len(self.failed) / len(self.scored), 3) if self.scored else 0.0,
            "personas_failing_each_metric": self.by_metric(),
            "rates": self.rates(),
            "missing_transcripts": self.missing,
            "findings": {s.persona.id: [str(f) for f in s.findings] for s in self.scored},
        }


def score_all(
    personas: list[GoldPersona],
    records: dict[str, dict[str, Any]],
    similarity: Similarity | None,
    settings: QualitySettings,
) -> GoldReport:
    scored = [score(p, records[p.id], similarity, settings) for p in personas if p.id in records]
    return GoldReport(scored, [p.id for p in personas if p.id not in records])


def to_markdown(report: GoldReport, title: str) -> str:
    s = report.summary()
    lines = [
        f"# {title}",
        "",
        f"{s['failed']} of {s['personas']} personas fail ({s['failed_share']:.0%}).",
        "",
        "| metric | personas failing | rate |",
        "| --- | --- | --- |",
    ]
    rates = s["rates"]
    for metric in METRICS:
        n = s["personas_failing_each_metric"].get(metric, 0)
        if n or metric in rates:
            lines.append(f"| {metric} | {n} | {rates.get(metric, '')} |")
    lines.append("")
    for scored in report.scored:
        mark = "pass" if scored.passed else "FAIL"
        lines += [f"## {scored.persona.id} ({mark}): {scored.persona.title}", ""]
        lines += [f"- {f}" for f in scored.findings] or ["- nothing found"]
        lines.append("")
    return "\n".join(lines)
