"""The turn's time budget against a hung model endpoint (tests/fake_openai.py, answering
far later than the budget): sessions are created without the model, the turn is answered
by the offline layer, and the turn's lease is released, on the Redis backend."""

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis

from tests.conftest import SettingsFactory
from tests.fake_openai import FakeOpenAI, fake_openai
from tests.support import live_server

pytestmark = pytest.mark.redis

HUNG_SECONDS = 1.0  # several times the turn budget below


@pytest.fixture
def hung_model() -> Iterator[FakeOpenAI]:
    with fake_openai(lambda messages: "never in time") as fake:
        fake.delay = HUNG_SECONDS
        yield fake


async def test_a_hung_model_is_answered_offline_within_the_budget(
    make_settings: SettingsFactory, hung_model: FakeOpenAI, redis_url: str, redis_prefix: str
) -> None:
    settings = make_settings(
        session_backend="redis", redis_url=redis_url, redis_key_prefix=redis_prefix,
        llm_provider="openai", openai_api_key="sk-test", openai_base_url=hung_model.base_url,
        llm_timeout_seconds=20, turn_budget_seconds=0.3, turn_lease_seconds=5,
    )
    with live_server(settings) as live:
        async with httpx.AsyncClient(base_url=live.url, timeout=30) as http:
            created = await http.post("/api/sessions")
            assert created.status_code == 201
            assert hung_model.requests == []  # the greeting needs no model call
            session_id = created.json()["session_id"]
            turn = await http.post(
                f"/api/sessions/{session_id}/messages", json={"content": "3 days in Lisbon"}
            )
            assert turn.status_code == 200, turn.text
            body: dict[str, Any] = turn.json()
            assert body["session"]["preferences"]["city"] == "Lisbon"
            assert body["reply"]["content"]
            assert "never in time" not in body["reply"]["content"]  # not the late model
            assert len(hung_model.requests) >= 1  # the model was asked, and not waited for
            metrics = (await http.get("/metrics")).text
    assert 'wayfarer_llm_calls_total{outcome="fallback"}' in metrics
    raw = Redis.from_url(redis_url)
    try:
        assert await raw.exists(f"{redis_prefix}lock:{session_id}") == 0
    finally:
        await raw.aclose()
