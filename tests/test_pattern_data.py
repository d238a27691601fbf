"""The rule patterns kept as data (assistant/data/*.yaml): every one the code names exists, every
one in a file is used, and a broken file is refused when read, with a message that says why."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant import data
from assistant.coding.cues import CUES, PATTERNS, CueFamilies
from assistant.data import Patterns

ROOT = Path(data.__file__).parents[1]
_HANDLE = re.compile(r'^(\w+) = Patterns\("([\w.]+)"\)', re.M)


def _uses(handle: str, source: str) -> set[str]:
    return set(re.findall(rf"\b{handle}\.(?!table\b)(\w+)\b", source)) | set(
        re.findall(rf"\b{handle}\.table\(['\"](\w+)['\"]\)", source))


def _pattern_files() -> list[tuple[Path, str, str]]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        for handle, name in _HANDLE.findall(path.read_text(encoding="utf-8")):
            found.append((path, handle, name))
    return found


def test_each_module_reads_its_own_pattern_file() -> None:
    names = [name for _, _, name in _pattern_files()]
    assert sorted(names) == sorted(set(names))
    assert {"support.yaml", "dialogue.yaml", "agenda_edits.yaml", "reply_checks.yaml", "coder_cues.yaml"} <= set(names)


@pytest.mark.parametrize(("path", "handle", "name"), _pattern_files(), ids=lambda v: getattr(v, "name", str(v)))
def test_every_pattern_named_in_code_exists_and_every_pattern_is_used(path: Path, handle: str, name: str) -> None:
    source = path.read_text(encoding="utf-8")
    used = _uses(handle, source) - {"names", "cue_lists", "name"}
    if name == "coder_cues.yaml":  # the coder reads them through the cues module's two handles
        coder = (ROOT / "coding" / "coder.py").read_text(encoding="utf-8")
        used = (_uses("PATTERNS", coder) | _uses("CUES", coder)) - {"names"}
        assert used <= PATTERNS.names(), used - PATTERNS.names()
        assert _uses("CUES", coder) <= CUES.names()
    available = Patterns(name).names()
    assert used - available == set(), f"{path.name} names patterns {name} does not have"
    assert available - used == set(), f"{name} has patterns nothing uses"


def test_the_pieces_of_a_pattern_are_joined_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "p.yaml").write_text(
        "greeting:\n  flags: i\n  pattern:\n    - '^(?:hi|'\n    - 'hello)\\b'\n"
        "found:\n  - code: key\n    pattern: 'sk-\\w+'\n"
        "family:\n  cues:\n    - '^why not\\b'\n    - ['\\bhave ', 'you tried\\b']\n",
        encoding="utf-8")
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    rx = Patterns("p.yaml")
    assert rx.greeting.pattern == r"^(?:hi|hello)\b" and rx.greeting.flags & re.I
    assert rx.greeting.match("HELLO there") and not rx.greeting.match("oh hello")
    assert [(code, p.pattern) for code, p in rx.table("found")] == [("key", r"sk-\w+")]
    assert rx.cue_lists() == {"family": (r"^why not\b", r"\bhave you tried\b")}
    assert CueFamilies(rx).family.search("Have you tried asking?")
    with pytest.raises(AttributeError, match="no pattern named 'greting'"):
        _ = rx.greting
    with pytest.raises(TypeError, match="'found' is not a Pattern"):
        _ = rx.found
    with pytest.raises(TypeError, match="'greeting' is not a tuple"):
        rx.table("greeting")


@pytest.mark.parametrize(("text", "message"), [
    ("yes:\n  pattern: 'y'\n", "quote the pattern names"),  # YAML reads a bare yes as True
    ("broken:\n  pattern: '(unclosed'\n", "the pattern 'broken' cannot be used: .*missing \\)"),
    ("family:\n  cues:\n    - '[a-'\n", "the pattern 'family' cannot be used"),
    ("table:\n  - pattern: 'no code'\n", "the pattern 'table' cannot be used"),
    ("odd:\n  flags: q\n  pattern: 'x'\n", "the pattern 'odd' cannot be used"),
])
def test_a_broken_pattern_file_is_refused_when_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str) -> None:
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    with pytest.raises(ValueError, match=message):
        Patterns("p.yaml")
