"""A small learned check for advice phrased as a yes/no question.

The cue lists catch the phrasings people have seen before; blind batches written to
avoid those phrasings showed that new wording slips through ("Any objection to calling
her tomorrow?"). This model generalises a little better: logistic regression over word
and character n-grams, trained by `eval/train_directive.py` on the project's labelled
coaching utterances and shipped as plain weights in `eval/models/`, so inference needs no
machine-learning library and stays explainable (the n-grams that weighed most are the cue).

It is only asked about sentences the rules already coded as closed questions: on
reflections it mistakes the protégé's own plans, echoed back, for advice.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_FILE = Path(__file__).parent / "models" / "directive-question.json"
#: Chosen so that no closed question the built-in engine asks is flagged (see tests).
THRESHOLD = 0.55
# scikit-learn's default token pattern, reproduced so shipped weights line up.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_SPACES = re.compile(r"\s\s+")


@dataclass(frozen=True)
class Verdict:
    probability: float
    evidence: tuple[str, ...]  # the n-grams that pushed most toward "advice"

    @property
    def advice(self) -> bool:
        return self.probability >= THRESHOLD


def word_ngrams(text: str) -> list[str]:
    tokens = _TOKEN.findall(text.lower())
    return tokens + [f"{a} {b}" for a, b in itertools.pairwise(tokens)]


def char_wb_ngrams(text: str, low: int = 2, high: int = 5) -> list[str]:
    """Character n-grams inside word boundaries, exactly as scikit-learn's char_wb."""
    out: list[str] = []
    for word in _SPACES.sub(" ", text.lower()).split():
        padded = f" {word} "
        for n in range(low, high + 1):
            offset = 0
            out.append(padded[offset : offset + n])
            while offset + n < len(padded):
                offset += 1
                out.append(padded[offset : offset + n])
            if offset == 0:  # a short word yields its only n-gram once
                break
    return out


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

    def judge(self, text: str) -> Verdict:
        words = self.words.contributions(word_ngrams(text))
        chars = self.chars.contributions(char_wb_ngrams(text))
        score = self.intercept + sum(words.values()) + sum(chars.values())
        probability = 1.0 / (1.0 + math.exp(-score))
        # Words read better than character fragments as the cue a person checks.
        evidence = tuple(g for g in sorted(words, key=lambda g: -words[g]) if words[g] > 0)[:3]
        return Verdict(round(probability, 4), evidence)


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_FILE) -> DirectiveModel | None:
    """The shipped model, or None if its file is missing (the rules still work alone)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))

        def block(name: str) -> _Block:
            terms = data[name]
            return _Block({t: float(v[0]) for t, v in terms.items()}, {t: float(v[1]) for t, v in terms.items()})

        return DirectiveModel(float(data["intercept"]), block("words"), block("chars"))
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None  # missing or damaged: the cues still work alone
