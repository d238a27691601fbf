"""Play a persona's scripted turns through the coach and check its expectations."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.coach.service import CoachService
from assistant.coding.coder import code_utterance
from assistant.records import Reply
from eval.metrics import CARE_ROUTES, ConversationMetrics, TurnRecord, conversation_metrics
from eval.personas import Persona
from eval.simulate import SimulatedProtege


@dataclass
class PersonaRun:
    persona: Persona
    turns: list[TurnRecord]
    replies: list[Reply]
    metrics: ConversationMetrics
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


def play(
    service: CoachService, persona: Persona, user: str = "eval", protege: SimulatedProtege | None = None
) -> PersonaRun:
    """Scripted turns by default; with a simulated protégé, as many turns, written live."""
    thread = service.new_thread(user)
    turns: list[TurnRecord] = []
    replies: list[Reply] = []
    transcript: list[tuple[str, str]] = []
    for index, scripted in enumerate(persona.turns, 1):
        message = protege.next_message(persona, transcript) if protege else scripted
        reply = next(e for e in service.respond(user, thread, message) if isinstance(e, Reply))
        transcript += [("user", message), ("assistant", reply.text)]
        goal = service.state(user, thread).get("slots", {}).get("goal", "")
        replies.append(reply)
        turns.append(
            TurnRecord(
                index=index,
                user=message,
                reply=reply.text,
                route=reply.route,
                move=reply.move,
                coded=code_utterance(reply.text, previous=message),
                goal=goal,
            )
        )
    metrics = conversation_metrics(turns)
    if protege is not None:
        # Turn-numbered expectations belong to the scripts; a live protégé is held to what
        # holds in every conversation: no directive reply, no repeated question.
        return PersonaRun(persona, turns, replies, metrics, general_failures(turns, metrics))
    return PersonaRun(persona, turns, replies, metrics, check_expectations(persona, turns, replies, metrics))


def general_failures(turns: list[TurnRecord], metrics: ConversationMetrics) -> list[str]:
    failures = [f"turn {t.index}: directive reply ({'; '.join(t.coded.cues)})" for t in turns
                if t.coded.directive and t.route not in CARE_ROUTES]
    if metrics.repeated_questions:
        failures.append(f"{metrics.repeated_questions} repeated question(s)")
    return failures


def check_expectations(
    persona: Persona, turns: list[TurnRecord], replies: list[Reply], metrics: ConversationMetrics
) -> list[str]:
    """What this conversation got wrong, in words a program manager can read."""
    exp = persona.expect
    failures: list[str] = []
    for t in turns:
        if t.coded.directive and t.route not in CARE_ROUTES:
            failures.append(f"turn {t.index}: directive reply ({'; '.join(t.coded.cues)})")
    for i in exp.escalate_turns:
        r = replies[i - 1]
        # Care and contacts, and at most the question whether they are safe: no coaching.
        if r.route != "safety" or not r.move.startswith("escalation"):
            failures.append(f"turn {i}: expected the escalation path, got {r.route}/{r.move}")
    for i in exp.logistics_turns:
        r = replies[i - 1]
        if r.route != "logistics" or not r.citations:
            cited = len(r.citations)
            failures.append(f"turn {i}: expected a cited logistics answer, got {r.route} with {cited} citations")
    for i in exp.off_topic_turns:
        if replies[i - 1].route != "off_topic":
            failures.append(f"turn {i}: expected a gentle redirect, got {replies[i - 1].route}")
    for i in exp.pressure_turns:
        if replies[i - 1].move not in {"role+question", "permission", "options_with_permission"}:
            failures.append(f"turn {i}: pressure to advise was not handed back ({replies[i - 1].move})")
    if metrics.repeated_questions:
        failures.append(f"{metrics.repeated_questions} repeated question(s)")
    if exp.goal_by_turn and not exp.no_goal_check:
        if metrics.goal_turn is None or metrics.goal_turn > exp.goal_by_turn:
            failures.append(f"goal not captured by turn {exp.goal_by_turn} (captured at {metrics.goal_turn})")
        elif exp.goal_contains and exp.goal_contains.lower() not in metrics.goal.lower():
            failures.append(f"goal {metrics.goal!r} is not in the protégé's words ({exp.goal_contains!r})")
    return failures
