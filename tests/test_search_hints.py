"""Search hints: phrasings beside the guidance that lead a question to its section."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings, load_settings
from assistant.knowledge.ingest import ensure_index, ingest
from assistant.knowledge.retrieve import Retriever
from tests.guidance_fixture import write_corpus

# Deliberately unrelated to the section it points at: only the hint can connect them.
ODD_QUESTION = "the boardroom projector terrifies me"
HINTS = f"""version: 1
hints:
  "program-handbook.md › Confidentiality":
    - {ODD_QUESTION}
    - is what I say kept private
"""


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "data", knowledge_dir=write_corpus(tmp_path / "guidance"))


def test_a_hint_leads_a_question_to_its_section_and_the_passage_comes_back_once(settings: Settings) -> None:
    ingest(settings, progress=False)
    before = Retriever(settings).search(ODD_QUESTION, 3)
    assert before[0].section != "Confidentiality"

    (settings.knowledge_dir / "search-hints.yaml").write_text(HINTS, encoding="utf-8")
    report = ingest(settings, progress=False)
    assert report.updated == ["program-handbook.md"]  # only the hinted file is re-embedded
    assert report.hints == 2
    assert "2 search hints" in report.summary()
    for strategy in ("hybrid", "mmr", "vector"):
        after = Retriever(settings).search(ODD_QUESTION, 4, strategy=strategy)
        assert (after[0].source, after[0].section) == ("program-handbook.md", "Confidentiality")
        assert after[0].text.startswith("What you discuss stays between the two of you")
        labels = [(p.source, p.section, p.text) for p in after]
        assert len(labels) == len(set(labels))


def test_editing_hints_marks_the_index_stale_and_unknown_sections_are_reported(settings: Settings) -> None:
    (settings.knowledge_dir / "search-hints.yaml").write_text(HINTS, encoding="utf-8")
    ingest(settings, progress=False)
    assert ensure_index(settings) is None
    (settings.knowledge_dir / "search-hints.yaml").write_text(
        HINTS + '  "program-handbook.md › Parking":\n    - where do I park\n', encoding="utf-8"
    )
    report = ensure_index(settings)
    assert report is not None and report.updated == ["program-handbook.md"]
    assert ("program-handbook.md", "search-hints.yaml names a section it does not have: 'Parking'") in report.notes


def test_a_broken_hints_file_is_reported_and_the_guidance_still_indexed(settings: Settings) -> None:
    (settings.knowledge_dir / "search-hints.yaml").write_text("hints: [this is: not a mapping\n", encoding="utf-8")
    report = ingest(settings, progress=False)
    assert sorted(report.added) == ["grow.txt", "preparing.md", "program-handbook.md"]
    assert [name for name, _ in report.failures] == ["search-hints.yaml"]
    assert Retriever(settings).search("who books our meetings?", 1)[0].section == "Who schedules meetings"


def test_each_passage_is_kept_once_at_its_closest_vector() -> None:
    from assistant.knowledge.retrieve import _best_per_passage

    # Ids as ingest writes them: a passage's own id, and its hints' ids with "-hintN" after it.
    ids = ["f00d-0-hint3", "f00d-1", "f00d-0", "beef-0", "beef-0-hint12", "beef-1-hint0"]
    assert _best_per_passage(ids, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]) == [0, 1, 3, 5]
    assert _best_per_passage(list(reversed(ids)), [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]) == [0, 1, 3, 4]
