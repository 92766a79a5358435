"""The session store contract, split by role, and the code every backend shares.

As aiogram's FSM storage keeps data (``BaseStorage``) apart from event isolation
(``BaseEventIsolation``), the store's contract is a few small protocols, and each caller
depends on the narrowest it needs:

- :class:`SessionPersistence`: ``create`` stores a new document at version 1; ``get``
  returns a private copy and refreshes the sliding TTL (``last_accessed``/``expires_at``);
  ``save`` is a compare-and-set (it succeeds only when the stored version equals
  ``expected_version``, stores version + 1 and refreshes the TTL, else raises
  :class:`~wayfarer.errors.VersionConflict` and changes nothing); ``delete`` forgets. An
  unknown or expired id raises :class:`~wayfarer.errors.SessionNotFound`.
- :class:`TurnLocking`: ``turn_lock`` serializes turns on one session (across processes
  for Redis): it waits up to ``turn_wait_seconds``, then raises
  :class:`~wayfarer.errors.TurnInProgress`.
- :class:`StoreUpkeep`: the purge lease (in Redis a short lease, so N replicas purge once
  per interval), purging, counting, ``ping`` and ``close``.
- :class:`ShareIndex` (share tokens to sessions, :mod:`.shares`) and :class:`CityCache`
  (model-proposed cities, :mod:`.city_cache`) live beside the sessions.

:class:`TurnStore` is what a conversation turn needs (persistence and locking),
:class:`SharingStore` adds the share index; :class:`SessionStore` is every role, what the
app wires. Both backends derive from
:class:`StoreBase`, which holds what they share: the id-shape check (an id of the wrong
shape, see :mod:`wayfarer.sessions.ids`, is simply not found), the errors and their
messages, the stamping of versions and TTL timestamps, decoding, and the latency metric
children. Backend failures surface as :class:`~wayfarer.errors.StoreUnavailable`, never
as the backend library's own exceptions. One contract suite (tests/sessions) runs against
each backend.
"""

import logging
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol, runtime_checkable

from wayfarer.domain import SessionState, utcnow
from wayfarer.errors import SessionNotFound, VersionConflict
from wayfarer.observability import Metrics
from wayfarer.sessions import schema
from wayfarer.sessions.ids import is_session_id

log = logging.getLogger("wayfarer.sessions")

TAKEN = "A session with this id already exists."


@runtime_checkable
class SessionPersistence(Protocol):
    """Session documents with optimistic concurrency (see the module docstring)."""

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

    async def put_document(self, session_id: str, document: bytes) -> None:
        """Store an encoded document as-is (a restore, or an older schema to migrate)."""
        ...


@runtime_checkable
class TurnLocking(Protocol):
    """One turn at a time per session."""

    def turn_lock(self, session_id: str) -> AbstractAsyncContextManager[None]:
        """Hold the session's turn lease for the ``async with`` body."""
        ...


@runtime_checkable
class StoreUpkeep(Protocol):
    """What the purge job, health checks and shutdown need."""

    async def acquire_purge_lease(self, seconds: float) -> bool:
        """True when this process may purge now (the lease is then held for ``seconds``)."""
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


@runtime_checkable
class ShareIndex(Protocol):
    """Share tokens pointing at sessions, for at most a given time."""

    async def put_share(self, token: str, session_id: str, ttl_seconds: float) -> None:
        """Index the share ``token`` to ``session_id`` for ``ttl_seconds``."""
        ...

    async def share_target(self, token: str) -> str | None:
        """The session id a share token points at; None when unknown, dropped or expired."""
        ...

    async def drop_share(self, token: str) -> None:
        """Forget a share token (no error when unknown)."""
        ...


@runtime_checkable
class CityCache(Protocol):
    """Model-proposed city documents kept for a while (sessions/city_cache)."""

    async def put_model_city(self, slug: str, document: bytes, ttl_seconds: float) -> None:
        """Keep a model-proposed city's document for ``ttl_seconds``."""
        ...

    async def model_city(self, slug: str) -> bytes | None:
        """The document kept for city ``slug``; None when never stored or expired."""
        ...


@runtime_checkable
class TurnStore(SessionPersistence, TurnLocking, Protocol):
    """What a conversation turn needs: the session documents and the turn lock."""


@runtime_checkable
class SharingStore(TurnStore, ShareIndex, Protocol):
    """What share links need: a turn's persistence and lock, and the share index."""


@runtime_checkable
class SessionStore(TurnStore, StoreUpkeep, ShareIndex, CityCache, Protocol):
    """Every role: what the app builds, wires and closes."""


class StoreBase:
    """The code both backends share (see the module docstring); not a store by itself."""

    OPERATIONS: tuple[str, ...] = ()
    """The ``op`` labels whose latency children are looked up once, at construction."""

    def __init__(self, *, ttl_seconds: float, metrics: Metrics | None) -> None:
        self._ttl = ttl_seconds
        self._metrics = metrics or Metrics()
        self._latency: dict[str, Any] = {
            op: self._metrics.store_latency.labels(op) for op in self.OPERATIONS
        }

    def _observe(self, op: str, seconds: float) -> None:
        """Record one operation's latency in ``wayfarer_store_operation_seconds``."""
        latency = self._latency.get(op)
        if latency is None:
            latency = self._latency[op] = self._metrics.store_latency.labels(op)
        latency.observe(seconds)

    @staticmethod
    def _check_new_id(session_id: str) -> None:
        """ValueError for an id :func:`~wayfarer.sessions.ids.new_session_id` never made."""
        if not is_session_id(session_id):
            raise ValueError(f"malformed session id {session_id!r}: use new_session_id()")

    @staticmethod
    def _check_known_id(session_id: str) -> None:
        """SessionNotFound for an id of the wrong shape (it can name no session)."""
        if not is_session_id(session_id):
            raise SessionNotFound()

    @staticmethod
    def _taken() -> VersionConflict:
        """:meth:`create` with an id already in use."""
        return VersionConflict(TAKEN)

    def _conflict(self) -> VersionConflict:
        """A lost compare-and-set, counted in ``wayfarer_turn_lock_conflicts_total``."""
        self._metrics.turn_lock_conflicts.inc()
        return VersionConflict()

    def _first_version(self, state: SessionState) -> SessionState:
        """``state`` as :meth:`create` stores it: version 1, created and stamped now."""
        now = utcnow()
        return schema.stamped(
            state.model_copy(update={"created_at": now}),
            now=now, ttl_seconds=self._ttl, version=1,
        )

    def _next_version(self, state: SessionState, expected_version: int) -> SessionState:
        """``state`` as a successful :meth:`save` stores it."""
        return schema.stamped(
            state, now=utcnow(), ttl_seconds=self._ttl, version=expected_version + 1
        )

    def _decode(self, session_id: str, raw: bytes | str) -> SessionState:
        """Decode a stored document; an unreadable one is logged, counted and answered as
        SessionNotFound, never surfaced as a server error."""
        try:
            return schema.decode(raw)
        except schema.DocumentError as exc:
            self._unreadable(session_id, str(exc))
            raise SessionNotFound() from None

    def _unreadable(self, session_id: str, error: str) -> None:
        """Log and count a stored document this code cannot read."""
        self._metrics.session_decode_errors.inc()
        log.warning("undecodable session document",
                    extra={"session_id": session_id, "error": error})

    def _loaded(self, session_id: str, raw: bytes | str) -> SessionState:
        """A stored document as :meth:`get` returns it: decoded (see :meth:`_decode`) and
        its TTL timestamps refreshed."""
        state = self._decode(session_id, raw)
        return schema.refreshed(state, now=utcnow(), ttl_seconds=self._ttl)
