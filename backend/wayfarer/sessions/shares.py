"""Share links in the session stores: a token -> session id index beside the sessions.

A share token is 128 random bits from :mod:`secrets` (URL-safe, 22 characters), distinct
from the session id, so a read-only link never reveals the session. The stores only keep
the index entry for at most the share's lifetime; whether a token still opens a trip is
decided by the session document itself (its ``share`` must still hold that token and be
unexpired), so a revoked or replaced token stops working even if an index entry lingers.

Each backend gets its part as a small mixin, kept apart from the store modules:
:class:`MemoryShares` (a dict, expired entries dropped when met or when a new one is
stored) and :class:`RedisShares` (one key per token with a native expiry).
"""

import json
import re
import secrets
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from wayfarer.domain import utcnow

if TYPE_CHECKING:
    from wayfarer.sessions.redis_client import Client
    from wayfarer.sessions.redis_scripts import RedisKeys

T = TypeVar("T")

SHARE_TOKEN_BYTES = 16
"""128 random bits (the issue asks for at least 122)."""

_SHAPE = re.compile(r"[A-Za-z0-9_-]{22}")


def new_share_token() -> str:
    """A fresh share token: 22 URL-safe characters carrying 128 random bits."""
    return secrets.token_urlsafe(SHARE_TOKEN_BYTES)


def is_share_token(value: str) -> bool:
    """True when ``value`` has the shape of a share token (anything else is unknown)."""
    return _SHAPE.fullmatch(value) is not None


def drop_expired(table: dict[str, tuple[T, float]], now: float) -> None:
    """Remove the entries of a ``key -> (value, deadline)`` table whose deadline passed."""
    for key in [k for k, (_, deadline) in table.items() if deadline <= now]:
        del table[key]


def unexpired(table: dict[str, tuple[T, float]], key: str, now: float) -> T | None:
    """The value at ``key`` while its deadline is ahead; an expired entry is dropped."""
    entry = table.get(key)
    if entry is None or entry[1] <= now:
        table.pop(key, None)
        return None
    return entry[0]


class MemoryShares:
    """Share index of :class:`~wayfarer.sessions.MemorySessionStore` (monotonic clock)."""

    _shares: dict[str, tuple[str, float]]
    _clock: Callable[[], float]

    def _share_clock(self) -> float:
        return self._clock()

    async def put_share(self, token: str, session_id: str, ttl_seconds: float) -> None:
        """Index ``token`` -> ``session_id`` for ``ttl_seconds``."""
        now = self._share_clock()
        drop_expired(self._shares, now)
        self._shares[token] = (session_id, now + ttl_seconds)

    async def share_target(self, token: str) -> str | None:
        """The session id ``token`` points at, or None (unknown, dropped or expired)."""
        return unexpired(self._shares, token, self._share_clock())

    async def drop_share(self, token: str) -> None:
        """Forget ``token`` (no error when unknown)."""
        self._shares.pop(token, None)

    def reindex_share(self, session_id: str, document: bytes) -> None:
        """Index the share link recorded in a stored session ``document`` (a session
        restored from the memory snapshot), for the time its link has left."""
        try:
            share = json.loads(document).get("share")
            left = (datetime.fromisoformat(share["expires_at"]) - utcnow()).total_seconds()
            token = str(share["token"])
        except (ValueError, TypeError, KeyError, AttributeError):
            return  # no link (or not readable): nothing to index
        if left > 0 and is_share_token(token):
            self._shares[token] = (session_id, self._share_clock() + left)


class ExpiringValues:
    """Plain string keys with a native expiry beside a Redis store's sessions (share
    links, cached cities), each access one bounded, timed operation of the store."""

    _redis: "Client"
    _keys: "RedisKeys"

    _call: "Callable[[str], AbstractAsyncContextManager[None]]"  # the store's Operations

    async def _put_value(self, op: str, key: str, value: str | bytes, seconds: float) -> None:
        """Set ``key`` to ``value`` for ``seconds`` (at least a millisecond)."""
        async with self._call(op):
            await self._redis.set(key, value, px=max(1, int(seconds * 1000)))

    async def _value(self, op: str, key: str) -> bytes | None:
        """The bytes at ``key``; None when it is unknown or expired."""
        async with self._call(op):
            raw = await self._redis.get(key)
        if raw is None:
            return None
        return raw if isinstance(raw, bytes) else str(raw).encode()


class RedisShares(ExpiringValues):
    """Share index of :class:`~wayfarer.sessions.RedisSessionStore`: one string key per
    token under the store's prefix (``<prefix>share:<token>``), expiring natively."""

    async def put_share(self, token: str, session_id: str, ttl_seconds: float) -> None:
        """Index ``token`` -> ``session_id`` for ``ttl_seconds``."""
        await self._put_value("put_share", self._share_key(token), session_id, ttl_seconds)

    async def share_target(self, token: str) -> str | None:
        """The session id ``token`` points at, or None (unknown, dropped or expired)."""
        if not is_share_token(token):
            return None
        raw = await self._value("share_target", self._share_key(token))
        return None if raw is None else raw.decode()

    async def drop_share(self, token: str) -> None:
        """Forget ``token`` (no error when unknown)."""
        async with self._call("drop_share"):
            await self._redis.delete(self._share_key(token))

    def _share_key(self, token: str) -> str:
        return f"{self._keys.prefix}share:{token}"
