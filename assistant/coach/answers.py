"""What the program's guidance says: the passages a turn may cite, and the cited answer to
a question about the program ("how often do we meet?").

The retrieve node searches once a turn; the plan node decides with these functions whether
what it found answers the message, and which passages are worth showing as sources.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistant.coach.escalation import POLICY_FILE
from assistant.coach.policy import planned
from assistant.coach.router import asks, safety_topic
from assistant.coach.state import CoachState
from assistant.coach.wording import unwrap
from assistant.records import Passage

SearchFn = Callable[[str, int], list[Passage]]

#: Passages below this cosine similarity, or far below the best one, are not shown as
#: sources: citing a loosely related section would mislead the protégé about where the
#: question came from. Tuned on the shipped guidance (related sections score 0.4-0.7).
MIN_PASSAGE_SCORE = 0.35
RELATIVE_FLOOR = 0.75

#: How close a question must come to a handbook passage to be a question about the program.
#: Chosen on the retrieval question sets and the blind reviews, not on the personas: the
#: protégés' handbook questions there score 0.42-0.99 (13 of 16 above 0.5), and of the 81
#: questions protégés asked in the blind reviews only the three about the program itself
#: reach the handbook above 0.38 (0.65-0.78).
PROGRAM_QUESTION_SCORE = 0.5

NOT_FOUND = ("I couldn't find that in your program's guidance. Your program coordinator "
             "is the best person to ask.")


def lookup(search: SearchFn | None, query: str, top_k: int) -> list[Passage]:
    """The search's best passages; none when there is no search or it fails (retrieval
    trouble must not cost the protégé their turn)."""
    if search is None or not query.strip():
        return []
    try:
        return list(search(query, top_k))
    except Exception:
        return []


def relevant(passages: list[Passage]) -> list[Passage]:
    if not passages:
        return []
    floor = max(MIN_PASSAGE_SCORE, RELATIVE_FLOOR * max(p.score for p in passages))
    return [p for p in passages if p.score >= floor]


def citable(found: list[Passage], said: str) -> list[Passage]:
    """The passages worth showing beside a reply to `said`. The escalation policy is for
    people who raised a safety concern, never a source for "that's it i think"."""
    if not safety_topic(said):
        found = [p for p in found if p.source != POLICY_FILE]
    return relevant(found)


def answers_program_question(found: list[Passage], text: str) -> bool:
    """The message is a question the program's handbook answers: its best passage is the
    handbook's, and close (PROGRAM_QUESTION_SCORE)."""
    return asks(text) and bool(found) and "handbook" in found[0].source and found[0].score >= PROGRAM_QUESTION_SCORE


def logistics_answer(state: CoachState, text: str, found: list[Passage]) -> dict[str, Any]:
    """The guidance's own words, cited; the coordinator when the guidance is silent."""
    passages = citable(found, text)
    # "Who do I tell about harassment?" is answered by the escalation policy, not the handbook.
    first = POLICY_FILE if safety_topic(text) else "handbook"
    handbook = [p for p in passages if first in p.source] or passages
    if not handbook:
        return planned("logistics_answer", NOT_FOUND, "", [], state, {})
    best = handbook[0]
    reply = (
        f"Here's what your program's guidance says ({best.label}):\n\n{excerpt(best.text)}\n\n"
        "Whenever you're ready, we can go back to preparing."
    )
    return planned("logistics_answer", reply, "", [best], state, {})


def excerpt(text: str, max_chars: int = 700) -> str:
    text = unwrap(text)
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars]
    end = max(cut.rfind(". "), cut.rfind("\n"))
    return (cut[: end + 1] if end > max_chars // 2 else cut).rstrip() + " …"
