"""Open the workspace database and bring its schema up to date with Alembic.

SQLite (a file in the data dir, WAL, foreign keys on) unless COACH_DATABASE_URL names a
Postgres server; then the same tables live beside the coach's thread checkpoints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError

from assistant.config import Settings, mask_url

MIGRATIONS = Path(__file__).with_name("migrations")


class StoreError(RuntimeError):
    """The workspace store cannot be opened or migrated; the message says what to do."""


def sqlalchemy_url(settings: Settings) -> str:
    url = settings.database_url or ""
    if url.startswith(("postgresql://", "postgres://")):
        # psycopg 3 is the driver we ship; SQLAlchemy's default name would look for psycopg2.
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if url:
        return url
    return f"sqlite:///{(Path(settings.data_dir) / 'workspace.sqlite').as_posix()}"


def open_engine(settings: Settings, migrate: bool = True) -> Engine:
    url = sqlalchemy_url(settings)
    if url.startswith("sqlite:///"):
        try:
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"Cannot create the data directory for {url}: {exc}") from None
    try:
        engine = create_engine(url, pool_pre_ping=True)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise StoreError(f"Cannot use the database URL {mask_url(url)}: {exc}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate:
        upgrade(engine)
    return engine


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # readers don't block the writer
    cur.execute("PRAGMA foreign_keys=ON")  # so deleting a user cascades
    cur.execute("PRAGMA busy_timeout=5000")
    # Deleted rows are overwritten, not left in free pages: `coach delete` must leave no trace.
    cur.execute("PRAGMA secure_delete=ON")
    cur.close()


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine) -> None:
    """Apply pending migrations; idempotent, and safe to call at every start."""
    try:
        command.upgrade(alembic_config(engine), "head")
    except SQLAlchemyError as exc:
        raise StoreError(f"Cannot open the workspace store at {mask_url(str(engine.url))}: {exc}") from None
