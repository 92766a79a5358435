"""The planner's memo of results (planner/results.py): an equal question gets an equal
answer of its own, the memo stays within its size, and a trip through a city the model
proposed is always planned afresh (the city may be replaced)."""

from typing import Any

from tests.reference import bundled_catalog, shared_world
from wayfarer.domain import Preferences, ReplacePlace
from wayfarer.planner import CatalogPlanner, PlanResult
from wayfarer.planner.proposed import ProposedCities, accept_candidates, model_city
from wayfarer.planner.results import ResultMemo
from wayfarer.wiring import locate_city

PREFS = Preferences(city="Lisbon", days=3, pace="relaxed")


def test_an_equal_question_gets_an_equal_answer_of_its_own() -> None:
    planner = CatalogPlanner(bundled_catalog())
    first = planner.plan(PREFS)
    kept = first.model_dump_json()
    first.notes.append("changed by the caller")
    first.itinerary.days[0].theme = "changed by the caller"
    again = planner.plan(PREFS.model_copy(deep=True))
    assert again.model_dump_json() == kept
    assert again is not first and again.itinerary is not first.itinerary


def test_a_remembered_edit_is_the_edit_a_fresh_planner_makes() -> None:
    planner = CatalogPlanner(bundled_catalog())
    itinerary = planner.plan(PREFS).itinerary
    edit = ReplacePlace.model_validate({"op": "replace", "target": {"day": 1}})
    first = planner.apply_edit(itinerary, PREFS, edit).model_dump_json()
    again = planner.apply_edit(itinerary, PREFS, edit).model_dump_json()
    fresh = CatalogPlanner(bundled_catalog(), memo_size=0)
    assert first == again == fresh.apply_edit(itinerary, PREFS, edit).model_dump_json()


def test_the_memo_keeps_at_most_its_size_least_recently_used_first() -> None:
    result = CatalogPlanner(bundled_catalog(), memo_size=0).plan(PREFS)
    memo = ResultMemo(PlanResult, size=2)
    for key in ("a", "b"):
        memo.put(key, result)
    assert memo.get("a") is not None  # "b" is now the least recently used
    memo.put("c", result)
    assert len(memo) == 2
    assert memo.get("b") is None
    assert memo.get("a") == result == memo.get("c")
    nothing = ResultMemo(PlanResult, size=0)
    nothing.put("a", result)
    assert not nothing.enabled and nothing.get("a") is None


def _candidates(prefix: str) -> list[dict[str, Any]]:
    bologna = locate_city(shared_world(), "Bologna")
    assert bologna is not None
    places = []
    for k in range(14):
        food = k >= 10
        places.append({
            "name": f"{prefix} {k}", "kind": "food" if food else "activity",
            "category": "restaurant" if food else "museum",
            "interests": ["food"] if food else ["history"],
            "lat": bologna.lat + 0.002 * (k % 4), "lon": bologna.lon + 0.002 * (k // 4),
            "hours": ["09:00-23:00"] * 7, "visit_minutes": 60 if food else 90,
            "cost_level": 1, "indoor": True,
            "description": f"{prefix} place number {k}, for a test.",
            "serves": ["lunch", "dinner"] if food else [],
        })
    return places


def test_a_proposed_city_replaced_is_planned_from_its_new_places() -> None:
    bologna = locate_city(shared_world(), "Bologna")
    assert bologna is not None
    registry = ProposedCities()
    planner = CatalogPlanner(bundled_catalog(), proposed=registry)
    names = []
    for prefix in ("Old", "New"):
        accepted, _ = accept_candidates(bologna, _candidates(prefix))
        city = model_city(bologna, accepted)
        assert city is not None
        registry.add(city, expires_at=float("inf"))
        prefs = Preferences(city=city.name, country=city.country, days=1)
        itinerary = planner.plan(prefs).itinerary
        names.append({i.place.name.split()[0] for d in itinerary.days for i in d.items})
    assert names == [{"Old"}, {"New"}]
