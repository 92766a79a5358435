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

**One deadline per store operation.** redis-py's ``socket_timeout`` bounds every send (an
``asyncio.wait_for``, a task per send on Python 3.11) and every read separately, and a
timed-out read was retried; here redis-py's connections have no socket timeout and each
store operation runs under one ``asyncio.timeout`` of ``socket_timeout`` seconds instead
(:class:`Operations`), so a stalled Redis is reported after ``socket_timeout`` whatever
the operation sends or reads. A wait for a free pooled connection is bounded by the pool's
own ``pool_timeout`` (cause ``pool_exhausted``), not by that deadline
(:class:`OperationPool`).
"""

import asyncio
import logging
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from types import TracebackType
from typing import Any, TypeAlias
from urllib.parse import SplitResult, unquote, urlsplit, urlunsplit

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.cluster import RedisCluster
from redis.asyncio.connection import AbstractConnection
from redis.asyncio.retry import Retry
from redis.asyncio.sentinel import Sentinel
from redis.backoff import ExponentialBackoff
from redis.connection import HiredisRespSerializer
from redis.exceptions import (
    AuthenticationError,
    AuthorizationError,
    MaxConnectionsError,
    RedisError,
    ResponseError,
)
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.utils import HIREDIS_AVAILABLE

from wayfarer.config import redacted_url
from wayfarer.errors import ConfigError, StoreUnavailable
from wayfarer.observability import Metrics

Client: TypeAlias = Redis | RedisCluster

log = logging.getLogger("wayfarer.sessions")

CLUSTER_SCHEMES = {"redis+cluster": "redis", "rediss+cluster": "rediss"}
SENTINEL_SCHEME = "redis+sentinel"


@dataclass(frozen=True)
class ClientOptions:
    """How the client connects: pool size, the wait for a free connection, timeouts.

    ``socket_timeout`` bounds one store operation as a whole (:class:`Operations`), not
    each socket send and read."""

    pool_size: int = 64
    pool_timeout: float = 3.0
    socket_timeout: float = 2.0
    connect_timeout: float = 2.0


def is_cluster_url(url: str) -> bool:
    """True for ``redis+cluster://`` and ``rediss+cluster://`` URLs."""
    return urlsplit(url).scheme in CLUSTER_SCHEMES


def redis_client(url: str, options: ClientOptions | None = None) -> Client:
    """A client for ``url`` tuned for a web service: bounded connects and pool waits, one
    quick retry of a dropped connection (which reconnects a pooled connection that died
    with a Redis restart). Its commands have no timeout of their own: run them inside
    :class:`Operations`, whose deadline is ``options.socket_timeout``."""
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
            socket_timeout=None,
            retry=retry,
        )
    pool = OperationPool.from_url(
        url,
        max_connections=options.pool_size,
        timeout=options.pool_timeout,
        socket_connect_timeout=options.connect_timeout,
        socket_timeout=None,
        retry=retry,
    )
    pool.operation_timeout = options.socket_timeout
    pool.connection_class = hiredis_packing(pool.connection_class)
    return Redis.from_pool(pool)  # the client owns the pool: aclose() closes it


def hiredis_packing(connection_class: type[AbstractConnection]) -> type[AbstractConnection]:
    """``connection_class`` (plain, TLS or Unix socket, as the URL chose) packing commands
    with hiredis's C packer, as redis-py's synchronous client does; its asyncio connections
    pack in Python, about 5x slower for a 13 KB document (docs/benchmarks.md). Unchanged
    without hiredis."""
    if not HIREDIS_AVAILABLE:
        return connection_class
    packer = HiredisRespSerializer()

    def pack_command(self: AbstractConnection, *args: Any) -> list[bytes]:
        return packer.pack(*args)  # type: ignore[no-any-return]

    return type(f"Hiredis{connection_class.__name__}", (connection_class,),
                {"pack_command": pack_command})


_OPERATION: ContextVar["asyncio.Timeout | None"] = ContextVar(
    "wayfarer-redis-operation", default=None
)
"""The deadline of the store operation the current task is running, if any."""


class OperationPool(BlockingConnectionPool):
    """A blocking pool whose wait for a free connection is bounded by its own ``timeout``
    only: when no connection is free, the running operation's deadline moves past that
    wait (so an exhausted pool is reported as ``pool_exhausted``, not ``timeout``), and
    once a connection is had the operation gets its whole ``operation_timeout`` again.

    **Fast path.** When a connected connection is free (the usual case), it is taken and
    given back without redis-py's condition lock, per-wait timeout and pool observability
    hooks (four awaited recorders and an event dispatch per command, which the store does
    not use: its own ``wayfarer_store_*`` metrics time each operation); the connection is
    still checked for unread data or a closed socket before use, and waiters are still
    woken when a connection comes back. Anything else (no free connection, a pool in
    maintenance) takes redis-py's own path."""

    operation_timeout: float = ClientOptions.socket_timeout

    async def get_connection(self, *args: Any, **kwargs: Any) -> AbstractConnection:
        free = self._available_connections
        if free and not self._in_maintenance and free[-1].is_connected:
            connection = free.pop()
            self._in_use_connections.add(connection)
            try:
                await self.ensure_connection(connection)
            except BaseException:
                await self.release(connection)
                raise
            return connection
        deadline = _OPERATION.get()
        if deadline is None or self.can_get_connection():
            return await super().get_connection(*args, **kwargs)  # type: ignore[no-untyped-call,no-any-return]
        now = asyncio.get_running_loop().time()
        wait = None if self.timeout is None else now + self.timeout + self.operation_timeout
        deadline.reschedule(wait)
        connection = await super().get_connection(*args, **kwargs)  # type: ignore[no-untyped-call]
        deadline.reschedule(asyncio.get_running_loop().time() + self.operation_timeout)
        return connection  # type: ignore[no-any-return]

    async def release(self, connection: AbstractConnection) -> None:
        if self._in_maintenance or connection not in self._in_use_connections:
            await super().release(connection)
            return
        self._in_use_connections.remove(connection)
        if connection.should_reconnect():  # type: ignore[no-untyped-call]
            await connection.disconnect()
        self._available_connections.append(connection)
        if self._condition._waiters:  # somebody waits for a connection: wake one
            async with self._condition:
                self._condition.notify()


class Operations:
    """Runs each store operation (``async with operations("get"): ...``) under one
    deadline of ``seconds``, times it (``observe``: ``wayfarer_store_operation_seconds``)
    and turns a Redis failure (or the deadline passing) into StoreUnavailable with a
    one-word cause (:func:`failure_cause`; never the URL)."""

    def __init__(
        self, metrics: Metrics, seconds: float, observe: Callable[[str, float], None]
    ) -> None:
        self.metrics = metrics
        self.seconds = seconds
        self.observe = observe  # the store's StoreBase._observe

    def __call__(self, op: str) -> "Operation":
        return Operation(self, op)


class Operation:
    """One bounded store operation (see :class:`Operations`)."""

    __slots__ = ("_deadline", "_entered", "_op", "_operations", "_started")

    def __init__(self, operations: Operations, op: str) -> None:
        self._operations = operations
        self._op = op

    async def __aenter__(self) -> None:
        self._started = time.perf_counter()
        self._deadline = asyncio.timeout(self._operations.seconds)
        await self._deadline.__aenter__()
        self._entered = _OPERATION.set(self._deadline)

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        _OPERATION.reset(self._entered)
        try:
            try:
                await self._deadline.__aexit__(kind, exc, tb)
            except TimeoutError as expired:  # the deadline passed: cancelled in Redis I/O
                exc = expired
            if isinstance(exc, RedisConnectionError | RedisTimeoutError | OSError):
                self._unavailable(exc, "The session store is unreachable; try again shortly.")
            if isinstance(exc, RedisError):
                log.error("session store error", extra={
                    "op": self._op, "cause": failure_cause(exc), "error": type(exc).__name__
                })
                self._unavailable(exc, "The session store failed; try again shortly.")
        finally:
            self._operations.observe(self._op, time.perf_counter() - self._started)

    def _unavailable(self, exc: BaseException, message: str) -> None:
        cause = failure_cause(exc)
        self._operations.metrics.store_unavailable.labels(cause).inc()
        raise StoreUnavailable(message, cause=cause) from exc


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
        socket_timeout=None,
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
