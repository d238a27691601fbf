"""Wiring shared by the entry points (app.py, cli.py): build the service from settings."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from assistant.coach.service import CoachError, CoachService
from assistant.config import Settings
from assistant.llm.base import Backend
from assistant.llm.factory import make_backend
from assistant.records import Passage
from assistant.store.workspace import Workspace

if TYPE_CHECKING:
    from assistant.knowledge.retrieve import Retriever

log = logging.getLogger(__name__)


def directive_check(text: str) -> tuple[bool, list[str]]:
    """The runtime guard's question (is this reply directing?), answered by the utterance coder."""
    from assistant.coding.coder import code_utterance

    coded = code_utterance(text)
    return coded.pushes, list(coded.cues)


def make_search(settings: Settings) -> tuple[Retriever | None, str]:
    """A retriever over the program guidance, or None with the reason it is unavailable.

    The coach still works without one (it just cites nothing), so a missing index is a
    notice for the operator, not a failure for the protégé.
    """
    from assistant.knowledge.retrieve import Retriever
    from assistant.knowledge.store import KnowledgeError

    try:
        return Retriever(settings), ""
    except KnowledgeError as exc:
        return None, str(exc)


def open_workspace(settings: Settings) -> Workspace:
    """The workspace store, migrated to the current schema; a clear error if it can't open."""
    from assistant.store.db import StoreError, open_engine

    try:
        return Workspace(open_engine(settings))
    except StoreError as exc:
        raise CoachError(str(exc)) from None


def build_service(
    settings: Settings, backend: Backend | None = None, workspace: Workspace | bool | None = True
) -> CoachService:
    """The coach, wired. workspace=True opens the configured store; False runs without one
    (evaluation runs, whose threads must never mix with real protégés')."""
    if workspace is True:
        workspace = open_workspace(settings)
    retriever, problem = make_search(settings)
    if problem:
        log.warning("Guidance search unavailable: %s", problem)

    def search(query: str, k: int) -> list[Passage]:
        return retriever.search(query, k, strategy=settings.retrieval) if retriever is not None else []

    return CoachService(
        settings,
        backend=backend or make_backend(settings),
        search=search if retriever is not None else None,
        is_directive=directive_check,
        workspace=workspace or None,
    )
