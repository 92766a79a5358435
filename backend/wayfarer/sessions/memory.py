"""The in-process session store (the default): behaves like the Redis one, in one process.

Every session is kept as its encoded JSON document, so reads and writes copy exactly as
they would through Redis and the same :mod:`~wayfarer.sessions.schema` code decodes both.
Sessions sit in an ``OrderedDict`` ordered by last access: every read and write moves the
session to the end, so the front holds the least recently used session, which, with one
sliding TTL for all, is also the first to expire. Purging pops from the front while
expired (cost proportional to the expired sessions) and yields to the event loop between
chunks. Past ``max_sessions`` one session is evicted to make room, chosen so a flood of
new sessions cannot push out a planned trip: expired first, then the least recently used
*untouched* session (only the greeting), then the least recently used conversation without
an itinerary, and a planned session only when nothing else is left (docs/adr/0040).

With ``snapshot_path`` the live sessions are written to that file on :meth:`close`
(atomically) and read back by :meth:`restore` (wayfarer.sessions.snapshot).

All bookkeeping is synchronous between awaits, so each operation is atomic on the event
loop. Turns are serialized by one ``asyncio.Lock`` per session (FIFO), held only while
somebody holds or waits for it.
"""

import asyncio
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from pathlib import Path

from wayfarer.domain import SessionState
from wayfarer.errors import SessionNotFound, TurnInProgress
from wayfarer.observability import Metrics
from wayfarer.sessions import schema, snapshot
from wayfarer.sessions.base import StoreBase
from wayfarer.sessions.city_cache import MemoryCityCache
from wayfarer.sessions.shares import MemoryShares

log = logging.getLogger("wayfarer.sessions")

PURGE_CHUNK = 1000
"""Sessions removed between two yields to the event loop while purging."""
UNREADABLE = -1
"""The version recorded for a stored document that is not a JSON object."""

UNTOUCHED, TALKING, PLANNED = 0, 1, 2
"""Eviction ranks, evicted lowest first: greeting only, a conversation, an itinerary."""


@dataclass
class _Entry:
    document: bytes
    version: int
    deadline: float  # monotonic seconds
    rank: int = UNTOUCHED


@dataclass
class _TurnLock:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0  # holders and waiters; the lock is dropped when it reaches 0


class MemorySessionStore(StoreBase, MemoryShares, MemoryCityCache):
    """Every role of :class:`~wayfarer.sessions.base.SessionStore` in this process's memory
    (share links from :class:`MemoryShares`, the city cache from :class:`MemoryCityCache`),
    plus :meth:`restore` from a snapshot. ``clock`` (monotonic seconds) is injectable for
    tests.
    """

    OPERATIONS = ("create", "get", "save", "delete", "purge")

    def __init__(
        self,
        *,
        ttl_seconds: float,
        max_sessions: int,
        turn_wait_seconds: float,
        metrics: Metrics | None = None,
        clock: Callable[[], float] = time.monotonic,
        snapshot_path: Path | None = None,
    ) -> None:
        super().__init__(ttl_seconds=ttl_seconds, metrics=metrics)
        self._snapshot_path = snapshot_path
        self._max = max_sessions
        self._turn_wait = turn_wait_seconds
        self._clock = clock
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        # the same sessions, split by eviction rank, each in last-access order
        self._ranked: tuple[OrderedDict[str, None], ...] = tuple(
            OrderedDict() for _ in range(PLANNED + 1)
        )
        self._turn_locks: dict[str, _TurnLock] = {}
        self._shares: dict[str, tuple[str, float]] = {}
        self._model_cities: dict[str, tuple[bytes, float]] = {}

    # -- persistence -----------------------------------------------------------------

    async def create(self, state: SessionState) -> SessionState:
        """Store a new session at version 1, evicting the least recently used past the cap.

        Raises ValueError for a malformed id and VersionConflict if the id is taken.
        """
        with self._latency["create"].time():
            self._check_new_id(state.session_id)
            now_mono = self._clock()
            if self._live(state.session_id, now_mono) is not None:
                raise self._taken()
            stored = self._first_version(state)
            self._make_room(now_mono)
            self._put(stored, now_mono)
            self._metrics.sessions_created.inc()
            self._set_active()
            return stored

    async def get(self, session_id: str) -> SessionState:
        """A private copy of the session; refreshes its TTL. Raises SessionNotFound."""
        with self._latency["get"].time():
            now_mono = self._clock()
            entry = self._live(session_id, now_mono)
            if entry is None:
                raise SessionNotFound()
            state = self._loaded(session_id, entry.document)
            entry.deadline = now_mono + self._ttl
            self._entries.move_to_end(session_id)
            self._ranked[entry.rank].move_to_end(session_id)
            return state

    async def save(self, state: SessionState, expected_version: int) -> SessionState:
        """Store ``state`` at ``expected_version + 1`` if the stored version is still
        ``expected_version``; raises VersionConflict (nothing changed) or SessionNotFound."""
        with self._latency["save"].time():
            now_mono = self._clock()
            entry = self._live(state.session_id, now_mono)
            if entry is None:
                raise SessionNotFound()
            if entry.version == UNREADABLE:
                self._decode(state.session_id, entry.document)  # logs, counts, raises
            if entry.version != expected_version:
                raise self._conflict()
            stored = self._next_version(state, expected_version)
            self._put(stored, now_mono)
            return stored

    async def delete(self, session_id: str) -> bool:
        """Forget the session; True when a live one existed."""
        with self._latency["delete"].time():
            existed = self._live(session_id, self._clock()) is not None
            self._remove(session_id)
            self._set_active()
            return existed

    async def put_document(self, session_id: str, document: bytes) -> None:
        """Store an encoded document as-is (a restore, or an older schema to migrate); it
        is decoded and upgraded on its next read. Its TTL starts now."""
        self._check_new_id(session_id)
        self._insert_document(session_id, document, self._ttl)

    # -- upkeep ----------------------------------------------------------------------

    async def acquire_purge_lease(self, seconds: float) -> bool:
        """One process: the purge lease is always granted."""
        return True

    async def purge_expired(self) -> int:
        """Remove every expired session, oldest first, yielding to the loop every
        :data:`PURGE_CHUNK` removals; returns how many were removed."""
        with self._latency["purge"].time():
            removed = 0
            while True:
                chunk = self._purge_chunk(self._clock(), PURGE_CHUNK)
                removed += chunk
                if chunk < PURGE_CHUNK:
                    break
                await asyncio.sleep(0)
            self._set_active()
            return removed

    async def count(self) -> int:
        """Live sessions (expired ones not yet purged are not counted)."""
        now_mono = self._clock()
        expired = 0
        for entry in self._entries.values():
            if entry.deadline > now_mono:
                break
            expired += 1
        return len(self._entries) - expired

    async def ping(self) -> None:
        """Always reachable."""

    async def close(self) -> None:
        """Write the snapshot (when configured), then drop every session (the store is
        unusable afterwards only by convention)."""
        if self._snapshot_path is not None:
            now_mono, now = self._clock(), time.time()
            live = [
                (session_id, entry.document, now + entry.deadline - now_mono)
                for session_id, entry in self._entries.items()
                if entry.deadline > now_mono
            ]
            snapshot.write(self._snapshot_path, live)
        self._entries.clear()
        for ranked in self._ranked:
            ranked.clear()
        self._turn_locks.clear()

    # -- turn locking ----------------------------------------------------------------

    def turn_lock(self, session_id: str) -> AbstractAsyncContextManager[None]:
        """Hold the session's lock for the body; waits up to ``turn_wait_seconds`` (FIFO),
        then raises TurnInProgress. A malformed id raises SessionNotFound at once."""
        return _Turn(self, session_id)

    # -- snapshot --------------------------------------------------------------------

    def restore(self) -> snapshot.Restored:
        """Load the sessions of the snapshot file, if there is one (see
        :func:`wayfarer.sessions.snapshot.read`), keeping their remaining lifetimes."""
        if self._snapshot_path is None:
            return snapshot.Restored()
        restored = snapshot.read(self._snapshot_path, self._metrics)
        for session_id, document, seconds_left in restored.sessions:
            self._insert_document(session_id, document, seconds_left)
            self.reindex_share(session_id, document)
        return restored

    # -- internals -------------------------------------------------------------------

    def _live(self, session_id: str, now_mono: float) -> _Entry | None:
        """The entry if present and not expired; an expired one is removed on sight."""
        entry = self._entries.get(session_id)
        if entry is None:
            return None
        if entry.deadline <= now_mono:
            self._remove(session_id)
            self._metrics.sessions_purged.inc()
            self._set_active()
            return None
        return entry

    def _put(self, stored: SessionState, now_mono: float) -> None:
        entry = _Entry(
            schema.encode(stored), stored.version, now_mono + self._ttl, _rank(stored)
        )
        self._insert(stored.session_id, entry)

    def _insert_document(self, session_id: str, document: bytes, seconds: float) -> None:
        version = _stored_version(document)
        try:
            rank = _rank(schema.decode(document)) if version != UNREADABLE else UNTOUCHED
        except schema.DocumentError:
            rank = UNTOUCHED
        now_mono = self._clock()
        self._remove(session_id)
        self._make_room(now_mono)
        self._insert(session_id, _Entry(document, version, now_mono + seconds, rank))
        self._set_active()

    def _insert(self, session_id: str, entry: _Entry) -> None:
        """Store ``entry`` as the most recently used session (replacing any old one)."""
        old = self._entries.get(session_id)
        if old is not None and old.rank != entry.rank:
            self._ranked[old.rank].pop(session_id, None)
        self._entries[session_id] = entry
        self._entries.move_to_end(session_id)
        self._ranked[entry.rank][session_id] = None
        self._ranked[entry.rank].move_to_end(session_id)

    def _remove(self, session_id: str) -> _Entry | None:
        entry = self._entries.pop(session_id, None)
        if entry is not None:
            self._ranked[entry.rank].pop(session_id, None)
        return entry

    def _make_room(self, now_mono: float) -> None:
        """Make room for one more session: an expired one, else the least recently used of
        the lowest eviction rank present (module docstring)."""
        while len(self._entries) >= self._max:
            oldest_id, oldest = next(iter(self._entries.items()))
            if oldest.deadline <= now_mono:
                self._remove(oldest_id)
                self._metrics.sessions_purged.inc()
                continue
            ranked = next(r for r in self._ranked if r)
            session_id = next(iter(ranked))
            self._remove(session_id)
            self._metrics.sessions_evicted.inc()
            log.info("session evicted", extra={"session_id": session_id})

    def _purge_chunk(self, now_mono: float, limit: int) -> int:
        removed = 0
        entries = self._entries
        while removed < limit and entries:
            first_id, first = next(iter(entries.items()))
            if first.deadline > now_mono:
                break
            self._remove(first_id)
            removed += 1
        self._metrics.sessions_purged.inc(removed)
        return removed

    def _set_active(self) -> None:
        self._metrics.sessions_active.set(len(self._entries))

    async def _wait_for(self, lock: asyncio.Lock) -> None:
        """Queue for a held lock (FIFO) up to ``turn_wait_seconds``; TurnInProgress after."""
        self._metrics.turn_lock_waits.inc()
        try:
            async with asyncio.timeout(self._turn_wait):
                await lock.acquire()
        except TimeoutError:
            self._metrics.turn_lock_conflicts.inc()
            raise TurnInProgress() from None


class _Turn:
    """The ``async with`` of :meth:`MemorySessionStore.turn_lock`. A session's lock exists
    only while somebody holds or waits for it; a free one is taken at once, with no
    timeout armed."""

    __slots__ = ("_session_id", "_slot", "_store")

    def __init__(self, store: MemorySessionStore, session_id: str) -> None:
        self._store = store
        self._session_id = session_id

    async def __aenter__(self) -> None:
        store = self._store
        store._check_known_id(self._session_id)
        slot = store._turn_locks.get(self._session_id)
        if slot is None:
            slot = store._turn_locks[self._session_id] = _TurnLock()
        slot.users += 1
        self._slot = slot
        try:
            if slot.users == 1:  # nobody holds or waits: taken at once
                await slot.lock.acquire()
            else:
                await store._wait_for(slot.lock)
        except BaseException:
            self._leave()
            raise

    async def __aexit__(self, *exc_info: object) -> None:
        self._slot.lock.release()
        self._leave()

    def _leave(self) -> None:
        self._slot.users -= 1
        if self._slot.users == 0:
            self._store._turn_locks.pop(self._session_id, None)


def _rank(state: SessionState) -> int:
    if state.has_itinerary:
        return PLANNED
    return TALKING if any(m.role == "user" for m in state.history) else UNTOUCHED


def _stored_version(document: bytes) -> int:
    """The ``version`` written in an encoded document: 0 when it has none (the oldest
    schema), :data:`UNREADABLE` when it is not a JSON object."""
    try:
        doc = json.loads(document)
    except ValueError:
        return UNREADABLE
    if not isinstance(doc, dict):
        return UNREADABLE
    version = doc.get("version", 0)
    return version if isinstance(version, int) and version >= 0 else UNREADABLE
