"""Session endpoints over real HTTP: create, read, forget; unknown ids; Redis replicas and
a Redis outage seen by clients (503, /readyz) and recovered from without a restart."""

import asyncio
from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import SettingsFactory
from tests.support import RedisServer, live_server, running_redis
from wayfarer.sessions import is_session_id


def error_code(response: httpx.Response) -> str:
    body = response.json()
    assert set(body["error"]) == {"code", "message"}
    return str(body["error"]["code"])


async def test_create_session_holds_the_greeting(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/sessions")
    assert response.status_code == 201
    body = response.json()
    assert next(iter(body)) == "schema_version"
    assert "version" not in body
    assert is_session_id(body["session_id"]) and len(body["session_id"]) >= 22
    assert response.headers["location"] == f"/api/sessions/{body['session_id']}"
    assert body["stage"] == "gathering"
    assert [m["role"] for m in body["history"]] == ["assistant"]
    assert "Wayfarer" in body["history"][0]["content"]
    assert body["expires_at"] > body["last_accessed"]


async def test_ids_differ_between_sessions(client: httpx.AsyncClient) -> None:
    ids = {(await client.post("/api/sessions")).json()["session_id"] for _ in range(5)}
    assert len(ids) == 5


async def test_read_refreshes_and_delete_forgets(client: httpx.AsyncClient) -> None:
    created = (await client.post("/api/sessions")).json()
    url = f"/api/sessions/{created['session_id']}"
    read = await client.get(url)
    assert read.status_code == 200
    assert read.json()["history"] == created["history"]
    assert read.json()["expires_at"] >= created["expires_at"]
    deleted = await client.delete(url)
    assert deleted.status_code == 204 and deleted.content == b""
    for response in (await client.get(url), await client.delete(url)):
        assert response.status_code == 404
        assert error_code(response) == "session_not_found"


@pytest.mark.parametrize(
    "session_id", ["nope", "A" * 22, "x" * 300, "a.b.c", "%27%3B--" * 5, "%00" * 10, "a%20b" * 6]
)
async def test_unknown_or_malformed_ids_are_404(client: httpx.AsyncClient, session_id: str) -> None:
    for method in ("GET", "DELETE"):
        response = await client.request(method, f"/api/sessions/{session_id}")
        assert response.status_code == 404, (method, response.text)
        assert error_code(response) == "session_not_found"


async def test_expired_session_is_404(make_settings: SettingsFactory) -> None:
    with live_server(make_settings(session_ttl_seconds=1)) as live:
        async with httpx.AsyncClient(base_url=live.url) as http:
            created = (await http.post("/api/sessions")).json()
            await asyncio.sleep(1.2)
            response = await http.get(f"/api/sessions/{created['session_id']}")
            assert response.status_code == 404
            assert error_code(response) == "session_not_found"


@pytest.mark.redis
async def test_two_instances_on_one_redis_share_sessions(
    make_settings: SettingsFactory, redis_url: str, redis_prefix: str
) -> None:
    settings = make_settings(
        session_backend="redis", redis_url=redis_url, redis_key_prefix=redis_prefix
    )
    with live_server(settings) as first, live_server(settings) as second:
        async with httpx.AsyncClient() as http:
            created = (await http.post(f"{first.url}/api/sessions")).json()
            path = f"/api/sessions/{created['session_id']}"
            seen = await http.get(f"{second.url}{path}")
            assert seen.status_code == 200
            assert seen.json()["history"] == created["history"]
            assert (await http.delete(f"{second.url}{path}")).status_code == 204
            gone = await http.get(f"{first.url}{path}")
            assert gone.status_code == 404 and error_code(gone) == "session_not_found"


@pytest.fixture
def private_redis() -> Iterator[RedisServer]:
    """A redis-server of this test alone, so stopping it disturbs no other test."""
    try:
        with running_redis() as server:
            yield server
    except FileNotFoundError as exc:
        pytest.skip(f"no Redis available: {exc}")


@pytest.mark.redis
async def test_redis_outage_is_503_and_recovers_without_restart(
    make_settings: SettingsFactory, private_redis: RedisServer
) -> None:
    settings = make_settings(session_backend="redis", redis_url=private_redis.url)
    with live_server(settings) as live:
        async with httpx.AsyncClient(base_url=live.url) as http:
            assert (await http.get("/readyz")).status_code == 200
            created = (await http.post("/api/sessions")).json()
            path = f"/api/sessions/{created['session_id']}"

            private_redis.stop()
            for response in (
                await http.get("/readyz"),
                await http.get(path),
                await http.post("/api/sessions"),
                await http.delete(path),
            ):
                assert response.status_code == 503
                assert error_code(response) == "store_unavailable"
            assert (await http.get("/healthz")).status_code == 200

            private_redis.start()
            assert (await http.get("/readyz")).json() == {"status": "ready"}
            assert (await http.get(path)).status_code == 404  # Redis kept nothing on disk
            assert (await http.post("/api/sessions")).status_code == 201
