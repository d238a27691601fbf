"""The retrieval eval's arithmetic, and the shipped question set's integrity."""

from __future__ import annotations

import re

from assistant.config import PROJECT_ROOT
from assistant.records import Passage
from eval.retrieval_eval import RetrievalQuestion, load_questions, score


class FakeSearch:
    def __init__(self, ranked: dict[str, list[str]]) -> None:
        self.ranked = ranked

    def search(self, query: str, k: int = 4, strategy: str = "mmr") -> list[Passage]:
        out = []
        for label in self.ranked[query][:k]:
            source, section = label.split(" › ")
            out.append(Passage(text="t", source=source, section=section, score=0.5))
        return out


def test_hit_rates_and_mrr_are_computed_over_gold_and_alternatives() -> None:
    questions = [
        RetrievalQuestion("a", ("x.md › A",), "protege"),
        RetrievalQuestion("b", ("x.md › B", "y.md › B2"), "mentor"),
        RetrievalQuestion("c", ("x.md › C",), "staff"),
        RetrievalQuestion("d", ("x.md › D",), "staff"),
    ]
    searcher = FakeSearch({
        "a": ["x.md › A", "x.md › Z"],
        "b": ["x.md › Z", "y.md › B2"],  # an alternative at rank 2
        "c": ["x.md › Z", "x.md › Y", "x.md › C"],
        "d": ["x.md › Z"],
    })
    result = score(searcher, questions, "vector")
    assert (result.hit_at_1, result.hit_at_3) == (0.25, 0.75)
    assert abs(result.mrr - (1 + 1 / 2 + 1 / 3 + 0) / 4) < 1e-9
    assert [m[0] for m in result.misses] == ["b", "c", "d"]


def test_shipped_questions_point_at_sections_that_exist() -> None:
    questions = load_questions()
    assert len(questions) >= 80
    assert {q.who for q in questions} == {"protege", "mentor", "staff"}
    headings = set()
    for path in (PROJECT_ROOT / "knowledge").glob("*.md"):
        for heading in re.findall(r"(?m)^## (.+)$", path.read_text(encoding="utf-8")):
            headings.add(f"{path.name} › {heading.strip()}")
    missing = [g for q in questions for g in q.gold if g not in headings]
    assert missing == []
