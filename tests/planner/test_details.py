"""Per-stop details agree with the schedule and the catalog, for every city."""

import pytest

from wayfarer.domain import Preferences
from wayfarer.planner import Catalog, CatalogPlanner
from wayfarer.planner.clock import minutes_of


@pytest.mark.parametrize("pace", ["relaxed", "packed"])
def test_details_cover_every_stop_and_agree_with_the_schedule(
    planner: CatalogPlanner, catalog: Catalog, pace: str
) -> None:
    for city in catalog.cities:
        prefs = Preferences.model_validate({"city": city.name, "days": 2, "pace": pace})
        itinerary = planner.plan(prefs).itinerary
        details = planner.details(itinerary, prefs)
        items = [(d.day, i) for d in itinerary.days for i in d.items]
        assert [(x.day, x.place_id) for x in details] == [(d, i.place.id) for d, i in items]
        for (day, item), detail in zip(items, details, strict=True):
            assert detail.hours != "closed", (city.name, item.place.name)  # open when visited
            assert detail.why and detail.description
            following = next(
                (i for d in itinerary.days if d.day == day
                 for k, i in enumerate(d.items) if k and d.items[k - 1] is item), None)
            if following is None:
                assert detail.travel_next is None
                continue
            leg = detail.travel_next
            assert leg is not None and leg.mode in ("walk", "transit")
            # the schedule left at least the travel time between the two stops
            assert minutes_of(following.start) - minutes_of(item.end) >= leg.minutes


def test_closed_weekdays_and_reasons(planner: CatalogPlanner) -> None:
    prefs = Preferences(city="Rome", days=3, interests=["history"], pace="relaxed")
    itinerary = planner.plan(prefs).itinerary
    details = planner.details(itinerary, prefs)
    assert any("history" in d.why for d in details)
    assert all(set(d.closed_on) <= {"Mondays", "Tuesdays", "Wednesdays", "Thursdays",
                                    "Fridays", "Saturdays", "Sundays"} for d in details)
