"""The policy's multi-city rules (issue 11), pure: leg changes, splits, the day limit and
which trip constraints survive a change of legs."""

import pytest

from tests.reference import bundled_catalog
from wayfarer.conversation.legs import (
    LegProblem,
    carried,
    changed_legs,
    describe,
    even_split,
    resized,
)
from wayfarer.conversation.merge import merge_preferences
from wayfarer.conversation.policy import decide
from wayfarer.domain import (
    AddDay,
    ChangeLeg,
    DayPace,
    EditTrip,
    ExcludedPlace,
    Leg,
    PinnedPlace,
    Preferences,
    PreferenceUpdate,
    SessionState,
    TripConstraints,
)
from wayfarer.planner import CatalogPlanner

COUNTRIES = {"Tokyo": "Japan", "Kyoto": "Japan", "Osaka": "Japan", "Paris": "France"}
TRIP = [Leg(city="Tokyo", country="Japan", days=3), Leg(city="Kyoto", country="Japan", days=2)]


def _days(legs: list[Leg]) -> list[tuple[str, int | None]]:
    return [(leg.city, leg.days) for leg in legs]


@pytest.mark.parametrize(("act", "expected"), [
    (ChangeLeg(op="add", city="Tokyo", days=1), [("Tokyo", 4), ("Kyoto", 2)]),
    (ChangeLeg(op="add", city="osaka", days=3), [("Tokyo", 3), ("Kyoto", 2), ("Osaka", 3)]),
    (ChangeLeg(op="add", city="Osaka"), [("Tokyo", 3), ("Kyoto", 2), ("Osaka", 2)]),
    (ChangeLeg(op="set_days", city="Kyoto", days=1), [("Tokyo", 3), ("Kyoto", 1)]),
    (ChangeLeg(op="drop", city="Kyoto"), [("Tokyo", 3)]),
    (ChangeLeg(op="first", city="Kyoto"), [("Kyoto", 2), ("Tokyo", 3)]),
    (ChangeLeg(op="last", city="Tokyo"), [("Kyoto", 2), ("Tokyo", 3)]),
    (ChangeLeg(op="first", city="Osaka"), [("Osaka", 2), ("Tokyo", 3), ("Kyoto", 2)]),
    (ChangeLeg(op="swap_order"), [("Kyoto", 2), ("Tokyo", 3)]),
])
def test_leg_changes(act: ChangeLeg, expected: list[tuple[str, int]]) -> None:
    assert _days(changed_legs(TRIP, act, COUNTRIES)) == expected


@pytest.mark.parametrize("act", [
    ChangeLeg(op="add", city="Osaka", days=10),  # 15 days
    ChangeLeg(op="add", city="Hanoi", days=2),  # not covered
    ChangeLeg(op="drop", city="Paris"),  # not in the trip
    ChangeLeg(op="drop", city="Tokyo"),  # on a one-city trip: nothing left
])
def test_leg_changes_that_cannot_be_made_are_problems(act: ChangeLeg) -> None:
    legs = TRIP[:1] if act.city == "Tokyo" else TRIP
    with pytest.raises(LegProblem) as problem:
        changed_legs(legs, act, COUNTRIES)
    assert problem.value.reason


def test_even_split_and_resize() -> None:
    bare = [Leg(city="Rome"), Leg(city="Florence"), Leg(city="Venice")]
    assert [leg.days for leg in even_split(bare, 7)] == [3, 2, 2]
    assert [leg.days for leg in even_split(bare, 2)] == [1, 1, 1]  # every leg keeps a day
    assert _days(resized(TRIP, 7)) == [("Tokyo", 3), ("Kyoto", 4)]
    assert _days(resized(TRIP, 3)) == [("Tokyo", 2), ("Kyoto", 1)]
    assert describe(TRIP) == "3 days in Tokyo, then 2 in Kyoto"


def test_merging_legs() -> None:
    tokyo = Preferences(city="Tokyo", days=3)
    trip = merge_preferences(tokyo, PreferenceUpdate(legs=TRIP))
    assert trip.is_multi_city() and trip.days == 5 and trip.city == "Tokyo"
    single = merge_preferences(trip, PreferenceUpdate(city="Paris", country="France"))
    assert _days(single.trip_legs()) == [("Paris", 5)]
    longer = merge_preferences(trip, PreferenceUpdate(days=7))
    assert _days(longer.legs) == [("Tokyo", 3), ("Kyoto", 4)]
    with pytest.raises(LegProblem):
        merge_preferences(tokyo, PreferenceUpdate(legs=[
            Leg(city="Tokyo", days=10), Leg(city="Kyoto", days=6)]))


def test_constraints_follow_the_legs() -> None:
    constraints = TripConstraints(
        pinned=[PinnedPlace(place_id="kyoto-fushimi-inari", name="Fushimi Inari", day=4),
                PinnedPlace(place_id="tokyo-senso-ji", name="Senso-ji", day=1)],
        excluded=[ExcludedPlace(place_id="tokyo-tokyo-tower", name="Tokyo Tower")],
        day_pace=[DayPace(day=1, pace="relaxed"), DayPace(day=4, pace="relaxed")],
        day_start="10:00",
    )
    dropped, lost = carried(constraints, TRIP, TRIP[:1])
    assert [p.name for p in dropped.pinned] == ["Senso-ji"] and dropped.pinned[0].day == 1
    assert [d.day for d in dropped.day_pace] == [1] and dropped.day_start == "10:00"
    assert dropped.excluded == constraints.excluded
    assert any("Fushimi Inari" in reason for reason in lost)
    swapped, _ = carried(constraints, TRIP, list(reversed(TRIP)))
    assert all(p.day is None for p in swapped.pinned)  # every day is now elsewhere
    elsewhere, _ = carried(constraints, TRIP, [Leg(city="Paris", days=3)])
    assert elsewhere.pinned == [] and elsewhere.day_start == "10:00"


def _planned(prefs: Preferences) -> SessionState:
    itinerary = CatalogPlanner(bundled_catalog()).plan(prefs).itinerary
    return SessionState(session_id="s", stage="planned", preferences=prefs,
                        itinerary=itinerary)


def test_add_a_day_on_a_trip_of_legs_extends_the_last_leg() -> None:
    state = _planned(Preferences(legs=TRIP))
    decision = decide([EditTrip(edit=AddDay())], state)
    assert decision.kind == "legs"
    assert decision.legs == (ChangeLeg(op="add", city="Kyoto", days=1),)
    one_city = _planned(Preferences(city="Tokyo", days=3))
    assert decide([EditTrip(edit=AddDay())], one_city).kind == "edit"
