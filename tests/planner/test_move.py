"""Moving a place to another day, and stepping one day's pace: both days stay valid."""

import pytest

from wayfarer.domain import ChangePace, MovePlace, PlaceSelector, Preferences
from wayfarer.errors import EditRejected
from wayfarer.planner import Catalog, CatalogPlanner


@pytest.fixture(scope="module")
def cities(catalog: Catalog) -> list[str]:
    return [c.name for c in catalog.cities]


def _activities(itinerary: object, day: int) -> list[str]:
    days = itinerary.days  # type: ignore[attr-defined]
    return [i.place.id for i in days[day - 1].items if i.kind == "activity"]


def test_move_puts_the_place_on_the_new_day_and_keeps_both_days_valid(
    planner: CatalogPlanner, cities: list[str]
) -> None:
    moved = 0
    for city in cities:
        prefs = Preferences(city=city, days=3, pace="relaxed")
        itinerary = planner.plan(prefs).itinerary
        first = next(i for i in itinerary.days[0].items if i.kind == "activity").place
        edit = MovePlace(target=PlaceSelector(name=first.name, day=1), to_day=3)
        try:
            result = planner.apply_edit(itinerary, prefs, edit)
        except EditRejected as exc:
            assert exc.message
            continue
        moved += 1
        assert planner.verify(result.itinerary, result.preferences) == []
        assert first.id in _activities(result.itinerary, 3)
        assert first.id not in _activities(result.itinerary, 1)
        assert result.itinerary.days[1] == itinerary.days[1]  # day 2 untouched
        assert result.summary.days == [1, 3]
        assert result.summary.place_ids[0] == first.id
        assert first.name in result.summary.description
    assert moved >= len(cities) * 2 // 3


def test_move_is_refused_plainly(planner: CatalogPlanner) -> None:
    prefs = Preferences(city="Paris", days=2, pace="relaxed")
    itinerary = planner.plan(prefs).itinerary
    first = next(i for i in itinerary.days[0].items if i.kind == "activity").place
    meal = next(i for i in itinerary.days[0].items if i.kind == "meal").place
    cases = [
        (MovePlace(target=PlaceSelector(name=first.name), to_day=5), "no day 5"),
        (MovePlace(target=PlaceSelector(name=first.name), to_day=1), "already on day 1"),
        (MovePlace(target=PlaceSelector(name="Zzyzx Qwerty"), to_day=2), "couldn't find"),
        (MovePlace(target=PlaceSelector(name=meal.name, day=1), to_day=2), "meal"),
    ]
    for edit, words in cases:
        with pytest.raises(EditRejected) as info:
            planner.apply_edit(itinerary, prefs, edit)
        assert words in info.value.message


def test_one_day_more_relaxed_then_more_packed(planner: CatalogPlanner) -> None:
    prefs = Preferences(city="Rome", days=3, pace="moderate")
    itinerary = planner.plan(prefs).itinerary
    low, high = 3, 4
    assert len(_activities(itinerary, 2)) == high
    lighter = planner.apply_edit(itinerary, prefs, ChangePace(step="more_relaxed", day=2))
    assert len(_activities(lighter.itinerary, 2)) == low
    assert lighter.preferences.pace == "moderate"
    assert planner.verify(lighter.itinerary, lighter.preferences) == []
    assert [lighter.itinerary.days[0], lighter.itinerary.days[2]] == [
        itinerary.days[0], itinerary.days[2]]
    with pytest.raises(EditRejected):  # the trip pace's most: the whole trip's pace next
        planner.apply_edit(itinerary, prefs, ChangePace(step="more_packed", day=2))
    fuller = planner.apply_edit(
        lighter.itinerary, prefs, ChangePace(step="more_packed", day=2)
    )
    assert len(_activities(fuller.itinerary, 2)) == high
    assert planner.verify(fuller.itinerary, fuller.preferences) == []
