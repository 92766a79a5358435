"""The Redis session store: one JSON document per session, native expiry, Lua for atomicity.

Keys (``P`` is ``WAYFARER_REDIS_KEY_PREFIX``):

- ``P session:<id>``  the session document (a string), with a PX expiry = the sliding TTL;
- ``P index``         a sorted set: session id -> the earliest time (ms, server clock) it can
  expire. Writes (create, save) set the score in the same script that sets the TTL; reads
  are a plain ``GETEX`` that extends the TTL only, so a score is never later than the real
  expiry. The purge job walks the entries whose score has passed: a document that is gone
  has its entry removed (and is counted as purged); one kept alive by reads is re-scored
  from its ``PTTL``. ``count`` is a ``ZCOUNT`` plus a check of those not yet walked.
- ``P lock:<id>``     the turn lease: a random token, ``SET NX PX``, deleted only by its holder;
- ``P purge-lock``    the purge lease, so N replicas purge once per interval.

Every operation is one round trip: reads a native ``GETEX``, writes one Lua script. ``save``
is a compare-and-set on the document's ``version``, read from its first 128 bytes (this code
always writes ``{"schema_version":N,"session_id":"…","version":V`` first), else from a JSON
decode of the whole document; so a turn whose lease expired mid-turn can never overwrite a
newer save: the version is the fence. The scripts touch only keys under the prefix, of one
Redis (not Redis Cluster: the purge and count scripts compute session keys).
Redis failures become :class:`~wayfarer.errors.StoreUnavailable`; the client reconnects by
itself on the next command once Redis answers again.
"""

import asyncio
import logging
import random
import secrets
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, contextmanager
from dataclasses import dataclass
from typing import Any

from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

from wayfarer.domain import SessionState, utcnow
from wayfarer.errors import SessionNotFound, StoreUnavailable, TurnInProgress, VersionConflict
from wayfarer.observability import Metrics
from wayfarer.sessions import schema
from wayfarer.sessions.ids import is_session_id

log = logging.getLogger("wayfarer.sessions")

PURGE_CHUNK = 1000
"""Index entries removed per purge script call (keeps each call short for Redis)."""

_NOW_MS = "local t = redis.call('TIME') local now = t[1] * 1000 + math.floor(t[2] / 1000)\n"

# KEYS: session, index. ARGV: document, ttl ms, id. Returns 1, or 0 when the id is taken.
_CREATE = _NOW_MS + """
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[2], now + ARGV[2], ARGV[3])
return 1
"""

# KEYS: session, index. ARGV: document, ttl ms, id. Unconditional write (restores).
_PUT = _NOW_MS + """
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('ZADD', KEYS[2], now + ARGV[2], ARGV[3])
return 1
"""

# KEYS: session, index. ARGV: expected version, new document, ttl ms, id.
# Returns 1 saved, 0 version conflict, -1 no such session, -2 stored document unreadable.
_SAVE = _NOW_MS + """
local head = redis.call('GETRANGE', KEYS[1], 0, 127)
if head == '' then return -1 end
local version = string.match(head, '^{"schema_version":%d+,"session_id":"[^"]*","version":(%d+)')
if not version then
  local ok, decoded = pcall(cjson.decode, redis.call('GET', KEYS[1]))
  if not ok or type(decoded) ~= 'table' then return -2 end
  version = decoded['version'] or 0
end
if tonumber(version) ~= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
redis.call('ZADD', KEYS[2], now + ARGV[3], ARGV[4])
return 1
"""

# KEYS: session, index. ARGV: id. Returns 1 when the document existed.
_DELETE = """
local existed = redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return existed
"""

# KEYS: index. ARGV: chunk size, session key prefix, ttl ms. Walks up to a chunk of
# entries whose score has passed: removes those whose document is gone, re-scores those
# kept alive by reads. Returns {removed, walked}.
_PURGE = _NOW_MS + """
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, ARGV[1])
local removed = 0
for _, id in ipairs(ids) do
  local ttl = redis.call('PTTL', ARGV[2] .. id)
  if ttl == -2 then
    redis.call('ZREM', KEYS[1], id)
    removed = removed + 1
  else
    if ttl < 0 then ttl = tonumber(ARGV[3]) end
    redis.call('ZADD', KEYS[1], now + ttl, id)
  end
end
return {removed, #ids}
"""

# KEYS: index. ARGV: session key prefix. Live sessions: entries whose score is still ahead,
# plus those whose score passed but whose document was kept alive by reads.
_COUNT = _NOW_MS + """
local live = redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf')
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do
  live = live + redis.call('EXISTS', ARGV[1] .. id)
end
return live
"""

# KEYS: lease. ARGV: token. Deletes the lease only if this holder still owns it.
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


@dataclass(frozen=True)
class RedisKeys:
    """Builds every key the store uses under one prefix."""

    prefix: str

    def session(self, session_id: str) -> str:
        return f"{self.prefix}session:{session_id}"

    def lock(self, session_id: str) -> str:
        return f"{self.prefix}lock:{session_id}"

    @property
    def index(self) -> str:
        return f"{self.prefix}index"

    @property
    def purge_lock(self) -> str:
        return f"{self.prefix}purge-lock"


def redis_client(url: str) -> "Redis":
    """A redis.asyncio client for ``url`` tuned for a web service: short timeouts, one quick
    retry (which also reconnects a pooled connection that died with a Redis restart)."""
    return Redis.from_url(
        url,
        socket_connect_timeout=2,
        socket_timeout=5,
        retry=Retry(ExponentialBackoff(cap=0.1, base=0.01), retries=1),
    )


class RedisSessionStore:
    """:class:`~wayfarer.sessions.SessionStore` on Redis (see the module docstring).

    Takes an injected client (``owns_client`` decides whether :meth:`close` closes it) or
    use :meth:`from_url`. Adds :meth:`put_document` and :meth:`acquire_purge_lease` to the
    protocol (both backends have them).
    """

    def __init__(
        self,
        client: "Redis",
        *,
        ttl_seconds: float,
        turn_wait_seconds: float,
        turn_lease_seconds: float,
        key_prefix: str = "wayfarer:",
        metrics: Metrics | None = None,
        owns_client: bool = False,
    ) -> None:
        self._redis = client
        self._ttl_ms = max(1, int(ttl_seconds * 1000))
        self._ttl = ttl_seconds
        self._turn_wait = turn_wait_seconds
        self._lease_ms = max(1, int(turn_lease_seconds * 1000))
        self._keys = RedisKeys(key_prefix)
        self._metrics = metrics or Metrics()
        self._owns_client = owns_client
        self._create = client.register_script(_CREATE)
        self._put = client.register_script(_PUT)
        self._save = client.register_script(_SAVE)
        self._delete = client.register_script(_DELETE)
        self._purge = client.register_script(_PURGE)
        self._count = client.register_script(_COUNT)
        self._release = client.register_script(_RELEASE)

    @classmethod
    def from_url(cls, url: str, **options: Any) -> "RedisSessionStore":
        """A store with its own client for ``url`` (closed by :meth:`close`)."""
        return cls(redis_client(url), owns_client=True, **options)

    @property
    def keys(self) -> RedisKeys:
        """The key builder (operators and tests read keys through it)."""
        return self._keys

    # -- protocol --------------------------------------------------------------------

    async def create(self, state: SessionState) -> SessionState:
        """Store a new session at version 1 (``SET NX``). Raises ValueError for a
        malformed id and VersionConflict if the id is taken."""
        if not is_session_id(state.session_id):
            raise ValueError(f"malformed session id {state.session_id!r}: use new_session_id()")
        now = utcnow()
        stored = schema.stamped(
            state.model_copy(update={"created_at": now}),
            now=now, ttl_seconds=self._ttl, version=1,
        )
        with self._call("create"):
            created = await self._create(
                keys=self._doc_keys(stored.session_id),
                args=[schema.encode(stored), self._ttl_ms, stored.session_id],
            )
        if not created:
            raise VersionConflict("A session with this id already exists.")
        self._metrics.sessions_created.inc()
        return stored

    async def get(self, session_id: str) -> SessionState:
        """Load the session and refresh its TTL (one ``GETEX``). Raises SessionNotFound."""
        if not is_session_id(session_id):
            raise SessionNotFound("No such session (it may have expired).")
        with self._call("get"):
            raw = await self._redis.getex(self._keys.session(session_id), px=self._ttl_ms)
        if raw is None:
            raise SessionNotFound("No such session (it may have expired).")
        return schema.refreshed(
            self._decode(session_id, raw), now=utcnow(), ttl_seconds=self._ttl
        )

    async def save(self, state: SessionState, expected_version: int) -> SessionState:
        """Compare-and-set in one script: stores ``expected_version + 1`` and refreshes the
        TTL only if the stored version is ``expected_version``. Raises VersionConflict
        (nothing changed) or SessionNotFound."""
        if not is_session_id(state.session_id):
            raise SessionNotFound("No such session (it may have expired).")
        stored = schema.stamped(
            state, now=utcnow(), ttl_seconds=self._ttl, version=expected_version + 1
        )
        with self._call("save"):
            outcome = await self._save(
                keys=self._doc_keys(state.session_id),
                args=[expected_version, schema.encode(stored), self._ttl_ms, state.session_id],
            )
        if outcome == 1:
            return stored
        if outcome == 0:
            self._metrics.turn_lock_conflicts.inc()
            raise VersionConflict("The session changed since it was read; try again.")
        if outcome == -2:
            self._metrics.session_decode_errors.inc()
            log.warning("undecodable session document", extra={"session_id": state.session_id})
        raise SessionNotFound("No such session (it may have expired).")

    async def delete(self, session_id: str) -> bool:
        """Forget the session and its index entry; True when it existed."""
        if not is_session_id(session_id):
            return False
        with self._call("delete"):
            existed = await self._delete(keys=self._doc_keys(session_id), args=[session_id])
        return bool(existed)

    async def purge_expired(self) -> int:
        """Remove index entries of sessions Redis has expired, a chunk per script call;
        returns how many. (Redis' own TTL removes the documents.)"""
        removed = 0
        args: list[int | str] = [PURGE_CHUNK, self._keys.session(""), self._ttl_ms]
        with self._call("purge"):
            while True:
                gone, walked = await self._purge(keys=[self._keys.index], args=args)
                removed += int(gone)
                if int(walked) < PURGE_CHUNK:
                    break
        self._metrics.sessions_purged.inc(removed)
        return removed

    async def count(self) -> int:
        """Live sessions according to the index (server clock). Costs O(log N) plus one
        check per session whose first expiry passed since the last purge."""
        with self._call("count"):
            return int(await self._count(keys=[self._keys.index], args=[self._keys.session("")]))

    async def ping(self) -> None:
        """PING Redis; raises StoreUnavailable when it does not answer."""
        with self._call("ping"):
            await self._redis.ping()

    async def close(self) -> None:
        """Close the client's connections if this store owns the client."""
        if self._owns_client:
            await self._redis.aclose()

    def turn_lock(self, session_id: str) -> AbstractAsyncContextManager[None]:
        """Hold the session's lease (``SET NX PX`` with a random token) for the body.

        Retries with a short jittered backoff for up to ``turn_wait_seconds``, then raises
        TurnInProgress. The lease lasts ``turn_lease_seconds`` so a crashed holder frees it;
        only the holder's token can delete it. A malformed id raises SessionNotFound.
        """
        return self._turn(session_id)

    # -- additions to the protocol ---------------------------------------------------

    async def put_document(self, session_id: str, document: bytes) -> None:
        """Store an encoded document as-is (a restore, or an older schema to migrate); it
        is decoded and upgraded on its next read. Its TTL starts now."""
        if not is_session_id(session_id):
            raise ValueError(f"malformed session id {session_id!r}")
        with self._call("put"):
            await self._put(
                keys=self._doc_keys(session_id), args=[document, self._ttl_ms, session_id]
            )

    async def acquire_purge_lease(self, seconds: float) -> bool:
        """True when this process may purge now: the purge lease was free and is now held
        for ``seconds`` (it is never released early, so other replicas skip this interval)."""
        with self._call("purge_lease"):
            acquired = await self._redis.set(
                self._keys.purge_lock, secrets.token_hex(8), nx=True,
                px=max(1, int(seconds * 1000)),
            )
        return bool(acquired)

    # -- internals -------------------------------------------------------------------

    def _doc_keys(self, session_id: str) -> list[str]:
        return [self._keys.session(session_id), self._keys.index]

    @contextmanager
    def _call(self, op: str) -> Iterator[None]:
        """Time one store operation and translate Redis failures into StoreUnavailable."""
        started = time.perf_counter()
        try:
            yield
        except (RedisConnectionError, RedisTimeoutError, OSError) as exc:
            raise StoreUnavailable("The session store is unreachable; try again shortly.") from exc
        except RedisError as exc:
            log.error("session store error", extra={"op": op, "error": str(exc)})
            raise StoreUnavailable("The session store failed; try again shortly.") from exc
        finally:
            self._metrics.store_latency.labels(op).observe(time.perf_counter() - started)

    def _decode(self, session_id: str, raw: bytes | str) -> SessionState:
        return schema.decode_or_not_found(session_id, raw, self._metrics)

    @asynccontextmanager
    async def _turn(self, session_id: str) -> AsyncIterator[None]:
        if not is_session_id(session_id):
            raise SessionNotFound("No such session (it may have expired).")
        key = self._keys.lock(session_id)
        token = secrets.token_hex(16)
        await self._acquire(key, token)
        try:
            yield
        finally:
            try:
                with self._call("unlock"):
                    await self._release(keys=[key], args=[token])
            except StoreUnavailable:
                log.warning(
                    "turn lease not released; it expires by itself",
                    extra={"session_id": session_id},
                )

    async def _acquire(self, key: str, token: str) -> None:
        deadline = time.monotonic() + self._turn_wait
        delay = 0.002
        waited = False
        while True:
            with self._call("lock"):
                if await self._redis.set(key, token, nx=True, px=self._lease_ms):
                    return
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self._metrics.turn_lock_conflicts.inc()
                raise TurnInProgress(
                    "Another message on this conversation is still being answered."
                )
            if not waited:
                waited = True
                self._metrics.turn_lock_waits.inc()
            await asyncio.sleep(min(delay * random.uniform(0.5, 1.5), remaining))
            delay = min(delay * 2, 0.05)
