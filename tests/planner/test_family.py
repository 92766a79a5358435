"""A family trip keeps away from bars and clubs unless the traveller asks for nightlife."""

import pytest

from tests.planner.plans import planned, shared_planner
from tests.reference import bundled_catalog
from wayfarer.domain import Preferences

CATALOG = bundled_catalog()
PLANNER = shared_planner()


@pytest.mark.parametrize("city", [c.name for c in CATALOG.cities])
def test_family_trips_avoid_nightlife(city: str) -> None:
    plan = planned(Preferences(city=city, days=4, interests=["family"], pace="packed"))
    assert not PLANNER.verify(plan.itinerary, Preferences(city=city, days=4,
                                                          interests=["family"], pace="packed"))
    nightlife = [
        item.place.name
        for day in plan.itinerary.days
        for item in day.items
        if item.kind == "activity" and "nightlife" in item.place.interests
    ]
    assert nightlife == []


def test_nightlife_asked_for_is_kept_on_a_family_trip() -> None:
    prefs = Preferences(city="Berlin", days=3, interests=["family", "nightlife"])
    plan = PLANNER.plan(prefs)
    interests = {i for d in plan.itinerary.days for it in d.items for i in it.place.interests}
    assert "nightlife" in interests
