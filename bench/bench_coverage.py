"""Coverage per city (issue 17): ``python -m bench bench_coverage`` (part of ``make bench``).

For every catalog city: its places, food places and must-sees, then every pace x budget x
1-7 days planned with the real ``CatalogPlanner`` (no interests stated, no dates), and the
share of planned days within the realism goals: the days asked for were planned, the day
has lunch and dinner at places serving them, and (moderate/packed) no idle gap of 3 h or
more. Prints one row per city, worst first, then the totals.
"""

from dataclasses import dataclass

from bench.realism import IDLE_LIMIT, meal_of, raw_places
from wayfarer.domain import BUDGETS, PACES, ItineraryDay, Preferences
from wayfarer.errors import InvalidRequest
from wayfarer.planner import CatalogPlanner, load_catalog
from wayfarer.planner.catalog import data_dir
from wayfarer.planner.clock import minutes_of

DAYS = range(1, 8)


@dataclass
class CityFigures:
    """Counters for one city."""

    name: str
    places: int
    food: int
    must_see: int
    asked: int = 0
    good: int = 0

    def share(self) -> float:
        """Days within the goals over days asked for."""
        return self.good / max(self.asked, 1)


def _good_day(day: ItineraryDay, pace: str, raw: dict[str, dict[str, object]]) -> bool:
    """Lunch and dinner at places serving them; no idle gap of 3 h+ unless relaxed."""
    meals = {meal_of(i) for i in day.items if i.kind == "meal"
             if meal_of(i) in (raw[i.place.id].get("serves") or [])}
    if not {"lunch", "dinner"} <= meals:
        return False
    if pace == "relaxed":
        return True
    starts = [minutes_of(i.start) for i in day.items]
    ends = [minutes_of(i.end) for i in day.items]
    return all(b - a < IDLE_LIMIT for a, b in zip(ends, starts[1:], strict=False))


def main() -> None:
    """Plan every city's grid and print the per-city table."""
    catalog = load_catalog()
    planner = CatalogPlanner(catalog)
    raw = raw_places(data_dir())
    rows: list[CityFigures] = []
    for city in catalog.cities:
        food = sum(1 for p in city.places if p.serves)
        must = sum(1 for p in city.places if p.must_see is not None)
        row = CityFigures(city.name, len(city.places), food, must)
        for pace in PACES:
            for budget in BUDGETS:
                for days in DAYS:
                    row.asked += days
                    prefs = Preferences(city=city.name, days=days, pace=pace, budget=budget)
                    try:
                        planned = planner.plan(prefs).itinerary.days
                    except InvalidRequest:
                        continue
                    row.good += sum(_good_day(d, pace, raw) for d in planned)
        rows.append(row)
    print("city | places | food | must-see | days within goals")
    for row in sorted(rows, key=CityFigures.share):
        print(f"{row.name} | {row.places} | {row.food} | {row.must_see} | "
              f"{row.good}/{row.asked} ({100 * row.share():.1f}%)")
    good, asked = sum(r.good for r in rows), sum(r.asked for r in rows)
    print(f"all {len(rows)} cities: {sum(r.places for r in rows)} places; days within goals "
          f"{good}/{asked} ({100 * good / max(asked, 1):.1f}%)")


if __name__ == "__main__":
    main()
