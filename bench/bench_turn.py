"""Benchmark: offline turn latency (shipped guidance and 10,000 passages), per-turn time
as a thread grows to 200 turns, and the LLM prompt size deep into a long thread.

    .venv/bin/python bench/bench_turn.py [--rounds 5] [--passages 10000]

Measures, does not assert: numbers depend on the machine. Targets (issue #16): offline turn
with retrieval p95 <= 50 ms at the shipped 86 passages and their hints, <= 60 ms at 10,000
passages; per-turn time at turn 200 within 10% of turn 10 (issue #4: prompt <= 2,500 tokens
at turn 40).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from assistant.bootstrap import directive_check, make_search
from assistant.coach.service import CoachService
from assistant.config import load_settings
from assistant.knowledge.ingest import ingest
from assistant.llm.offline import OfflineBackend
from assistant.llm.openai_backend import OpenAIBackend
from assistant.llm.scripted import ScriptedBackend
from assistant.records import Partial, Reply
from assistant.tokens import count_tokens
from eval.personas import load_personas

ROOT = Path(__file__).resolve().parents[1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def offline_latency(root: Path, rounds: int, with_search: bool, data: str = "data") -> list[float]:
    settings = load_settings(data_dir=root / data, backend="offline")
    search = None
    if with_search:
        retriever, problem = make_search(settings)
        if retriever is None:
            raise SystemExit(problem)
        search = retriever.search
    service = CoachService(settings, OfflineBackend(), search, directive_check)
    timings: list[float] = []
    for r in range(rounds):
        for persona in load_personas():
            thread = f"{persona.id}-{r}-{int(with_search)}"
            for message in persona.turns:
                start = time.perf_counter()
                for _ in service.respond("bench", thread, message):
                    pass
                timings.append((time.perf_counter() - start) * 1000)
    return timings


def long_thread(root: Path, turns: int) -> list[float]:
    """Per-turn time (ms) of one offline thread with retrieval, turn by turn up to `turns`;
    the messages cycle through the blind conversations, so late turns say what early ones did."""
    import yaml

    settings = load_settings(data_dir=root / "data", backend="offline")
    retriever, problem = make_search(settings)
    if retriever is None:
        raise SystemExit(problem)
    service = CoachService(settings, OfflineBackend(), retriever.search, directive_check)
    convs = yaml.safe_load((ROOT / "eval/conversations/blind-review.yaml").read_text(encoding="utf-8"))
    said = [m for c in convs for m in c["turns"]][:20]
    timings = []
    for i in range(turns):
        start = time.perf_counter()
        for _ in service.respond("bench", "long-thread", said[i % len(said)]):
            pass
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def add_passages(root: Path, data: str, count: int) -> None:
    """The shipped guidance plus `count` more passages (bench_knowledge's synthetic corpus:
    shipped passages, sentences shuffled, vectors jittered past the embedded sample)."""
    from bench_knowledge import _fill, shipped_chunks

    from assistant.knowledge.embeddings import LocalEmbedder

    settings = load_settings(data_dir=root / data)
    ingest(settings, progress=False)
    base = shipped_chunks()
    sample = [f"{base[i % len(base)]} (variant {i})" for i in range(min(count, 1000))]
    vectors = np.array(LocalEmbedder().embed(sample))
    _fill(settings, sample, vectors, count)


def prompt_tokens_at(root: Path, turns: int) -> int:
    settings = load_settings(data_dir=root / "llm", backend="openai", openai_base_url="http://127.0.0.1:9/v1")
    backend = ScriptedBackend(["It sounds like that matters to you. What would success look like for you?"])
    backend.name = "openai"
    retriever, problem = make_search(settings)
    if retriever is None:
        raise SystemExit(problem)
    service = CoachService(settings, backend, retriever.search, directive_check)
    persona = next(p for p in load_personas() if p.id == "reticent-junior")
    messages = (list(persona.turns) * (turns // len(persona.turns) + 1))[:turns]
    for i, message in enumerate(messages):
        for event in service.respond("bench", "long", f"{message} (turn {i + 1})"):
            assert isinstance(event, (Partial, Reply))
    request = backend.requests[-1]
    formatter = OpenAIBackend(settings)
    return sum(count_tokens(content) + 4 for _, content in formatter.messages(request))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--passages", type=int, default=10_000, help="size of the large index")
    parser.add_argument("--turns", type=int, default=200, help="length of the long thread")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ingest(load_settings(data_dir=root / "data"), progress=False)
        (root / "llm").mkdir()
        ingest(load_settings(data_dir=root / "llm"), progress=False)
        add_passages(root, "large", args.passages)
        runs = ((False, "data", "offline turn, engine only", 50), (True, "data", "offline turn, with retrieval", 50),
                (True, "large", f"  ... at {args.passages:,} passages", 60))
        for with_search, data, label, target in runs:
            t = offline_latency(root, args.rounds, with_search, data)
            print(
                f"{label:<30} n={len(t):<5} median {statistics.median(t):6.1f} ms   "
                f"p95 {percentile(t, 0.95):6.1f} ms   max {max(t):6.1f} ms   (target p95 <= {target} ms)"
            )
        t = long_thread(root, args.turns)
        windows = [statistics.median(t[i:i + 20]) for i in range(0, len(t), 20)]
        print(f"{'one thread, median per 20 turns':<30} " + " ".join(f"{w:.1f}" for w in windows) + " ms")
        # The first 20 turns are a fresh conversation (goal-stage turns read and plan more);
        # from turn 21 the same messages come round again, so like is compared with like.
        early, late = statistics.median(t[20:40]), statistics.median(t[-20:])
        print(f"{f'turns {len(t) - 19}-{len(t)} vs 21-40':<30} {late:.1f} vs {early:.1f} ms: {late / early - 1:+.0%} "
              "(target within 10%)")
        tokens = prompt_tokens_at(root, 40)
        print(f"{'LLM prompt at turn 40':<30} {tokens} tokens (target <= 2,500)")


if __name__ == "__main__":
    main()
