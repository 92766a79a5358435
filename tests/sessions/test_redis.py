"""Behaviour only the Redis backend has: key layout, native TTL, lease tokens and fencing,
several replicas on one Redis, and surviving a Redis restart."""

import asyncio
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from tests.sessions.conftest import sample
from tests.support import RedisServer
from wayfarer.domain import SCHEMA_VERSION, Message, SessionState
from wayfarer.errors import SessionNotFound, StoreUnavailable, TurnInProgress, VersionConflict
from wayfarer.observability import Metrics
from wayfarer.sessions import RedisSessionStore, new_session_id, purge_once

pytestmark = pytest.mark.redis


@pytest.fixture
async def stores(redis_url: str, redis_prefix: str) -> AsyncIterator[list[RedisSessionStore]]:
    """Two stores with their own clients on one Redis and prefix: two replicas."""
    built = [
        RedisSessionStore.from_url(
            redis_url, ttl_seconds=30, turn_wait_seconds=10, turn_lease_seconds=5,
            key_prefix=redis_prefix,
        )
        for _ in range(2)
    ]
    yield built
    for store in built:
        await store.close()


async def test_one_json_document_per_session_with_native_ttl(
    stores: list[RedisSessionStore], raw_redis: Redis
) -> None:
    store = stores[0]
    created = await store.create(SessionState(session_id=new_session_id()))
    key = store.keys.session(created.session_id)
    raw = await raw_redis.get(key)
    assert raw is not None and raw.startswith(b'{"schema_version":%d,' % SCHEMA_VERSION)
    assert 29_000 < await raw_redis.pttl(key) <= 30_000
    await raw_redis.pexpire(key, 5_000)
    await store.get(created.session_id)
    assert await raw_redis.pttl(key) > 29_000  # a read refreshes the TTL
    assert await raw_redis.zscore(store.keys.index, created.session_id) is not None
    await store.delete(created.session_id)
    assert await raw_redis.zscore(store.keys.index, created.session_id) is None


async def test_two_replicas_read_and_update_the_same_session(
    stores: list[RedisSessionStore],
) -> None:
    first, second = stores
    created = await first.create(SessionState(session_id=new_session_id()))
    assert (await second.get(created.session_id)).version == 1

    async def turn(store: RedisSessionStore, n: int) -> None:
        async with store.turn_lock(created.session_id):
            state = await store.get(created.session_id)
            state.history.append(Message(role="user", content=f"{n}"))
            await store.save(state, expected_version=state.version)

    await asyncio.gather(*(turn(stores[n % 2], n) for n in range(30)))
    final = await first.get(created.session_id)
    assert sorted(int(m.content) for m in final.history) == list(range(30))
    assert final.version == 31


async def test_an_expired_lease_is_fenced_by_the_version(
    redis_url: str, redis_prefix: str, raw_redis: Redis
) -> None:
    store = RedisSessionStore.from_url(
        redis_url, ttl_seconds=30, turn_wait_seconds=2, turn_lease_seconds=0.2,
        key_prefix=redis_prefix,
    )
    try:
        created = await store.create(SessionState(session_id=new_session_id()))
        lock_key = store.keys.lock(created.session_id)
        with pytest.raises(VersionConflict):
            async with store.turn_lock(created.session_id):
                slow = await store.get(created.session_id)
                await raw_redis.delete(lock_key)  # the lease is lost mid-turn (a long stall)
                async with store.turn_lock(created.session_id):  # a second turn gets it
                    fast = await store.get(created.session_id)
                    fast.history.append(Message(role="user", content="fast"))
                    await store.save(fast, expected_version=fast.version)
                    holder = await raw_redis.get(lock_key)
                    assert holder is not None
                slow.history.append(Message(role="user", content="slow"))
                await store.save(slow, expected_version=slow.version)
        final = await store.get(created.session_id)
        assert [m.content for m in final.history] == ["fast"]
    finally:
        await store.close()


async def test_only_the_holder_releases_the_lease(
    stores: list[RedisSessionStore], raw_redis: Redis
) -> None:
    store = stores[0]
    created = await store.create(SessionState(session_id=new_session_id()))
    lock_key = store.keys.lock(created.session_id)
    await raw_redis.set(lock_key, "someone-else", px=5_000)
    quick = RedisSessionStore(
        raw_redis, ttl_seconds=30, turn_wait_seconds=0.1, turn_lease_seconds=5,
        key_prefix=store.keys.prefix,
    )
    with pytest.raises(TurnInProgress):
        async with quick.turn_lock(created.session_id):
            pass
    assert await raw_redis.get(lock_key) == b"someone-else"
    await quick.close()  # does not own the client: it stays usable
    assert await raw_redis.ping()


async def test_a_crashed_holders_lease_lapses_and_the_waiter_gets_it(
    stores: list[RedisSessionStore], raw_redis: Redis
) -> None:
    store = stores[0]
    created = await store.create(SessionState(session_id=new_session_id()))
    await raw_redis.set(store.keys.lock(created.session_id), "crashed-holder", px=200)
    async with store.turn_lock(created.session_id):  # waits for the crashed lease to lapse
        pass


async def test_redis_killed_and_restarted_mid_conversation(private_redis: RedisServer) -> None:
    metrics = Metrics()
    store = RedisSessionStore.from_url(
        private_redis.url, ttl_seconds=30, turn_wait_seconds=1, turn_lease_seconds=5,
        key_prefix="wf:", metrics=metrics,
    )
    try:
        created = await store.create(SessionState(session_id=new_session_id()))
        async with store.turn_lock(created.session_id):
            state = await store.get(created.session_id)
            await store.save(state, expected_version=state.version)

        private_redis.stop()
        for attempt in (store.ping(), store.get(created.session_id), store.count(),
                        store.create(SessionState(session_id=new_session_id()))):
            with pytest.raises(StoreUnavailable):
                await attempt
        with pytest.raises(StoreUnavailable):
            async with store.turn_lock(created.session_id):
                pass
        assert await purge_once(store, metrics, 60) is None  # logged, not raised

        private_redis.start()  # same port, empty: the client reconnects by itself
        await store.ping()
        with pytest.raises(SessionNotFound):  # Redis kept nothing on disk
            await store.get(created.session_id)
        again = await store.create(SessionState(session_id=new_session_id()))
        async with store.turn_lock(again.session_id):
            state = await store.get(again.session_id)
            assert (await store.save(state, expected_version=1)).version == 2
        assert await purge_once(store, metrics, 60) == 0
        assert sample(metrics, "wayfarer_sessions_active") == 1
    finally:
        await store.close()
