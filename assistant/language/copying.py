"""How much of the protégé's own wording a reply repeats: the check that keeps reflections
from becoming echoes. Shared by the dialogue manager (which never sends a reply over the
limit) and the evaluation (which measures it on every reply)."""

from __future__ import annotations

import re
from collections.abc import Sequence

#: The longest run of the protégé's words a reply may repeat (their quoted words in the
#: agenda are theirs on purpose and are not counted).
MAX_COPIED_RUN = 8
_WORD = re.compile(r"[a-z0-9']+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def longest_copied_run(reply: str, said: Sequence[str]) -> tuple[int, str]:
    """(length, words) of the longest word sequence of the reply that appears in anything the
    protégé said. Quoted text (“…”) is not counted."""
    unquoted = re.sub(r"“[^”]*”", " | ", reply)
    r = _words(unquoted)
    best, run_words = 0, ""
    for s in said:
        w = _words(s)
        if not w:
            continue
        # Longest common substring by dynamic programming over words (messages are short).
        prev = [0] * (len(w) + 1)
        for i in range(1, len(r) + 1):
            cur = [0] * (len(w) + 1)
            for j in range(1, len(w) + 1):
                if r[i - 1] == w[j - 1]:
                    cur[j] = prev[j - 1] + 1
                    if cur[j] > best:
                        best, run_words = cur[j], " ".join(r[i - cur[j] : i])
            prev = cur
    return best, run_words
