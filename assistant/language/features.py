"""Parse features that sentence embeddings blur: who the subject is, negation, questions,
reported speech, futurity. The act classifiers read them beside the embedding, and the
dialogue manager reads the same facts to decide what may become a commitment.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from assistant.language.lexicon import FEELING_WORDS
from assistant.language.parse import is_first_person, is_question, negated, parse, reported_by_other, subject

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_WANT = frozenset({"want", "hope", "like", "love", "wish", "aim", "need", "plan", "goal", "dream", "try",
                   "wanna", "hoping", "trying", "aiming"})
_TENTATIVE = frozenset({"could", "might", "maybe", "perhaps", "possibly", "or"})
_FUTURE_TEXT = re.compile(
    r"\b(?:i'?ll|i will|i'm going to|im going to|i am going to|i'?m gonna|im gonna|i am gonna|gonna|"
    r"going to|i shall|i plan to|i'?m planning to|i intend to|i promise to|i commit to|i'?m booking|"
    r"i'?m (?:emailing|calling|sending|asking|meeting|talking)|will do|i'?ve decided to|i have decided to|"
    r"(?:my |the )?plan is to)\b",
    re.I,
)
#: A point ahead in time: "I'm ringing the recruiter Thursday" is a plan, "I'm struggling this
#: week" is not.
FUTURE_POINT = re.compile(
    r"\b(?:tomorrow|tmrw|tmr|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"next (?:week|month|time|shift)|this (?:afternoon|evening)|later today|first thing|after (?:this|work|lunch))\b",
    re.I,
)
#: Verbs that say how things are, not what they will do, even in "I'm …ing on Monday".
_STATE_VERBS = frozenset({"feel", "struggle", "drown", "die", "lose", "think", "wonder", "worry", "hope", "try",
                          "work", "dread", "panic", "freak", "stress", "hate", "love", "look", "get", "have", "be"})


def planned_progressive(verb: Token, text: str) -> bool:
    """"Tomorrow morning I'm asking Amira", "I'm messaging Marcus tonight": a first-person
    present progressive with a point ahead in time is an intention."""
    return (verb.tag_ == "VBG" and any(c.lower_ in {"'m", "am", "m", "’m"} for c in verb.children)
            and verb.lemma_.lower() not in _STATE_VERBS and bool(FUTURE_POINT.search(text))
            and not _HABITUAL.search(verb.sent.text))


#: A week's routine, not a plan: "on Monday I am their equal and on Wednesday I am checking their
#: logbooks" (blind review 15 made it their next step), "every Friday I'm closing the till".
_HABITUAL = re.compile(r"(?i)\b(?:every|usually|always|normally|each)\b|"
                       r"\bon (?:mon|tues|wednes|thurs|fri|satur|sun)days\b|"
                       r"(?:\bon (?:mon|tues|wednes|thurs|fri|satur|sun)day\b.*){2}")
_TIME = re.compile(
    r"\b(?:today|tonight|tomorrow|tmrw|tmr|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|"
    r"wed|thu|fri|week|month|weekend|eod|eow|\d{1,2}(?:am|pm|:\d\d))\b",
    re.I,
)

FEATURE_NAMES = (
    "first_person_subject", "owned_future", "negated_first_person", "question", "reported_by_other",
    "tentative", "want_word", "past_first_person", "addresses_coach", "imperative", "length", "time_word",
    "feeling_word",
)
_NGRAM_TOKEN = re.compile(r"[a-z0-9']+|[?!]")


def ngrams(text: str) -> list[str]:
    """Word unigrams and bigrams (lowercased, curly quotes folded) and a question mark flag:
    the lexical half of the act classifier's input, shared by training and inference."""
    words = _NGRAM_TOKEN.findall(text.lower().replace("’", "'"))
    grams = words + [f"{a} {b}" for a, b in pairwise(words)]
    if text.strip().endswith("?"):
        grams.append("<q>")
    return grams


@dataclass(frozen=True)
class ParseFacts:
    first_person_subject: bool
    owned_future: bool  # "I'll email her Friday": an intention the protégé owns, not negated
    negated_first_person: bool
    question: bool
    reported_by_other: bool
    tentative: bool
    want_word: bool
    past_first_person: bool
    addresses_coach: bool
    imperative: bool
    length: int
    time_word: bool
    feeling_word: bool

    def vector(self) -> list[float]:
        flags = [float(getattr(self, name)) for name in FEATURE_NAMES if name != "length"]
        flags.insert(FEATURE_NAMES.index("length"), min(math.log1p(self.length) / 4.0, 1.5))
        return flags


def _first_person_verbs(doc: Doc) -> list[Token]:
    out = []
    for token in doc:
        if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"aux", "auxpass"}:
            subj = subject(token)
            if subj is not None and is_first_person(subj):
                out.append(token)
    return out


def facts(text: str) -> ParseFacts:
    doc = parse(text)
    mine = _first_person_verbs(doc)
    low = text.lower().replace("’", "'")
    future_verbs = [
        v for v in mine
        if any(c.lower_ in {"will", "'ll", "ll", "shall"} for c in v.children)
        or (v.lemma_ == "go" and any(c.dep_ == "xcomp" for c in v.children) and v.tag_ == "VBG")
        or planned_progressive(v, text)
    ]
    # "some of what I intend to discuss": a thing named, not an intention.
    owned = bool(future_verbs or _FUTURE_TEXT.search(re.sub(r"\b(?:what|which|that) i\b", "", low)))
    negation = any(negated(v) for v in mine) or bool(re.search(r"\b(?:won'?t|will not|never|not going to)\b", low))
    question = any(is_question(s) for s in doc.sents)
    reported = any(reported_by_other(t) for t in doc if t.pos_ in {"VERB", "AUX"})
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    imperative = bool(root is not None and root.tag_ == "VB" and root.i == 0 and subject(root) is None)
    return ParseFacts(
        first_person_subject=bool(mine),
        owned_future=owned and not negation and not question and not reported,
        negated_first_person=negation,
        question=question,
        reported_by_other=reported,
        tentative=any(t.lower_ in _TENTATIVE for t in doc),
        want_word=any(t.lemma_.lower() in _WANT or t.lower_ in _WANT for t in doc),
        # "I asked", "I've finished"; not "I get intimidated" (a passive describing now).
        past_first_person=any(v.tag_ == "VBD" or (v.tag_ == "VBN" and any(c.lemma_ == "have" for c in v.children))
                              for v in mine),
        addresses_coach=any(t.lower_ == "you" and t.dep_ in {"nsubj", "dobj", "pobj"} for t in doc),
        imperative=imperative,
        length=len([t for t in doc if not t.is_punct]),
        time_word=bool(_TIME.search(low)),
        feeling_word=any(t.lower_ in FEELING_WORDS for t in doc),
    )
