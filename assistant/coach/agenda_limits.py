"""The length they ask of an agenda: "Our sessions are 30 mins", "keep it short", "3 items",
"3 or 4 points max". Blind review 21: every draft came out as six items and 50 minutes,
whatever was asked, and all three raters marked it in every conversation that asked.

The draft keeps what they said; what gives way is the empty sections first ("(to discuss)"),
then the least central ones, and the minutes are shared out to fit the time they have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.coach.agenda_items import CATCH_UP_NOTE, Item
from assistant.language.durations import session_minutes

_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_N = r"(\d{1,2}|one|two|three|four|five|six|seven)"
#: "3 items", "3 or 4 points max", "three things", "2-3 bullets".
_COUNT = re.compile(rf"(?i)\b{_N}(?:\s*(?:or|-|–|to)\s*{_N})?\s+(?:items?|points?|things|bullets?|topics?|sections?)\b")
#: ("I'm short on time this week" asks nothing of the draft: "short" alone is not enough.)
_SHORT = re.compile(r"(?i)\b(?:keep it (?:short|brief|tight|simple)|(?:a|something) (?:short|brief)|"
                    r"short (?:and sweet|one|agenda|list|version)|brief (?:one|agenda|list)|"
                    r"make it (?:short|shorter|brief)|nothing (?:long|fancy)|quick one|quick agenda|not too long|"
                    r"shorter)\b")
#: Items kept longest when there are too many, most central first.
_KEEP_ORDER = ("goal", "questions", "options", "where", "next_step", "catch_up")
#: The fewest items a "short" agenda keeps when no number is given.
SHORT_ITEMS = 4


@dataclass(frozen=True)
class Limits:
    minutes: int | None = None
    items: int | None = None

    @property
    def any(self) -> bool:
        return self.minutes is not None or self.items is not None


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


def limits(text: str) -> Limits:
    """What the message asks of the agenda's length (none when it asks nothing)."""
    total = session_minutes(text)
    counted = _COUNT.search(text)
    items = None
    if counted:
        items = max(_number(g) for g in counted.groups() if g)
        items = items if 1 <= items <= 8 else None
    if items is None and _SHORT.search(text):
        items = SHORT_ITEMS
    return Limits(total, items)


def _said(item: Item) -> bool:
    """The item holds something of theirs: their words, an item of their own, or the outcomes of
    last time's commitments in the catch-up (kept for a returning protégé however short the meeting)."""
    return bool(item.words) or item.kind not in _KEEP_ORDER or (item.kind == "catch_up" and item.note != CATCH_UP_NOTE)


def fit(items: list[Item], wanted: Limits) -> list[Item]:
    """The items within the length asked: empty sections go first, then the least central
    ones; the minutes are shared out in proportion to fill the time they have."""
    if not wanted.any:
        return items
    kept = [i for i in items if _said(i) or i.kind == "goal"]
    if wanted.items is not None and len(kept) > wanted.items:
        rank = {kind: n for n, kind in enumerate(_KEEP_ORDER)}
        by_need = sorted(kept, key=lambda i: rank.get(i.kind, -1))  # their own added items first
        keep = {id(i) for i in by_need[: wanted.items]}
        kept = [i for i in kept if id(i) in keep]
    if wanted.minutes is not None and kept:
        weights = [max(i.minutes, 1) for i in kept]
        share = [max(2, round(w * wanted.minutes / sum(weights))) for w in weights]
        # Whole minutes that add up to the time they have: the largest item takes the rounding.
        biggest = share.index(max(share))
        share[biggest] = max(2, share[biggest] + wanted.minutes - sum(share))
        kept = [replace(i, minutes=m) for i, m in zip(kept, share, strict=True)]
    return kept
