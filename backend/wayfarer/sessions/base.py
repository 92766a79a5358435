"""The SessionStore contract every backend (memory, Redis) keeps.

Promises, checked by one contract suite run against each backend:

- ``create`` stores a new document at version 1; ``get`` returns a private copy and refreshes
  the sliding TTL (``last_accessed``/``expires_at``); an unknown or expired id raises
  :class:`~wayfarer.errors.SessionNotFound`.
- ``save`` is a compare-and-set: it succeeds only when the stored version equals
  ``expected_version``, stores version + 1 and refreshes the TTL; otherwise it raises
  :class:`~wayfarer.errors.VersionConflict` and changes nothing.
- ``turn_lock`` serializes turns on one session (across processes for Redis): it waits up to
  ``turn_wait_seconds`` and then raises :class:`~wayfarer.errors.TurnInProgress`.
- Backend failures surface as :class:`~wayfarer.errors.StoreUnavailable`, never as the
  backend library's own exceptions.
- An id of the wrong shape (see :mod:`wayfarer.sessions.ids`) is simply not found.
- Share links (``put_share``, ``share_target``, ``drop_share``; :mod:`.shares`) index a
  share token to its session for at most a given time; a dropped or expired token has no
  target.
- ``acquire_purge_lease`` (added for the purge job) says whether this process should purge
  now; in Redis it is a short lease so N replicas purge once per interval.
"""

from contextlib import AbstractAsyncContextManager
from typing import Protocol, runtime_checkable

from wayfarer.domain import SessionState


@runtime_checkable
class SessionStore(Protocol):
    """Persistence of session documents with optimistic concurrency and turn leases."""

    async def create(self, state: SessionState) -> SessionState:
        """Store a new session; returns it as stored (version 1, timestamps set)."""
        ...

    async def get(self, session_id: str) -> SessionState:
        """Load a session and refresh its TTL; raises SessionNotFound."""
        ...

    async def save(self, state: SessionState, expected_version: int) -> SessionState:
        """Compare-and-set on version; returns the stored state; raises VersionConflict."""
        ...

    async def delete(self, session_id: str) -> bool:
        """Forget a session; True when it existed."""
        ...

    async def purge_expired(self) -> int:
        """Remove expired sessions (and any index entries); returns how many."""
        ...

    async def count(self) -> int:
        """Number of live sessions."""
        ...

    async def ping(self) -> None:
        """Return when the store is reachable; raises StoreUnavailable."""
        ...

    async def close(self) -> None:
        """Release connections and background resources."""
        ...

    def turn_lock(self, session_id: str) -> AbstractAsyncContextManager[None]:
        """Hold the session's turn lease for the ``async with`` body."""
        ...

    async def acquire_purge_lease(self, seconds: float) -> bool:
        """True when this process may purge now (the lease is then held for ``seconds``)."""
        ...

    async def put_share(self, token: str, session_id: str, ttl_seconds: float) -> None:
        """Index the share ``token`` to ``session_id`` for ``ttl_seconds``."""
        ...

    async def share_target(self, token: str) -> str | None:
        """The session id a share token points at; None when unknown, dropped or expired."""
        ...

    async def drop_share(self, token: str) -> None:
        """Forget a share token (no error when unknown)."""
        ...

    async def put_model_city(self, slug: str, document: bytes, ttl_seconds: float) -> None:
        """Keep a model-proposed city's document for ``ttl_seconds`` (sessions/city_cache)."""
        ...

    async def model_city(self, slug: str) -> bytes | None:
        """The document kept for city ``slug``; None when never stored or expired."""
        ...
