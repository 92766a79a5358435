"""The staging topology without containers: redis-server with the compose file's Redis
arguments, ``WAYFARER_ENV=staging wayfarer serve`` on it; a conversation survives Redis
being stopped and restarted, and continues. (A crash of Redis itself, SIGKILL, may lose
the last second of writes: ``appendfsync everysec``; docs/operations.md.)"""

import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import httpx
import pytest

from tests.api.deploy_files import redis_args, service_env
from tests.api.processes import wayfarer_serve
from tests.support import free_port, redis_server_binary


@contextmanager
def compose_redis(port: int, data_dir: str) -> Iterator[subprocess.Popen[bytes]]:
    """redis-server as compose runs it, on loopback, with ``data_dir`` as its volume."""
    binary = redis_server_binary()
    if binary is None:
        pytest.skip("no redis-server")
    process = subprocess.Popen(
        [binary, *redis_args(), "--port", str(port), "--bind", "127.0.0.1", "--dir", data_dir],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        yield process
    finally:
        process.kill()
        process.wait(timeout=10)


def wait_ready(url: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise AssertionError("the API did not become ready")


@pytest.mark.redis
def test_a_conversation_survives_a_redis_restart() -> None:
    port = free_port()
    env = {
        **service_env("api"),
        "WAYFARER_REDIS_URL": f"redis://127.0.0.1:{port}/0",
        "WAYFARER_LOG_LEVEL": "warning",
    }
    with ExitStack() as stack:
        volume = stack.enter_context(tempfile.TemporaryDirectory())
        redis = stack.enter_context(compose_redis(port, volume))
        served = stack.enter_context(wayfarer_serve(env))
        http = stack.enter_context(httpx.Client(base_url=served.url, timeout=30))
        session_id = http.post("/api/sessions").json()["session_id"]
        url = f"/api/sessions/{session_id}"
        plan = http.post(f"{url}/messages", json={
            "content": "3 days in Rome, food and history, relaxed, cheap"
        })
        assert plan.json()["session"]["itinerary"] is not None
        before = http.get(url).json()

        redis.terminate()  # what `docker compose restart redis` sends (SIGTERM)
        redis.wait(timeout=10)
        assert http.get("/readyz").status_code == 503
        with compose_redis(port, volume):
            wait_ready(served.url)
            after = http.get(url).json()
            assert after["history"] == before["history"]
            assert after["itinerary"] == before["itinerary"]
            edit = http.post(f"{url}/messages", json={"content": "more relaxed"})
            assert edit.status_code == 200
            history = edit.json()["session"]["history"]
            assert history[: len(before["history"])] == before["history"]
            assert len(history) == len(before["history"]) + 2
