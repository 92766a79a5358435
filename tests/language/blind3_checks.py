"""Checks blind set 3 adds to blind set 2's (``blind2_scoring``): a cap on a day's stops,
and meals that match a meal wish (a diet, a cost level). Same contract: ``held`` says
whether the expectation holds on the turn as the client saw it, and what was seen."""

from dataclasses import dataclass
from functools import cache

from tests.language.blind2_scoring import Check, Seen, day_items
from tests.reference import bundled_catalog


@cache
def diets() -> dict[str, frozenset[str]]:
    """Catalog place id -> the diets it serves (the SessionView does not carry them)."""
    return {p.id: frozenset(p.diet) for c in bundled_catalog().cities for p in c.places}


@dataclass(frozen=True)
class ActivitiesAtMost(Check):
    """No day has more than ``limit`` activities (meals not counted)."""

    limit: int
    kind = "at most per day"

    def held(self, seen: Seen) -> tuple[bool, str]:
        counts = [len(d) for d in day_items(seen.view, "activity")]
        return bool(counts) and max(counts) <= self.limit, f"activities per day {counts}"


@dataclass(frozen=True)
class MealsDiet(Check):
    """Every meal of the trip is at a place serving ``diet`` (e.g. ``vegetarian``)."""

    diet: str
    kind = "meal wish"

    def held(self, seen: Seen) -> tuple[bool, str]:
        meals = [i["place"] for d in day_items(seen.view, "meal") for i in d]
        wrong = [p["name"] for p in meals if self.diet not in diets().get(p["id"], ())]
        return bool(meals) and not wrong, f"not {self.diet}: {wrong or 'none'}"


@dataclass(frozen=True)
class MealsCost(Check):
    """Meals (of ``meal``, ``lunch`` / ``dinner``, when given; on ``day`` when given) have a
    cost level within ``low``..``high``."""

    low: int = 0
    high: int = 4
    day: int | None = None
    meal: str | None = None
    kind = "meal wish"

    def held(self, seen: Seen) -> tuple[bool, str]:
        days = day_items(seen.view, "meal")
        chosen = days if self.day is None else days[self.day - 1:self.day]
        meals = [i for d in chosen for i in d if self.meal in (None, i.get("meal"))]
        levels = [(i["place"]["name"], i["place"]["cost_level"]) for i in meals]
        ok = bool(levels) and all(self.low <= lv <= self.high for _, lv in levels)
        return ok, f"levels {levels}"
