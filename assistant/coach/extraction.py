"""Understanding with an LLM, when one is configured, checked against the protégé's words.

The offline reading (assistant.language.meaning) always runs. A model may find what the rules missed (a goal
said in an unusual way, an option buried in a story), but it may also paraphrase or
invent. So every string it returns must appear in the protégé's message (ignoring case,
punctuation and spacing); anything else is dropped. Slots stay in the protégé's words.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from assistant.language.acts import ActReading
from assistant.language.meaning import Meaning


class Extraction(BaseModel):
    """What the model is asked for (structured output); quotes only, no paraphrase."""

    goal: str = Field(default="", description="The protégé's goal, quoted exactly from the message, or empty.")
    timeframe: str = Field(default="", description="A deadline or date quoted from the message, or empty.")
    obstacles: list[str] = Field(default_factory=list, description="Quoted obstacles.")
    options: list[str] = Field(default_factory=list, description="Quoted options the protégé named.")
    commitment: str = Field(default="", description="A quoted commitment ('I'll ...'), or empty.")
    feelings: list[str] = Field(default_factory=list, description="Single feeling words the protégé used.")
    wants_answer: bool = Field(default=False, description="They ask to be told what to do.")


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w']+", " ", text.lower().replace("’", "'")).split())


def quoted(fragment: str, message: str) -> str:
    """The fragment if it is really in the message, else ''."""
    fragment = fragment.strip().strip("\"'“”")
    if len(fragment) < 2:
        return ""
    return fragment if _norm(fragment) and _norm(fragment) in _norm(message) else ""


def merge(rules: Meaning, extracted: Extraction | None) -> Meaning:
    """The offline reading first; the model only fills what it left empty, and only with
    quotes. A commitment still needs an intention the protégé owns (the parse decides)."""
    if extracted is None:
        return rules
    message = rules.text
    if not rules.goal and not rules.facts.reported_by_other:
        goal = re.sub(r"(?i)^to\s+", "", quoted(extracted.goal, message))
        if goal and not re.match(r"(?i)^i\b", goal):
            rules.goal = goal
    if not rules.option and extracted.options:
        rules.option = next((q for q in (quoted(o, message) for o in extracted.options) if q), "")
    if not rules.obstacle and extracted.obstacles:
        rules.obstacle = next((q for q in (quoted(o, message) for o in extracted.obstacles) if q), "")
    if not rules.commitment and rules.facts.owned_future:
        rules.commitment = quoted(extracted.commitment, message)
    words = set(_norm(message).split())
    rules.feelings = sorted({*rules.feelings, *(f.lower() for f in extracted.feelings if f.lower() in words)})
    if extracted.wants_answer and not rules.has("advice_request"):
        acts = rules.acts
        rules.acts = ActReading(acts.scores, (*acts.acts, "advice_request"), acts.confident)
    return rules


def parse_fallback(text: str) -> Extraction | None:
    """When a server ignores structured output, take the first JSON object in its reply."""
    match = re.search(r"\{.*\}", text or "", re.S)
    if not match:
        return None
    try:
        return Extraction.model_validate_json(match.group(0))
    except ValueError:
        return None
