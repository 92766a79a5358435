"""Realism figures over planned itineraries (issue 10), from the raw city files.

Reads ``serves``, ``best_time`` and ``fixed_times`` straight from the JSON files (not from
the loader), so the same figures can be computed for planner versions that predate the
catalog's schema 2. A food place without ``serves`` is judged by its category: restaurant,
street food and food market serve lunch and dinner; café and bakery breakfast and a snack;
bar a snack.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from wayfarer.domain import Itinerary, ItineraryItem

IDLE_LIMIT = 180
EARLY_END = 15 * 60
INFERRED_SERVES = {
    "restaurant": ("lunch", "dinner"),
    "street food": ("lunch", "dinner"),
    "food market": ("lunch", "dinner"),
    "cafe": ("breakfast", "snack"),
    "bakery": ("breakfast", "snack"),
    "bar": ("snack",),
}


def _minutes(text: str) -> int:
    hours, _, mins = text.partition(":")
    return int(hours) * 60 + int(mins)


def meal_of(item: ItineraryItem) -> str:
    """The meal an item is: its typed slot when the planner sets one (schema 3), else by
    start time as older planners meant it (lunch before 16:00)."""
    typed = getattr(item, "meal", None)
    if isinstance(typed, str):
        return typed
    return "lunch" if _minutes(item.start) < 16 * 60 else "dinner"


def raw_places(folder: Path) -> dict[str, dict[str, object]]:
    """Every place of every city file in ``folder``, by id, as written on disk."""
    out: dict[str, dict[str, object]] = {}
    for path in sorted(folder.glob("*.json")):
        for place in json.loads(path.read_text(encoding="utf-8"))["places"]:
            out[place["id"]] = place
    return out


def _rank(place: dict[str, object]) -> int:
    rank = place.get("must_see")
    return rank if isinstance(rank, int) else 99


def serves(place: dict[str, object]) -> tuple[str, ...]:
    """The meals a raw place serves (its own list, else inferred from the category)."""
    listed = place.get("serves")
    if isinstance(listed, list):
        return tuple(str(m) for m in listed)
    return INFERRED_SERVES.get(str(place["category"]), ())


def in_window(start: int, end: int, window: dict[str, str]) -> bool:
    """True when the visit [start, end] lies inside a ``best_time`` window."""
    low, high = _minutes(window["from"]), _minutes(window["to"])
    if high <= low:
        high += 24 * 60
        if start < low:
            start, end = start + 24 * 60, end + 24 * 60
    return low <= start and end <= high + 30


@dataclass
class Realism:
    """Counters accumulated over itineraries."""

    meals: int = 0
    meals_served: int = 0
    luxury_meals: int = 0
    luxury_cheap: int = 0
    budget_meals: int = 0
    budget_dear: int = 0
    busy_days: int = 0
    idle_days: int = 0
    early_days: int = 0
    timed_visits: int = 0
    best_time_bad: int = 0
    fixed_bad: int = 0
    beach_days: int = 0
    must_wanted: int = 0
    must_found: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, itinerary: Itinerary, pace: str, budget: str,
            places: dict[str, dict[str, object]], city_ids: list[str]) -> None:
        """Count one itinerary planned at ``pace`` and ``budget``; ``city_ids`` are the
        ids of its city's places."""
        if len(itinerary.days) >= 3:
            top = [i for i in city_ids if _rank(places[i]) <= 3]
            shown = {item.place.id for day in itinerary.days for item in day.items}
            self.must_wanted += len(top)
            self.must_found += len(shown & set(top))
        for day in itinerary.days:
            for item in day.items:
                raw = places[item.place.id]
                start, end = _minutes(item.start), _minutes(item.end)
                if item.kind == "meal":
                    slot = meal_of(item)
                    self.meals += 1
                    self.meals_served += slot in serves(raw)
                    if budget == "luxury":
                        self.luxury_meals += 1
                        self.luxury_cheap += item.place.cost_level <= 1
                    if budget == "budget":
                        self.budget_meals += 1
                        self.budget_dear += item.place.cost_level >= 2
                window = raw.get("best_time")
                if isinstance(window, dict):
                    self.timed_visits += 1
                    if not in_window(start, end, window):
                        self.best_time_bad += 1
                        if len(self.examples) < 5:
                            self.examples.append(f"{item.place.name} {item.start}-{item.end}")
                fixed = raw.get("fixed_times")
                if isinstance(fixed, list) and fixed and item.start not in fixed:
                    self.fixed_bad += 1
            self.beach_days += sum(i.place.category == "beach" for i in day.items) >= 3
            if pace == "relaxed" or not day.items:
                continue
            self.busy_days += 1
            starts = [_minutes(i.start) for i in day.items]
            ends = [_minutes(i.end) for i in day.items]
            if any(b - a >= IDLE_LIMIT for a, b in zip(ends, starts[1:], strict=False)):
                self.idle_days += 1
            sights = [_minutes(i.end) for i in day.items if i.kind == "activity"]
            self.early_days += bool(sights) and max(sights) < EARLY_END

    def lines(self) -> list[str]:
        """The figures, one per line."""

        def pct(a: int, b: int) -> str:
            return f"{a}/{b} ({100 * a / max(b, 1):.1f}%)"

        return [
            f"meals at places serving that meal: {pct(self.meals_served, self.meals)}",
            f"cheap meals (level 0-1) on luxury trips: {pct(self.luxury_cheap, self.luxury_meals)}"
            f"; level 2+ meals on budget trips: {pct(self.budget_dear, self.budget_meals)}",
            f"moderate/packed days with an idle gap of 3 h+: {pct(self.idle_days, self.busy_days)}"
            f"; whose sights end before 15:00: {pct(self.early_days, self.busy_days)}",
            f"best-time violations: {pct(self.best_time_bad, self.timed_visits)} "
            f"(e.g. {'; '.join(self.examples[:3]) or '-'}); fixed-time violations: "
            f"{self.fixed_bad}",
            f"days with 3+ beaches: {self.beach_days}",
            f"must-sees ranked 1-3 in plans of 3+ days (no interests stated): "
            f"{pct(self.must_found, self.must_wanted)}",
        ]
