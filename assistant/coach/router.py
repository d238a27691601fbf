"""Routing after the safety check (assistant/safety): logistics, off-topic, coaching.

Safety always comes first and is decided in the turn pipeline (coach/turn.py). Logistics ("how often do we
meet?") get a direct cited answer, because a Socratic question in reply to a factual
question is unhelpful, not protégé-led.
"""

from __future__ import annotations

import re

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


#: Words that make the program's escalation policy a fair source to cite ("who do I tell
#: about harassment?"); without them it is never shown, so nobody who talks about their
#: presentation is handed a self-harm policy.
_SAFETY_TOPIC = re.compile(
    r"\b(harass\w*|abus\w*|unsafe|safety|crisis|emergenc\w*|suicid\w*|self[- ]?harm|misconduct|"
    r"inappropriate|threat\w*|bull(?:y|ied|ying)|discriminat\w*|assault\w*|report(?:ing)? (?:a|my|him|her|them))",
    re.I,
)


def work_talk(text: str) -> bool:
    return bool(_WORK_WORDS.search(text))


def safety_topic(text: str) -> bool:
    return bool(_SAFETY_TOPIC.search(text))


def route(text: str) -> str:
    """logistics | off_topic | coach. Safety is decided before this, by assistant.safety."""
    if _LOGISTICS.search(text) and _LOGISTICS_QUESTIONISH.search(text):
        return "logistics"
    if _OFF_TOPIC.search(text) and not _WORK_WORDS.search(text):
        return "off_topic"
    return "coach"
