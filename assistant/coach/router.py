"""Routing after the safety check (assistant/safety): logistics, off-topic, coaching.

Safety always comes first and is decided in the turn pipeline (coach/turn.py). Logistics ("how often do we
meet?") get a direct cited answer, because a Socratic question in reply to a factual
question is unhelpful, not protégé-led.
"""

from __future__ import annotations

import re

from assistant.data import read

_RULES: dict[str, list[str]] = read("routing.yaml")


def _any_of(name: str, ending: str = "") -> re.Pattern[str]:
    """One pattern for a list in data/routing.yaml: any entry, from the start of a word."""
    return re.compile(rf"\b(?:{'|'.join(_RULES[name])}){ending}", re.I)


_LOGISTICS = _any_of("logistics")
_OFF_TOPIC = _any_of("off_topic", r"\b")
_WORK_WORDS = _any_of("work_words", r"\w*")
#: Words that make the program's escalation policy a fair source to cite ("who do I tell
#: about harassment?"); without them it is never shown, so nobody who talks about their
#: presentation is handed a self-harm policy.
_SAFETY_TOPIC = _any_of("safety_topic")
_QUESTION_START = re.compile(r"(?i)\s*(?:how|who|what|when|where|can|do|does|is|are)\b")


#: "what i want from my mentor meeting is to understand WHY…": a wh-word with its own subject
#: and then "is" opens a statement about what they want, not a question (blind review 14:
#: it was answered with the handbook's page on who schedules meetings).
_SAID_NOT_ASKED = re.compile(
    r"(?i)\s*(?:what|how|why|where|when|who)\s+(?:i|we|my\s+\w+|our\s+\w+)\s+(?:[\w'’]+\s+){1,8}?(?:is|was|'s)\b")


def asks(text: str) -> bool:
    """The message asks something (a question mark, or it opens like a question)."""
    if "?" in text:
        return True
    return bool(_QUESTION_START.match(text)) and not _SAID_NOT_ASKED.match(text)


def work_talk(text: str) -> bool:
    return bool(_WORK_WORDS.search(text))


def safety_topic(text: str) -> bool:
    return bool(_SAFETY_TOPIC.search(text))


def route(text: str) -> str:
    """logistics | off_topic | coach. Safety is decided before this, by assistant.safety."""
    if _LOGISTICS.search(text) and asks(text):
        return "logistics"
    if _OFF_TOPIC.search(text) and not _WORK_WORDS.search(text) and len(text.split()) <= 12:
        # "I do discipline and football. Also I'm knackered…" is about their work; a word of
        # another world in a longer message doesn't make the whole message off topic.
        return "off_topic"
    return "coach"
