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
    assert result.transcript_auc == 1.0 and result.human_auc == 1.0


def test_prompt_share_is_prompting_over_prompting_plus_directive() -> None:
    from eval.calibrate import prompt_share

    assert prompt_share(["question", "reflection", "therapist_input", "other"]) == 2 / 3
    assert prompt_share(["other"]) == 1.0


def test_auc_counts_ties_as_half() -> None:
    assert _auc([0.5, 0.9], [0.1, 0.5]) == (1 + 0.5 + 1 + 1) / 4
    assert _auc([], [0.1]) == 0.0


def test_calibrate_cli_reports_and_refuses_bad_files(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["eval", "calibrate", str(_write(tmp_path / "mini.csv"))])
    assert ok.exit_code == 0 and "4-way: accuracy 1.000  kappa 1.000" in ok.output
    (tmp_path / "other.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    bad = runner.invoke(app, ["eval", "calibrate", str(tmp_path / "other.csv")])
    assert bad.exit_code == 2 and "is neither the project's labelled set" in bad.output
    missing = runner.invoke(app, ["eval", "calibrate"])
    assert missing.exit_code == 2 and "give the labels file" in missing.output


LABELLED = """id,text,previous,code,subtype,hard_case
1,What would success look like for you?,,question_open,,
2,Have you considered asking your manager?,,persuade,advice,advice_question
3,Why don't you just email her tonight?,,persuade,suggestion,advice_question
4,"You want more time.",I want more time in the meeting,reflection_simple,,reflection_no_qmark
5,Did the meeting happen?,,question_closed,,closed_not_advice
6,It's your call which option fits.,,emphasize_autonomy,,autonomy
"""


def test_labelled_set_calibration_reports_per_code_f1_and_hard_cases(tmp_path: Path) -> None:
    from eval.calibrate import calibrate_labelled

    path = tmp_path / "labels.csv"
    path.write_text(LABELLED, encoding="utf-8")
    result = calibrate_labelled(path)
    assert result.n == 6
    assert result.advice_question_recall == 1.0
    assert result.per_code["persuade"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 2.0}
    assert result.hard_cases["advice_question"] == {"n": 2.0, "accuracy": 1.0}
    assert result.directive["f1"] == 1.0
    out = CliRunner().invoke(app, ["eval", "calibrate", "--labels", str(path)])
    assert out.exit_code == 0
    assert "advice disguised as a question, recall: 1.000" in out.output
    assert "  persuade                   P 1.000  R 1.000  F1 1.000  n=2" in out.output
    path.write_text(LABELLED.replace("question_open", "question_wide"), encoding="utf-8")
    bad = CliRunner().invoke(app, ["eval", "calibrate", "--labels", str(path)])
    assert bad.exit_code == 2 and "unknown codes in the labels: question_wide" in bad.output


def test_shipped_labelled_set_holds_its_promises() -> None:
    """The project's own labelled set: at least 800 utterances, every code and the hard
    cases present, and the offline coder keeps catching advice disguised as a question."""
    from assistant.coding.coder import CODES
    from assistant.config import PROJECT_ROOT
    from eval.calibrate import calibrate_labelled

    result = calibrate_labelled(PROJECT_ROOT / "eval" / "labelled" / "coaching-utterances.csv")
    assert result.n >= 800
    assert all(result.per_code[c]["support"] >= 25 for c in CODES)
    assert {"advice_question", "reflection_no_qmark", "permission", "autonomy"} <= set(result.hard_cases)
    assert result.advice_question_recall >= 0.95
    assert result.directive["f1"] >= 0.80
