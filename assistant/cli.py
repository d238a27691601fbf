"""The `coach` command. It only wires: settings in, plain functions called, results printed."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from assistant.cli_common import fail, settings_of
from assistant.config import SettingsError, load_settings

app = typer.Typer(
    help="Protégé-led coaching assistant: chat, manage program guidance, evaluate.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)



@app.callback()
def main_options(
    ctx: typer.Context,
    backend: Annotated[str | None, typer.Option(help="offline or openai (overrides COACH_BACKEND).")] = None,
    data_dir: Annotated[Path | None, typer.Option(help="Where threads and the index live.")] = None,
    knowledge_dir: Annotated[Path | None, typer.Option(help="Program guidance folder.")] = None,
) -> None:
    """Settings are built once here and handed to every command."""
    try:
        ctx.obj = load_settings(backend=backend, data_dir=data_dir, knowledge_dir=knowledge_dir)
    except SettingsError as exc:
        fail(str(exc))



@app.command()
def config(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Print the effective settings (secrets masked)."""
    values = settings_of(ctx).masked()
    if as_json:
        typer.echo(json.dumps(values, indent=2, default=str))
        return
    width = max(len(k) for k in values)
    for key, value in values.items():
        typer.echo(f"{key.ljust(width)}  {value}")


def _read_script(path: Path) -> list[str]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        fail(f"cannot read script {path}: {exc.strerror or exc}")
    if b"\x00" in raw:
        fail(f"{path} looks like a binary file; a script is plain text, one message per line.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        fail(f"{path} is not UTF-8 text; save it as UTF-8 and try again.")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        fail(f"{path} has no messages (one protégé message per line).")
    return lines


@app.command()
def chat(
    ctx: typer.Context,
    script: Annotated[Path | None, typer.Option(help="Non-interactive: one protégé message per line.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per assistant turn.")] = False,
    user: Annotated[str, typer.Option(help="Who is chatting (threads are per user).")] = "local",
    thread: Annotated[str | None, typer.Option(help="Continue this thread id.")] = None,
) -> None:
    """Chat with the coach in the terminal, or run a script of protégé messages."""
    from assistant.bootstrap import build_service
    from assistant.coach.service import CoachError
    from assistant.records import Reply

    settings = settings_of(ctx)
    messages = _read_script(script) if script else None
    try:
        service = build_service(settings)
        thread_id, opening = (thread, "") if thread else service.open_thread(user)
    except (CoachError, SettingsError) as exc:
        fail(str(exc))
    from assistant.coach import templates as T
    if not as_json:
        from assistant.llm.factory import describe_backend

        typer.secho(
            f"Backend: {describe_backend(settings)} · thread {thread_id}",
            fg=typer.colors.BRIGHT_BLACK,
        )

    def show_opening(text: str) -> None:
        """The thread's first words: the greeting, or the check-in on open commitments,
        which is a real turn (stored in the thread), so JSON mode emits it too."""
        if as_json:
            if text and text != T.GREETING:
                typer.echo(json.dumps(Reply(text, "goal", "checkin_opening", "coach", "offline").to_json(),
                                      ensure_ascii=False))
        elif text:
            typer.echo(f"coach> {text}")

    show_opening(opening)

    def turn(message: str) -> None:
        for event in service.respond(user, thread_id, message):
            if isinstance(event, Reply):
                if as_json:
                    typer.echo(json.dumps(event.to_json(), ensure_ascii=False))
                else:
                    # Shown whole: the guard may replace a model's reply after reading all of it.
                    typer.echo(event.text)
                    for notice in event.notices:
                        typer.secho(f"[note] {notice}", fg=typer.colors.YELLOW)
                    for p in event.citations:
                        typer.secho(f"  source: {p.label}", fg=typer.colors.BRIGHT_BLACK)

    if messages is not None:
        for message in messages:
            turn(message)
        return
    if not as_json:
        typer.echo("Type your message (Ctrl-D or /quit to leave, /new for a new conversation).")
    while True:
        try:
            message = input("\nyou> ")
        except (EOFError, KeyboardInterrupt):
            typer.echo("")
            return
        if message.strip() in {"/quit", "/exit"}:
            return
        if message.strip() == "/new":
            thread_id, opening = service.open_thread(user)
            typer.echo(f"New conversation: {thread_id}")
            show_opening(opening)
            continue
        if not as_json:
            typer.echo("coach> ", nl=False)
        turn(message)


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders (default: the knowledge dir).")] = None,
    rebuild: Annotated[bool, typer.Option(help="Drop the index and embed everything again.")] = False,
    if_needed: Annotated[bool, typer.Option(help="Only index the shipped guidance if it changed.")] = False,
    quiet: Annotated[bool, typer.Option(help="No progress bar.")] = False,
) -> None:
    """Index program guidance for retrieval (only changed files are re-embedded)."""
    from assistant.knowledge.ingest import IngestReport, ensure_index
    from assistant.knowledge.ingest import ingest as run_ingest
    from assistant.knowledge.store import KnowledgeError

    settings = settings_of(ctx)
    report: IngestReport | None
    try:
        if if_needed and not paths and not rebuild:
            report = ensure_index(settings)
        else:
            report = run_ingest(
                settings, list(paths) if paths else None, rebuild=rebuild, progress=not quiet
            )
    except KnowledgeError as exc:
        fail(str(exc))
    if report is None:
        typer.echo("Guidance index is up to date.")
        return
    typer.echo(report.summary())
    for name, note in report.notes:
        typer.secho(f"  note: {name}: {note}", fg=typer.colors.YELLOW)
    for name, reason in report.failures:
        typer.secho(f"  failed: {name}: {reason}", err=True, fg=typer.colors.RED)
    if report.failures:
        raise typer.Exit(1)


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="What to look up in the program guidance.")],
    k: Annotated[int, typer.Option("--k", min=1, max=50, help="How many passages.")] = 5,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Search the program guidance; passages are ranked, with source and section."""
    from assistant.knowledge.retrieve import Retriever
    from assistant.knowledge.store import KnowledgeError

    if not query.strip():
        fail("the query is empty; type what you are looking for.")
    try:
        passages = Retriever(settings_of(ctx)).search(query, k)
    except (KnowledgeError, ValueError) as exc:
        fail(str(exc))
    if as_json:
        out: list[dict[str, Any]] = [{"rank": i + 1, **p.to_dict()} for i, p in enumerate(passages)]
        typer.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    for i, p in enumerate(passages, 1):
        typer.secho(f"{i}. {p.label}  (score {p.score:.3f})", bold=True)
        typer.echo("   " + " ".join(p.text.split())[:300])


from assistant.cli_eval import eval_app  # noqa: E402 - sub-app registered after the root app exists
from assistant.cli_mentor import lint_questions_command, questions  # noqa: E402
from assistant.cli_people import agenda_app, delete, export, overview, pair, share, users_app  # noqa: E402

app.add_typer(eval_app, name="eval")
app.command("questions")(questions)
app.command("lint-questions")(lint_questions_command)
app.add_typer(users_app, name="users")
app.add_typer(agenda_app, name="agenda")
for command in (pair, share, export, delete, overview):
    app.command()(command)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
