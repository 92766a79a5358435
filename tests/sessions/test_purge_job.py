"""The APScheduler purge job, the start-up reachability check, and `wayfarer purge`."""

import asyncio
import time

import pytest

from tests.conftest import SettingsFactory
from tests.reference import reference
from tests.sessions.conftest import StoreFactory, sample
from tests.support import eventually, free_port
from wayfarer import cli
from wayfarer.domain import SessionState
from wayfarer.errors import ConfigError
from wayfarer.observability import Metrics
from wayfarer.sessions import PurgeScheduler, RedisSessionStore, new_session_id, purge_once
from wayfarer.sessions.purge import JOB_ID
from wayfarer.wiring import build_services


async def test_scheduled_job_purges_every_interval(make_store: StoreFactory) -> None:
    metrics = Metrics()
    store = make_store(ttl_seconds=0.3, metrics=metrics)
    for _ in range(3):
        await store.create(SessionState(session_id=new_session_id()))
    scheduler = PurgeScheduler(store, metrics, interval_seconds=0.25)
    scheduler.start()
    try:
        job = scheduler.job
        assert job is not None
        assert (job.id, job.max_instances, job.coalesce) == (JOB_ID, 1, True)
        # The pass counts the purge before it refreshes the gauge: wait for both.
        def done() -> bool:
            purged = sample(metrics, "wayfarer_sessions_purged_total")
            return purged == 3 and sample(metrics, "wayfarer_sessions_active") == 0

        await eventually(done, within=10)
        assert sample(metrics, "wayfarer_sessions_purged_total") == 3
        assert sample(metrics, "wayfarer_sessions_active") == 0
    finally:
        await scheduler.shutdown()
        await scheduler.shutdown()  # idempotent
    assert not scheduler.running


@pytest.mark.redis
async def test_one_replica_purges_per_interval(redis_url: str, redis_prefix: str) -> None:
    metrics = Metrics()
    replicas = [
        RedisSessionStore.from_url(
            redis_url, ttl_seconds=0.2, turn_wait_seconds=1, turn_lease_seconds=1,
            key_prefix=redis_prefix,
        )
        for _ in range(2)
    ]
    try:
        await replicas[0].create(SessionState(session_id=new_session_id()))
        await asyncio.sleep(0.3)
        outcomes = [await purge_once(store, metrics, 10) for store in replicas]
        assert outcomes == [1, None]
    finally:
        for store in replicas:
            await store.close()


async def test_services_start_and_stop_the_scheduler(make_settings: SettingsFactory) -> None:
    services = await build_services(make_settings(purge_interval_seconds=5), reference=reference())
    assert services.purge_scheduler.running
    await services.close()
    await services.close()
    assert not services.purge_scheduler.running


async def test_unreachable_redis_stops_start_up_naming_the_variable(
    make_settings: SettingsFactory,
) -> None:
    url = f"redis://:secret@127.0.0.1:{free_port()}/0"
    with pytest.raises(ConfigError) as caught:
        settings = make_settings(session_backend="redis", redis_url=url)
        await build_services(settings, reference=reference())
    message = caught.value.message
    assert "WAYFARER_REDIS_URL" in message and "\n" not in message
    assert "secret" not in message


def test_cli_purge_runs_one_pass(
    redis_url: str, redis_prefix: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    async def seed() -> None:
        settings = cli.load_settings(session_ttl_seconds=1)
        services = await build_services(settings, reference=reference())
        try:
            for _ in range(2):
                await services.store.create(SessionState(session_id=new_session_id()))
        finally:
            await services.close()

    monkeypatch.setenv("WAYFARER_SESSION_BACKEND", "redis")
    monkeypatch.setenv("WAYFARER_REDIS_URL", redis_url)
    monkeypatch.setenv("WAYFARER_REDIS_KEY_PREFIX", redis_prefix)
    asyncio.run(seed())
    time.sleep(1.1)
    assert cli.main(["purge"]) == 0
    assert capsys.readouterr().out.strip() == "purged 2 expired sessions"


def test_cli_purge_with_unreachable_redis_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WAYFARER_SESSION_BACKEND", "redis")
    monkeypatch.setenv("WAYFARER_REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")
    assert cli.main(["purge"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "WAYFARER_REDIS_URL" in err[0]
