"""Redis Cluster beyond the contract suite (which runs on it too): a whole conversation over
HTTP on a 3-master cluster, sessions spread over the masters, and start-up refusing a
cluster node behind a plain redis:// URL."""

import httpx
import pytest
from redis.asyncio.cluster import RedisCluster

from tests.conftest import SettingsFactory
from tests.reference import reference
from tests.support import RedisClusterServers, live_server
from wayfarer.errors import ConfigError
from wayfarer.wiring import build_services

pytestmark = pytest.mark.redis


async def test_a_conversation_on_a_redis_cluster(
    make_settings: SettingsFactory, redis_cluster: RedisClusterServers, redis_prefix: str
) -> None:
    settings = make_settings(
        session_backend="redis", redis_url=redis_cluster.url, redis_key_prefix=redis_prefix
    )
    with live_server(settings) as live:
        async with httpx.AsyncClient(base_url=live.url, timeout=30) as http:
            assert (await http.get("/readyz")).status_code == 200
            ids = [(await http.post("/api/sessions")).json()["session_id"] for _ in range(12)]
            url = f"/api/sessions/{ids[0]}/messages"
            for text in ("3 days in Lisbon", "relaxed pace", "museums and food"):
                turn = await http.post(url, json={"content": text})
                assert turn.status_code == 200, turn.text
            session = (await http.get(f"/api/sessions/{ids[0]}")).json()
            assert session["preferences"]["city"] == "Lisbon"
            assert len(session["history"]) == 7
            for session_id in ids[1:]:
                assert (await http.get(f"/api/sessions/{session_id}")).status_code == 200
    client = RedisCluster(host="127.0.0.1", port=redis_cluster.ports[0])
    try:
        await client.initialize()
        holders = set()
        for session_id in ids:
            key = f"{redis_prefix}session:{{{session_id[0]}}}:{session_id}"
            holders.add(client.get_node_from_key(key).port)
            assert await client.exists(key) == 1
        assert len(holders) >= 2  # 12 random ids over 3 masters
    finally:
        await client.aclose()


async def test_a_plain_url_to_a_cluster_node_stops_start_up_in_one_line(
    make_settings: SettingsFactory, redis_cluster: RedisClusterServers
) -> None:
    url = f"redis://127.0.0.1:{redis_cluster.ports[1]}/0"
    with pytest.raises(ConfigError) as caught:
        settings = make_settings(session_backend="redis", redis_url=url)
        await build_services(settings, reference=reference())
    message = caught.value.message
    assert "WAYFARER_REDIS_URL" in message and "redis+cluster://" in message
    assert "\n" not in message
