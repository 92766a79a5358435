"""Multi-city acts from the ``openai`` provider (issue 11), against the loopback
OpenAI-protocol server: legs and leg changes come back as structured output, their cities
are resolved against the catalog, and uncovered cities are never planned."""

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.conversation.llm_support import ScriptedModel, data_of, is_interpretation, llm_app
from tests.fake_openai import FakeOpenAI, fake_openai

TRIP = "3 in Tokio then 2 in Kyoto and 2 in Hiroshima, surprise me"
LEGS = {"acts": [{"act": "change_preferences", "changes": {
    "legs": [{"city": "Tokio", "country": None, "days": 3},
             {"city": "kyoto", "country": None, "days": 2},
             {"city": "Hiroshima", "country": None, "days": 2}],
    "interests_any": True, "pace": "moderate", "budget": "moderate"}}]}
MORE = "one more day in tokyo"
MORE_ACTS = {"acts": [{"act": "change_leg", "op": "add", "city": "tokyo", "days": 1}]}
ELSEWHERE = "add two days in Hanoi"
ELSEWHERE_ACTS = {"acts": [{"act": "change_leg", "op": "add", "city": "Hanoi", "days": 2}]}
UNKNOWN_FIELD = "drop kyoto please"
UNKNOWN_ACTS = {"acts": [{"act": "change_leg", "op": "drop", "city": "Kyoto", "days": None,
                          "booking": "yes"}]}


@pytest.fixture
def model() -> ScriptedModel:
    scripted = ScriptedModel()
    scripted.table.update({TRIP: LEGS, MORE: MORE_ACTS, ELSEWHERE: ELSEWHERE_ACTS,
                           UNKNOWN_FIELD: UNKNOWN_ACTS})
    return scripted


@pytest.fixture
def fake(model: ScriptedModel) -> Iterator[FakeOpenAI]:
    with fake_openai(model) as server:
        yield server


async def _say(http: httpx.AsyncClient, session_id: str, text: str) -> dict[str, Any]:
    response = await http.post(f"/api/sessions/{session_id}/messages", json={"content": text})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _legs(body: dict[str, Any]) -> list[tuple[str, int | None]]:
    return [(leg["city"], leg["days"]) for leg in body["session"]["preferences"]["legs"]]


async def test_legs_and_leg_changes_from_the_model(
    fake: FakeOpenAI, make_settings: Any
) -> None:
    with llm_app(fake, make_settings) as live:
        async with httpx.AsyncClient(base_url=live.url, timeout=30) as http:
            session_id = (await http.post("/api/sessions")).json()["session_id"]
            body = await _say(http, session_id, TRIP)
            assert _legs(body) == [("Tokyo", 3), ("Kyoto", 2)]  # resolved; Hiroshima out
            assert body["session"]["stage"] == "planned"
            body = await _say(http, session_id, MORE)
            assert _legs(body) == [("Tokyo", 4), ("Kyoto", 2)]
            body = await _say(http, session_id, ELSEWHERE)  # uncovered: never planned
            assert _legs(body) == [("Tokyo", 4), ("Kyoto", 2)]
            narrated = [r for r in fake.requests if not is_interpretation(r["messages"])]
            assert "Hanoi" in str(narrated[-1]["messages"][0]["content"])  # the event's facts
            body = await _say(http, session_id, UNKNOWN_FIELD)  # outside the schema: offline
            assert _legs(body) == [("Tokyo", 4)]
    sent = [data_of(r["messages"]) for r in fake.requests if is_interpretation(r["messages"])]
    assert [s["message"] for s in sent] == [TRIP, MORE, ELSEWHERE, UNKNOWN_FIELD]
    rules = next(r["messages"][0]["content"] for r in fake.requests
                 if is_interpretation(r["messages"]))
    assert "change_leg" in rules and "legs" in rules


async def test_the_acts_schema_offers_legs_and_leg_changes(
    fake: FakeOpenAI, make_settings: Any
) -> None:
    with llm_app(fake, make_settings) as live:
        async with httpx.AsyncClient(base_url=live.url, timeout=30) as http:
            session_id = (await http.post("/api/sessions")).json()["session_id"]
            await _say(http, session_id, TRIP)
    request = next(r for r in fake.requests if is_interpretation(r["messages"]))
    schema = str(request["response_format"]["json_schema"]["schema"])
    assert "change_leg" in schema and "swap_order" in schema and "unsupported_legs" in schema
