"""A planned two-leg session over real HTTP (issue 11): stop details per day city, the
calendar export with both legs' time zones, an edit inside one leg leaving the other
identical, and an edit across two cities refused without a 500.

The session is seeded as the app makes one: the real planner plans a real two-leg
Preferences and the app's own session store keeps it."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from icalendar import Calendar

from tests.conftest import SettingsFactory
from tests.reference import reference
from tests.support import live_server
from wayfarer.api.app import create_app
from wayfarer.domain import Preferences, SessionState
from wayfarer.sessions.ids import new_session_id


@pytest.fixture
async def seeded(make_settings: SettingsFactory) -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    settings = make_settings()
    app = create_app(settings, reference=reference())
    with live_server(settings, app=app) as live:
        services = app.state.services
        prefs = Preferences.model_validate({
            "legs": [{"city": "Tokyo", "days": 2}, {"city": "Kyoto", "days": 2}],
            "interests": ["culture", "food"],
        })
        plan = services.planner.plan(prefs)
        state = SessionState(session_id=new_session_id(), stage="planned", preferences=prefs,
                             itinerary=plan.itinerary, assumed=plan.defaults)
        await services.store.create(state)
        async with httpx.AsyncClient(base_url=live.url, timeout=30) as client:
            yield client, state.session_id


async def _session(http: httpx.AsyncClient, session_id: str) -> dict[str, Any]:
    response = await http.get(f"/api/sessions/{session_id}")
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


async def test_stops_and_calendar_of_a_two_leg_trip(
    seeded: tuple[httpx.AsyncClient, str],
) -> None:
    http, session_id = seeded
    session = await _session(http, session_id)
    days = session["itinerary"]["days"]
    stops = (await http.get(f"/api/sessions/{session_id}/stops")).json()
    assert [(s["day"], s["place_id"]) for s in stops] == [
        (d["day"], i["place"]["id"]) for d in days for i in d["items"]
    ]
    assert all(s["hours"] != "closed" for s in stops)
    ics = await http.get(f"/api/sessions/{session_id}/itinerary", params={"format": "ics"})
    assert ics.status_code == 200
    calendar = Calendar.from_ical(ics.text)
    assert {str(tz.get("TZID")) for tz in calendar.walk("VTIMEZONE")} == {"Asia/Tokyo"}
    summaries = [str(e.get("SUMMARY")) for e in calendar.walk("VEVENT")]
    assert "Tokyo → Kyoto (rail)" in summaries


async def test_an_edit_inside_kyoto_leaves_tokyo_identical(
    seeded: tuple[httpx.AsyncClient, str],
) -> None:
    http, session_id = seeded
    before = (await _session(http, session_id))["itinerary"]
    turn = await http.post(f"/api/sessions/{session_id}/edits",
                           json={"op": "change_pace", "step": "more_relaxed", "day": 4})
    assert turn.status_code == 200, turn.text
    after = turn.json()["session"]["itinerary"]
    assert after["days"][:2] == before["days"][:2]
    assert after["days"][2]["transfer"] == before["days"][2]["transfer"]
    assert [leg["days"] for leg in after["legs"]] == [[1, 2], [3, 4]]

    refused = await http.post(f"/api/sessions/{session_id}/edits",
                              json={"op": "swap_days", "first": 1, "second": 4})
    assert refused.status_code < 500, refused.text
    assert (await _session(http, session_id))["itinerary"]["days"] == after["days"]
