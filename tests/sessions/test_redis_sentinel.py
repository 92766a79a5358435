"""A Sentinel-managed primary (the contract suite runs on one too): a conversation through
the configured services, and the store following a fail-over to the promoted replica
without a restart."""

import asyncio
from collections.abc import Iterator

import pytest
from redis.asyncio import Redis

from tests.conftest import SettingsFactory
from tests.reference import reference
from tests.support import RedisSentinelServers, running_sentinel
from wayfarer.domain import Message, SessionState
from wayfarer.errors import SessionNotFound, StoreUnavailable
from wayfarer.sessions import RedisSessionStore, new_session_id
from wayfarer.wiring import build_services

pytestmark = pytest.mark.redis


@pytest.fixture
def private_sentinel() -> Iterator[RedisSentinelServers]:
    """Servers of this test alone: it kills the primary."""
    try:
        with running_sentinel() as servers:
            yield servers
    except FileNotFoundError as exc:
        pytest.skip(f"no Redis Sentinel available: {exc}")


async def test_the_store_follows_a_failover(private_sentinel: RedisSentinelServers) -> None:
    store = RedisSessionStore.from_url(
        private_sentinel.url, ttl_seconds=60, turn_wait_seconds=2, turn_lease_seconds=5,
        key_prefix="wf:",
    )
    primary = Redis(port=private_sentinel.primary.port)
    try:
        created = await store.create(SessionState(session_id=new_session_id()))
        assert await primary.wait(1, 5000) == 1  # the replica has it
        await primary.aclose()
        private_sentinel.primary.stop()
        for _ in range(300):  # Sentinel notices after 1 s and promotes the replica
            try:
                state = await store.get(created.session_id)
                break
            except (StoreUnavailable, SessionNotFound):
                await asyncio.sleep(0.1)
        else:
            pytest.fail("the store never reached the promoted replica")
        async with store.turn_lock(created.session_id):
            state.history.append(Message(role="user", content="still here"))
            saved = await store.save(state, expected_version=state.version)
        assert saved.version == 2
        assert (await store.get(created.session_id)).history[-1].content == "still here"
    finally:
        await primary.aclose()
        await store.close()


async def test_a_conversation_through_sentinel(
    make_settings: SettingsFactory, redis_sentinel: RedisSentinelServers, redis_prefix: str
) -> None:
    settings = make_settings(
        session_backend="redis", redis_url=redis_sentinel.url, redis_key_prefix=redis_prefix
    )
    services = await build_services(settings, reference=reference())
    try:
        state = await services.orchestrator.start()
        result = await services.orchestrator.turn(state.session_id, "2 days in Kyoto")
        assert result.state.preferences.city == "Kyoto"
        assert (await services.store.get(state.session_id)).version == 2
    finally:
        await services.close()
