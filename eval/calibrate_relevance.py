"""Choose the relevance threshold of eval/quality.py from people's ratings, not from the engine.

    python -m eval.calibrate_relevance

Blind raters marked every reply of the review transcripts relevant or not
(eval/conversations/*-ratings*.jsonl, "relevant": 1/0). For each coaching reply with a
question, this computes the MiniLM cosine between its question and the message it answered
and picks the cut that best separates the two labels (Youden's J), printing the
agreement at that cut. The cut goes into eval/quality.yaml by hand, with the date.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from eval.gold_suite import embedding_similarity
from eval.quality import questions_of

CONVERSATIONS = Path(__file__).resolve().parent / "conversations"
#: (transcript file, rating files) pairs; a reply counts as relevant when its raters agreed it was.
SETS = (
    ("blind-review-transcripts-2.md", ("blind-review-ratings-2.jsonl",)),
    ("blind-review-3-transcripts.md", ("blind-review-3-ratings.jsonl",)),
    ("blind-review-4-transcripts.md", ("blind-review-4-ratings-a.jsonl", "blind-review-4-ratings-b.jsonl")),
    ("blind-review-5-transcripts.md", ("blind-review-5-ratings-a.jsonl", "blind-review-5-ratings-b.jsonl")),
)
_TURN = re.compile(
    r"^(\d+)\. \*\*Protégé:\*\* (.*?)\n\s+\*\*Coach\*\* \(([^)]*)\):(?: ⚠[^“]*“[^”]*”)? (.*?)(?=\n\n|\Z)",
    re.S | re.M,
)


def pairs(transcript: Path) -> dict[tuple[str, int], tuple[str, str, str]]:
    """(conversation, turn) -> (said, route/move, reply)."""
    out = {}
    for block in re.split(r"^## ", transcript.read_text(encoding="utf-8"), flags=re.M)[1:]:
        conv = block.split(":", 1)[0].strip()
        for m in _TURN.finditer(block):
            out[(conv, int(m.group(1)))] = (m.group(2).strip(), m.group(3), m.group(4).strip())
    return out


def labelled() -> list[tuple[float, int]]:
    similarity = embedding_similarity()
    rows = []
    for transcript, ratings in SETS:
        replies = pairs(CONVERSATIONS / transcript)
        votes: dict[tuple[str, int], list[int]] = {}
        for name in ratings:
            for line in (CONVERSATIONS / name).read_text(encoding="utf-8").splitlines():
                r = json.loads(line)
                if str(r.get("relevant")) in {"0", "1"}:
                    votes.setdefault((r["conv"], int(r["turn"])), []).append(int(r["relevant"]))
        for key, vs in votes.items():
            if key not in replies or not replies[key][1].startswith("coach/") or len(set(vs)) > 1:
                continue  # care replies are not coaching; split votes are no label
            said, _, reply = replies[key]
            qs = questions_of(reply)
            if qs:
                rows.append((max(similarity(qs, [said])), vs[0]))
    return rows


def main() -> int:
    rows = labelled()
    pos = [s for s, y in rows if y]
    neg = [s for s, y in rows if not y]
    best = max(
        sorted({round(s, 2) for s, _ in rows}),
        key=lambda t: sum(s >= t for s in pos) / len(pos) + sum(s < t for s in neg) / len(neg),
    )
    tpr = sum(s >= best for s in pos) / len(pos)
    tnr = sum(s < best for s in neg) / len(neg)
    print(f"{len(rows)} rated replies with a question ({len(pos)} relevant, {len(neg)} not)")
    print(f"cut {best:.2f}: relevant kept {tpr:.2f}, irrelevant caught {tnr:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
