"""Share links over real HTTP on both session backends: a read-only view under an
unguessable token, revocable, bounded by a maximum lifetime, gone with its session."""

import asyncio
import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.support import live_server
from wayfarer.config import Settings


@pytest.fixture
async def http(backend_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    with live_server(backend_settings) as live:
        async with httpx.AsyncClient(base_url=live.url, timeout=30) as client:
            yield client


async def _planned(http: httpx.AsyncClient) -> dict[str, Any]:
    session = (await http.post("/api/sessions")).json()
    turn = await http.post(f"/api/sessions/{session['session_id']}/messages",
                           json={"content": "2 days in Prague, history, relaxed, cheap"})
    body: dict[str, Any] = turn.json()["session"]
    assert body["itinerary"] is not None
    return body


async def test_share_opens_a_read_only_view_and_revoking_closes_it(
    http: httpx.AsyncClient,
) -> None:
    session = await _planned(http)
    sid = session["session_id"]
    shared = await http.post(f"/api/sessions/{sid}/share")
    assert shared.status_code == 200, shared.text
    token = shared.json()["share"]["token"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", token) and token != sid
    again = await http.post(f"/api/sessions/{sid}/share")
    assert again.json()["share"]["token"] == token  # one link per trip until revoked

    view = await http.get(f"/api/shared/{token}")
    assert view.status_code == 200
    body = view.json()
    assert set(body) == {"itinerary", "preferences", "details", "expires_at"}
    assert body["itinerary"] == session["itinerary"]
    assert sid not in view.text
    ics = await http.get(f"/api/shared/{token}/itinerary", params={"format": "ics"})
    assert ics.status_code == 200 and "BEGIN:VCALENDAR" in ics.text
    page = await http.get(f"/share/{token}")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert sid not in page.text

    revoked = await http.delete(f"/api/sessions/{sid}/share")
    assert revoked.status_code == 200 and revoked.json()["share"] is None
    gone = await http.get(f"/api/shared/{token}")
    assert gone.status_code == 404
    assert gone.json()["error"]["code"] == "share_not_found"
    assert (await http.get(f"/api/shared/{token}/itinerary")).status_code == 404
    closed = await http.get(f"/share/{token}")
    assert closed.status_code == 404 and "text/html" in closed.headers["content-type"]
    fresh = (await http.post(f"/api/sessions/{sid}/share")).json()["share"]["token"]
    assert fresh != token
    assert (await http.get(f"/api/shared/{fresh}")).status_code == 200


async def test_unknown_tokens_and_sessions_without_a_plan(http: httpx.AsyncClient) -> None:
    for token in ["A" * 22, "nope", "%2e%2e", "x" * 300]:
        response = await http.get(f"/api/shared/{token}")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "share_not_found"
    session = (await http.post("/api/sessions")).json()
    early = await http.post(f"/api/sessions/{session['session_id']}/share")
    assert early.status_code == 404
    assert early.json()["error"]["code"] == "itinerary_not_found"
    missing = await http.post("/api/sessions/" + "B" * 22 + "/share")
    assert missing.json()["error"]["code"] == "session_not_found"


async def test_a_deleted_session_takes_its_link_with_it(http: httpx.AsyncClient) -> None:
    session = await _planned(http)
    sid = session["session_id"]
    token = (await http.post(f"/api/sessions/{sid}/share")).json()["share"]["token"]
    assert (await http.delete(f"/api/sessions/{sid}")).status_code == 204
    assert (await http.get(f"/api/shared/{token}")).status_code == 404


async def test_the_link_expires_after_its_maximum(backend_settings: Settings) -> None:
    settings = backend_settings.model_copy(update={"share_max_seconds": 1})
    with live_server(settings) as live:
        async with httpx.AsyncClient(base_url=live.url, timeout=30) as http:
            session = await _planned(http)
            sid = session["session_id"]
            token = (await http.post(f"/api/sessions/{sid}/share")).json()["share"]["token"]
            assert (await http.get(f"/api/shared/{token}")).status_code == 200
            await asyncio.sleep(1.2)
            assert (await http.get(f"/api/shared/{token}")).status_code == 404
            assert (await http.get(f"/api/sessions/{sid}")).status_code == 200
            renewed = (await http.post(f"/api/sessions/{sid}/share")).json()["share"]
            assert renewed["token"] != token


async def test_stop_details_for_the_owner(http: httpx.AsyncClient) -> None:
    fresh = (await http.post("/api/sessions")).json()
    early = await http.get(f"/api/sessions/{fresh['session_id']}/stops")
    assert early.status_code == 404
    assert early.json()["error"]["code"] == "itinerary_not_found"
    session = await _planned(http)
    details = (await http.get(f"/api/sessions/{session['session_id']}/stops")).json()
    items = [(d["day"], i["place"]["id"]) for d in session["itinerary"]["days"]
             for i in d["items"]]
    assert [(d["day"], d["place_id"]) for d in details] == items
    assert re.fullmatch(r"\d\d:\d\d\u2013\d\d:\d\d.*|open 24 hours", details[0]["hours"])
    assert details[0]["travel_next"]["mode"] in ("walk", "transit")
    assert details[-1]["travel_next"] is None
