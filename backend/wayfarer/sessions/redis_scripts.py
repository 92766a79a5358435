"""The Lua scripts and key layout of the Redis session store (see sessions/redis.py).

Every script touches one slot: on Redis Cluster a session's keys share a hash tag, and the
purge and count scripts compute only session keys of their own index's tag.
"""

from dataclasses import dataclass

PURGE_CHUNK = 1000
"""Index entries removed per purge script call (keeps each call short for Redis)."""

NOW_MS = "local t = redis.call('TIME') local now = t[1] * 1000 + math.floor(t[2] / 1000)\n"

# KEYS: session, index. ARGV: document, ttl ms, id. Returns 1, or 0 when the id is taken.
CREATE = NOW_MS + """
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[2], now + ARGV[2], ARGV[3])
return 1
"""

# KEYS: session, index. ARGV: document, ttl ms, id. Unconditional write (restores).
PUT = NOW_MS + """
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('ZADD', KEYS[2], now + ARGV[2], ARGV[3])
return 1
"""

# KEYS: session, index. ARGV: expected version, new document, ttl ms, id.
# Returns 1 saved, 0 version conflict, -1 no such session, -2 stored document unreadable.
SAVE = NOW_MS + """
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
DELETE = """
local existed = redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return existed
"""

# KEYS: index. ARGV: chunk size, session key prefix, ttl ms. Walks up to a chunk of
# entries whose score has passed: removes those whose document is gone, re-scores those
# kept alive by reads. Returns {removed, walked}.
PURGE = NOW_MS + """
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
COUNT = NOW_MS + """
local live = redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf')
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do
  live = live + redis.call('EXISTS', ARGV[1] .. id)
end
return live
"""

# KEYS: lease. ARGV: token, ms. Takes a free lease, or re-takes one this token already
# holds (an earlier attempt whose reply was lost). Returns 1 held, 0 someone else's.
TAKE = """
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
"""

# KEYS: lease. ARGV: token, ms. Extends the lease only while this token holds it.
RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
"""

# KEYS: lease. ARGV: token. Deletes the lease only if this holder still owns it.
RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


BUCKETS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
"""Redis Cluster shards sessions by the first character of their id (one hash tag each)."""


@dataclass(frozen=True)
class Shard:
    """One index and the prefix of the session keys it lists (purge and count walk each)."""

    index: str
    session_prefix: str


@dataclass(frozen=True)
class RedisKeys:
    """Builds every key the store uses under one prefix.

    Single Redis: ``P session:<id>``, ``P lock:<id>`` and one ``P index``. Redis Cluster
    (``cluster``): the first character ``c`` of the id is a hash tag in every key of the
    session (``P session:{c}:<id>``, ``P lock:{c}:<id>``, ``P index:{c}``), so a session's
    document, lease and index entry share a slot and every script touches one slot; the
    64 indexes spread over the cluster's nodes and purge and count walk each.
    """

    prefix: str
    cluster: bool = False

    def _tag(self, session_id: str) -> str:
        return f"{{{session_id[:1]}}}:" if self.cluster else ""

    def session(self, session_id: str) -> str:
        return f"{self.prefix}session:{self._tag(session_id)}{session_id}"

    def lock(self, session_id: str) -> str:
        return f"{self.prefix}lock:{self._tag(session_id)}{session_id}"

    def index_of(self, session_id: str) -> str:
        """The index listing ``session_id``."""
        return f"{self.prefix}index:{{{session_id[:1]}}}" if self.cluster else self.index

    def documents(self, session_id: str) -> list[str]:
        """The keys a document script touches: the document and its index."""
        return [self.session(session_id), self.index_of(session_id)]

    def shards(self) -> list[Shard]:
        """Every index with its session-key prefix (one on a single Redis)."""
        if not self.cluster:
            return [Shard(self.index, f"{self.prefix}session:")]
        return [
            Shard(self.index_of(c), f"{self.prefix}session:{self._tag(c)}") for c in BUCKETS
        ]

    @property
    def index(self) -> str:
        return f"{self.prefix}index"

    @property
    def purge_lock(self) -> str:
        return f"{self.prefix}purge-lock"
