"""Trained dialogue-act and check-in classifiers: logistic heads over sentence embeddings.

Inputs are the shipped MiniLM sentence embedding of the message (384 numbers), the parse
facts (`features.FEATURE_NAMES`) and word uni- and bigrams from a fixed vocabulary (the
embedding blurs "I'll" and "I'd", "not what I meant" and "what I meant"; the words don't).
Weights and per-act thresholds are plain JSON written by
`python -m eval.train_acts` from the project's labelled sentences (eval/labelled/acts/);
inference is a matrix product in numpy, well under a millisecond.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from assistant.language.features import FEATURE_NAMES, facts, ngrams

DATA = Path(__file__).parent / "data"
ACTS_FILE = DATA / "acts.json"
CHECKIN_FILE = DATA / "checkin.json"

ACTS = (
    "goal", "others_demand", "situation", "obstacle", "feeling", "strength", "option", "commitment",
    "success", "question_for_mentor", "question_for_coach", "advice_request", "correction", "agreement",
    "agenda_edit", "topic_change", "low_effort", "off_topic", "greeting", "crisis",
)
OUTCOMES = ("done", "partly", "not_yet", "dropped", "unrelated")
EMBEDDING_SIZE = 384  # all-MiniLM-L6-v2


class ModelFileError(RuntimeError):
    """A classifier file that is missing or does not match what the code expects."""


@dataclass(frozen=True)
class Head:
    labels: tuple[str, ...]
    weights: np.ndarray  # (labels, dense inputs)
    vocab: dict[str, int]  # n-gram -> column of `lexical`
    lexical: np.ndarray  # (labels, vocabulary): each present n-gram adds its column
    bias: np.ndarray  # (labels,)
    thresholds: np.ndarray  # (labels,); unused for softmax heads
    softmax: bool

    def scores(self, x: np.ndarray, grams: list[str]) -> np.ndarray:
        z = self.weights @ x + self.bias
        cols = sorted({self.vocab[g] for g in grams if g in self.vocab})
        if cols:
            z = z + self.lexical[:, cols].sum(axis=1)
        if self.softmax:
            e = np.exp(z - z.max())
            return e / e.sum()
        return 1.0 / (1.0 + np.exp(-z))


def load_head(path: Path, labels: tuple[str, ...]) -> Head:
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelFileError(f"{path.name}: cannot read the classifier ({exc}); reinstall the project") from None
    if tuple(data.get("labels", ())) != labels or tuple(data.get("features", ())) != FEATURE_NAMES:
        raise ModelFileError(f"{path.name}: labels or features differ from the code; retrain with eval.train_acts")
    weights = np.asarray(data["weights"], dtype=np.float32)
    vocab = {str(g): n for n, g in enumerate(data.get("vocabulary", []))}
    lexical = np.asarray(data.get("lexical", [[] for _ in labels]), dtype=np.float32).reshape(len(labels), len(vocab))
    if weights.shape != (len(labels), data["inputs"]):
        raise ModelFileError(f"{path.name}: weight shape {weights.shape} is not {(len(labels), data['inputs'])}")
    return Head(
        labels=labels,
        weights=weights,
        vocab=vocab,
        lexical=lexical,
        bias=np.asarray(data["bias"], dtype=np.float32),
        thresholds=np.asarray(data.get("thresholds", [0.5] * len(labels)), dtype=np.float32),
        softmax=bool(data.get("softmax", False)),
    )


@lru_cache(maxsize=1)
def _heads() -> tuple[Head, Head]:
    return load_head(ACTS_FILE, ACTS), load_head(CHECKIN_FILE, OUTCOMES)


@lru_cache(maxsize=1)
def _embedder() -> Any:
    from assistant.knowledge.embeddings import LocalEmbedder

    return LocalEmbedder()


def inputs(text: str, embedding: list[float] | None = None) -> np.ndarray:
    """The classifier's input for one message: embedding, then parse facts."""
    if embedding is None:
        return _inputs(text)
    return np.concatenate([np.asarray(embedding, dtype=np.float32), np.asarray(facts(text).vector(), dtype=np.float32)])


@lru_cache(maxsize=256)
def _inputs(text: str) -> np.ndarray:
    """Cached per text: the safety detector's second opinion, the meaning and the support
    check all read the same message in one turn, and embedding it is the costly part."""
    return inputs(text, _embedder().embed([text])[0])


@dataclass(frozen=True)
class ActReading:
    scores: dict[str, float]
    acts: tuple[str, ...]  # over threshold, most likely first
    confident: bool = True  # False when no act reached its threshold and the likeliest stands in

    def has(self, act: str) -> bool:
        return act in self.acts

    def score(self, act: str) -> float:
        return self.scores.get(act, 0.0)


def read_acts(text: str, x: np.ndarray | None = None) -> ActReading:
    head = _heads()[0]
    p = head.scores(inputs(text) if x is None else x, ngrams(text))
    order = np.argsort(-p)
    chosen = [head.labels[i] for i in order if p[i] >= head.thresholds[i]]
    confident = bool(chosen)
    if not chosen:
        chosen = [head.labels[int(order[0])]]
    return ActReading({lab: float(v) for lab, v in zip(head.labels, p, strict=True)}, tuple(chosen), confident)


def read_outcome(reply: str, x: np.ndarray | None = None) -> tuple[str, float]:
    """(outcome, probability) for a reply to "how did it go with your commitment?"."""
    head = _heads()[1]
    p = head.scores(inputs(reply) if x is None else x, ngrams(reply))
    best = int(np.argmax(p))
    return head.labels[best], float(p[best])




#: Acts that only coaching work has; situation, obstacle and feeling are left out because
#: crisis talk reads like them too.
COACHING_ACTS = ("goal", "success", "option", "commitment", "question_for_mentor", "advice_request", "correction",
                 "agenda_edit", "question_for_coach", "topic_change", "others_demand", "agreement", "greeting",
                 "off_topic", "strength")


def coaching_score(text: str) -> float:
    """How sure the act classifier is that the message is coaching work and not crisis talk
    (the safety detector's second opinion): the best coaching act's probability, zero when
    the crisis act is at all likely."""
    reading = read_acts(text)
    if reading.score("crisis") >= CRISIS_VETO:
        return 0.0
    return max(reading.score(a) for a in COACHING_ACTS)


#: Acts that are preparation itself: after a model-only alarm, a message that is one of these
#: (and not crisis talk) is the person carrying on with their preparation.
#: What stands in the way counts too ("Main obstacle is capital. 25 lakhs required."), read
#: with the crisis act low: hopelessness said as an obstacle carries a crisis reading.
PREPARATION_ACTS = ("goal", "success", "option", "commitment", "question_for_mentor", "agenda_edit", "others_demand",
                    "obstacle")


def preparing(text: str) -> bool:
    """The message is preparation: a labelled answer ("option I like: …", "next step: …"), or
    read as a preparation act with the crisis act low."""
    from assistant.language.meaning import label_act  # here: meaning imports this module

    if label_act(text) in PREPARATION_ACTS:
        return True  # they name what they are giving; only the safety detector overrules that
    reading = read_acts(text)
    obstacle = "obstacle" in reading.acts  # its own threshold is lower than 0.6
    return reading.score("crisis") < 0.2 and (obstacle or max(reading.score(a) for a in PREPARATION_ACTS) >= 0.6)


#: Any crisis reading at or above this keeps the safety detector's own decision.
CRISIS_VETO = 0.5
