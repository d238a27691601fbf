"""Text from people and models, made safe to show in Markdown views.

Gradio renders chat messages and panels as Markdown (with HTML sanitised, but headings,
images and links kept). A protégé's words must show exactly as typed, never as a big
heading or a clickable link, and nothing anyone types (or a model writes) may make the
browser fetch a remote image or follow a link. The Content-Security-Policy (web_guard)
stops remote fetches too; this keeps the text itself inert.
"""

from __future__ import annotations

import re

#: Characters that format anywhere, and line starts that make headings, quotes and lists.
_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
_MD_LINE_START = re.compile(r"^(\s*)(#|>|&gt;|[-+]|\d+[.)])", re.M)
_IMAGE = re.compile(r"!\[([^\]]*)\]\s*\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\s*\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\s*\[[^\]]*\]")
_SCHEME = re.compile(r"\b(https?|ftp|file|javascript|vbscript|data|mailto)\s*:", re.I)
_WWW = re.compile(r"\bwww\.", re.I)


def _no_tags(text: str) -> str:
    # Only the angle brackets: "&" stays readable ("Q&A"), and an entity typed as text
    # ("&lt;h1&gt;") renders as text, never as a tag.
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _inert_urls(text: str) -> str:
    # An entity for the colon or dot keeps the text readable but not auto-linked.
    return _WWW.sub("www&#46;", _SCHEME.sub(lambda m: f"{m.group(1)}&#58;", text))


def plain(text: str) -> str:
    """Show exactly what was typed: no HTML, no Markdown, no links."""
    escaped = _MD_INLINE.sub(r"\\\1", _no_tags(text))
    escaped = _MD_LINE_START.sub(_escape_line_start, escaped)
    return _inert_urls(escaped)


def _escape_line_start(m: re.Match[str]) -> str:
    mark = m.group(2)
    if mark[0].isdigit():  # "1." starts a list; "1\." does not
        return m.group(1) + mark[:-1] + "\\" + mark[-1]
    return m.group(1) + "\\" + mark


def safe_markdown(text: str) -> str:
    """Keep simple emphasis and lists (the coach's own formatting), drop what can fetch or
    navigate: raw HTML is shown as text, images become their alt text, links their label."""
    text = _no_tags(text)
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _REF_LINK.sub(lambda m: m.group(1), text)
    return _inert_urls(text)
