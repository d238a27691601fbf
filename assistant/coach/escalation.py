"""What the assistant says when the safety detector escalates: care first, then the
program's own contacts and emergency resources, then a gentle question about safety.
No coaching.

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

#: (tier, category) -> opening; category "" is the tier's default.
OPENINGS: dict[tuple[str, str], str] = {
    ("crisis", ""): (
        "Thank you for telling me. I'm really glad you did. What you're going through sounds "
        "serious, and you deserve support from a person right now, not a preparation exercise. "
        "Please reach out to one of these now:"
    ),
    ("crisis", "harm_others"): (
        "It sounds like you're really angry right now, angry enough to think about hurting "
        "someone. Before anything else, please put some distance between you and the situation "
        "and talk to someone now:"
    ),
    ("concern", ""): (
        "Thank you for telling me. It sounds like things have been really heavy. Sometimes when "
        "things feel like this, people have thoughts of not wanting to be alive. If any part of "
        "that is true for you, you don't have to carry it alone, and there are people you can "
        "talk to right now:"
    ),
    ("concern", "abuse"): (
        "Thank you for telling me. What you're describing is not okay, and it is not your fault. "
        "You don't have to deal with it on your own:"
    ),
    ("concern", "harm_others"): (
        "It sounds like you're really angry, and I'm glad you said it here. If you're worried "
        "you might hurt someone, please talk to someone now:"
    ),
}
CLOSINGS: dict[str, str] = {
    "": (
        "Are you safe right now? I'm here, and we can keep talking about how you're feeling. "
        "We'll only go back to preparing for your meeting when you say so."
    ),
    "abuse": (
        "Are you safe right now? We can keep talking about what happened, and we'll only go "
        "back to preparing for your meeting when you say so."
    ),
    "harm_others": "I'm here if you want to keep talking about what happened.",
}
#: The closing when the classifier alone raised it (no explicit words): carrying on with their
#: preparation is their answer too (safety_replies.support_turn), so the reply says so rather
#: than promising to wait for a request they may never need to make.
CLOSING_READ = (
    "Are you safe right now? I'm here, and we can keep talking about how you're feeling. If I've "
    "read you wrong, just say so, or carry on with your preparation."
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


def resources(knowledge_dir: Path, contact_first: bool) -> tuple[list[str], list[Passage]]:
    """The program's contact and emergency sections as plain text, and their citations."""
    path = knowledge_dir / POLICY_FILE
    sections = _sections(path) if path.is_file() else {}
    contact = _find(sections, "contact")
    emergency = _find(sections, "emergency", "crisis line", "urgent")
    order = [(contact, FALLBACK_CONTACT), (emergency, FALLBACK_EMERGENCY)]
    if not contact_first:
        order.reverse()
    parts: list[str] = []
    cited: list[Passage] = []
    for found, fallback in order:
        if found:
            heading, body = found
            parts.append(_plain(body))
            cited.append(Passage(text=body, source=POLICY_FILE, section=heading, score=1.0))
        else:
            parts.append(fallback)
    return parts, cited


def escalation_reply(knowledge_dir: Path, tier: str, category: str = "", read_only: bool = False
                     ) -> tuple[str, list[Passage]]:
    """The message for a crisis or concern turn, and the guidance sections it quotes.
    `read_only`: a concern the classifier alone read into their words."""
    opening = OPENINGS.get((tier, category)) or OPENINGS.get((tier, "")) or OPENINGS[("crisis", "")]
    # Abuse is first a matter for the program's safeguarding contact; a life at risk is first
    # a matter for emergency lines.
    parts, cited = resources(knowledge_dir, contact_first=category == "abuse")
    if category != "abuse":
        # Someone thinking of ending their life doesn't need the misconduct-reporting lines.
        parts = [_without_reporting(p) for p in parts]
    closing = CLOSINGS.get(category, CLOSINGS[""])
    if read_only and tier == "concern" and category not in CLOSINGS:
        closing = CLOSING_READ
    return "\n\n".join([opening, *parts, closing]), cited


_REPORTING = re.compile(r"\b(?:harass\w*|misconduct|inappropriate|report(?:ing)?|concern is looked into)\b", re.I)


def _without_reporting(text: str) -> str:
    kept = [s for s in re.split(r"(?<=[.!?])\s+", text) if not _REPORTING.search(s)]
    return " ".join(kept) if kept else text


def _plain(markdown: str) -> str:
    """Keep lists and line breaks; drop blockquote markers and emphasis noise."""
    lines = [re.sub(r"^>\s?", "", line) for line in markdown.splitlines()]
    return unwrap("\n".join(lines))
