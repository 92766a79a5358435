"""Turn cycles/s of the session stores against raw redis-py, in one run (bench_sessions).

One turn cycle = take the turn lease (where the case has one), load, append a user and an
assistant message, save, release. Documents are built by real turns of the offline
orchestrator: ``fresh`` (the greeting), ``planned`` (one 4-day Lisbon turn) and ``long``
(nine turns). Each cycle appends to the loaded document's first messages, so its size stays
that of the built document however many cycles run.

Baselines on the same server and the same bytes, measured in the same rounds:

- ``raw GET+SET``: redis-py GET then SET, no decoding, no version check;
- ``raw GET+CAS``: GET then the store's own compare-and-set script, no pydantic;
- ``raw lease+GET+CAS+release``: the store's four round trips (before issue 14) without
  pydantic;

and the Redis store writing zlib level 1 documents (``WAYFARER_REDIS_COMPRESSION_LEVEL``).

Rounds are interleaved (every case runs once per round, in turn); figures are the median
cycles/s over rounds with the spread (min-max) and ratios to the Wayfarer store of the same
backend.
"""

import itertools
import os
import statistics
import time
from collections.abc import Awaitable, Callable
from functools import partial

from bench import peers as peers_module
from wayfarer.config import load_settings
from wayfarer.domain import Message, SessionState
from wayfarer.sessions import MemorySessionStore, RedisSessionStore, new_session_id
from wayfarer.sessions.redis_client import Client, redis_client
from wayfarer.sessions.redis_scripts import RELEASE, SAVE, TAKE
from wayfarer.sessions.schema import encode
from wayfarer.wiring import build_services

ROUNDS = int(os.environ.get("WAYFARER_BENCH_ROUNDS", "9"))
CYCLES = int(os.environ.get("WAYFARER_BENCH_CYCLES", "300"))
Cycle = Callable[[], Awaitable[None]]
Store = MemorySessionStore | RedisSessionStore

PLAN_TURN = "4 days in Lisbon, I love food, history and viewpoints, moderate budget"
LONG_TURNS = (
    "Make day 2 more relaxed", "Add a museum on day 3", "Swap the lunch on day 1",
    "Something with views at sunset", "Less walking on day 4",
    "Can we add a market?", "Start later in the mornings", "More seafood please",
)
USER = Message(role="user", content="Could you move the museum to the afternoon?")
ASSISTANT = Message(role="assistant", content="Done: the museum is now at 15:00 on day 2.")


async def built_documents() -> dict[str, SessionState]:
    """fresh / planned / long sessions, each built by real offline turns."""
    settings = load_settings(session_backend="memory", llm_provider="offline",
                             log_level="warning", purge_interval_seconds=3600)
    services = await build_services(settings)
    try:
        orchestrator = services.orchestrator
        fresh = await orchestrator.start()
        planned = await orchestrator.start()
        await orchestrator.turn(planned.session_id, PLAN_TURN)
        long = await orchestrator.start()
        for text in (PLAN_TURN, *LONG_TURNS):
            await orchestrator.turn(long.session_id, text)
        return {
            "fresh": await services.store.get(fresh.session_id),
            "planned": await services.store.get(planned.session_id),
            "long": await services.store.get(long.session_id),
        }
    finally:
        await services.close()


def appended(state: SessionState, keep: int) -> SessionState:
    """``state`` with the turn's two messages after its first ``keep`` messages."""
    return state.model_copy(update={"history": [*state.history[:keep], USER, ASSISTANT]})


async def store_cycle(store: Store, session_id: str, keep: int) -> None:
    async with store.turn_lock(session_id):
        state = await store.get(session_id)
        await store.save(appended(state, keep), expected_version=state.version)


class RawRedis:
    """The baselines: redis-py on the store's keys and documents, without pydantic."""

    def __init__(self, client: Client, store: RedisSessionStore, state: SessionState) -> None:
        self.client = client
        self.session_id = state.session_id
        self.keys = store.keys.documents(state.session_id)
        self.lock = store.keys.lock(state.session_id)
        self.save = client.register_script(SAVE)
        self.take = client.register_script(TAKE)
        self.release = client.register_script(RELEASE)
        self.version = itertools.count(1)
        # the document as this code writes it, split where its version goes
        body = encode(state.model_copy(update={"version": 0}))
        head = body.index(b'"version":0') + len(b'"version":')
        self.before, self.after = body[:head], body[head + 1:]

    async def get_set(self) -> None:
        value = await self.client.get(self.keys[0])
        await self.client.set(self.keys[0], value or b"", px=3_600_000)

    async def get_cas(self) -> None:
        await self.client.get(self.keys[0])
        version = next(self.version)
        document = self.before + str(version).encode() + self.after
        saved = await self.save(
            keys=self.keys, args=[version - 1, document, 3_600_000, self.session_id]
        )
        assert saved == 1, saved

    async def leased_cas(self) -> None:
        token = os.urandom(16).hex()
        assert await self.take(keys=[self.lock], args=[token, 5_000])
        await self.get_cas()
        await self.release(keys=[self.lock], args=[token])

    async def reset(self) -> None:
        self.version = itertools.count(1)
        await self.client.set(self.keys[0], self.before + b"0" + self.after, px=3_600_000)


async def interleaved(cases: dict[str, Cycle]) -> dict[str, list[float]]:
    """Cycles/s of each case per round; every case runs once per round, in turn."""
    rates: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(ROUNDS):
        for name, cycle in cases.items():
            started = time.perf_counter()
            for _ in range(CYCLES):
                await cycle()
            rates[name].append(CYCLES / (time.perf_counter() - started))
    return rates


def report(label: str, size: int, rates: dict[str, list[float]], reference: dict[str, str]) -> None:
    """Median cycles/s, spread, and ratio to the case named in ``reference``."""
    print(f"{label} ({size:,} B JSON), turn cycles/s, median of {ROUNDS} rounds [min-max]:")
    medians = {name: statistics.median(values) for name, values in rates.items()}
    for name, values in rates.items():
        base = reference.get(name)
        ratio = ""
        if base:  # the median of the ratios within each round (a busy machine slows both)
            within = statistics.median(v / b for v, b in zip(values, rates[base], strict=True))
            ratio = f"{within:5.2f}x {base}"
        print(f"  {name:28} {medians[name]:8,.0f}  [{min(values):,.0f}-{max(values):,.0f}]"
              f"  {ratio}")


async def cycle_figures(url: str, prefix: str) -> dict[str, dict[str, float]]:
    """Run and print the comparison; returns the median cycles/s per document and case."""
    documents = await built_documents()
    memory = MemorySessionStore(ttl_seconds=3600, max_sessions=100, turn_wait_seconds=1)
    store = RedisSessionStore.from_url(
        url, ttl_seconds=3600, turn_wait_seconds=1, turn_lease_seconds=5, key_prefix=prefix
    )
    zlib = RedisSessionStore.from_url(
        url, ttl_seconds=3600, turn_wait_seconds=1, turn_lease_seconds=5,
        key_prefix=prefix + "zlib:", compression_level=1,
    )
    client = redis_client(url)
    medians: dict[str, dict[str, float]] = {}
    if not peers_module.available():
        print(peers_module.MISSING)
    try:
        for label, built in documents.items():
            keep = len(built.history)
            copy = partial(built.model_copy, deep=True)
            in_memory = (await memory.create(copy(update={"session_id": new_session_id()})))
            in_redis = (await store.create(copy(update={"session_id": new_session_id()})))
            in_zlib = (await zlib.create(copy(update={"session_id": new_session_id()})))
            raw = RawRedis(client, store, copy(update={"session_id": new_session_id()}))
            await raw.reset()
            await store_cycle(memory, in_memory.session_id, keep)
            size = len(encode(await memory.get(in_memory.session_id)))
            cases: dict[str, Cycle] = {
                "memory store": partial(store_cycle, memory, in_memory.session_id, keep),
                "redis store": partial(store_cycle, store, in_redis.session_id, keep),
                "redis store, zlib level 1": partial(store_cycle, zlib, in_zlib.session_id, keep),
                "raw lease+GET+CAS+release": raw.leased_cas,
                "raw GET+CAS": raw.get_cas,
                "raw GET+SET": raw.get_set,
            }
            reference = {name: "redis store" for name in cases if name != "memory store"}
            reference.pop("redis store")
            peers: list[peers_module.StarsessionsPeer | peers_module.LangGraphPeer] = []
            if peers_module.available():
                star = peers_module.StarsessionsPeer(
                    url, prefix + "star:", copy(update={"session_id": new_session_id()}), keep
                )
                graph = peers_module.LangGraphPeer(
                    copy(update={"session_id": new_session_id()}), keep, appended
                )
                peers = [star, graph]
                cases["starsessions RedisStore"] = star.cycle
                cases["LangGraph InMemorySaver"] = graph.cycle
                reference["starsessions RedisStore"] = "redis store"
                reference["LangGraph InMemorySaver"] = "memory store"
            try:
                for peer in peers:
                    await peer.start()
                rates = await interleaved(cases)
            finally:
                for peer in peers:
                    await peer.close()
            report(label, size, rates, reference)
            medians[label] = {name: statistics.median(v) for name, v in rates.items()}
        return medians
    finally:
        await store.close()
        await zlib.close()
        await client.aclose()

