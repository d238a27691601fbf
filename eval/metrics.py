"""Conversation metrics modelled on MITI 4.2.1 summary scores, plus the project's own.

MITI's published thresholds: reflection-to-question ratio >= 1:1 fair, >= 2:1 good;
complex reflections >= 40% fair, >= 50% good. The rest (prompt share, directive turns
before the goal, repeats) are this project's, set in eval/thresholds.yaml.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from assistant.coding.coder import ASKING_OR_REFLECTING, CodedUtterance

#: Prompting rather than directing: asking, reflecting, and the other MI-adherent moves.
PROMPTING = ASKING_OR_REFLECTING | {"affirm", "seek_collaboration", "emphasize_autonomy"}
DIRECTIVE = {"persuade", "confront"}
MI_ADHERENT = {"affirm", "seek_collaboration", "emphasize_autonomy", "persuade_with_permission"}
MI_NON_ADHERENT = {"persuade", "confront"}


#: Routes whose replies are care, not coaching (assistant/coach/support.py), so telling the
#: person to reach a helpline is right there, not a directive coaching move.
CARE_ROUTES = frozenset({"safety", "support"})


@dataclass
class TurnRecord:
    """One assistant turn of a conversation, as the metrics need it."""

    index: int  # 1-based turn number
    user: str
    reply: str
    route: str
    move: str
    coded: CodedUtterance
    goal: str = ""  # the goal slot after this turn, in the protégé's words


@dataclass
class ConversationMetrics:
    turns: int
    coaching_turns: int
    code_counts: dict[str, int] = field(default_factory=dict)
    reflection_to_question: float = 0.0
    percent_complex_reflections: float = 0.0
    percent_open_questions: float = 0.0
    prompt_share: float = 1.0
    mi_adherent: int = 0
    mi_non_adherent: int = 0
    directive_turns: int = 0
    directive_before_goal: int = 0
    repeated_questions: int = 0
    turns_with_question_or_reflection: float = 0.0
    goal_turn: int | None = None
    goal: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _ratio(num: float, den: float, empty: float) -> float:
    return round(num / den, 4) if den else empty


def conversation_metrics(turns: list[TurnRecord]) -> ConversationMetrics:
    coaching = [t for t in turns if t.route == "coach"]
    counts: Counter[str] = Counter(c.code for t in coaching for c in t.coded.codes)
    questions = counts["question_open"] + counts["question_closed"]
    reflections = counts["reflection_simple"] + counts["reflection_complex"]
    prompting = sum(counts[c] for c in PROMPTING)
    directive = sum(counts[c] for c in DIRECTIVE)
    # A question asked twice, word for word. Only sentences that ask ("…?") count: an agenda
    # shown again after an edit repeats its items, which are not questions asked again.
    asked: Counter[str] = Counter(
        " ".join(c.text.lower().split())
        for t in coaching
        for c in t.coded.codes
        if c.code.startswith("question") and c.text.rstrip().endswith("?")
    )
    goal_turn = next((t.index for t in turns if t.goal), None)
    with_qr = sum(
        1 for t in coaching if any(c.code.startswith(("question", "reflection")) for c in t.coded.codes)
    )
    # Directive replies anywhere count, including logistics and redirects: advice is advice.
    # Safety care is the one exception: "please call 988 now" is what crisis protocols ask for.
    directive_turns = [t for t in turns if t.coded.directive and t.route not in CARE_ROUTES]
    return ConversationMetrics(
        turns=len(turns),
        coaching_turns=len(coaching),
        code_counts=dict(sorted(counts.items())),
        reflection_to_question=_ratio(reflections, questions, float(reflections)),
        percent_complex_reflections=_ratio(counts["reflection_complex"], reflections, 0.0),
        percent_open_questions=_ratio(counts["question_open"], questions, 1.0),
        prompt_share=_ratio(prompting, prompting + directive, 1.0),
        mi_adherent=sum(counts[c] for c in MI_ADHERENT),
        mi_non_adherent=sum(counts[c] for c in MI_NON_ADHERENT),
        directive_turns=len(directive_turns),
        directive_before_goal=sum(1 for t in directive_turns if goal_turn is None or t.index < goal_turn),
        repeated_questions=sum(n - 1 for n in asked.values() if n > 1),
        turns_with_question_or_reflection=_ratio(with_qr, len(coaching), 1.0),
        goal_turn=goal_turn,
        goal=next((t.goal for t in turns if t.goal), ""),
    )
