"""Agenda changes asked for in the chat: add an item, take one out, move one.

"What would you change, add or take out?" deserves more than "Noted": the common asks
are applied to the draft in the protégé's own words, and anything else is kept as a
change they asked for (and is theirs to make in the agenda panel).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ITEM = re.compile(r"^\s*(\d+)\.\s+(.*?)\s*$")
_BOX = re.compile(r"\s*\(\d{1,3} min\)\s*$")
_LEAD = r"^(?:(?:please|ok(?:ay)?|and|also|oh)[, ]+)*"
_ADD = re.compile(
    _LEAD + r"(?:(?:can|could) (?:we|you) |i'?d like to |i want to |let'?s )?(?:also )?(?:add|include|put in)\b"
    r"[:,]?\s*(?P<x>.+)",
    re.I,
)
_REMOVE = re.compile(
    r"\b(?:remove|take out|drop|delete|skip|cut|leave out|get rid of)\s+(?:the\s+)?(?P<x>.+?)"
    r"(?:\s+(?:part|bit|item|section|point|one))?\s*[.!?]*$",
    re.I,
)
_MOVE = re.compile(
    r"\b(?:move|put)\s+(?:the\s+)?(?P<x>.+?)\s+(?P<where>before|after|above|below|ahead of|to the top|to the start|"
    r"first|to the end|last)\b\s*(?:the\s+)?(?P<y>.*?)(?:\s+(?:part|bit|item|section|point|one))?\s*[.!?]*$",
    re.I,
)
#: How people name the standard items.
_ALIASES = {
    "reality": "where things stand", "situation": "where things stand", "obstacle": "what gets in the way",
    "option": "options", "goal": "my goal", "question": "questions for my mentor", "step": "my next step",
    "catch": "catch-up", "catchup": "catch-up", "update": "catch-up",
}
_STOP = {"the", "a", "an", "my", "me", "about", "bit", "part", "item", "section", "and", "to", "of", "on", "i", "we"}


@dataclass(frozen=True)
class Edit:
    markdown: str
    said: str  # what changed, for the reply


def _split(markdown: str) -> tuple[list[str], list[str], list[str]]:
    """(lines before the list, item texts, lines after)."""
    lines = markdown.splitlines()
    idx = [i for i, line in enumerate(lines) if _ITEM.match(line)]
    if not idx:
        return lines, [], []
    first, last = idx[0], idx[-1]
    items = [_ITEM.match(line).group(2) for line in lines[first : last + 1] if _ITEM.match(line)]  # type: ignore[union-attr]
    return lines[:first], items, lines[last + 1 :]


def _join(head: list[str], items: list[str], tail: list[str]) -> str:
    body = [f"{n}. {text}" for n, text in enumerate(items, 1)]
    return "\n".join([*head, *body, *tail])


def _words(text: str) -> set[str]:
    found = set()
    for w in re.findall(r"[a-z\-]+", text.lower()):
        if w in _STOP or len(w) < 3:
            continue
        found.add(w[:5])
        for key, alias in _ALIASES.items():
            if w.startswith(key):
                found |= {a[:5] for a in re.findall(r"[a-z\-]+", alias) if a not in _STOP}
    return found


def _find(items: list[str], name: str) -> int | None:
    """The item a few words point at: the best overlap of content words with its label."""
    wanted = _words(name)
    if not wanted:
        return None
    scores = [len(wanted & _words(item.split(":")[0] if ":" in item else item)) for item in items]
    best = max(scores, default=0)
    if best == 0 or scores.count(best) > 1:
        return None
    return scores.index(best)


def _label(item: str) -> str:
    return _BOX.sub("", item.split(":")[0]).strip()


def apply_edit(markdown: str, text: str) -> Edit | None:
    """The agenda with the asked-for change applied, or None when the ask isn't one of ours."""
    head, items, tail = _split(markdown)
    if not items:
        return None
    ask = " ".join(text.split()).rstrip("?!. ")
    if m := _MOVE.search(ask):
        i = _find(items, m.group("x"))
        where = m.group("where").lower()
        if i is None:
            return None
        item = items.pop(i)
        if where in ("to the top", "to the start", "first"):
            j = 0
        elif where in ("to the end", "last"):
            j = len(items)
        else:
            target = _find(items, m.group("y"))
            if target is None:
                return None
            j = target if where in ("before", "above", "ahead of") else target + 1
        items.insert(j, item)
        return Edit(_join(head, items, tail), f"I moved “{_label(item)}”.")
    if m := _REMOVE.search(ask):
        i = _find(items, m.group("x"))
        if i is None:
            return None
        item = items.pop(i)
        return Edit(_join(head, items, tail), f"I took out “{_label(item)}”.")
    if m := _ADD.search(ask):
        what = m.group("x").strip(" :,")
        if len(what.split()) < 2:
            return None
        what = what[0].upper() + what[1:]
        items.append(f"{what} (5 min)")
        return Edit(_join(head, items, tail), f"I added “{what}”.")
    return None
