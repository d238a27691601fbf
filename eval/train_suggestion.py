"""Train the suggestion model shipped in assistant/coding/models/ (developers only).

    .venv/bin/pip install scikit-learn   # training only; the product reads plain weights
    .venv/bin/python -m eval.train_suggestion

The cue lists catch advice in the forms people have written before; written peer support
(ESConv's "Providing Suggestions") showed that most suggestions arrive as plain statements
no cue knows ("another thing that may help is…", "definitely reach out to her", "what
helped me was…"). This model reads every sentence the rules leave non-directive.

Data: eval/labelled/suggestions/train-A.csv and train-B.csv (1,400 supporter utterances
in many settings and voices, written for the project by helpers who never saw the coder
or any dataset; `suggestion` vs question, restatement, reflection of feelings,
affirmation, self-disclosure, information, other) plus the project's coaching utterances
already used for the question model (persuade/confront vs the rest). blind-1.csv is never
read here: it is the batch the README reports. ESConv is never read here either.

The threshold is chosen here, by a fixed rule on out-of-fold predictions: the lowest
probability at which at most PROMPTING_BUDGET of the prompting utterances (questions,
restatements, reflections) are flagged.
"""

from __future__ import annotations

import csv
import json

from assistant.coding.coder import ASKING_OR_REFLECTING
from assistant.coding.directive_model import SUGGESTION_FILE
from eval.train_directive import DIRECTIVE, LABELLED, TRAINING_FILES, train_ngram_model, training_arguments

SUGGESTION_FILES = (LABELLED / "suggestions" / "train-A.csv", LABELLED / "suggestions" / "train-B.csv")
PROMPTING = {"question", "restatement", "reflection_feeling"}
PROMPTING_BUDGET = 0.02


def rows() -> list[tuple[str, bool, bool]]:
    """(text, is a suggestion, is prompting)."""
    out = []
    for path in SUGGESTION_FILES:
        for r in csv.DictReader(path.open(encoding="utf-8", newline="")):
            out.append((r["text"], r["label"] == "suggestion", r["label"] in PROMPTING))
    for path in TRAINING_FILES:
        for r in csv.DictReader(path.open(encoding="utf-8", newline="")):
            out.append((r["text"], r["code"] in DIRECTIVE, r["code"] in ASKING_OR_REFLECTING))
    return out


def choose_threshold(data: list[tuple[str, bool, bool]], c: float) -> float:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from sklearn.pipeline import make_pipeline, make_union

    texts = [t for t, _, _ in data]
    labels = [y for _, y, _ in data]
    oof = [0.0] * len(data)
    for train, test in StratifiedKFold(5, shuffle=True, random_state=7).split(texts, labels):
        model = make_pipeline(
            make_union(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                       TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)),
            LogisticRegression(C=c, max_iter=5000, class_weight="balanced"),
        )
        model.fit([texts[i] for i in train], [labels[i] for i in train])
        for i, p in zip(test, model.predict_proba([texts[i] for i in test])[:, 1], strict=True):
            oof[i] = float(p)
    prompting = sorted((p for p, (_, _, prom) in zip(oof, data, strict=True) if prom), reverse=True)
    allowed = int(PROMPTING_BUDGET * len(prompting))
    threshold = round(prompting[allowed] + 1e-4, 4)
    caught = sum(p >= threshold for p, (_, y, _) in zip(oof, data, strict=True) if y) / sum(labels)
    print(f"out of fold: threshold {threshold} flags {allowed}/{len(prompting)} prompting, catches {caught:.3f} "
          "of suggestions")
    return threshold


def main() -> None:
    args = training_arguments(__doc__, SUGGESTION_FILE)
    data = rows()
    threshold = choose_threshold(data, args.c)
    files = [*SUGGESTION_FILES, *TRAINING_FILES]
    train_ngram_model([t for t, _, _ in data], [y for _, y, _ in data], args.out,
                      "a sentence that suggests a course of action; see assistant/coding/directive_model.py",
                      [str(p.relative_to(LABELLED.parent.parent)) for p in files], args.c)
    model = json.loads(args.out.read_text(encoding="utf-8"))
    model["threshold"] = threshold
    args.out.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


if __name__ == "__main__":
    main()
