"""Calibrate the utterance coder against human-coded counselling transcripts (AnnoMI).

    coach eval calibrate PATH/annomi-dev-simple.csv

AnnoMI codes each therapist utterance as question, reflection, therapist_input or other,
and each transcript as high- or low-quality MI. We report (1) the directive class:
therapist_input vs question/reflection, precision/recall/F1; (2) 4-way agreement:
accuracy, Cohen's kappa, macro-F1; (3) transcript AUC: how well each transcript's prompt
share, prompting / (prompting + directive) with question and reflection prompting and
therapist_input directive, separates high- from low-quality MI. The same AUC computed from
the human labels is printed beside it: it is the most any coder can reach with this
score on this file.
The data is for measuring only: it is never shipped, copied, or used in tests.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.coding.coder import CODES, CodedUtterance, code_utterance

LABELS = ("question", "reflection", "therapist_input", "other")
#: Codes a batch of (utterance, what the client/protégé said before) pairs, in order.
BatchCoder = Callable[[list[tuple[str, str | None]]], list[CodedUtterance]]


def offline_coder(items: list[tuple[str, str | None]]) -> list[CodedUtterance]:
    return [code_utterance(text, previous) for text, previous in items]


@dataclass
class Calibration:
    n: int
    accuracy: float
    kappa: float
    macro_f1: float
    per_class: dict[str, dict[str, float]] = field(default_factory=dict)
    directive: dict[str, float] = field(default_factory=dict)
    transcript_auc: float = 0.0
    human_auc: float = 0.0  # the same score from the human labels: the ceiling for a coder
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "support": float(tp + fn)}


@dataclass
class _Agreement:
    confusion: dict[str, dict[str, int]]
    accuracy: float
    kappa: float
    per_class: dict[str, dict[str, float]]


def _agreement(gold: list[str], pred: list[str], labels: tuple[str, ...]) -> _Agreement:
    """Confusion matrix, accuracy, Cohen's kappa and per-label P/R/F1 for one labelling."""
    n = len(gold)
    confusion = {g: {p: 0 for p in labels} for g in labels}
    for g, p in zip(gold, pred, strict=True):
        confusion.setdefault(g, {x: 0 for x in labels})[p] += 1
    accuracy = sum(g == p for g, p in zip(gold, pred, strict=True)) / n
    gold_counts, pred_counts = Counter(gold), Counter(pred)
    expected = sum(gold_counts[c] * pred_counts[c] for c in labels) / (n * n)
    kappa = (accuracy - expected) / (1 - expected) if expected < 1 else 0.0
    per_class = {}
    for c in labels:
        tp = confusion[c][c]
        fp = sum(confusion[g][c] for g in labels if g != c)
        fn = sum(confusion[c][p] for p in labels if p != c)
        per_class[c] = _prf(tp, fp, fn)
    return _Agreement(confusion, accuracy, kappa, per_class)


def _auc(positives: list[float], negatives: list[float]) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    if not positives or not negatives:
        return 0.0
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def calibrate_annomi(path: Path, coder: BatchCoder = offline_coder) -> Calibration:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    gold: list[str] = []
    pred: list[str] = []
    last_client: dict[str, str] = {}
    per_transcript: dict[str, list[str]] = defaultdict(list)
    quality: dict[str, str] = {}
    items: list[tuple[str, str | None]] = []
    owners: list[str] = []
    for row in rows:
        tid = row["transcript_id"]
        quality[tid] = row["mi_quality"]
        if row["interlocutor"] == "client":
            last_client[tid] = row["utterance_text"]
            continue
        items.append((row["utterance_text"], last_client.get(tid)))
        owners.append(tid)
        gold.append(row["main_therapist_behaviour"])
    for tid, coded in zip(owners, coder(items), strict=True):
        pred.append(coded.behaviour)
        per_transcript[tid].append("therapist_input" if coded.directive else coded.behaviour)
    n = len(gold)
    agree = _agreement(gold, pred, LABELS)
    confusion, accuracy, kappa, per_class = agree.confusion, agree.accuracy, agree.kappa, agree.per_class
    macro_f1 = sum(per_class[c]["f1"] for c in LABELS) / len(LABELS)
    # Directive class, as the issue defines it: therapist_input vs question/reflection.
    pairs = [(g, p) for g, p in zip(gold, pred, strict=True) if g in ("question", "reflection", "therapist_input")]
    tp = sum(g == "therapist_input" and p == "therapist_input" for g, p in pairs)
    fp = sum(g != "therapist_input" and p == "therapist_input" for g, p in pairs)
    fn = sum(g == "therapist_input" and p != "therapist_input" for g, p in pairs)
    auc = _quality_auc(per_transcript, quality)
    human: dict[str, list[str]] = defaultdict(list)
    for tid, label in zip(owners, gold, strict=True):
        human[tid].append(label)
    human_auc = _quality_auc(human, quality)
    return Calibration(n, accuracy, kappa, macro_f1, per_class, _prf(tp, fp, fn), auc, human_auc, confusion)


def prompt_share(behaviours: list[str]) -> float:
    """prompting / (prompting + directive); a transcript with neither counts as prompting."""
    prompting = sum(b in ("question", "reflection") for b in behaviours)
    directive = sum(b == "therapist_input" for b in behaviours)
    return prompting / (prompting + directive) if prompting + directive else 1.0


def _quality_auc(behaviours: dict[str, list[str]], quality: dict[str, str]) -> float:
    """P(a high-quality transcript has a higher prompt share than a low-quality one)."""
    shares = {t: prompt_share(v) for t, v in behaviours.items() if v}
    return _auc([shares[t] for t in shares if quality[t] == "high"], [shares[t] for t in shares if quality[t] == "low"])


@dataclass
class LabelledCalibration:
    """The coder against the project's own labelled coaching utterances (all 12 codes)."""

    n: int
    accuracy: float
    kappa: float
    macro_f1: float
    per_code: dict[str, dict[str, float]]
    directive: dict[str, float]
    hard_cases: dict[str, dict[str, float]]  # tag -> {"n", "accuracy"}
    advice_question_recall: float
    confusion: dict[str, dict[str, int]]
    misses: list[dict[str, str]]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


LABELLED_COLUMNS = ("text", "code")


def is_labelled_set(path: Path) -> bool:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle), [])
    return all(c in header for c in LABELLED_COLUMNS) and "main_therapist_behaviour" not in header


def calibrate_labelled(path: Path, coder: BatchCoder = offline_coder) -> LabelledCalibration:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if (r.get("text") or "").strip()]
    unknown = sorted({r["code"] for r in rows} - set(CODES))
    if unknown:
        raise ValueError(f"unknown codes in the labels: {', '.join(unknown)}")
    coded = coder([(r["text"], r.get("previous") or None) for r in rows])
    gold = [r["code"] for r in rows]
    pred = [c.code for c in coded]
    n = len(rows)
    agree = _agreement(gold, pred, CODES)
    confusion, accuracy, kappa, per_code = agree.confusion, agree.accuracy, agree.kappa, agree.per_class
    present = [c for c in CODES if per_code[c]["support"]]
    macro_f1 = sum(per_code[c]["f1"] for c in present) / len(present)
    directive_gold = [g in ("persuade", "confront") for g in gold]
    directive_pred = [c.directive for c in coded]
    tp = sum(g and p for g, p in zip(directive_gold, directive_pred, strict=True))
    fp = sum(p and not g for g, p in zip(directive_gold, directive_pred, strict=True))
    fn = sum(g and not p for g, p in zip(directive_gold, directive_pred, strict=True))
    hard: dict[str, list[bool]] = defaultdict(list)
    for row, p in zip(rows, pred, strict=True):
        tag = (row.get("hard_case") or "").strip()
        if tag:
            hard[tag].append(p == row["code"])
    pairs = zip(rows, coded, strict=True)
    advice_q = [c.directive for row, c in pairs if (row.get("hard_case") or "") == "advice_question"]
    misses = [
        {"id": row.get("id", ""), "text": row["text"], "gold": g, "coded": p, "cue": "; ".join(c.cues)[:160]}
        for row, g, p, c in zip(rows, gold, pred, coded, strict=True)
        if g != p
    ]
    return LabelledCalibration(
        n=n,
        accuracy=accuracy,
        kappa=kappa,
        macro_f1=macro_f1,
        per_code=per_code,
        directive=_prf(tp, fp, fn),
        hard_cases={t: {"n": float(len(v)), "accuracy": sum(v) / len(v)} for t, v in sorted(hard.items())},
        advice_question_recall=sum(advice_q) / len(advice_q) if advice_q else 0.0,
        confusion=confusion,
        misses=misses,
    )


#: Written support (ESConv's supporter strategies, or the project's suggestion sets): which
#: labels are a suggestion and which prompt. The rest (affirmation, self-disclosure,
#: information, other) count only in the all-rows precision.
SUGGESTION_LABELS = {"Providing Suggestions", "suggestion"}
PROMPTING_LABELS = {"Questions", "Restatement or Paraphrasing", "Reflection of feelings", "question", "restatement",
                    "reflection_feeling"}


@dataclass
class SuggestionCalibration:
    n: int
    suggestions: int
    prompting: int
    versus_prompting: dict[str, float]  # suggestion vs the prompting rows only (the F1)
    prompting_flagged: float  # share of the prompting rows the coder calls directive
    all_rows: dict[str, float]  # suggestion vs every other row

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def is_suggestion_set(path: Path) -> bool:
    if path.suffix == ".jsonl":
        return True
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle), [])
    return "text" in header and "label" in header


def _suggestion_rows(path: Path) -> list[tuple[str, str]]:
    if path.suffix == ".jsonl":
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return [(str(r["text"]), str(r["strategy"])) for r in rows]
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [(r["text"], r["label"]) for r in csv.DictReader(handle) if (r.get("text") or "").strip()]


def calibrate_suggestions(path: Path, coder: BatchCoder = offline_coder) -> SuggestionCalibration:
    """Does the coder call suggestions directive, and leave questions and reflections alone?"""
    rows = _suggestion_rows(path)
    coded = coder([(text, None) for text, _ in rows])
    pairs = [(label in SUGGESTION_LABELS, label in PROMPTING_LABELS, c.directive) for (_, label), c in
             zip(rows, coded, strict=True)]
    if not any(s for s, _, _ in pairs) or not any(p for _, p, _ in pairs):
        raise ValueError("no suggestion or no prompting rows (labels: suggestion/question/restatement/… or ESConv's)")
    tp = sum(s and d for s, _, d in pairs)
    fn = sum(s and not d for s, _, d in pairs)
    fp_prompting = sum(p and d for _, p, d in pairs)
    fp_all = sum(d and not s for s, _, d in pairs)
    prompting = sum(p for _, p, _ in pairs)
    return SuggestionCalibration(
        n=len(rows),
        suggestions=tp + fn,
        prompting=prompting,
        versus_prompting=_prf(tp, fp_prompting, fn),
        prompting_flagged=round(fp_prompting / prompting, 4),
        all_rows=_prf(tp, fp_all, fn),
    )
