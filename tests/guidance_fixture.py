"""A small guidance corpus for tests, written on the fly (tests never read ../shared)."""

from __future__ import annotations

from pathlib import Path

HANDBOOK = """# Sample program handbook

## How often we meet
Pairs meet every two weeks for about an hour, for six months. A short check-in by message
between meetings is welcome but optional.

## Who schedules meetings
The protégé schedules each meeting and sends the agenda at least a day ahead. Mentors
confirm or propose another time.

## Confidentiality
What you discuss stays between the two of you, except when someone's safety is at risk.

## Changing or ending a pairing
If the pairing is not working, either of you can ask the program coordinator for a
no-fault rematch at any time.
"""

PREPARING = """# Preparing before a session

## Questions to bring
Write down two or three questions you want to explore, in your own words. The best
questions are about decisions you face, not facts you could look up.

## Homework between sessions
Follow through on what you said you would try, and note what happened so you can talk
about it next time.
"""

GROW = """# The GROW model

## Goal
Start from what you want to achieve, stated in your own words, with a sense of what
success would look like.

## Options
List several possible ways forward before choosing one; the aim is to widen the view.
"""


def write_corpus(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "program-handbook.md").write_text(HANDBOOK, encoding="utf-8")
    (root / "preparing.md").write_text(PREPARING, encoding="utf-8")
    (root / "grow.txt").write_text(GROW, encoding="utf-8")
    (root / "questions.yaml").write_text("questions: []\n", encoding="utf-8")
    return root


def minimal_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF showing `lines`, built by hand (no PDF writer dependency)."""
    text = " ".join(f"({line}) Tj 0 -16 Td" for line in lines)
    stream = f"BT /F1 12 Tf 72 720 Td {text} ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
