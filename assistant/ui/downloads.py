"""Files the app hands to a browser (agenda and question exports): written where they can
be cleaned up, named so only their owner can fetch them, and gone within ten minutes.

Gradio copies a returned file into its cache and serves it at a URL; web_guard serves a
cached file only to the person whose owner tag is in its name. Our own copies live
under data_dir/downloads and are removed once they are ten minutes old; Gradio's copies
are removed by its cache sweep (delete_cache in ui/app.py) on the same schedule, and at
once for a deleted user (purge_owner).
"""

from __future__ import annotations

import os
import tempfile
import time
from functools import lru_cache
from pathlib import Path

from assistant.config import Settings
from assistant.ui.web_guard import new_secret, owner_tag

#: Seconds a download stays on disk (ours and Gradio's copy); the README promises ten minutes.
TTL = 600


@lru_cache(maxsize=8)
def server_secret(data_dir: Path) -> bytes:
    """The server's key for device cookies and download owner tags; kept in the data dir
    so a restart keeps trusted browsers trusted and download links owned."""
    path = Path(data_dir) / ".web-secret"
    try:
        data = path.read_bytes()
        if len(data) >= 32:
            return data
    except OSError:
        pass
    data = new_secret()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    return data


def folder(settings: Settings) -> Path:
    return Path(settings.data_dir) / "downloads"


def write(settings: Settings, owner: str, filename: str, text: str) -> str:
    """Write one download for `owner` (replacing their previous file of that name); returns
    its path. Downloads older than TTL are swept first."""
    purge_old(settings)
    stem, _, ext = filename.rpartition(".")
    tag = owner_tag(server_secret(Path(settings.data_dir)), owner)
    where = folder(settings) / tag
    where.mkdir(parents=True, exist_ok=True)
    path = where / f"{stem}-u{tag}.{ext}"
    path.write_text(text, encoding="utf-8")
    return str(path)


def purge_old(settings: Settings, now: float | None = None) -> int:
    """Remove our download files older than TTL; returns how many went."""
    root = folder(settings)
    if not root.is_dir():
        return 0
    cutoff = (now or time.time()) - TTL
    gone = 0
    for path in root.rglob("*"):
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                gone += 1
        except OSError:
            continue
    return gone


def gradio_cache() -> Path:
    return Path(os.environ.get("GRADIO_TEMP_DIR") or Path(tempfile.gettempdir()) / "gradio")


def purge_owner(settings: Settings, owner: str) -> int:
    """Remove every download of `owner`, ours and Gradio's cached copies, now."""
    tag = f"-u{owner_tag(server_secret(Path(settings.data_dir)), owner)}."
    gone = 0
    for root in (folder(settings), gradio_cache()):
        if not root.is_dir():
            continue
        for path in root.rglob(f"*{tag}*"):
            try:
                path.unlink()
                gone += 1
            except OSError:
                continue
    return gone
