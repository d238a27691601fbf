"""Files the app hands to a browser (agenda and question exports): written where they can
be cleaned up, recorded as their owner's, and gone within ten minutes.

Gradio copies a returned file into its cache, in a folder named by a hash of the content,
and serves it at a URL; web_guard serves such a folder only to the people recorded as
its owners here. Our own copies live under data_dir/downloads and are removed once they
are ten minutes old; Gradio's copies are removed by its cache sweep (delete_cache in
ui/app.py) on the same schedule, and at once for a deleted user (purge_owner).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
import uuid
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


def _owner_dir(settings: Settings, owner: str) -> Path:
    return folder(settings) / owner_tag(server_secret(Path(settings.data_dir)), owner)


def write(settings: Settings, owner: str, filename: str, text: str) -> str:
    """Write one download for `owner`; returns its path. Gradio will serve a copy from its
    cache under a folder named by the content's hash: that hash is recorded as the
    owner's (a marker file), so web_guard serves it to them alone and `purge_owner` can
    find it from another process. Downloads older than TTL are swept first."""
    from gradio.processing_utils import hash_file

    purge_old(settings)
    mine = _owner_dir(settings, owner)
    where = mine / "files" / uuid.uuid4().hex[:16]
    where.mkdir(parents=True, exist_ok=True)
    path = where / filename
    path.write_text(text, encoding="utf-8")
    (mine / "hashes").mkdir(exist_ok=True)
    (mine / "hashes" / hash_file(path)).touch()
    return str(path)


def owners_of(settings: Settings, cache_hash: str) -> set[str]:
    """The owner tags of a Gradio cache folder (empty: not a download of ours)."""
    if not re.fullmatch(r"[0-9a-f]{64}", cache_hash):
        return set()
    return {marker.parent.parent.name for marker in folder(settings).glob(f"*/hashes/{cache_hash}")}


def purge_old(settings: Settings, now: float | None = None) -> int:
    """Remove our download files and markers older than TTL; returns how many went."""
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
    """Remove every download of `owner` now: ours, and Gradio's cached copies."""
    mine = _owner_dir(settings, owner)
    if not mine.is_dir():
        return 0
    gone = 0
    for marker in (mine / "hashes").glob("*"):
        cached = gradio_cache() / marker.name
        if cached.is_dir():
            gone += sum(1 for p in cached.iterdir() if p.is_file())
            shutil.rmtree(cached, ignore_errors=True)
    gone += sum(1 for p in (mine / "files").rglob("*") if p.is_file())
    shutil.rmtree(mine, ignore_errors=True)
    return gone
