"""The question bank (knowledge/questions.yaml): open questions tagged by GROW stage,
Socratic type and topic, read once and validated so a bad edit fails loudly."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

STAGES = ("goal", "reality", "options", "will")
TYPES = ("clarifying", "assumptions", "evidence", "viewpoints", "implications", "meta")


class QuestionBankError(ValueError):
    """The bank file is missing or malformed; the message names the entry."""


@dataclass(frozen=True)
class BankQuestion:
    id: str
    text: str
    stage: str
    type: str
    topic: str


@lru_cache(maxsize=4)
def _read(path: Path) -> Any:
    """The bank file parsed once, for both the questions and the topic descriptions."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise QuestionBankError(f"cannot read the question bank {path}: {exc}") from None


@lru_cache(maxsize=4)
def load_topics(path: Path) -> dict[str, str]:
    """Optional `topics:` descriptions (topic -> everyday words it covers); {} if absent."""
    data = _read(path)
    topics = (data or {}).get("topics") if isinstance(data, dict) else None
    if topics is None:
        return {}
    if not isinstance(topics, dict):
        raise QuestionBankError(f"{path}: `topics` should map each topic to a description")
    return {str(k): " ".join(str(v).split()) for k, v in topics.items() if str(v).strip()}


@lru_cache(maxsize=4)
def load_bank(path: Path) -> tuple[BankQuestion, ...]:
    data = _read(path)
    out = []
    seen: set[str] = set()
    for n, item in enumerate((data or {}).get("questions", []), 1):
        try:
            q = BankQuestion(str(item["id"]), str(item["text"]), item["stage"], item["type"], str(item["topic"]))
        except (KeyError, TypeError):
            raise QuestionBankError(f"{path}: entry {n} needs id, text, stage, type and topic") from None
        if q.stage not in STAGES or q.type not in TYPES:
            raise QuestionBankError(f"{path}: {q.id} has stage {q.stage!r} / type {q.type!r}")
        if q.id in seen:
            raise QuestionBankError(f"{path}: duplicate id {q.id}")
        seen.add(q.id)
        out.append(q)
    return tuple(out)
