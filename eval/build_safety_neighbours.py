"""Embed the labelled safety training sentences for the detector's neighbour check.

    python -m eval.build_safety_neighbours [--out assistant/safety/data/safety-neighbours.npz]

Re-run after adding training sets (the same ones the classifier is trained on).
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import numpy as np

from assistant.safety.neighbours import ALERT, DATA_FILE

TRAIN = Path(__file__).parent / "labelled" / "safety"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DATA_FILE)
    args = parser.parse_args(argv)
    from assistant.knowledge.embeddings import LocalEmbedder

    rows: dict[str, str] = {}
    for path in sorted(TRAIN.glob("train-*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                if r.get("text") and r.get("category"):
                    rows[r["text"].strip()] = r["category"].strip()
    texts = sorted(rows)
    vectors = np.asarray(LocalEmbedder().embed(texts), dtype=np.float16)
    alert = np.array([rows[t] in ALERT for t in texts], dtype=bool)
    np.savez_compressed(args.out, vectors=vectors, alert=alert)
    print(f"{len(texts)} sentences ({int(alert.sum())} alert) -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
