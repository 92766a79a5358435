"""A Redis turn in two round trips (issue 14): taking the lease reads the document, the
turn's save releases the lease; a turn without a save, a conflicting save and a second read
keep today's behaviour."""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from redis.asyncio import Redis

from tests.support import RedisServer
from wayfarer.domain import Message, SessionState
from wayfarer.errors import TurnInProgress, VersionConflict
from wayfarer.sessions import RedisSessionStore, new_session_id

pytestmark = pytest.mark.redis


@pytest.fixture
async def raw(private_redis: RedisServer) -> AsyncIterator[Redis]:
    client = Redis.from_url(private_redis.url)
    yield client
    await client.aclose()


@pytest.fixture
async def store(private_redis: RedisServer) -> AsyncIterator[RedisSessionStore]:
    built = RedisSessionStore.from_url(
        private_redis.url, ttl_seconds=30, turn_wait_seconds=1, turn_lease_seconds=5,
        key_prefix="wf:",
    )
    yield built
    await built.close()


async def client_commands(raw: Redis, during: Callable[[], Awaitable[object]]) -> list[str]:
    """The commands clients sent while ``during()`` ran (MONITOR between two ECHO marks
    sent through ``raw``; commands inside scripts left out)."""
    seen: list[str] = []
    async with Redis(connection_pool=raw.connection_pool).monitor() as monitor:
        async def watch() -> None:
            started = False
            while True:
                command = await monitor.next_command()
                if command["command"] == "ECHO end-of-watch":
                    return
                if started and command.get("client_type") != "lua":
                    seen.append(command["command"].split()[0].upper())
                started = started or command["command"] == "ECHO start-of-watch"

        watcher = asyncio.create_task(watch())
        await raw.echo("start-of-watch")
        await during()
        await raw.echo("end-of-watch")
        await asyncio.wait_for(watcher, 5)
    return seen


async def turn(store: RedisSessionStore, session_id: str, text: str) -> SessionState:
    async with store.turn_lock(session_id):
        state = await store.get(session_id)
        state.history.append(Message(role="user", content=text))
        return await store.save(state, expected_version=state.version)


async def test_a_turn_is_two_scripts_and_its_save_releases_the_lease(
    store: RedisSessionStore, raw: Redis
) -> None:
    created = await store.create(SessionState(session_id=new_session_id()))
    await turn(store, created.session_id, "warm up")  # loads the scripts
    saved: list[SessionState] = []

    async def second_turn() -> None:
        saved.append(await turn(store, created.session_id, "second"))

    assert await client_commands(raw, second_turn) == ["EVALSHA", "EVALSHA"]
    assert saved[0].version == 3
    assert await raw.exists(store.keys.lock(created.session_id)) == 0
    stored = await store.get(created.session_id)
    assert [m.content for m in stored.history] == ["warm up", "second"]
    assert await raw.pttl(store.keys.session(created.session_id)) > 25_000


async def test_a_turn_without_a_save_releases_the_lease_alone(
    store: RedisSessionStore, raw: Redis
) -> None:
    created = await store.create(SessionState(session_id=new_session_id()))
    async with store.turn_lock(created.session_id):
        await store.get(created.session_id)
        assert await raw.exists(store.keys.lock(created.session_id)) == 1
    assert await raw.exists(store.keys.lock(created.session_id)) == 0
    assert (await store.get(created.session_id)).version == 1


async def test_a_conflicting_save_keeps_the_lease_until_the_turn_ends(
    store: RedisSessionStore, raw: Redis, private_redis: RedisServer
) -> None:
    other = RedisSessionStore.from_url(
        private_redis.url, ttl_seconds=30, turn_wait_seconds=1, turn_lease_seconds=5,
        key_prefix="wf:",
    )
    try:
        created = await store.create(SessionState(session_id=new_session_id()))
        lock_key = store.keys.lock(created.session_id)
        async with store.turn_lock(created.session_id):
            state = await store.get(created.session_id)
            # a writer outside the lease (another replica's save) moves the version on
            await other.save(await other.get(created.session_id), expected_version=1)
            with pytest.raises(VersionConflict):
                await store.save(state, expected_version=state.version)
            assert await raw.exists(lock_key) == 1
            # a second read in the turn goes to Redis and sees the newer version
            assert (await store.get(created.session_id)).version == 2
        assert await raw.exists(lock_key) == 0
    finally:
        await other.close()


async def test_the_lease_read_serves_only_the_first_read_of_its_own_session(
    store: RedisSessionStore,
) -> None:
    created = await store.create(SessionState(session_id=new_session_id()))
    async with store.turn_lock(created.session_id):
        # another session in the same turn, and the same session after a save elsewhere,
        # are read from Redis, never from the turn's lease read
        second = await store.create(SessionState(session_id=new_session_id()))
        assert (await store.get(second.session_id)).session_id == second.session_id
        state = await store.get(created.session_id)
        saved = await store.save(state, expected_version=state.version)
        assert (await store.get(created.session_id)).version == saved.version == 2


async def test_a_turn_longer_than_its_lease_keeps_it_until_it_ends(
    private_redis: RedisServer, raw: Redis
) -> None:
    """The lease is renewed while its turn runs (more than two lease periods here, each
    turn's lease renewed by the store's one renewing task), so no other turn gets in, and
    it is gone once the turn ends, whether the turn saved or not. (The lease is a second
    long so a renewal a few hundred milliseconds late on a busy machine still holds it.)"""
    first, second = (
        RedisSessionStore.from_url(
            private_redis.url, ttl_seconds=30, turn_wait_seconds=0.2, turn_lease_seconds=1.0,
            key_prefix="wf:",
        )
        for _ in range(2)
    )
    try:
        saving = await first.create(SessionState(session_id=new_session_id()))
        reading = await first.create(SessionState(session_id=new_session_id()))

        async def long_turn(session_id: str, save: bool) -> None:
            async with first.turn_lock(session_id):
                state = await first.get(session_id)
                await asyncio.sleep(2.5)  # more than two lease periods
                if save:
                    await first.save(state, expected_version=state.version)

        turns = [asyncio.create_task(long_turn(saving.session_id, True)),
                 asyncio.create_task(long_turn(reading.session_id, False))]
        await asyncio.sleep(1.6)
        for session_id in (saving.session_id, reading.session_id):
            with pytest.raises(TurnInProgress):
                async with second.turn_lock(session_id):
                    pass
        await asyncio.gather(*turns)
        for session_id in (saving.session_id, reading.session_id):
            assert await raw.exists(first.keys.lock(session_id)) == 0
            async with second.turn_lock(session_id):
                pass
        assert (await second.get(saving.session_id)).version == 2
    finally:
        await first.close()
        await second.close()
