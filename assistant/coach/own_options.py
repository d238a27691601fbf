"""An ask for advice that already holds the protégé's own options: "Should I talk about the
cancelled project or better not?", "Should I ask for a stretch project or wait until the
review?", "What should be on the plan? Maybe skills, projects, timeline?".

Answering these with the role speech ("I help you find your own way forward…") passes over the
options they just named; filing one of them as their choice ("So one option you see is to wait
until the review. What will you do first?") picks for them. Both came from crisis conversations
2 (D16) and were rated as not heard. What a coach does instead is hand the options back to weigh,
in their words: the decision stays theirs, and nothing is suggested.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from assistant.language.person import second_person

#: "should I X or not", "should I X or better not", "do I X or leave it".
_WHETHER = re.compile(
    r"(?i)\b(?:should|shall|do|can|would) (?:i|we) (?P<x>[^?.!;]+?),? or (?:better )?(?:not|no|rather not|"
    r"should i not|leave it(?: out)?|skip it|keep (?:it to myself|quiet)|stay quiet)\b")
#: "should I X or Y", "should I X, or should I Y".
_EITHER = re.compile(
    r"(?i)\b(?:should|shall|would|do) (?:i|we) (?P<x>[^?.!;]+?),? or (?:should (?:i|we) |shall (?:i|we) |do (?:i|we) |"
    r"(?:is it better to|better to) )?(?P<y>[^?.!;]+)")
#: "Do you think it is better to ask to shadow at a wedding or at a business conference?"
_BETTER = re.compile(r"(?i)\b(?:is it|it is|it's|would it be) (?:better|best|smarter|wiser) (?:to|if i) "
                     r"(?P<x>[^?.!;]+?),? or (?:to |if i )?(?P<y>[^?.!;]+)")
#: A list given beside the ask ("Maybe skills, projects, timeline?", "like X, Y or Z").
_LIST = re.compile(r"(?i)(?:^|[?.!]\s+|\b)(?:maybe|perhaps|like|e\.g\.|things like|such as)\s+(?P<items>[^?.!;]+)")
_ITEM_SPLIT = re.compile(r"(?i)\s*(?:,\s*(?:and|or)?|\band\b|\bor\b|/)\s*")
#: Not options: the rest of the sentence after "or" asks something else ("or is that too much?").
_NOT_AN_OPTION = re.compile(r"(?i)^(?:(?:is|are|was|am|does|do|did|can|could|would|will)\s+"
                            r"(?:that|this|it|i|you|he|she|they|we)\b|"
                            r"(?:what|how|something|anything|whatever|so|smth|sth|idk|not sure)\b)")
MAX_WORDS = 12


@dataclass(frozen=True)
class OwnOptions:
    kind: str  # whether | either | list
    options: tuple[str, ...]  # in second person ("ask for a stretch project")
    said: tuple[str, ...] = ()  # as they said them ("tell my manager"), for their notes


def _clean(option: str) -> str:
    option = re.sub(r"(?i)\s+(?:instead|first|now|then|at all)$", "", option.strip(" ,"))
    return second_person(option).strip(" ,")


def _fits(options: list[str]) -> bool:
    return all(o and len(o.split()) <= MAX_WORDS and not _NOT_AN_OPTION.match(o) for o in options)


@lru_cache(maxsize=64)  # asked once by the rule that tests for it and again by the move it makes
def own_options(text: str) -> OwnOptions | None:
    """The options they named beside their ask, or None when they named none."""
    text = text[:800]  # an ask with options is a sentence or two; a pasted essay is not read for one
    whether = _WHETHER.search(text)
    if whether:
        x = _clean(whether.group("x"))
        return OwnOptions("whether", (x,), (whether.group("x").strip(" ,"),)) if _fits([x]) else None
    either = _EITHER.search(text) or _BETTER.search(text)
    if either:
        pair = [_clean(either.group("x")), _clean(either.group("y"))]
        said = (either.group("x").strip(" ,"), either.group("y").strip(" ,"))
        return OwnOptions("either", tuple(pair), said) if _fits(pair) and pair[0].lower() != pair[1].lower() else None
    listed = _LIST.search(text)
    if listed:
        raw = [i.strip(" ,") for i in _ITEM_SPLIT.split(listed.group("items")) if i.strip()]
        items = [_clean(i) for i in raw]
        if 2 <= len(items) <= 5 and _fits(items) and all(len(i.split()) <= 4 for i in items):
            return OwnOptions("list", tuple(items), tuple(raw))
    return None


def _joined(items: tuple[str, ...], last: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


#: Said instead when saying the options back would copy their sentence (the copying limit).
_SHORT = {"whether": "That one is yours to weigh.", "either": "You've named two ways forward.",
          "list": "You've already named a few things."}


def weigh_reply(found: OwnOptions, fits: Callable[[str], bool] = lambda _: True) -> tuple[str, str]:
    """(what is said back, the question) for the options they named; `fits` says whether a
    saying-back keeps within the copying limit."""
    if found.kind == "whether":
        said = f"Whether to {found.options[0]} is yours to weigh."
        question = "What might it give you, and what might it cost?"
    elif found.kind == "either":
        said = f"You're weighing whether to {found.options[0]} or {found.options[1]}."
        question = "What draws you to each of them?"
    else:
        said = f"You've already named {_joined(found.options, 'and')}."
        question = "Which of those matters most to you, and why?"
    return (said if fits(said) else _SHORT[found.kind]), question
