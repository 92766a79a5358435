"""Days stay in one area, dinners are at dinner places, lunch fits, edits pick nearby
places, and a missing meal is explained by its real cause."""

import itertools

import pytest

from tests.planner.plans import planned
from wayfarer.domain import (
    PACES,
    AddPlace,
    Itinerary,
    PlaceSelector,
    Preferences,
    ReplacePlace,
)
from wayfarer.domain.geo import haversine_km
from wayfarer.errors import EditRejected
from wayfarer.planner import Catalog, CatalogPlanner
from wayfarer.planner.clock import minutes_of
from wayfarer.planner.notes import shortfall_notes
from wayfarer.planner.request import resolve
from wayfarer.planner.solver import visit_length
from wayfarer.planner.tighten import HARD_KM, span_km, span_penalty, tighten

#: Property bound on a day's span for trips of up to five days.
SPAN_BOUND_KM = 10.0


def _span(day_items: Itinerary, number: int) -> float:
    places = [i.place for i in day_items.days[number - 1].items if i.kind == "activity"]
    return max(
        (haversine_km(a.lat, a.lon, b.lat, b.lon) for a, b in itertools.combinations(places, 2)),
        default=0.0,
    )


def test_every_day_stays_in_one_area(planner: CatalogPlanner, catalog: Catalog) -> None:
    """Over every city and pace, 1-5 days at the default (moderate) budget, stated so
    the plans are shared with the other sweeps (tests/planner/plans.py)."""
    spans: list[float] = []
    for city in catalog.cities:
        for pace in PACES:
            for days in range(1, 6):
                prefs = Preferences(city=city.name, days=days, pace=pace, budget="moderate")
                itinerary = planned(prefs).itinerary
                for day in itinerary.days:
                    span = _span(itinerary, day.day)
                    assert span <= SPAN_BOUND_KM, (city.name, pace, days, day.day, span)
                    spans.append(span)
    spans.sort()
    assert spans[int(0.9 * len(spans))] < 5.0


@pytest.mark.parametrize(
    ("city", "far", "central"),
    [
        ("Hong Kong", "Tai O Fishing Village", "Man Mo Temple"),
        ("Lisbon", "Pena Palace", "Time Out Market"),
        ("New York", "Coney Island", "Brooklyn Bridge"),
        ("Mexico City", "Xochimilco canals", "Roma Norte"),
    ],
)
def test_a_far_sight_does_not_share_a_day_with_the_centre(
    planner: CatalogPlanner, city: str, far: str, central: str
) -> None:
    for pace in PACES:
        for days in (3, 5):
            itinerary = planned(Preferences(city=city, days=days, pace=pace)).itinerary
            for day in itinerary.days:
                names = {i.place.name for i in day.items if i.kind == "activity"}
                assert not {far, central} <= names
                assert _span(itinerary, day.day) <= HARD_KM + 0.5


def test_an_interest_only_a_far_place_shows_gets_an_excursion(
    planner: CatalogPlanner,
) -> None:
    prefs = Preferences(city="Lisbon", days=4, pace="relaxed", interests=["beaches"])
    itinerary = planner.plan(prefs).itinerary
    assert planner.verify(itinerary, prefs) == []
    beach_days = [
        d for d in itinerary.days if any("beaches" in i.place.interests for i in d.items)
    ]
    assert beach_days
    for day in beach_days:
        assert _span(itinerary, day.day) <= SPAN_BOUND_KM


def test_tighten_keeps_sizes_within_the_pace_and_required_interests(
    planner: CatalogPlanner, catalog: Catalog
) -> None:
    for city in catalog.cities[:10]:
        index = planner.index(city.name)
        assert index is not None
        prefs = Preferences(city=city.name, days=3, pace="moderate", interests=["history"])
        request = resolve(prefs, index)
        pool = [p for p in index.activities if index.affordable(p, request.budget)]
        far = sorted(pool, key=lambda p: -index.km(p.id, pool[0].id))
        groups = [pool[0:2] + far[0:2], pool[2:6], pool[6:10]]
        groups = [list({p.id: p for p in g}.values()) for g in groups]
        before = sum(span_penalty(span_km(index, [p.id for p in g])) for g in groups)
        after_groups = tighten(request, groups, pool)
        after = sum(span_penalty(span_km(index, [p.id for p in g])) for g in after_groups)
        assert after <= before
        low, high = request.bounds
        ids = [p.id for g in after_groups for p in g]
        assert len(ids) == len(set(ids))
        for group in after_groups:
            assert min(low, len(group)) <= len(group) <= high


def test_meals_are_served_in_the_local_window_and_lunch_is_rarely_missed(
    planner: CatalogPlanner, catalog: Catalog
) -> None:
    days = missing = 0
    for city in catalog.cities:
        index = planner.index(city.name)
        assert index is not None
        for pace in PACES:
            for count in (3, 5):
                plan = planned(
                    Preferences(city=city.name, days=count, pace=pace, budget="moderate")
                )
                for day in plan.itinerary.days:
                    days += 1
                    meals = [i for i in day.items if i.kind == "meal"]
                    missing += not any(i.meal == "lunch" for i in meals)
                    for meal in meals:
                        assert meal.meal is not None and meal.place.serves is not None
                        assert meal.meal in meal.place.serves, (city.name, meal.place.name)
                        slot = index.slots[meal.meal]
                        assert slot.earliest <= minutes_of(meal.start) <= slot.latest
    assert missing <= days // 50


def test_visits_are_only_trimmed_a_quarter(catalog: Catalog) -> None:
    for city in catalog.cities:
        for place in city.places:
            trimmed = visit_length(place, trim=True)
            assert place.visit_minutes * 3 / 4 <= trimmed <= place.visit_minutes
            assert visit_length(place) == place.visit_minutes


def test_a_missing_meal_note_names_the_real_cause(planner: CatalogPlanner) -> None:
    index = planner.index("Lisbon")
    assert index is not None
    prefs = Preferences(city="Lisbon", days=2, pace="relaxed")
    request = resolve(prefs, index)
    itinerary = planner.plan(prefs).itinerary
    no_lunch = [
        day.model_copy(update={"items": [i for i in day.items if not (
            i.kind == "meal" and i.start < "16:00")]})
        for day in itinerary.days
    ]
    notes = shortfall_notes(request, no_lunch, 30)
    lunch_notes = [n for n in notes if n.startswith("No lunch")]
    assert len(lunch_notes) == 1
    assert "leave no time for lunch" in lunch_notes[0]
    assert "already booked" not in lunch_notes[0]


def _near_km(planner: CatalogPlanner, city: str, place_id: str, others: list[str]) -> float:
    index = planner.index(city)
    assert index is not None
    return index.centroid_km(place_id, others)


def test_replace_with_a_kind_picks_the_nearest_that_fits(planner: CatalogPlanner) -> None:
    prefs = Preferences(city="Lisbon", days=3)
    itinerary = planner.plan(prefs).itinerary
    index = planner.index("Lisbon")
    assert index is not None
    for day in itinerary.days:
        acts = [i.place for i in day.items if i.kind == "activity"]
        old, rest = acts[0], [p.id for p in acts[1:]]
        edit = ReplacePlace(target=PlaceSelector(name=old.name, day=day.day),
                            replacement=PlaceSelector(outdoor=True))
        try:
            result = planner.apply_edit(itinerary, prefs, edit)
        except EditRejected:
            continue
        new = result.summary.place_ids[0]
        assert result.summary.days == [day.day]
        for other in result.itinerary.days:
            if other.day != day.day:
                assert other == itinerary.days[other.day - 1]
        used = {i.place.id for d in itinerary.days for i in d.items}
        nearer = [
            p for p in index.activities
            if not p.indoor and p.id not in used
            and index.affordable(p, "moderate")
            and index.centroid_km(p.id, rest) < index.centroid_km(new, rest) - 0.01
        ]
        # Every nearer outdoor place was tried and could not be scheduled that day.
        for place in nearer:
            trial = ReplacePlace(target=PlaceSelector(name=old.name, day=day.day),
                                 replacement=PlaceSelector(name=place.name))
            try:
                placed = planner.apply_edit(itinerary, prefs, trial).summary.place_ids
            except EditRejected:
                continue
            if place.id in placed:  # a name edit may settle for a similar name that fits
                pytest.fail(f"{place.name} is nearer day {day.day} than the pick and fits")
        assert _near_km(planner, "Lisbon", new, rest) < 5.0


def test_add_a_museum_goes_near_the_day(planner: CatalogPlanner) -> None:
    prefs = Preferences(city="Lisbon", days=3)
    itinerary = planner.plan(prefs).itinerary
    for day in itinerary.days:
        acts = [i.place.id for i in day.items if i.kind == "activity"]
        try:
            result = planner.apply_edit(
                itinerary, prefs, AddPlace(query=PlaceSelector(category="museum", day=day.day))
            )
        except EditRejected:
            continue
        new = result.summary.place_ids[0]
        assert _near_km(planner, "Lisbon", new, acts) < 5.0
