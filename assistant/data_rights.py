"""`coach export` and `coach delete`: everything held about a person, and its hard deletion.

The workspace rows, the conversations in the coach's checkpointer, and files written for
them (agenda downloads) are all covered; SQLite files are compacted afterwards so no
deleted page still holds their words.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text

from assistant.coach.service import CoachService
from assistant.config import Settings
from assistant.store.workspace import Workspace


def exports_dir(settings: Settings, user: str) -> Path:
    """Where the UI writes a user's agenda downloads; removed with the user."""
    return Path(settings.data_dir) / "exports" / user


def export_user(service: CoachService, workspace: Workspace, name: str) -> dict[str, Any]:
    data = workspace.export_user(name)
    data["conversations"] = {
        t["id"]: [{"role": m.role, "content": m.content} for m in service.history(name, t["id"])]
        for t in data["threads"]
    }
    return data


@dataclass(frozen=True)
class Deletion:
    user: str
    threads: int
    files: int


def delete_user(service: CoachService, workspace: Workspace, settings: Settings, name: str) -> Deletion:
    threads = workspace.delete_user(name)
    service.forget(name, threads)
    # Their downloads (ours and Gradio's cached copies) go now; sign-ins end within 30 s
    # (web_guard.SessionTokens sees the user gone).
    from assistant.ui.downloads import purge_owner

    files = purge_owner(settings, name)
    folder = exports_dir(settings, name)  # where exports lived before downloads.py
    if folder.exists():
        files += sum(1 for p in folder.rglob("*") if p.is_file())
        shutil.rmtree(folder)
    compact(workspace)
    return Deletion(name, len(threads), files)


#: Tables that held a deleted person's words: the workspace's and the coach's checkpoints.
_WORDS_TABLES = (
    "users", "threads", "goals", "commitments", "log_entries", "agendas", "shares", "flags",
    "checkpoints", "checkpoint_blobs", "checkpoint_writes",
)


def compact(workspace: Workspace) -> None:
    """SQLite keeps deleted rows in the WAL and free pages until compacted, so it is
    compacted. On PostgreSQL a plain VACUUM (which does not lock out the app) removes the
    dead rows from the tables' pages; only VACUUM FULL rewrites the files, and that locks
    every chat, so the README leaves it to the operator's quiet hour."""
    engine = workspace.engine
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            conn.execute(text("VACUUM"))
        elif engine.dialect.name == "postgresql":
            present = [t for t in _WORDS_TABLES if conn.execute(text("SELECT to_regclass(:t)"), {"t": t}).scalar()]
            if present:
                conn.execute(text(f"VACUUM {', '.join(present)}"))  # names from the fixed list above
