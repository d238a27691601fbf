"""Routing, in priority order: safety, logistics, off-topic, coaching.

Safety always wins: a protégé in distress gets care and contacts, never a coaching
question. Logistics ("how often do we meet?") get a direct cited answer, because a
Socratic question in reply to a factual question is unhelpful, not protégé-led.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# (severity, reason, pattern). Checked in order; the first match decides.
_SAFETY_RULES: list[tuple[str, str, re.Pattern[str]]] = [
    (
        "critical",
        "self-harm",
        re.compile(
            r"\b(kill(?:ing)? myself|suicid\w*|end(?:ing)? (?:it all|my (?:own )?life)|tak(?:e|ing) my (?:own )?life|"
            r"hurt(?:ing)? myself|self[- ]harm\w*|cut(?:ting)? myself|(?:don't|do not) want to "
            r"(?:live|be alive|be here anymore)|no reason to live|better off dead|"
            r"want to die|wish i (?:was|were) dead|can'?t go on)\b",
            re.I,
        ),
    ),
    (
        "critical",
        "harm to others",
        re.compile(
            r"\b(kill (?:him|her|them|my \w+)|hurt (?:him|her|them) badly|bring a (?:gun|weapon))\b",
            re.I,
        ),
    ),
    (
        "high",
        "harassment or abuse",
        re.compile(
            r"\b(harass\w*|sexual(?:ly)? (?:assault\w*|comments?|advances?)|assault\w*|abus\w*|"
            r"touch(?:ed|es|ing) me|threaten\w*|stalk\w*|groped|discriminat\w*|bull(?:y|ied|ying))\b",
            re.I,
        ),
    ),
    (
        "medium",
        "acute distress",
        re.compile(
            r"\b(can'?t (?:cope|take (?:it|this) anymore)|panic attacks?|breaking down|"
            r"falling apart|hopeless|in crisis|nervous breakdown|can'?t stop crying)\b",
            re.I,
        ),
    ),
]

_LOGISTICS = re.compile(
    r"\b(how (?:often|long|many times)|how frequently|who (?:schedules|sets up|books|organi[sz]es)|"
    r"(?:cancel|reschedul|postpon)\w*|confidential\w*|privacy|who (?:can|will) see|"
    r"(?:change|switch|swap|new|different) (?:my )?mentor|end (?:the|my|our) (?:pairing|mentorship)|"
    r"(?:whom|who) (?:do i|should i|to) (?:contact|talk to|email|call)|program (?:coordinator|office|"
    r"length|rules|handbook)|how long (?:is|does) the program|where (?:do|should) we meet|"
    r"meeting cadence|meet (?:online|in person|virtually))",
    re.I,
)
_LOGISTICS_QUESTIONISH = re.compile(r"\?|^\s*(how|who|what|when|where|can|do|does|is|are)\b", re.I)

_OFF_TOPIC = re.compile(
    r"\b(weather|recipe|cook(?:ing)? |football|soccer|basketball|score of the game|"
    r"write (?:me )?a (?:poem|song|story|joke)|tell me a joke|capital of|stock price|bitcoin|"
    r"movie recommendations?|horoscope|lottery|translate this)\b",
    re.I,
)
_WORK_WORDS = re.compile(
    r"\b(mentor|manager|career|job|work|team|goal|skill|promotion|meeting|project|lead|"
    r"colleague|boss|role|feedback|learn|grow|confidence)\w*",
    re.I,
)


@dataclass(frozen=True)
class SafetyFlag:
    severity: str  # critical | high | medium
    reason: str
    cue: str  # the words that triggered it, for staff review


def check_safety(text: str) -> SafetyFlag | None:
    for severity, reason, pattern in _SAFETY_RULES:
        m = pattern.search(text)
        if m:
            return SafetyFlag(severity=severity, reason=reason, cue=m.group(0))
    return None


def route(text: str) -> tuple[str, SafetyFlag | None]:
    """Return (route, safety flag): route is safety | logistics | off_topic | coach."""
    flag = check_safety(text)
    if flag:
        return "safety", flag
    if _LOGISTICS.search(text) and _LOGISTICS_QUESTIONISH.search(text):
        return "logistics", None
    if _OFF_TOPIC.search(text) and not _WORK_WORDS.search(text):
        return "off_topic", None
    return "coach", None
