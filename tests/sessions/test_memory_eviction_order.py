"""The memory store's eviction ranks (ADR 0040) under a random mix of operations: the cap
holds, nothing raises, and the sessions it reports are the ones it can read."""

import contextlib
import random

from tests.sessions.test_memory import Clock, create, exists, memory_store
from wayfarer.domain import Message
from wayfarer.errors import SessionNotFound
from wayfarer.observability import Metrics
from wayfarer.sessions import MemorySessionStore


async def talk(store: MemorySessionStore, session_id: str) -> None:
    state = await store.get(session_id)
    state.history.append(Message(role="user", content="a trip to Rome"))
    await store.save(state, expected_version=state.version)


async def test_random_operations_keep_the_cap_and_the_bookkeeping() -> None:
    rng = random.Random(16)
    clock, metrics = Clock(), Metrics()
    store = memory_store(clock, metrics, max_sessions=8, ttl_seconds=30)
    known: list[str] = []
    for _ in range(800):
        action = rng.choice(["create", "create", "create", "talk", "get", "delete", "tick"])
        if action == "create":
            known.append(await create(store))
        elif action == "talk" and known:
            with contextlib.suppress(SessionNotFound):
                await talk(store, rng.choice(known))
        elif action == "get" and known:
            await exists(store, rng.choice(known))
        elif action == "delete" and known:
            await store.delete(known.pop(rng.randrange(len(known))))
        elif action == "tick":
            clock.now += rng.choice([1, 5, 40])
            if rng.random() < 0.5:
                await store.purge_expired()
        assert await store.count() <= 8
    readable = [s for s in known if await exists(store, s)]
    assert len(readable) == await store.count()


async def test_a_talking_session_outlives_any_number_of_untouched_ones() -> None:
    clock, metrics = Clock(), Metrics()
    store = memory_store(clock, metrics, max_sessions=3)
    talking = await create(store)
    await talk(store, talking)
    for _ in range(20):
        await create(store)
    assert await exists(store, talking)
