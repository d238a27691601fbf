"""The built-in coaching engine as a backend: it says the engine's move as drafted.

The engine's drafts are realised from templates and the protégé's own words, so they are
non-directive by construction; this backend adds nothing and cannot fail.
"""

from __future__ import annotations

from collections.abc import Iterator

from assistant.llm.base import PhraseRequest


class OfflineBackend:
    name = "offline"

    def phrase(self, request: PhraseRequest) -> Iterator[str]:
        yield request.draft
