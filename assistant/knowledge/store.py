"""The vector store: Chroma, embedded in the data dir or a server at COACH_CHROMA_URL.

We always pass vectors explicitly (never Chroma's default embedding function, which
downloads a model). The collection records which embedding model built it; vectors from
two models are not comparable, so a mismatch is refused rather than silently mis-ranked.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlparse

from filelock import FileLock, Timeout

from assistant.config import Settings
from assistant.knowledge.embeddings import LOCAL_MODEL_ID, PREVIOUS_LOCAL_MODEL_IDS, embedding_model_id

log = logging.getLogger(__name__)

COLLECTION = "program-guidance"


class KnowledgeError(RuntimeError):
    """The guidance index cannot be used as asked; the message says what to do."""


def open_client(settings: Settings) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise KnowledgeError(f"COACH_CHROMA_URL {settings.chroma_url!r} is not an http(s) URL.")
        try:
            return chromadb.HttpClient(
                host=url.hostname,
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        except Exception as exc:  # connection refused, DNS, TLS: all "server not reachable"
            raise KnowledgeError(f"Cannot reach the Chroma server at {settings.chroma_url}: {exc}") from None
    path = settings.effective_chroma_path
    try:
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    except Exception as exc:  # permissions, a file where the folder should be, corrupt sqlite
        raise KnowledgeError(f"Cannot open the guidance index at {path}: {exc}") from None


def get_collection(client: Any, model_id: str, create: bool) -> Any | None:
    """The guidance collection, checked against the embedding model in use."""
    try:
        names = {c if isinstance(c, str) else c.name for c in client.list_collections()}
    except Exception as exc:
        raise KnowledgeError(f"The guidance index cannot be read: {exc}") from None
    if COLLECTION not in names:
        if not create:
            return None
        return client.create_collection(
            COLLECTION,
            embedding_function=None,
            metadata={"embedding_model": model_id},
            configuration={"hnsw": {"space": "cosine"}},
        )
    collection = client.get_collection(COLLECTION, embedding_function=None)
    built_with = (collection.metadata or {}).get("embedding_model", "unknown")
    if built_with != model_id and built_with in PREVIOUS_LOCAL_MODEL_IDS:
        raise KnowledgeError(
            "The guidance index was built with an earlier version of the local embedding model. "
            "Run `coach ingest --rebuild` once (then `coach ingest PATH` again for any other folders you had indexed)."
        )
    if built_with != model_id:
        raise KnowledgeError(
            f"The guidance index was built with the embedding model {built_with!r}, but the "
            f"settings use {model_id!r}. Run `coach ingest --rebuild` to re-embed with the new model."
        )
    return collection


def outdated_local_index(client: Any, model_id: str) -> set[str] | None:
    """The roots of an index built by an earlier release's local model, when the settings
    now use the current local model; None when there is no such index."""
    if model_id != LOCAL_MODEL_ID:
        return None
    try:
        collection = client.get_collection(COLLECTION, embedding_function=None)
    except Exception:  # absent: nothing outdated
        return None
    if (collection.metadata or {}).get("embedding_model") not in PREVIOUS_LOCAL_MODEL_IDS:
        return None
    got = collection.get(include=["metadatas"])
    return {str(m.get("root", "")) for m in got.get("metadatas") or [] if m}


def drop_collection(client: Any) -> None:
    try:
        client.delete_collection(COLLECTION)
    except Exception:  # absent already: nothing to drop
        log.debug("no collection to drop")


@contextmanager
def writer_lock(settings: Settings) -> Iterator[None]:
    """One writer per embedded index: a second `coach ingest` fails fast instead of racing.

    A Chroma server serialises writes itself, so no lock is taken there.
    """
    if settings.chroma_url:
        yield
        return
    path = settings.effective_chroma_path
    path.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path / ".writer.lock"), timeout=1)
    try:
        with lock:
            yield
    except Timeout:
        raise KnowledgeError(
            f"Another process is writing to the guidance index at {path}. Wait for it to finish "
            "(or stop it), then try again; one process at a time can update an embedded index."
        ) from None


def model_id(settings: Settings) -> str:
    return embedding_model_id(settings)
