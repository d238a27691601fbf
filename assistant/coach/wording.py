"""Tidying the protégé's words for storage and the guidance's text for display.

Saying their words back in second person is the parser's job (assistant.language.person);
here: filler and hedges trimmed, one clause kept, hard-wrapped paragraphs joined.
"""

from __future__ import annotations

import re

_FILLERS = re.compile(
    r"^(?:(?:um+|uh+|er+|hmm+|well|so|ok(?:ay)?|yeah|yes|honestly|basically|like|oh)\b[,.!]?\s*)+",
    re.IGNORECASE,
)
# Hedges at the start are noted by the understanding step; the reflection keeps the
# substance ("I guess I want X" -> "you want X").
_LEAD_HEDGE = re.compile(
    r"^(?:i\s+(?:guess|think|suppose|feel like)|i'?m\s+not\s+sure\s+but|to be honest|honestly)"
    r"\s*,?\s*",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"[\s,;:.!?…-]+$")


def clean_clause(text: str, max_words: int = 28) -> str:
    """The protégé's words with filler and trailing punctuation removed, one clause long."""
    text = " ".join(text.split())
    text = _FILLERS.sub("", text)
    text = _LEAD_HEDGE.sub("", text)
    first = re.split(r"(?<=[.!?])\s+", text, maxsplit=1)[0]
    words = first.split()
    if len(words) > max_words:
        # Cut at a natural joint rather than mid-phrase where we can.
        cut = " ".join(words[:max_words])
        joint = max(cut.rfind(","), cut.rfind(" and "), cut.rfind(" but "))
        first = cut[:joint] if joint > len(cut) // 2 else cut
    return _TRAILING.sub("", first).strip()


def unwrap(text: str) -> str:
    """Join hard-wrapped lines of a paragraph; keep blank lines, list items and headings."""
    return re.sub(r"(?<=\S)[ \t]*\n(?![ \t]*(?:\n|[-*+] |\d+[.)] |#))[ \t]*", " ", text.strip())
