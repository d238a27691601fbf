"""The retrieval eval's arithmetic, and the shipped question set's integrity."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.config import PROJECT_ROOT, load_settings
from assistant.knowledge.ingest import ingest
from assistant.knowledge.retrieve import Retriever
from assistant.records import Passage
from eval.retrieval_eval import QUESTIONS_FILE, RetrievalQuestion, load_questions, score


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


def test_blind_question_sets_point_at_sections_that_exist() -> None:
    headings = {
        f"{path.name} › {heading.strip()}"
        for path in (PROJECT_ROOT / "knowledge").glob("*.md")
        for heading in re.findall(r"(?m)^## (.+)$", path.read_text(encoding="utf-8"))
    }
    for name in ("blind-questions.yaml", "blind-questions-2.yaml"):
        questions = load_questions(QUESTIONS_FILE.parent / name)
        assert len(questions) == 60
        assert [g for q in questions for g in q.gold if g not in headings] == []


def test_shipped_guidance_meets_the_retrieval_bar(tmp_path: Path) -> None:
    """Issue #3's bar on the shipped corpus, with the shipped hints and default ranking:
    hit@1 >= 0.80 and hit@3 >= 0.95 on the question set; the blind sets must not slide
    back below what they scored when hints arrived (0.80 / 0.78 at hit@3, less a margin)."""
    settings = load_settings(data_dir=tmp_path / "data")
    report = ingest(settings, progress=False)
    assert report.failures == [] and report.hints > 900
    assert not [note for _, note in report.notes if "search-hints" in note]
    retriever = Retriever(settings)
    main = score(retriever, load_questions(), "hybrid")
    assert main.hit_at_1 >= 0.80 and main.hit_at_3 >= 0.95, (main.hit_at_1, main.hit_at_3)
    for name in ("blind-questions.yaml", "blind-questions-2.yaml"):
        blind = score(retriever, load_questions(QUESTIONS_FILE.parent / name), "hybrid")
        assert blind.hit_at_3 >= 0.72, (name, blind.hit_at_3)
