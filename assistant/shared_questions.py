"""Questions fitted to what a protégé shared: their own topic words, asked to them.

A mentor asks these questions *to* their protégé, so every one addresses the protégé
("you"), and is built on the substance of a shared item: the goal, where things stand, the
options weighed, a commitment, a strength or weakness. The item's words are cut to a short
phrase (never the whole sentence), turned into a noun phrase ("I want to get better at
presenting" -> "getting better at presenting") and said in second person from the parse
("my manager" -> "your manager"). A phrase that can't be read that way is left out rather
than mangled; every question must pass the linter, as bank questions do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.data import read
from assistant.language.verbs import gerund
from assistant.lint import lint_question
from assistant.question_bank import STAGES

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from assistant.store.records import UserRecord
    from assistant.store.workspace import Workspace

MAX_WORDS = 10
PER_PHRASE = 2
#: Agenda items by their title (assistant.coach.agenda_items.KINDS), as the protégé sees them.
_AGENDA_KINDS = {"my goal": "goal", "where things stand": "where", "options i'm weighing": "option",
                 "options i’m weighing": "option", "my next step": "step"}
_AGENDA_LINE = re.compile(r"^\s*\d{1,2}[.)]\s*(?P<title>[^:“\"]{2,60}):\s*(?P<body>.*)$")
_QUOTED = re.compile(r"[“\"]([^”\"]{3,300})[”\"]")
#: Words that talk to the mentor ("how did you..."): said back, "you" would turn into "I".
_ADDRESSED = re.compile(r"\b(?:you|your|yours|yourself|mentor|mentors)\b", re.I)
_WANT = re.compile(r"(?i)^(?:i\s*(?:really\s+)?(?:want|would like|'d like|hope|need|plan|aim|wish)\s+to\s+|to\s+)")

#: (stage, Socratic type, question) per kind of shared words, from data/shared_questions.yaml.
TEMPLATES: dict[str, tuple[tuple[str, str, str], ...]] = {
    kind: tuple((row["stage"], row["type"], row["ask"]) for row in rows)
    for kind, rows in read("shared_questions.yaml").items()
}


@dataclass(frozen=True)
class Fitted:
    stage: str
    type: str
    kind: str
    text: str
    source: int  # which of the protégé's phrases it came from, so a set covers several


def shared_phrases(workspace: Workspace, mentor: UserRecord, protege: str) -> list[tuple[str, str]]:
    """(kind, the protégé's words) for each shared item, read through the same sharing rule
    as everything a mentor sees: only items shared with them, only while they are the mentor."""
    found: list[tuple[str, str]] = []
    for agenda in workspace.agendas(mentor, protege):
        for line in agenda.markdown.splitlines():
            m = _AGENDA_LINE.match(line)
            kind = _AGENDA_KINDS.get(m.group("title").strip().lower()) if m else None
            if m and kind:
                # The goal's first quote is the goal; a second is what success looks like.
                words = _QUOTED.findall(m.group("body"))
                found += [("success" if kind == "goal" and n else kind, w) for n, w in enumerate(words)]
    found += [("goal", g.text) for g in workspace.goals(mentor, protege)]
    for c in workspace.commitments(mentor, protege):
        kind = {"open": "step", "done": "done"}.get(c.status, "unfinished")
        found.append((kind, c.text))
    for e in workspace.log(mentor, protege):
        found += [(e.kind, e.text)] + ([("evidence", e.evidence)] if e.evidence else [])
    return found


def phrase(words: str) -> str:
    """The protégé's words as a short noun phrase in second person, or "" when they can't be
    said back cleanly (words addressed to the mentor, a clause about someone else)."""
    from assistant.language.parse import is_first_person, parse, subject
    from assistant.language.person import second_person
    from assistant.language.spans import goal_span, shorten

    text = " ".join(words.replace("’", "'").split()).strip(" .!?;:,")
    if not text or _ADDRESSED.search(text) or "?" in words:
        return ""
    core = ""
    if _WANT.match(text):
        core = gerund(goal_span(text) or _WANT.sub("", text))
    else:
        sent = next(iter(parse(text).sents))
        root, first = sent.root, sent[0]
        if root.pos_ in {"VERB", "AUX"} and (s := subject(root)) is not None:
            if not is_first_person(s):
                return ""  # "VPs ask hard questions": about someone else, not a phrase of theirs
            core = _clause_as_gerund(root)
        elif _starts_with_verb(sent):
            core = gerund(text)  # "book a 1:1 with my skip-level", as commitments are written
        elif first.tag_ == "VBG" or root.pos_ in {"NOUN", "PROPN"}:
            core = text  # already a noun phrase: "public speaking", "my promotion case"
    core = _STOPPING.sub(r"an end to \1", shorten(core, MAX_WORDS)) if core else ""
    if len(core.split()) < 2:
        return ""
    said = second_person(core)
    return said[0].lower() + said[1:] if said[:2] != "I " else ""


#: Where a clause of theirs stops being the one thing a question can be about.
_JOINTS = frozenset({"because", "since", "although", "though", "but", "and", "so", "while", "whereas", "or"})
_STOPPING = re.compile(r"^(?:stopping|quitting) (\w+ing\b)")  # "stopping burning out" -> "an end to burning out"


def _clause_as_gerund(root: Token) -> str:
    """ "I never finish my side projects because..." -> "not finishing my side projects"."""
    head = root
    if root.lemma_ == "keep" and (then := next((c for c in root.children if c.tag_ == "VBG"), None)):
        head = then  # "I keep saying yes" -> "saying yes"
    rest: list[str] = []
    for t in root.doc[head.i + 1 : root.sent.end]:
        if t.text in {",", ";", ":", "—", "–"} or (t.lower_ in _JOINTS and t.dep_ in {"cc", "mark"}):
            break
        rest.append(t.text_with_ws)
    aux = {c.lemma_ for c in root.children if c.dep_ in {"aux", "auxpass"}}
    passive = any(c.dep_ == "auxpass" for c in root.children)
    negative = any(c.dep_ == "neg" for c in root.children)  # "say no" is not a negation
    if passive:
        verb = f"being {head.text}"  # "I was told..." -> "being told..."
    elif negative and aux & {"can", "could"}:
        verb = f"being able to {head.lemma_}"  # "I can't say no" is not "not saying no"
    elif root.tag_ == "VBN" and "have" in aux:
        verb = f"having {head.text}"  # "I've done two courses" -> "having done two courses"
    else:
        verb = gerund(head.lemma_)
    return ("not " if negative else "") + f"{verb} {''.join(rest)}".strip()


def _starts_with_verb(sent: Span) -> bool:
    """ "book a 1:1 with...", "apply internally": an action as people jot one down (the small
    tagger reads some such verbs as nouns, so a noun followed by its object counts too)."""
    first = sent[0]
    if first.tag_ in {"VB", "VBP"}:
        return True
    after = sent[1] if len(sent) > 1 else None
    return first.tag_ in {"NN", "NNP"} and after is not None and after.tag_ in {"DT", "PRP$", "RP", "CD", "RB"}


def fitted_questions(workspace: Workspace, mentor: UserRecord, protege: str) -> list[Fitted]:
    """Every question the shared items support, best first within each of their kinds."""
    out: list[Fitted] = []
    said: set[str] = set()
    for n, (kind, words) in enumerate(shared_phrases(workspace, mentor, protege)):
        x = phrase(words)
        if not x or x.lower() in said:
            continue
        said.add(x.lower())
        for stage, qtype, template in TEMPLATES.get(kind, ()):
            text = template.format(x=x)
            if lint_question(text).ok:
                out.append(Fitted(stage, qtype, kind, text, n))
    return out


def pick(fitted: list[Fitted], per_stage: dict[str, int]) -> dict[str, list[Fitted]]:
    """Up to per_stage questions per stage, taking turns across the shared items so a set
    speaks to several of them, and using each phrase at most PER_PHRASE times (more would
    be an echo, not a question set)."""
    chosen: dict[str, list[Fitted]] = {stage: [] for stage in STAGES}
    uses: dict[int, int] = {}
    for _ in range(max(per_stage.values(), default=0)):
        for stage in STAGES:
            if len(chosen[stage]) >= per_stage.get(stage, 0):
                continue
            pool = [f for f in fitted if f.stage == stage and f not in chosen[stage]
                    and uses.get(f.source, 0) < PER_PHRASE]
            if pool:
                best = min(pool, key=lambda f: uses.get(f.source, 0))  # ties: the earlier item
                uses[best.source] = uses.get(best.source, 0) + 1
                chosen[stage].append(best)
    return chosen
