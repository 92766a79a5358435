"""Per-city lookup tables the planner and verifier share: places by id, popularity rank,
opening windows per weekday, and all-pairs distances and travel times.

Built once per city (the planner caches it) so planning never re-parses hours or
recomputes a haversine.
"""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from wayfarer.domain import BUDGET_MAX_COST_LEVEL, INTERESTS
from wayfarer.domain.geo import haversine_km
from wayfarer.planner.catalog import CatalogPlace, City, Minutes
from wayfarer.planner.clock import DAY_END, DAY_START, NIGHT_END, MealSlot, meal_slots
from wayfarer.planner.facts import hhmm_minutes
from wayfarer.planner.geo import travel_minutes_km
from wayfarer.planner.route import ranked_orders, shortest_path, shortest_path_length

DEFAULT_INTEREST_COUNT = 3
MEMO_SIZE = 4096
EVENING_CATEGORIES = frozenset({"nightlife", "show"})
#: Cost levels a trip's meals may be booked at, per budget level and meal (a rule the
#: verifier checks: a luxury trip's dinners are upscale, its lunches at least not the
#: cheapest) ...
DINING_LEVELS = {
    "budget": {"lunch": (0, 2), "dinner": (0, 2)},
    "moderate": {"lunch": (0, 3), "dinner": (0, 3)},
    "luxury": {"lunch": (1, 4), "dinner": (2, 4)},
}
#: The lowest cost level a meal the traveller's wish chose may sit at (an item's ``wish``,
#: issue 9): "cheap eats" may go below the trip's dining floor, never above its ceiling.
WISH_FLOORS = {"cheap": 0}
#: ... and the levels the planner prefers (budget trips eat cheap, luxury trips upscale);
#: it leaves them only when no preferred place fits the day (docs/planner.md).
PREFERRED_DINING = {"budget": (0, 1), "moderate": (0, 3), "luxury": (2, 4)}


def dining_levels(budget: str, wishes: Mapping[str, str | None] | None = None
                  ) -> dict[str, tuple[int, int]]:
    """The cost levels a ``budget`` trip may book per meal (:data:`DINING_LEVELS`), the
    floor lowered for each meal in ``wishes`` whose wish has a floor (:data:`WISH_FLOORS`);
    the ceiling never moves."""
    levels = dict(DINING_LEVELS[budget])
    for meal, wish in (wishes or {}).items():
        if meal in levels:
            levels[meal] = meal_levels(budget, meal, wish)
    return levels


def meal_levels(budget: str, meal: str, wish: str | None = None) -> tuple[int, int]:
    """The cost levels a ``budget`` trip may book ``meal`` at, the floor lowered when
    ``wish`` has one (:data:`WISH_FLOORS`)."""
    low, high = DINING_LEVELS[budget][meal]
    floor = WISH_FLOORS.get(wish) if wish else None
    return (low if floor is None else min(low, floor)), high


def is_evening_place(place: CatalogPlace) -> bool:
    """Nightlife and shows: they may run until :data:`NIGHT_END` instead of DAY_END."""
    return place.category in EVENING_CATEGORIES or "nightlife" in place.interests


def end_limit(place: CatalogPlace) -> int:
    """Latest minute a visit to ``place`` may end (:func:`is_evening_place` inlined: the
    scheduler asks this tens of thousands of times a plan)."""
    evening = place.category in EVENING_CATEGORIES or "nightlife" in place.interests
    return NIGHT_END if evening else DAY_END


@dataclass
class CityIndex:
    """Lookups for one city. ``rank`` is the place's position among its kind in the file
    (the data writers list headline places first, so it serves as a popularity proxy);
    ``activities`` and ``food`` keep catalog order."""

    city: City
    by_id: dict[str, CatalogPlace] = field(default_factory=dict)
    rank: dict[str, int] = field(default_factory=dict)
    default_interests: tuple[str, ...] = ()
    activities: list[CatalogPlace] = field(default_factory=list)
    food: list[CatalogPlace] = field(default_factory=list)
    slots: dict[str, MealSlot] = field(default_factory=dict)
    _open: dict[str, tuple[tuple[Minutes, ...], ...]] = field(default_factory=dict)
    _fits: dict[tuple[str, int], bool] = field(default_factory=dict)
    _evening: dict[tuple[str, int], bool] = field(default_factory=dict)
    _latest: dict[tuple[str, int], int] = field(default_factory=dict)
    _orders: dict[tuple[tuple[str, ...], float], list[tuple[int, ...]]] = field(
        default_factory=dict
    )
    _shortest: dict[frozenset[str], float] = field(default_factory=dict)
    _best: dict[tuple[str, ...], tuple[int, ...]] = field(default_factory=dict)
    _detours: dict[tuple[str | None, str | None], list[CatalogPlace]] = field(
        default_factory=dict
    )
    _offered: dict[tuple[str, frozenset[int]], frozenset[str]] = field(default_factory=dict)
    _spans: dict[frozenset[str], float] = field(default_factory=dict)
    _windows: dict[str, tuple[tuple[Minutes, ...], ...]] = field(default_factory=dict)
    _km: dict[tuple[str, str], float] = field(default_factory=dict)
    _minutes: dict[tuple[str, str], int] = field(default_factory=dict)
    _centre: dict[str, float] = field(default_factory=dict)

    @classmethod
    def build(cls, city: City, month: int | None = None) -> "CityIndex":
        """Precompute every table for ``city`` (opening hours of ``month`` when given:
        seasonal hours replace the usual ones)."""
        index = cls(city=city)
        meals = city.meals
        index.slots = meal_slots(
            (hhmm_minutes(meals.lunch[0]), hhmm_minutes(meals.lunch[1])),
            (hhmm_minutes(meals.dinner[0]), hhmm_minutes(meals.dinner[1])),
        )
        counters = {"activity": 0, "food": 0}
        for place in city.places:
            index.by_id[place.id] = place
            index.rank[place.id] = counters[place.kind]
            counters[place.kind] += 1
            index._open[place.id] = opening_table(place, month)
            index._windows[place.id] = tuple(
                visit_windows(place, day_windows) for day_windows in index._open[place.id]
            )
        places = city.places
        for i, a in enumerate(places):
            index._km[a.id, a.id] = 0.0
            index._minutes[a.id, a.id] = 0
            for b in places[i + 1 :]:
                km = haversine_km(a.lat, a.lon, b.lat, b.lon)
                minutes = max(travel_minutes_km(km), _trip_out(a, km), _trip_out(b, km))
                index._km[a.id, b.id] = index._km[b.id, a.id] = km
                index._minutes[a.id, b.id] = index._minutes[b.id, a.id] = minutes
        for place in places:
            for day in range(7):
                closes = [c for _, c in index.windows(place.id, day)]
                index._latest[place.id, day] = min(max(closes), end_limit(place)) if closes else 0
                index._evening[place.id, day] = (
                    index.earliest_start(
                        place.id, day, DAY_START, place.visit_minutes,
                        index.slots["dinner"].earliest,
                    )
                    is None
                )
        index.activities = city.activities
        index.food = city.food
        index.default_interests = _most_common_interests(index.activities)
        for place in places:
            for day in range(7):
                index._fits[place.id, day] = (
                    index.earliest_start(
                        place.id, day, DAY_START, place.visit_minutes, end_limit(place)
                    )
                    is not None
                )
        return index

    def km(self, a: str, b: str) -> float:
        """Great-circle kilometres between two places of this city."""
        return self._km[a, b]

    def minutes(self, a: str, b: str) -> int:
        """Travel minutes between two places of this city (see ``geo``)."""
        return self._minutes[a, b]

    def farthest_km(self, place_id: str, others: Iterable[str]) -> float:
        """Largest distance in km from ``place_id`` to one of ``others`` (0 for none)."""
        km = self._km
        return max((km[place_id, o] for o in others), default=0.0)

    def centre_km(self, place: CatalogPlace) -> float:
        """Great-circle kilometres from the city's centre to ``place`` (memoised)."""
        found = self._centre.get(place.id)
        if found is None:
            city = self.city
            found = self._centre[place.id] = haversine_km(city.lat, city.lon, place.lat, place.lon)
        return found

    def windows(self, place_id: str, weekday: int) -> tuple[Minutes, ...]:
        """When a visit may happen on ``weekday``: the opening windows (with the previous
        night's spill-over) cut to the place's best time of day, or to its fixed start
        times (a window of exactly one visit from each)."""
        return self._windows[place_id][weekday]

    def is_open(self, place_id: str, weekday: int, start: int, end: int) -> bool:
        """True when one opening window on ``weekday`` covers ``[start, end]``."""
        return any(o <= start and end <= c for o, c in self._open[place_id][weekday])

    def earliest_start(
        self, place_id: str, weekday: int, not_before: int, duration: int, latest_end: int
    ) -> int | None:
        """Earliest start at or after ``not_before`` (a 5-minute mark is the caller's job)
        such that the visit fits one window and ends by ``latest_end``; None if none."""
        best: int | None = None
        for opens, closes in self.windows(place_id, weekday):
            start = max(not_before, opens)
            if start % 5:
                start += 5 - start % 5
            if start + duration <= min(closes, latest_end) and (best is None or start < best):
                best = start
        return best

    def fits_weekday(self, place: CatalogPlace, weekday: int) -> bool:
        """True when a full visit fits in the day's hours (from DAY_START to its end limit)."""
        return self._fits[place.id, weekday]

    def evening_only(self, place: CatalogPlace, weekday: int) -> bool:
        """True when ``place`` cannot be visited before dinner on ``weekday``."""
        return self._evening[place.id, weekday]

    def latest_end(self, place: CatalogPlace, weekday: int) -> int:
        """Latest minute a visit may end on ``weekday`` (closing time or end limit)."""
        return self._latest[place.id, weekday]

    def orders(
        self, places: Sequence[CatalogPlace], slack: float
    ) -> list[tuple[int, ...]]:
        """Visiting orders of ``places`` (as index tuples) within ``slack`` x the shortest
        walk, shortest first; memoised per place list."""
        key = (tuple(p.id for p in places), slack)
        found = self._orders.get(key)
        if found is None:
            ids = key[0]
            dist = [[self._km[a, b] for b in ids] for a in ids]
            found = ranked_orders(dist, slack, self.shortest(ids))
            self._remember(self._orders, key, found)
        return found

    def shortest(self, ids: Sequence[str]) -> float:
        """Length in km of the shortest open path through the places ``ids`` (exact,
        memoised per set)."""
        key = frozenset(ids)
        found = self._shortest.get(key)
        if found is None:
            found = shortest_path_length([[self._km[a, b] for b in ids] for a in ids])
            self._remember(self._shortest, key, found)
        return found

    def best_order(self, places: Sequence[CatalogPlace]) -> tuple[int, ...]:
        """The shortest walking order of ``places`` as index positions (memoised)."""
        ids = tuple(p.id for p in places)
        found = self._best.get(ids)
        if found is None:
            length, found = shortest_path([[self._km[a, b] for b in ids] for a in ids])
            self._remember(self._best, ids, found)
            self._remember(self._shortest, frozenset(ids), length)
        return found

    def span(self, ids: Iterable[str]) -> float:
        """Largest distance in km between two of the places ``ids`` (0 for fewer than
        two); memoised per set."""
        key = frozenset(ids)
        found = self._spans.get(key)
        if found is None:
            km = self._km
            members = sorted(key)
            found = max(
                (km[a, b] for i, a in enumerate(members) for b in members[i + 1 :]),
                default=0.0,
            )
            self._remember(self._spans, key, found)
        return found

    def by_detour(self, here: str | None, after: str | None) -> list[CatalogPlace]:
        """Every food place by the detour it adds between ``here`` and ``after`` (either
        may be None at the ends of a day), then catalog order; memoised."""
        key = (here, after)
        found = self._detours.get(key)
        if found is None:
            km = self._km

            def detour(food: CatalogPlace) -> tuple[float, int]:
                extra = 0.0
                if here is not None:
                    extra += km[here, food.id]
                if after is not None:
                    extra += km[food.id, after]
                if here is not None and after is not None:
                    extra -= km[here, after]
                return (round(extra, 6), self.rank[food.id])

            found = sorted(self.food, key=detour)
            self._detours[key] = found
        return found

    def offered_interests(self, budget: str, weekdays: Iterable[int]) -> frozenset[str]:
        """Interests carried by places the budget allows that are open on one of
        ``weekdays``; memoised."""
        days = frozenset(weekdays)
        key = (budget, days)
        found = self._offered.get(key)
        if found is None:
            found = frozenset(
                interest
                for place in self.city.places
                if self.affordable(place, budget)
                and any(self._fits[place.id, d] for d in days)
                for interest in place.interests
            )
            self._offered[key] = found
        return found

    @staticmethod
    def _remember(memo: dict[Any, Any], key: Any, value: Any) -> None:
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        memo[key] = value

    def clear_memo(self) -> None:
        """Forget memoised walking orders and path lengths (benchmarks use it to time cold
        plans; the other memos are bounded by the city's size)."""
        self._orders.clear()
        self._shortest.clear()
        self._best.clear()
        self._spans.clear()

    def affordable(self, place: CatalogPlace, budget: str) -> bool:
        """True when ``place`` is within the budget's highest cost level."""
        return place.cost_level <= BUDGET_MAX_COST_LEVEL[budget]

    @staticmethod
    def dines(place: CatalogPlace, budget: str, meal: str = "lunch",
              wish: str | None = None) -> bool:
        """True when a ``budget`` trip may book ``meal`` at ``place`` (:data:`DINING_LEVELS`;
        lunch has the wider band), for the traveller's ``wish`` when given
        (:func:`meal_levels`; called in the planner's inner loops, so it builds nothing)."""
        low, high = meal_levels(budget, meal, wish)
        return low <= place.cost_level <= high

    @staticmethod
    def prefers(place: CatalogPlace, budget: str) -> bool:
        """True when ``place`` is at the dining level a ``budget`` trip prefers
        (:data:`PREFERRED_DINING`)."""
        low, high = PREFERRED_DINING[budget]
        return low <= place.cost_level <= high

    def detour_km(self, here: str | None, after: str | None, food: str) -> float:
        """Kilometres added by eating at ``food`` between ``here`` and ``after``."""
        km = self._km
        extra = (km[here, food] if here else 0.0) + (km[food, after] if after else 0.0)
        return extra - km[here, after] if here and after else extra

    def centroid_km(self, place_id: str, others: Iterable[str]) -> float:
        """Mean distance from ``place_id`` to ``others`` (0 when there are none)."""
        ids = list(others)
        if not ids:
            return 0.0
        return sum(self._km[place_id, o] for o in ids) / len(ids)


#: A day-trip place this close to another place is in the same area (no trip out between).
EXCURSION_AREA_KM = 5.0


def _trip_out(place: CatalogPlace, km: float) -> int:
    """The catalog's travel time to a day-trip ``place`` from a place ``km`` away outside
    its area (0 when it is not a day trip, or the other place is in its area)."""
    if place.excursion is None or km <= EXCURSION_AREA_KM:
        return 0
    return place.excursion.travel_minutes


def opening_table(place: CatalogPlace, month: int | None) -> tuple[tuple[Minutes, ...], ...]:
    """Opening windows per weekday (``month``'s seasonal hours when given), each day with
    the previous night's windows that run past midnight (shifted by -1440)."""
    own = [tuple(place.opening_windows(day, month)) for day in range(7)]
    return tuple(
        own[day]
        + tuple((start - 1440, end - 1440) for start, end in own[(day - 1) % 7] if end > 1440)
        for day in range(7)
    )


def visit_windows(place: CatalogPlace, opening: tuple[Minutes, ...]) -> tuple[Minutes, ...]:
    """The parts of ``opening`` a visit may use: cut to ``best_time`` (and the same window
    a day earlier, for nights past midnight), or one visit long from each fixed time."""
    if place.fixed_times:
        starts = [hhmm_minutes(t) for t in place.fixed_times]
        fits = [(s, s + place.visit_minutes) for s in sorted(starts)]
        return tuple(w for w in fits if any(o <= w[0] and w[1] <= c for o, c in opening))
    if place.best_time is None:
        return opening
    low, high = place.best_time.minutes()
    out: list[Minutes] = []
    for shift in (-1440, 0):
        for opens, closes in opening:
            start, end = max(opens, low + shift), min(closes, high + shift)
            if end > start:
                out.append((start, end))
    return tuple(sorted(out))


def _most_common_interests(places: list[CatalogPlace]) -> tuple[str, ...]:
    counts = Counter(i for p in places for i in p.interests)
    ordered = sorted(counts, key=lambda i: (-counts[i], INTERESTS.index(i)))
    return tuple(ordered[:DEFAULT_INTEREST_COUNT])
