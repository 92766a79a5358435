"""Session ids: unguessable (128 random bits from :mod:`secrets`) and URL-safe.

Stores treat an id of the wrong shape exactly like an unknown one ("not found"), so a
malformed id from a URL never reaches a Redis key or a lock table.
"""

import re
import secrets

SESSION_ID_BYTES = 16
"""128 random bits (SPEC §3 asks for at least 122)."""

_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")


def new_session_id() -> str:
    """A fresh session id: 22 characters of URL-safe base64 carrying 128 random bits."""
    return secrets.token_urlsafe(SESSION_ID_BYTES)


def is_session_id(value: str) -> bool:
    """True when ``value`` has the shape of a session id (16-64 URL-safe characters).

    The check is deliberately a little wider than :func:`new_session_id`'s output so ids
    from other sources (a uuid4 in hex or with dashes) keep working.
    """
    return _SHAPE.fullmatch(value) is not None
