"""Train the dialogue-act and check-in heads and write them as JSON for the product.

    python -m eval.train_acts            # needs the `train` extra (scikit-learn)

Training data: eval/labelled/acts/train-*.jsonl and checkin-train*.jsonl, written by helpers
who never saw the engine. Blind sets (eval/labelled/blind/acts/) are never read here.
Thresholds per act come from 5-fold out-of-fold predictions on the training data only:
the best F1 per act, except commitment, which must reach precision 0.95 out of fold,
because a sentence wrongly saved as a commitment is asked about next time.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

from assistant.language.acts import ACTS, ACTS_FILE, CHECKIN_FILE, OUTCOMES, inputs
from assistant.language.features import FEATURE_NAMES, ngrams
from eval.acts_eval import load_acts, load_checkin

ROOT = Path(__file__).resolve().parent / "labelled" / "acts"
C = 4.0
#: The lexical block's scale against the embedding (chosen by 5-fold CV on training data).
NGRAM_WEIGHT = 0.5
MIN_DF = 2
COMMITMENT_PRECISION = 0.95


def _design(X: np.ndarray, texts: list[str], vectorizer: Any, fit: bool) -> Any:
    from scipy.sparse import csr_matrix, hstack

    grams = vectorizer.fit_transform(texts) if fit else vectorizer.transform(texts)
    return hstack([csr_matrix(X), grams * NGRAM_WEIGHT]).tocsr()


def _vectorizer() -> Any:
    from sklearn.feature_extraction.text import CountVectorizer

    return CountVectorizer(analyzer=ngrams, min_df=MIN_DF, binary=True)


def _export(X: np.ndarray, vectorizer: Any, coef: np.ndarray) -> dict[str, Any]:
    """Dense weights for the embedding and facts; the n-gram block folded with its scale."""
    dense = X.shape[1]
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
    return {"weights": coef[:, :dense].round(5).tolist(), "vocabulary": vocabulary,
            "lexical": (coef[:, dense:] * NGRAM_WEIGHT).round(4).tolist()}


def _matrix(texts: list[str]) -> np.ndarray:
    from assistant.knowledge.embeddings import LocalEmbedder

    vectors = LocalEmbedder().embed(texts)
    return np.stack([inputs(t, v) for t, v in zip(texts, vectors, strict=True)])


def _threshold(p: np.ndarray, y: np.ndarray, min_precision: float = 0.0, gate: np.ndarray | None = None) -> float:
    best_t, best_f, most_precise, top_p = 0.5, -1.0, 0.5, -1.0
    for t in np.arange(0.1, 0.96, 0.02):
        pred = (p >= t) & (gate if gate is not None else True)
        tp = int((pred & (y == 1)).sum())
        fp = int((pred & (y == 0)).sum())
        fn = int((~pred & (y == 1)).sum())
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        if prec >= min_precision and f > best_f:
            best_t, best_f = float(t), f
        if tp >= 10 and prec > top_p:
            most_precise, top_p = float(t), prec
    # When no threshold reaches the precision asked for, the most precise one, not a default.
    return round(best_t if best_f >= 0 else most_precise, 2)


def train_acts(rows: list[dict[str, Any]]) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import KFold

    texts = [" ".join(r["text"].split()) for r in rows]
    X = _matrix(texts)
    Y = np.array([[int(a in r["acts"]) for a in ACTS] for r in rows])
    oof = np.zeros(Y.shape, dtype=float)
    for train, test in KFold(5, shuffle=True, random_state=0).split(X):
        vec = _vectorizer()
        Xtr = _design(X[train], [texts[i] for i in train], vec, fit=True)
        Xte = _design(X[test], [texts[i] for i in test], vec, fit=False)
        for j in range(len(ACTS)):
            clf = LogisticRegression(C=C, class_weight="balanced", max_iter=3000)
            clf.fit(Xtr, Y[train, j])
            oof[test, j] = clf.predict_proba(Xte)[:, 1]
    thresholds, coefs, bias = [], [], []
    vec = _vectorizer()
    Xall = _design(X, texts, vec, fit=True)
    for j, act in enumerate(ACTS):
        floor = COMMITMENT_PRECISION if act == "commitment" else 0.0
        # A commitment is only recorded when the parse also finds an owned, un-negated
        # intention (assistant.language.meaning); its threshold is chosen with that gate on.
        gate = X[:, X.shape[1] - len(FEATURE_NAMES) + FEATURE_NAMES.index("owned_future")] > 0.5 \
            if act == "commitment" else None
        thresholds.append(_threshold(oof[:, j], Y[:, j], floor, gate))
        clf = LogisticRegression(C=C, class_weight="balanced", max_iter=3000).fit(Xall, Y[:, j])
        coefs.append(clf.coef_[0])
        bias.append(round(float(clf.intercept_[0]), 5))
    owned = X[:, X.shape[1] - len(FEATURE_NAMES) + FEATURE_NAMES.index("owned_future")] > 0.5
    for j, act in enumerate(ACTS):
        pred = (oof[:, j] >= thresholds[j]) & (owned if act == "commitment" else True)
        tp = int((pred & (Y[:, j] == 1)).sum())
        prec = tp / max(int(pred.sum()), 1)
        rec = tp / max(int(Y[:, j].sum()), 1)
        print(f"  {act:<20} n={int(Y[:, j].sum()):4d} t={thresholds[j]:.2f}  out-of-fold P {prec:.2f} R {rec:.2f}")
    return {"labels": list(ACTS), "features": list(FEATURE_NAMES), "inputs": X.shape[1], "softmax": False,
            **_export(X, vec, np.stack(coefs)), "bias": bias, "thresholds": thresholds,
            "trained_on": len(rows), "C": C}


def train_checkin(rows: list[dict[str, Any]]) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    texts = [" ".join(r["reply"].split()) for r in rows]
    X = _matrix(texts)
    y = np.array([OUTCOMES.index(r["outcome"]) for r in rows])
    oof = np.zeros(len(rows), dtype=int)
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(X, y):
        vec = _vectorizer()
        clf = LogisticRegression(C=C, class_weight="balanced", max_iter=3000)
        clf.fit(_design(X[train], [texts[i] for i in train], vec, fit=True), y[train])
        oof[test] = clf.predict(_design(X[test], [texts[i] for i in test], vec, fit=False))
    print(f"  check-in out-of-fold accuracy {float((oof == y).mean()):.3f} on {len(rows)} replies")
    vec = _vectorizer()
    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=3000).fit(_design(X, texts, vec, fit=True), y)
    return {"labels": list(OUTCOMES), "features": list(FEATURE_NAMES), "inputs": X.shape[1], "softmax": True,
            **_export(X, vec, clf.coef_), "bias": clf.intercept_.round(5).tolist(),
            "trained_on": len(rows), "C": C}


SAFETY_DIR = Path(__file__).resolve().parent / "labelled" / "safety"
CRISIS_CATEGORIES = {"ideation_direct", "ideation_indirect", "self_harm", "harm_others"}


def crisis_rows() -> list[dict[str, Any]]:
    """The safety training set's crisis sentences as the "crisis" act, so that the coaching
    acts learn that "I'll make sure my handover docs are done before then" after a date is
    picked is not a commitment to coach (the safety blind sets are never read here)."""
    import csv

    rows = []
    for path in sorted(SAFETY_DIR.glob("train-*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            rows += [{"text": r["text"], "acts": ["crisis"]} for r in csv.DictReader(fh)
                     if r.get("category") in CRISIS_CATEGORIES and (r.get("text") or "").strip()]
    return rows


def main() -> int:
    files = sorted(ROOT.glob("train-*.jsonl"))
    rows = [r for f in files for r in load_acts(f)] + crisis_rows()
    print(f"acts: {len(rows)} sentences from {', '.join(f.name for f in files)} and the safety set's crisis talk")
    ACTS_FILE.write_text(json.dumps(train_acts(rows)) + "\n", encoding="utf-8")
    checkin = [r for f in sorted(ROOT.glob("checkin-train*.jsonl")) for r in load_checkin(f)]
    CHECKIN_FILE.write_text(json.dumps(train_checkin(checkin)) + "\n", encoding="utf-8")
    print(f"wrote {ACTS_FILE} and {CHECKIN_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
