"""Keyword evidence for hybrid retrieval: TF-IDF over character n-grams and word stems.

A small sentence-embedding model misses what a person sees at once: the same word, a
typo of it ("confidental"), a heading that names the question ("Who schedules
meetings"). Character 3-5-grams catch words and typos; five-letter stems catch word
families. Both are hashed into fixed-size vectors with numpy, and scored only over the
vector search's candidates, so the cost per query stays flat however large the corpus.
We hand-roll this (rather than scikit-learn's vectorisers) to avoid a large dependency
for forty lines of arithmetic.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache

import numpy as np

DIM = 1 << 20
_PRIME = np.uint64(1_000_003)
_WORD = re.compile(r"[a-z0-9']+")
_STOP = frozenset(
    [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "does", "for", "from", "how", "i",
        "if", "in", "is", "it", "my", "me", "of", "on", "or", "our", "should", "so", "that", "the", "their",
        "them", "they", "this", "to", "was", "we", "what", "when", "where", "which", "who", "why", "will",
        "with", "you", "your", "would", "could",
    ]
)
#: Characters of a passage's body that count (its title and section always count, twice).
BODY_CHARS = 600


def _clean(text: str) -> str:
    return " " + " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split()) + " "


Sparse = tuple[np.ndarray, np.ndarray]  # (sorted feature ids, counts)


def _char_grams(text: str) -> Sparse:
    codes = np.frombuffer(_clean(text).encode("ascii", "ignore"), dtype=np.uint8).astype(np.uint64)
    hashes = []
    for n in (3, 4, 5):
        if len(codes) < n:
            continue
        h = np.zeros(len(codes) - n + 1, dtype=np.uint64)
        for i in range(n):
            h = h * _PRIME + codes[i : len(codes) - n + 1 + i]
        hashes.append(h + np.uint64(n))  # different sizes land in different buckets
    if not hashes:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    ids, counts = np.unique((np.concatenate(hashes) % np.uint64(DIM)).astype(np.int64), return_counts=True)
    return ids, counts.astype(float)


def _stems(text: str) -> Sparse:
    words = [w[:5] for w in _WORD.findall(text.lower()) if w not in _STOP]
    if not words:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    # zlib.crc32 rather than hash(): str hashes are salted per process.
    ids, counts = np.unique(np.array([zlib.crc32(w.encode()) % DIM for w in words], dtype=np.int64),
                            return_counts=True)
    return ids, counts.astype(float)


def _tfidf_cosine(query: Sparse, docs: list[Sparse]) -> np.ndarray:
    """Cosine of sublinear TF-IDF vectors; IDF over the candidate passages themselves."""
    out = np.zeros(len(docs))
    q_ids, q_counts = query
    if not len(q_ids) or not docs:
        return out
    all_ids, df = np.unique(np.concatenate([d[0] for d in docs]), return_counts=True)
    n = len(docs)

    def weights(ids: np.ndarray, counts: np.ndarray) -> np.ndarray:
        pos = np.searchsorted(all_ids, ids)
        pos = np.minimum(pos, len(all_ids) - 1)
        found = all_ids[pos] == ids
        idf = np.where(found, np.log((n + 1) / (df[pos] + 0.5)), np.log(n + 1) + 1.0)
        return np.asarray((1 + np.log(counts)) * idf)

    qw = weights(q_ids, q_counts)
    q_norm = float(np.linalg.norm(qw)) or 1.0
    for i, (ids, counts) in enumerate(docs):
        if not len(ids):
            continue
        dw = weights(ids, counts)
        shared, qi, di = np.intersect1d(q_ids, ids, assume_unique=True, return_indices=True)
        if len(shared):
            out[i] = float(qw[qi] @ dw[di]) / (q_norm * (float(np.linalg.norm(dw)) or 1.0))
    return out


def passage_text(title: str, section: str, body: str) -> str:
    return f"{title} {section} {section} {body[:BODY_CHARS]}"


@lru_cache(maxsize=8192)
def _passage_features(text: str) -> tuple[Sparse, Sparse]:
    """A passage's n-grams and stems, computed once per process: the same passages come
    back as candidates query after query, and hashing them was half the search time."""
    return _char_grams(text), _stems(text)


def keyword_scores(query: str, passages: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(character n-gram, word stem) cosine similarities of the query to each passage."""
    if not passages:
        return np.zeros(0), np.zeros(0)
    features = [_passage_features(p) for p in passages]
    chars = _tfidf_cosine(_char_grams(query), [f[0] for f in features])
    words = _tfidf_cosine(_stems(query), [f[1] for f in features])
    return chars, words
