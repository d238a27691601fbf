"""Any OpenAI-compatible chat API (OpenAI, Azure, Ollama, vLLM, llama.cpp server) phrases
the engine's move. The engine has already decided what to do; the model only says it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from assistant.config import Settings
from assistant.llm.base import BackendError, PhraseRequest
from assistant.prompts import render
from assistant.tokens import count_tokens, recent_that_fit, truncate_to_tokens

#: Token budget for the recent turns the model sees; older turns live on in the slots.
HISTORY_BUDGET = 1500
GUIDANCE_CHARS = 1800


class OpenAIBackend:
    name = "openai"

    def __init__(self, settings: Settings) -> None:
        try:
            from langchain_openai import ChatOpenAI
        except ImportError:  # pragma: no cover - install problem
            raise BackendError("langchain-openai is not installed; run `make install`.") from None
        self.settings = settings
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
        extra: dict[str, Any] = {}
        if settings.openai_base_url:
            # ChatOpenAI sends the limit as `max_completion_tokens`, which several compatible
            # servers ignore; they honour the older `max_tokens`, so send that too.
            extra["max_tokens"] = settings.max_reply_tokens
        self._chat = ChatOpenAI(
            model=settings.model,
            api_key=key or "not-needed",  # type: ignore[arg-type]  # local servers need no key
            base_url=settings.openai_base_url,
            timeout=settings.request_timeout,
            max_retries=settings.max_retries,
            temperature=settings.temperature,
            max_tokens=settings.max_reply_tokens,  # type: ignore[call-arg]
            streaming=True,
            extra_body=extra or None,
        )

    def messages(self, request: PhraseRequest) -> list[tuple[str, str]]:
        guidance = "\n\n".join(f"[{p.label}]\n{p.text}" for p in request.passages)[:GUIDANCE_CHARS]
        system = render(self.settings.prompts_dir, "system", guidance=guidance or "(none)")
        keep = recent_that_fit([t.content for t in request.history], HISTORY_BUDGET)
        recent = request.history[len(request.history) - keep :]
        slots = "\n".join(f"- {k}: {v}" for k, v in request.slots.items()) or "- (nothing yet)"
        instruction = render(
            self.settings.prompts_dir,
            "realize_move",
            message=request.message,
            stage=request.stage,
            move=request.move,
            slots=slots,
            summary=f"Earlier in this conversation: {request.summary}\n" if request.summary else "",
            draft=request.draft,
            correction=f"\nIMPORTANT: {request.correction}" if request.correction else "",
        )
        out: list[tuple[str, str]] = [("system", system)]
        out.extend(("human" if t.role == "user" else "ai", t.content) for t in recent)
        out.append(("human", instruction))
        return out

    def phrase(self, request: PhraseRequest) -> Iterator[str]:
        import openai

        said = ""
        limit = self.settings.max_reply_tokens
        try:
            for chunk in self._chat.stream(self.messages(request)):
                text = chunk.content if isinstance(chunk.content, str) else ""
                if not text:
                    continue
                # Enforce the reply limit here too: some servers ignore every limit field.
                # Counted on the whole reply so far, because chunk boundaries split tokens.
                if count_tokens(said + text) > limit:
                    kept = truncate_to_tokens(said + text, limit)[0]
                    yield kept[len(said) :]
                    return
                said += text
                yield text
        except openai.APITimeoutError:
            raise BackendError(f"no answer within {self.settings.request_timeout:g} s") from None
        except openai.APIConnectionError:
            raise BackendError("could not connect to the model server") from None
        except openai.AuthenticationError:
            raise BackendError("the API key was refused") from None
        except openai.APIStatusError as exc:
            raise BackendError(f"the model server answered HTTP {exc.status_code}") from None
        except openai.OpenAIError as exc:
            raise BackendError(f"model error: {type(exc).__name__}") from None
