"""Calibrate the utterance coder against human-coded counselling transcripts (AnnoMI).

    coach eval calibrate PATH/annomi-dev-simple.csv

AnnoMI codes each therapist utterance as question, reflection, therapist_input or other,
and each transcript as high- or low-quality MI. We report (1) the directive class:
therapist_input vs question/reflection, precision/recall/F1; (2) 4-way agreement:
accuracy, Cohen's kappa, macro-F1; (3) transcript AUC: how well the share of directive
utterances separates low-quality from high-quality transcripts.
The data is for measuring only: it is never shipped, copied, or used in tests.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval.coder import code_utterance

LABELS = ("question", "reflection", "therapist_input", "other")


@dataclass
class Calibration:
    n: int
    accuracy: float
    kappa: float
    macro_f1: float
    per_class: dict[str, dict[str, float]] = field(default_factory=dict)
    directive: dict[str, float] = field(default_factory=dict)
    transcript_auc: float = 0.0
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "support": float(tp + fn)}


def _auc(positives: list[float], negatives: list[float]) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    if not positives or not negatives:
        return 0.0
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def calibrate_annomi(path: Path) -> Calibration:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    gold: list[str] = []
    pred: list[str] = []
    last_client: dict[str, str] = {}
    per_transcript: dict[str, list[bool]] = defaultdict(list)
    quality: dict[str, str] = {}
    for row in rows:
        tid = row["transcript_id"]
        quality[tid] = row["mi_quality"]
        if row["interlocutor"] == "client":
            last_client[tid] = row["utterance_text"]
            continue
        coded = code_utterance(row["utterance_text"], last_client.get(tid))
        gold.append(row["main_therapist_behaviour"])
        pred.append(coded.behaviour)
        per_transcript[tid].append(coded.directive or coded.behaviour == "therapist_input")
    n = len(gold)
    confusion = {g: {p: 0 for p in LABELS} for g in LABELS}
    for g, p in zip(gold, pred, strict=True):
        confusion.setdefault(g, {x: 0 for x in LABELS})[p] += 1
    accuracy = sum(g == p for g, p in zip(gold, pred, strict=True)) / n
    gold_counts, pred_counts = Counter(gold), Counter(pred)
    expected = sum(gold_counts[c] * pred_counts[c] for c in LABELS) / (n * n)
    kappa = (accuracy - expected) / (1 - expected) if expected < 1 else 0.0
    per_class = {}
    for c in LABELS:
        tp = confusion[c][c]
        fp = sum(confusion[g][c] for g in LABELS if g != c)
        fn = sum(confusion[c][p] for p in LABELS if p != c)
        per_class[c] = _prf(tp, fp, fn)
    macro_f1 = sum(per_class[c]["f1"] for c in LABELS) / len(LABELS)
    # Directive class, as the issue defines it: therapist_input vs question/reflection.
    pairs = [(g, p) for g, p in zip(gold, pred, strict=True) if g in ("question", "reflection", "therapist_input")]
    tp = sum(g == "therapist_input" and p == "therapist_input" for g, p in pairs)
    fp = sum(g != "therapist_input" and p == "therapist_input" for g, p in pairs)
    fn = sum(g == "therapist_input" and p != "therapist_input" for g, p in pairs)
    shares = {t: sum(v) / len(v) for t, v in per_transcript.items() if v}
    auc = _auc([shares[t] for t in shares if quality[t] == "low"], [shares[t] for t in shares if quality[t] == "high"])
    return Calibration(n, accuracy, kappa, macro_f1, per_class, _prf(tp, fp, fn), auc, confusion)
