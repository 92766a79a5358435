"""The Redis session store: one JSON document per session, native expiry, Lua for atomicity.

Keys (``P`` is ``WAYFARER_REDIS_KEY_PREFIX``):

- ``P session:<id>``  the session document (a string), with a PX expiry = the sliding TTL;
- ``P index``         a sorted set: session id -> the earliest time (ms, server clock) it can
  expire. Writes (create, save) set the score in the same script that sets the TTL; reads
  are a plain ``GETEX`` that extends the TTL only, so a score is never later than the real
  expiry. The purge job walks the entries whose score has passed: a document that is gone
  has its entry removed (and is counted as purged); one kept alive by reads is re-scored
  from its ``PTTL``. ``count`` is a ``ZCOUNT`` plus a check of those not yet walked.
- ``P lock:<id>``     the turn lease: the holder's random token with a PX expiry, renewed
  while the turn runs, deleted only by its holder (see sessions/redis_lease.py);
- ``P purge-lock``    the purge lease, so N replicas purge once per interval.

Every operation is one round trip: reads a native ``GETEX``, writes one Lua script; a turn
is two (taking the lease returns the document, the save releases the lease: redis_lease.py
and :meth:`RedisSessionStore.turn_lock`). ``save``
is a compare-and-set on the document's ``version``, read from its first 128 bytes (this code
always writes ``{"schema_version":N,"session_id":"…","version":V`` first; a compressed
document, with ``compression_level``, is ``Z`` + that head + ``}`` + zlib), else from a JSON
decode of the whole document; so a turn whose lease expired mid-turn can never overwrite a
newer save: the version is the fence. The scripts touch only keys under the prefix.

On Redis Cluster (a ``redis+cluster://`` URL) the first character of the session id is a
hash tag in the session's keys and there are 64 indexes, one per tag, so each script
touches one slot; purge and count walk the 64 indexes (see RedisKeys, docs/adr/0030). A
``redis+sentinel://`` URL uses the single-Redis layout on the primary its Sentinels name.
Redis failures become :class:`~wayfarer.errors.StoreUnavailable` carrying a one-word
cause; the client reconnects by itself on the next command once Redis answers again.
"""

import asyncio
import secrets
from contextlib import AbstractAsyncContextManager
from contextvars import ContextVar
from typing import Any

from redis.asyncio.cluster import RedisCluster

from wayfarer.config import redacted_url as redacted_url
from wayfarer.domain import SessionState
from wayfarer.errors import SessionNotFound, StoreUnavailable
from wayfarer.observability import Metrics
from wayfarer.sessions import schema
from wayfarer.sessions.base import StoreBase
from wayfarer.sessions.city_cache import RedisCityCache
from wayfarer.sessions.ids import is_session_id
from wayfarer.sessions.redis_client import (
    Client,
    ClientOptions,
    Operations,
    check_deployment,
    redis_client,
)
from wayfarer.sessions.redis_lease import Lease, TurnLeases
from wayfarer.sessions.redis_scripts import (
    COUNT,
    CREATE,
    DELETE,
    PURGE,
    PURGE_CHUNK,
    PUT,
    SAVE,
    SAVE_RELEASE,
    RedisKeys,
)
from wayfarer.sessions.shares import RedisShares

#: How many times the start-up check pings a Redis that does not answer in time.
START_TRIES = 3


class RedisSessionStore(StoreBase, RedisShares, RedisCityCache):
    """Every role of :class:`~wayfarer.sessions.base.SessionStore` on Redis (see the module
    docstring; share links from :class:`RedisShares`, the city cache from
    :class:`RedisCityCache`), plus the start-up :meth:`check`.

    Takes an injected client (``owns_client`` decides whether :meth:`close` closes it) or
    use :meth:`from_url`.
    """

    def __init__(
        self,
        client: Client,
        *,
        ttl_seconds: float,
        turn_wait_seconds: float,
        turn_lease_seconds: float,
        key_prefix: str = "wayfarer:",
        metrics: Metrics | None = None,
        owns_client: bool = False,
        ping_timeout: float = 0.8,
        url: str = "",
        probe: Client | None = None,
        compression_level: int = 0,
        operation_timeout: float = ClientOptions.socket_timeout,
    ) -> None:
        super().__init__(ttl_seconds=ttl_seconds, metrics=metrics)
        self._redis = client
        self._url = url
        self._ttl_ms = max(1, int(ttl_seconds * 1000))
        self._ping_timeout = ping_timeout
        self._probe = probe or client
        self._cluster = isinstance(client, RedisCluster)
        self._keys = RedisKeys(key_prefix, cluster=self._cluster)
        self._owns_client = owns_client
        self._compression = compression_level  # 0: plain JSON; 1-9: zlib level
        # bounds, times and translates each operation (redis_client.Operations)
        self._call = Operations(self._metrics, operation_timeout, self._observe)
        self._create = client.register_script(CREATE)
        self._put = client.register_script(PUT)
        self._save = client.register_script(SAVE)
        self._save_release = client.register_script(SAVE_RELEASE)
        # the lease of the turn the current task is in (per store: tests run several)
        self._turn_lease: ContextVar[tuple[str, Lease] | None] = ContextVar(
            f"wayfarer-turn-{id(self)}", default=None
        )
        self._delete = client.register_script(DELETE)
        self._purge = client.register_script(PURGE)
        self._count = client.register_script(COUNT)
        self._leases = TurnLeases(
            client, lease_seconds=turn_lease_seconds, wait_seconds=turn_wait_seconds,
            metrics=self._metrics, guard=self._call,
        )

    @classmethod
    def from_url(
        cls, url: str, client_options: ClientOptions | None = None, **options: Any
    ) -> "RedisSessionStore":
        """A store with its own clients for ``url`` (closed by :meth:`close`); a
        ``redis+cluster://`` URL selects Redis Cluster. ``ping`` gets a small client of its
        own, so readiness is not judged by waits for the busy request pool."""
        timeout = float(options.get("ping_timeout", 0.8))
        probe_options = ClientOptions(
            pool_size=2, pool_timeout=timeout, socket_timeout=timeout, connect_timeout=timeout
        )
        client_options = client_options or ClientOptions()
        return cls(
            redis_client(url, client_options), owns_client=True, url=url,
            probe=redis_client(url, probe_options),
            operation_timeout=client_options.socket_timeout, **options,
        )

    @property
    def compression_level(self) -> int:
        """The zlib level documents are written with; 0 writes plain JSON."""
        return self._compression

    @property
    def keys(self) -> RedisKeys:
        """The key builder (operators and tests read keys through it)."""
        return self._keys

    # -- persistence -----------------------------------------------------------------

    async def create(self, state: SessionState) -> SessionState:
        """Store a new session at version 1 (``SET NX``). Raises ValueError for a
        malformed id and VersionConflict if the id is taken."""
        self._check_new_id(state.session_id)
        stored = self._first_version(state)
        async with self._call("create"):
            created = await self._create(
                keys=self._keys.documents(stored.session_id),
                args=[self._encode(stored), self._ttl_ms, stored.session_id],
            )
        if not created:
            raise self._taken()
        self._metrics.sessions_created.inc()
        return stored

    async def get(self, session_id: str) -> SessionState:
        """Load the session and refresh its TTL (one ``GETEX``; the first read in a turn
        uses the document its lease returned, no round trip). Raises SessionNotFound."""
        self._check_known_id(session_id)
        lease = self._lease_of(session_id)
        raw: bytes | str | None = lease.take_document() if lease is not None else None
        if raw is None:
            async with self._call("get"):
                raw = await self._redis.getex(self._keys.session(session_id), px=self._ttl_ms)
        if raw is None:
            raise SessionNotFound()
        return self._loaded(session_id, raw)

    async def save(self, state: SessionState, expected_version: int) -> SessionState:
        """Compare-and-set in one script: stores ``expected_version + 1`` and refreshes the
        TTL only if the stored version is ``expected_version``. Raises VersionConflict
        (nothing changed) or SessionNotFound."""
        self._check_known_id(state.session_id)
        stored = self._next_version(state, expected_version)
        keys = self._keys.documents(state.session_id)
        args: list[int | str | bytes] = [
            expected_version, self._encode(stored), self._ttl_ms, state.session_id
        ]
        lease = self._lease_of(state.session_id)
        async with self._call("save"):
            if lease is None or lease.released:
                outcome = await self._save(keys=keys, args=args)
            else:  # in its turn: the same script releases the lease once saved
                outcome = await self._save_release(
                    keys=[*keys, lease.key], args=[*args, lease.token]
                )
        if outcome == 1:
            if lease is not None:
                lease.saved_and_released()
            return stored
        if outcome == 0:
            raise self._conflict()
        if outcome == -2:
            self._unreadable(state.session_id, "not a JSON object with a version")
        raise SessionNotFound()

    async def delete(self, session_id: str) -> bool:
        """Forget the session and its index entry; True when it existed."""
        if not is_session_id(session_id):
            return False
        async with self._call("delete"):
            existed = await self._delete(keys=self._keys.documents(session_id), args=[session_id])
        return bool(existed)

    async def put_document(self, session_id: str, document: bytes) -> None:
        """Store an encoded document as-is (a restore, or an older schema to migrate); it
        is decoded and upgraded on its next read. Its TTL starts now."""
        self._check_new_id(session_id)
        async with self._call("put"):
            await self._put(
                keys=self._keys.documents(session_id), args=[document, self._ttl_ms, session_id]
            )

    # -- upkeep ----------------------------------------------------------------------

    async def acquire_purge_lease(self, seconds: float) -> bool:
        """True when this process may purge now: the purge lease was free and is now held
        for ``seconds`` (it is never released early, so other replicas skip this interval)."""
        async with self._call("purge_lease"):
            acquired = await self._redis.set(
                self._keys.purge_lock, secrets.token_hex(8), nx=True,
                px=max(1, int(seconds * 1000)),
            )
        return bool(acquired)

    async def purge_expired(self) -> int:
        """Remove index entries of sessions Redis has expired, a chunk per script call and
        index (one on a single Redis, 64 on a cluster); returns how many. (Redis' own TTL
        removes the documents.)"""
        removed = 0
        async with self._call("purge"):
            for shard in self._keys.shards():
                args: list[int | str] = [PURGE_CHUNK, shard.session_prefix, self._ttl_ms]
                while True:
                    gone, walked = await self._purge(keys=[shard.index], args=args)
                    removed += int(gone)
                    if int(walked) < PURGE_CHUNK:
                        break
        self._metrics.sessions_purged.inc(removed)
        return removed

    async def count(self) -> int:
        """Live sessions according to the index(es) (server clock): O(log N) per index plus
        one check per session whose first expiry passed since the last purge."""
        async with self._call("count"):
            counts = [
                await self._count(keys=[shard.index], args=[shard.session_prefix])
                for shard in self._keys.shards()
            ]
        return sum(int(n) for n in counts)

    async def ping(self) -> None:
        """PING Redis within its own short timeout (``ready_timeout_seconds``), so
        ``/readyz`` answers promptly even while Redis stalls; raises StoreUnavailable."""
        try:
            async with asyncio.timeout(self._ping_timeout):
                async with self._call("ping"):
                    await self._probe.ping()
        except TimeoutError as exc:
            raise StoreUnavailable(
                "The session store did not answer in time.", cause="timeout"
            ) from exc

    async def check(self) -> None:
        """Start-up check: reachable (ping), and a cluster node only with a cluster URL
        (raises ConfigError, one line, otherwise). A ping that times out is tried up to
        :data:`START_TRIES` times: the first contact can be slow (a cluster client
        discovers every node), while a refused or unauthorised Redis fails at once."""
        for attempt in range(1, START_TRIES + 1):
            try:
                await self.ping()
                break
            except StoreUnavailable as exc:
                if exc.cause != "timeout" or attempt == START_TRIES:
                    raise
        async with self._call("check"):
            await check_deployment(self._redis, self._url)

    async def close(self) -> None:
        """Let pending lease releases finish briefly, then close the client's connections
        if this store owns the client."""
        await self._leases.settle(timeout=self._ping_timeout)
        if self._owns_client:
            await self._redis.aclose()
            if self._probe is not self._redis:
                await self._probe.aclose()

    # -- turn locking ----------------------------------------------------------------

    def turn_lock(self, session_id: str) -> AbstractAsyncContextManager[None]:
        """Hold the session's lease (a random token set with a PX expiry by a script that
        also returns the document, so the turn's first ``get`` costs no round trip) for the
        body; the turn's ``save`` releases it in its own script, else it is released at
        the end.

        Retries with a short jittered backoff for up to ``turn_wait_seconds``, then raises
        TurnInProgress. The lease lasts ``turn_lease_seconds`` (renewed while the body runs)
        so a crashed holder frees it; only the holder's token can delete it; a lost reply is
        recognised as ours (sessions/redis_lease.py). A malformed id raises SessionNotFound.
        """
        return _Turn(self, session_id)

    # -- internals -------------------------------------------------------------------

    def _encode(self, state: SessionState) -> bytes:
        if self._compression:
            return schema.encode_compressed(state, self._compression)
        return schema.encode(state)


    def _lease_of(self, session_id: str) -> Lease | None:
        """The lease of the turn this task holds on ``session_id`` through this store."""
        held = self._turn_lease.get()
        return held[1] if held is not None and held[0] == session_id else None


class _Turn:
    """The ``async with`` of :meth:`RedisSessionStore.turn_lock`: takes the lease (and the
    document with it), makes it the current task's turn lease for the store's ``get`` and
    ``save``, and ends it on the way out (released unless the save released it)."""

    __slots__ = ("_entered", "_lease", "_session_id", "_store")

    def __init__(self, store: RedisSessionStore, session_id: str) -> None:
        self._store = store
        self._session_id = session_id

    async def __aenter__(self) -> None:
        store, session_id = self._store, self._session_id
        store._check_known_id(session_id)
        keys = store._keys
        self._lease = await store._leases.take(
            keys.lock(session_id), keys.session(session_id), store._ttl_ms
        )
        self._entered = store._turn_lease.set((session_id, self._lease))

    async def __aexit__(self, *exc_info: object) -> None:
        self._store._turn_lease.reset(self._entered)
        await self._store._leases.end(self._lease)
