"""Benchmark: embedding throughput and query latency at 10k chunks.

    .venv/bin/python bench/bench_knowledge.py [--chunks 10000]

Targets (issue #3): >= 250 chunks/s embedded on 2 cores; query p95 <= 20 ms at 10k chunks.
Measures end to end through the product's own code: LocalEmbedder, the Chroma collection,
and Retriever.search (query embedding + vector search + each ranking strategy).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from assistant.config import PROJECT_ROOT, load_settings
from assistant.knowledge.chunking import chunk_pages
from assistant.knowledge.embeddings import LOCAL_MODEL_ID, LocalEmbedder
from assistant.knowledge.loaders import Page
from assistant.knowledge.retrieve import Retriever
from assistant.knowledge.store import get_collection, open_client

QUERIES = [
    "how often do we meet", "who schedules the meetings", "how do I prepare for my first session",
    "what is the GROW model", "my mentor intimidates me", "I didn't do what I committed to",
    "how do I switch careers into product", "what should be on the agenda", "is this confidential",
    "what are Socratic questions",
]


def shipped_chunks() -> list[str]:
    texts = []
    for path in sorted((PROJECT_ROOT / "knowledge").glob("*.md")):
        texts += [c.text for c in chunk_pages([Page(path.read_text(encoding="utf-8"))])]
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chunks", type=int, default=10_000)
    args = parser.parse_args()
    base = shipped_chunks()
    rng = random.Random(7)
    # Realistic text at scale: shipped passages with their sentences shuffled and numbered.
    corpus = []
    for i in range(args.chunks):
        sentences = base[i % len(base)].split(". ")
        rng.shuffle(sentences)
        corpus.append(f"{'. '.join(sentences)} (variant {i})")
    embedder = LocalEmbedder()
    embedder.embed(corpus[:32])  # warm-up
    start = time.perf_counter()
    vectors = embedder.embed(corpus)
    rate = len(corpus) / (time.perf_counter() - start)
    print(f"embedding     {len(corpus)} chunks at {rate:7.1f} chunks/s   (target >= 250)")
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(data_dir=Path(tmp))
        collection = get_collection(open_client(settings), LOCAL_MODEL_ID, create=True)
        assert collection is not None
        meta = {"source": "bench.md", "section": "bench", "page": 0, "root": "bench"}
        for s in range(0, len(corpus), 2000):
            collection.add(
                ids=[str(i) for i in range(s, min(s + 2000, len(corpus)))],
                embeddings=vectors[s : s + 2000],
                documents=corpus[s : s + 2000],
                metadatas=[meta] * len(corpus[s : s + 2000]),
            )
        retriever = Retriever(settings)
        for strategy in ("hybrid", "mmr", "vector"):
            for q in QUERIES:
                retriever.search(q, 4, strategy=strategy)  # warm-up
            timings = []
            for _ in range(20):
                for q in QUERIES:
                    t = time.perf_counter()
                    retriever.search(q, 4, strategy=strategy)
                    timings.append((time.perf_counter() - t) * 1000)
            timings.sort()
            p95 = timings[int(0.95 * (len(timings) - 1))]
            median = timings[len(timings) // 2]
            print(f"query {strategy:<7} {len(timings)} queries at {len(corpus)} chunks: median {median:.1f} ms, "
                  f"p95 {p95:.1f} ms   (target p95 <= 20 ms)")

if __name__ == "__main__":
    main()
