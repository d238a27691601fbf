"""Chat spellings read as the words they stand for ("wat i actually want is…", "my mum reckons i
shud…", "can u make a list"): the parse and the act classifier were built on standard
spelling, and blind review 21 (X04, an apprentice who texts) lost his goal and his mum's demand
to "wat" and "shud". Only the reading uses this; what they typed is kept as typed, and what is
said back uses standard spelling (never a mimicry of theirs).

A short table rather than a spelling library: these are chat abbreviations, not misspellings a
dictionary would catch, and each one here is unambiguous on its own as a lowercase word.
"""

from __future__ import annotations

import re

_CHAT = {
    "wat": "what", "wot": "what", "u": "you", "r": "are", "shud": "should", "shld": "should", "cud": "could",
    "wud": "would", "dont": "don't", "cant": "can't", "didnt": "didn't", "doesnt": "doesn't", "isnt": "isn't",
    "im": "I'm", "ive": "I've", "abt": "about", "thru": "through", "tmrw": "tomorrow", "tmr": "tomorrow",
    "tomoz": "tomorrow", "pls": "please", "plz": "please", "bc": "because", "cuz": "because", "coz": "because",
    "n": "and", "dunno": "don't know", "ppl": "people", "smth": "something", "sth": "something", "thx": "thanks",
    "rn": "right now", "doin": "doing", "sayin": "saying", "goin": "going", "tryin": "trying", "nothin": "nothing",
    "somethin": "something", "b4": "before", "2day": "today", "2moro": "tomorrow", "ur": "your",
}
#: Lowercase whole words only: "U" or "R" in capitals may be a name or a grade.
_ALTERNATIVES = "|".join(sorted(map(re.escape, _CHAT), key=len, reverse=True))
_WORD = re.compile(r"(?<![\w'’/.-])(" + _ALTERNATIVES + r")(?![\w'’/-])")
#: "ur" is "you're" before a describing word ("ur too smart"), "your" before a noun.
_YOURE = re.compile(r"(?<![\w'’])ur(?= (?:too|so|very|really|not|going|gonna|always|never|right|wrong|the best)\b)")


#: "Ms. Kobayashi": the title's full stop is no sentence end (blind review 21, X12: her goal was
#: read as "ask Ms" and said back as "What tends to hold you back when you think about asking Ms?").
_TITLE_STOP = re.compile(r"\b(Mr|Mrs|Ms|Mx|Dr|Prof|Sr|Jr|St|Capt|Sgt|Rev)\.(?=\s+[A-Z])")


def plain_spelling(text: str) -> str:
    """The message with chat spellings written out, for reading."""
    text = _TITLE_STOP.sub(r"\1", text)
    text = _YOURE.sub("you're", text)
    return _WORD.sub(lambda m: _CHAT[m.group(1)], text)


def with_titles_as_typed(typed: str, read_text: str) -> str:
    """Words taken from the reading, with the titles' full stops put back as they were typed
    ("Prof Martens" -> "Prof. Martens"): what is quoted back stays in their punctuation."""
    for found in _TITLE_STOP.finditer(typed):
        title = found.group(1)
        name = typed[found.end():].split(maxsplit=1)[0] if typed[found.end():].split() else ""
        if name:
            read_text = re.sub(rf"\b{title} (?={re.escape(name)})", f"{title}. ", read_text)
    return read_text
