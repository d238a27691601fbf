"""Time phrases, attached to the clause they belong to.

"We meet Thursday" names the meeting; "I'll email her by Friday" is the commitment's due
date; "where I want to be within a year" belongs to the goal and is never grafted onto a
question about the meeting. A correction ("Thursday, not Monday") names the new day first.
"""

from __future__ import annotations

import re

_DAY = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thur?s?|fri|tomorrow|"
        r"tmrw|today|tonight)")
_WHEN = re.compile(
    rf"\b(?P<x>(?:(?:on|this|next|by|before|until|after)\s+)?{_DAY}(?:\s+(?:morning|afternoon|evening))?"
    rf"(?:\s+(?:at\s+)?\d{{1,2}}(?::\d\d)?\s*(?:am|pm)?)?|"
    r"(?:on\s+)?(?:the\s+)?\d{1,2}(?:st|nd|rd|th)(?:\s+of\s+\w+)?|"
    r"(?:next|this)\s+week|end of (?:the )?(?:week|month)|in (?:a|two|three|\d+) (?:days?|weeks?))\b",
    re.I,
)
_MEETING = re.compile(r"\b(?:meet(?:ing|s)?|session|catch[- ]?up|"
                      r"mentor)\b", re.I)
#: Meetings that are not the one with the mentor ("after the staff meeting on Monday").
_OTHER_MEETING = re.compile(r"\b(?:staff|team|department|board|client|sales|all[- ]hands|project|stand-?up|"
                            r"family|doctor'?s?) (?:meeting|call|sync|session)\b", re.I)
_OWN_STEP = re.compile(r"(?i)\b(?:i'?ll|i will|i'?m going to|gonna|i plan to)\b")
_NOT_DAY = re.compile(rf"\bnot\s+(?:on\s+)?{_DAY}\b", re.I)


def _tidy(phrase: str) -> str:
    phrase = " ".join(phrase.split())
    words = phrase.split()
    if words and words[0].lower() not in {"on", "this", "next", "by", "before", "until", "after", "in", "end"}:
        phrase = f"on {phrase}" if re.match(_DAY, words[0], re.I) and words[0].lower() not in {
            "tomorrow", "tmrw", "today", "tonight"} else phrase
    return phrase[0].lower() + phrase[1:] if phrase else phrase


def meeting_when(text: str) -> str:
    """The meeting's day or time when this message names one ("on Thursday"), else ''."""
    for clause in re.split(r"(?<=[.!?;])\s+|,\s+(?:and|but)\s+", text):
        if (not _MEETING.search(clause) or _OTHER_MEETING.search(clause)) and not _NOT_DAY.search(clause):
            continue
        if _OWN_STEP.search(clause) and not re.search(r"(?i)\bmentor\b", clause):
            continue  # "I'll talk to Ravi in our 1:1 next Tuesday": the step's date, not the meeting's
        cleaned = _NOT_DAY.sub(" ", clause)  # "Thursday, not Monday": the day that is not negated
        found = _WHEN.search(cleaned)
        if found:
            return _tidy(found.group("x"))
    return ""


def due(text: str) -> str:
    """The time phrase inside a commitment ("by Friday"), else ''."""
    found = _WHEN.search(text)
    return _tidy(found.group("x")) if found else ""
