"""The escalation path: care, the program contact and emergency resources; no coaching.

The contacts come from the program's own `escalation-policy.md` (programs edit it), read
straight from the file rather than through vector search: in a crisis the right section
must be found every time, not most of the time.
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant.coach.wording import unwrap
from assistant.records import Passage

POLICY_FILE = "escalation-policy.md"

# Used only when the program's policy file is missing or has no such section, so a
# person in crisis never gets an empty answer.
FALLBACK_EMERGENCY = (
    "If you are in immediate danger, call your local emergency number (911 in the US and "
    "Canada, 112 in the EU, 999 in the UK). In the US you can call or text 988 (Suicide & "
    "Crisis Lifeline); in the UK and Ireland, Samaritans answer on 116 123."
)
FALLBACK_CONTACT = "Please contact your mentoring program's coordinator."

OPENINGS = {
    "critical": (
        "Thank you for telling me. What you're going through sounds really serious, and "
        "you deserve support from a person right now, not a preparation exercise."
    ),
    "high": (
        "Thank you for telling me; that sounds really hard, and it isn't something you "
        "should have to handle on your own. This is beyond what I can help with, but there "
        "are people whose job is to help with exactly this."
    ),
    "medium": (
        "It sounds like things are very heavy right now, and I'm glad you said so. Your "
        "wellbeing matters more than any meeting preparation."
    ),
}
CLOSING = (
    "I've let the program team know that this conversation needs a person's attention. "
    "We can come back to preparing whenever you feel ready."
)


def _sections(path: Path) -> dict[str, str]:
    """Markdown `##`/`###` sections of a file: heading -> body text."""
    text = path.read_text(encoding="utf-8", errors="replace")
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)  # front matter
    out: dict[str, str] = {}
    for block in re.split(r"(?m)^(?=#{2,3} )", text):
        lines = block.strip().splitlines()
        if lines and lines[0].startswith("#"):
            out[lines[0].lstrip("#").strip()] = "\n".join(lines[1:]).strip()
    return out


def _find(sections: dict[str, str], *words: str) -> tuple[str, str] | None:
    for heading, body in sections.items():
        if any(w in heading.lower() for w in words) and body:
            return heading, body
    return None


def escalation_reply(knowledge_dir: Path, severity: str) -> tuple[str, list[Passage]]:
    """The message for a flagged turn, and the guidance sections it quotes."""
    path = knowledge_dir / POLICY_FILE
    sections = _sections(path) if path.is_file() else {}
    cited: list[Passage] = []
    parts = [OPENINGS.get(severity, OPENINGS["high"])]
    contact = _find(sections, "contact")
    emergency = _find(sections, "emergency", "crisis line", "urgent")
    if severity == "critical":
        order = [(emergency, FALLBACK_EMERGENCY), (contact, FALLBACK_CONTACT)]
    else:
        order = [(contact, FALLBACK_CONTACT), (emergency, FALLBACK_EMERGENCY)]
    for found, fallback in order:
        if found:
            heading, body = found
            parts.append(_plain(body))
            cited.append(Passage(text=body, source=POLICY_FILE, section=heading, score=1.0))
        else:
            parts.append(fallback)
    parts.append(CLOSING)
    return "\n\n".join(parts), cited


def _plain(markdown: str) -> str:
    """Keep lists and line breaks; drop blockquote markers and emphasis noise."""
    lines = [re.sub(r"^>\s?", "", line) for line in markdown.splitlines()]
    return unwrap("\n".join(lines))
