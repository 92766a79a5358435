"""The verifier on hand-built itineraries: one valid, then one broken rule at a time."""

import datetime as dt
from itertools import pairwise, permutations

import pytest

from wayfarer.domain import (
    INTERESTS,
    CostBreakdown,
    EstimatedCost,
    Itinerary,
    ItineraryDay,
    ItineraryItem,
    Preferences,
)
from wayfarer.planner import Catalog, CatalogPlace, CatalogPlanner, City
from wayfarer.planner.clock import hhmm
from wayfarer.planner.index import CityIndex
from wayfarer.planner.route import path_length, shortest_path_length


def _always_open(city: City) -> list[CatalogPlace]:
    return [
        p for p in city.activities
        if all(h == "24h" for h in p.hours) and p.cost_level <= 2
        and p.best_time is None and not p.fixed_times and p.excursion is None
    ]


@pytest.fixture(scope="module")
def city(catalog: Catalog) -> City:
    """A city with enough always-open, affordable sights to build days by hand."""
    return max(catalog.cities, key=lambda c: (len(_always_open(c)), c.name))


@pytest.fixture(scope="module")
def index(city: City) -> CityIndex:
    return CityIndex.build(city)


def _day(index: CityIndex, places: list[CatalogPlace], number: int = 1,
         date: dt.date | None = None, start: int = 9 * 60) -> ItineraryDay:
    """A day visiting ``places`` in order, each 30 minutes, with travel time plus slack."""
    items = []
    now = start
    previous: CatalogPlace | None = None
    for place in places:
        if previous is not None:
            now += index.minutes(previous.id, place.id) + 5
        items.append(ItineraryItem(start=hhmm(now), end=hhmm(now + 30), kind="activity",
                                   place=place.ref()))
        now += 30
        previous = place
    return ItineraryDay(day=number, date=date, theme="test", items=items)


def _best_order(index: CityIndex, places: list[CatalogPlace]) -> list[CatalogPlace]:
    dist = [[index.km(a.id, b.id) for b in places] for a in places]
    best = min(permutations(range(len(places))), key=lambda o: path_length(o, dist))
    return [places[i] for i in best]


ESTIMATE = EstimatedCost(level="moderate", amount=100.0, currency="EUR", per_person=100.0,
                         breakdown=CostBreakdown(entries=40.0, meals=50.0, transport=10.0))


def _itinerary(city: City, days: list[ItineraryDay]) -> Itinerary:
    return Itinerary(city=city.name, country=city.country, days=days, estimated_cost=ESTIMATE)


@pytest.fixture(scope="module")
def valid(city: City, index: CityIndex) -> Itinerary:
    places = _always_open(city)
    assert len(places) >= 6, "the test needs six always-open sights in one city"
    first = _best_order(index, places[:3])
    second = _best_order(index, places[3:6])
    return _itinerary(city, [_day(index, first, 1), _day(index, second, 2)])


PREFS = Preferences(pace="relaxed", budget="moderate")


def _rules(planner: CatalogPlanner, itinerary: Itinerary,
           preferences: Preferences = PREFS) -> set[str]:
    return {v.rule for v in planner.verify(itinerary, preferences)}


def test_a_valid_hand_built_itinerary_passes(planner: CatalogPlanner, valid: Itinerary) -> None:
    assert planner.verify(valid, PREFS) == []


def test_unknown_city(planner: CatalogPlanner, valid: Itinerary) -> None:
    broken = valid.model_copy(update={"city": "Atlantis"})
    assert _rules(planner, broken) == {"unknown_city"}


def test_unknown_place(planner: CatalogPlanner, valid: Itinerary) -> None:
    broken = valid.model_copy(deep=True)
    broken.days[0].items[0].place.id = "nowhere-at-all"
    assert "unknown_place" in _rules(planner, broken)


def test_a_meal_at_a_sight_is_the_wrong_kind(planner: CatalogPlanner, valid: Itinerary) -> None:
    broken = valid.model_copy(deep=True)
    broken.days[0].items[1].kind = "meal"
    assert "kind" in _rules(planner, broken)


def test_pace_bounds(planner: CatalogPlanner, valid: Itinerary) -> None:
    assert _rules(planner, valid, PREFS.model_copy(update={"pace": "packed"})) == {"pace"}
    broken = valid.model_copy(deep=True)
    broken.days[0].items = broken.days[0].items[:1]
    violations = planner.verify(broken, PREFS)
    assert [(v.rule, v.day) for v in violations] == [("pace", 1)]


def test_a_place_twice(planner: CatalogPlanner, valid: Itinerary, index: CityIndex) -> None:
    broken = valid.model_copy(deep=True)
    repeated = index.by_id[broken.days[0].items[0].place.id]
    second = [index.by_id[i.place.id] for i in broken.days[1].items] + [repeated]
    broken.days[1] = _day(index, _best_order(index, second), 2)
    assert "duplicate_place" in _rules(planner, broken)


def test_overlap_and_time(planner: CatalogPlanner, valid: Itinerary) -> None:
    broken = valid.model_copy(deep=True)
    first, second = broken.days[0].items[:2]
    second.start = hhmm(int(first.end[:2]) * 60 + int(first.end[3:]) - 10)
    assert "overlap" in _rules(planner, broken)
    backwards = valid.model_copy(deep=True)
    item = backwards.days[0].items[0]
    item.start, item.end = item.end, item.start
    assert "time" in _rules(planner, backwards)


def test_travel_time(planner: CatalogPlanner, valid: Itinerary, index: CityIndex) -> None:
    broken = valid.model_copy(deep=True)
    items = broken.days[0].items
    for previous, item in pairwise(items):
        if index.minutes(previous.place.id, item.place.id) > 0:
            end = int(previous.end[:2]) * 60 + int(previous.end[3:])
            item.start, item.end = hhmm(end), hhmm(end + 30)
            break
    for later_prev, later in pairwise(items[1:]):
        end = int(later_prev.end[:2]) * 60 + int(later_prev.end[3:])
        need = index.minutes(later_prev.place.id, later.place.id) + 5
        later.start, later.end = hhmm(end + need), hhmm(end + need + 30)
    assert _rules(planner, broken) == {"travel_time"}


def test_opening_hours_weekday_aware(planner: CatalogPlanner, catalog: Catalog) -> None:
    for city in catalog.cities:
        index = CityIndex.build(city)
        monday_closed = [
            p for p in city.activities
            if p.hours[0] == "closed" and p.hours[1] != "closed" and p.cost_level <= 2
        ]
        fillers = [p for p in _always_open(city) if p not in monday_closed][:2]
        if monday_closed and len(fillers) == 2:
            break
    else:
        pytest.skip("no city has a Monday-closed sight and two always-open ones")
    places = _best_order(index, [monday_closed[0], *fillers])
    start = int(monday_closed[0].hours[1].split("-")[0][:2]) * 60 + 30
    day = _day(index, places, 1, start=start)
    itinerary = _itinerary(city, [day])
    # No date: day 1 is assumed to be a Monday, when the place is closed.
    assert "opening_hours" in _rules(planner, itinerary)
    tuesday = dt.date(2026, 3, 3)
    dated = itinerary.model_copy(deep=True)
    dated.days[0].date = tuesday
    with_date = PREFS.model_copy(update={"start_date": tuesday})
    assert planner.verify(dated, with_date) == []
    at_night = itinerary.model_copy(deep=True)
    at_night.days[0].date = tuesday
    for item in at_night.days[0].items:
        if item.place.id == monday_closed[0].id:
            item.start, item.end = "23:00", "23:30"
    assert "opening_hours" in _rules(planner, at_night, with_date)


def test_dates_follow_the_start_date(planner: CatalogPlanner, valid: Itinerary) -> None:
    prefs = PREFS.model_copy(update={"start_date": dt.date(2026, 3, 2)})
    assert "dates" in _rules(planner, valid, prefs)
    dated = valid.model_copy(deep=True)
    dated.days[0].date, dated.days[1].date = dt.date(2026, 3, 2), dt.date(2026, 3, 3)
    assert "dates" not in _rules(planner, dated, prefs)


def test_day_numbers(planner: CatalogPlanner, valid: Itinerary) -> None:
    broken = valid.model_copy(deep=True)
    broken.days[1].day = 3
    assert "day_numbers" in _rules(planner, broken)


def test_budget(planner: CatalogPlanner, valid: Itinerary, city: City, index: CityIndex
                ) -> None:
    pricey = next((p for p in city.activities if p.cost_level >= 3), None)
    if pricey is None:
        pytest.skip("no place above cost level 2 in this city")
    broken = valid.model_copy(deep=True)
    broken.days[0].items[-1].place = pricey.ref()
    assert "budget" in _rules(planner, broken, PREFS.model_copy(update={"budget": "budget"}))
    assert "budget" not in _rules(planner, broken,
                                  PREFS.model_copy(update={"budget": "luxury"}))


def test_interests(planner: CatalogPlanner, valid: Itinerary, city: City, index: CityIndex
                   ) -> None:
    shown = {i for d in valid.days for item in d.items for i in item.place.interests}
    offered = {
        i for p in city.places if p.cost_level <= 2 and index.fits_weekday(p, 0)
        for i in p.interests
    }
    missing = sorted(offered - shown)
    assert missing
    prefs = PREFS.model_copy(update={"interests": [missing[0]]})
    violations = planner.verify(valid, prefs)
    assert [v.rule for v in violations] == ["interests"]
    assert missing[0] in violations[0].message
    # An avoided interest, or one the catalog does not cover, is not required.
    avoided = prefs.model_copy(update={"avoid_interests": [missing[0]]})
    assert planner.verify(valid, avoided) == []
    absent = sorted(set(INTERESTS) - {i for p in city.places for i in p.interests})
    if absent:
        assert planner.verify(valid, PREFS.model_copy(update={"interests": absent})) == []


def test_route(planner: CatalogPlanner, city: City, index: CityIndex) -> None:
    places = _always_open(city)[:5]
    dist = [[index.km(a.id, b.id) for b in places] for a in places]
    best = shortest_path_length(dist)
    worst = max(permutations(range(len(places))), key=lambda o: path_length(o, dist))
    assert path_length(worst, dist) > 1.1 * best
    day = _day(index, [places[i] for i in worst])
    violations = planner.verify(_itinerary(city, [day]), PREFS.model_copy(
        update={"pace": "packed"}))
    assert [v.rule for v in violations if v.rule != "pace"] == ["route"]
