"""An LLM-simulated protégé for the persona suite, when a backend is configured.

Scripted turns test exactly what we wrote; a simulated protégé reacts to what the coach
actually said, so it finds the conversations we did not think to script. The persona
gives the character (title, description, its scripted lines as style examples); the
first message is the persona's own, so each run starts from the same place.
"""

from __future__ import annotations

from assistant.config import Settings
from assistant.prompts import render
from eval.personas import Persona


class SimulationError(RuntimeError):
    """The simulated protégé cannot run (no model); the message says what to set."""


class SimulatedProtege:
    def __init__(self, settings: Settings) -> None:
        if not (settings.openai_api_key or settings.openai_base_url):
            raise SimulationError(
                "the simulated protégé needs a model: set OPENAI_API_KEY, or OPENAI_BASE_URL for a compatible server."
            )
        from assistant.llm.openai_backend import chat_model

        self.settings = settings
        # People vary: a warmer temperature lets the model vary the protégé's words.
        self._chat = chat_model(settings, temperature=0.8, max_tokens=120)

    def next_message(self, persona: Persona, transcript: list[tuple[str, str]]) -> str:
        """The protégé's next line; their first line is the persona's own."""
        if not transcript:
            return persona.turns[0]
        lines = "\n".join(f"{'Coach' if role == 'assistant' else 'You'}: {text}" for role, text in transcript[-12:])
        prompt = render(
            self.settings.prompts_dir,
            "simulate_protege",
            title=persona.title,
            description=persona.description,
            examples="\n".join(f"- {t}" for t in persona.turns[:4]),
            transcript=lines,
        )
        reply = str(self._chat.invoke([("human", prompt)]).content).strip()
        # A model that starts writing both sides is cut at the coach's line.
        return reply.split("\nCoach:")[0].removeprefix("You:").strip() or "I'm not sure."
