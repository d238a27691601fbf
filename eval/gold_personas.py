"""Persona scripts with gold annotations: what an excellent coach would have written down.

Written by people who never read the engine or the coder (eval/personas-blind/README.md).
Each file is one scripted protégé plus `gold`: the goal as acceptable spans of their own
words, obstacles, options (and rejected ones), commitments and sentences that must NOT
become commitments, what others want for them that is not their goal, check-in outcomes,
the turns that must and must not be treated as a crisis, logistics questions with the
guidance section that answers them, and the turn where they approve the agenda.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

BLIND_DIR = Path(__file__).resolve().parent / "personas-blind"
OUTCOMES = ("done", "partly", "not_yet", "dropped")
_SPAN_KEYS = ("goal", "obstacles", "options", "rejected_options", "commitments", "not_commitments", "reported_not_goal")


class GoldError(ValueError):
    """A persona file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Logistics:
    turn: int
    source: str  # guidance file, e.g. program-handbook.md
    section: str  # its heading


@dataclass(frozen=True)
class CheckIn:
    commitment: str
    outcome: str
    turn: int


@dataclass(frozen=True)
class Gold:
    goal: tuple[str, ...] = ()
    goal_turn: int | None = None
    obstacles: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    rejected_options: tuple[str, ...] = ()
    commitments: tuple[str, ...] = ()
    not_commitments: tuple[str, ...] = ()
    reported_not_goal: tuple[str, ...] = ()
    checkin: tuple[CheckIn, ...] = ()
    crisis_turns: tuple[int, ...] = ()
    not_crisis_turns: tuple[int, ...] = ()
    logistics: tuple[Logistics, ...] = ()
    agenda_approved_turn: int | None = None


@dataclass(frozen=True)
class GoldPersona:
    """A blind persona: who they are, how they talk, their messages in order, and what a good
    coach would have captured from them (gold)."""

    id: str
    title: str
    voice: str
    turns: tuple[str, ...]
    gold: Gold
    returning: bool = False
    previous_commitments: tuple[str, ...] = field(default_factory=tuple)


def _strings(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise GoldError(f"{where}: gold.{key} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _turn(value: Any, n_turns: int, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= n_turns:
        raise GoldError(f"{where}: turn {value!r} is not between 1 and {n_turns}")
    return value


def _gold(data: dict[str, Any], turns: tuple[str, ...], where: str) -> Gold:
    n = len(turns)
    spans = {key: _strings(data, key, where) for key in _SPAN_KEYS}
    said = " ".join(" ".join(t.split()) for t in turns).lower()
    for key, values in spans.items():
        for span in values:
            if " ".join(span.split()).lower() not in said:
                raise GoldError(f"{where}: gold.{key} span {span!r} is not in the protégé's messages")
    logistics = []
    for item in data.get("logistics") or []:
        source, _, section = str(item.get("section", "")).partition("#")
        if not source or not section:
            raise GoldError(f"{where}: logistics section must be 'file.md#Heading', got {item.get('section')!r}")
        logistics.append(Logistics(_turn(item.get("turn"), n, where), source.strip(), section.strip()))
    checkin = []
    for item in data.get("checkin") or []:
        if item.get("outcome") not in OUTCOMES:
            raise GoldError(f"{where}: check-in outcome must be one of {', '.join(OUTCOMES)}")
        turn = _turn(item.get("turn"), n, where)
        checkin.append(CheckIn(str(item.get("commitment", "")), str(item["outcome"]), turn))
    goal_turn, approved = data.get("goal_turn"), data.get("agenda_approved_turn")
    return Gold(
        goal_turn=_turn(goal_turn, n, where) if goal_turn is not None else None,
        checkin=tuple(checkin),
        crisis_turns=tuple(_turn(t, n, where) for t in data.get("crisis_turns") or []),
        not_crisis_turns=tuple(_turn(t, n, where) for t in data.get("not_crisis_turns") or []),
        logistics=tuple(logistics),
        agenda_approved_turn=_turn(approved, n, where) if approved is not None else None,
        **spans,
    )


def load_gold_persona(path: Path) -> GoldPersona:
    where = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise GoldError(f"{where}: cannot read persona: {exc}") from None
    if not isinstance(data, dict) or not data.get("id") or not isinstance(data.get("gold"), dict):
        raise GoldError(f"{where}: expected a mapping with id, turns and gold")
    turns = data.get("turns")
    if not isinstance(turns, list) or not turns or not all(isinstance(t, str) and t.strip() for t in turns):
        raise GoldError(f"{where}: turns must be a non-empty list of non-empty strings")
    return GoldPersona(
        id=str(data["id"]),
        title=str(data.get("title", "")),
        voice=str(data.get("voice", "")),
        turns=tuple(turns),
        gold=_gold(data["gold"], tuple(turns), where),
        returning=bool(data.get("returning")),
        previous_commitments=tuple(str(c) for c in data.get("previous_commitments") or []),
    )


def load_gold_personas(directory: Path = BLIND_DIR) -> list[GoldPersona]:
    files = sorted(directory.glob("*.yaml")) if directory.is_dir() else [directory]
    if not files or not all(f.is_file() for f in files):
        raise GoldError(f"{directory}: no persona files")
    personas = [load_gold_persona(f) for f in files]
    seen: set[str] = set()
    for p in personas:
        if p.id in seen:
            raise GoldError(f"{directory}: persona id {p.id!r} appears twice")
        seen.add(p.id)
    return personas
