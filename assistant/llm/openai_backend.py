"""Any OpenAI-compatible chat API (OpenAI, Azure, Ollama, vLLM, llama.cpp server) phrases
the engine's move. The engine has already decided what to do; the model only says it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from assistant.config import Settings
from assistant.llm.base import BackendError, ChatTurn, PhraseRequest
from assistant.prompts import render
from assistant.tokens import count_tokens, truncate_to_tokens

#: Guidance the model sees as background, for the program's words and tone: it may add no
#: fact the draft lacks, so a short excerpt serves as well as the whole passages.
GUIDANCE_CHARS = 500
#: Words of each slot the model sees: enough to know what the protégé means by it.
SLOT_WORDS = 15


def chat_model(settings: Settings, temperature: float, max_tokens: int, streaming: bool = False) -> Any:
    """A LangChain chat model for the configured OpenAI-compatible server; the coach, the
    LLM-judge coder and the simulated protégé all build theirs here."""
    from langchain_openai import ChatOpenAI

    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    extra: dict[str, Any] = {}
    if settings.openai_base_url:
        # ChatOpenAI sends the limit as `max_completion_tokens`, which several compatible
        # servers ignore; they honour the older `max_tokens`, so send that too.
        extra["max_tokens"] = max_tokens
    return ChatOpenAI(
        model=settings.model,
        api_key=key or "not-needed",  # type: ignore[arg-type]  # local servers need no key
        base_url=settings.openai_base_url,
        timeout=settings.request_timeout,
        max_retries=settings.max_retries,
        temperature=temperature,
        max_tokens=max_tokens,  # type: ignore[call-arg]
        streaming=streaming,
        extra_body=extra or None,
    )


class OpenAIBackend:
    name = "openai"

    def __init__(self, settings: Settings) -> None:
        try:
            import langchain_openai  # noqa: F401 - fail here, with an install hint, not mid-turn
        except ImportError:  # pragma: no cover - install problem
            raise BackendError("langchain-openai is not installed; run `make install`.") from None
        self.settings = settings
        self._chat = chat_model(settings, settings.temperature, settings.max_reply_tokens, streaming=True)

    def messages(self, request: PhraseRequest) -> list[tuple[str, str]]:
        guidance = "\n\n".join(f"[{p.label}]\n{p.text}" for p in request.passages)[:GUIDANCE_CHARS]
        system = render(self.settings.prompts_dir, "system", guidance=guidance or "(none)")
        slots = "\n".join(f"- {k}: {_first_words(v, SLOT_WORDS)}" for k, v in request.slots.items())
        instruction = render(
            self.settings.prompts_dir,
            "realize_move",
            message=request.message,
            stage=request.stage,
            move=request.move,
            slots=slots or "- (nothing yet)",
            summary=f"Earlier in this conversation: {request.summary}\n" if request.summary else "",
            draft=request.draft,
            correction=f"\nIMPORTANT: {request.correction}" if request.correction else "",
        )
        out: list[tuple[str, str]] = [("system", system)]
        # The turn chose which recent turns fit (coach.phrasing.HISTORY_BUDGET).
        out.extend(("human" if t.role == "user" else "ai", t.content) for t in request.history)
        out.append(("human", instruction))
        return out

    def summarize(self, previous: str, turns: list[ChatTurn], max_words: int = 120) -> str:
        """Fold older turns into the rolling summary; raises BackendError on failure."""

        text = "\n".join(f"{'Protégé' if t.role == 'user' else 'Coach'}: {t.content}" for t in turns)
        prompt = render(
            self.settings.prompts_dir, "summarize", max_words=max_words, previous=previous or "(none)", turns=text
        )
        try:
            reply = self._chat.invoke([("human", prompt)])
        except Exception as exc:  # a summary is optional: any failure falls back to the slots
            raise BackendError(f"summary failed: {type(exc).__name__}") from None
        return truncate_to_tokens(str(reply.content).strip(), max_words * 2)[0]

    def phrase(self, request: PhraseRequest) -> Iterator[str]:
        """Yield the reply as it streams. Any failure, of the server or of the stream itself
        (a plain JSON body where a stream was asked for, only ``[DONE]``, malformed events,
        a stream that stops before the model says it finished), is a BackendError: the
        turn then answers with the built-in coach instead of showing half a reply."""
        import openai

        said = ""
        finished = ""
        limit = self.settings.max_reply_tokens
        try:
            for chunk in self._chat.stream(self.messages(request)):
                finished = str((chunk.response_metadata or {}).get("finish_reason") or finished)
                text = chunk.content if isinstance(chunk.content, str) else ""
                if not text:
                    continue
                # Enforce the reply limit here too: some servers ignore every limit field.
                # Counted on the whole reply so far, because chunk boundaries split tokens.
                if count_tokens(said + text) > limit:
                    raise BackendError(f"the reply ran past {limit} tokens")
                said += text
                yield text
        except BackendError:
            raise
        except openai.APITimeoutError:
            raise BackendError(f"no answer within {self.settings.request_timeout:g} s") from None
        except openai.APIConnectionError:
            raise BackendError("could not connect to the model server") from None
        except openai.AuthenticationError:
            raise BackendError("the API key was refused") from None
        except openai.APIStatusError as exc:
            raise BackendError(f"the model server answered HTTP {exc.status_code}") from None
        except Exception as exc:  # the SDK and LangChain raise ValueError, JSONDecodeError... on bad streams
            raise BackendError(f"unreadable answer from the model server ({type(exc).__name__})") from None
        if not said.strip():
            raise BackendError("the model server sent an empty reply")
        if finished != "stop":
            # "length", "content_filter" or a stream that just stopped: the text is cut off.
            raise BackendError(f"the reply was cut off ({finished or 'stream ended early'})")


def _first_words(text: str, n: int) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")
