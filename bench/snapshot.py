"""A byte-for-byte snapshot of what the planner produces, to show a refactor changed nothing.

``python -m bench.snapshot OUT.json`` plans a fixed sweep (20 cities x every pace x every
budget, 3 days from a fixed start date; a few multi-city trips; every kind of edit on a few
plans, rejected ones included) and writes every result as JSON. Run it before and after a
change and compare the files (``cmp before.json after.json``): a structural change must
leave them identical. Not a benchmark: it prints no figures and is not run by ``make
bench``.
"""

import datetime as dt
import json
import sys
from typing import Any

from pydantic import TypeAdapter

from wayfarer.domain import BUDGETS, PACES, Edit, Leg, Preferences
from wayfarer.errors import WayfarerError
from wayfarer.planner import CatalogPlanner, load_catalog

CITIES = 20
START = dt.date(2026, 3, 2)
#: Multi-city trips: (city, days) legs.
TRIPS = [
    [("Tokyo", 2), ("Kyoto", 2)],
    [("Paris", 3), ("London", 2)],
    [("Rome", 2), ("Florence", 2), ("Venice", 1)],
    [("Barcelona", 2), ("Madrid", 3)],
]
EDITS: list[dict[str, Any]] = [
    {"op": "replace", "target": {"day": 1}},
    {"op": "replace", "target": {"day": 2}, "replacement": {"category": "museum"}},
    {"op": "remove", "target": {"day": 2}},
    {"op": "add", "query": {"interest": "food", "day": 1}},
    {"op": "add", "query": {"outdoor": True}},
    {"op": "move", "target": {"day": 1}, "to_day": 2},
    {"op": "swap_days", "first": 1, "second": 3},
    {"op": "add_day"},
    {"op": "drop_day", "day": 2},
    {"op": "change_pace", "pace": "packed"},
    {"op": "change_pace", "step": "more_relaxed"},
    {"op": "change_budget", "budget": "luxury"},
    {"op": "change_budget", "budget": "budget"},
    {"op": "pin", "target": {"day": 1}},
    {"op": "day_start", "earliest": "11:00"},
    {"op": "meal_wish", "wish": "later_dinner"},
    {"op": "meal_wish", "wish": "vegetarian", "day": 1},
    {"op": "meal_wish", "wish": "fancy"},
    {"op": "limit_per_day", "limit": 2},
    {"op": "limit_per_day", "category": "museum", "limit": 1},
    {"op": "replace", "target": {"category": "lunch", "day": 1}},
    {"op": "replace", "target": {"category": "dinner", "day": 2}},
    {"op": "meal_wish", "wish": "cheap", "day": 2},
    {"op": "change_pace", "pace": "relaxed", "day": 1},
]
EDIT_CITIES = 6


def _run(call: Any, *args: Any) -> Any:
    try:
        return call(*args).model_dump(mode="json")
    except WayfarerError as exc:
        return {"refused": type(exc).__name__, "message": str(exc)}


def snapshot() -> dict[str, Any]:
    """Every result of the sweep, keyed by a readable label."""
    catalog = load_catalog()
    planner = CatalogPlanner(catalog)
    names = sorted(city.name for city in catalog.cities)[:CITIES]
    out: dict[str, Any] = {}
    for city in names:
        for pace in PACES:
            for budget in BUDGETS:
                prefs = Preferences(
                    city=city, days=3, pace=pace, budget=budget, start_date=START,
                    interests=["food", "history"] if budget == "luxury" else [],
                )
                out[f"plan {city} {pace} {budget}"] = _run(planner.plan, prefs)
    for trip in TRIPS:
        prefs = Preferences(legs=[Leg(city=c, days=n) for c, n in trip], start_date=START)
        label = "trip " + " ".join(f"{c}:{n}" for c, n in trip)
        out[label] = _run(planner.plan, prefs)
    edits = TypeAdapter(Edit)
    for city in [*names[:EDIT_CITIES], "Tokyo"]:
        prefs = Preferences(city=city, days=3, pace="moderate", budget="moderate")
        itinerary = planner.plan(prefs).itinerary
        for raw in EDITS:
            edit = edits.validate_python(raw)
            out[f"edit {city} {json.dumps(raw, sort_keys=True)}"] = _run(
                planner.apply_edit, itinerary, prefs, edit
            )
    trip = Preferences(legs=[Leg(city="Tokyo", days=2), Leg(city="Kyoto", days=2)])
    itinerary = planner.plan(trip).itinerary
    for raw in EDITS:
        edit = edits.validate_python(raw)
        label = f"edit trip {json.dumps(raw, sort_keys=True)}"
        out[label] = _run(planner.apply_edit, itinerary, trip, edit)
    return out


def main() -> int:
    """Write the snapshot to the file named on the command line."""
    if len(sys.argv) != 2:
        print("usage: python -m bench.snapshot OUT.json", file=sys.stderr)
        return 2
    with open(sys.argv[1], "w", encoding="utf-8") as handle:
        json.dump(snapshot(), handle, indent=1, sort_keys=True)
        handle.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
