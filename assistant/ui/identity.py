"""Who is at the keyboard: the local protégé, a Gradio login, or a trusted proxy's header.

Every handler asks here, per request; nothing a browser sends in a form field can choose
the user, so one person can never act as another by editing the page.
"""

from __future__ import annotations

import logging
from typing import Any

from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from assistant.config import Settings
from assistant.store.people import AccessDenied
from assistant.store.records import UserRecord
from assistant.store.workspace import Workspace

log = logging.getLogger(__name__)


def current_user(request: Any, settings: Settings, workspace: Workspace) -> UserRecord:
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
    # The proxy vouches for the name; first sight creates a protégé (staff assign other roles).
    return workspace.ensure_user(str(name), "protege")


#: Wrong passwords allowed per name before sign-in for that name pauses (a moving window:
#: each failure ages out after 15 minutes). Gradio's login form has no throttle of its own.
FAILED_SIGN_INS = "5/15 minutes"


def password_check(workspace: Workspace, limit: str = FAILED_SIGN_INS) -> Any:
    """The callable Gradio's login form uses: hashed passwords from the users table, with
    repeated failures for one name throttled. The counts live in this process; several
    app processes each keep their own (use the proxy's rate limiting in front of them)."""
    failures = parse(limit)
    limiter = MovingWindowRateLimiter(MemoryStorage())

    def check(username: str, password: str) -> bool:
        key = (username or "").strip().casefold()
        if not limiter.test(failures, "sign-in", key):
            log.warning("sign-in for %r paused after repeated wrong passwords", key)
            return False  # not even checked: guessing costs nothing to refuse
        if workspace.authenticate(username, password) is not None:
            return True
        limiter.hit(failures, "sign-in", key)
        return False

    return check
