"""Connecting to Redis: the client (a single Redis or a Redis Cluster), its pool, and the
words operators read when Redis fails.

A single Redis gets a *blocking* pool of ``pool_size`` connections: a request waits up to
``pool_timeout`` seconds for a free connection instead of failing when many are in flight.
A ``redis+cluster://`` (or ``rediss+cluster://``) URL selects Redis Cluster: redis-py's
cluster client, one pool of ``pool_size`` connections per node. A
``redis+sentinel://[:password@]host:port[,host:port…]/<service>[/db]`` URL asks those
Sentinels for the primary of ``<service>`` and follows fail-overs (redis-py's Sentinel
client; the password is the primary's). Secrets in URLs are never logged: use
:func:`redacted_url`.
"""

from dataclasses import dataclass
from typing import TypeAlias
from urllib.parse import SplitResult, unquote, urlsplit, urlunsplit

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.cluster import RedisCluster
from redis.asyncio.retry import Retry
from redis.asyncio.sentinel import Sentinel
from redis.backoff import ExponentialBackoff
from redis.exceptions import (
    AuthenticationError,
    AuthorizationError,
    MaxConnectionsError,
    RedisError,
    ResponseError,
)
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from wayfarer.config import redacted_url
from wayfarer.errors import ConfigError

Client: TypeAlias = Redis | RedisCluster

CLUSTER_SCHEMES = {"redis+cluster": "redis", "rediss+cluster": "rediss"}
SENTINEL_SCHEME = "redis+sentinel"


@dataclass(frozen=True)
class ClientOptions:
    """How the client connects: pool size, the wait for a free connection, timeouts."""

    pool_size: int = 64
    pool_timeout: float = 3.0
    socket_timeout: float = 2.0
    connect_timeout: float = 2.0


def is_cluster_url(url: str) -> bool:
    """True for ``redis+cluster://`` and ``rediss+cluster://`` URLs."""
    return urlsplit(url).scheme in CLUSTER_SCHEMES


def redis_client(url: str, options: ClientOptions | None = None) -> Client:
    """A client for ``url`` tuned for a web service: bounded waits everywhere, one quick
    retry (which also reconnects a pooled connection that died with a Redis restart)."""
    options = options or ClientOptions()
    retry = Retry(ExponentialBackoff(cap=0.1, base=0.01), retries=1)
    parts = urlsplit(url)
    if parts.scheme == SENTINEL_SCHEME:
        return _sentinel_client(parts, options, retry)
    if parts.scheme in CLUSTER_SCHEMES:
        plain = urlunsplit(parts._replace(scheme=CLUSTER_SCHEMES[parts.scheme]))
        return RedisCluster.from_url(
            plain,
            max_connections=options.pool_size,
            socket_connect_timeout=options.connect_timeout,
            socket_timeout=options.socket_timeout,
            retry=retry,
        )
    pool = BlockingConnectionPool.from_url(
        url,
        max_connections=options.pool_size,
        timeout=options.pool_timeout,
        socket_connect_timeout=options.connect_timeout,
        socket_timeout=options.socket_timeout,
        retry=retry,
    )
    return Redis.from_pool(pool)  # the client owns the pool: aclose() closes it


class SentinelPrimary(Redis):
    """The primary's client; closing it also closes the connections to its Sentinels."""

    watchers: Sentinel | None = None

    async def aclose(self, close_connection_pool: bool | None = None) -> None:
        await super().aclose(close_connection_pool)
        for watcher in self.watchers.sentinels if self.watchers else []:
            await watcher.aclose()


def _sentinel_client(parts: SplitResult, options: ClientOptions, retry: Retry) -> Redis:
    """The primary of the service a ``redis+sentinel://`` URL names, through its Sentinels."""
    userinfo, _, hosts = parts.netloc.rpartition("@")
    password = unquote(userinfo.partition(":")[2]) or None if userinfo else None
    sentinels = []
    for host in hosts.split(","):
        name, _, port = host.rpartition(":")
        sentinels.append((name, int(port or 26379)))
    path = [piece for piece in parts.path.split("/") if piece]
    if not path:
        raise ConfigError(
            "invalid configuration: WAYFARER_REDIS_URL: a redis+sentinel:// URL needs the "
            "service name as its path (redis+sentinel://host:26379/mymaster)"
        )
    sentinel = Sentinel(  # type: ignore[no-untyped-call]
        sentinels,
        socket_timeout=options.socket_timeout,
        socket_connect_timeout=options.connect_timeout,
    )
    client: SentinelPrimary = sentinel.master_for(
        path[0],
        redis_class=SentinelPrimary,
        db=int(path[1]) if len(path) > 1 else 0,
        password=password,
        max_connections=options.pool_size,
        socket_timeout=options.socket_timeout,
        socket_connect_timeout=options.connect_timeout,
        retry=retry,
    )
    client.watchers = sentinel
    return client


def failure_cause(exc: BaseException) -> str:
    """One word for why a Redis call failed, for logs and the ``store_unavailable`` cause:
    ``pool_exhausted``, ``timeout``, ``refused``, ``auth``, ``connection`` or ``error``."""
    if isinstance(exc, MaxConnectionsError) or (
        isinstance(exc, RedisConnectionError) and "No connection available" in str(exc)
    ):
        return "pool_exhausted"
    if isinstance(exc, AuthenticationError | AuthorizationError) or (
        isinstance(exc, ResponseError) and str(exc).startswith(("NOAUTH", "WRONGPASS"))
    ):
        return "auth"
    if isinstance(exc, RedisTimeoutError | TimeoutError):
        return "timeout"
    if isinstance(exc, ConnectionRefusedError) or "refused" in str(exc).lower():
        return "refused"
    if isinstance(exc, RedisConnectionError | OSError):
        return "connection"
    return "error"


async def check_deployment(client: Client, url: str) -> None:
    """Raise ConfigError (one line) when the server's mode does not match the URL: a
    plain URL pointed at a Redis Cluster node would fail every multi-key write."""
    if isinstance(client, RedisCluster):
        return
    try:
        info = await client.info("cluster")
    except RedisError:
        return  # an unreachable server is reported by the ping
    if info.get("cluster_enabled") in (1, "1"):
        raise ConfigError(
            f"invalid configuration: WAYFARER_REDIS_URL: {redacted_url(url)} is a Redis Cluster "
            "node; use a redis+cluster:// URL to run on a cluster"
        )
