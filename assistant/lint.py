"""The mentor question linter: flags wording that takes the lead from the protégé.

Six flags, each with the words that triggered it, one sentence a mentor can act on, and an
open rewrite that itself passes the linter. Rules, not a model: every decision shows its cue,
and the labelled set in eval/labelled/mentor-questions.csv measures them (eval.lint_eval).

Labelling decisions the rules follow (documented in that file's notes):
- "or" inside an open question ("What would you like to keep or change?") is not a forced
  choice; "Which do you prefer, A or B?" and "Is it A or B?" are.
- "why" asking for values or a theory of events ("Why does this matter to you?") is open;
  "why" asking someone to justify a choice or a failing ("Why didn't you...") is judgmental.
- A yes/no question that proposes the mentor's action ("Could you ask your manager?") is
  advice, not merely closed; "Could you say more?" is an invitation and passes.
- Advice and leading take precedence over closed; several flags apply when several do.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from assistant.data import read
from assistant.language.verbs import gerund

FLAGS = ("closed", "leading", "advice", "double_barrelled", "judgmental_why", "jargon")
MAX_QUESTIONS = 5000

EXPLANATIONS = {
    "closed": "A yes/no or either/or question invites a one-word answer; an open question invites them to think aloud.",
    "leading": "The wording signals the answer you expect, so the protégé hears your view instead of finding their own.",
    "advice": "This is advice phrased as a question: it puts your solution on the table before they have found theirs.",
    "double_barrelled": "Two questions at once: the protégé will answer one, usually the easier one.",
    "judgmental_why": "'Why did you...' about someone's choices can sound like blame and invites them to defend rather than reflect.",
    "jargon": "Jargon puts distance between you; plain words keep the question about their situation.",
}

_WH = r"(?:what|how|why|when|where|who|whom|whose|which)"
_AUX = r"(?:do|does|did|is|are|was|were|can|could|would|will|should|have|has|had|am|shall|may|might|must)"
_NEG = (r"(?:don't|doesn't|didn't|isn't|aren't|wasn't|weren't|haven't|hasn't|hadn't|won't|wouldn't|can't|couldn't|"
        r"mustn't|ain't)")
_SUBJECT = r"(?:i|you|your|it|they|we|he|she|there|the|this|that|my|his|her|their|anyone)"
# Verbs that turn "Could you ...?" into the mentor's proposed action rather than an invitation to talk.
_ACTION = (r"(?:ask|talk|speak|delegate|reach out|e-?mail|write|set|schedule|block|book|join|apply|volunteer|take|"
           r"start|stop|say no|push back|raise|tell(?! (?:me|us)\b)|try|send|call|bring|find|use|practi[cs]e|prepare|"
           r"plan|look for|get|go|make|put|give|hand|drop|skip|move|change|switch|let|focus|spend|update|create|build|"
           r"offer|request|propose|arrange|meet|sign up|keep|quit|leave|wait|escalate|mention|invite|pitch|network|"
           r"negotiate|shadow|reach|check|push)")
_INVITATION = re.compile(
    r"^(?:(?:could|can|would|will) (?:you|we) (?:please )?(?:just )?(?:say|tell (?:me|us)|walk|talk (?:me|us)|describe|"
    r"explain|share (?:more|what|how|a bit|an example)|expand|elaborate|unpack|give (?:me |us )?(?:an? )?example|"
    r"help me understand|double-click|dig|go deeper|explore|look more)|tell (?:me|us)|say more|walk me|talk me|"
    r"describe|help me understand)\b",
    re.I,
)

# Asking leave to offer something hands the choice back (MI's "ask permission"): neither advice nor closed.
_PERMISSION = re.compile(
    r"^(?!(?:may|can|could) i (?:suggest|recommend) (?:that )?you\b)(?:may i|can i|could i|would it be (?:ok|okay|alright|all right) if i|would it help (?:if i|to hear)|"
    r"would you like (?:me to|to hear)|do you want (?:me to|to hear))\b",
    re.I,
)
_NOT_GERUND = r"(?!(?:thing|nothing|something|anything|everything|meeting|morning|evening|feeling|timing|ending|funding|wedding|building|training|being)\b)"

_ADVICE = [re.compile(p, re.I) for p in (
    r"(?:^|,\s*)have you (?:ever )?(?:considered|thought about|thought of|tried|looked into)\b(?=\s+\S)"
    r"(?!\s+(?:what|how|why|when|where|who|which|whether|if|anything|any|something|that|it|so|yet|already|before|recently)\b)",
    r"^why (?:don't|do not) you\b(?!\s+(?:think|feel|want|like|know|ever)\b)",
    r"^why not\b(?=\s+\w)",
    r"^what if you (?:just |simply |maybe |perhaps |instead )?(?:tried|were to|said|took|made|went|spoke|gave|told|"
    r"wrote|sent|met|began|brought|found|put|let|set|did|got|chose|kept|stopped|asked|started|talked|delegated|"
    r"volunteered|reached|booked|scheduled|blocked|applied|offered|shared|raised|pushed|called|e-?mailed|joined|"
    r"practi[cs]ed|focused|used|moved|changed|switched|waited|mentioned|escalated|negotiated|invited|created|built)\b",
    # "How about the other offer: how does it compare?" changes topic; it proposes nothing.
    rf"^how about\b(?!\s+(?:we|us|your|this|that|it|them|him|her|now|then)\b)(?!\s+you\s*(?:[:,?.!]|$))(?![^?]*[:,]\s*{_WH}\b)(?=\s+\w)",
    rf"^what about (?:maybe |just )?{_NOT_GERUND}\w+ing\b",
    rf"^(?:could|can) you (?:maybe |perhaps |possibly |just |please )?(?:try|consider|{_ACTION})\b",
    r"^would you (?:maybe |perhaps )?(?:consider|try|be (?:open|willing) to|think about \w+ing)\b",
    rf"^(?:i think |maybe )?you could (?:always |just |maybe |also )?(?:try|{_ACTION})\b",
    r"\b(?:it|this) (?:might|may|could|would) (?:help|be (?:good|worth|useful|wise|better))(?: for you)? to\b",
    rf"^do you think you (?:could|can|should|might|ought to) (?:maybe |just )?(?:try|consider|{_ACTION})\b",
    r"\b(?:shouldn't you|should you not)\b",
    r"\b(?:maybe|perhaps) (?:you|we) (?:could|should|can|might|need to|ought to)\b",
    r"\b(?:wouldn't|would) it (?:not )?be (?:better|easier|wiser|smarter|best|a good idea|worth)\b",
    r"\b(?:isn't|is) it (?:not )?time (?:you|to|for you)\b",
    r"\b(?:doesn't|wouldn't|would|does) it (?:not )?make (?:more )?sense to\b",
    r"^(?:is|isn't|would|wouldn't|will|might) it (?:not )?(?:be )?(?:worth (?:\w+ing|it to)|help(?:ful)? (?:to|if)|a good idea to)\b",
    rf"^(?:what do you think|how would you feel) (?:about|of) (?:maybe |perhaps |just )?{_NOT_GERUND}\w+ing\b",
    r"\bif i were you\b",
    r"^(?:may|can|could) i (?:suggest|recommend) (?:that )?you\b",
    r"\bi(?:'d| would)? (?:recommend|suggest|advise|encourage you|urge you)\b",
    r"\bmy (?:advice|suggestion|recommendation)\b",
    r"^(?:i think |i guess |honestly,? )?you (?:really )?(?:should|need to|must(?! be| feel| have been)|ought to|have to|'d better|had better)\b",
    rf"^(?!{_WH}\b).*\b(?:think|guess|feel|suppose|sure) you (?:should|need to|must|ought to)\b",
    r"^(?:just |maybe |please )?(?:try|make sure|remember to|don't forget to|focus on|talk to|speak to|delegate|"
    r"block out|book|schedule|set up|email|reach out|volunteer|start by|stop)\b(?=[^?]*$)",
)]

_LEADING = [re.compile(p, re.I) for p in (
    rf"^(?:{_NEG}|do you not|is it not|are you not|would it not|would you not)(?:\s+(?:you|it|that|this|the|there)\b)?"
    r"(?:\s+(?:think|feel|agree|say|rather|want|see|true|obvious|time|amazing|great|better|easier|make sense)\b)?",
    r"^(?:surely|obviously|clearly|of course|naturally|i'm sure|i am sure|i bet)\b",
    rf",\s*(?:(?:{_AUX}|{_NEG})\s+(?:i|you|it|they|we|he|she|that|there)(?:\s+(?:think|say|agree|feel))?|right|correct|"
    r"yes|no|true|agreed|yeah|surely)\s*(?:[?.!]+|$)",
    r"^you(?:'d| would)? agree\b",
    r"(?:^|[.!?]\s+)right\?$",
)]

_WHY = re.compile(
    r"^why (?:on earth |exactly |ever )?(?:(?:did|didn't|would|wouldn't|haven't|hasn't|hadn't|can't|couldn't|won't|"
    r"weren't|wasn't|aren't) (?:you|anyone|anybody|someone)\b|(?:are|were) you (?:still|so|always|even|not|never)\b|"
    r"do you (?:keep|always|never|still|let|insist|even)\b|do(?:n't)? you ever\b)",
    re.I,
)

_CLOSED = [re.compile(p, re.I) for p in (
    rf"^{_AUX}\b",
    r"^which\b[^?]*[,:]\s+(?!or\b)(?P<cue>[^?,]+\bor\b[^?]+?)\??$",
    rf"^(?P<cue>you(?:'re|'ve|'ll|'d)?)\b(?![^?]*\b{_WH}\b)[^?]*\?$",
    r"^(?:any|anything)\b",
)]

_DOUBLE_CONJ = [re.compile(p, re.I) for p in (
    rf"\b(?:and|or),?\s+(?:also\s+)?{_WH}(?:'[a-z]+)?\b(?=(?:\s+[\w'-]+){{2}})",
    # "..., or is it something else?" leaves room for another answer; it asks nothing new.
    rf"\b(?:and|or),?\s+(?:{_AUX}|{_NEG})\s+{_SUBJECT}\b(?!\s+(?:\w+\s+)?(?:something|anything) else\b)",
    r"\band that (?:you|it|they|we|he|she|the|your|this)\b",
)]
_QUESTION_START = re.compile(rf"^(?:{_WH}|{_AUX}|{_NEG}|tell|describe|walk|talk|say|explain|in what|to what)\b", re.I)

#: Jargon -> plain words (data/jargon.yaml).
JARGON: dict[str, str] = read("jargon.yaml")
_JARGON = re.compile(r"(?<![\w-])(" + "|".join(re.escape(j) for j in sorted(JARGON, key=len, reverse=True)) + r")(?![\w-])", re.I)
_DISCOURSE = re.compile(r"^(?:(?:so|and|but|okay|ok|well|now|then|also|right|honestly)\b,?\s+)+", re.I)


class LintInputError(ValueError):
    """The questions file can't be read as questions; the message says what to fix."""


@dataclass(frozen=True)
class Flag:
    """One reason a question may steer: its kind ("leading", "advice", "jargon"…), the words
    that showed it, and why that matters to the protégé answering."""

    kind: str
    cue: str
    explanation: str


@dataclass(frozen=True)
class LintResult:
    """A question as the mentor wrote it, what the linter found, and a rewrite that asks instead."""

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


def _normal(text: str) -> str:
    return " ".join((text or "").replace("\u2019", "'").replace("\u2018", "'").split())


def _first(patterns: list[re.Pattern[str]], text: str) -> str:
    for rx in patterns:
        if m := rx.search(text):
            return (m.group("cue") if "cue" in rx.groupindex else m.group(0)).strip(" ,?")
    return ""


def _double(bare: str) -> tuple[str, int]:
    """The cue of a second question in `bare`, and where the first question ends (-1: none)."""
    parts = [p.strip() for p in bare.split("?") if re.search(r"\w", p)]
    if len(parts) >= 2:
        # Two question marks, two questions: the cue is where the second one starts.
        return " ".join(parts[1].split()[:3]), bare.index("?")
    for rx in _DOUBLE_CONJ:
        for m in rx.finditer(bare):
            head = bare[: m.start()]
            # "between what you want and what's expected" names one thing; a statement before
            # "and who wouldn't be" is not a first question.
            if re.search(r"\bbetween\b", head, re.I) or not _QUESTION_START.match(head):
                continue
            return m.group(0).strip(" ,"), m.start()
    return "", -1


def find_flags(text: str) -> tuple[Flag, ...]:
    """The flags for one question, in FLAGS order."""
    bare = _DISCOURSE.sub("", _normal(text))
    found: dict[str, str] = {}
    asks_leave = bool(_INVITATION.match(bare) or _PERMISSION.match(bare))
    if not asks_leave and (cue := _first(_ADVICE, bare)):
        found["advice"] = cue
    lead = _first(_LEADING, bare)
    # "Shouldn't you...?" pushes an action: it is advice, not a bid for agreement.
    if lead and not re.match(r"(?i)^(?:shouldn't you|should you not)\b", bare):
        found["leading"] = lead
    if not found and (m := _WHY.search(bare)):
        found["judgmental_why"] = m.group(0)
    if not found and not asks_leave and (cue := _first(_CLOSED, bare)):
        found["closed"] = cue
    if cue := _double(bare)[0]:
        found["double_barrelled"] = cue
    if m := _JARGON.search(bare):
        found["jargon"] = m.group(0)
    return tuple(Flag(kind, found[kind], EXPLANATIONS[kind]) for kind in FLAGS if kind in found)


def lint_question(text: str) -> LintResult:
    question = _normal(text)
    flags = find_flags(question)
    return LintResult(question, flags, _rewrite(question, flags) if flags else "")


def lint_questions(texts: Iterable[str]) -> list[LintResult]:
    return [lint_question(t) for t in texts]


GENERIC_REWRITE = "What would be most useful for you to explore here?"
_STOP = {
    "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "have", "has", "had", "will",
    "would", "can", "could", "should", "may", "might", "must", "that", "that's", "which", "who", "what", "when",
    "where", "why", "how", "and", "or", "but", "if", "so", "to", "for", "with", "at", "by", "from", "on", "in",
    "into", "about", "as", "than", "then", "right", "correct", "here", "there", "now", "yet", "again", "though",
    "really", "still", "just", "too", "very", "already", "a", "an", "the", "through", "over", "out", "up", "down",
    "off", "like",
}
_VAGUE = {"own", "real", "one", "way", "kind", "sort", "type", "lot", "bit", "thing", "common", "people", "place"}
_ADJECTIVES = {"new", "old", "first", "next", "last", "main", "big", "whole", "other", "current", "final", "early", "pay"}
_HEADS = {"course", "plan", "process", "role", "team", "project", "review", "meeting", "conversation", "job", "offer",
          "decision", "manager", "lead", "group", "programme", "program", "interview", "deadline", "move"}
_IRREGULAR = {
    "made": "make", "set": "set", "told": "tell", "written": "write", "wrote": "write", "taken": "take", "took": "take",
    "done": "do", "did": "do", "spoken": "speak", "gone": "go", "went": "go", "begun": "begin", "sent": "send",
    "had": "have", "been": "be", "got": "get", "gotten": "get", "given": "give", "gave": "give", "said": "say",
    "thought": "think", "brought": "bring", "found": "find", "left": "leave", "met": "meet", "chosen": "choose",
    "chose": "choose", "put": "put", "let": "let", "quit": "quit", "kept": "keep", "ran": "run", "run": "run",
}


def _rewrite(question: str, flags: tuple[Flag, ...]) -> str:
    """An open rewrite that keeps the topic where a simple transformation allows."""
    text = _DISCOURSE.sub("", question).strip()
    text = _JARGON.sub(lambda m: JARGON[m.group(0).lower()], text)
    if any(f.kind == "double_barrelled" for f in flags) and (at := _double(text)[1]) > 0:
        text = text[:at].rstrip(" ,?") + "?"  # keep the first question; the second can wait
    kinds = {f.kind for f in find_flags(text)}
    if "advice" in kinds:
        text = _advice_rewrite(text)
    elif "leading" in kinds:
        text = f"What's your own view of {topic}?" if (topic := _topic(text)) else "What's your own view on this?"
    elif "judgmental_why" in kinds:
        text = _why_rewrite(text)
    elif "closed" in kinds:
        text = _open_up(text.rstrip(" ?.!"))
    text = text.strip()
    end = "." if re.match(r"(?i)(?:tell|describe|walk|talk|say)\b", text) else "?"
    candidate = text[0].upper() + text[1:].rstrip(" ?.!") + end if text else GENERIC_REWRITE
    if find_flags(candidate):
        candidate = f"What are your thoughts about {topic}?" if (topic := _topic(question)) else GENERIC_REWRITE
    return candidate if not find_flags(candidate) else GENERIC_REWRITE


def _topic(text: str) -> str:
    """The first noun phrase after a determiner ("your manager", "the first option"), or ""."""
    for m in re.finditer(r"\b(your|the|this|my|his|her|their|our)\s+([\w'-]+)(?:\s+([\w'-]+))?", _normal(text), re.I):
        first, second = m.group(2), m.group(3) or ""
        if (first.lower() in _STOP or first.lower() in _VAGUE or first.endswith("n't")
                or (m.group(1).lower() == "this" and first.lower().endswith("s"))):
            continue  # "this looks..." is a pronoun and a verb, not a noun phrase
        # Without a tagger, a second word is kept only after an adjective we know ("the new schedule").
        keep = bool(second) and second.lower() not in _STOP and (
            first.lower() in _ADJECTIVES or first.lower().endswith(("er", "est")) or second.lower() in _HEADS)
        return f"{m.group(1).lower()} {first}{' ' + second if keep else ''}"
    return ""


def _advice_rewrite(text: str) -> str:
    m = re.search(r"(?i)\bask(?:ing)?\s+(?:(your|the|her|his|their)\s+([\w-]+)\s+)?for\s+([^?.,]+)", text)
    if m:
        return f"What options do you see for getting {m.group(3).strip()}?"
    m = re.search(r"(?i)\b(?:ask(?:ing)?|talk(?:ing)? to|speak(?:ing)? to|talk(?:ing)? with)\s+(?:(your|the|a)\s+([\w-]+(?:\s+[\w-]+)?)|(her|him|them))\b", text)
    if m:
        who = f"{m.group(1).lower()} {m.group(2)}'s" if m.group(1) else {"her": "her", "him": "his", "them": "their"}[m.group(3).lower()]
        return f"What options do you see for getting {who} view?"
    return "What options can you see for moving this forward?"


def _base(verb: str) -> str:
    low = verb.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if low.endswith("ied"):
        return low[:-3] + "y"
    if re.search(r"([b-df-hj-np-tv-z])\1ed$", low):
        return low[:-3]
    if re.search(r"(?:at|iz|is|ur|ac|uc|ag|ang|ar)ed$|[^aeiou][aeiou][cgsv]ed$", low):
        return low[:-1]
    return low[:-2] if low.endswith("ed") else low


def _why_rewrite(text: str) -> str:
    m = re.match(r"(?i)^why\s+(?:on earth\s+)?(did|didn't|haven't|hasn't|can't|won't|couldn't|are|aren't|were|weren't|do|don't|would|wouldn't)\s+you\s+(not\s+)?(.*?)[?.!]*$", text)
    if not m:
        return "What led to this, as you see it?"
    aux, negated, rest = m.group(1).lower(), bool(m.group(2)), m.group(3)
    rest = re.sub(r"(?i)\s+(?:yet|in the first place|so long)$", "", re.sub(r"(?i)^(?:just|even|ever|really)\s+", "", rest))
    if aux in ("are", "were") and (k := re.match(r"(?i)(?:still|always)\s+(.*)", rest)):
        return f"What keeps you {k.group(1)}?"
    if aux in ("are", "were", "aren't", "weren't"):
        return f"What is behind feeling {rest.removeprefix('so ')}?" if rest.lower().startswith("so ") else "What has made this hard so far?"
    if aux == "do" and (k := re.match(r"(?i)(keep|always|never|let)\s+(.*)", rest)):
        verb, what = k.group(1).lower(), k.group(2)
        if verb == "keep":
            return f"What keeps you {what}?"
        if verb == "let":
            return "What makes this hard to change, as you see it?"
        return f"What usually leads to {gerund(what)}?" if verb == "always" else f"What gets in the way of {gerund(what)}?"
    if aux in ("haven't", "hasn't"):
        words = rest.split()
        return f"What has got in the way of {gerund(' '.join([_base(words[0]), *words[1:]]))}?" if words else "What has got in the way so far?"
    if aux in ("didn't", "couldn't", "won't", "don't", "wouldn't") or negated:
        return f"What got in the way of {gerund(rest)}?"
    if aux == "can't":
        return f"What makes {gerund(rest.removeprefix('just '))} hard for you?"
    return f"What led you to {rest}?" if aux in ("did", "do") else f"What would lead you to {rest}?"


def _open_up(text: str) -> str:
    """A closed question turned open where a template fits; the topic stem otherwise."""
    templates: tuple[tuple[str, str], ...] = (
        (r"(?:do|did|would) you (like|enjoy|love) (?!to\b)(.+)", "What do you {0} about {1}"),
        (r"would you rather (.+?) or (.+)", "How do you weigh up {g0} against {g1}"),
        (r"(?:is|was) (?:this|it) about (.+?) or (.+)", "What is this about, as you see it"),
        (r"(?:do|does|did) (?:you )?(?:still )?want to (.+)", "How do you feel about {g0}"),
        (r"do you (?:feel|seem) (\w+)(.*)", "How {0} do you feel{1}"),
        (r"do you think (?:that )?(.+)", "What's your sense of whether {0}"),
        (r"do you know (what|how|where|who|when|why)(.+)", "What do you know so far about {0}{1}"),
        (r"do you have (?:a|an|any|the|enough) ([\w-]+)(.*)", "What {0} do you have{1}"),
        (r"did (.+?) go (?:well|ok|okay|badly|smoothly|to plan)(.*)", "How did {0} go{1}"),
        (r"(?:are|were|am) you (?:\w+ )?(?:happy|nervous|worried|excited|anxious|ok|okay|comfortable|confident) (?:about|with|of) (.+)", "How are you feeling about {0}"),
        (r"(?:are|were) you going to (.+)", "How are you thinking about {g0}"),
        (r"(?:are|were|am) you ready to (.+)", "What would help you feel ready to {0}"),
        (r"will you be (.+)", "What would help you be {0}"),
        (r"can you see yourself (.+)", "How do you see yourself {0}"),
        (r"(?:is|was) there anything (?:else )?(?:you )?(\w+) (.+)", "What else do you {0} {1}"),
        (r"have you (\w+) anything(?: yet)?", "What have you {0} so far"),
        (r"have you (\w+)(.*?)(?: yet)?", "Where are you with {b0}{1}"),
        (r"did you (\w+)(.*?)(?: yet)?", "Where are you with {g0}{1}"),
        (r"(?:is|was) (the|your|this|that) ([\w-]+(?: [\w-]+)?) (\w+)", "How {2} does {0} {1} seem to you"),
    )
    for pattern, template in templates:
        m = re.fullmatch(f"(?i){pattern}", text)
        if not m:
            continue
        groups = [g or "" for g in m.groups()]
        fields = {str(i): g for i, g in enumerate(groups)}
        if groups:
            fields |= {"g0": gerund(groups[0]), "g1": gerund(groups[-1]), "b0": gerund(_base(groups[0]))}
        return template.format(*groups, **fields)
    return f"What are your thoughts about {topic}?" if (topic := _topic(text)) else GENERIC_REWRITE


_LIST_MARKER = re.compile(r"^(?:[-*+•]|\d{1,3}[.)])\s+")
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\xd0\xcf\x11\xe0")


def read_questions(path: Path) -> list[str]:
    """Questions from a text or Markdown file (one per line; blank lines and '#' lines skipped;
    list markers removed) or a CSV with a 'question' or 'text' column."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LintInputError(f"cannot read {path}: no such file.") from None
    except IsADirectoryError:
        raise LintInputError(f"cannot read {path}: it is a folder; give a file of questions.") from None
    except OSError as exc:
        raise LintInputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not raw.strip():
        raise LintInputError(f"{path} is empty; write one question per line.")
    if b"\x00" in raw[:8192] or raw.startswith(_BINARY_MAGIC):
        raise LintInputError(f"{path} looks like a binary file; give a text file with one question per line, or a CSV.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LintInputError(f"{path} is not UTF-8 text (first bad byte on line {line}); save it as UTF-8.") from None
    if path.suffix.lower() == ".csv":
        questions = _csv_questions(path, text)
    else:
        questions = [_LIST_MARKER.sub("", line.strip()) for line in text.splitlines()
                     if line.strip() and not line.lstrip().startswith("#")]
    questions = [q for q in (_normal(q) for q in questions) if q]
    if not questions:
        raise LintInputError(f"{path} has no questions; write one question per line.")
    if len(questions) > MAX_QUESTIONS:
        raise LintInputError(f"{path} has {len(questions)} questions; the limit is {MAX_QUESTIONS} per run.")
    return questions


def _csv_questions(path: Path, text: str) -> list[str]:
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise LintInputError(f"{path} is not a readable CSV: {exc}.") from None
    header = [h.strip().lower() for h in rows[0]] if rows else []
    column = next((header.index(c) for c in ("question", "text") if c in header), None)
    if column is None:
        shown = ", ".join(h for h in rows[0] if h.strip()) if rows else ""
        raise LintInputError(f"{path} has no 'question' or 'text' column (columns: {shown or 'none'}).")
    return [row[column] for row in rows[1:] if len(row) > column]
