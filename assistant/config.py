"""Settings: one object, built once by an entry point and passed down.

Precedence, highest first: explicit overrides given by the entry point (CLI flags),
process environment, the `.env` file in the working directory, the defaults below.
Every variable is prefixed `COACH_`; the OpenAI key and base URL also accept the
standard `OPENAI_API_KEY` / `OPENAI_BASE_URL` names so existing setups just work.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.choices import one_of

#: The repository root when running from a checkout (editable install).
PROJECT_ROOT = Path(__file__).resolve().parents[1]

BACKENDS = ("offline", "openai")
RETRIEVAL_STRATEGIES = ("mmr", "vector", "hybrid")
AUTH_MODES = ("none", "password", "header")


class SettingsError(ValueError):
    """Settings that cannot be used; the message is meant for the person at the keyboard."""


def _one_of(value: str, choices: tuple[str, ...], what: str) -> str:
    """A setting with a fixed set of values, read case-insensitively; anything else is refused
    with the choices named (a pydantic Literal would refuse "OpenAI" and word it less plainly)."""
    return one_of(value.strip().lower(), choices, what)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="COACH_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    backend: str | None = Field(
        default=None,
        description="offline (built-in coaching engine) or openai (any OpenAI-compatible API). "
        "Default: openai when a key or base URL is set, else offline.",
    )
    model: str = Field(default="gpt-4o-mini", description="Chat model name for the openai backend.")
    openai_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("COACH_OPENAI_API_KEY", "OPENAI_API_KEY", "openai_api_key"),
    )
    openai_base_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices(
            "COACH_OPENAI_BASE_URL", "OPENAI_BASE_URL", "openai_base_url"
        ),
        description="OpenAI-compatible endpoint: Azure, Ollama, vLLM, llama.cpp server...",
    )
    request_timeout: float = Field(default=15.0, gt=0, description="Seconds per LLM request.")
    max_retries: int = Field(default=1, ge=0, le=10)
    turn_deadline: float = Field(
        default=20.0, gt=0, le=300,
        description="Seconds a turn may wait for the language model in total (reply, retry and summary); "
        "past it the built-in coach answers, with a notice.",
    )
    max_reply_tokens: int = Field(default=350, ge=16, le=4096)
    temperature: float = Field(default=0.4, ge=0, le=2)

    data_dir: Path = Field(default=Path("data"), description="Where threads and the index live.")
    knowledge_dir: Path = Field(default=PROJECT_ROOT / "knowledge")
    prompts_dir: Path = Field(default=PROJECT_ROOT / "prompts")
    chroma_path: Path | None = Field(default=None, description="Embedded Chroma directory.")
    chroma_url: str | None = Field(default=None, description="Chroma server URL (scale-out).")
    database_url: str | None = Field(default=None, description="Thread store; SQLite by default.")
    embedding_model: str = Field(
        default="local",
        description="local (bundled all-MiniLM-L6-v2) or openai:<model> e.g. openai:text-embedding-3-small",
    )
    top_k: int = Field(default=4, ge=1, le=20)
    retrieval: str = Field(
        default="hybrid",
        description="hybrid (similarity plus keyword evidence; measures best), mmr (similarity with "
        "diversity) or vector.",
    )
    max_message_tokens: int = Field(
        default=1500, ge=50, description="Longer protégé messages are cut to this many tokens."
    )
    auth: str = Field(
        default="none",
        description="none (one local protégé, for a laptop), password (logins checked against the users "
        "table) or header (a trusted SSO proxy sets the user name in sso_header).",
    )
    sso_header: str = Field(default="X-Forwarded-User", description="Header holding the user name when auth=header.")
    sso_allow: str = Field(
        default="",
        description="auth=header: who may get an account on first sight; a comma list of names and "
        "@domain entries (e.g. 'ana, @example.org'). Empty: anyone the proxy vouches for.",
    )
    session_hours: float = Field(
        default=12.0, gt=0, le=24 * 30, description="auth=password: a sign-in lasts this long."
    )
    local_user: str = Field(default="local", description="The protégé everything belongs to when auth=none.")
    timezone: str = Field(default="UTC", description="The program's time zone, for meeting times (e.g. Europe/Berlin).")
    host: str = "127.0.0.1"
    port: int = Field(default=7860, ge=0, le=65535)

    @field_validator("backend")
    @classmethod
    def _known_backend(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        return _one_of(value, BACKENDS, "backend")

    @field_validator("auth")
    @classmethod
    def _known_auth(cls, value: str) -> str:
        return _one_of(value, AUTH_MODES, "auth")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}; use a name like Europe/Berlin or UTC") from None
        return value

    @field_validator("retrieval")
    @classmethod
    def _known_retrieval(cls, value: str) -> str:
        return _one_of(value, RETRIEVAL_STRATEGIES, "retrieval")

    # Derived values: computed, never stored twice.
    @property
    def effective_backend(self) -> str:
        if self.backend:
            return self.backend
        return "openai" if (self.openai_api_key or self.openai_base_url) else "offline"

    @property
    def effective_chroma_path(self) -> Path:
        return self.chroma_path or self.data_dir / "chroma"

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'workspace.sqlite').as_posix()}"

    def masked(self) -> dict[str, Any]:
        """Effective settings for display; secrets show only their last four characters."""
        out: dict[str, Any] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, SecretStr):
                secret = value.get_secret_value()
                value = "****" + secret[-4:] if len(secret) > 8 else "****"
            elif isinstance(value, Path):
                value = str(value)
            out[name] = value
        out["backend"] = self.effective_backend
        out["chroma_path"] = str(self.effective_chroma_path)
        out["database_url"] = mask_url(self.effective_database_url)
        if self.chroma_url:
            out["chroma_url"] = mask_url(self.chroma_url)
        return out


def mask_url(url: str) -> str:
    """Hide a password embedded in a URL (postgresql://user:secret@host/db)."""
    if "://" not in url or "@" not in url:
        return url
    scheme, rest = url.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}:****@{host}"


def load_settings(**overrides: Any) -> Settings:
    """Build the settings once; raise SettingsError with a readable message on bad values."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**clean)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"]) or "settings"
            msg = err["msg"].removeprefix("Value error, ")
            problems.append(f"{where}: {msg}")
        raise SettingsError("Invalid settings: " + "; ".join(problems)) from None
