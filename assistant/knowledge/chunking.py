"""Heading-aware chunking: each chunk belongs to one section and knows its heading path."""

from __future__ import annotations

from dataclasses import dataclass

from langchain_text_splitters import MarkdownHeaderTextSplitter, RecursiveCharacterTextSplitter

from assistant.knowledge.loaders import Page

#: ~250 tokens: small enough to cite precisely, large enough to keep a section's point.
CHUNK_CHARS = 1100
OVERLAP_CHARS = 150
_HEADERS = [("#", "h1"), ("##", "h2"), ("###", "h3")]


@dataclass(frozen=True)
class Chunk:
    text: str
    title: str  # the document's H1, when it has one
    section: str  # "H2 > H3" heading path below the title ("" before the first heading)
    page: int | None
    index: int  # order within the document


def chunk_pages(pages: list[Page]) -> list[Chunk]:
    headers = MarkdownHeaderTextSplitter(_HEADERS, strip_headers=True)
    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_CHARS, chunk_overlap=OVERLAP_CHARS)
    chunks: list[Chunk] = []
    title = ""
    for page in pages:
        for doc in headers.split_text(page.text):
            meta = doc.metadata
            title = meta.get("h1", title)
            section = " > ".join(meta[k] for k in ("h2", "h3") if meta.get(k))
            if not section and meta.get("h1"):
                section = "Introduction"
            for piece in splitter.split_text(doc.page_content):
                if len(piece.strip()) < 20:  # a stray heading or rule, nothing to cite
                    continue
                chunks.append(Chunk(piece.strip(), title, section, page.page, len(chunks)))
    return chunks
