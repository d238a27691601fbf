"""Reusing the protégé's own words: person shift, trimming, quoting.

Reflections are the engine's main tool, and they only work when the protégé hears
their own words back. So we change as little as possible: shift the grammatical
person ("I want" -> "you want"), drop filler, and cut to one clause.
"""

from __future__ import annotations

import re

# First person -> second person. Second person (the protégé talking *to* the coach)
# -> first person, so "can you help me" reflects as "I help you" rather than nonsense.
_SHIFT = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "i'm": "you're",
    "im": "you're",
    "i've": "you've",
    "i'll": "you'll",
    "i'd": "you'd",
    "we're": "you're",
    "you": "I",
    "your": "my",
    "yours": "mine",
    "yourself": "myself",
    "you're": "I'm",
    "you've": "I've",
    "you'll": "I'll",
}
# Verb agreement after "I": "I am" -> "you are", "I was" -> "you were".
_AGREE = {"am": "are", "was": "were"}
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|[^A-Za-z]+")

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


def shift_person(text: str) -> str:
    """Swap first and second person so the protégé's words can be said back to them."""
    tokens = _WORD.findall(text)
    out: list[str] = []
    previous_word = ""
    for token in tokens:
        if not token[0].isalpha():
            out.append(token)
            continue
        low = token.lower().replace("’", "'")
        if low in _AGREE and previous_word == "i":
            replacement = _AGREE[low]
        elif low == "you" and previous_word in {
            "to",
            "with",
            "for",
            "at",
            "from",
            "about",
            "tell",
            "ask",
        }:
            # Object position: "tell you" -> "tell me".
            replacement = "me"
        else:
            replacement = _SHIFT.get(low, token)
        if replacement is not token and token[0].isupper() and not low.startswith("i"):
            replacement = replacement[0].upper() + replacement[1:]
        out.append(replacement)
        previous_word = low
    return "".join(out)


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


def as_you(text: str, max_words: int = 28) -> str:
    """The protégé's clause, person-shifted, ready to follow "you" or stand alone."""
    return shift_person(clean_clause(text, max_words))


def sentence(text: str) -> str:
    """Capitalise the first letter and end with a full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def unwrap(text: str) -> str:
    """Join hard-wrapped lines of a paragraph; keep blank lines, list items and headings."""
    return re.sub(r"(?<=\S)[ \t]*\n(?![ \t]*(?:\n|[-*+] |\d+[.)] |#))[ \t]*", " ", text.strip())
