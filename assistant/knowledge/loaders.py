"""Read guidance files into Markdown-like text with headings, one loader per format.

Every loader returns `Page`s: text with `#` headings where the format has them, and a
page number for PDFs. Chunking then works the same for every format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SUPPORTED = {".md", ".markdown", ".txt", ".pdf", ".docx", ".html", ".htm"}
#: Data files that may sit beside the guidance (the question bank) and are not documents.
DATA_FILES = {".yaml", ".yml", ".csv", ".json", ".jsonl"}
MAX_BYTES = 20 * 1024 * 1024


class LoadError(ValueError):
    """This one file cannot be read; the message says why, for the staff member."""


@dataclass(frozen=True)
class Page:
    text: str
    page: int | None = None


def load(path: Path, notes: list[str] | None = None) -> list[Page]:
    """The file's text as pages; `notes` (if given) collects things staff should know."""
    notes = notes if notes is not None else []
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise LoadError(f"unsupported file type {suffix or '(none)'}; use one of {', '.join(sorted(SUPPORTED))}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(f"cannot read: {exc.strerror or exc}") from None
    if size == 0:
        raise LoadError("the file is empty")
    if size > MAX_BYTES:
        raise LoadError(f"the file is too large ({size // (1024 * 1024)} MB; the limit is 20 MB)")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read: {exc.strerror or exc}") from None
    if suffix == ".pdf":
        pages = _pdf(raw)
    elif suffix == ".docx":
        pages = [Page(_docx(path))]
    else:
        try:
            text = _decode(raw)
        except _Legacy as legacy:
            text = legacy.text
            notes.append(LEGACY_NOTE)
        if suffix == ".md":
            # "<!-- Program staff: edit the contacts below -->": a note for whoever edits the
            # file, never a passage shown to a protégé.
            text = _MD_COMMENT.sub("", text)
        pages = [Page(_html(text) if suffix in (".html", ".htm") else text)]
    if not any(p.text.strip() for p in pages):
        raise LoadError("no text found in the file")
    return pages


_MD_COMMENT = re.compile(r"<!--.*?-->", re.S)

#: Set by _decode when a file was not UTF-8 and was read as Windows-1252 instead.
LEGACY_NOTE = "not UTF-8; read as Windows-1252 (Latin-1)"


def _decode(raw: bytes) -> str:
    if b"\x00" in raw[:8192]:
        raise LoadError("looks like a binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Staff documents saved by older Windows and Office tools are usually Windows-1252,
    # a superset of Latin-1's printable range. Guessing among many encodings (as
    # charset detectors do) misreads short texts, so we take this one fixed, common
    # fallback and say so in the ingest report.
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    if sum(ch.isprintable() or ch.isspace() for ch in text) < 0.95 * len(text):
        raise LoadError("not UTF-8 text, and not readable as Windows-1252 either; save it as UTF-8")
    raise _Legacy(text)


class _Legacy(Exception):
    """Carries text decoded with the legacy fallback up to load(), which records a note."""

    def __init__(self, text: str) -> None:
        self.text = text


def _pdf(raw: bytes) -> list[Page]:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise LoadError("the PDF is password-protected")
        return [Page(page.extract_text() or "", i) for i, page in enumerate(reader.pages, 1)]
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise LoadError(f"not a readable PDF ({exc})") from None


def _docx(path: Path) -> str:
    import zipfile

    import docx

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise LoadError(f"not a readable Word document ({exc})") from None
    lines = []
    for para in document.paragraphs:
        text = para.text.strip()
        if not text:
            continue
        style = (para.style.name or "") if para.style is not None else ""
        level = _heading_level(style)
        lines.append(f"{'#' * level} {text}" if level else text)
    return "\n\n".join(lines)


def _heading_level(style: str) -> int:
    if style == "Title":
        return 1
    if style.startswith("Heading "):
        tail = style.removeprefix("Heading ").strip()
        return min(int(tail), 6) if tail.isdigit() else 0
    return 0


def _html(text: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(["script", "style", "nav", "footer", "header", "noscript"]):
        tag.decompose()
    lines = []
    for el in soup.find_all(["h1", "h2", "h3", "h4", "p", "li", "pre", "blockquote", "td"]):
        words = " ".join(el.get_text(" ").split())
        if not words:
            continue
        if el.name in ("h1", "h2", "h3", "h4"):
            lines.append(f"{'#' * int(el.name[1])} {words}")
        elif el.name == "li":
            lines.append(f"- {words}")
        else:
            lines.append(words)
    return "\n\n".join(lines) if lines else " ".join(soup.get_text(" ").split())
