"""The items of a list someone typed into one message: "1) A 2) B", "(a) A (b) B",
"- A - B", "A) … B) …", bullets on their own lines, "A; B; or C", "A, B or C".

Why not the sentence splitter alone: people number and bullet their options inside one
sentence ("options: 1) push the compressed week 2) ask to lead something 3) park it"), and
the markers are what separates them; read as prose, "(a" and "as I see them" came out as
options of their own (blind review set 13).
"""

from __future__ import annotations

import re

#: An aside in brackets that is not a list marker: "(she said, warming up)".
_ASIDE = re.compile(r"\((?![a-zA-Z1-9]\))[^()]{3,60}\)")
#: Markers that start an item: "1)", "1.", "(1)", "a)", "(a)", "A)", "-", "*", "•", "–".
_MARKER = re.compile(
    r"(?:^|(?<=\s))(?:\(\s*(?:[1-9]|[a-eA-E])\s*\)|(?:[1-9]|[a-eA-E])\)|(?:[1-9]|[A-E])\.(?=\s)|[-*•–](?=\s))\s*")
#: A lead-in of a few words before a colon: "as I see them:", "i guess:".
_LEAD_IN = re.compile(r"^(?:[^:\s]+\s+){0,9}[^:\s]+:\s*(?=\S)")
#: Where one alternative ends: a sentence ("Prof. Martens" is not one), "…, or …", a question mark.
_SENTENCE_END = r"(?<=[!?])\s+|(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bSt)(?<!\bvs)(?<!\bMrs)(?<!\betc)(?<!\bProf)\.\s+"
_SENTENCE_OR = re.compile(rf",?\s+or\s+|\?\s*|{_SENTENCE_END}")
#: A clause after a comma with a subject of its own: "…, she is much faster", "…, I'd rather not".
_ASIDE_AFTER = re.compile(r"(?i)^(?:i(?:['’](?:d|m|ve))?|it['’]?s?|that['’]?s?|this|he|she|they|we|which|some|most|"
                          r"everyone|nobody)\s+"
                          r"(?!could\b|can\b|might\b|may\b|would\b)")
_JOINER = re.compile(r"^(?:(?:or|and|also|then|plus|maybe|perhaps|either)\s+)+|^i\s+(?:can|could|might)\s+", re.I)


def list_items(text: str, drop: re.Pattern[str] | None = None) -> list[str]:
    """The items of a listed answer (its label already removed), in order. A sentence or
    alternative that `drop` matches goes whole, with the commas inside it ("I will not do
    the course, I have two kids, it is impossible")."""
    text = without_asides(text)
    marked = _marked(text)
    if marked:
        return marked
    body = _LEAD_IN.sub("", text, count=1)
    if " / " in body and ";" not in body:
        # "accept as is / accept but ask for an EM / decline" (blind review 18): slashes between items.
        parts = re.split(r"\s+/\s+", body)
    elif ";" in body:  # semicolons separate the items; commas inside one stay ("co-lead, then take over")
        parts = re.split(rf"\s*;\s*|{_SENTENCE_END}", body)
    else:
        # Alternatives end "…, or C"; a list ending "…, and C" is the steps of one option.
        chunks = [c for c in _SENTENCE_OR.split(body) if not (drop and drop.match(c))]
        parts = []
        for chunk in chunks:
            pieces = [chunk] if re.search(r",\s*and\s+", chunk) else re.split(r",\s*", chunk)
            for n, piece in enumerate(pieces):
                if n and _ASIDE_AFTER.match(piece):
                    continue  # "…, she is much faster", "…, I just send it": a remark on the item before
                if n and parts and ((len(piece.split()) <= 2 and piece[:1].isupper()) or piece.startswith("to ")):
                    # "the second supervisor, Prof. Martens, to read chapters": one item, with a
                    # name in passing and the rest of its verb.
                    parts[-1] = f"{parts[-1]}, {piece}"
                else:
                    parts.append(piece)
    return [x for x in (_clean(p) for p in parts) if x]


def without_asides(text: str) -> str:
    """The text on one line, without asides in brackets ("(she has a bakery, its why i chose her)"),
    and without a short question on a line of its own after a list ("…\n3. drop it, focus on
    clinical\nWhich?": blind review 20, W04, where it became part of the third option)."""
    lines = text.strip().splitlines()
    if len(lines) >= 3 and lines[-1].strip().endswith("?") and len(lines[-1].split()) <= 4 \
            and not _MARKER.match(lines[-1].strip()):
        text = "\n".join(lines[:-1])
    return " ".join(_ASIDE.sub(" ", text).split())


def marked(text: str) -> bool:
    """The message lists things with markers or semicolons: its items can be told apart
    without guessing at commas."""
    flat = without_asides(text)
    return bool(_marked(flat)) or flat.count(";") >= 1


def marked_items(text: str) -> list[str]:
    """The items, when the message lists two or more things with markers of its own ("A. … B. …",
    "1) … 2) …"); [] otherwise."""
    return _marked(without_asides(text))


#: A bare number opening a sentence: "options: 1 apply. 2 don't, push for… 3 shadow…" (terse voices).
_BARE_NUMBER = re.compile(r"(?:^|(?<=[:.;]\s))(?P<n>[1-9])\s+(?=[A-Za-z])")


def _bare_numbered(text: str) -> list[re.Match[str]]:
    """Bare numbers that count up from 1 at the starts of sentences, when there are two or more."""
    found: list[re.Match[str]] = []
    for m in _BARE_NUMBER.finditer(text):
        if int(m.group("n")) == len(found) + 1:
            found.append(m)
    return found if len(found) >= 2 else []


def _marked(text: str) -> list[str]:
    """The items of a list written with markers, or [] when it has fewer than two."""
    starts = list(_MARKER.finditer(text))
    if len(starts) < 2:
        starts = _bare_numbered(text)
    if len(starts) < 2:
        return []
    head = text[: starts[0].start()].strip()
    if len(head.split()) > 12 and not head.endswith(":"):
        return []  # markers deep in a paragraph of prose are not its list
    # "apply direct to the 3PLs - go through an agency - contract first": the first item
    # can come before the first marker (the label took its dash); a lead-in ends with ":".
    items = [_clean(head)] if len(head.split()) >= 2 and not head.endswith(":") else []
    for n, m in enumerate(starts):
        end = starts[n + 1].start() if n + 1 < len(starts) else len(text)
        items.append(_clean(text[m.end() : end]))
    return [x for x in items if x]


#: A letter or number said as the item's name after a bullet: "- A: volunteer to be a super-user".
_NAMED = re.compile(r"^(?:[A-Ea-e]|[1-9])\s*[:=]\s+(?=\w)")


def _clean(item: str) -> str:
    return _JOINER.sub("", _NAMED.sub("", item.strip(" \t.,;:!?"))).strip(" .,;:!?")
