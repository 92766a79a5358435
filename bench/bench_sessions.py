"""Session-store figures (``make bench`` or ``python -m bench bench_sessions``).

Prints, in one run:

- get+save cycles/s on one session for the memory store, the Redis store, and raw redis-py
  GET+SET of the same document on the same server, for a fresh session (the greeting only)
  and a planned 3-day trip; plus the JSON decode+encode time per cycle that raw GET+SET
  does not pay. Rounds are interleaved and the best round of each is kept, so a busy
  machine disturbs the comparison as little as possible;
- purge time for 100,000 expired sessions (memory; Redis index);
- the worst ``/healthz`` latency seen by a separate client process while the running app's
  memory store purges 100,000 expired sessions on its event loop (and when idle);
- bytes per stored session (memory: heap growth; Redis: ``MEMORY USAGE`` + index share).

Redis is a private ``redis-server`` (``tests.support.running_redis``) unless
``WAYFARER_BENCH_REDIS_URL`` names one; keys go under a unique prefix and are removed.
"""

import asyncio
import json
import os
import statistics
import sys
import time
import tracemalloc
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial

import uvicorn
from redis.asyncio import Redis
from tests.support import free_port, running_redis

from wayfarer.api.app import create_app
from wayfarer.config import load_settings
from wayfarer.domain import (
    EstimatedCost,
    Itinerary,
    ItineraryDay,
    ItineraryItem,
    Message,
    PlaceRef,
    Preferences,
    SessionState,
)
from wayfarer.sessions import MemorySessionStore, RedisSessionStore, new_session_id
from wayfarer.sessions.redis_client import redis_client
from wayfarer.sessions.schema import decode, encode

ROUNDS = 7
CYCLES = 1_000
PURGED = 100_000
Store = MemorySessionStore | RedisSessionStore

GREETING = (
    "Hello! I'm Wayfarer, your trip planner. Give me a city and a few details and I'll "
    "build a day-by-day plan of real sights and places to eat. Once you have a plan, ask me "
    "to change anything, and export it to your calendar when it's right."
)


def fresh_session() -> SessionState:
    """A session as POST /api/sessions creates it."""
    return SessionState(
        session_id=new_session_id(),
        history=[Message(role="assistant", content=GREETING)],
    )


def planned_session() -> SessionState:
    """A planned 3-day trip after a short conversation (greeting + 8 messages)."""
    days = []
    for day in range(1, 4):
        items = [
            ItineraryItem(
                start=f"{9 + slot * 2:02d}:00", end=f"{10 + slot * 2:02d}:30",
                kind="meal" if slot == 2 else "activity",
                place=PlaceRef(
                    id=f"lisbon-place-{day}-{slot}", name=f"Miradouro number {day}{slot}",
                    category="viewpoint", interests=["viewpoints", "history"],
                    lat=38.71 + slot / 100, lon=-9.14 - day / 100, cost_level=1,
                ),
                note="Go early for the light; the tram stop is two minutes away.",
            )
            for slot in range(5)
        ]
        days.append(ItineraryDay(day=day, date=date(2026, 6, day), theme="Old town", items=items))
    history = [
        Message(role="assistant" if n % 2 == 0 else "user",
                content="A sentence of about this length, said in the conversation. " * 2)
        for n in range(9)
    ]
    return SessionState(
        session_id=new_session_id(), stage="planned",
        preferences=Preferences(city="Lisbon", country="Portugal", days=3,
                                interests=["food", "viewpoints"], pace="moderate"),
        itinerary=Itinerary(
            city="Lisbon", country="Portugal", days=days, assumptions=["pace: moderate"],
            estimated_cost=EstimatedCost(level="moderate"),
        ),
        history=history,
    )


async def store_cycle(store: Store, session_id: str) -> None:
    state = await store.get(session_id)
    await store.save(state, expected_version=state.version)


async def raw_cycle(client: Redis, key: str, document: bytes) -> None:
    value = await client.get(key)
    await client.set(key, value or document, px=3_600_000)


async def best_rates(cases: dict[str, Callable[[], Awaitable[None]]]) -> dict[str, float]:
    """Cycles/s of each case: interleaved rounds, best round kept."""
    best = dict.fromkeys(cases, 0.0)
    for _ in range(ROUNDS):
        for name, cycle in cases.items():
            started = time.perf_counter()
            for _ in range(CYCLES):
                await cycle()
            best[name] = max(best[name], CYCLES / (time.perf_counter() - started))
    return best


def codec_microseconds(state: SessionState) -> float:
    """decode + encode of one document (what a store does per get+save besides Redis)."""
    document = encode(state)
    started = time.perf_counter()
    for _ in range(CYCLES):
        encode(decode(document))
    return (time.perf_counter() - started) / CYCLES * 1e6


async def rate_figures(url: str, prefix: str) -> None:
    memory = MemorySessionStore(ttl_seconds=3600, max_sessions=100, turn_wait_seconds=1)
    store = RedisSessionStore.from_url(
        url, ttl_seconds=3600, turn_wait_seconds=1, turn_lease_seconds=1, key_prefix=prefix
    )
    raw = redis_client(url)
    try:
        cases = (("fresh session", fresh_session), ("planned 3-day trip", planned_session))
        for label, make in cases:
            state = make()
            document = encode(state)
            in_memory = (await memory.create(state)).session_id
            in_redis = (await store.create(make())).session_id
            raw_key = f"{prefix}raw:{label}"
            await raw.set(raw_key, document)
            rates = await best_rates({
                "memory": partial(store_cycle, memory, in_memory),
                "redis": partial(store_cycle, store, in_redis),
                "raw": partial(raw_cycle, raw, raw_key, document),
            })
            codec = codec_microseconds(state)
            ratio = rates["raw"] / rates["redis"]
            print(f"{label} ({len(document):,} B JSON), get+save cycles/s:")
            print(f"  memory store           {rates['memory']:8,.0f}")
            print(f"  redis store            {rates['redis']:8,.0f}   {ratio:.2f}x raw's time "
                  "(goal <= 1.5x)")
            print(f"  raw redis-py GET+SET   {rates['raw']:8,.0f}")
            print(f"  JSON decode+encode per cycle: {codec:.0f} us")
    finally:
        await store.close()
        await raw.aclose()


async def memory_purge_seconds() -> float:
    store = MemorySessionStore(ttl_seconds=0.5, max_sessions=PURGED, turn_wait_seconds=1)
    document = encode(planned_session())
    for _ in range(PURGED):
        await store.put_document(new_session_id(), document)
    await asyncio.sleep(0.6)
    started = time.perf_counter()
    removed = await store.purge_expired()
    elapsed = time.perf_counter() - started
    assert removed == PURGED, removed
    return elapsed


async def redis_purge_seconds(url: str, prefix: str) -> float:
    """Seed 100,000 sessions expiring in 1 s (pipelined), let them expire, purge."""
    store = RedisSessionStore.from_url(
        url, ttl_seconds=1, turn_wait_seconds=1, turn_lease_seconds=1, key_prefix=prefix
    )
    client = redis_client(url)
    document = encode(planned_session())
    try:
        for start in range(0, PURGED, 5_000):
            async with client.pipeline(transaction=False) as pipe:
                for _ in range(start, start + 5_000):
                    session_id = new_session_id()
                    pipe.set(store.keys.session(session_id), document, px=1_000)
                    pipe.zadd(store.keys.index, {session_id: time.time() * 1000 + 1_000})
                await pipe.execute()
        await asyncio.sleep(1.2)
        started = time.perf_counter()
        removed = await store.purge_expired()
        elapsed = time.perf_counter() - started
        assert removed == PURGED, removed
        return elapsed
    finally:
        await store.close()
        await client.aclose()


def memory_bytes_per_session(count: int = 5_000) -> float:
    """Heap growth per planned session held by the memory store."""

    async def fill() -> MemorySessionStore:
        store = MemorySessionStore(ttl_seconds=60, max_sessions=count, turn_wait_seconds=1)
        for _ in range(count):
            await store.create(planned_session())
        return store

    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    store = asyncio.run(fill())
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    grown = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    del store
    return grown / count


async def redis_bytes_per_session(url: str, prefix: str, count: int = 1_000) -> float:
    store = RedisSessionStore.from_url(
        url, ttl_seconds=60, turn_wait_seconds=1, turn_lease_seconds=1, key_prefix=prefix
    )
    client = redis_client(url)
    try:
        ids = [(await store.create(planned_session())).session_id for _ in range(count)]
        usage = [await client.memory_usage(store.keys.session(i)) or 0 for i in ids]
        index = await client.memory_usage(store.keys.index) or 0
        return statistics.mean(usage) + index / count
    finally:
        await store.close()
        await client.aclose()


POLLER = """
import json, sys, time, httpx
url, seconds = sys.argv[1], float(sys.argv[2])
polls = []
with httpx.Client() as http:
    http.get(url)
    print("ready", flush=True)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        started = time.monotonic()
        http.get(url).raise_for_status()
        polls.append((started, time.monotonic()))
        time.sleep(0.001)
print(json.dumps(polls), flush=True)
"""


def healthz_during_purge() -> tuple[float, float, float, int]:
    """Serve the app (memory store) and purge 100,000 expired sessions on its event loop
    while a separate process polls /healthz. Returns (idle max ms, max ms of polls that
    overlapped the purge, purge seconds, polls that overlapped the purge)."""
    settings = load_settings(
        session_backend="memory", session_ttl_seconds=1, max_sessions=PURGED,
        purge_interval_seconds=3600, log_level="warning",
    )
    app = create_app(settings)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", access_log=False, lifespan="on"
    ))

    async def scenario() -> tuple[float, float, float, int]:
        serving = asyncio.create_task(server.serve())
        while not server.started:
            await asyncio.sleep(0.01)
        store = app.state.services.store
        document = encode(planned_session())
        for n in range(PURGED):
            await store.put_document(new_session_id(), document)
            if n % 5_000 == 0:
                await asyncio.sleep(0)
        await asyncio.sleep(1.1)  # every session expires
        poller = await asyncio.create_subprocess_exec(
            sys.executable, "-c", POLLER, f"http://127.0.0.1:{port}/healthz", "1.5",
            stdout=asyncio.subprocess.PIPE,
        )
        assert poller.stdout is not None
        await poller.stdout.readline()  # ready
        await asyncio.sleep(0.6)
        began = time.monotonic()
        removed = await store.purge_expired()
        ended = time.monotonic()
        polls = json.loads((await poller.stdout.readline()) or b"[]")
        await poller.wait()
        server.should_exit = True
        await serving
        assert removed == PURGED, removed
        overlapping = [(e - s) * 1000 for s, e in polls if s < ended and e > began]
        idle = [(e - s) * 1000 for s, e in polls if e <= began]
        return max(idle), max(overlapping, default=0.0), ended - began, len(overlapping)

    return asyncio.run(scenario())


@contextmanager
def redis_url() -> Iterator[str]:
    given = os.environ.get("WAYFARER_BENCH_REDIS_URL")
    if given:
        yield given
        return
    with running_redis() as server:
        yield server.url


async def cleanup(url: str, prefix: str) -> None:
    client = Redis.from_url(url)
    try:
        async for key in client.scan_iter(match=f"{prefix}*", count=10_000):
            await client.unlink(key)
    finally:
        await client.aclose()


async def redis_figures(url: str) -> None:
    prefix = f"wfbench:{os.urandom(4).hex()}:"
    try:
        await rate_figures(url, prefix + "rates:")
        purge = await redis_purge_seconds(url, prefix + "purge:")
        print(f"purge {PURGED:,} expired, redis index:  {purge:.3f} s")
        per_session = await redis_bytes_per_session(url, prefix + "size:")
        print(f"bytes per planned session, redis:    {per_session:,.0f} B")
    finally:
        await cleanup(url, prefix)


def main() -> None:
    """Print every session-store figure (see the module docstring)."""
    with redis_url() as url:
        asyncio.run(redis_figures(url))
    print(f"purge {PURGED:,} expired, memory:       {asyncio.run(memory_purge_seconds()):.3f} s")
    print(f"bytes per planned session, memory:   {memory_bytes_per_session():,.0f} B")
    idle, worst, purge, polls = healthz_during_purge()
    print(f"/healthz max latency: {worst:.1f} ms during an in-app purge of {PURGED:,} expired "
          f"sessions ({purge:.3f} s, {polls} polls overlapped it); {idle:.1f} ms idle")


if __name__ == "__main__":
    main()
