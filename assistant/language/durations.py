"""How long the meeting is, as a protégé says it: "30 mins", "Forty minutes", "an hour, but
more like forty minutes", "We have an hour, though I'd like to leave ten minutes for her".

The agenda keeps to it (coach/agenda_limits.py), and a sentence that only says it is no news
about where things stand (language/meaning.py).
"""

from __future__ import annotations

import re

_TENS = {"ten": 10, "fifteen": 15, "twenty": 20, "twenty-five": 25, "twenty five": 25, "thirty": 30, "forty": 40,
         "forty-five": 45, "forty five": 45, "fifty": 50, "sixty": 60, "ninety": 90}
#: "30 mins", "a 20-minute call", "45 minutes", "Forty minutes", "an hour", "half an hour".
_TOTAL = re.compile(r"(?i)\b(?P<n>\d{1,3}|" + "|".join(sorted(_TENS, key=len, reverse=True)) + r")\s*-?\s*"
                    r"(?:min(?:ute)?s?|mins?)\b|\b(?P<half>half an hour|half-hour|half hour)\b|"
                    r"\b(?P<hour>an hour and a half|one and a half hours?|(?:an|one|1)\s*(?:hour|hr)s?)\b")
#: A value said as the one to plan for ("fit in 45 minutes", "plan for 45", "30 min max").
_MEANT = re.compile(r"(?i)(?:fit (?:in|into|within)|plan for|keep it (?:to|under)|no more than|under|only|max(?:imum)?|"
                    r"more like|really|limit(?: it)? to)\s*(?:about |around |roughly )?$")
#: Minutes kept aside ("leave ten minutes for her to ask me questions").
_RESERVED = re.compile(r"(?i)\b(?:leave|save|keep|reserve|set aside)\s+(?:about |around )?$")


def _minutes(found: re.Match[str]) -> int:
    if found.group("half"):
        return 30
    if found.group("hour"):
        return 90 if "half" in found.group("hour").lower() else 60
    n = found.group("n").lower()
    return int(n) if n.isdigit() else _TENS[n]


def session_minutes(text: str) -> int | None:
    """The time they have for the meeting, if the message says it: the value said as the one to
    plan for, else the last one said ("an hour, but more like forty minutes"), less what they
    keep aside ("We have an hour, though I'd like to leave ten minutes for her")."""
    said, meant, reserved = [], [], 0
    for found in _TOTAL.finditer(text):
        value, before = _minutes(found), text[max(0, found.start() - 30): found.start()]
        if _RESERVED.search(before):
            reserved += value
        elif 10 <= value <= 180:
            said.append(value)
            if _MEANT.search(before) or re.match(r"(?i)\s*max\b", text[found.end():]):
                meant.append(value)
    total = meant[-1] if meant else said[-1] if said else None
    if total is not None and reserved and total - reserved >= 10:
        total -= reserved
    return total


#: Said of the meeting: a length in a message about something else ("I spent 30 minutes on the
#: report") is not the time they have.
_ABOUT_MEETING = re.compile(r"(?i)\b(?:meeting|session|call|chat|catch-?up|sync|1:1|one-to-one|agenda|slot|"
                            r"we (?:have|get|got|only have)|(?:she|he|they) (?:has|have|gives? us|is free|'s free)|"
                            r"free (?:for|only)|gives? us)\b")


def said_session_length(text: str) -> int | None:
    """The meeting's length, when the message speaks of the meeting ("We have 25 minutes; she has a
    client at 8:30"); kept by the thread so the draft fits it whenever it is asked for."""
    return session_minutes(text) if _ABOUT_MEETING.search(text) else None
