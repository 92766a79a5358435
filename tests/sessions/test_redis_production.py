"""The Redis backend under production conditions, with real processes on loopback: many
requests in flight on one process, Redis paused (SIGSTOP) longer than the socket timeout,
long turns, and the cause of each ``store_unavailable`` in the logs."""

import asyncio
import logging
import signal
import time

import httpx
import pytest
from bench.load import travellers
from redis.asyncio import Redis

from tests.conftest import SettingsFactory
from tests.reference import reference
from tests.sessions.conftest import sample
from tests.support import RedisServer, live_server, running_redis
from wayfarer.domain import SessionState
from wayfarer.errors import ConfigError, StoreUnavailable, TurnInProgress
from wayfarer.observability import Metrics
from wayfarer.sessions import RedisSessionStore, new_session_id
from wayfarer.sessions.redis_client import ClientOptions, redis_client
from wayfarer.wiring import build_services

pytestmark = pytest.mark.redis


def pause(server: RedisServer) -> None:
    assert server.process is not None
    server.process.send_signal(signal.SIGSTOP)


def resume(server: RedisServer) -> None:
    assert server.process is not None
    server.process.send_signal(signal.SIGCONT)


async def test_300_concurrent_creates_and_turns_on_one_process_get_no_503(
    make_settings: SettingsFactory, redis_url: str, redis_prefix: str
) -> None:
    settings = make_settings(
        session_backend="redis", redis_url=redis_url, redis_key_prefix=redis_prefix,
        redis_pool_size=16, redis_pool_timeout_seconds=30, turn_wait_seconds=30,
    )
    with live_server(settings) as live:
        result = await travellers(live.url, count=300, turns=1)
    assert len(result.statuses) == 600
    assert [status for status in result.statuses if status not in (200, 201)] == []


async def test_after_a_stall_the_next_turn_on_the_session_succeeds(
    make_settings: SettingsFactory, private_redis: RedisServer
) -> None:
    settings = make_settings(
        session_backend="redis", redis_url=private_redis.url, redis_socket_timeout_seconds=0.3,
        ready_timeout_seconds=0.5, turn_wait_seconds=2, turn_lease_seconds=60,
    )
    with live_server(settings) as live:
        async with httpx.AsyncClient(base_url=live.url, timeout=30) as http:
            created = (await http.post("/api/sessions")).json()
            url = f"/api/sessions/{created['session_id']}/messages"
            pause(private_redis)
            try:
                ready = await http.get("/readyz")
                stalled = await http.post(url, json={"content": "3 days in Rome"})
                await asyncio.sleep(1.0)  # longer than the socket timeout and its retry
            finally:
                resume(private_redis)
            assert ready.status_code == 503
            assert stalled.status_code == 503
            # The lease the stalled turn may have taken is ours or released: no 409 after
            # the 2 s turn wait, although the lease itself would last 60 s.
            after = await http.post(url, json={"content": "3 days in Rome"})
            assert after.status_code == 200, after.text
            assert (await http.get("/readyz")).status_code == 200


async def test_a_lease_taken_during_a_stall_is_released_once_redis_answers(
    private_redis: RedisServer,
) -> None:
    options = ClientOptions(socket_timeout=0.2)
    store = RedisSessionStore.from_url(
        private_redis.url, options, ttl_seconds=60, turn_wait_seconds=0.5,
        turn_lease_seconds=60, key_prefix="wf:",
    )
    raw = Redis.from_url(private_redis.url)
    try:
        created = await store.create(SessionState(session_id=new_session_id()))
        pause(private_redis)
        try:
            with pytest.raises(StoreUnavailable) as caught:
                async with store.turn_lock(created.session_id):
                    pass
            assert caught.value.cause == "timeout"
        finally:
            resume(private_redis)
        async with store.turn_lock(created.session_id):  # within the 0.5 s turn wait
            pass
        assert await raw.exists(store.keys.lock(created.session_id)) == 0
    finally:
        await store.close()
        await raw.aclose()


async def test_a_turn_longer_than_its_lease_keeps_it(
    redis_url: str, redis_prefix: str, raw_redis: Redis
) -> None:
    stores = [
        RedisSessionStore.from_url(
            redis_url, ttl_seconds=60, turn_wait_seconds=0.1, turn_lease_seconds=1,
            key_prefix=redis_prefix,
        )
        for _ in range(2)
    ]
    try:
        created = await stores[0].create(SessionState(session_id=new_session_id()))
        async with stores[0].turn_lock(created.session_id):
            await asyncio.sleep(2.5)  # two and a half lease lifetimes
            with pytest.raises(TurnInProgress):
                async with stores[1].turn_lock(created.session_id):
                    pass
        assert await raw_redis.exists(stores[0].keys.lock(created.session_id)) == 0
    finally:
        for store in stores:
            await store.close()


async def test_store_unavailable_is_logged_with_its_cause_and_the_request_id(
    make_settings: SettingsFactory, private_redis: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    settings = make_settings(session_backend="redis", redis_url=private_redis.url)
    with live_server(settings) as live:
        async with httpx.AsyncClient(base_url=live.url, timeout=30) as http:
            private_redis.stop()
            with caplog.at_level(logging.WARNING, logger="wayfarer.api"):
                response = await http.post("/api/sessions", headers={"X-Request-ID": "req-42"})
    assert response.status_code == 503
    failed = [r for r in caplog.records if r.getMessage() == "request failed"]
    assert [(r.__dict__["request_id"], r.__dict__["cause"]) for r in failed] == [
        ("req-42", "refused")
    ]


@pytest.mark.parametrize("password", ["wrong-secret", ""])
async def test_a_wrong_or_missing_password_is_named_as_auth_without_the_secret(
    make_settings: SettingsFactory, password: str
) -> None:
    with running_redis("--requirepass", "right-secret") as server:
        url = server.url.replace("redis://", f"redis://:{password}@" if password else "redis://")
        with pytest.raises(ConfigError) as caught:
            settings = make_settings(session_backend="redis", redis_url=url)
            await build_services(settings, reference=reference())
    message = caught.value.message
    assert "WAYFARER_REDIS_URL" in message and "auth" in message and "\n" not in message
    assert "secret" not in message


async def test_an_exhausted_pool_waits_then_names_its_cause(
    redis_url: str, redis_prefix: str
) -> None:
    client = redis_client(redis_url, ClientOptions(pool_size=1, pool_timeout=0.2))
    metrics = Metrics()
    store = RedisSessionStore(
        client, ttl_seconds=60, turn_wait_seconds=1, turn_lease_seconds=5,
        key_prefix=redis_prefix, owns_client=True, metrics=metrics,
    )
    try:
        created = await store.create(SessionState(session_id=new_session_id()))
        busy = asyncio.create_task(client.blpop([f"{redis_prefix}nothing"], timeout=1))
        await asyncio.sleep(0.05)  # the one connection is now taken by BLPOP
        with pytest.raises(StoreUnavailable) as caught:
            await store.get(created.session_id)
        assert caught.value.cause == "pool_exhausted"
        assert sample(metrics, "wayfarer_store_unavailable_total", cause="pool_exhausted") == 1
        await busy
        assert (await store.get(created.session_id)).version == 1  # free again: it works
    finally:
        await store.close()


async def test_a_stall_is_reported_after_one_operation_timeout(private_redis: RedisServer) -> None:
    # One deadline per operation: no second attempt after a timed-out read (redis-py's
    # per-read timeout and its retry took about twice as long).
    store = RedisSessionStore.from_url(
        private_redis.url, ClientOptions(socket_timeout=0.5), ttl_seconds=60,
        turn_wait_seconds=0.5, turn_lease_seconds=60, key_prefix="wf:",
    )
    try:
        created = await store.create(SessionState(session_id=new_session_id()))
        pause(private_redis)
        try:
            started = time.perf_counter()
            with pytest.raises(StoreUnavailable) as caught:
                await store.get(created.session_id)
            elapsed = time.perf_counter() - started
        finally:
            resume(private_redis)
        assert caught.value.cause == "timeout"
        assert 0.5 <= elapsed < 0.9
        assert (await store.get(created.session_id)).version == 1  # a fresh connection
    finally:
        await store.close()


@pytest.mark.parametrize(("busy_seconds", "outcome"), [(0.5, "served"), (2, "pool_exhausted")])
async def test_a_wait_for_the_pool_is_bounded_by_the_pool_timeout_not_the_operations(
    redis_url: str, redis_prefix: str, busy_seconds: float, outcome: str
) -> None:
    options = ClientOptions(pool_size=1, pool_timeout=1, socket_timeout=0.2)
    client = redis_client(redis_url, options)
    store = RedisSessionStore(
        client, ttl_seconds=60, turn_wait_seconds=1, turn_lease_seconds=5,
        key_prefix=redis_prefix, owns_client=True, operation_timeout=options.socket_timeout,
    )
    try:
        created = await store.create(SessionState(session_id=new_session_id()))
        busy = asyncio.create_task(client.blpop([f"{redis_prefix}nothing"], timeout=busy_seconds))
        await asyncio.sleep(0.05)  # the one connection is now taken by BLPOP
        if outcome == "served":  # waited longer than the operation timeout, then served
            assert (await store.get(created.session_id)).version == 1
        else:
            with pytest.raises(StoreUnavailable) as caught:
                await store.get(created.session_id)
            assert caught.value.cause == outcome
        await busy
    finally:
        await store.close()
