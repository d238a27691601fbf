"""The calibration arithmetic, on a tiny hand-made transcript file (never the AnnoMI data)."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from assistant.cli import app
from eval.calibrate import _auc, calibrate_annomi

FIELDS = ["transcript_id", "mi_quality", "interlocutor", "utterance_text", "main_therapist_behaviour"]
ROWS = [
    ("1", "high", "client", "I keep drinking more than I want.", "n/a"),
    ("1", "high", "therapist", "What would you like to change about it?", "question"),
    ("1", "high", "therapist", "It sounds like it worries you, and part of you wants to cut down.", "reflection"),
    ("2", "low", "client", "I'm not sure.", "n/a"),
    ("2", "low", "therapist", "You should stop drinking right away.", "therapist_input"),
    ("2", "low", "therapist", "Have you considered going to a support group?", "therapist_input"),
    ("2", "low", "therapist", "Okay.", "other"),
]


def _write(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(FIELDS)
        writer.writerows(ROWS)
    return path


def test_calibration_scores_a_perfectly_coded_file(tmp_path: Path) -> None:
    result = calibrate_annomi(_write(tmp_path / "mini.csv"))
    assert result.n == 5
    assert result.accuracy == 1.0 and result.kappa == 1.0
    assert result.directive == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 2.0}
    assert result.transcript_auc == 1.0


def test_auc_counts_ties_as_half() -> None:
    assert _auc([0.5, 0.9], [0.1, 0.5]) == (1 + 0.5 + 1 + 1) / 4
    assert _auc([], [0.1]) == 0.0


def test_calibrate_cli_reports_and_refuses_bad_files(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["eval", "calibrate", str(_write(tmp_path / "mini.csv"))])
    assert ok.exit_code == 0 and "4-way: accuracy 1.000  kappa 1.000" in ok.output
    (tmp_path / "other.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    bad = runner.invoke(app, ["eval", "calibrate", str(tmp_path / "other.csv")])
    assert bad.exit_code == 2 and "is not an AnnoMI 'simple' CSV" in bad.output
