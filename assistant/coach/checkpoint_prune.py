"""Keep one checkpoint per conversation: the latest.

Each checkpoint holds the whole thread state (the transcript included), so keeping every
superseded one made a thread's storage grow with the square of its length (26.6 MB at 200
turns). Nothing reads old checkpoints (no time travel); the latest is the conversation.
Pruning runs after a turn is complete and stored, so "nothing acknowledged is lost" holds:
the message's own checkpoint is only removed once the answered state is written.

LangGraph's savers offer `delete_thread` but no pruning, so this speaks their tables'
SQL directly (schemas as of langgraph-checkpoint-sqlite 3.x / -postgres 3.x).
"""

from __future__ import annotations

import sqlite3
from typing import Any


def prune(saver: Any, thread_key: str) -> None:
    """Delete every checkpoint of the thread but the newest, with its writes (and, in
    Postgres, the channel blobs the newest no longer refers to)."""
    conn = getattr(saver, "conn", None)
    if isinstance(conn, sqlite3.Connection):
        with saver.lock:
            _prune_sqlite(conn, thread_key)
        return
    if conn is not None and _is_postgres(saver):
        if hasattr(conn, "connection"):  # a pool
            with conn.connection() as pg:
                _prune_postgres(pg, thread_key)
        else:
            _prune_postgres(conn, thread_key)


def _is_postgres(saver: Any) -> bool:
    try:
        from langgraph.checkpoint.postgres import PostgresSaver
    except ImportError:  # Postgres support not installed: the saver can't be one
        return False
    return isinstance(saver, PostgresSaver)


def _prune_sqlite(conn: sqlite3.Connection, thread: str) -> None:
    row = conn.execute("SELECT MAX(checkpoint_id) FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ''",
                       (thread,)).fetchone()
    if not row or row[0] is None:
        return
    latest = row[0]
    conn.execute("DELETE FROM writes WHERE thread_id = ? AND checkpoint_ns = '' AND checkpoint_id < ?",
                 (thread, latest))
    conn.execute("DELETE FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = '' AND checkpoint_id < ?",
                 (thread, latest))
    conn.commit()


def _prune_postgres(conn: Any, thread: str) -> None:
    with conn.cursor() as cur:
        cur.execute("SELECT MAX(checkpoint_id) FROM checkpoints WHERE thread_id = %s AND checkpoint_ns = ''",
                    (thread,))
        row = cur.fetchone()
        latest = (row.get("max") if isinstance(row, dict) else row[0]) if row else None
        if latest is None:
            return
        cur.execute("DELETE FROM checkpoint_writes WHERE thread_id = %s AND checkpoint_ns = '' AND checkpoint_id < %s",
                    (thread, latest))
        cur.execute("DELETE FROM checkpoints WHERE thread_id = %s AND checkpoint_ns = '' AND checkpoint_id < %s",
                    (thread, latest))
        # Channel values live in blobs, one per version; keep the versions the newest uses.
        cur.execute(
            "DELETE FROM checkpoint_blobs b WHERE b.thread_id = %s AND b.checkpoint_ns = '' AND NOT EXISTS ("
            " SELECT 1 FROM checkpoints c WHERE c.thread_id = b.thread_id AND c.checkpoint_ns = b.checkpoint_ns"
            " AND c.checkpoint -> 'channel_versions' ->> b.channel = b.version)",
            (thread,))
    if not getattr(conn, "autocommit", True):
        conn.commit()
