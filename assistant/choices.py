"""One way to refuse a value outside a fixed set, naming the choices, for every part that takes one."""

from __future__ import annotations

from collections.abc import Iterable


def unknown(what: str, value: object, choices: Iterable[str]) -> str:
    """The message for a value that is not one of the choices: 'Unknown outcome 'x'; choose one of: a, b.'"""
    return f"Unknown {what} {value!r}; choose one of: {', '.join(choices)}."


def one_of(value: str, choices: tuple[str, ...], what: str, error: type[Exception] = ValueError) -> str:
    """The value when it is one of the choices, else `error` with the choices named."""
    if value not in choices:
        raise error(unknown(what, value, choices))
    return value
