"""`coach questions` and `coach lint-questions`: the mentor tools. Wiring only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from assistant.choices import unknown
from assistant.cli_common import fail, settings_of
from assistant.config import Settings

FORMATS = ("md", "csv", "json")



def questions(
    ctx: typer.Context,
    topic: Annotated[str | None, typer.Option(help="What the protégé wants to work on.")] = None,
    protege: Annotated[
        str | None, typer.Option(help="Fit the set to what this protégé shared with you (needs --as).")
    ] = None,
    acting: Annotated[str | None, typer.Option("--as", help="The mentor asking (with --protege).")] = None,
    count: Annotated[int, typer.Option(help="How many questions (spread over the four GROW stages).")] = 12,
    fmt: Annotated[str, typer.Option("--format", help="md, csv or json.")] = "md",
) -> None:
    """A GROW question set for a mentoring session, fitted to a topic; every question passes the linter."""
    from assistant.questions import QuestionSetError, bank_path, question_set

    settings = settings_of(ctx)
    if fmt not in FORMATS:
        fail(unknown("format", fmt, FORMATS))
    if (topic is None) == (protege is None):
        fail("give either --topic TEXT or --protege USER (with --as MENTOR).")
    try:
        if protege is not None:
            result = _protege_set(settings, protege, acting, count)
        else:
            result = question_set(topic or "", count, bank_path(settings.knowledge_dir))
    except QuestionSetError as exc:
        fail(str(exc))
    rendered = {"md": result.to_markdown, "csv": result.to_csv, "json": result.to_json}[fmt]()
    typer.echo(rendered, nl=False)


def _protege_set(settings: Settings, protege: str, acting: str | None, count: int) -> Any:
    from assistant.bootstrap import open_workspace
    from assistant.coach.service import CoachError
    from assistant.questions import bank_path, protege_question_set
    from assistant.store.people import AccessDenied, StoreInputError

    if not acting:
        fail("--protege needs --as MENTOR: the set is built from what the protégé shared with that mentor.")
    try:
        workspace = open_workspace(settings)
        mentor = workspace.user(acting)
        return protege_question_set(workspace, mentor, protege, count, bank_path(settings.knowledge_dir))
    except AccessDenied as exc:
        typer.secho(f"Refused: {exc}", err=True, fg=typer.colors.RED)
        raise typer.Exit(3) from None
    except (CoachError, StoreInputError) as exc:
        fail(str(exc))


def lint_questions_command(
    path: Annotated[
        Path, typer.Argument(metavar="FILE", help="One question per line, or a CSV with a question column.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per question.")] = False,
) -> None:
    """Flag closed, leading, advice-laden, double-barrelled, judgmental-why and jargon questions.

    Exits 1 when anything is flagged, so scripts can use it as a check.
    """
    from assistant.lint import LintInputError, lint_questions, read_questions

    try:
        results = lint_questions(read_questions(path))
    except LintInputError as exc:
        fail(str(exc))
    flagged = [r for r in results if not r.ok]
    if as_json:
        for r in results:
            typer.echo(json.dumps(r.to_dict(), ensure_ascii=False))
    else:
        for r in results:
            if r.ok:
                typer.secho(f"ok    {r.question}", fg=typer.colors.GREEN)
                continue
            typer.secho(f"FLAG  {r.question}", fg=typer.colors.RED, bold=True)
            for f in r.flags:
                typer.echo(f"      {f.kind} (\"{f.cue}\"): {f.explanation}")
            typer.echo(f"      try: {r.rewrite}")
        typer.echo(f"{len(results)} questions, {len(flagged)} flagged.")
    if flagged:
        raise typer.Exit(1)
