"""Ranked guidance passages for a query, with source, section and page for citation."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from assistant.choices import unknown
from assistant.config import Settings
from assistant.knowledge.embeddings import EmbeddingError, make_embedder
from assistant.knowledge.lexical import keyword_scores, passage_text
from assistant.knowledge.store import KnowledgeError, get_collection, model_id, open_client
from assistant.records import Passage

#: Relevance vs novelty in maximal marginal relevance; 1.0 would be plain similarity.
MMR_LAMBDA = 0.75
MAX_QUERY_CHARS = 1000
STRATEGIES = ("mmr", "vector", "hybrid")
DEFAULT_STRATEGY = "hybrid"
#: Hybrid retrieval: how many vector candidates get keyword scores, and the weights.
HYBRID_CANDIDATES = 30
CHAR_WEIGHT = 0.6
WORD_WEIGHT = 0.3
#: How many stored vectors to fetch per passage wanted, since a passage may have several.
HINT_FANOUT = 4
_HINT = re.compile(r"-hint\d+$")


class Retriever:
    def __init__(self, settings: Settings) -> None:
        client = open_client(settings)
        collection = get_collection(client, model_id(settings), create=False)
        if collection is None or collection.count() == 0:
            raise KnowledgeError(
                "The guidance index is empty. Run `coach ingest` (or `make run`, which does it) first."
            )
        self._collection = collection
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
            raise ValueError(unknown("retrieval strategy", strategy, STRATEGIES))
        vector = np.array(self._embedder.embed([query])[0])
        wanted = max(4 * k, HYBRID_CANDIDATES if strategy == "hybrid" else 20)
        # Search hints are extra vectors for a passage: fetch more, then keep each
        # passage once, at the similarity of its best vector.
        # Ids and distances only: which passage a vector stands for is in its id, and the
        # texts and metadata are fetched for the few kept, not for all 120 candidates.
        got = self._collection.query(
            query_embeddings=[vector.tolist()],
            # No count() first: Chroma returns what there is when asked for more.
            n_results=HINT_FANOUT * wanted,
            include=["distances"],
        )
        keep = _best_per_passage(got["ids"][0], got["distances"][0])[:wanted]
        kept_ids = [got["ids"][0][i] for i in keep]
        sims = [1.0 - float(got["distances"][0][i]) for i in keep]  # cosine space: distance = 1 - cos
        # Only MMR compares passages with each other: vectors are fetched for it alone.
        rows = self._collection.get(ids=kept_ids, include=["documents", "metadatas",
                                                           *(["embeddings"] if strategy == "mmr" else [])])
        at = {rid: n for n, rid in enumerate(rows["ids"])}
        docs: list[str] = [rows["documents"][at[rid]] for rid in kept_ids]
        metas: list[dict[str, Any]] = [rows["metadatas"][at[rid]] for rid in kept_ids]
        embs = np.array([rows["embeddings"][at[rid]] for rid in kept_ids]) if keep and strategy == "mmr" else None
        if strategy == "vector":
            order = sorted(range(len(sims)), key=lambda i: -sims[i])[:k]
        elif strategy == "hybrid":
            order = self._hybrid(query, sims, docs, metas, k)
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

    def _hybrid(self, query: str, sims: list[float], docs: list[str], metas: list[dict[str, Any]], k: int) -> list[int]:
        """Similarity plus keyword evidence (character n-grams and word stems) over the
        vector candidates. Weights chosen on the retrieval eval; see README."""
        texts = [
            passage_text(str(m.get("title", "")), str(m.get("section", "")), d)
            for m, d in zip(metas, docs, strict=True)
        ]
        chars, words = keyword_scores(query, texts)
        fused = np.asarray(sims) + CHAR_WEIGHT * chars + WORD_WEIGHT * words
        return [int(i) for i in np.argsort(-fused)[:k]]


def _best_per_passage(ids: list[str], distances: list[float]) -> list[int]:
    """Indices of the closest vector of each passage, closest first. A search hint's id is
    its passage's id with "-hintN" after it (knowledge.ingest), so it counts as that passage."""
    seen: set[str] = set()
    keep = []
    for i in sorted(range(len(ids)), key=lambda j: distances[j]):
        passage = _HINT.sub("", ids[i])
        if passage not in seen:
            seen.add(passage)
            keep.append(i)
    return keep


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
