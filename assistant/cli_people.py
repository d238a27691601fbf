"""People, pairings, agendas, sharing and data requests from the command line. Wiring only.

The CLI runs on the server, so it acts for someone: `--as NAME` (default: the user the
command is about). The workspace checks that person's rights exactly as it does for the
web UI, so a mentor or another protégé gets the same refusal here as there.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from assistant.choices import unknown
from assistant.cli_common import fail, settings_of

users_app = typer.Typer(help="Add and list people (protégés, mentors, staff).", no_args_is_help=True)
agenda_app = typer.Typer(help="Show or export a protégé's meeting agenda.", no_args_is_help=True)
FORMATS = ("md", "ics")



def _refuse(message: str) -> NoReturn:
    typer.secho(f"Refused: {message}", err=True, fg=typer.colors.RED)
    raise typer.Exit(3)



def _workspace(ctx: typer.Context) -> Any:
    from assistant.bootstrap import open_workspace
    from assistant.coach.service import CoachError

    try:
        return open_workspace(settings_of(ctx))
    except CoachError as exc:
        fail(str(exc))


def _guard(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Run a workspace call; refusals exit 3, bad input exits 2, both with a clear line."""
    from assistant.agenda import AgendaError
    from assistant.store.people import AccessDenied, StoreInputError

    try:
        return fn(*args, **kwargs)
    except AccessDenied as exc:
        _refuse(str(exc))
    except (StoreInputError, AgendaError) as exc:
        fail(str(exc))


def _password(from_stdin: bool, name: str) -> str | None:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    if sys.stdin.isatty():
        value: str = typer.prompt(f"Password for {name} (empty: no web login)", default="", hide_input=True,
                                  show_default=False)
        return value or None
    return None


@users_app.command("add")
def users_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Login name: letters, digits, '.', '_', '@', '-'.")],
    role: Annotated[str, typer.Option(help="protege, mentor or staff.")],
    password_stdin: Annotated[bool, typer.Option(help="Read the password from standard input.")] = False,
    display_name: Annotated[str | None, typer.Option(
        help="How the person is called (\"Priya Raman\"); the coach never mentions it to anyone else.")] = None,
) -> None:
    """Add a person. With a password they can sign in when COACH_AUTH=password."""
    workspace = _workspace(ctx)
    user = _guard(workspace.add_user, name, role, _guard(_password, password_stdin, name), display_name)
    typer.echo(f"Added {user.name} ({user.role}).")


@users_app.command("passwd")
def users_passwd(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument()],
    password_stdin: Annotated[bool, typer.Option(help="Read the password from standard input.")] = False,
) -> None:
    """Set or change someone's password."""
    password = _password(password_stdin, name)
    if not password:
        fail("no password given.")
    _guard(_workspace(ctx).set_password, name, password)
    typer.echo(f"Password set for {name}.")


@users_app.command("list")
def users_list(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Everyone, with their role and mentor."""
    workspace = _workspace(ctx)
    rows = []
    for user in workspace.users():
        mentor = workspace.mentor_of(user) if user.role == "protege" else None
        rows.append({"name": user.name, "role": user.role, "mentor": mentor.name if mentor else None})
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        typer.echo(f"{row['name']:<24} {row['role']:<8} {('mentor: ' + row['mentor']) if row['mentor'] else ''}")


def pair(
    ctx: typer.Context,
    protege: Annotated[str, typer.Argument(help="The protégé's name.")],
    mentor: Annotated[str, typer.Argument(help="The mentor's name.")],
) -> None:
    """Pair a protégé with a mentor (replaces an earlier pairing; old shares stop showing)."""
    _guard(_workspace(ctx).pair, protege, mentor)
    typer.echo(f"Paired {protege} with mentor {mentor}.")


def _actor(workspace: Any, user: str, acting: str | None) -> Any:
    return _guard(workspace.user, acting or user)


@agenda_app.command("show")
def agenda_show(
    ctx: typer.Context,
    user: Annotated[str, typer.Option(help="Whose agenda.")],
    acting: Annotated[str | None, typer.Option("--as", help="Who is asking (default: the user).")] = None,
) -> None:
    """Print the latest agenda (approved ones first) with its status and meeting time."""
    workspace = _workspace(ctx)
    found = _guard(workspace.latest_agenda, _actor(workspace, user, acting), user)
    if found is None:
        fail(f"{user} has no agenda {'shared with you' if acting and acting != user else 'yet'}.", code=1)
    when = found.meeting_at.isoformat(timespec="minutes") if found.meeting_at else "not set"
    typer.secho(f"[{found.status}] meeting: {when}", fg=typer.colors.BRIGHT_BLACK)
    typer.echo(found.markdown)


@agenda_app.command("export")
def agenda_export(
    ctx: typer.Context,
    user: Annotated[str, typer.Option(help="Whose agenda.")],
    fmt: Annotated[str, typer.Option("--format", help="md or ics.")] = "md",
    when: Annotated[str | None, typer.Option(help="Set the meeting time first: 2026-12-03T10:00.")] = None,
    out: Annotated[Path | None, typer.Option(help="Write to this file (default: stdout).")] = None,
    acting: Annotated[str | None, typer.Option("--as", help="Who is asking (default: the user).")] = None,
) -> None:
    """Export the latest agenda as Markdown or as a calendar event (.ics, RFC 5545)."""
    from assistant.agenda import parse_when, to_ics, to_markdown, zone

    if fmt not in FORMATS:
        fail(unknown("format", fmt, FORMATS))
    settings = settings_of(ctx)
    workspace = _workspace(ctx)
    actor = _actor(workspace, user, acting)
    found = _guard(workspace.latest_agenda, actor, user)
    if found is None:
        fail(f"{user} has no agenda to export.", code=1)
    if when:
        meeting = _guard(parse_when, when, zone(settings.timezone))
        found = _guard(workspace.save_agenda, actor, found.thread_id, found.markdown, meeting_at=meeting,
                       approve=found.status == "approved", edited=False)
    text = to_markdown(found) if fmt == "md" else _guard(to_ics, found)
    _emit(text, out)


def share(
    ctx: typer.Context,
    item: Annotated[str, typer.Argument(help="TYPE:ID, e.g. agenda:3 (types: goal, agenda, commitment, log).")],
    user: Annotated[str, typer.Option(help="The protégé who owns the item.")],
    revoke: Annotated[bool, typer.Option(help="Stop sharing it.")] = False,
) -> None:
    """Share one of a protégé's items with their mentor, or revoke it."""
    kind, _, raw = item.partition(":")
    if not raw.isdigit():
        fail(f"{item!r} is not TYPE:ID (for example agenda:3).")
    workspace = _workspace(ctx)
    actor = _guard(workspace.user, user)
    if revoke:
        _guard(workspace.revoke, actor, kind, int(raw))
        typer.echo(f"{item} is no longer shared.")
        return
    mentor = _guard(workspace.share, actor, kind, int(raw))
    typer.echo(f"Shared {item} with {mentor.name}.")


def export(
    ctx: typer.Context,
    user: Annotated[str, typer.Option(help="Whose data.")],
    out: Annotated[Path | None, typer.Option(help="Write to this file (default: stdout).")] = None,
) -> None:
    """Everything held about a person, as JSON (their right of access)."""
    from assistant.bootstrap import build_service
    from assistant.coach.service import CoachError
    from assistant.data_rights import export_user

    settings = settings_of(ctx)
    workspace = _workspace(ctx)
    try:
        service = build_service(settings, workspace=workspace)
    except CoachError as exc:
        fail(str(exc))
    data = _guard(export_user, service, workspace, user)
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
    _emit(text, out)


def delete(
    ctx: typer.Context,
    user: Annotated[str, typer.Option(help="Whose data to erase.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Hard-delete a person: their account, conversations, goals, commitments, log, agendas, shares."""
    from assistant.bootstrap import build_service
    from assistant.coach.service import CoachError
    from assistant.data_rights import delete_user

    settings = settings_of(ctx)
    workspace = _workspace(ctx)
    _guard(workspace.user, user)  # unknown names fail before anything is asked
    if not yes and not typer.confirm(f"Erase everything held about {user}? This cannot be undone."):
        fail("nothing deleted.", code=1)
    try:
        service = build_service(settings, workspace=workspace)
    except CoachError as exc:
        fail(str(exc))
    done = _guard(delete_user, service, workspace, settings, user)
    typer.echo(f"Deleted {done.user}: {done.threads} conversation(s), {done.files} exported file(s), and every row.")


def overview(
    ctx: typer.Context,
    acting: Annotated[str, typer.Option("--as", help="A staff member's name.")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Program figures and safety flags for staff (never anyone's words)."""
    from assistant.store.records import as_dict

    workspace = _workspace(ctx)
    view = _guard(workspace.overview, _guard(workspace.user, acting))
    data = as_dict(view)
    if as_json:
        typer.echo(json.dumps(data, indent=2, default=str))
        return
    typer.echo(f"People: {view.users}  pairings: {view.pairings}  threads: {view.threads}  "
               f"approved agendas: {view.agendas_approved}")
    typer.echo(f"Commitments by status: {view.commitments}")
    typer.echo(f"Safety flags: {len(view.flags)}")
    for flag in view.flags:
        typer.echo(f"  {flag.created_at:%Y-%m-%d %H:%M}  {flag.severity:<8} {flag.reason:<24} {flag.owner}")


def _emit(text: str, out: Path | None) -> None:
    """Print the text, or write it to `out` and say so."""
    if out is None:
        typer.echo(text, nl=False)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror or exc}")
    typer.echo(f"Wrote {out}.")
