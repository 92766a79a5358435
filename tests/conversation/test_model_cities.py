"""Any other city with a model: places proposed once by the model (real HTTP to the
loopback OpenAI-protocol server), checked, planned, cached in the session store."""

import asyncio
import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.conversation.llm_support import llm_app, metric
from tests.conversation.model_city_support import (
    BAD,
    FOOD,
    GOOD,
    ProposingModel,
    wants_bologna,
)
from tests.fake_openai import FakeOpenAI, fake_openai
from tests.reference import bundled_catalog
from wayfarer.config import Settings
from wayfarer.language.llm.places import candidates_schema
from wayfarer.planner.proposed import MODEL_PLACES_NOTE

TEXT = "Two days in Bologna please"


@pytest.fixture
def model() -> ProposingModel:
    proposing = ProposingModel(GOOD + FOOD)
    wants_bologna(proposing, TEXT)
    return proposing


@pytest.fixture
def fake(model: ProposingModel) -> Iterator[FakeOpenAI]:
    with fake_openai(model) as server:
        yield server


async def _trip(url: str, text: str = TEXT) -> dict[str, Any]:
    """A new session's first turn, as its view plus the reply."""
    async with httpx.AsyncClient(base_url=url, timeout=60) as http:
        session_id = (await http.post("/api/sessions")).json()["session_id"]
        response = await http.post(f"/api/sessions/{session_id}/messages",
                                   json={"content": text})
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body


def _place_names(session: dict[str, Any]) -> set[str]:
    return {item["place"]["name"] for day in session["itinerary"]["days"]
            for item in day["items"]}


async def test_good_candidates_are_planned_and_cached(
    fake: FakeOpenAI, model: ProposingModel, make_settings: Any
) -> None:
    with llm_app(fake, make_settings) as live:
        first = (await _trip(live.url))["session"]
        second = (await _trip(live.url))["session"]
        async with httpx.AsyncClient(base_url=live.url) as http:
            metrics = (await http.get("/metrics")).text
    assert model.proposals == 1  # the second traveller made no model call for places
    assert metric(metrics, "wayfarer_llm_call_seconds_count", kind="propose",
                  outcome="ok") == 1
    asked = [r for r in fake.requests if "candidate places" in str(r["messages"][0])]
    assert asked[0]["response_format"]["type"] == "json_schema"
    assert asked[0]["response_format"]["json_schema"]["strict"] is True
    assert json.loads(asked[0]["messages"][-1]["content"]) == {
        "city": "Bologna", "country": "Italy"}
    for session in (first, second):
        assert session["stage"] == "planned"
        assert session["itinerary"]["city"] == "Bologna"
        assert session["itinerary"]["country"] == "Italy"
        assert MODEL_PLACES_NOTE in session["itinerary"]["assumptions"]
        assert _place_names(session) <= {p["name"] for p in GOOD + FOOD}
    assert len(first["itinerary"]["days"]) == 2


async def test_bad_candidates_are_dropped(
    fake: FakeOpenAI, model: ProposingModel, make_settings: Any
) -> None:
    model.places = BAD + GOOD + FOOD
    wants_bologna(model, TEXT, days=4)
    with llm_app(fake, make_settings) as live:
        session = (await _trip(live.url))["session"]
    assert session["stage"] == "planned"
    planned = _place_names(session)
    assert planned <= {p["name"] for p in GOOD + FOOD}
    assert not planned & {str(p["name"]) for p in BAD[:3] + BAD[4:]}
    ids = [item["place"]["id"] for day in session["itinerary"]["days"]
           for item in day["items"]]
    assert len(ids) == len(set(ids))


async def test_too_few_good_candidates_give_the_offline_answer(
    fake: FakeOpenAI, model: ProposingModel, make_settings: Any
) -> None:
    model.places = BAD + GOOD[:3] + FOOD[:1]
    with llm_app(fake, make_settings) as live:
        body = await _trip(live.url)
    assert model.proposals == 1
    assert body["session"]["itinerary"] is None
    assert body["session"]["preferences"]["city"] is None


@pytest.mark.parametrize("failure", ["http_500", "hung", "hung_proposal", "not_json"])
async def test_a_failing_model_gives_the_offline_answer(
    fake: FakeOpenAI, model: ProposingModel, make_settings: Any, failure: str
) -> None:
    overrides: dict[str, Any] = {}
    if failure == "http_500":
        fake.fail_next = 100
    elif failure == "hung":  # the model answers long after the turn's budget
        fake.delay = 3.0
        overrides = {"llm_timeout_seconds": 20, "turn_budget_seconds": 1.0}
    elif failure == "hung_proposal":  # only the place call hangs: the budget cuts it
        model.hang = 4.0
        overrides = {"llm_timeout_seconds": 20, "turn_budget_seconds": 2.0}
    else:
        model.places = "not a list"  # type: ignore[assignment]
    with llm_app(fake, make_settings, **overrides) as live:
        started = time.monotonic()
        body = await _trip(live.url)
        took = time.monotonic() - started
    session = body["session"]
    if failure == "hung_proposal":
        assert model.proposals == 1 and took < 3.5
    assert session["itinerary"] is None
    assert session["preferences"]["city"] is None
    assert "Bologna" in body["reply"]["content"] or failure != "http_500"


async def test_function_calling_proposals_are_planned_too(
    fake: FakeOpenAI, model: ProposingModel, make_settings: Any
) -> None:
    with llm_app(fake, make_settings, llm_structured_method="function_calling") as live:
        session = (await _trip(live.url))["session"]
    asked = [r for r in fake.requests if "candidate places" in str(r["messages"][0])]
    assert asked[0]["tools"][0]["function"]["name"] == "Candidates"
    assert session["stage"] == "planned" and session["itinerary"]["city"] == "Bologna"


@pytest.mark.parametrize("backend", ["memory", "redis"])
async def test_cached_places_expire(
    fake: FakeOpenAI, model: ProposingModel, make_settings: Any, backend: str,
    request: pytest.FixtureRequest,
) -> None:
    overrides: dict[str, Any] = {"model_city_ttl_seconds": 1.0, "session_backend": backend}
    if backend == "redis":
        overrides |= {"redis_url": request.getfixturevalue("redis_url"),
                      "redis_key_prefix": request.getfixturevalue("redis_prefix")}
    with llm_app(fake, make_settings, **overrides) as live:
        await _trip(live.url)
        await _trip(live.url)
        assert model.proposals == 1
        await asyncio.sleep(1.2)
        session = (await _trip(live.url))["session"]
    assert model.proposals == 2  # expired: asked again
    assert session["stage"] == "planned"


async def test_redis_cache_serves_another_app_instance(
    fake: FakeOpenAI, model: ProposingModel, make_settings: Any, redis_url: str,
    redis_prefix: str,
) -> None:
    redis = {"session_backend": "redis", "redis_url": redis_url,
             "redis_key_prefix": redis_prefix}
    with llm_app(fake, make_settings, **redis) as first_app:
        first = await _trip(first_app.url)
        sid = first["session"]["session_id"]
        async with httpx.AsyncClient(base_url=first_app.url, timeout=60) as http:
            shared = (await http.post(f"/api/sessions/{sid}/share")).json()
    with llm_app(fake, make_settings, **redis) as second_app:  # a fresh process's view
        async with httpx.AsyncClient(base_url=second_app.url, timeout=60) as http:
            export = await http.get(f"/api/sessions/{sid}/itinerary",
                                    params={"format": "markdown"})
            view = await http.get(f"/api/shared/{shared['share']['token']}")
        second = (await _trip(second_app.url))["session"]
    assert model.proposals == 1
    assert second["stage"] == "planned" and second["itinerary"]["city"] == "Bologna"
    assert export.status_code == 200 and MODEL_PLACES_NOTE in export.text
    assert view.status_code == 200 and view.json()["details"]


async def test_offline_an_uncovered_city_keeps_the_honest_answer(
    client: httpx.AsyncClient,
) -> None:
    session_id = (await client.post("/api/sessions")).json()["session_id"]
    body = (await client.post(f"/api/sessions/{session_id}/messages",
                              json={"content": "Two days in Bologna please"})).json()
    assert body["session"]["itinerary"] is None
    reply = body["reply"]["content"]
    assert "Bologna" in reply
    italian = [c.name for c in bundled_catalog().cities if c.country_code == "IT"]
    named = sorted((reply.index(c.name), c.name) for c in bundled_catalog().cities
                   if c.name in reply)
    assert named and named[0][1] in italian  # covered cities of its country first


def test_settings_name_the_cache_ttl(make_settings: Any) -> None:
    settings: Settings = make_settings(model_city_ttl_seconds=60)
    assert settings.model_city_ttl_seconds == 60


def test_the_candidates_schema_is_in_the_strict_subset() -> None:
    schema = candidates_schema()
    place = schema["$defs"]["Candidate"]
    assert schema["additionalProperties"] is False and schema["required"] == ["places"]
    assert place["additionalProperties"] is False
    assert set(place["required"]) == set(place["properties"]) == {
        "name", "kind", "category", "interests", "lat", "lon", "hours", "visit_minutes",
        "cost_level", "indoor", "description", "serves"}
