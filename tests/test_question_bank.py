"""The shipped question bank: big enough, balanced, and every question open and non-directive."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from assistant.coding.coder import code_utterance
from assistant.config import PROJECT_ROOT
from assistant.question_bank import STAGES, TYPES, QuestionBankError, load_bank

BANK = PROJECT_ROOT / "knowledge" / "questions.yaml"


def test_bank_has_300_plus_tagged_questions_across_stages_types_and_topics() -> None:
    bank = load_bank(BANK)
    assert len(bank) >= 300
    stages = Counter(q.stage for q in bank)
    types = Counter(q.type for q in bank)
    assert set(stages) == set(STAGES) and min(stages.values()) >= 70
    assert set(types) == set(TYPES) and min(types.values()) >= 10
    assert len({q.topic for q in bank}) >= 12
    assert len({q.text.lower() for q in bank}) == len(bank)


def test_every_bank_question_is_one_open_question_and_never_directive() -> None:
    offenders = []
    for q in load_bank(BANK):
        coded = code_utterance(q.text)
        if coded.code != "question_open" or coded.directive or q.text.count("?") != 1:
            offenders.append((q.id, q.text, coded.code, coded.cues))
    assert offenders == []


def test_malformed_bank_is_refused_with_the_entry_named(tmp_path: Path) -> None:
    path = tmp_path / "questions.yaml"
    path.write_text("questions:\n  - {id: g-1, text: 'What now?', stage: goal, type: clarifying, topic: x}\n"
                    "  - {id: g-2, text: 'What next?', stage: later, type: clarifying, topic: x}\n", encoding="utf-8")
    with pytest.raises(QuestionBankError, match="g-2 has stage 'later'"):
        load_bank(path)


def test_every_topic_is_described_so_sets_can_lean_to_it() -> None:
    from assistant.question_bank import load_topics

    bank = PROJECT_ROOT / "knowledge" / "questions.yaml"
    assert set(load_topics(bank)) == {q.topic for q in load_bank(bank)}


def test_a_set_follows_what_the_topic_is_about_not_a_shared_word() -> None:
    """'presenting to leadership' is about communicating with leaders, not leading a team."""
    from assistant.questions import question_set

    topics = Counter(q.topic for q in question_set("I want to get better at presenting to leadership", 8).questions)
    assert topics["communication"] >= 4, topics
    single = Counter(q.topic for q in question_set("building my network inside the company", 8).questions)
    assert single == {"networking": 8}


def test_a_bank_without_topic_descriptions_still_makes_sets(tmp_path: Path) -> None:
    from assistant.questions import question_set

    text = (PROJECT_ROOT / "knowledge" / "questions.yaml").read_text(encoding="utf-8")
    start, end = text.index("topics:"), text.index("questions:")
    plain = tmp_path / "questions.yaml"
    plain.write_text(text[:start] + text[end:], encoding="utf-8")
    result = question_set("moving from engineering into product management", 12, plain)
    assert Counter(q.stage for q in result.questions) == dict.fromkeys(STAGES, 3)


def test_a_bank_question_about_a_subject_they_never_raised_is_not_asked() -> None:
    # Blind review 15 (U01): "What would you gain from going for the promotion now compared with
    # waiting a year?" was asked of a new depot supervisor who never mentioned a promotion.
    from assistant.coach.question_choice import QuestionPicker
    from assistant.knowledge.embeddings import LocalEmbedder

    question = "What would you gain from going for the promotion now compared with waiting a year?"
    said = LocalEmbedder().embed([question])[0]  # what they said reads like that question
    picker = QuestionPicker(BANK)
    assert picker.pick("options", [], said, set(), "I want to apply for the promotion this year") == question
    own = "What options can you see from here?"
    assert picker.pick("options", [own], said, set(), "The drivers do not like to be told by someone who sat with "
                       "them in the canteen") == own
