"""The ``openai`` provider end to end: real HTTP to the app, which talks real HTTP (the
OpenAI protocol, JSON and SSE) to a stand-in model server on loopback.
"""

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.conversation.llm_support import NARRATION, ScriptedModel, llm_app
from tests.fake_openai import FakeOpenAI, fake_openai
from tests.support import LiveServer


@pytest.fixture
def model() -> ScriptedModel:
    return ScriptedModel()


@pytest.fixture
def fake(model: ScriptedModel) -> Iterator[FakeOpenAI]:
    with fake_openai(model) as server:
        yield server


@pytest.fixture
def llm_server(fake: FakeOpenAI, make_settings: Any) -> Iterator[LiveServer]:
    with llm_app(fake, make_settings) as live:
        yield live


async def _turn(http: httpx.AsyncClient, text: str) -> dict[str, Any]:
    session_id = (await http.post("/api/sessions")).json()["session_id"]
    response = await http.post(f"/api/sessions/{session_id}/messages", json={"content": text})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_model_interprets_and_narrates(
    llm_server: LiveServer, fake: FakeOpenAI, model: ScriptedModel
) -> None:
    text = "Three relaxed days in Lisboa, mostly eating, cheap please"
    model.table[text] = {"acts": [{"act": "change_preferences", "changes": {
        "city": "Lisboa", "days": 3, "add_interests": ["food"], "pace": "relaxed",
        "budget": "budget"}}]}
    async with httpx.AsyncClient(base_url=llm_server.url, timeout=30) as http:
        body = await _turn(http, text)
    session = body["session"]
    assert session["preferences"]["city"] == "Lisbon"
    assert session["stage"] == "planned"
    assert body["reply"]["content"] == NARRATION
    assert {r["model"] for r in fake.requests} == {"test-model"}
    assert any(r.get("stream") for r in fake.requests)


async def test_model_cannot_plan_an_uncovered_city(
    llm_server: LiveServer, model: ScriptedModel
) -> None:
    text = "Let's do Lyon for a weekend"
    model.table[text] = {"acts": [
        {"act": "change_preferences", "changes": {"city": "Lyon", "days": 2}}]}
    async with httpx.AsyncClient(base_url=llm_server.url, timeout=30) as http:
        body = await _turn(http, text)
    assert body["session"]["preferences"]["city"] is None
    assert body["session"]["itinerary"] is None


@pytest.mark.parametrize("failure", ["http_500", "garbage", "slow"])
async def test_model_failure_falls_back_to_offline_rules(
    fake: FakeOpenAI, make_settings: Any, model: ScriptedModel, failure: str
) -> None:
    text = "3 days in Rome, food and history, relaxed, cheap"
    model.table[text] = "I am not JSON at all"
    overrides: dict[str, Any] = {}
    if failure == "http_500":
        fake.fail_next = 10
    elif failure == "slow":  # every answer comes five times later than the app waits
        fake.delay = 1.0
        overrides["llm_timeout_seconds"] = 0.2
    with llm_app(fake, make_settings, **overrides) as live:
        async with httpx.AsyncClient(base_url=live.url, timeout=60) as http:
            body = await _turn(http, text)
            metrics = (await http.get("/metrics")).text
    session = body["session"]
    assert session["stage"] == "planned"
    assert session["preferences"]["city"] == "Rome"
    assert 'wayfarer_llm_calls_total{outcome="fallback"}' in metrics
    if failure != "garbage":
        assert "Day 1" in body["reply"]["content"]  # the offline narrator answered


async def test_a_pending_confirmation_is_answered_with_the_llm_provider(
    llm_server: LiveServer, model: ScriptedModel
) -> None:
    plan, switch = "3 days in Rome, food, relaxed, cheap", "new trip"
    model.table[plan] = {"acts": [{"act": "change_preferences", "changes": {
        "city": "Rome", "days": 3, "add_interests": ["food"], "pace": "relaxed",
        "budget": "budget"}}]}
    model.table[switch] = {"acts": [{"act": "start_over"}]}
    model.table["yes"] = {"acts": [{"act": "confirm", "accept": True}]}
    async with httpx.AsyncClient(base_url=llm_server.url, timeout=30) as http:
        session_id = (await http.post("/api/sessions")).json()["session_id"]
        url = f"/api/sessions/{session_id}/messages"
        for text in (plan, switch):
            await http.post(url, json={"content": text})
        view = (await http.get(f"/api/sessions/{session_id}")).json()
        assert view["stage"] == "planned"
        await http.post(url, json={"content": "yes"})
        view = (await http.get(f"/api/sessions/{session_id}")).json()
    assert view["stage"] == "gathering" and view["itinerary"] is None
