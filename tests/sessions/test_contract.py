"""The session store contract (sessions/base.py), run against every backend (memory, and a
real Redis: single, cluster, sentinel)."""

import asyncio
import json

import pytest

from tests.sessions.conftest import Store, StoreFactory, sample
from wayfarer.domain import SCHEMA_VERSION, Message, SessionState
from wayfarer.errors import SessionNotFound, TurnInProgress, VersionConflict
from wayfarer.observability import Metrics
from wayfarer.sessions import StoreUpkeep, TurnStore, new_session_id


def new_state(text: str = "hello") -> SessionState:
    return SessionState(
        session_id=new_session_id(), history=[Message(role="assistant", content=text)]
    )


async def test_backend_serves_each_role(store: Store) -> None:
    """Each backend, used through the role protocols alone (a turn's persistence and lock,
    upkeep), answers ping and serves a whole session life."""
    turns: TurnStore = store
    upkeep: StoreUpkeep = store
    await upkeep.ping()  # raises StoreUnavailable when unhealthy
    created = await turns.create(new_state("hi"))
    async with turns.turn_lock(created.session_id):
        assert (await turns.get(created.session_id)).history == created.history
    assert await upkeep.count() == 1
    assert await turns.delete(created.session_id) is True
    assert await upkeep.count() == 0


async def test_create_then_get_returns_the_stored_document(store: Store) -> None:
    created = await store.create(new_state("welcome"))
    assert created.version == 1
    assert created.schema_version == SCHEMA_VERSION
    assert created.expires_at > created.last_accessed >= created.created_at
    loaded = await store.get(created.session_id)
    assert loaded.version == 1
    assert loaded.history == created.history
    assert loaded.created_at == created.created_at
    assert loaded.last_accessed >= created.last_accessed


async def test_reads_are_private_copies(store: Store) -> None:
    created = await store.create(new_state())
    first = await store.get(created.session_id)
    first.history.append(Message(role="user", content="not saved"))
    first.stage = "planned"
    second = await store.get(created.session_id)
    assert len(second.history) == 1 and second.stage == "gathering"


async def test_unknown_and_malformed_ids_are_not_found(store: Store) -> None:
    for session_id in [new_session_id(), "short", "x" * 65, "../../etc/passwd", "a b" * 10, ""]:
        with pytest.raises(SessionNotFound):
            await store.get(session_id)
        assert await store.delete(session_id) is False
    with pytest.raises(SessionNotFound):
        await store.save(new_state(), expected_version=1)


async def test_create_refuses_a_malformed_or_taken_id(store: Store) -> None:
    with pytest.raises(ValueError):
        await store.create(SessionState(session_id="no"))
    created = await store.create(new_state())
    with pytest.raises(VersionConflict):
        await store.create(SessionState(session_id=created.session_id))


async def test_save_is_a_compare_and_set_on_version(make_store: StoreFactory) -> None:
    metrics = Metrics()
    store = make_store(metrics=metrics)
    created = await store.create(new_state())
    first = await store.get(created.session_id)
    second = await store.get(created.session_id)
    first.history.append(Message(role="user", content="first"))
    saved = await store.save(first, expected_version=first.version)
    assert saved.version == 2
    second.history.append(Message(role="user", content="second"))
    with pytest.raises(VersionConflict):
        await store.save(second, expected_version=second.version)
    stored = await store.get(created.session_id)
    assert stored.version == 2
    assert [m.content for m in stored.history][1:] == ["first"]
    assert sample(metrics, "wayfarer_turn_lock_conflicts_total") == 1


async def test_save_does_not_change_the_callers_object(store: Store) -> None:
    state = await store.get((await store.create(new_state())).session_id)
    saved = await store.save(state, expected_version=1)
    assert state.version == 1 and saved.version == 2


async def test_delete_forgets_the_session(store: Store) -> None:
    created = await store.create(new_state())
    assert await store.delete(created.session_id) is True
    assert await store.delete(created.session_id) is False
    with pytest.raises(SessionNotFound):
        await store.get(created.session_id)
    with pytest.raises(SessionNotFound):
        await store.save(created, expected_version=1)


async def test_count_live_sessions(store: Store) -> None:
    ids = [(await store.create(new_state())).session_id for _ in range(3)]
    assert await store.count() == 3
    await store.delete(ids[0])
    assert await store.count() == 2


async def test_ttl_expiry_slides_on_reads_and_writes(make_store: StoreFactory) -> None:
    store = make_store(ttl_seconds=1.0)
    idle = await store.create(new_state())
    read = await store.create(new_state())
    written = await store.create(new_state())
    for _ in range(2):
        await asyncio.sleep(0.55)
        await store.get(read.session_id)
        state = await store.get(written.session_id)
        await store.save(state, expected_version=state.version)
    # 1.1 s since creation: the idle one is gone, the touched ones are alive.
    with pytest.raises(SessionNotFound):
        await store.get(idle.session_id)
    assert (await store.get(read.session_id)).version == 1
    assert (await store.get(written.session_id)).version == 3
    await asyncio.sleep(1.15)
    for session in (read, written):
        with pytest.raises(SessionNotFound):
            await store.get(session.session_id)


async def test_purge_counts_expired_sessions(make_store: StoreFactory) -> None:
    metrics = Metrics()
    store = make_store(ttl_seconds=1.0, metrics=metrics)
    kept = await store.create(new_state())
    for _ in range(3):
        await store.create(new_state())
    await asyncio.sleep(0.6)
    await store.get(kept.session_id)
    await asyncio.sleep(0.6)
    assert await store.count() == 1
    assert await store.purge_expired() == 3
    assert await store.purge_expired() == 0
    assert await store.count() == 1
    assert sample(metrics, "wayfarer_sessions_purged_total") == 3
    assert (await store.get(kept.session_id)).session_id == kept.session_id


async def test_fifty_concurrent_turns_lose_nothing_and_apply_nothing_twice(
    make_store: StoreFactory,
) -> None:
    metrics = Metrics()
    store = make_store(turn_wait_seconds=20, metrics=metrics)
    created = await store.create(new_state())

    async def turn(n: int) -> None:
        async with store.turn_lock(created.session_id):
            state = await store.get(created.session_id)
            await asyncio.sleep(0)  # let the others pile up on the lease
            state.history.append(Message(role="user", content=f"message {n}"))
            await store.save(state, expected_version=state.version)

    await asyncio.gather(*(turn(n) for n in range(50)))
    final = await store.get(created.session_id)
    contents = [m.content for m in final.history[1:]]
    assert sorted(contents) == sorted(f"message {n}" for n in range(50))
    assert final.version == 51
    assert sample(metrics, "wayfarer_turn_lock_waits_total") >= 1
    assert sample(metrics, "wayfarer_turn_lock_conflicts_total") == 0


async def test_turn_lock_gives_up_after_the_bounded_wait(make_store: StoreFactory) -> None:
    metrics = Metrics()
    store = make_store(turn_wait_seconds=0.3, metrics=metrics)
    created = await store.create(new_state())
    holding = asyncio.Event()
    release = asyncio.Event()

    async def holder() -> None:
        async with store.turn_lock(created.session_id):
            holding.set()
            await release.wait()

    task = asyncio.create_task(holder())
    await holding.wait()
    with pytest.raises(TurnInProgress):
        async with store.turn_lock(created.session_id):
            pass
    release.set()
    await task
    async with store.turn_lock(created.session_id):
        pass
    assert sample(metrics, "wayfarer_turn_lock_conflicts_total") == 1


async def test_turn_lock_is_released_when_the_body_fails(store: Store) -> None:
    created = await store.create(new_state())
    with pytest.raises(RuntimeError):
        async with store.turn_lock(created.session_id):
            raise RuntimeError("boom")
    async with store.turn_lock(created.session_id):
        pass


async def test_turn_lock_on_a_malformed_id_is_not_found(store: Store) -> None:
    with pytest.raises(SessionNotFound):
        async with store.turn_lock("../nope"):
            pass


async def test_undecodable_document_is_counted_and_not_found(make_store: StoreFactory) -> None:
    metrics = Metrics()
    store = make_store(metrics=metrics)
    for n, document in enumerate([b"{not json", b"[1, 2]", b'{"schema_version": 99}',
                                  b'{"schema_version": 1, "session_id": 5}']):
        session_id = new_session_id()
        await store.put_document(session_id, document)
        with pytest.raises(SessionNotFound):
            await store.get(session_id)
        assert sample(metrics, "wayfarer_session_decode_errors_total") == n + 1
    unreadable = new_session_id()
    await store.put_document(unreadable, b"{not json")
    with pytest.raises(SessionNotFound):
        await store.save(SessionState(session_id=unreadable), expected_version=0)


async def test_old_schema_document_is_upgraded_on_read(store: Store) -> None:
    session_id = new_session_id()
    prototype = {  # schema 0: no schema_version, "messages", "questions_asked"
        "session_id": session_id,
        "version": 4,
        "created_at": "2026-01-05T10:00:00Z",
        "last_accessed": "2026-01-05T10:05:00Z",
        "expires_at": "2026-01-05T11:05:00Z",
        "stage": "gathering",
        "preferences": {"city": "Lisbon", "days": 4},
        "questions_asked": 2,
        "itinerary": None,
        "messages": [
            {"role": "assistant", "content": "Hi!", "created_at": "2026-01-05T10:00:00Z"},
            {"role": "user", "content": "Lisbon, 4 days", "created_at": "2026-01-05T10:01:00Z"},
        ],
    }
    await store.put_document(session_id, json.dumps(prototype).encode())
    state = await store.get(session_id)
    assert state.schema_version == SCHEMA_VERSION
    assert state.version == 4
    assert state.clarifying_questions_count == 2
    assert [m.content for m in state.history] == ["Hi!", "Lisbon, 4 days"]
    assert state.preferences.city == "Lisbon"
    # The compare-and-set still works on the old document's version, and rewrites it.
    state.history.append(Message(role="assistant", content="What do you enjoy?"))
    saved = await store.save(state, expected_version=4)
    assert saved.version == 5
    reread = await store.get(session_id)
    assert reread.version == 5 and len(reread.history) == 3


async def test_store_metrics(make_store: StoreFactory) -> None:
    metrics = Metrics()
    store = make_store(metrics=metrics)
    created = await store.create(new_state())
    await store.get(created.session_id)
    assert sample(metrics, "wayfarer_sessions_created_total") == 1
    assert sample(metrics, "wayfarer_store_operation_seconds_count", op="get") == 1
    assert sample(metrics, "wayfarer_store_operation_seconds_count", op="create") == 1


async def test_purge_lease(make_store: StoreFactory, backend: str) -> None:
    first, second = make_store(), make_store()
    # a lease long enough to outlast a loaded machine's pause between the two calls (0.3 s
    # did not, on a cluster fixture while other tests ran)
    assert await first.acquire_purge_lease(1.5) is True
    # In Redis the lease is shared by every replica on the prefix; in memory there is one.
    assert await second.acquire_purge_lease(1.5) is (backend == "memory")
    await asyncio.sleep(1.6)
    assert await second.acquire_purge_lease(0.3) is True
