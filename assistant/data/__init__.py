"""Rules and word lists the product reads as data (not code): edit them without touching Python.

A pattern file (`*.yaml` here) maps a name to one of three things:

- a regular expression: `{pattern: …, flags: i}`; `pattern` is a string or a list of
  pieces joined with nothing between them (so a long alternation can be read a line at a
  time), `flags` any of the letters `i` (ignore case), `m` (multi-line), `s` (dot matches
  newline);
- a table of them: a list of `{code: …, pattern: …, flags: …}`, tried in order, where the
  code names what was found;
- a list of alternatives (`cues: […]`), each a string or a list of pieces, for a caller
  that compiles them its own way.

Patterns are single-quoted in the files: a backslash is then just a backslash, and a
quote is written twice (`''`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent

_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL}


def read(name: str) -> Any:
    """One data file, parsed."""
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


def _text(pattern: str | list[str]) -> str:
    return pattern if isinstance(pattern, str) else "".join(pattern)


def _compile(entry: dict[str, Any]) -> re.Pattern[str]:
    flags = 0
    for letter in entry.get("flags", ""):
        flags |= _FLAGS[letter]
    return re.compile(_text(entry["pattern"]), flags)


class Patterns:
    """The regular expressions of one pattern file, read by name: `RX.resume.search(text)`.

    Everything is compiled when the file is first read, so a broken pattern fails at
    import, not in the middle of someone's conversation.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._entries: dict[str, Any] = read(name)
        unnamed = [key for key in self._entries if not isinstance(key, str)]
        if unnamed:  # YAML reads a bare yes/no/on/off as a boolean: such a name must be quoted
            raise ValueError(f"{name}: quote the pattern names {unnamed}")
        self._compiled = self._compile_all()

    def _compile_all(self) -> dict[str, Any]:
        compiled: dict[str, Any] = {}
        for key, entry in self._entries.items():
            try:
                if isinstance(entry, list):
                    compiled[key] = tuple((row["code"], _compile(row)) for row in entry)
                elif "cues" in entry:
                    compiled[key] = tuple(_text(cue) for cue in entry["cues"])
                    for cue in compiled[key]:
                        re.compile(cue)
                else:
                    compiled[key] = _compile(entry)
            except (re.error, KeyError, TypeError) as exc:
                raise ValueError(f"{self.name}: the pattern {key!r} cannot be used: {exc!r}") from exc
        return compiled

    def names(self) -> set[str]:
        return set(self._entries)

    def _get(self, key: str, kind: type) -> Any:
        try:
            value: Any = self._compiled[key]
        except KeyError:
            raise AttributeError(f"{self.name} has no pattern named {key!r}") from None
        fits = isinstance(value, kind)
        if fits and kind is tuple:  # a table holds (code, pattern) rows; a list of cues holds strings
            fits = not value or isinstance(value[0], tuple)
        if not fits:
            raise TypeError(f"{self.name}: {key!r} is not a {kind.__name__}")
        return value

    def __getattr__(self, key: str) -> re.Pattern[str]:
        if key.startswith("_"):
            raise AttributeError(key)
        value: re.Pattern[str] = self._get(key, re.Pattern)
        return value

    def table(self, key: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
        value: tuple[tuple[str, re.Pattern[str]], ...] = self._get(key, tuple)
        return value

    def cue_lists(self) -> dict[str, tuple[str, ...]]:
        """The lists of alternatives (`cues:` entries), by name, for a caller to compile."""
        return {key: value for key, value in self._compiled.items()
                if isinstance(value, tuple) and value and isinstance(value[0], str)}
