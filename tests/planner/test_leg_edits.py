"""Edits of a multi-city trip act inside their leg (issue 11), with the real planner."""

import pytest

from wayfarer.domain import (
    AddDay,
    ChangePace,
    DropDay,
    Itinerary,
    PlaceSelector,
    Preferences,
    RemovePlace,
    ReplacePlace,
    SwapDays,
)
from wayfarer.errors import EditRejected
from wayfarer.planner import CatalogPlanner


@pytest.fixture(scope="module")
def trip(planner: CatalogPlanner) -> tuple[Itinerary, Preferences]:
    prefs = Preferences.model_validate({
        "legs": [{"city": "Tokyo", "days": 3}, {"city": "Kyoto", "days": 2}],
        "start_date": "2026-04-06",
    })
    return planner.plan(prefs).itinerary, prefs


def test_an_edit_of_a_kyoto_day_leaves_tokyo_identical(
    planner: CatalogPlanner, trip: tuple[Itinerary, Preferences]
) -> None:
    itinerary, prefs = trip
    kyoto_place = next(i for i in itinerary.days[4].items if i.kind == "activity")
    for edit in (
        ChangePace(step="more_relaxed", day=5),
        RemovePlace(target=PlaceSelector(name=kyoto_place.place.name, day=5)),
        ReplacePlace(target=PlaceSelector(name=kyoto_place.place.name)),
    ):
        result = planner.apply_edit(itinerary, prefs, edit)
        assert result.itinerary.days[:3] == itinerary.days[:3], edit
        assert result.itinerary.days[3].transfer == itinerary.days[3].transfer
        assert set(result.summary.days) <= {4, 5}
        assert planner.verify(result.itinerary, result.preferences) == []
        places = [i.place.id for d in result.itinerary.days for i in d.items]
        assert len(places) == len(set(places))


def test_adding_a_day_extends_the_last_leg_only(
    planner: CatalogPlanner, trip: tuple[Itinerary, Preferences]
) -> None:
    itinerary, prefs = trip
    result = planner.apply_edit(itinerary, prefs, AddDay())
    assert [leg.days for leg in result.preferences.legs] == [3, 3]
    assert result.itinerary.days[:5] == itinerary.days[:5]
    assert result.itinerary.days[5].city == "Kyoto"
    assert result.itinerary.legs[1].days == [4, 5, 6]
    assert planner.verify(result.itinerary, result.preferences) == []


def test_dropping_a_tokyo_day_moves_kyoto_and_keeps_the_rules(
    planner: CatalogPlanner, trip: tuple[Itinerary, Preferences]
) -> None:
    itinerary, prefs = trip
    result = planner.apply_edit(itinerary, prefs, DropDay(day=2))
    assert [leg.days for leg in result.preferences.legs] == [2, 2]
    assert result.itinerary.days[0] == itinerary.days[0]
    assert [d.city for d in result.itinerary.days] == ["Tokyo", "Tokyo", "Kyoto", "Kyoto"]
    assert result.itinerary.days[2].transfer is not None
    assert planner.verify(result.itinerary, result.preferences) == []


def test_a_whole_trip_pace_change_runs_in_every_leg(
    planner: CatalogPlanner, trip: tuple[Itinerary, Preferences]
) -> None:
    itinerary, prefs = trip
    result = planner.apply_edit(itinerary, prefs, ChangePace(pace="relaxed"))
    assert result.preferences.pace == "relaxed"
    assert planner.verify(result.itinerary, result.preferences) == []


def test_an_edit_across_two_cities_is_refused(
    planner: CatalogPlanner, trip: tuple[Itinerary, Preferences]
) -> None:
    itinerary, prefs = trip
    with pytest.raises(EditRejected, match="different cities"):
        planner.apply_edit(itinerary, prefs, SwapDays(first=1, second=4))
    with pytest.raises(EditRejected, match="days 1 to 5"):
        planner.apply_edit(itinerary, prefs, ChangePace(step="more_relaxed", day=9))


def test_replan_keeps_the_legs_that_did_not_move(
    planner: CatalogPlanner, trip: tuple[Itinerary, Preferences]
) -> None:
    itinerary, prefs = trip
    edited = planner.apply_edit(itinerary, prefs, ChangePace(step="more_relaxed", day=2))
    longer = edited.preferences.model_copy(update={"legs": [
        edited.preferences.legs[0], edited.preferences.legs[1].model_copy(update={"days": 3}),
    ]})
    longer = Preferences.model_validate(longer.model_dump())
    result = planner.replan(edited.itinerary, longer)
    assert result.itinerary.days[:3] == edited.itinerary.days[:3]  # the Tokyo edit stays
    assert [leg.days for leg in result.itinerary.legs] == [[1, 2, 3], [4, 5, 6]]
    assert planner.verify(result.itinerary, longer) == []

    reordered = Preferences.model_validate({
        **prefs.model_dump(), "legs": [{"city": "Kyoto", "days": 2}, {"city": "Tokyo", "days": 3}],
    })
    swapped = planner.replan(itinerary, reordered).itinerary
    assert [d.city for d in swapped.days] == ["Kyoto", "Kyoto", "Tokyo", "Tokyo", "Tokyo"]
    assert swapped.days[0].transfer is None and swapped.days[2].transfer is not None
    assert planner.verify(swapped, reordered) == []
    places = [i.place.id for d in swapped.days for i in d.items]
    assert len(places) == len(set(places))

    with_osaka = Preferences.model_validate({
        **prefs.model_dump(), "legs": [*[leg.model_dump() for leg in prefs.legs],
                                       {"city": "Osaka", "days": 1}],
    })
    added = planner.replan(itinerary, with_osaka).itinerary
    assert added.days[:4] == itinerary.days[:4]
    assert planner.verify(added, with_osaka) == []


def test_an_edit_on_a_plan_of_other_legs_is_refused_not_crashed(
    planner: CatalogPlanner, trip: tuple[Itinerary, Preferences]
) -> None:
    itinerary, _ = trip
    for legs in ([{"city": "Tokyo", "days": 3}, {"city": "Osaka", "days": 2}],
                 [{"city": "Tokyo", "days": 3}, {"city": "Kyoto"}],
                 [{"city": "Tokyo", "days": 3}]):
        changed = Preferences.model_validate({"legs": legs, "city": "Tokyo", "days": 3})
        with pytest.raises(EditRejected):
            planner.apply_edit(itinerary, changed, AddDay())
        assert [v.rule for v in planner.verify(itinerary, changed)] == ["legs"]
