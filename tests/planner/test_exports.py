"""Exports: ICS parsed back with icalendar, Markdown, JSON."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from wayfarer.domain import Itinerary, Preferences
from wayfarer.planner import Catalog, CatalogPlanner

NEXT_MONDAY = dt.date(2026, 3, 2)  # the Monday after the fixture clock's Saturday


@pytest.fixture(scope="module")
def planned(planner: CatalogPlanner, catalog: Catalog) -> tuple[Itinerary, Preferences]:
    prefs = Preferences(city=catalog.cities[-1].name, days=3, interests=["food", "history"])
    return planner.plan(prefs).itinerary, prefs


def _events(content: str) -> tuple[Calendar, list]:  # type: ignore[type-arg]
    calendar = Calendar.from_ical(content)
    return calendar, list(calendar.walk("VEVENT"))


def test_ics_has_one_event_per_item_in_the_city_time_zone(
    planner: CatalogPlanner, catalog: Catalog, planned: tuple[Itinerary, Preferences]
) -> None:
    itinerary, prefs = planned
    export = planner.export(itinerary, prefs, "ics")
    assert export.media_type.startswith("text/calendar")
    assert export.filename.endswith(".ics")
    calendar, events = _events(export.content)
    items = [(d, i) for d in itinerary.days for i in d.items]
    assert len(events) == len(items)
    zone = catalog.get(itinerary.city).timezone  # type: ignore[union-attr]
    assert [str(tz.get("TZID")) for tz in calendar.walk("VTIMEZONE")] == [zone]
    for event, (day, item) in zip(events, items, strict=True):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert start.tzinfo is not None and start.tzinfo.key == zone  # type: ignore[union-attr]
        assert start.date() == NEXT_MONDAY + dt.timedelta(days=day.day - 1)
        assert start.strftime("%H:%M") == item.start and end.strftime("%H:%M") == item.end
        geo = event.get("GEO")
        assert (geo.latitude, geo.longitude) == (item.place.lat, item.place.lon)
        assert item.place.name in str(event.get("LOCATION"))
        assert item.place.name in str(event.get("SUMMARY"))
        assert str(event.get("UID")).endswith("@wayfarer")
    assert "next Monday" in str(calendar.get("X-WR-CALDESC"))
    assert len({str(e.get("UID")) for e in events}) == len(events)
    assert planner.export(itinerary, prefs, "ics").content == export.content


def test_ics_uses_the_start_date_when_known(planner: CatalogPlanner, catalog: Catalog) -> None:
    start = dt.date(2026, 7, 17)
    prefs = Preferences(city=catalog.cities[0].name, days=2, start_date=start)
    itinerary = planner.plan(prefs).itinerary
    calendar, events = _events(planner.export(itinerary, prefs, "ics").content)
    days = sorted({e.decoded("DTSTART").date() for e in events})
    assert days == [start, start + dt.timedelta(days=1)]
    assert "next Monday" not in str(calendar.get("X-WR-CALDESC"))
    zone = ZoneInfo(catalog.cities[0].timezone)
    first = min(e.decoded("DTSTART") for e in events)
    assert first.utcoffset() == dt.datetime(2026, 7, 17, 9, tzinfo=zone).utcoffset()


def test_markdown(planner: CatalogPlanner, planned: tuple[Itinerary, Preferences]) -> None:
    itinerary, prefs = planned
    export = planner.export(itinerary, prefs, "markdown")
    assert export.media_type.startswith("text/markdown") and export.filename.endswith(".md")
    text = export.content
    assert text.startswith(f"# 3 days in {itinerary.city}, {itinerary.country}")
    assert "assume day 1 is a Monday" in text
    for day in itinerary.days:
        assert f"## Day {day.day}: {day.theme}" in text
        for item in day.items:
            assert f"| {item.start}-{item.end} | **{item.place.name}**" in text
    dated = prefs.model_copy(update={"start_date": dt.date(2026, 3, 2)})
    assert "Monday 2 March 2026" in planner.export(itinerary, dated, "markdown").content


def test_markdown_says_why_a_day_has_no_stops(
    planner: CatalogPlanner, planned: tuple[Itinerary, Preferences]
) -> None:
    itinerary, prefs = planned
    days = list(itinerary.days)
    days[-1] = days[-1].model_copy(update={"items": [], "free_until": "06:00"})
    days[0] = days[0].model_copy(update={"items": [], "free_from": "23:30"})
    text = planner.export(itinerary.model_copy(update={"days": days}), prefs, "markdown").content
    last = text[text.index(f"## Day {days[-1].day}"):]
    assert "free only until 06:00, before you leave" in last and "| Time |" not in last
    assert "free only from 23:30, once you arrive" in text


def test_json_round_trips(planner: CatalogPlanner, planned: tuple[Itinerary, Preferences]
                          ) -> None:
    itinerary, prefs = planned
    export = planner.export(itinerary, prefs, "json")
    assert export.media_type == "application/json" and export.filename.endswith(".json")
    assert Itinerary.model_validate_json(export.content) == itinerary
