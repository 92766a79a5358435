"""Behaviour only the memory backend has: LRU eviction and a purge that yields."""

import asyncio

from tests.sessions.conftest import sample
from wayfarer.domain import SessionState
from wayfarer.errors import SessionNotFound
from wayfarer.observability import Metrics
from wayfarer.sessions import MemorySessionStore, new_session_id


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def memory_store(clock: Clock, metrics: Metrics, **options: float) -> MemorySessionStore:
    settings = {"ttl_seconds": 60.0, "max_sessions": 10_000, "turn_wait_seconds": 1.0} | options
    return MemorySessionStore(
        ttl_seconds=settings["ttl_seconds"],
        max_sessions=int(settings["max_sessions"]),
        turn_wait_seconds=settings["turn_wait_seconds"],
        metrics=metrics,
        clock=clock,
    )


async def create(store: MemorySessionStore) -> str:
    return (await store.create(SessionState(session_id=new_session_id()))).session_id


async def exists(store: MemorySessionStore, session_id: str) -> bool:
    try:
        await store.get(session_id)
    except SessionNotFound:
        return False
    return True


async def test_least_recently_used_is_evicted_past_the_cap() -> None:
    clock, metrics = Clock(), Metrics()
    store = memory_store(clock, metrics, max_sessions=3)
    a, b, c = [await create(store) for _ in range(3)]
    await store.get(a)  # b is now the least recently used
    d = await create(store)
    state = await store.get(c)
    await store.save(state, expected_version=state.version)  # a write also counts as a use
    e = await create(store)  # evicts a (b already gone; order now a, d, c)
    assert [await exists(store, s) for s in (a, b, c, d, e)] == [False, False, True, True, True]
    assert sample(metrics, "wayfarer_sessions_evicted_total") == 2
    assert sample(metrics, "wayfarer_sessions_active") == 3


async def test_expired_sessions_make_room_before_live_ones_are_evicted() -> None:
    clock, metrics = Clock(), Metrics()
    store = memory_store(clock, metrics, max_sessions=2, ttl_seconds=10)
    old = await create(store)
    clock.now += 5
    live = await create(store)
    clock.now += 6  # old expired, live has 4 s left
    await create(store)
    assert await exists(store, live)
    assert not await exists(store, old)
    assert sample(metrics, "wayfarer_sessions_evicted_total") == 0
    assert sample(metrics, "wayfarer_sessions_purged_total") == 1


async def test_purge_only_walks_the_expired_front() -> None:
    clock, metrics = Clock(), Metrics()
    store = memory_store(clock, metrics, ttl_seconds=10)
    expired = [await create(store) for _ in range(5)]
    clock.now += 6
    alive = [await create(store) for _ in range(5)]
    await store.get(expired[0])  # touched: moves behind the others, stays alive
    clock.now += 5
    assert await store.count() == 6
    assert await store.purge_expired() == 4
    assert [await exists(store, s) for s in alive] == [True] * 5
    assert await exists(store, expired[0])


async def test_a_big_purge_yields_to_the_event_loop() -> None:
    clock, metrics = Clock(), Metrics()
    store = memory_store(clock, metrics, ttl_seconds=1, max_sessions=20_000)
    for _ in range(5_000):
        await store.put_document(new_session_id(), b"{}")
    clock.now += 2
    ticks = 0
    stop = asyncio.Event()

    async def ticker() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            await asyncio.sleep(0)

    task = asyncio.create_task(ticker())
    await asyncio.sleep(0)
    before = ticks
    assert await store.purge_expired() == 5_000
    during = ticks - before
    stop.set()
    await task
    assert during >= 4  # one yield per 1,000 removed
    assert await store.count() == 0


async def test_turn_lock_table_is_emptied_after_use() -> None:
    store = memory_store(Clock(), Metrics())
    session_id = await create(store)
    async with store.turn_lock(session_id):
        assert store._turn_locks
    assert not store._turn_locks
