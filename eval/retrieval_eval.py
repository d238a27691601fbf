"""Retrieval eval: does search find the section that answers a protégé's question?

Questions live in eval/retrieval/questions.yaml, phrased the way protégés, mentors and
staff ask (paraphrases, typos, indirect wording), each with its gold "source › section"
and, where two sections answer equally well, `also` alternatives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml

from assistant.records import Passage

QUESTIONS_FILE = Path(__file__).parent / "retrieval" / "questions.yaml"


class Searcher(Protocol):
    def search(self, query: str, k: int = 4, strategy: str = "mmr") -> list[Passage]: ...


@dataclass(frozen=True)
class RetrievalQuestion:
    text: str
    gold: tuple[str, ...]  # "source › section" labels that count as a hit
    who: str


@dataclass
class RetrievalScore:
    strategy: str
    n: int
    hit_at_1: float
    hit_at_3: float
    mrr: float
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (question, gold, got at rank 1)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def load_questions(path: Path = QUESTIONS_FILE) -> list[RetrievalQuestion]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for item in data["questions"]:
        gold = (item["gold"], *item.get("also", []))
        out.append(RetrievalQuestion(item["q"], tuple(gold), item.get("who", "")))
    return out


def _label(p: Passage) -> str:
    return f"{p.source} › {p.section}"


def score(searcher: Searcher, questions: list[RetrievalQuestion], strategy: str, depth: int = 10) -> RetrievalScore:
    hits1 = hits3 = 0
    reciprocal = 0.0
    misses = []
    for q in questions:
        labels = [_label(p) for p in searcher.search(q.text, depth, strategy=strategy)]
        rank = next((i + 1 for i, label in enumerate(labels) if label in q.gold), None)
        hits1 += rank == 1
        hits3 += rank is not None and rank <= 3
        reciprocal += 1 / rank if rank else 0.0
        if rank != 1:
            misses.append((q.text, q.gold[0], labels[0] if labels else "-"))
    n = len(questions)
    return RetrievalScore(strategy, n, hits1 / n, hits3 / n, reciprocal / n, misses)
