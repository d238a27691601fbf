"""Protégé personas as data: scripted turns and what a good assistant must do with them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SCENARIOS_DIR = Path(__file__).resolve().parent / "scenarios"


class PersonaError(ValueError):
    """A persona file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Expectations:
    goal_by_turn: int | None = None  # the goal must be captured by this turn (1-based)
    goal_contains: str = ""  # ...and contain these words of the protégé's
    escalate_turns: tuple[int, ...] = ()
    logistics_turns: tuple[int, ...] = ()
    off_topic_turns: tuple[int, ...] = ()
    pressure_turns: tuple[int, ...] = ()
    no_goal_check: bool = False


@dataclass(frozen=True)
class Persona:
    """A scripted protégé of the project's own set: their messages and what the run must show."""

    id: str
    title: str
    description: str
    turns: tuple[str, ...]
    expect: Expectations
    commitments: tuple[str, ...] = field(default_factory=tuple)


def _turn_list(data: dict[str, Any], key: str) -> tuple[int, ...]:
    return tuple(int(x) for x in data.get(key, []) or [])


def load_persona(path: Path) -> Persona:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise PersonaError(f"{path.name}: cannot read persona: {exc}") from None
    if not isinstance(data, dict):
        raise PersonaError(f"{path.name}: expected a mapping with id, title, turns")
    missing = [k for k in ("id", "title", "turns") if not data.get(k)]
    if missing:
        raise PersonaError(f"{path.name}: missing {', '.join(missing)}")
    turns = data["turns"]
    if not isinstance(turns, list) or not all(isinstance(t, str) and t.strip() for t in turns):
        raise PersonaError(f"{path.name}: turns must be a list of non-empty strings")
    exp = data.get("expect") or {}
    return Persona(
        id=str(data["id"]),
        title=str(data["title"]),
        description=str(data.get("description", "")),
        turns=tuple(turns),
        commitments=tuple(data.get("commitments", []) or []),
        expect=Expectations(
            goal_by_turn=exp.get("goal_by_turn"),
            goal_contains=str(exp.get("goal_contains", "")),
            escalate_turns=_turn_list(exp, "escalate_turns"),
            logistics_turns=_turn_list(exp, "logistics_turns"),
            off_topic_turns=_turn_list(exp, "off_topic_turns"),
            pressure_turns=_turn_list(exp, "pressure_turns"),
            no_goal_check=bool(exp.get("no_goal_check", False)),
        ),
    )


def load_personas(directory: Path = SCENARIOS_DIR, only: list[str] | None = None) -> list[Persona]:
    personas = [load_persona(p) for p in sorted(directory.glob("*.yaml"))]
    if only:
        known = {p.id for p in personas}
        unknown = sorted(set(only) - known)
        if unknown:
            raise PersonaError(f"unknown persona(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        personas = [p for p in personas if p.id in only]
    return personas
