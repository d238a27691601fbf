"""Search hints: how people ask for what a section answers, indexed beside the guidance.

Protégés rarely use the guidance's own words: they describe a situation ("my mentor does
all the talking") where the handbook says "conversational, not a lecture". A folder of
guidance may hold `search-hints.yaml`, mapping "file › section" to such phrasings; each
hint is embedded as an extra vector that points at its section, so a question close to
a hint finds the section even when it shares no words with it. Hints are never shown.
The shipped hints were written from the guidance alone, without the retrieval eval's
questions in view.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

HINTS_FILE = "search-hints.yaml"
SEPARATOR = " › "
MAX_HINTS_PER_SECTION = 40
MAX_HINT_CHARS = 300

#: source (relative path) -> section -> hints
Hints = dict[str, dict[str, list[str]]]


class HintsError(ValueError):
    """The hints file is unreadable or malformed; the message says where."""


def load_hints(folder: Path) -> Hints:
    """The hints in `folder/search-hints.yaml`, or {} when there is none."""
    path = folder / HINTS_FILE
    if not path.is_file():
        return {}
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise HintsError(f"{HINTS_FILE} cannot be read: {exc}") from None
    entries = data.get("hints") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        raise HintsError(f"{HINTS_FILE} needs a `hints:` mapping of \"file › section\" to a list of phrasings.")
    out: Hints = {}
    for key, phrasings in entries.items():
        if not isinstance(key, str) or SEPARATOR not in key or not isinstance(phrasings, list):
            raise HintsError(f"{HINTS_FILE}: {key!r} should be \"file › section\" with a list of phrasings.")
        source, section = (part.strip() for part in key.split(SEPARATOR, 1))
        clean = [" ".join(str(p).split())[:MAX_HINT_CHARS] for p in phrasings if str(p).strip()]
        out.setdefault(source, {})[section] = clean[:MAX_HINTS_PER_SECTION]
    return out


def fingerprint(hints: dict[str, list[str]] | None) -> str:
    """Part of a file's content hash, so editing its hints re-embeds that file."""
    return json.dumps(hints or {}, sort_keys=True, ensure_ascii=False)
