"""Benchmark: offline turn latency, and the LLM prompt size deep into a long thread.

    .venv/bin/python bench/bench_turn.py [--rounds 5]

Measures, does not assert: numbers depend on the machine. Targets (issue #4): offline turn
p95 <= 50 ms on 2 cores; LLM prompt <= 2,500 tokens at turn 40.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from assistant.bootstrap import directive_check, make_search
from assistant.coach.service import CoachService
from assistant.config import load_settings
from assistant.knowledge.ingest import ingest
from assistant.llm.offline import OfflineBackend
from assistant.llm.openai_backend import OpenAIBackend
from assistant.llm.scripted import ScriptedBackend
from assistant.records import Reply
from assistant.tokens import count_tokens
from eval.personas import load_personas


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def offline_latency(root: Path, rounds: int, with_search: bool) -> list[float]:
    settings = load_settings(data_dir=root / "data", backend="offline")
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
            assert isinstance(event, (str, Reply))
    request = backend.requests[-1]
    formatter = OpenAIBackend(settings)
    return sum(count_tokens(content) + 4 for _, content in formatter.messages(request))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ingest(load_settings(data_dir=root / "data"), progress=False)
        (root / "llm").mkdir()
        ingest(load_settings(data_dir=root / "llm"), progress=False)
        for with_search in (False, True):
            t = offline_latency(root, args.rounds, with_search)
            label = "offline turn, with retrieval" if with_search else "offline turn, engine only"
            print(
                f"{label:<30} n={len(t):<5} median {statistics.median(t):6.1f} ms   "
                f"p95 {percentile(t, 0.95):6.1f} ms   max {max(t):6.1f} ms   (target p95 <= 50 ms)"
            )
        tokens = prompt_tokens_at(root, 40)
        print(f"{'LLM prompt at turn 40':<30} {tokens} tokens (target <= 2,500)")


if __name__ == "__main__":
    main()
