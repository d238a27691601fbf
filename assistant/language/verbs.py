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
    if len(words) > 1 and words[0].lower() in {"not", "never"}:
        return f"{words[0]} {gerund(' '.join(words[1:]))}"  # "not fail the unit" -> "not failing the unit"
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


#: A doubled consonant before -ing that the base form keeps: "fill", "pass", "buzz", "sniff", "add".
_KEEPS_DOUBLE = frozenset("lsfzd")


def base_form(gerund_form: str, lemma: str) -> str:
    """The base form of an -ing verb, mending the parser's guess for verbs it doesn't know:
    "prepping" is lemmatised "preppe" (blind crisis conversations 2: "So you're planning to
    preppe for a mentoring chat"); its base is "prep", as "planning" is "plan"."""
    word = gerund_form.lower()
    if (word.endswith("ing") and len(word) > 5 and word[-4] == word[-5] and word[-4] not in "aeiou"
            and word[-4] not in _KEEPS_DOUBLE and lemma.lower() in {word[:-3] + "e", word[:-3]}):
        return gerund_form[:-4]
    return lemma


def as_wanted(goal: str) -> str:
    """A goal that is an action, as the protégé would say it: "I want to present the design…"
    ("Present the design…" said as a sentence of its own has its capital lowered)."""
    goal = goal.strip()
    if not goal or goal.lower().startswith(("i ", "to ")):
        return goal
    verb = goal[:1].lower() + goal[1:] if goal[1:2].islower() else goal
    return f"I want to {verb}"
