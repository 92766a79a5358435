"""GET /api/config over real HTTP: the vocabulary, defaults, limits and example cities the
page shows are the backend's own (issue 15 item 10), so the page keeps no copy of them."""

from typing import Any, get_args

import httpx

from tests.conftest import SettingsFactory
from tests.reference import bundled_catalog
from tests.support import live_server
from wayfarer.domain import Preferences
from wayfarer.domain.vocabulary import Budget, Interest, Pace
from wayfarer.planner.index import CityIndex
from wayfarer.planner.request import resolve


async def _config(settings: Any) -> dict[str, Any]:
    with live_server(settings) as live:
        async with httpx.AsyncClient(base_url=live.url) as http:
            response = await http.get("/api/config")
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


async def test_the_vocabulary_is_the_domain_s(make_settings: SettingsFactory) -> None:
    config = await _config(make_settings())
    assert config["vocabulary"] == {
        "interests": list(get_args(Interest)),
        "paces": list(get_args(Pace)),
        "budgets": list(get_args(Budget)),
    }
    preferences = Preferences.model_json_schema()["properties"]
    assert config["limits"]["trip_days"] == preferences["days"]["anyOf"][0]["maximum"]
    assert config["limits"]["travelers"] == preferences["travelers"]["anyOf"][0]["maximum"]


async def test_the_defaults_are_what_the_planner_assumes(make_settings: SettingsFactory) -> None:
    config = await _config(make_settings())
    lisbon = bundled_catalog().get("Lisbon")
    assert lisbon is not None
    request = resolve(Preferences(city="Lisbon"), CityIndex.build(lisbon))
    assert {"days", "pace", "budget"} <= set(request.defaults)
    assert config["defaults"] == {
        "days": request.days, "pace": request.pace, "budget": request.budget,
    }


async def test_the_message_limit_is_the_configured_one_and_enforced(
    make_settings: SettingsFactory,
) -> None:
    settings = make_settings(max_message_chars=321)
    with live_server(settings) as live:
        async with httpx.AsyncClient(base_url=live.url) as http:
            limit = (await http.get("/api/config")).json()["limits"]["message_chars"]
            session_id = (await http.post("/api/sessions")).json()["session_id"]
            url = f"/api/sessions/{session_id}/messages"
            over = await http.post(url, json={"content": "a" * (limit + 1)})
            at_limit = await http.post(url, json={"content": "a" * limit})
    assert limit == 321
    assert over.status_code == 422
    assert at_limit.status_code == 200


async def test_the_example_cities_are_those_the_narrator_names(
    make_settings: SettingsFactory,
) -> None:
    with live_server(make_settings()) as live:
        async with httpx.AsyncClient(base_url=live.url) as http:
            examples = (await http.get("/api/config")).json()["example_cities"]
            covered = [c["name"] for c in (await http.get("/api/cities")).json()]
            session_id = (await http.post("/api/sessions")).json()["session_id"]
            turn = await http.post(f"/api/sessions/{session_id}/messages",
                                   json={"content": "I'd like to plan a trip"})
    assert turn.status_code == 200
    reply = turn.json()["reply"]["content"]
    # The city question names covered cities as examples: the first of the page's, in order.
    named = sorted((c for c in covered if c in reply), key=reply.index)
    offered = [c for c in examples if c in covered]
    assert named and named == offered[: len(named)]
