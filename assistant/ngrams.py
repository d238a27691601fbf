"""Word and character n-grams exactly as scikit-learn's TfidfVectorizer makes them, so
models trained there ship as plain weights and run here without it (the coder's learned
second look)."""

from __future__ import annotations

import itertools
import re

# scikit-learn's default token pattern, reproduced so shipped weights line up.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_SPACES = re.compile(r"\s\s+")


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



