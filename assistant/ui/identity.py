"""Who is at the keyboard: the local protégé, a Gradio login, or a trusted proxy's header.

Every handler asks here, per request; nothing a browser sends in a form field can choose
the user, so one person can never act as another by editing the page.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from assistant.config import Settings
from assistant.store import people
from assistant.store.people import AccessDenied, StoreInputError
from assistant.store.records import UserRecord
from assistant.store.workspace import Workspace

log = logging.getLogger(__name__)


def current_user(request: Any, settings: Settings, workspace: Workspace) -> UserRecord:
    """The signed-in person. Refusals say what the person can do, never how an operator
    would fix it (no command lines, no hint about which names exist)."""
    try:
        if settings.auth == "none":
            return workspace.ensure_user(settings.local_user, "protege")
        if settings.auth == "password":
            name = getattr(request, "username", None)
            if not name:
                raise AccessDenied("Please sign in.")
            return workspace.user(name)
        headers = getattr(request, "headers", None) or {}
        name = headers.get(settings.sso_header.lower()) or headers.get(settings.sso_header)
        if not name:
            raise AccessDenied(f"No {settings.sso_header} header: this app expects to sit behind your sign-in proxy.")
        return _from_proxy(str(name), settings, workspace)
    except StoreInputError:
        # Deleted meanwhile, or a name the store cannot hold.
        raise AccessDenied("Your account is not available. Ask your program's staff for access.") from None


def _from_proxy(name: str, settings: Settings, workspace: Workspace) -> UserRecord:
    """The proxy vouches for the name; first sight creates a protégé (staff assign other
    roles), unless the program limits who may have an account (sso_allow)."""
    name = name.strip()
    if not people.NAME.match(name):
        raise AccessDenied("Your sign-in name can't be used here (1-128 letters, digits, '.', '_', '@' or '-').")
    try:
        return workspace.user(name)
    except StoreInputError:
        pass
    if not allowed_by_proxy_rule(name, settings.sso_allow):
        log.warning("header sign-in refused: name not in sso_allow")
        raise AccessDenied("Your account is not set up for this program. Ask your program's staff for access.")
    return workspace.ensure_user(name, "protege")


def allowed_by_proxy_rule(name: str, rule: str) -> bool:
    """sso_allow: empty allows anyone the proxy vouches for; else a comma list of exact
    names and '@domain' entries ("ana, @example.org")."""
    entries = [e.strip().casefold() for e in rule.split(",") if e.strip()]
    if not entries:
        return True
    folded = name.casefold()
    return any(folded == e or (e.startswith("@") and folded.endswith(e)) for e in entries)


#: One Argon2 check at a time, off the event loop: a flood of sign-ins waits here (and is
#: capped by web_guard.MAX_CHECKING) instead of stalling every page and chat turn. Argon2
#: runs in C without the GIL, so the coach's own threads keep their core.
_CHECKS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sign-in")


def password_check(workspace: Workspace) -> Callable[[str, str], Awaitable[bool]]:
    """The coroutine Gradio's login form awaits: hashed passwords from the users table.
    Limits on wrong passwords (per client, per name) live in web_guard, which sees the
    client and the device cookie; this only checks."""

    async def check(username: str, password: str) -> bool:
        loop = asyncio.get_running_loop()
        found = await loop.run_in_executor(_CHECKS, workspace.authenticate, username, password)
        return found is not None

    return check
