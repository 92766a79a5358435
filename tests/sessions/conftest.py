"""Fixtures for the session-store suites: stores of each backend, built directly.

``make_store`` builds stores of the test's backend (``backend`` is parametrised over memory,
a real Redis, a real 3-master Redis Cluster and a Sentinel-managed primary) and closes them
afterwards; Redis stores share the test's unique prefix, so two stores in one test see the
same sessions like two replicas.
"""

from collections.abc import AsyncIterator, Iterator
from typing import Any, Protocol

import pytest
from redis.asyncio import Redis

from tests.support import (
    RedisClusterServers,
    RedisSentinelServers,
    RedisServer,
    in_ci,
    running_cluster,
    running_redis,
    running_sentinel,
)
from wayfarer.observability import Metrics
from wayfarer.sessions import MemorySessionStore, RedisSessionStore

Store = MemorySessionStore | RedisSessionStore


class StoreFactory(Protocol):
    def __call__(
        self,
        *,
        ttl_seconds: float = ...,
        turn_wait_seconds: float = ...,
        turn_lease_seconds: float = ...,
        max_sessions: int = ...,
        metrics: Metrics | None = ...,
    ) -> Store: ...


@pytest.fixture(scope="session")
def redis_cluster() -> Iterator[RedisClusterServers]:
    """A 3-master Redis Cluster for the whole test session (fails under CI when missing)."""
    try:
        with running_cluster() as cluster:
            yield cluster
    except FileNotFoundError as exc:
        if in_ci():
            pytest.fail(f"CI needs redis-server and redis-cli: {exc}")
        pytest.skip(f"no Redis Cluster available: {exc}")


@pytest.fixture
def private_redis() -> Iterator[RedisServer]:
    """A redis-server of this test alone, so stopping or pausing it disturbs no other test."""
    try:
        with running_redis() as server:
            yield server
    except FileNotFoundError as exc:
        pytest.skip(f"no Redis available: {exc}")


@pytest.fixture(scope="session")
def redis_sentinel() -> Iterator[RedisSentinelServers]:
    """A Sentinel-managed primary with a replica for the whole test session."""
    try:
        with running_sentinel() as servers:
            yield servers
    except FileNotFoundError as exc:
        if in_ci():
            pytest.fail(f"CI needs redis-server and redis-cli: {exc}")
        pytest.skip(f"no Redis Sentinel available: {exc}")


@pytest.fixture(
    params=[
        "memory",
        pytest.param("redis", marks=pytest.mark.redis),
        pytest.param("cluster", marks=pytest.mark.redis),
        pytest.param("sentinel", marks=pytest.mark.redis),
    ]
)
def backend(request: pytest.FixtureRequest) -> str:
    """Each session backend in turn (a Redis Cluster and a Sentinel-managed primary are the
    Redis store on their URLs)."""
    return str(request.param)


@pytest.fixture
async def make_store(
    backend: str, request: pytest.FixtureRequest
) -> AsyncIterator[StoreFactory]:
    """Build stores of ``backend``; every one is closed when the test ends."""
    url = ""
    if backend == "redis":
        url = request.getfixturevalue("redis_url")
    elif backend in ("cluster", "sentinel"):
        url = request.getfixturevalue(f"redis_{backend}").url
    prefix = request.getfixturevalue("redis_prefix") if url else ""
    built: list[Store] = []

    def build(
        *,
        ttl_seconds: float = 60.0,
        turn_wait_seconds: float = 5.0,
        turn_lease_seconds: float = 30.0,
        max_sessions: int = 10_000,
        metrics: Metrics | None = None,
    ) -> Store:
        store: Store
        if backend == "memory":
            store = MemorySessionStore(
                ttl_seconds=ttl_seconds,
                max_sessions=max_sessions,
                turn_wait_seconds=turn_wait_seconds,
                metrics=metrics,
            )
        else:
            store = RedisSessionStore.from_url(
                url,
                ttl_seconds=ttl_seconds,
                turn_wait_seconds=turn_wait_seconds,
                turn_lease_seconds=turn_lease_seconds,
                key_prefix=prefix,
                metrics=metrics,
            )
        built.append(store)
        return store

    yield build
    for store in built:
        await store.close()


@pytest.fixture
async def store(make_store: StoreFactory) -> Store:
    """A store of the test's backend with default test settings."""
    return make_store()


@pytest.fixture
async def raw_redis(redis_url: str) -> AsyncIterator[Redis]:
    """A plain client on the test Redis, to look at keys directly."""
    client = Redis.from_url(redis_url)
    yield client
    await client.aclose()


def sample(metrics: Metrics, name: str, **labels: Any) -> float:
    """The current value of one metric sample (0 when it was never touched)."""
    value = metrics.registry.get_sample_value(name, labels or None)
    return value or 0.0
