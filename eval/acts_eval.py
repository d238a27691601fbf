"""Score the dialogue-act and check-in classifiers on labelled JSON Lines files.

Acts files hold {"text", "acts", "spans", "after"} rows (eval/labelled/acts/GUIDE.md);
check-in files hold {"commitment", "reply", "outcome"} rows. Scoring uses the product's own
reading path (assistant.language.acts; for check-ins, coach.checkin.outcome_about, which the
coach acts on), so the figure is what protégés get.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.language.acts import ACTS, OUTCOMES, read_outcome
from assistant.language.meaning import read

BLIND_DIR = Path(__file__).resolve().parent / "labelled" / "blind" / "acts"
BLIND_ACTS = (BLIND_DIR / "blind-1.jsonl", BLIND_DIR / "blind-2.jsonl")
BLIND_CHECKIN = (BLIND_DIR / "checkin-blind.jsonl", BLIND_DIR / "checkin-blind-2.jsonl",
                 BLIND_DIR / "checkin-blind-3.jsonl")


class LabelledFileError(ValueError):
    """A labelled file that cannot be scored; the message names the file, line and problem."""


def load_jsonl(path: Path, required: tuple[str, ...]) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelledFileError(f"{path}: cannot read ({exc})") from None
    rows = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise LabelledFileError(f"{path.name}:{n}: not JSON ({exc})") from None
        if not isinstance(row, dict) or any(k not in row for k in required):
            raise LabelledFileError(f"{path.name}:{n}: needs the fields {', '.join(required)}")
        rows.append(row)
    if not rows:
        raise LabelledFileError(f"{path}: no labelled rows")
    return rows


def load_acts(path: Path) -> list[dict[str, Any]]:
    rows = load_jsonl(path, ("text", "acts"))
    for n, row in enumerate(rows, 1):
        unknown = [a for a in row["acts"] if a not in ACTS]
        if unknown or not row["acts"]:
            raise LabelledFileError(f"{path.name}: row {n} has unknown or no acts: {unknown}")
    return rows


def load_checkin(path: Path) -> list[dict[str, Any]]:
    rows = load_jsonl(path, ("reply", "outcome"))
    for n, row in enumerate(rows, 1):
        if row["outcome"] not in OUTCOMES:
            raise LabelledFileError(f"{path.name}: row {n} has unknown outcome {row['outcome']!r}")
    return rows


@dataclass
class ActScore:
    rows: int
    macro_f1: float
    per_act: dict[str, dict[str, float]]  # act -> precision, recall, f1, support
    commitment_precision: float
    own_goal_accuracy: float  # on rows labelled goal or others_demand: both decisions right
    own_goal_rows: int


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_acts(rows: list[dict[str, Any]]) -> ActScore:
    counts = {a: [0, 0, 0] for a in ACTS}  # tp, fp, fn
    own_right = own_rows = 0
    for row in rows:
        gold = set(row["acts"])
        meaning = read(row["text"])
        # What the product records: a commitment needs the classifier and an owned intention.
        pred = set(meaning.acts.acts) - {"commitment"} | ({"commitment"} if meaning.commitment else set())
        for act in ACTS:
            if act in pred and act in gold:
                counts[act][0] += 1
            elif act in pred:
                counts[act][1] += 1
            elif act in gold:
                counts[act][2] += 1
        if gold & {"goal", "others_demand"}:
            own_rows += 1
            own_right += ("goal" in pred) == ("goal" in gold) and ("others_demand" in pred) == ("others_demand" in gold)
    per_act = {}
    for act, (tp, fp, fn) in counts.items():
        p, r, f = _prf(tp, fp, fn)
        per_act[act] = {"precision": p, "recall": r, "f1": f, "support": float(tp + fn)}
    present = [a for a in ACTS if per_act[a]["support"] > 0]
    macro = sum(per_act[a]["f1"] for a in present) / len(present)
    return ActScore(
        rows=len(rows), macro_f1=macro, per_act=per_act,
        commitment_precision=per_act["commitment"]["precision"],
        own_goal_accuracy=own_right / own_rows if own_rows else 0.0, own_goal_rows=own_rows,
    )


def score_checkin(rows: list[dict[str, Any]],
                  classifier_only: bool = False) -> tuple[float, dict[str, dict[str, float]]]:
    """(accuracy, per-outcome precision/recall/f1) of the check-in reading the coach acts on
    (coach.checkin.outcome_about: the classifier, plain words, the sentence naming the
    commitment); with `classifier_only`, of the outcome head alone."""
    from assistant.coach.checkin import outcome_about

    right = 0
    counts = {o: [0, 0, 0] for o in OUTCOMES}
    for row in rows:
        pred = read_outcome(row["reply"])[0] if classifier_only else outcome_about(row["reply"], row["commitment"])[0]
        gold = row["outcome"]
        right += pred == gold
        if pred == gold:
            counts[gold][0] += 1
        else:
            counts[pred][1] += 1
            counts[gold][2] += 1
    per = {}
    for o, (tp, fp, fn) in counts.items():
        p, r, f = _prf(tp, fp, fn)
        per[o] = {"precision": p, "recall": r, "f1": f, "support": float(tp + fn)}
    return right / len(rows), per


def format_acts(name: str, s: ActScore) -> str:
    lines = [f"{name}: {s.rows} messages  macro-F1 {s.macro_f1:.3f}  commitment precision "
             f"{s.commitment_precision:.3f}  own goal vs others' demand {s.own_goal_accuracy:.3f} "
             f"({s.own_goal_rows} rows)"]
    for act in ACTS:
        m = s.per_act[act]
        lines.append(f"  {act:<20} P {m['precision']:.2f}  R {m['recall']:.2f}  F1 {m['f1']:.2f}  "
                     f"n={int(m['support'])}")
    return "\n".join(lines)
