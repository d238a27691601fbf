"""Who is at the keyboard: the local protégé, a Gradio login, or a trusted proxy's header.

Every handler asks here, per request; nothing a browser sends in a form field can choose
the user, so one person can never act as another by editing the page.
"""

from __future__ import annotations

from typing import Any

from assistant.config import Settings
from assistant.store.people import AccessDenied
from assistant.store.records import UserRecord
from assistant.store.workspace import Workspace


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


def password_check(workspace: Workspace) -> Any:
    """The callable Gradio's login form uses: hashed passwords from the users table."""

    def check(username: str, password: str) -> bool:
        return workspace.authenticate(username, password) is not None

    return check
