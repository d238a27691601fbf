"""The offline engine over every persona: the coaching engine's acceptance criteria."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.bootstrap import directive_check
from assistant.coach.service import CoachService
from assistant.config import load_settings
from assistant.llm.offline import OfflineBackend
from eval.conversation import PersonaRun, play
from eval.metrics import CARE_ROUTES
from eval.personas import load_personas

PERSONAS = load_personas()


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, indexed_dir: Path) -> dict[str, PersonaRun]:
    data = tmp_path_factory.mktemp("personas")
    settings = load_settings(
        data_dir=data, knowledge_dir=indexed_dir / "guidance", chroma_path=indexed_dir / "data" / "chroma"
    )
    from assistant.bootstrap import make_search

    retriever, _ = make_search(settings)
    search = retriever.search if retriever is not None else None
    service = CoachService(settings, OfflineBackend(), search, directive_check)
    return {p.id: play(service, p) for p in PERSONAS}


def test_there_are_at_least_fourteen_personas() -> None:
    assert len(PERSONAS) >= 14
    assert len({p.id for p in PERSONAS}) == len(PERSONAS)


@pytest.mark.parametrize("persona_id", [p.id for p in PERSONAS])
def test_persona_expectations_hold(runs: dict[str, PersonaRun], persona_id: str) -> None:
    run = runs[persona_id]
    assert run.failures == [], "\n".join(f"{t.index}. {t.user}\n   -> {t.reply}" for t in run.turns)


def test_engine_prompts_rather_than_directs_across_personas(runs: dict[str, PersonaRun]) -> None:
    turns = [t for r in runs.values() for t in r.turns]
    coaching = [t for t in turns if t.route == "coach"]
    # Crisis care may say "please call 988 now"; everything else must not direct.
    assert sum(t.coded.directive for t in turns if t.route not in CARE_ROUTES) == 0
    with_qr = [t for t in coaching if any(c.code.startswith(("question", "reflection")) for c in t.coded.codes)]
    assert len(with_qr) / len(coaching) >= 0.90
    counts = [r.metrics.code_counts for r in runs.values()]
    reflections = sum(c.get("reflection_simple", 0) + c.get("reflection_complex", 0) for c in counts)
    questions = sum(c.get("question_open", 0) + c.get("question_closed", 0) for c in counts)
    assert reflections / questions >= 1.0
    goal_runs = [r for r in runs.values() if r.persona.expect.goal_by_turn and not r.persona.expect.no_goal_check]
    by_six = [r for r in goal_runs if r.metrics.goal_turn is not None and r.metrics.goal_turn <= 6]
    assert len(by_six) / len(goal_runs) >= 0.90
