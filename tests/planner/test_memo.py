"""The planner's memos never change a plan: a planner that has planned (and edited) many
other trips gives byte for byte the plan and the edit a fresh planner gives (issue 14's
speed work caches per-city and per-request facts)."""

from tests.reference import bundled_catalog
from wayfarer.domain import ChangeBudget, ChangePace, Preferences
from wayfarer.planner import CatalogPlanner

_CASES = [
    Preferences(city="Lisbon", days=4),
    Preferences(city="Rome", days=3, pace="packed", budget="budget"),
    Preferences(city="Kyoto", days=4, pace="relaxed", interests=["nature", "history"]),
    Preferences(city="Paris", days=2, budget="luxury", interests=["food", "art"]),
    Preferences(city="Lisbon", days=7, pace="packed", avoid_interests=["museums"]),
    Preferences(city="Rome", days=1, interests=["food"]),
]


def _outcome(planner: CatalogPlanner, prefs: Preferences) -> list[str]:
    plan = planner.plan(prefs)
    pace = "packed" if prefs.pace == "relaxed" else "relaxed"
    edits = [ChangePace(pace=pace), ChangeBudget(budget="moderate")]
    return [plan.model_dump_json()] + [
        planner.apply_edit(plan.itinerary, prefs, edit).model_dump_json() for edit in edits
    ]


def test_a_warm_planner_plans_and_edits_as_a_fresh_one() -> None:
    warm = CatalogPlanner(bundled_catalog())
    for prefs in _CASES:  # fill every memo with the other cases first
        _outcome(warm, prefs)
    for prefs in reversed(_CASES):
        assert _outcome(warm, prefs) == _outcome(CatalogPlanner(bundled_catalog()), prefs)
