"""Index guidance files: only changed files are re-embedded, deleted ones are removed.

Each chunk carries the hash of its file, so a re-run compares hashes and skips what is
unchanged. A file that cannot be read is reported and skipped; the batch goes on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from assistant.config import Settings
from assistant.knowledge.chunking import Chunk, chunk_pages
from assistant.knowledge.embeddings import EmbeddingError, make_embedder
from assistant.knowledge.hints import HINTS_FILE, Hints, HintsError, fingerprint, load_hints
from assistant.knowledge.loaders import DATA_FILES, LoadError, load
from assistant.knowledge.store import (
    KnowledgeError,
    drop_collection,
    get_collection,
    model_id,
    open_client,
    outdated_local_index,
    writer_lock,
)

#: Root label of the shipped/default guidance folder, so moving the checkout keeps the index.
DEFAULT_ROOT = "guidance"


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    chunks: int = 0
    hints: int = 0

    def summary(self) -> str:
        parts = [
            f"{len(self.added)} added",
            f"{len(self.updated)} updated",
            f"{len(self.unchanged)} unchanged",
            f"{len(self.removed)} removed",
            f"{len(self.failures)} failed",
        ]
        hinted = f" and {self.hints} search hints" if self.hints else ""
        return f"Indexed guidance: {', '.join(parts)} ({self.chunks} passages{hinted} embedded)."


@dataclass(frozen=True)
class SourceFile:
    path: Path
    source: str  # the name shown in citations (relative to its root)
    root: str


def collect(paths: Iterable[Path], settings: Settings) -> tuple[list[SourceFile], list[tuple[str, str]]]:
    """Files to index, plus problems with the paths themselves (missing, unreadable)."""
    files: list[SourceFile] = []
    problems: list[tuple[str, str]] = []
    default = settings.knowledge_dir.resolve()
    for given in paths:
        path = given.expanduser()
        if not path.exists():
            problems.append((str(given), "no such file or folder"))
            continue
        resolved = path.resolve()
        if resolved.is_dir():
            root = DEFAULT_ROOT if resolved == default else str(resolved)
            try:
                found = sorted(p for p in resolved.rglob("*") if p.is_file())
            except OSError as exc:
                problems.append((str(given), f"cannot list the folder: {exc.strerror or exc}"))
                continue
            for p in found:
                rel = p.relative_to(resolved)
                if any(part.startswith(".") for part in rel.parts) or p.suffix.lower() in DATA_FILES:
                    continue  # hidden files and the question bank are not guidance documents
                files.append(SourceFile(p, rel.as_posix(), root))
        else:
            parent = resolved.parent
            root = DEFAULT_ROOT if parent == default else str(parent)
            files.append(SourceFile(resolved, resolved.name, root))
    return files, problems


def _file_hash(path: Path, hints: dict[str, list[str]] | None = None) -> str:
    digest = hashlib.sha256(path.read_bytes())
    if hints:
        digest.update(fingerprint(hints).encode())
    return digest.hexdigest()


def _root_dir(item: SourceFile) -> Path:
    return item.path.parents[len(Path(item.source).parts) - 1]


class _HintBook:
    """Search hints per guidance folder, read once per run; a bad file is reported once."""

    def __init__(self, report: IngestReport | None = None) -> None:
        self._by_dir: dict[Path, Hints] = {}
        self._report = report

    def for_file(self, item: SourceFile) -> dict[str, list[str]]:
        folder = _root_dir(item)
        if folder not in self._by_dir:
            try:
                self._by_dir[folder] = load_hints(folder)
            except HintsError as exc:
                self._by_dir[folder] = {}
                if self._report is not None:
                    self._report.failures.append((HINTS_FILE, str(exc)))
        return self._by_dir[folder].get(item.source, {})


def _indexed(collection: Any) -> dict[tuple[str, str], str]:
    """(root, source) -> file hash, for everything in the collection."""
    got = collection.get(include=["metadatas"])
    out: dict[tuple[str, str], str] = {}
    for meta in got.get("metadatas") or []:
        if meta:
            out[(str(meta.get("root", "")), str(meta["source"]))] = str(meta.get("file_hash", ""))
    return out


def ingest(
    settings: Settings,
    paths: list[Path] | None = None,
    *,
    rebuild: bool = False,
    progress: bool = True,
) -> IngestReport:
    roots = paths or [settings.knowledge_dir]
    if not paths and not settings.knowledge_dir.is_dir():
        raise KnowledgeError(
            f"The knowledge folder {settings.knowledge_dir} does not exist or is not a folder; "
            "set COACH_KNOWLEDGE_DIR or pass files to ingest."
        )
    report = IngestReport()
    files, report.failures = collect(roots, settings)
    try:
        embedder = make_embedder(settings)
    except EmbeddingError as exc:
        raise KnowledgeError(str(exc)) from None
    with writer_lock(settings):
        client = open_client(settings)
        if rebuild:
            drop_collection(client)
        collection = get_collection(client, model_id(settings), create=True)
        assert collection is not None  # create=True always returns one
        indexed = _indexed(collection)
        book = _HintBook(report)
        bar = tqdm(files, desc="Indexing", unit="file", disable=not progress or not files)
        for item in bar:
            bar.set_postfix_str(item.source[-40:], refresh=False)
            _ingest_file(collection, embedder, item, indexed, report, book.for_file(item))
        # Removals: files once indexed under a root we just walked, and now gone from it.
        walked = {f.root for f in files} | {
            DEFAULT_ROOT if p.resolve() == settings.knowledge_dir.resolve() else str(p.resolve())
            for p in roots
            if p.is_dir()
        }
        present = {(f.root, f.source) for f in files}
        for root, source in sorted(indexed):
            if root in walked and (root, source) not in present and _was_walked_dir(root, roots, settings):
                collection.delete(where={"$and": [{"root": root}, {"source": source}]})
                report.removed.append(source)
    return report


def _was_walked_dir(root: str, roots: list[Path], settings: Settings) -> bool:
    """Only a folder walk can tell that a file was deleted; naming single files cannot."""
    for p in roots:
        if not p.is_dir():
            continue
        resolved = p.resolve()
        if root == (DEFAULT_ROOT if resolved == settings.knowledge_dir.resolve() else str(resolved)):
            return True
    return False


def _ingest_file(
    collection: Any,
    embedder: Any,
    item: SourceFile,
    indexed: dict[tuple[str, str], str],
    report: IngestReport,
    hints: dict[str, list[str]],
) -> None:
    key = (item.root, item.source)
    try:
        digest = _file_hash(item.path, hints)
        if indexed.get(key) == digest:
            report.unchanged.append(item.source)
            return
        notes: list[str] = []
        chunks = chunk_pages(load(item.path, notes))
        report.notes.extend((item.source, note) for note in notes)
        if not chunks:
            raise LoadError("no text long enough to index")
        # A hint points at the first passage of its section; hints for a section the
        # file no longer has are reported, not silently dropped.
        first: dict[str, Chunk] = {}
        for c in chunks:
            first.setdefault(c.section, c)
        hinted = [(first[section], h) for section, phrasings in hints.items() if section in first for h in phrasings]
        for section in hints:
            if section not in first:
                report.notes.append((item.source, f"{HINTS_FILE} names a section it does not have: {section!r}"))
        texts = [_embed_text(c.title, c.section, c.text) for c in chunks] + [h for _, h in hinted]
        vectors = embedder.embed(texts)
    except (LoadError, EmbeddingError) as exc:
        report.failures.append((item.source, str(exc)))
        return
    except OSError as exc:
        report.failures.append((item.source, f"cannot read: {exc.strerror or exc}"))
        return
    # Replace, never mix: drop the old chunks of this file before adding the new ones.
    collection.delete(where={"$and": [{"root": item.root}, {"source": item.source}]})
    ids = [f"{hashlib.sha1(f'{item.root}|{item.source}'.encode()).hexdigest()[:16]}-{c.index}" for c in chunks]
    metadatas: list[dict[str, Any]] = [
        {
            "root": item.root,
            "source": item.source,
            "title": c.title,
            "section": c.section,
            "page": c.page or 0,  # Chroma metadata cannot hold None; 0 means "no page"
            "file_hash": digest,
            "chunk": c.index,
        }
        for c in chunks
    ]
    documents = [c.text for c in chunks]
    for n, (c, _hint) in enumerate(hinted):
        ids.append(f"{ids[c.index]}-hint{n}")
        metadatas.append({**metadatas[c.index], "hint": 1})
        documents.append(c.text)  # a hint found returns its section's passage
    collection.add(ids=ids, embeddings=vectors, documents=documents, metadatas=metadatas)
    (report.updated if key in indexed else report.added).append(item.source)
    report.chunks += len(chunks)
    report.hints += len(hinted)


def _embed_text(title: str, section: str, text: str) -> str:
    """Headings go into the embedded text: "Who schedules meetings" is often the best clue."""
    head = " > ".join(x for x in (title, section) if x and x != "Introduction")
    return f"{head}\n{text}" if head else text


def ensure_index(settings: Settings) -> IngestReport | None:
    """Index the default guidance when anything changed; None when it was up to date."""
    if not settings.knowledge_dir.is_dir():
        raise KnowledgeError(
            f"The knowledge folder {settings.knowledge_dir} does not exist or is not a folder; "
            "set COACH_KNOWLEDGE_DIR to your program's guidance."
        )
    files, _ = collect([settings.knowledge_dir], settings)
    client = open_client(settings)
    outdated = outdated_local_index(client, model_id(settings))
    if outdated is not None and outdated <= {DEFAULT_ROOT}:
        # Only the shipped guidance was indexed, so rebuilding loses nothing: do it rather
        # than stop `make run` after an upgrade changed the local model.
        report = ingest(settings, None, rebuild=True, progress=True)
        report.notes.insert(0, ("index", "rebuilt: the local embedding model changed with this release"))
        return report
    collection = get_collection(client, model_id(settings), create=False)
    if collection is not None:
        indexed = {k: v for k, v in _indexed(collection).items() if k[0] == DEFAULT_ROOT}
        book = _HintBook()
        current = {(f.root, f.source): _file_hash(f.path, book.for_file(f)) for f in files}
        if indexed == current:
            return None
    return ingest(settings, None, progress=True)
