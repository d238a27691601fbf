"""What every `coach` sub-command shares: how it fails, and the settings built once by the root."""

from __future__ import annotations

from typing import NoReturn

import typer

from assistant.config import Settings


def fail(message: str, code: int = 2) -> NoReturn:
    """A clear one-line error and a non-zero exit; never a traceback."""
    typer.secho(f"Error: {message}", err=True, fg=typer.colors.RED)
    raise typer.Exit(code)


def settings_of(ctx: typer.Context) -> Settings:
    """The Settings the root command built (cli.main_options) for this invocation."""
    settings = ctx.find_root().obj
    assert isinstance(settings, Settings)
    return settings
