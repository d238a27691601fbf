"""Measure the question linter on the project's labelled mentor questions.

    python -m eval.lint_eval [eval/labelled/mentor-questions.csv]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

from assistant.lint import FLAGS, lint_question

LABELLED = Path(__file__).parent / "labelled" / "mentor-questions.csv"


def score(path: Path = LABELLED, split: str | None = None) -> dict[str, Any]:
    """Per-flag precision, recall, F1 and support; `split` restricts to dev or test rows."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if split is None or r["split"] == split]
    counts = {f: {"tp": 0, "fp": 0, "fn": 0} for f in FLAGS}
    errors = []
    for row in rows:
        gold = {f for f in row["flags"].split(";") if f}
        got = set(lint_question(row["question"]).kinds)
        for f in FLAGS:
            if f in got and f in gold:
                counts[f]["tp"] += 1
            elif f in got:
                counts[f]["fp"] += 1
            elif f in gold:
                counts[f]["fn"] += 1
        if got != gold:
            errors.append({"question": row["question"], "gold": sorted(gold), "got": sorted(got)})
    per_flag = {}
    for f, c in counts.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        per_flag[f] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                       "support": c["tp"] + c["fn"]}
    exact = 1 - len(errors) / len(rows) if rows else 0.0
    return {"rows": len(rows), "exact_match": exact, "flags": per_flag, "errors": errors}


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else LABELLED
    for split in ("dev", "test", None):
        result = score(path, split)
        print(f"== {split or 'all'}: {result['rows']} questions, exact match {result['exact_match']:.3f}")
        for flag, m in result["flags"].items():
            print(f"  {flag:<17} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}  n={m['support']}")
    for e in score(path)["errors"]:
        print(f"  mismatch: {e['question']!r} gold={e['gold']} got={e['got']}")


if __name__ == "__main__":
    main()
