"""A two-leg trip on the page (issue 11): leg headings, the transfer on the travel day,
each day's city, per-day route sketches, the calendar download with both legs' time
zones, the share page (dark, 360 px), and no serious accessibility finding.

The session is seeded the way the app makes one: the real planner plans a real two-leg
Preferences and the app's own session store (in this process) keeps it."""

import asyncio
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from icalendar import Calendar
from playwright.sync_api import ViewportSize, expect

from tests.browser.pages import ChatPage
from tests.browser.test_accessibility import serious_violations
from tests.conftest import SettingsFactory
from tests.reference import reference
from tests.support import LiveServer, live_server
from wayfarer.api.app import create_app
from wayfarer.domain import Preferences, SessionState
from wayfarer.sessions.ids import new_session_id

pytestmark = pytest.mark.browser

OpenPage = Callable[..., ChatPage]
NARROW: ViewportSize = {"width": 360, "height": 740}


@pytest.fixture
def seeded(make_settings: SettingsFactory) -> Iterator[tuple[LiveServer, str]]:
    """A live app holding one planned Paris (2 days) then London (2 days) session."""
    settings = make_settings()
    app = create_app(settings, reference=reference())
    with live_server(settings, app=app) as server:
        services = app.state.services
        prefs = Preferences.model_validate({
            "legs": [{"city": "Paris", "days": 2}, {"city": "London", "days": 2}],
            "start_date": "2026-06-01", "interests": ["history", "food"],
        })
        plan = services.planner.plan(prefs)
        state = SessionState(
            session_id=new_session_id(), stage="planned", preferences=prefs,
            itinerary=plan.itinerary, assumed=plan.defaults,
        )
        # Playwright's sync API runs an event loop in this thread: store from another one.
        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, services.store.create(state)).result()
        yield server, state.session_id


def test_a_two_leg_trip_on_the_page(
    open_page: OpenPage, seeded: tuple[LiveServer, str], tmp_path: Path
) -> None:
    server, session_id = seeded
    chat = open_page(at=server)
    chat.set_session_id(session_id)
    chat.page.reload()
    expect(chat.day_heading(1)).to_be_visible()

    legs = chat.itinerary.locator(".leg__title")
    expect(legs).to_have_text(["Paris · days 1\u20132", "London · days 3\u20134"])
    expect(chat.itinerary.get_by_role("article")).to_have_count(4)
    for day, city in ((1, "Paris"), (2, "Paris"), (3, "London"), (4, "London")):
        expect(chat.day_card(day).locator(".day__city")).to_have_text(city)
        expect(chat.day_card(day).get_by_role(
            "img", name=re.compile(f"Route sketch for day {day}"))).to_be_visible()
    travel = chat.day_card(3).locator(".transfer")
    expect(travel).to_contain_text("Paris \u2192 London")
    expect(travel).to_contain_text("Train")
    expect(travel).to_contain_text(re.compile(r"Leave 09:00, arrive \d\d:\d\d"))
    expect(travel).to_contain_text("Estimate")
    for day in (1, 2, 4):
        expect(chat.day_card(day).locator(".transfer")).to_have_count(0)
    expect(chat.page.locator(".summary__place")).to_have_text("Paris \u2192 London")
    moves = chat.day_card(3).locator("select").first.locator("option")
    expect(moves).to_have_text(["Day 4"])  # a London stop moves within London only
    expect(chat.chip("Cities")).to_contain_text("Paris (2 days) \u2192 London (2 days)")

    with chat.page.expect_download() as download:
        chat.page.get_by_role("button", name="Calendar (.ics)").click()
    saved = tmp_path / "trip.ics"
    download.value.save_as(saved)
    calendar = Calendar.from_ical(saved.read_text(encoding="utf-8"))
    zones = {str(tz.get("TZID")) for tz in calendar.walk("VTIMEZONE")}
    assert zones == {"Europe/Paris", "Europe/London"}

    assert serious_violations(chat.page) == []

    shared = httpx.post(f"{server.url}/api/sessions/{session_id}/share").json()
    viewer = open_page(at=server, load=False, color_scheme="dark", viewport=NARROW)
    viewer.page.goto(f"{server.url}/share/{shared['share']['token']}")
    expect(viewer.itinerary.locator(".leg__title")).to_have_text(
        ["Paris · days 1\u20132", "London · days 3\u20134"]
    )
    expect(viewer.day_card(3).locator(".transfer")).to_contain_text("Paris \u2192 London")
    assert viewer.horizontal_overflow() == 0
    assert serious_violations(viewer.page) == []
