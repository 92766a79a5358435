"""POST /api/sessions/{id}/edits over real HTTP on both session backends: every typed
operation, bad operations (422), errors as for messages, and a concurrent edit and message
on one session serialized."""

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis

from tests.conftest import SettingsFactory
from tests.support import live_server, running_redis
from wayfarer.config import Settings


@pytest.fixture
async def http(backend_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    with live_server(backend_settings) as live:
        async with httpx.AsyncClient(base_url=live.url, timeout=30) as client:
            yield client


async def _planned(http: httpx.AsyncClient, text: str) -> dict[str, Any]:
    session = (await http.post("/api/sessions")).json()
    turn = await http.post(f"/api/sessions/{session['session_id']}/messages",
                           json={"content": text})
    assert turn.status_code == 200, turn.text
    body: dict[str, Any] = turn.json()["session"]
    assert body["itinerary"] is not None
    return body


def _activities(session: dict[str, Any], day: int) -> list[dict[str, Any]]:
    items = session["itinerary"]["days"][day - 1]["items"]
    return [i["place"] for i in items if i["kind"] == "activity"]


def _ids(session: dict[str, Any]) -> list[list[str]]:
    return [[i["place"]["id"] for i in d["items"]] for d in session["itinerary"]["days"]]


async def _edit(http: httpx.AsyncClient, session: dict[str, Any], op: dict[str, Any]
                ) -> httpx.Response:
    return await http.post(f"/api/sessions/{session['session_id']}/edits", json=op)


async def test_each_operation_changes_the_trip_and_is_told_in_the_history(
    http: httpx.AsyncClient,
) -> None:
    session = await _planned(http, "3 days in Rome, history and food, relaxed, cheap")
    first = _activities(session, 1)[0]
    ops: list[dict[str, Any]] = [
        {"op": "remove", "target": {"name": first["name"], "day": 1}},
        {"op": "replace", "target": {"name": _activities(session, 2)[0]["name"], "day": 2}},
        {"op": "change_pace", "step": "more_relaxed", "day": 2},
        {"op": "change_pace", "step": "more_packed", "day": 2},
        {"op": "add", "query": {"interest": "nature"}},
        {"op": "swap_days", "first": 1, "second": 2},
        {"op": "add_day"},
        {"op": "drop_day", "day": 4},
        {"op": "change_pace", "pace": "moderate"},
        {"op": "change_budget", "budget": "luxury"},
    ]
    for op in ops:
        if op["op"] == "change_pace" and "day" in op and op["step"] == "more_relaxed":
            session = await _move_something(http, session)
        before = session
        response = await _edit(http, session, op)
        assert response.status_code == 200, (op, response.text)
        body = response.json()
        session = body["session"]
        assert (_ids(session), session["preferences"]) != (_ids(before), before["preferences"]), op
        assert body["reply"]["role"] == "assistant"
        assert session["history"][-1] == body["reply"]
        # one assistant message per click, no user message
        assert len(session["history"]) == len(before["history"]) + 1
        assert session["last_edit"]["description"], op
    moved = _activities(await _fetch(http, session), 1)
    assert moved


async def _move_something(http: httpx.AsyncClient, session: dict[str, Any]) -> dict[str, Any]:
    """Move the first place of day 3 that can go to day 1 (some are closed that weekday)."""
    for place in _activities(session, 3):
        op = {"op": "move", "target": {"name": place["name"], "day": 3}, "to_day": 1}
        response = await _edit(http, session, op)
        if response.status_code == 200:
            moved: dict[str, Any] = response.json()["session"]
            assert place["id"] in [p["id"] for p in _activities(moved, 1)]
            return moved
        assert response.json()["error"]["code"] == "invalid_request"
    raise AssertionError("no place of day 3 could move to day 1")


async def _fetch(http: httpx.AsyncClient, session: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = (await http.get(f"/api/sessions/{session['session_id']}")).json()
    return body


async def test_move_names_the_place_and_undo_restores(http: httpx.AsyncClient) -> None:
    session = await _planned(http, "2 days in Lisbon, viewpoints, relaxed, cheap")
    place = _activities(session, 1)[0]
    moved = await _edit(http, session, {"op": "move", "target": {"name": place["name"]},
                                        "to_day": 2})
    assert moved.status_code == 200, moved.text
    after = moved.json()["session"]
    assert place["id"] in [p["id"] for p in _activities(after, 2)]
    assert place["id"] not in [p["id"] for p in _activities(after, 1)]
    assert place["name"] in moved.json()["reply"]["content"]
    undone = await _edit(http, after, {"op": "undo"})
    assert undone.status_code == 200, undone.text
    assert _ids(undone.json()["session"]) == _ids(session)
    nothing = await _edit(http, session, {"op": "undo"})
    assert nothing.status_code == 422


BAD_OPS: list[dict[str, Any]] = [
    {"op": "teleport"},
    {},
    {"op": "remove"},
    {"op": "remove", "target": {"name": "Zzyzx Qwerty Museum"}},
    {"op": "remove", "target": {"name": "x", "day": 0}},
    {"op": "remove", "target": {"category": "museum", "day": 5}},
    {"op": "move", "target": {"name": "x"}, "to_day": 0},
    {"op": "swap_days", "first": 1, "second": 9},
    {"op": "drop_day", "day": 7},
    {"op": "change_pace", "pace": "frantic"},
    {"op": "change_budget"},
]


async def test_bad_operations_are_422_and_change_nothing(http: httpx.AsyncClient) -> None:
    session = await _planned(http, "2 days in Paris, art, relaxed, cheap")
    for op in BAD_OPS:
        response = await _edit(http, session, op)
        assert response.status_code == 422, (op, response.text)
        assert response.json()["error"]["code"] == "invalid_request"
    after = await _fetch(http, session)
    assert _ids(after) == _ids(session)
    assert after["history"] == session["history"]


async def test_errors_as_for_messages(http: httpx.AsyncClient) -> None:
    op = {"op": "add_day"}
    missing = await http.post("/api/sessions/" + "A" * 22 + "/edits", json=op)
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "session_not_found"
    fresh = (await http.post("/api/sessions")).json()
    early = await _edit(http, fresh, op)
    assert early.status_code == 404
    assert early.json()["error"]["code"] == "itinerary_not_found"


async def test_a_concurrent_edit_and_message_are_serialized(http: httpx.AsyncClient) -> None:
    session = await _planned(
        http, "3 days in Barcelona, architecture and beaches, moderate pace, mid budget"
    )
    url = f"/api/sessions/{session['session_id']}"
    message = http.post(f"{url}/messages", json={"content": "add a day"})
    click = _edit(http, session, {"op": "change_pace", "step": "more_relaxed", "day": 1})
    responses = await asyncio.gather(message, click)
    assert [r.status_code for r in responses] == [200, 200], [r.text for r in responses]
    final = await _fetch(http, session)
    assert len(final["itinerary"]["days"]) == 4  # the message's edit is there
    assert len(_activities(final, 1)) < len(_activities(session, 1))  # and the click's
    roles = [m["role"] for m in final["history"][len(session["history"]):]]
    assert sorted(roles) == ["assistant", "assistant", "user"]


async def test_openapi_lists_every_operation(http: httpx.AsyncClient) -> None:
    schema = (await http.get("/openapi.json")).json()
    body = schema["paths"]["/api/sessions/{session_id}/edits"]["post"]["requestBody"]
    text = str(body) + str(schema["components"]["schemas"])
    for name in ("RemovePlace", "ReplacePlace", "MovePlace", "ChangePace", "Undo"):
        assert name in text


async def test_the_page_config_lists_the_operations_and_the_tiles(
    http: httpx.AsyncClient,
) -> None:
    config = (await http.get("/api/config")).json()
    assert {"remove", "replace", "move", "change_pace", "undo"} <= set(config["edit_ops"])
    assert config["map"] == {"tiles_url": "", "attribution": ""}  # config/test.toml: no tiles


async def test_a_typed_move_is_the_same_operation(http: httpx.AsyncClient) -> None:
    session = await _planned(http, "2 days in Lisbon, viewpoints, relaxed, cheap")
    for place in _activities(session, 1):
        turn = await http.post(f"/api/sessions/{session['session_id']}/messages",
                               json={"content": f"move {place['name']} to day 2"})
        assert turn.status_code == 200
        after = turn.json()["session"]
        if place["id"] in [p["id"] for p in _activities(after, 2)]:
            assert place["name"] in turn.json()["reply"]["content"]
            assert place["id"] not in [p["id"] for p in _activities(after, 1)]
            return
    raise AssertionError("no place of day 1 could be moved to day 2 by message")


@pytest.mark.redis
async def test_an_edit_waits_for_the_turn_lease_then_gets_409(
    make_settings: SettingsFactory, redis_url: str, redis_prefix: str
) -> None:
    settings = make_settings(session_backend="redis", redis_url=redis_url,
                             redis_key_prefix=redis_prefix, turn_wait_seconds=0.3)
    with live_server(settings) as live:
        async with httpx.AsyncClient(base_url=live.url, timeout=30) as client:
            session = await _planned(client, "2 days in Rome, history, relaxed, cheap")
            lock = f"{redis_prefix}lock:{session['session_id']}"
            raw = Redis.from_url(redis_url)
            try:
                await raw.set(lock, "another-turn", px=5000)  # a turn elsewhere holds it
                busy = await _edit(client, session, {"op": "add_day"})
                assert busy.status_code == 409
                assert busy.json()["error"]["code"] == "turn_in_progress"
                await raw.delete(lock)
                done = await _edit(client, session, {"op": "add_day"})
                assert done.status_code == 200
            finally:
                await raw.aclose()


@pytest.mark.redis
async def test_edits_and_shares_are_503_while_redis_is_down(
    make_settings: SettingsFactory,
) -> None:
    try:
        with running_redis() as redis:
            settings = make_settings(session_backend="redis", redis_url=redis.url)
            with live_server(settings) as live:
                async with httpx.AsyncClient(base_url=live.url, timeout=30) as client:
                    session = await _planned(client, "2 days in Rome, history, relaxed, cheap")
                    sid = session["session_id"]
                    token = (await client.post(f"/api/sessions/{sid}/share")).json()
                    redis.stop()
                    for response in (
                        await _edit(client, session, {"op": "add_day"}),
                        await client.post(f"/api/sessions/{sid}/share"),
                        await client.get(f"/api/shared/{token['share']['token']}"),
                    ):
                        assert response.status_code == 503, response.text
                        assert response.json()["error"]["code"] == "store_unavailable"
                    redis.start()  # a fresh server kept nothing: answered again, as not found
                    again = await _edit(client, session, {"op": "add_day"})
                    assert again.json()["error"]["code"] == "session_not_found"
    except FileNotFoundError as exc:
        pytest.skip(f"no Redis available: {exc}")


async def test_clicks_count_against_the_turn_limit(make_settings: SettingsFactory) -> None:
    with live_server(make_settings(rate_limit_per_minute=2)) as live:
        async with httpx.AsyncClient(base_url=live.url) as http:
            session_id = (await http.post("/api/sessions")).json()["session_id"]
            base = f"/api/sessions/{session_id}"
            planned = await http.post(f"{base}/messages",
                                      json={"content": "2 days in Rome, history, relaxed, cheap"})
            assert planned.status_code == 200
            first = await http.post(f"{base}/edits", json={"op": "add_day"})
            assert first.status_code == 200  # the second turn of the minute
            edit = await http.post(f"{base}/edits", json={"op": "add_day"})
            assert edit.status_code == 429
            assert edit.json()["error"]["code"] == "rate_limited"
            assert "retry-after" in edit.headers
