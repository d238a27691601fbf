"""The mentor question linter: flags wording that takes the lead from the protégé.

Six flags, each with the words that triggered it, a one-line reason a mentor can act on,
and an open rewrite (itself checked by the linter). Advice disguised as a question is
found with the evaluation suite's coder, so the linter and the runtime guard agree.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

FLAGS = ("closed", "leading", "advice", "double_barrelled", "judgmental_why", "jargon")
MAX_QUESTIONS = 5000

EXPLANATIONS = {
    "closed": "A yes/no or either/or question invites a one-word answer; an open question invites thinking.",
    "leading": "The wording signals the answer you expect, so the protégé hears your view instead of finding theirs.",
    "advice": "This is advice phrased as a question: it puts your solution on the table before theirs.",
    "double_barrelled": "Two questions at once: the protégé will answer one, usually the easier one.",
    "judgmental_why": "'Why did you...' about someone's choices can sound like blame and invites defending.",
    "jargon": "Jargon puts distance between you; plain words keep the question about their situation.",
}

_LEADING = re.compile(
    r"\b(?:don't|do not) you (?:think|feel|agree)\b|\bwouldn't you (?:agree|say)\b|"
    r"^(?:isn't it|is it not|aren't you|doesn't it|wouldn't it be|surely|obviously|clearly)\b|"
    r",\s*(?:right|correct|yes|no|(?:do|did|are|is|was|were|would|have|can)(?:n't)? (?:you|it|they|we))\?$|"
    r"\byou'd agree\b|"
    r"\bwouldn't you want\b|"
    r"\bdon't you want\b|\bshouldn't it\b|\bcan't you see\b|\bhaven't you (?:noticed|realised|realized)\b",
    re.I,
)
_CLOSED_START = re.compile(
    r"^(?:do|does|did|is|are|was|were|can|could|would|will|should|have|has|had|am|shall|may|might|"
    r"isn't|aren't|don't|doesn't|didn't|won't|wouldn't|couldn't|haven't|hasn't|shouldn't|any chance)\b",
    re.I,
)
_WH = r"(?:what|how|why|when|where|who|which|whom)"
_DOUBLE = re.compile(
    rf"\?\s*\S|\b(?:and|or|,)\s+(?:also\s+)?{_WH}\b|\b(?:and|or)\s+(?:do|does|did|is|are|can|could|would|will|should|have|has)\s+you\b",
    re.I,
)
_WHY = re.compile(
    r"^(?:so,?\s+|and\s+|but\s+)?why\s+(?:on earth\s+)?(?:did|didn't|do|don't|would|wouldn't|are|aren't|were|weren't|"
    r"haven't|hasn't|can't|won't|couldn't|is|isn't)\s+(?:you|your)\b",
    re.I,
)
JARGON = {
    "synergy": "working together", "synergies": "ways of working together", "leverage": "use",
    "bandwidth": "time", "circle back": "come back", "deep dive": "closer look", "low-hanging fruit": "easy wins",
    "move the needle": "make a difference", "kpi": "measure", "kpis": "measures", "okr": "goal", "okrs": "goals",
    "north star": "main aim", "paradigm": "way of thinking", "alignment": "agreement",
    "stakeholder management": "working with the people involved", "stakeholders": "people involved",
    "value-add": "value", "touch base": "talk", "ping": "message", "double-click": "look more closely",
    "boil the ocean": "do everything at once", "actionable": "practical", "learnings": "lessons",
    "core competencies": "main strengths", "thought leadership": "sharing your ideas", "deliverables": "results",
    "growth mindset": "openness to learning", "upskill": "learn", "upskilling": "learning",
    "ideate": "come up with ideas", "operationalize": "put into practice", "incentivize": "encourage",
    "holistic": "whole", "best practices": "ways that work", "game changer": "big change",
    "pivot": "change direction", "onboarding": "getting started", "cadence": "rhythm",
    "runway": "time", "headwinds": "obstacles", "blockers": "obstacles", "wheelhouse": "strengths",
}
_JARGON = re.compile(r"\b(" + "|".join(re.escape(j) for j in sorted(JARGON, key=len, reverse=True)) + r")\b", re.I)


class LintInputError(ValueError):
    """The questions file can't be read as questions; the message says what to fix."""


@dataclass(frozen=True)
class Flag:
    kind: str
    cue: str
    explanation: str


@dataclass(frozen=True)
class LintResult:
    question: str
    flags: tuple[Flag, ...]
    rewrite: str

    @property
    def ok(self) -> bool:
        return not self.flags

    @property
    def kinds(self) -> list[str]:
        return [f.kind for f in self.flags]

    def to_dict(self) -> dict[str, object]:
        return {
            "question": self.question,
            "ok": self.ok,
            "flags": [{"kind": f.kind, "cue": f.cue, "explanation": f.explanation} for f in self.flags],
            "rewrite": self.rewrite,
        }


def _advice_cue(text: str) -> str:
    from eval.coder import code_utterance

    for code in code_utterance(text).codes:
        if code.code in ("persuade", "persuade_with_permission"):
            match = re.search(r'"([^"]+)"', code.cue)
            return match.group(1) if match else code.cue
    return ""


def find_flags(text: str) -> list[Flag]:
    q = " ".join(text.split())
    bare = re.sub(r"^(?:so|and|but|okay|ok|well|now)\b[,]?\s+", "", q, flags=re.I)
    flags: list[Flag] = []

    def add(kind: str, cue: str) -> None:
        flags.append(Flag(kind, cue.strip(), EXPLANATIONS[kind]))

    if cue := _advice_cue(bare):
        add("advice", cue)
    if m := _LEADING.search(bare):
        add("leading", m.group(0))
    if (m := _WHY.search(bare)) and not flags:
        add("judgmental_why", m.group(0))
    if not flags and (m := _CLOSED_START.match(bare)):
        add("closed", m.group(0))
    if m := _DOUBLE.search(bare.rstrip("?").strip() + "?" if bare.count("?") <= 1 else bare):
        add("double_barrelled", m.group(0).strip(" ,?") or "two questions")
    if m := _JARGON.search(bare):
        add("jargon", m.group(0))
    return flags


def lint_question(text: str) -> LintResult:
    question = " ".join((text or "").split())
    flags = tuple(find_flags(question))
    return LintResult(question, flags, rewrite(question, flags) if flags else "")


def lint_questions(texts: Iterable[str]) -> list[LintResult]:
    return [lint_question(t) for t in texts]


GENERIC_REWRITE = "What would be most useful for you to explore here?"


def rewrite(question: str, flags: tuple[Flag, ...]) -> str:
    """An open rewrite that keeps the topic where a simple transformation allows."""
    kinds = {f.kind for f in flags}
    text = question.strip()
    for jargon, plain in JARGON.items():
        text = re.sub(rf"\b{re.escape(jargon)}\b", plain, text, flags=re.I)
    if "double_barrelled" in kinds:
        first = re.split(rf"\?\s*|\s*(?:\band\b|\bor\b|,)\s+(?=(?:also\s+)?{_WH}\b)", text, maxsplit=1, flags=re.I)[0]
        text = first.rstrip(" ,?") + "?"
    if "advice" in kinds:
        text = "What options can you see for moving this forward?"
    elif "leading" in kinds:
        text = "What is your own view on this?"
    elif "judgmental_why" in kinds:
        text = _why_rewrite(text)
    elif "closed" in kinds:
        text = _open_up(text)
    candidate = text[0].upper() + text[1:] if text else GENERIC_REWRITE
    return candidate if not find_flags(candidate) else GENERIC_REWRITE


def _why_rewrite(text: str) -> str:
    m = re.match(r"(?i)^(?:so,?\s+)?why\s+(did|didn't|haven't|hasn't|can't|won't|couldn't|are|aren't|do|don't|would|wouldn't|were|is|isn't)\s+you\s+(.*?)\??$", text)
    if not m:
        return "What led to this, as you see it?"
    aux, rest = m.group(1).lower(), m.group(2)
    rest = re.sub(r"^(?:still|ever|always|even)\s+", "", rest)
    if aux in ("didn't", "haven't", "hasn't", "can't", "won't", "couldn't", "don't", "wouldn't", "aren't", "isn't"):
        return f"What got in the way of {_gerund(rest)}?"
    return f"What led you to {rest}?" if aux in ("did", "would", "do") else f"What keeps you {rest}?"


def _gerund(phrase: str) -> str:
    words = phrase.split()
    if not words:
        return phrase
    verb = words[0].lower()
    if verb.endswith("e") and not verb.endswith("ee"):
        verb = verb[:-1] + "ing"
    elif not verb.endswith("ing"):
        verb += "ing"
    return " ".join([verb, *words[1:]])


def _open_up(text: str) -> str:
    m = re.match(r"(?i)^(?:do|did|does|would|will|could|can)\s+you\s+(like|enjoy|want|need|feel|think|prefer|know)\s+(.*?)\??$", text)
    if m:
        verb, rest = m.group(1).lower(), m.group(2)
        if verb in ("like", "enjoy"):
            return f"What do you {verb} about {rest}?"
        if verb in ("think", "feel") and rest.lower().startswith(("that ", "it ")):
            return f"What do you make of {rest.split(' ', 1)[1] if ' ' in rest else rest}?"
        return f"What do you {verb} {rest}?" if verb in ("want", "need", "know") else f"How do you {verb} about {rest}?"
    m = re.match(r"(?i)^(?:are|were|am)\s+you\s+\w+\s+(?:about|with|of)\s+(.*?)\??$", text)
    if m:
        return f"How are you feeling about {m.group(1)}?"
    m = re.match(r"(?i)^(?:are|were|am)\s+you\s+(.*?)\??$", text)
    if m:
        return f"What is it like for you, being {m.group(1)}?"
    m = re.match(r"(?i)^(?:is|was)\s+(.+)\s+(\w+)\??$", text)
    if m and not re.search(r"(?i)\b(?:a|an|the|my|your)$", m.group(1)):
        return f"How {m.group(2)} does {m.group(1)} seem to you?"
    m = re.match(r"(?i)^(?:have|has|had|did)\s+you\s+(.*?)\??$", text)
    if m:
        return f"What has happened so far with {m.group(1)}?"
    return GENERIC_REWRITE


def read_questions(path: Path) -> list[str]:
    """Questions from a text file (one per line; '#' comments) or a CSV with a question/text column."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LintInputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if b"\x00" in raw[:8192]:
        raise LintInputError(f"{path} looks like a binary file; give one question per line, or a CSV.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LintInputError(f"{path} is not UTF-8 text; save it as UTF-8.") from None
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        column = next((c for c in ("question", "text") if c in (reader.fieldnames or [])), None)
        if column is None:
            raise LintInputError(
                f"{path} has no 'question' or 'text' column (columns: {', '.join(reader.fieldnames or [])})."
            )
        questions = [(row.get(column) or "").strip() for row in reader]
    else:
        questions = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    questions = [q for q in questions if q]
    if not questions:
        raise LintInputError(f"{path} has no questions.")
    if len(questions) > MAX_QUESTIONS:
        raise LintInputError(f"{path} has {len(questions)} questions; the limit is {MAX_QUESTIONS} per run.")
    return questions
