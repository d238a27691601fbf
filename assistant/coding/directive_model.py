"""A small learned check for advice phrased as a yes/no question.

The cue lists catch the phrasings people have seen before; blind batches written to
avoid those phrasings showed that new wording slips through ("Any objection to calling
her tomorrow?"). This model generalises a little better: logistic regression over word
and character n-grams, trained by `eval/train_directive.py` on the project's labelled
coaching utterances and shipped as plain weights in `assistant/coding/models/`, so inference needs no
machine-learning library and stays explainable (the n-grams that weighed most are the cue).

It is only asked about sentences the rules already coded as closed questions: on
reflections it mistakes the protégé's own plans, echoed back, for advice.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.ngrams import char_wb_ngrams, word_ngrams

MODEL_FILE = Path(__file__).parent / "models" / "directive-question.json"
#: The second model: any sentence the rules leave non-directive (eval/train_suggestion.py).
SUGGESTION_FILE = Path(__file__).parent / "models" / "suggestion-statement.json"
#: Chosen so that no closed question the built-in engine asks is flagged (see tests).
THRESHOLD = 0.55


@dataclass(frozen=True)
class Verdict:
    probability: float
    evidence: tuple[str, ...]  # the n-grams that pushed most toward "advice"
    threshold: float = THRESHOLD

    @property
    def advice(self) -> bool:
        return self.probability >= self.threshold


@dataclass(frozen=True)
class _Block:
    idf: dict[str, float]
    weight: dict[str, float]

    def contributions(self, grams: list[str]) -> dict[str, float]:
        counts = Counter(g for g in grams if g in self.idf)
        values = {g: (1.0 + math.log(c)) * self.idf[g] for g, c in counts.items()}  # sublinear tf-idf
        norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
        return {g: v / norm * self.weight[g] for g, v in values.items()}


@dataclass(frozen=True)
class DirectiveModel:
    intercept: float
    words: _Block
    chars: _Block
    threshold: float = THRESHOLD  # a model file may carry its own, chosen when it was trained

    def judge(self, text: str) -> Verdict:
        words = self.words.contributions(word_ngrams(text))
        chars = self.chars.contributions(char_wb_ngrams(text)) if self.chars.idf else {}  # words-only models
        score = self.intercept + sum(words.values()) + sum(chars.values())
        probability = 1.0 / (1.0 + math.exp(-score))
        # Words read better than character fragments as the cue a person checks.
        evidence = tuple(g for g in sorted(words, key=lambda g: -words[g]) if words[g] > 0)[:3]
        return Verdict(round(probability, 4), evidence, self.threshold)


@lru_cache(maxsize=4)  # the question model and the suggestion model, read once each
def load_model(path: Path = MODEL_FILE) -> DirectiveModel | None:
    """The shipped model, or None if its file is missing (the rules still work alone)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))

        def block(name: str) -> _Block:
            terms = data[name]
            return _Block({t: float(v[0]) for t, v in terms.items()}, {t: float(v[1]) for t, v in terms.items()})

        threshold = float(data.get("threshold", THRESHOLD))
        return DirectiveModel(float(data["intercept"]), block("words"), block("chars"), threshold)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None  # missing or damaged: the cues still work alone
