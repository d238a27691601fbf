"""Pick the backend the settings name; heavy imports happen only for the one chosen."""

from __future__ import annotations

from assistant.config import Settings
from assistant.llm.base import Backend


def make_backend(settings: Settings) -> Backend:
    name = settings.effective_backend
    if name == "openai":
        from assistant.llm.openai_backend import OpenAIBackend

        return OpenAIBackend(settings)
    from assistant.llm.offline import OfflineBackend

    return OfflineBackend()


def describe_backend(settings: Settings) -> str:
    """One line for people: which backend answers, and with what."""
    if settings.effective_backend == "openai":
        where = settings.openai_base_url or "api.openai.com"
        return f"openai · {settings.model} @ {where}"
    return "offline (built-in coaching engine)"
