"""Users, roles, pairings and passwords: the operator's side of the store."""

from __future__ import annotations

import contextlib
import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.choices import one_of
from assistant.store.models import ROLES, Pairing, User
from assistant.store.records import UserRecord

NAME = re.compile(r"^[A-Za-z0-9_.@-]{1,128}$")
MIN_PASSWORD = 8
_HASHER = PasswordHasher()  # Argon2id with the library's current recommended parameters


class StoreInputError(ValueError):
    """Bad input for the store (unknown user, wrong role, bad name); the message says why."""


class AccessDenied(PermissionError):
    """The acting user may not see or change this. Deliberately vague about what exists."""


def check_name(name: str) -> str:
    if not NAME.match(name or ""):
        raise StoreInputError(f"Invalid user name {name!r}: use 1-128 letters, digits, '.', '_', '@' or '-'.")
    return name


def check_display_name(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    cleaned = " ".join(value.split())
    if len(cleaned) > 128 or any(c in cleaned for c in "<>[]{}`*_#\\"):
        raise StoreInputError("Display names are plain names of up to 128 characters (no markup).")
    return cleaned


def check_role(role: str) -> str:
    value = (role or "").strip().lower().replace("é", "e")
    return one_of(value, ROLES, "role", StoreInputError)


def hash_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD:
        raise StoreInputError(f"Passwords need at least {MIN_PASSWORD} characters.")
    return _HASHER.hash(password)


#: Verified against when the name is unknown or has no password, so a wrong name costs
#: as long as a wrong password: response time must not tell which accounts exist.
_DECOY_HASH = _HASHER.hash("decoy password that no account has")


def password_matches(stored: str | None, password: str) -> bool:
    if not stored or not password:
        _verify_decoy(password)
        return False
    try:
        return _HASHER.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _verify_decoy(password: str) -> None:
    with contextlib.suppress(VerifyMismatchError, VerificationError, InvalidHashError):
        _HASHER.verify(_DECOY_HASH, password or "-")


def record(user: User) -> UserRecord:
    return UserRecord(id=user.id, name=user.name, role=user.role)


def find(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise StoreInputError(f"No user named {name!r}. Add one with `coach users add {name} --role protege`.")
    return user


def mentor_id_of(session: Session, protege_id: int) -> int | None:
    pairing = session.get(Pairing, protege_id)
    return pairing.mentor_id if pairing else None
