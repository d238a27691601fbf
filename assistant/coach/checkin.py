"""Follow-through: the next preparation opens by asking how each open commitment went.

The protégé says how it went in their own words; we read an outcome from those words
(done, partly, not yet, dropped), ask once more only if we can't tell, and keep their
words as the reflection. Outcomes flow into the workspace and into the agenda's catch-up.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.coach import templates as T
from assistant.coach.state import CoachState
from assistant.coach.understand import Understanding
from assistant.coach.wording import as_you, sentence

# Checked in this order: "I didn't finish it" is partly, not done; "not yet" beats "did".
_OUTCOME_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("dropped", re.compile(
        r"\b(?:dropped|drop(?:ping)? it|gave up|given up|decided (?:not to|against)|no longer|"
        r"not (?:relevant|needed|important) any ?more|let it go|abandoned|scrapped|"
        r"cancel+ed it|not doing it)\b", re.I)),
    ("partly", re.compile(
        r"\b(?:partly|partially|half(?:way)?|some of it|part of it|started|began|a bit|sort of|kind of|"
        r"in progress|not (?:all|completely|fully|quite)|didn't finish|did not finish|almost|mostly)\b", re.I)),
    ("not_yet", re.compile(
        r"\b(?:not yet|haven't|have not|hasn't|didn't|did not|couldn't|could not|no time|never got|"
        r"didn't get (?:to|round|around)|still (?:need|have) to|postponed|put (?:it )?off|nope|no\b)", re.I)),
    ("done", re.compile(
        r"\b(?:done|did it|i did|finished|completed|managed|went (?:well|ok|okay|fine|great)|yes|yep|yeah|"
        r"talked to|spoke (?:to|with)|sent|asked|met (?:with)?|wrote|shipped|presented|had the)\b", re.I)),
)
_STATUS_WORDS = {"done": "done", "partly": "partly done", "not_yet": "not done yet", "dropped": "dropped"}


def outcome_of(text: str) -> str | None:
    norm = text.replace("’", "'")
    for status, pattern in _OUTCOME_RULES:
        if pattern.search(norm):
            return status
    return None


def opening(review: list[dict[str, Any]]) -> str:
    """The first message of a returning protégé's thread: their first open commitment."""
    first = as_you(str(review[0]["text"]), max_words=24)
    more = " (and we'll come to the others)" if len(review) > 1 else ""
    return T.CHECKIN_OPENING.format(x=first, more=more)


def review_pending(state: CoachState) -> bool:
    return int(state.get("review_at", 0)) < len(state.get("review", []))


def review_move(state: CoachState, u: Understanding) -> tuple[str, str, str, dict[str, Any]]:
    """(move, text, question, updates) for a reply about the commitment under review."""
    review = state.get("review", [])
    at = int(state.get("review_at", 0))
    item = review[at]
    status = outcome_of(u.text)
    words = " ".join(u.text.split())[:1000]  # kept verbatim: it is their reflection
    if status is None and not state.get("review_retry"):
        question = T.CHECKIN_STATUS_QUESTION
        lead = sentence(f"Thanks: {as_you(u.text)}") if u.substantive else ""
        retry = {"review_retry": True, "review_words": words}
        return "reflection+question", f"{lead} {question}".strip(), question, retry
    earlier = state.get("review_words", "") if state.get("review_retry") else ""
    reflection = " ".join(x for x in (earlier, words) if x)
    outcome = {"id": item["id"], "text": item["text"], "status": status or "", "reflection": reflection}
    updates: dict[str, Any] = {
        "review_outcomes": [*state.get("review_outcomes", []), outcome],
        "review_at": at + 1,
        "review_retry": False,
        "review_words": "",
    }
    ack = T.CHECKIN_ACK.get(status or "", T.CHECKIN_ACK[""])
    said = sentence(as_you(u.text, max_words=30)) if u.substantive and status and len(u.text.split()) > 2 else ""
    lead = " ".join(x for x in (said, ack) if x)
    if at + 1 < len(review):
        question = T.CHECKIN_NEXT.format(x=as_you(str(review[at + 1]["text"]), max_words=24))
        return "reflection+question", f"{lead} {question}", question, updates
    question = T.CHECKIN_DONE_QUESTION
    updates["target"] = "goal"
    return "reflection+question", f"{lead} {question}", question, updates


def catch_up_line(outcomes: list[dict[str, Any]]) -> str:
    """How last time's commitments went, in the protégé's words, for the agenda."""
    parts = []
    for o in outcomes:
        status = _STATUS_WORDS.get(o.get("status", ""), "not sure yet")
        words = f": “{o['reflection']}”" if o.get("reflection") else ""
        parts.append(f"“{o['text']}”, {status}{words}")
    return "; ".join(parts)
