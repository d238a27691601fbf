"""What one protégé message means for the coach: its acts, and the words that carry them.

The trained act classifier says what the message does; the parse says whose words they
are and finds the span; the two are put together here under rules a coach would agree with
(a commitment needs an intention the protégé owns, never a negation, a question or
someone else's plan).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.language.acts import ActReading, inputs, read_acts
from assistant.language.features import ParseFacts, facts
from assistant.language.spans import (
    commitment_span,
    demand_span,
    feeling_words,
    goal_span,
    main_clause,
    option_span,
)

#: Slots a correction can name, by the words people use for them.
_SLOT_WORDS = (
    ("success", r"success|progress|win|outcome|good looks like|look like"),
    ("obstacles", r"obstacle|in the way|block|holding me back|problem|challenge"),
    ("options", r"option|choices?|alternatives?|ideas?"),
    ("next_step", r"next step|step|commitment|plan|action"),
    ("mentor_questions", r"questions?|ask (?:my|the) mentor"),
    ("reality", r"situation|where (?:i|things) (?:am|stand)|right now|context"),
    ("goal", r"goal|aim|what i want|topic|focus"),
)
_REVISION = re.compile(r"\b(?:actually|instead|rather|i mean|what i really|more like|no,? (?:i|it'?s)|"
                       r"not \w+,? (?:but|it'?s)|correction|change (?:it|that|my))\b", re.I)
_WHO_IS_IT = re.compile(r"\b(?:not (?:my|the) (\w+(?: \w+)?)|it'?s (?:my|the) (\w+(?: \w+)?),? not)\b", re.I)


@dataclass
class Meaning:
    text: str
    acts: ActReading
    facts: ParseFacts
    goal: str = ""
    demand: str = ""  # what someone else wants of them
    demand_by: str = ""  # ...and who ("my manager")
    situation: str = ""
    obstacle: str = ""
    success: str = ""
    option: str = ""
    commitment: str = ""
    mentor_question: str = ""
    feelings: list[str] = field(default_factory=list)
    strength: str = ""
    revises: bool = False  # "actually what I want is…"
    correction_slot: str = ""  # the slot a correction names ("that's not what I meant by success")

    def has(self, act: str) -> bool:
        return self.acts.has(act)

    @property
    def primary(self) -> str:
        return self.acts.acts[0]

    @property
    def meta(self) -> bool:
        """Talk about the conversation, the coach or something else: never reflected back."""
        return bool(set(self.acts.acts) & {"off_topic", "question_for_coach", "greeting", "low_effort",
                                            "advice_request", "agenda_edit", "agreement"}) and not self.content

    @property
    def content(self) -> bool:
        return any((self.goal, self.demand, self.situation, self.obstacle, self.success, self.option,
                    self.commitment, self.mentor_question, self.feelings, self.strength))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def read(text: str, embedding: list[float] | None = None) -> Meaning:
    """Acts from the classifier, spans from the parse, reconciled."""
    text = _one_line(text)
    x = inputs(text, embedding)
    acts = read_acts(text, x)
    f = facts(text)
    m = Meaning(text=text, acts=acts, facts=f)
    m.revises = bool(_REVISION.search(text))
    if acts.has("correction"):
        low = text.lower()
        m.correction_slot = next((slot for slot, words in _SLOT_WORDS if re.search(words, low)), "")
    if acts.has("goal") and not f.reported_by_other:
        m.goal = goal_span(text) or (main_clause(text) if not f.question else "")
    elif acts.has("goal"):
        # "My manager wants me to X, and honestly I want that too": own aim inside a report.
        m.goal = goal_span(text)
    if acts.has("others_demand"):
        m.demand_by, m.demand = demand_span(text)
        if not m.demand:
            m.demand = main_clause(text)
    if acts.has("commitment") and f.owned_future and not f.question:
        m.commitment = commitment_span(text) or main_clause(text)
    if acts.has("option"):
        m.option = option_span(text) or ("" if f.question else main_clause(text))
    if acts.has("feeling"):
        m.feelings = feeling_words(text)
    for act in ("situation", "obstacle", "success", "strength"):
        if acts.has(act) and not f.question:
            setattr(m, act, main_clause(text))
    if acts.has("question_for_mentor"):
        m.mentor_question = _mentor_question(text)
    return m


_ASK_LEAD = re.compile(
    r"^.*?\b(?:ask(?:ing)? (?:him|her|them|my mentor|[A-Z][a-z]+)|want to know|wonder(?:ing)?|"
    r"would like to know|curious)\s+(?:about\s+)?", re.I)


def _mentor_question(text: str) -> str:
    """The question they want to ask, without "I want to ask her" in front."""
    q = next((s.strip() for s in re.split(r"(?<=[?])\s+", text) if s.strip().endswith("?")), "")
    body = q or text
    stripped = _ASK_LEAD.sub("", body).strip(" ,.:;")
    return " ".join((stripped or body).split()[:25])
