"""Benchmark: utterance coder throughput.

    .venv/bin/python bench/bench_coder.py

Target (issue #5): >= 5,000 utterances/s on 2 cores (one process, one core); the learned
models (the yes/no-question one and the suggestion one) add <= 2 ms per reply (issue #15),
measured on 300 different supporter utterances with and without them.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path
from unittest import mock

from assistant.coding import coder
from assistant.coding.coder import code_utterance

VARIED = Path(__file__).resolve().parent.parent / "eval" / "labelled" / "suggestions" / "blind-1.csv"

SAMPLES = [
    "It sounds like getting promoted this year matters to you. What would reaching it look like for you?",
    "Have you considered asking your manager for a stretch project?",
    "You should volunteer to present at the next all-hands.",
    "So right now, you avoid presenting, and your manager does it for you.",
    "Would it help to hear some things others have tried? Some people rehearse with a friend first.",
    "What's getting in the way?",
    "Part of you wants the lead role, and part of you misses building things.",
    "Pairs meet every two weeks for about an hour.",
    "Thanks for sharing that.",
    "Do you like your job?",
]


def main() -> None:
    n = 20_000
    batch = (SAMPLES * (n // len(SAMPLES) + 1))[:n]
    for text in batch[:500]:
        code_utterance(text)
    with mock.patch.object(coder, "load_model", lambda *_: None):
        rules = _rate(batch)
    learned = _rate(batch)
    print(f"coder         {n} utterances: rules alone {rules:8.0f} utterances/s (target >= 5,000), "
          f"with the learned models {learned:8.0f}/s")
    texts = [r["text"] for r in csv.DictReader(VARIED.open(encoding="utf-8"))]
    with mock.patch.object(coder, "load_model", lambda *_: None):
        rules = _per_reply(texts)
    learned = _per_reply(texts)
    print(f"per reply     rules {rules:.3f} ms, with the learned models {learned:.3f} ms "
          f"(+{learned - rules:.3f} ms; target <= 2 ms)")


def _rate(batch: list[str]) -> float:
    start = time.perf_counter()
    for text in batch:
        code_utterance(text)
    return len(batch) / (time.perf_counter() - start)


def _per_reply(texts: list[str], rounds: int = 5) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for text in texts:
            code_utterance(text)
        best = min(best, (time.perf_counter() - start) / len(texts) * 1000)
    return best


if __name__ == "__main__":
    main()
