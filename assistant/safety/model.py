"""The trained classifier: all-MiniLM-L6-v2 fine-tuned on the project's labelled sentences
with a 7-way head (eval/finetune_safety.py), exported to ONNX and quantised to int8, so the
product runs it with onnxruntime and the tokenizer it already ships for search.

Why fine-tuned, not a head on frozen embeddings: see eval/finetune_safety.py (the frozen
head flagged 5.6% of ordinary protégé talk at the recall a crisis check needs). The
thresholds ride next to the model in `safety-classifier.json`; they were chosen on a
held-out part of the training data by fixed rules, never on the blind sets.

What ships is two such models averaged (the metadata lists its members): the one trained
before set S (ordinary conversation messages) and one trained with it. Alone, the second
escalated half as much ordinary talk but missed veiled signs the first caught; averaged, they
keep the first's recall with most of the second's quiet (README, eighth session).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

DATA = Path(__file__).parent / "data"
META_FILE = DATA / "safety-classifier.json"
TOKENIZER = Path(__file__).resolve().parents[1] / "knowledge" / "model" / "tokenizer.json"
CLASSES = ("work", "distress", "abuse", "harm_others", "self_harm", "ideation_indirect", "ideation_direct")
IDEATION = ("ideation_direct", "ideation_indirect", "self_harm")
#: Sentences are short; a longer one is read up to here (the detector splits messages first).
MAX_TOKENS = 128
_BATCH = 16
#: Texts whose probabilities are kept (a few hundred bytes each).
_REMEMBERED = 2048


class ClassifierError(RuntimeError):
    """The model or its metadata is missing or damaged; the phrase layer still runs."""


@dataclass(frozen=True)
class Thresholds:
    crisis: float  # P(direct ideation or self-harm) at or above: crisis
    concern: float  # P(any ideation or self-harm) at or above: concern
    context: float  # ...at or above in two recent turns: concern, even if each alone is below
    harm_others: float
    abuse: float
    distress: float


class Classifier:
    """One or more fine-tuned members whose probabilities are averaged: two models trained
    from different seeds disagree on the odd sentence each one is wrongly sure about."""

    def __init__(self, sessions: list[Any], tokenizer: Any, thresholds: Thresholds) -> None:
        self._sessions = sessions
        self._tokenizer = tokenizer
        self.thresholds = thresholds
        # Rows already computed, by text. A model reply is read sentence by sentence as it
        # streams and then whole by the guard: without this, each sentence ran the model
        # three or four times in one turn (a third of the turn's CPU).
        self._seen: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()  # turns of different threads run at once

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """Rows of class probabilities (CLASSES order), one per text."""
        out = np.zeros((len(texts), len(CLASSES)), dtype=np.float32)
        with self._lock:
            todo = []
            for i, text in enumerate(texts):
                row = self._seen.get(text)
                if row is None:
                    todo.append(i)
                else:
                    out[i] = row
                    self._seen.move_to_end(text)
        order = sorted(todo, key=lambda i: len(texts[i]))  # similar lengths pad less
        for start in range(0, len(order), _BATCH):
            idx = order[start : start + _BATCH]
            enc = self._tokenizer.encode_batch([texts[i] or " " for i in idx])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            out[idx] = np.mean([session.run(None, feeds)[0] for session in self._sessions], axis=0)
        with self._lock:
            for i in todo:
                self._seen[texts[i]] = out[i].copy()
            while len(self._seen) > _REMEMBERED:
                self._seen.popitem(last=False)
        return out


@lru_cache(maxsize=4)
def load_classifier(meta: Path = META_FILE) -> Classifier:
    """The members named in the metadata file (beside it), each checked against its hash."""
    try:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        info = json.loads(meta.read_text(encoding="utf-8"))
        if tuple(info["classes"]) != CLASSES:
            raise ValueError("its classes do not match this version of the product")
        thresholds = Thresholds(**info["thresholds"])
        tokenizer = Tokenizer.from_file(str(TOKENIZER))
        tokenizer.enable_truncation(MAX_TOKENS)
        tokenizer.enable_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # one turn's few sentences: threads cost more than they give
        sessions = []
        for member in info["members"]:
            path = meta.parent / member["file"]
            if hashlib.sha256(path.read_bytes()).hexdigest() != member["sha256"]:
                raise ValueError(f"{path.name} does not match the hash recorded in {meta.name}")
            sessions.append(ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"]))
        if not sessions:
            raise ValueError("no model files are listed")
    except Exception as exc:  # onnxruntime raises its own types; all mean "no model"
        raise ClassifierError(f"cannot load the safety classifier {meta}: {exc}") from None
    return Classifier(sessions, tokenizer, thresholds)
