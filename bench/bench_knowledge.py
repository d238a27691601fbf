"""Benchmark: embedding throughput, query latency at 1k/10k/100k chunks, cold start.

    .venv/bin/python bench/bench_knowledge.py [--chunks 10000] [--sizes 1000,10000,100000]

Targets (issue #3): >= 250 chunks/s embedded on 2 cores; query p95 <= 20 ms at 10k chunks.
Measures end to end through the product's own code: LocalEmbedder, the Chroma collection,
and Retriever.search (query embedding + vector search + each ranking strategy).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from assistant.config import PROJECT_ROOT, Settings, load_settings
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
    parser.add_argument("--chunks", type=int, default=10_000, help="passages to embed for the rate")
    parser.add_argument("--sizes", default="1000,10000,100000", help="index sizes to query")
    args = parser.parse_args()
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
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
    vectors = np.array(embedder.embed(corpus))
    rate = len(corpus) / (time.perf_counter() - start)
    print(f"embedding     {len(corpus)} chunks at {rate:7.1f} chunks/s   (target >= 250)")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            settings = load_settings(data_dir=Path(tmp))
            _fill(settings, corpus, vectors, size)
            _time_queries(settings, size)
            if size == 10_000:
                _cold_start(Path(tmp))


def _fill(settings: Settings, corpus: list[str], vectors: np.ndarray, size: int) -> None:
    """An index of `size` passages. Beyond the embedded sample, passages are copies whose
    vectors are jittered and re-normalised: search cost depends on the index size and the
    spread of vectors, not on the words, and embedding 100k passages would take minutes."""
    collection = get_collection(open_client(settings), LOCAL_MODEL_ID, create=True)
    assert collection is not None
    noise = np.random.default_rng(7)
    meta = {"source": "bench.md", "section": "bench", "page": 0, "root": "bench"}
    for s in range(0, size, 2000):
        idx = np.arange(s, min(s + 2000, size))
        batch = vectors[idx % len(vectors)]
        if s + len(idx) > len(vectors):
            batch = batch + noise.normal(0, 0.02, batch.shape)
            batch /= np.linalg.norm(batch, axis=1, keepdims=True)
        collection.add(
            ids=[str(i) for i in idx],
            embeddings=batch.tolist(),
            documents=[f"{corpus[i % len(corpus)]} (copy {i})" for i in idx],
            metadatas=[{**meta, "chunk": int(i)} for i in idx],
        )


def _time_queries(settings: Settings, size: int) -> None:
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
        target = "   (target p95 <= 20 ms)" if size == 10_000 else ""
        print(f"query {strategy:<7} {len(timings)} queries at {size:>6} chunks: median {median:5.1f} ms, "
              f"p95 {p95:5.1f} ms{target}")


def _cold_start(data_dir: Path) -> None:
    """A fresh process: import, load the model, open the index, answer one query."""
    code = (
        "import time; t = time.perf_counter()\n"
        "from pathlib import Path\n"
        "from assistant.config import load_settings\n"
        "from assistant.knowledge.retrieve import Retriever\n"
        f"Retriever(load_settings(data_dir=Path({str(data_dir)!r}))).search('how often do we meet', 4)\n"
        "print(f'{(time.perf_counter() - t) * 1000:.0f}')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PROJECT_ROOT)
    print(f"cold start    new process to first answer at 10000 chunks: {out.stdout.strip().splitlines()[-1]} ms")


if __name__ == "__main__":
    main()
