"""Benchmark: utterance coder throughput.

    .venv/bin/python bench/bench_coder.py

Target (issue #5): >= 5,000 utterances/s on 2 cores (one process, one core).
"""

from __future__ import annotations

import time

from assistant.coding.coder import code_utterance

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
    start = time.perf_counter()
    for text in batch:
        code_utterance(text)
    rate = n / (time.perf_counter() - start)
    print(f"coder         {n} utterances at {rate:8.0f} utterances/s   (target >= 5,000)")


if __name__ == "__main__":
    main()
