"""A third opinion for the safety model: what the nearest labelled sentences were.

The fine-tuned classifier is sure of some ordinary sentences for reasons nobody can see
("success would be… feeling like I deserve to be there" read as hopelessness). The
labelled sentences it was trained on, embedded with the plain sentence encoder the product
already ships for search (not the fine-tuned one), give a second reading that fails
differently: when the five nearest labelled sentences are nearly all ordinary talk, a
model-only ideation reading the model itself is not all but certain of does not escalate.

The vectors are built by `python -m eval.build_safety_neighbours` from
eval/labelled/safety/train-*.csv and shipped as float16 beside the classifier.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

DATA_FILE = Path(__file__).parent / "data" / "safety-neighbours.npz"
#: Neighbours read for each sentence.
K = 5
#: Classes that call for care; a neighbour in one of them counts as an alert neighbour.
ALERT = ("ideation_direct", "ideation_indirect", "self_harm", "harm_others", "abuse")


class Neighbours:
    def __init__(self, vectors: np.ndarray, alert: np.ndarray, embed: Callable[[Sequence[str]], list[list[float]]]):
        self._vectors = vectors  # unit rows, float16
        self._alert = alert  # bool per row
        self._embed = embed

    def alert_share(self, sentences: Sequence[str]) -> float:
        """The highest share, over the sentences, of alert sentences among the K nearest."""
        if not sentences:
            return 0.0
        # One at a time: in a padded batch the int8 encoder's vectors shift a little, and
        # the fifth neighbour with them (the same sentence must always get the same answer).
        queries = np.asarray([self._embed([s])[0] for s in sentences], dtype=np.float32)
        sims = queries @ self._vectors.T.astype(np.float32, copy=False)
        nearest = np.argpartition(-sims, K, axis=1)[:, :K]
        return float(self._alert[nearest].mean(axis=1).max())


@lru_cache(maxsize=1)
def load_neighbours(path: Path = DATA_FILE) -> Neighbours | None:
    """The shipped vectors with the local encoder, or None (the detector then goes without)."""
    try:
        from assistant.knowledge.embeddings import LocalEmbedder

        data = np.load(path)
        vectors, alert = data["vectors"], data["alert"].astype(bool)
        if vectors.ndim != 2 or len(vectors) != len(alert) or len(alert) <= K:
            raise ValueError("vectors and labels do not match")
        return Neighbours(vectors, alert, LocalEmbedder().embed)
    except Exception as exc:  # numpy, onnxruntime and the file each raise their own types
        log.error("safety neighbours unavailable (%s); the classifier decides alone", exc)
        return None
