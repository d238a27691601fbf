"""The LLM-judge coder: the same codes as the offline coder, through the configured
OpenAI-compatible backend, with the rubric in prompts/code_utterance.md.

For programs that want a model's judgement (and can afford it). It answers the same
contract as the offline coder, so calibration and `coach eval code` treat both alike. When
the model fails or answers outside the code list, that utterance falls back to the
offline coder and says so in its cue: a coded file never has holes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from assistant.coding.coder import CODES, CodedUtterance, SentenceCode, code_utterance
from assistant.config import Settings
from assistant.prompts import render

DIRECTIVE = {"persuade", "confront"}
_JSON = re.compile(r"\{.*\}", re.S)


class LLMCoderError(RuntimeError):
    """The LLM coder cannot run (no backend configured); the message says what to set."""


class LLMCoder:
    def __init__(self, settings: Settings, workers: int = 4) -> None:
        if settings.effective_backend != "openai":
            raise LLMCoderError(
                "the llm coder needs a model: set OPENAI_API_KEY, or OPENAI_BASE_URL for a compatible server."
            )
        from assistant.llm.openai_backend import chat_model

        self.settings = settings
        self.workers = workers
        # Temperature 0: a judge should answer the same way twice.
        self._chat = chat_model(settings, temperature=0, max_tokens=120)

    def code(self, text: str, previous: str | None = None) -> CodedUtterance:
        prompt = render(self.settings.prompts_dir, "code_utterance", previous=previous or "", utterance=text)
        try:
            reply = str(self._chat.invoke([("human", prompt)]).content)
            found = _parse(reply)
        except Exception as exc:  # any transport or server failure: fall back, say why
            return _fallback(text, previous, f"model error ({type(exc).__name__})")
        if found is None:
            return _fallback(text, previous, "the model's answer was not one of the codes")
        code, subtype, cue = found
        sentence = SentenceCode(text, code, subtype, f"llm: {cue}" if cue else "llm")
        return CodedUtterance(text, code, code in DIRECTIVE, (sentence,))

    def code_many(self, items: Iterable[tuple[str, str | None]]) -> list[CodedUtterance]:
        """Several at once (in order); the model server sees a few requests in parallel."""
        batch = list(items)
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            return list(pool.map(lambda pair: self.code(*pair), batch))


def _parse(reply: str) -> tuple[str, str, str] | None:
    match = _JSON.search(reply)
    if not match:
        return None
    try:
        data: Any = json.loads(match.group(0))
    except json.JSONDecodeError:
        return None
    if not isinstance(data, dict):
        return None
    code = str(data.get("code", "")).strip().lower()
    if code not in CODES:
        return None
    subtype = str(data.get("subtype", "") or "")[:20] if code.startswith("persuade") else ""
    return code, subtype, str(data.get("cue", "") or "")[:120]


def _fallback(text: str, previous: str | None, why: str) -> CodedUtterance:
    offline = code_utterance(text, previous)
    codes = tuple(SentenceCode(c.text, c.code, c.subtype, f"offline fallback, {why}: {c.cue}") for c in offline.codes)
    return CodedUtterance(text, offline.code, offline.directive, codes)
