"""The learned second look at yes/no questions: shipped weights, faithful features, and
no false alarms on the questions the built-in engine asks."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.coding.coder import code_utterance
from assistant.coding.directive_model import load_model
from assistant.ngrams import char_wb_ngrams, word_ngrams

TEXTS = [
    "Hi  there",
    "Have you thought about asking her for the criteria in writing, before the review?",
    "I'd ask Her, now — café résumé 1:1 e-mail x",
    "Don't you think it's worth a shot?!",
]


@pytest.mark.parametrize("text", TEXTS)
def test_features_are_scikit_learns_own(text: str) -> None:
    from sklearn.feature_extraction.text import CountVectorizer

    chars = CountVectorizer(analyzer="char_wb", ngram_range=(2, 5)).build_analyzer()
    words = CountVectorizer(analyzer="word", ngram_range=(1, 2)).build_analyzer()
    assert char_wb_ngrams(text, 2, 5) == chars(text)
    assert word_ngrams(text) == words(text)


def test_features_match_scikit_learns_definitions() -> None:
    # char_wb pads each word with spaces; a word shorter than n yields its padded form once.
    assert char_wb_ngrams("Hi  there", 2, 3) == [
        " h", "hi", "i ", " hi", "hi ",
        " t", "th", "he", "er", "re", "e ", " th", "the", "her", "ere", "re ",
    ]
    # Tokens of two or more word characters, lower-cased, then adjacent pairs.
    assert word_ngrams("I'd ask Her, now") == ["ask", "her", "now", "ask her", "her now"]


def test_the_shipped_model_loads_and_a_missing_file_leaves_the_rules_alone(tmp_path: Path) -> None:
    assert load_model() is not None
    assert load_model(tmp_path / "missing.json") is None


@pytest.mark.parametrize(
    "text",
    [
        "Is it possible to ask her for the criteria in writing before the review?",
        "Are you able to block out Friday mornings for the course?",
    ],
)
def test_advice_in_new_yes_no_wording_is_caught_and_says_why(text: str) -> None:
    coded = code_utterance(text)
    assert coded.directive
    assert coded.codes[0].code == "persuade"
    assert "model p=" in coded.codes[0].cue


@pytest.mark.parametrize(
    "text",
    [
        "Could you say more?",
        "Could you say more about what happened in the review?",
        "Do you have a time in mind for the meeting?",
        "Is there anything else you want on the agenda?",
        "Are you happy with how the agenda reads now?",
        "Did the conversation with your manager happen?",
        "Would you like to add that to the agenda?",
        "Do you want to keep going?",
        "Is Thursday still on?",
    ],
)
def test_the_engines_own_closed_questions_stay_questions(text: str) -> None:
    coded = code_utterance(text)
    assert coded.code == "question_closed", coded.cues
    assert not coded.directive
