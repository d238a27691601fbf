"""Train the advice-as-a-question model shipped in assistant/coding/models/ (developers only).

    .venv/bin/pip install scikit-learn   # training only; the product reads plain weights
    .venv/bin/python -m eval.train_directive [--out assistant/coding/models/directive-question.json]

Trains on the project's labelled coaching utterances (the main set and the blind batches
already used for development: E, F, G). H and I stay out: H was used to choose where the
model applies and its threshold, and I is the blind batch the README reports. Add them
only when newer blind batches take their place.
The export is checked against scikit-learn's own predictions before it is written.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from assistant.coding.directive_model import MODEL_FILE, char_wb_ngrams, load_model, word_ngrams

LABELLED = Path(__file__).parent / "labelled"
TRAINING_FILES = (
    LABELLED / "coaching-utterances.csv",
    LABELLED / "blind" / "coaching-E.csv",
    LABELLED / "blind" / "coaching-F.csv",
    LABELLED / "blind" / "coaching-G.csv",
)
DIRECTIVE = {"persuade", "confront"}


def train_ngram_model(texts: list[str], labels: list[bool], out: Path, about: str, trained_on: list[str],
                      c: float = 2.0, chars: bool = True) -> list[float]:
    """Logistic regression over word and character n-grams, exported as plain weights that
    assistant/coding/directive_model.py reads; returns scikit-learn's probabilities, which
    the export is checked against before it is written."""
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_union
    except ImportError:
        raise SystemExit("Training needs scikit-learn: .venv/bin/pip install scikit-learn") from None

    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    grams = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)
    union = make_union(words, grams) if chars else make_union(words)
    features = union.fit_transform(texts)
    clf = LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(features, labels)
    coef = clf.coef_[0]
    n_words = len(words.vocabulary_)

    def export(vec: TfidfVectorizer, offset: int) -> dict[str, list[float]]:
        return {
            term: [round(float(vec.idf_[i]), 6), round(float(coef[offset + i]), 6)]
            for term, i in vec.vocabulary_.items()
        }

    model = {
        "about": about,
        "trained_on": trained_on,
        "n": len(texts),
        "intercept": round(float(clf.intercept_[0]), 6),
        "words": export(words, 0),
        "chars": export(grams, n_words) if chars else {},
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    # Our re-implementation must agree with scikit-learn, or the weights mean nothing.
    assert word_ngrams("a test") is not None and char_wb_ngrams("a test")
    load_model.cache_clear()
    shipped = load_model(out)
    assert shipped is not None
    expected = [float(p) for p in clf.predict_proba(features)[:, 1]]
    worst = max(abs(shipped.judge(t).probability - p) for t, p in zip(texts, expected, strict=True))
    if worst > 1e-3:
        raise SystemExit(f"exported model disagrees with scikit-learn by {worst:.4f}")
    print(f"trained on {len(texts)} utterances, {features.shape[1]} features; export matches within {worst:.1e}")
    print(f"wrote {out}")
    return expected


def training_arguments(doc: str | None, out: Path) -> argparse.Namespace:
    """--out (where the model goes) and --c (inverse regularisation), for both training scripts."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=out)
    parser.add_argument("--c", type=float, default=2.0, help="inverse regularisation strength")
    return parser.parse_args()


def main() -> None:
    args = training_arguments(__doc__, MODEL_FILE)
    rows = [r for path in TRAINING_FILES for r in csv.DictReader(path.open(encoding="utf-8", newline=""))]
    train_ngram_model(
        [r["text"] for r in rows], [r["code"] in DIRECTIVE for r in rows], args.out,
        "advice phrased as a yes/no question; see assistant/coding/directive_model.py",
        [str(p.relative_to(LABELLED.parent.parent)) for p in TRAINING_FILES], args.c,
    )


if __name__ == "__main__":
    main()
