"""Verb forms the coach and the question linter both need, written once."""

from __future__ import annotations

import re

#: A short consonant-vowel-consonant verb doubles its last letter: stop -> stopping, plan -> planning.
_DOUBLES = re.compile(r"[^aeiou]*[aeiou][bdgmnpt]")
#: ...and so do longer verbs stressed on their last syllable: begin -> beginning.
_STRESSED_LAST = frozenset({"begin", "prefer", "admit", "commit", "refer", "forget", "occur", "submit", "permit",
                            "regret", "control", "upset", "omit", "transfer", "equip", "quit"})


def gerund(phrase: str) -> str:
    """A verb phrase as a noun phrase: 'get better at X' -> 'getting better at X', so that a
    goal or an action can sit inside a question ("What gets in the way of asking my manager?").
    Hand-written: the few rules English needs for the verbs protégés start phrases with; a
    morphology library (and its data download) would be more than this needs."""
    words = phrase.split()
    if not words:
        return phrase
    verb = words[0].lower()
    if verb.endswith("ing"):
        ing = verb
    elif verb in {"be", "see"}:
        ing = verb + "ing"
    elif verb.endswith("ie"):
        ing = verb[:-2] + "ying"
    elif verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        ing = verb[:-1] + "ing"
    elif verb in _STRESSED_LAST or (len(verb) <= 4 and _DOUBLES.fullmatch(verb)):
        ing = verb + verb[-1] + "ing"
    else:
        ing = verb + "ing"
    return " ".join([ing, *words[1:]])
