"""Planner support for trip constraints: exclusions, one-day pace, later starts, pins."""

import pytest

from tests.planner.plans import plan_of
from wayfarer.domain import (
    ChangePace,
    Itinerary,
    MealWish,
    PinPlace,
    PlaceSelector,
    SetDayStart,
)
from wayfarer.errors import EditRejected
from wayfarer.planner import CatalogPlanner
from wayfarer.planner.clock import minutes_of

CITIES = ["Rome", "Paris", "Lisbon", "Kyoto"]


def _ids(itinerary: Itinerary) -> set[str]:
    return {i.place.id for d in itinerary.days for i in d.items}


def _activities(itinerary: Itinerary, day: int) -> list[str]:
    return [i.place.id for i in itinerary.days[day - 1].items if i.kind == "activity"]


@pytest.mark.parametrize("city", CITIES)
def test_excluded_places_are_never_planned(planner: CatalogPlanner, city: str) -> None:
    itinerary, prefs = plan_of(city)
    first = [i.place.id for d in itinerary.days for i in d.items]  # itinerary order: stable
    gone = frozenset(first[:3])
    again = planner.plan(prefs, excluded=gone).itinerary
    assert not gone & _ids(again)
    relaxed = planner.apply_edit(again, prefs, ChangePace(pace="packed"), excluded=gone)
    assert not gone & _ids(relaxed.itinerary)


@pytest.mark.parametrize("city", CITIES)
def test_one_day_pace_changes_that_day_only(planner: CatalogPlanner, city: str) -> None:
    itinerary, prefs = plan_of(city, pace="moderate")
    result = planner.apply_edit(itinerary, prefs, ChangePace(step="more_relaxed", day=2))
    assert result.summary.days == [2]
    assert len(_activities(result.itinerary, 2)) == 3
    assert result.itinerary.days[0] == itinerary.days[0]
    assert result.itinerary.days[2] == itinerary.days[2]
    assert result.preferences.pace == "moderate"
    assert planner.verify(result.itinerary, result.preferences) == []
    assert result.itinerary.days[1].pace is None  # still within the trip pace's bounds


@pytest.mark.parametrize("city", CITIES)
def test_a_day_at_the_pace_minimum_takes_the_next_slower_pace(
        planner: CatalogPlanner, city: str) -> None:
    """ADR 0010: the traveller asked for that day, so it may go below the trip pace's
    minimum, one pace at a time, down to the relaxed minimum; other days stay."""
    itinerary, prefs = plan_of(city, pace="moderate")
    at_min = planner.apply_edit(itinerary, prefs, ChangePace(step="more_relaxed", day=2))
    assert len(_activities(at_min.itinerary, 2)) == 3
    lighter = planner.apply_edit(at_min.itinerary, prefs,
                                 ChangePace(step="more_relaxed", day=2))
    assert len(_activities(lighter.itinerary, 2)) == 2
    assert lighter.itinerary.days[1].pace == "relaxed"
    assert lighter.preferences.pace == "moderate"
    assert lighter.itinerary.days[0] == itinerary.days[0]
    assert planner.verify(lighter.itinerary, lighter.preferences) == []
    unpaced = [d.model_copy(update={"pace": None}) for d in lighter.itinerary.days]
    rules = {v.rule for v in planner.verify(
        lighter.itinerary.model_copy(update={"days": unpaced}), lighter.preferences)}
    assert "pace" in rules  # the day's own pace is what lets it hold 2 sights
    with pytest.raises(EditRejected, match="relaxed"):
        planner.apply_edit(lighter.itinerary, prefs, ChangePace(step="more_relaxed", day=2))
    fuller = planner.apply_edit(lighter.itinerary, prefs, ChangePace(step="more_packed", day=2))
    assert len(_activities(fuller.itinerary, 2)) == 3
    assert fuller.itinerary.days[1].pace == "relaxed"  # 3 fits its own bounds
    assert planner.verify(fuller.itinerary, fuller.preferences) == []


@pytest.mark.parametrize("city", CITIES)
def test_later_start_shifts_days_and_keeps_rules(planner: CatalogPlanner, city: str) -> None:
    itinerary, prefs = plan_of(city)
    result = planner.apply_edit(itinerary, prefs, SetDayStart(earliest="11:00"))
    assert planner.verify(result.itinerary, result.preferences) == []
    assert result.summary.days
    for day in result.summary.days:
        assert minutes_of(result.itinerary.days[day - 1].items[0].start) >= 11 * 60
    with pytest.raises(EditRejected):
        planner.apply_edit(result.itinerary, prefs, SetDayStart(earliest="08:00"))


def test_pin_keeps_a_planned_place_and_adds_a_missing_one(planner: CatalogPlanner) -> None:
    itinerary, prefs = plan_of("Paris")
    first = itinerary.days[0].items[0].place.name
    kept = planner.apply_edit(itinerary, prefs, PinPlace(target=PlaceSelector(name=first)))
    assert kept.itinerary == itinerary
    catalog = [p.name for p in planner.index("Paris").city.activities]  # type: ignore[union-attr]
    missing = next(name for name in catalog[:20] if name not in str(itinerary))
    added = planner.apply_edit(itinerary, prefs, PinPlace(target=PlaceSelector(name=missing)))
    assert missing in str(added.itinerary)


@pytest.mark.parametrize("city", CITIES)
def test_later_dinners_move_only_dinners_and_keep_rules(
    planner: CatalogPlanner, city: str
) -> None:
    itinerary, prefs = plan_of(city)
    try:
        result = planner.apply_edit(itinerary, prefs, MealWish(wish="later_dinner"))
    except EditRejected:
        return  # every dinner already as late as its restaurant allows
    assert planner.verify(result.itinerary, result.preferences) == []
    for day in result.summary.days:
        old, new = itinerary.days[day - 1].items, result.itinerary.days[day - 1].items
        assert old[:-1] == new[:-1]
        assert new[-1].start > old[-1].start and new[-1].place == old[-1].place
