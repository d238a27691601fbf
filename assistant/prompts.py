"""Prompts are files in prompts/, loaded by name and rendered strictly.

Strict means a variable the template names but the caller did not pass is an error, and so
is a passed variable the template never uses: both are bugs that would otherwise ship a
prompt with a hole in it. Templates use `{name}` fields; literal braces are doubled.
"""

from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path


class PromptError(RuntimeError):
    """A prompt file is missing or does not match the variables given."""


_FORMATTER = string.Formatter()


@lru_cache(maxsize=64)
def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PromptError(f"cannot read prompt {path}: {exc.strerror or exc}") from None


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in _FORMATTER.parse(template) if name}


def render(prompts_dir: Path, name: str, **values: object) -> str:
    template = _read(prompts_dir / f"{name}.md")
    wanted = fields(template)
    missing = wanted - values.keys()
    extra = values.keys() - wanted
    if missing or extra:
        raise PromptError(
            f"prompt {name!r}: missing {sorted(missing)}, unexpected {sorted(extra)}"
        )
    return template.format(**values).strip()
