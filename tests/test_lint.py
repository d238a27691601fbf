"""The mentor question linter and question sets: flags, cues, rewrites, bad input, the labelled set."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import PROJECT_ROOT
from assistant.lint import (
    EXPLANATIONS,
    FLAGS,
    GENERIC_REWRITE,
    LintInputError,
    lint_question,
    lint_questions,
    read_questions,
)
from eval.lint_eval import LABELLED, format_table, load_labelled, main, score, split_for

runner = CliRunner()


@pytest.mark.parametrize(
    ("question", "cues", "rewrite"),
    [
        ('Do you like your job?',
         {'closed': 'Do'},
         'What do you like about your job?'),
        ('Which do you prefer, remote or in the office?',
         {'closed': 'remote or in the office'},
         'What are your thoughts about the office?'),
        ("You're ready for this?",
         {'closed': "You're"},
         'What would be most useful for you to explore here?'),
        ("Don't you think your manager was being unfair?",
         {'leading': "Don't you think"},
         "What's your own view of your manager?"),
        ('You want the promotion, right?',
         {'leading': 'right'},
         "What's your own view of the promotion?"),
        ("It's better to be safe than sorry, don't you think?",
         {'leading': "don't you think"},
         "What's your own view on this?"),
        ('Surely you deserve a raise by now?',
         {'leading': 'Surely'},
         "What's your own view on this?"),
        ('Have you considered asking your manager?',
         {'advice': 'Have you considered'},
         "What options do you see for getting your manager's view?"),
        ("Why don't you volunteer for the next demo?",
         {'advice': "Why don't you"},
         'What options can you see for moving this forward?'),
        ('Can you delegate some of it to your team?',
         {'advice': 'Can you delegate'},
         'What options can you see for moving this forward?'),
        ('What do you think about starting a brag document?',
         {'advice': 'What do you think about starting'},
         'What options can you see for moving this forward?'),
        ('What went well and what would you change?',
         {'double_barrelled': 'and what'},
         'What went well?'),
        ("What is your goal? What's stopping you?",
         {'double_barrelled': "What's stopping you"},
         'What is your goal?'),
        ("Why didn't you push back?",
         {'judgmental_why': "Why didn't you"},
         'What got in the way of pushing back?'),
        ('Why do you keep taking on extra work?',
         {'judgmental_why': 'Why do you keep'},
         'What keeps you taking on extra work?'),
        ('How can you leverage your network?',
         {'jargon': 'leverage'},
         'How can you use your network?'),
        ("Wouldn't it be better to wait until after the review?",
         {'leading': "Wouldn't it", 'advice': "Wouldn't it be better"},
         'What options can you see for moving this forward?'),
        ("Don't you think your manager is unfair and that you deserve better?",
         {'leading': "Don't you think", 'double_barrelled': 'and that you'},
         "What's your own view of your manager?"),
        ('Do you have the bandwidth for another project?',
         {'closed': 'Do', 'jargon': 'bandwidth'},
         'What capacity do you have for another project?'),
    ],
)
def test_each_flag_names_its_cue_explains_and_offers_an_open_rewrite(question: str, cues: dict[str, str],
                                                                     rewrite: str) -> None:
    result = lint_question(question)
    assert {f.kind: f.cue for f in result.flags} == cues
    assert result.kinds == [k for k in FLAGS if k in cues]
    assert all(f.explanation == EXPLANATIONS[f.kind] and f.explanation.endswith(".") for f in result.flags)
    assert not result.ok
    # The exact rewrite: passing the linter alone would hold for any constant open question.
    assert result.rewrite == rewrite
    assert lint_question(result.rewrite).ok


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        # Advice and leading take precedence over closed.
        ("Have you considered asking your lead?", ["advice"]),
        ("Isn't that what you said you wanted?", ["leading"]),
        ("Shouldn't you update your CV before the reorg?", ["advice"]),
        # "Have you thought about" + a wh-clause proposes nothing: closed, not advice.
        ("Have you thought about what you'd want from the next role?", ["closed"]),
        ("Have you tried anything yet?", ["closed"]),
        ("Obviously you're frustrated, and who wouldn't be?", ["leading"]),
        ("have you considered asking for an extension", ["advice"]),
        ("  Why   didn't you ask   for the raise?  ", ["judgmental_why"]),
        ("do you enjoy managing people", ["closed"]),
        ("Did the interview go well, and what would you do differently?", ["closed", "double_barrelled"]),
        ("Try keeping a decision journal for a week.", ["advice"]),
        # Permission wording round advice already given is still advice.
        ("Can I suggest you talk to your manager first?", ["advice"]),
    ],
)
def test_hard_cases_are_flagged_by_intent(question: str, kinds: list[str]) -> None:
    assert lint_question(question).kinds == kinds


@pytest.mark.parametrize(
    "question",
    [
        "What would you like to keep or change about how you work?",
        "What is the why behind this goal for you?",
        "Why does this goal matter to you right now?",
        "What do you think about the reorg?",
        "How about we start with whatever is most on your mind?",
        "What if nothing changes over the next six months?",
        "Could you say more about that?",
        "Tell me more about what happened in that meeting.",
        "What will you do first, and by when?",
        "Where is the tension between what you want and what's expected?",
        "On a scale from one to ten, where are you now?",
        # Asking leave to offer something, and leaving room for another answer, hand the choice back.
        "May I share an idea that worked for someone else?",
        "Would it help to hear a few options others have tried?",
        "Which of those feels closest, or is it something else entirely?",
        "  what feels unfinished from last week  ",
    ],
)
def test_open_questions_pass(question: str) -> None:
    result = lint_question(question)
    assert result.ok and result.flags == () and result.rewrite == ""


@pytest.mark.parametrize(
    ("question", "rewrite"),
    [
        ("Have you considered asking your manager?", "What options do you see for getting your manager's view?"),
        ("Do you like your job?", "What do you like about your job?"),
        ("Did the meeting go well?", "How did the meeting go?"),
        ("Is the deadline realistic?", "How realistic does the deadline seem to you?"),
        ("Do you have the bandwidth for another project?", "What capacity do you have for another project?"),
        ("Would you rather stay in engineering or move into product?",
         "How do you weigh up staying in engineering against moving into product?"),
        ("Why didn't you finish the report?", "What got in the way of finishing the report?"),
        ("Why haven't you updated your CV yet?", "What has got in the way of updating your CV?"),
        ("Why are you still working for that manager?", "What keeps you working for that manager?"),
        ("Why did you take that job?", "What led you to take that job?"),
        ("What do you want and how will you get there?", "What do you want?"),
        ("Do you like your job and do you want to stay?", "What do you like about your job?"),
        ("Tell me what happened and how you responded.", "Tell me what happened."),
        ("You want the promotion, right?", "What's your own view of the promotion?"),
        ("What is your bandwidth for new projects?", "What is your capacity for new projects?"),
    ],
)
def test_rewrites_keep_the_topic(question: str, rewrite: str) -> None:
    assert lint_question(question).rewrite == rewrite


#: Flagged questions in the labelled set whose rewrite is the generic open question (no topic
#: could be kept), as recorded on 2026-11-30: a ceiling, so that a rewrite falling back to
#: the constant more often (which would still pass the linter) fails here.
RECORDED_GENERIC = 12


def test_every_rewrite_in_the_labelled_set_passes_the_linter_and_few_are_generic() -> None:
    generic = 0
    for row in load_labelled():
        result = lint_question(row["question"])
        passes = result.rewrite == "" if result.ok else lint_question(result.rewrite).ok
        assert passes, (row["question"], result.rewrite)
        generic += result.rewrite == GENERIC_REWRITE
    assert generic <= RECORDED_GENERIC


def test_results_serialise_and_keep_order() -> None:
    first, second = lint_questions(["  What matters most   to you? ", "Have you tried journaling?"])
    assert first.to_dict() == {"question": "What matters most to you?", "ok": True, "flags": [], "rewrite": ""}
    assert second.to_dict() == {
        "question": "Have you tried journaling?",
        "ok": False,
        "flags": [{"kind": "advice", "cue": "Have you tried", "explanation": EXPLANATIONS["advice"]}],
        "rewrite": "What options can you see for moving this forward?",
    }
    assert lint_questions([]) == []


def test_read_questions_from_text_markdown_and_csv(tmp_path: Path) -> None:
    md = tmp_path / "mine.md"
    md.write_text("# Session 3\n\n- What matters most?\n2. Do you agree?\n   \n# note\nWhat   next?\n",
                  encoding="utf-8")
    assert read_questions(md) == ["What matters most?", "Do you agree?", "What next?"]
    sheet = tmp_path / "mine.csv"
    sheet.write_bytes("\ufeffid, Text \n1,What now?\n2,\n3,\"Is it A, or B?\"\n".encode())
    assert read_questions(sheet) == ["What now?", "Is it A, or B?"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bin.txt", b"What\x00\x01", "looks like a binary file"),
        ("slides.txt", b"%PDF-1.7\n%\xe2\xe3", "looks like a binary file"),
        ("latin.txt", "What now?\nCaf\xe9?".encode("latin-1"),
         "is not UTF-8 text (first bad byte on line 2); save it as UTF-8"),
        ("zero.txt", b"", "is empty; write one question per line"),
        ("comments.txt", b"# only a comment\n\n", "has no questions"),
        ("cols.csv", b"id,prompt\n1,What now?\n", "has no 'question' or 'text' column (columns: id, prompt)"),
        ("header.csv", b"question\n", "has no questions"),
        ("many.txt", b"What now?\n" * 5001, "has 5001 questions; the limit is 5000 per run"),
    ],
)
def test_read_questions_refuses_bad_files_clearly(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    (tmp_path / name).write_bytes(content)
    with pytest.raises(LintInputError, match=re.escape(message)):
        read_questions(tmp_path / name)


def test_read_questions_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(LintInputError, match=re.escape("no such file")):
        read_questions(tmp_path / "nope.txt")
    with pytest.raises(LintInputError, match=re.escape("it is a folder")):
        read_questions(tmp_path)
    assert issubclass(LintInputError, ValueError)


def test_labelled_set_is_big_balanced_and_split_by_hash() -> None:
    rows = load_labelled(LABELLED)
    assert len(rows) >= 340
    assert sum(not r["gold"] for r in rows) >= 100
    for flag in FLAGS:
        assert sum(flag in r["gold"] for r in rows) >= 45, flag
    assert all(r["split"] == split_for(r["id"]) for r in rows)
    assert {r["split"] for r in rows} == {"dev", "test"}


def test_labelled_set_precision_and_recall_at_least_090_for_every_flag() -> None:
    """Issue acceptance criterion: every flag type has precision and recall >= 0.90 on all rows."""
    result = score()["all"]
    for flag in FLAGS:
        m = result["flags"][flag]
        assert m["precision"] >= 0.90 and m["recall"] >= 0.90, (flag, m)


def test_score_counts_exactly(tmp_path: Path) -> None:
    path = tmp_path / "tiny.csv"
    path.write_text(
        "id,question,flags,note,split\n"
        "a,Do you like your job?,closed,,dev\n"
        "b,What matters to you?,,,test\n"
        "c,What matters to you?,leading,deliberately wrong label,test\n",
        encoding="utf-8",
    )
    result = score(path)
    assert (result["dev"]["rows"], result["test"]["rows"], result["all"]["rows"]) == (1, 2, 3)
    closed = result["all"]["flags"]["closed"]
    assert (closed["tp"], closed["fp"], closed["fn"], closed["precision"], closed["recall"]) == (1, 0, 0, 1.0, 1.0)
    leading = result["test"]["flags"]["leading"]
    assert (leading["tp"], leading["fn"], leading["recall"], leading["support"]) == (0, 1, 0.0, 1)
    assert result["all"]["errors"] == [{"id": "c", "question": "What matters to you?", "gold": ["leading"], "got": []}]
    assert result["all"]["overall"]["exact_match"] == pytest.approx(2 / 3)
    table = format_table(result)
    assert "  leading            1.000  0.000  0.000     1" in table
    assert "c: 'What matters to you?' labelled ['leading'] got ['clean']" in table


def test_lint_eval_command_prints_a_table_and_refuses_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^all: \d+ questions", out, re.M) and "overall (micro)" in out
    bad = tmp_path / "bad.csv"
    bad.write_text("id,question,flags,note,split\na,What now?,preachy,,dev\n", encoding="utf-8")
    assert main([str(bad)]) == 2
    assert "unknown flag(s) preachy" in capsys.readouterr().err
    assert main([str(tmp_path / "missing.csv")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_lint_cli_exits_non_zero_when_flagged_and_prints_json(tmp_path: Path) -> None:
    path = tmp_path / "mine.txt"
    path.write_text("What matters most to you?\nHave you tried journaling?\n", encoding="utf-8")
    result = runner.invoke(app, ["lint-questions", str(path), "--json"])
    assert result.exit_code == 1
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first == {"question": "What matters most to you?", "ok": True, "flags": [], "rewrite": ""}
    assert second["flags"][0]["kind"] == "advice" and second["rewrite"]
    clean = tmp_path / "clean.txt"
    clean.write_text("What matters most to you?\n", encoding="utf-8")
    assert runner.invoke(app, ["lint-questions", str(clean)]).exit_code == 0
    missing = runner.invoke(app, ["lint-questions", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2 and "cannot read" in missing.output


def test_question_set_spans_all_grow_stages_and_passes_the_linter() -> None:
    result = runner.invoke(
        app, ["questions", "--topic", "moving from engineering into product management", "--count", "12",
              "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    stages = [q["stage"] for q in data["questions"]]
    assert len(stages) == 12
    assert {s: stages.count(s) for s in set(stages)} == {"goal": 3, "reality": 3, "options": 3, "will": 3}
    assert all(lint_question(q["text"]).ok for q in data["questions"])
    assert len({q["text"] for q in data["questions"]}) == 12
    assert any(q["topic"] == "career-transition" for q in data["questions"])
    assert data["listening"]


def test_question_set_formats_and_bad_requests() -> None:
    md = runner.invoke(app, ["questions", "--topic", "asking for feedback", "--count", "5"])
    assert md.stdout.startswith("# Questions for: asking for feedback\n\n## Goal\n\n1. ")
    assert "## Listening prompts for you" in md.stdout
    csv_out = runner.invoke(app, ["questions", "--topic", "asking for feedback", "--count", "4", "--format", "csv"])
    assert csv_out.stdout.splitlines()[0] == "stage,question,type,topic,id"
    assert len(csv_out.stdout.splitlines()) == 5
    for args, message in (
        (["--topic", "  ", "--count", "8"], "the topic is empty"),
        (["--topic", "x", "--count", "2"], "count must be between 4"),
        (["--topic", "x", "--format", "pdf"], "Unknown format 'pdf'; choose one of: md, csv, json."),
    ):
        result = runner.invoke(app, ["questions", *args])
        assert result.exit_code == 2 and message in result.output


def test_bank_file_is_the_shipped_one() -> None:
    assert (PROJECT_ROOT / "knowledge" / "questions.yaml").is_file()
