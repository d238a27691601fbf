"""The cue patterns the offline coder matches, by MITI behaviour.

The patterns themselves are data (assistant/data/coder_cues.yaml), kept apart from the
coder's logic so they can be read (and argued with) as a list. Each is a cue a person would
recognise; the coder reports which one fired.
"""

from __future__ import annotations

import re

from assistant.data import Patterns


class Cues:
    """A family of cue patterns. Anchored ones ("^...") are tried once at the start and
    the rest anywhere: one alternation of both would try every anchored pattern at every
    position, which made the coder several times slower."""

    def __init__(self, *patterns: str) -> None:
        anchored = [p[1:] for p in patterns if p.startswith("^")]
        floating = [p for p in patterns if not p.startswith("^")]
        self._anchored = re.compile("|".join(f"(?:{p})" for p in anchored), re.IGNORECASE) if anchored else None
        self._floating = re.compile("|".join(f"(?:{p})" for p in floating), re.IGNORECASE) if floating else None

    def search(self, text: str) -> re.Match[str] | None:
        """The cue a person would point at: the longest match at the start, else the first."""
        anchored = self._anchored.match(text) if self._anchored else None
        floating = self._floating.search(text) if self._floating else None
        if anchored is None:
            return floating
        if floating is not None and floating.start() == 0 and floating.end() > anchored.end():
            return floating
        return anchored


class CueFamilies:
    """The families of a pattern file, each compiled once, by name: `CUES.advice.search(text)`."""

    def __init__(self, patterns: Patterns) -> None:
        self._families = {name: Cues(*cues) for name, cues in patterns.cue_lists().items()}

    def names(self) -> set[str]:
        return set(self._families)

    def __getattr__(self, name: str) -> Cues:
        try:
            return self._families[name]
        except KeyError:
            raise AttributeError(f"no cue family named {name!r}") from None


#: The single patterns (sentence openings, markers) and the cue families, from data/coder_cues.yaml.
PATTERNS = Patterns("coder_cues.yaml")
CUES = CueFamilies(PATTERNS)
_SPLIT = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n+")
_WORD = re.compile(r"[a-z']+")
_STOP = set(
    ["i", "you", "me", "my", "your", "a", "an", "the", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "is", "are", "was", "were", "be", "been", "am", "it", "that", "this", "what", "how", "so", "just", "really", "very", "do", "does", "did", "have", "has", "had", "not", "no", "yes"]
)
