"""The phrase layer: explicit wording that must escalate every time, and the work idioms
that must not ("kill my presentation", "this deadline is killing me").

The phrases live in `data/lexicon.yaml` so a program can audit them without reading code.
An idiom only defuses a phrase it overlaps: "career suicide" silences "suicide", but
"this deadline is killing me, I want to kill myself" still escalates.
The same matches become features for the trained head (features.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

LEXICON_FILE = Path(__file__).parent / "data" / "lexicon.yaml"
#: Families whose match is, by itself, a reason to escalate (without the trained model,
#: "topic" too: see the detector).
RISK_FAMILIES = ("ideation", "self_harm", "harm_others", "topic")
FAMILIES = (*RISK_FAMILIES, "idioms", "negation", "laughter")


class LexiconError(RuntimeError):
    """The lexicon file is missing or malformed; the message names the entry."""


@dataclass(frozen=True)
class PhraseHit:
    family: str  # ideation | self_harm | harm_others | topic
    start: int
    end: int
    negated: bool  # a negation shortly before it ("I'm not suicidal")


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_FILE) -> dict[str, tuple[re.Pattern[str], ...]]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"cannot read the safety lexicon {path}: {exc}") from None
    if not isinstance(raw, dict):
        raise LexiconError(f"{path}: expected families of patterns, got {type(raw).__name__}")
    out: dict[str, tuple[re.Pattern[str], ...]] = {}
    for family in FAMILIES:
        patterns = raw.get(family) or []
        compiled = []
        for pattern in patterns:
            try:
                compiled.append(re.compile(str(pattern), re.I))
            except re.error as exc:
                raise LexiconError(f"{path}: {family}: {pattern!r}: {exc}") from None
        out[family] = tuple(compiled)
    return out


def normalise(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


def spans(text: str, family: str) -> list[tuple[int, int]]:
    return [m.span() for p in load_lexicon()[family] for m in p.finditer(text)]


def phrase_hits(text: str) -> list[PhraseHit]:
    """Explicit risk phrases not covered by a work idiom, in the order they appear."""
    text = normalise(text)
    idioms = spans(text, "idioms")
    negations = spans(text, "negation")
    hits = []
    for family in RISK_FAMILIES:
        for start, end in spans(text, family):
            if any(s < end and start < e for s, e in idioms):
                continue
            # A negation within the few words before the phrase ("I would never hurt myself").
            negated = any(0 <= start - e <= 24 for _, e in negations)
            hits.append(PhraseHit(family, start, end, negated))
    return sorted(hits, key=lambda h: h.start)


def laughing(text: str) -> bool:
    """A laughter or joke marker anywhere in the message ("lol", "jk", "😂")."""
    return bool(spans(normalise(text), "laughter"))


def topic_only(text: str) -> bool:
    """Risk words are present, and every one names a subject ("suicide prevention week",
    "a self-harm awareness module") rather than saying something of the writer."""
    hits = phrase_hits(text)
    return bool(hits) and all(h.family == "topic" for h in hits)


def idiom_only(text: str) -> bool:
    """Work idioms are present and every risk word in the text sits inside one."""
    text = normalise(text)
    return bool(spans(text, "idioms")) and not phrase_hits(text)
