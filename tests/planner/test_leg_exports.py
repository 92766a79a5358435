"""Exports of a multi-city trip (issue 11): ICS parsed back with a time zone per leg and
the transfer as its own event, Markdown leg headings, JSON with legs."""

import datetime as dt
import json

import pytest
from icalendar import Calendar

from wayfarer.domain import Itinerary, Preferences
from wayfarer.planner import CatalogPlanner

START = dt.date(2026, 5, 4)


@pytest.fixture(scope="module")
def paris_tokyo(planner: CatalogPlanner) -> tuple[Itinerary, Preferences]:
    prefs = Preferences.model_validate({
        "legs": [{"city": "Paris", "days": 2}, {"city": "Tokyo", "days": 3}],
        "start_date": START.isoformat(),
    })
    return planner.plan(prefs).itinerary, prefs


def test_ics_has_each_legs_time_zone_and_the_transfer(
    planner: CatalogPlanner, paris_tokyo: tuple[Itinerary, Preferences]
) -> None:
    itinerary, prefs = paris_tokyo
    calendar = Calendar.from_ical(planner.export(itinerary, prefs, "ics").content)
    zones = {str(tz.get("TZID")) for tz in calendar.walk("VTIMEZONE")}
    assert zones == {"Europe/Paris", "Asia/Tokyo"}
    events = list(calendar.walk("VEVENT"))
    items = [(d, i) for d in itinerary.days for i in d.items]
    transfers = [e for e in events if "transfer" in str(e.get("CATEGORIES").to_ical())]
    assert len(events) == len(items) + 1 and len(transfers) == 1
    move = transfers[0]
    begin, end = move.decoded("DTSTART"), move.decoded("DTEND")
    assert begin.tzinfo.key == "Europe/Paris" and end.tzinfo.key == "Asia/Tokyo"
    travel = itinerary.days[2]
    assert travel.transfer is not None
    assert begin.date() == START + dt.timedelta(days=2)
    assert end - begin == dt.timedelta(minutes=travel.transfer.minutes)
    assert end.strftime("%H:%M") == travel.transfer.arrive
    for event in events:
        if event is move:
            continue
        start = event.decoded("DTSTART")
        number = (start.date() - START).days + 1
        city = itinerary.days[number - 1].city
        assert start.tzinfo.key == ("Europe/Paris" if city == "Paris" else "Asia/Tokyo")
        assert city is not None and city in str(event.get("LOCATION"))


def test_markdown_has_a_heading_per_leg_and_the_transfer(
    planner: CatalogPlanner, paris_tokyo: tuple[Itinerary, Preferences]
) -> None:
    itinerary, prefs = paris_tokyo
    text = planner.export(itinerary, prefs, "markdown").content
    assert text.startswith("# 5 days: Paris → Tokyo")
    assert "## Paris, France · days 1\u20132" in text
    assert "## Tokyo, Japan · days 3\u20135" in text
    assert text.index("## Paris") < text.index("### Day 1") < text.index("## Tokyo")
    assert "Travel Paris → Tokyo by flight" in text and "Estimate" in text


def test_json_has_the_legs(
    planner: CatalogPlanner, paris_tokyo: tuple[Itinerary, Preferences]
) -> None:
    itinerary, prefs = paris_tokyo
    data = json.loads(planner.export(itinerary, prefs, "json").content)
    assert [(leg["city"], leg["timezone"], leg["days"]) for leg in data["legs"]] == [
        ("Paris", "Europe/Paris", [1, 2]), ("Tokyo", "Asia/Tokyo", [3, 4, 5]),
    ]
    assert data["days"][2]["transfer"]["mode"] == "flight"
    assert Itinerary.model_validate(data) == itinerary
