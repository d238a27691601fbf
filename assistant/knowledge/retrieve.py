"""Ranked guidance passages for a query, with source, section and page for citation."""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

import numpy as np

from assistant.config import Settings
from assistant.knowledge.embeddings import EmbeddingError, make_embedder
from assistant.knowledge.store import KnowledgeError, get_collection, model_id, open_client
from assistant.records import Passage

#: Relevance vs novelty in maximal marginal relevance; 1.0 would be plain similarity.
MMR_LAMBDA = 0.75
MAX_QUERY_CHARS = 1000
STRATEGIES = ("mmr", "vector", "hybrid")
DEFAULT_STRATEGY = "mmr"
_TOKEN = re.compile(r"[a-z0-9]+")
_STOPWORDS = frozenset(
    [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "does", "for", "from", "how", "i", "if",
        "in", "is", "it", "my", "me", "of", "on", "or", "our", "should", "so", "that", "the", "their", "them", "they",
        "this", "to", "was", "we", "what", "when", "where", "which", "who", "why", "will", "with", "you", "your"
    ]
)


class Retriever:
    def __init__(self, settings: Settings) -> None:
        client = open_client(settings)
        collection = get_collection(client, model_id(settings), create=False)
        if collection is None or collection.count() == 0:
            raise KnowledgeError(
                "The guidance index is empty. Run `coach ingest` (or `make run`, which does it) first."
            )
        self._collection = collection
        self._keywords: _Keywords | None = None
        try:
            self._embedder = make_embedder(settings)
        except EmbeddingError as exc:
            raise KnowledgeError(str(exc)) from None

    def search(self, query: str, k: int = 4, strategy: str = DEFAULT_STRATEGY) -> list[Passage]:
        """Top-k passages. strategy: mmr (similarity with diversity), vector (similarity
        only) or hybrid (similarity fused with keyword matching). `coach eval retrieval`
        measures all three; the default is the one that measured best."""
        query = " ".join(query.split())[:MAX_QUERY_CHARS]
        if not query:
            raise ValueError("the query is empty")
        if strategy not in STRATEGIES:
            raise ValueError(f"unknown retrieval strategy {strategy!r}; choose one of {', '.join(STRATEGIES)}")
        vector = np.array(self._embedder.embed([query])[0])
        fetch = min(max(4 * k, 20), self._collection.count())
        got = self._collection.query(
            query_embeddings=[vector.tolist()],
            n_results=fetch,
            include=["documents", "metadatas", "distances", "embeddings"],
        )
        docs: list[str] = got["documents"][0]
        metas: list[dict[str, Any]] = got["metadatas"][0]
        sims = [1.0 - float(d) for d in got["distances"][0]]  # cosine space: distance = 1 - cos
        embs = np.array(got["embeddings"][0]) if len(docs) else np.zeros((0, len(vector)))
        if strategy == "vector":
            order = sorted(range(len(sims)), key=lambda i: -sims[i])[:k]
        elif strategy == "hybrid":
            keys = [f"{m.get('source', '')}#{m.get('chunk', '')}" for m in metas]
            order = self._hybrid(query, sims, keys, k)
        else:
            order = _mmr(sims, embs, k)
        return [
            Passage(
                text=docs[i],
                source=str(metas[i]["source"]),
                section=str(metas[i].get("section", "")),
                score=round(max(0.0, min(1.0, sims[i])), 4),
                page=int(metas[i]["page"]) if metas[i].get("page") else None,
            )
            for i in order
        ]

    def _hybrid(self, query: str, sims: list[float], keys: list[str], k: int) -> list[int]:
        """Reciprocal-rank fusion of similarity rank and keyword (BM25) rank."""
        if self._keywords is None:
            got = self._collection.get(include=["documents", "metadatas"])
            metas = got["metadatas"] or []
            self._keywords = _Keywords(
                [f"{m.get('source', '')}#{m.get('chunk', '')}" for m in metas], got["documents"] or []
            )
        keyword_rank = self._keywords.rank(query)
        by_sim = sorted(range(len(sims)), key=lambda i: -sims[i])
        fused = {i: 1 / (60 + r) + (1 / (60 + keyword_rank[keys[i]]) if keys[i] in keyword_rank else 0.0)
                 for r, i in enumerate(by_sim)}
        return sorted(fused, key=lambda i: -fused[i])[:k]


def _terms(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text.lower()) if t not in _STOPWORDS]


class _Keywords:
    """BM25 over every passage in the collection (guidance corpora are small: thousands)."""

    def __init__(self, keys: list[str], docs: list[str]) -> None:
        self.keys = keys
        self.tfs = [Counter(_terms(d)) for d in docs]
        self.lengths = [sum(tf.values()) for tf in self.tfs]
        self.avg = (sum(self.lengths) / len(self.lengths)) if self.lengths else 1.0
        df: Counter[str] = Counter(t for tf in self.tfs for t in tf)
        n = len(docs)
        self.idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}

    def rank(self, query: str) -> dict[str, int]:
        q = set(_terms(query))
        scores = []
        for i, tf in enumerate(self.tfs):
            score = 0.0
            for t in q & tf.keys():
                f = tf[t]
                score += self.idf[t] * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * self.lengths[i] / self.avg))
            if score > 0:
                scores.append((score, self.keys[i]))
        return {key: r for r, (_, key) in enumerate(sorted(scores, reverse=True))}


def _mmr(sims: list[float], embs: Any, k: int) -> list[int]:
    """Pick k passages that are relevant and not near-copies of each other.

    Guidance documents repeat themselves (a handbook and a how-to both cover scheduling);
    without this the top results are often the same point three times.
    """
    chosen: list[int] = []
    candidates = list(range(len(sims)))
    while candidates and len(chosen) < k:
        def gain(i: int) -> float:
            if not chosen:
                return sims[i]
            redundancy = max(float(embs[i] @ embs[j]) for j in chosen)
            return MMR_LAMBDA * sims[i] - (1 - MMR_LAMBDA) * redundancy

        best = max(candidates, key=gain)
        chosen.append(best)
        candidates.remove(best)
    return chosen
