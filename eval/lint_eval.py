"""Measure the mentor question linter against hand-labelled questions.

    python -m eval.lint_eval [PATH]     (default: eval/labelled/mentor-questions.csv)

The CSV has columns id, question, flags (';'-separated FLAGS, empty = a clean open question),
note and split. Labels say what the question does to the protégé (intent), decided when the
question was written, never copied from the linter. The split is a hash of the id
(`split_for`), so nobody chooses which questions are held out. The notes mark the hard cases
and the decisions behind them ("or" inside an open question, non-judgmental "why",
"What do you think about" + a proposed action, invitations in "Could you..." form).
"""

from __future__ import annotations

import csv
import hashlib
import io
import sys
from pathlib import Path
from typing import Any

from assistant.lint import FLAGS, lint_question

LABELLED = Path(__file__).parent / "labelled" / "mentor-questions.csv"
SPLITS = ("dev", "test", "all")
COLUMNS = ("id", "question", "flags", "note", "split")


class LabelledSetError(ValueError):
    """The labelled file can't be scored; the message says what to fix."""


def split_for(row_id: str) -> str:
    """About 30% of ids hash to "test"; the rest are "dev"."""
    return "test" if hashlib.sha256(row_id.encode("utf-8")).digest()[0] % 10 < 3 else "dev"


def load_labelled(path: Path = LABELLED) -> list[dict[str, Any]]:
    """Rows as dicts with `gold` (a set of flags); raises LabelledSetError on a malformed file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise LabelledSetError(f"{path}: no such file.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelledSetError(f"{path}: cannot read it as UTF-8 text ({exc}).") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise LabelledSetError(f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(COLUMNS)}.")
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for n, row in enumerate(reader, start=2):
        gold = {f.strip() for f in (row["flags"] or "").split(";") if f.strip()}
        if unknown := gold - set(FLAGS):
            raise LabelledSetError(
                f"{path} line {n}: unknown flag(s) {', '.join(sorted(unknown))}; use {', '.join(FLAGS)}."
            )
        if row["split"] not in ("dev", "test"):
            raise LabelledSetError(f"{path} line {n}: split must be dev or test, not {row['split']!r}.")
        if not row["id"] or row["id"] in seen:
            raise LabelledSetError(f"{path} line {n}: the id {row['id']!r} is empty or repeated.")
        seen.add(row["id"])
        rows.append({**row, "gold": gold})
    if not rows:
        raise LabelledSetError(f"{path}: no labelled questions.")
    return rows


def _rates(tp: int, fp: int, fn: int) -> dict[str, float]:
    # An empty denominator means nothing to get wrong: precision/recall of 1.0, by convention.
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _score_rows(rows: list[dict[str, Any]]) -> dict[str, Any]:
    counts = {f: {"tp": 0, "fp": 0, "fn": 0} for f in FLAGS}
    errors = []
    clean_right = clean_total = 0
    for row in rows:
        got = set(lint_question(row["question"]).kinds)
        gold = row["gold"]
        for f in FLAGS:
            if f in got or f in gold:
                counts[f]["tp" if f in got and f in gold else "fp" if f in got else "fn"] += 1
        if not gold:
            clean_total += 1
            clean_right += not got
        if got != gold:
            errors.append({"id": row["id"], "question": row["question"], "gold": sorted(gold), "got": sorted(got)})
    per_flag = {
        f: {**_rates(c["tp"], c["fp"], c["fn"]), "support": c["tp"] + c["fn"], **c} for f, c in counts.items()
    }
    tp, fp, fn = (sum(c[k] for c in counts.values()) for k in ("tp", "fp", "fn"))
    overall = {
        **_rates(tp, fp, fn),
        "macro_f1": sum(m["f1"] for m in per_flag.values()) / len(FLAGS),
        "exact_match": 1 - len(errors) / len(rows) if rows else 0.0,
        "clean_passed": clean_right / clean_total if clean_total else 1.0,
        "support": tp + fn,
    }
    return {"rows": len(rows), "flags": per_flag, "overall": overall, "errors": errors}


def score(path: Path = LABELLED) -> dict[str, dict[str, Any]]:
    """Per-flag precision, recall, F1 and support, and overall (micro) figures, for dev, test and all."""
    rows = load_labelled(path)
    return {split: _score_rows([r for r in rows if split == "all" or r["split"] == split]) for split in SPLITS}


def format_table(result: dict[str, dict[str, Any]]) -> str:
    lines = []
    for split in SPLITS:
        r = result[split]
        o = r["overall"]
        lines.append(f"{split}: {r['rows']} questions, exact match {o['exact_match']:.3f}, "
                     f"clean questions passed {o['clean_passed']:.3f}")
        lines.append(f"  {'flag':<17} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}")
        for flag, m in r["flags"].items():
            lines.append(f"  {flag:<17} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} {m['support']:5d}")
        lines.append(f"  {'overall (micro)':<17} {o['precision']:6.3f} {o['recall']:6.3f} {o['f1']:6.3f} "
                     f"{o['support']:5d}   macro F1 {o['macro_f1']:.3f}")
    errors = result["all"]["errors"]
    if errors:
        lines.append(f"disagreements ({len(errors)}):")
        lines += [f"  {e['id']}: {e['question']!r} labelled {e['gold'] or ['clean']} got {e['got'] or ['clean']}"
                  for e in errors]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0] in ("-h", "--help")):
        print(__doc__.strip())
        return 0 if args and args[0] in ("-h", "--help") else 2
    try:
        print(format_table(score(Path(args[0]) if args else LABELLED)))
    except LabelledSetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
