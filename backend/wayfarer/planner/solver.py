"""The day solver: for a set of activities in a given walking order, where lunch and
dinner go and which restaurants serve them, with every visit in an opening window.

:class:`DaySolver` answers for one day (weekday, candidate restaurants, forced meals):
:meth:`~DaySolver.arrange` tries every placement of the required meals between the visits
and keeps the feasible one with the least :func:`~wayfarer.planner.dayscore.day_penalty`;
a placement is feasible when every visit fits an opening window of the weekday, travel
time is allowed between consecutive stops, lunch starts in the lunch window and dinner in
the dinner window. Restaurants are the open, unused, affordable food places with the
smallest detour from the route after which the next visit still fits, among those that
serve that meal (``serves``); meal windows are the city's local ones (``index.slots``).
Its answers per (place, time, previous stop) are memoised on the solver
(:func:`~wayfarer.planner.memo.memo_by`). Which orders and meals to ask it for is
:func:`wayfarer.planner.schedule.schedule`.
"""

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import InitVar, dataclass, field

from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.clock import DAY_START, STEP, MealSlot, round_up
from wayfarer.planner.dayscore import day_penalty
from wayfarer.planner.gaps import Stop, close_gaps, idle_gaps
from wayfarer.planner.index import CityIndex, end_limit
from wayfarer.planner.memo import memo_by

#: A meal is not placed before a visit that would still end this long before the meal
#: window opens (the visit goes first instead).
EARLY_MEAL = 60
#: Visits this long or longer may be cut by a quarter when that is what makes lunch fit.
TRIM_FROM = 90
LAST_MINUTE = 24 * 60 - 1
#: Every cost level, for both meals (``schedule``'s default dining levels).
ANY_LEVEL = {"lunch": (0, 4), "dinner": (0, 4)}
#: Extra kilometres a meal place outside the trip's preferred dining level counts as
#: (so a preferred place up to this much further away is chosen first).
OFF_LEVEL_KM = 2.0


def meal_minutes(place: CatalogPlace, slot: MealSlot) -> int:
    """How long a meal at ``place`` takes in ``slot``."""
    low, high = slot.minutes
    return max(low, min(high, place.visit_minutes))


def visit_length(place: CatalogPlace, trim: bool = False) -> int:
    """Minutes a visit to ``place`` takes: its usual length, or when ``trim`` (only to
    make room for lunch) a long visit (from :data:`TRIM_FROM` minutes) cut by a quarter,
    to a 5-minute mark."""
    minutes = place.visit_minutes
    if not trim or minutes < TRIM_FROM or place.fixed_times:
        return minutes
    return minutes - (minutes // 4) // STEP * STEP


def _id(place: CatalogPlace | None) -> str:
    return place.id if place else ""


@dataclass(eq=False)
class DaySolver:
    """Scheduling context for one day: weekday, candidate restaurants (``foods``; those in
    ``prefer`` first unless much further), restaurants forced per slot (``fixed``), the
    cost levels allowed per meal (``levels``), and whether long visits are cut to make
    room for lunch (``trim``)."""

    index: CityIndex
    weekday: int
    foods: Sequence[CatalogPlace]
    fixed: Mapping[str, CatalogPlace]
    trim: bool = False
    prefer: frozenset[str] | None = None
    levels: InitVar[Mapping[str, tuple[int, int]]] = ANY_LEVEL
    #: Restaurant ids allowed per meal ("lunch", "dinner"): serving it, at its levels.
    allowed: dict[str, set[str]] = field(init=False)
    lunch: MealSlot = field(init=False)
    dinner: MealSlot = field(init=False)

    def __post_init__(self, levels: Mapping[str, tuple[int, int]]) -> None:
        self.allowed = {
            name: {
                food.id for food in (*self.foods, *self.fixed.values())
                if food.serves_meal(name) and levels[name][0] <= food.cost_level <= levels[name][1]
            }
            for name in ("lunch", "dinner")
        }
        self.lunch, self.dinner = self.index.slots["lunch"], self.index.slots["dinner"]

    def candidates(self, slot: MealSlot) -> Sequence[CatalogPlace]:
        """The restaurants allowed for ``slot`` (the forced one, if any), catalog order."""
        forced = self.fixed.get(slot.name)
        if forced is not None:
            return [forced] if forced.id in self.allowed[slot.name] else []
        return [f for f in self.foods if f.id in self.allowed[slot.name]]

    def meal_possible(self, slot: MealSlot) -> bool:
        """True when some allowed restaurant can serve ``slot`` on this weekday at all (a
        pre-check: a meal that fails it is not asked for)."""
        for food in self.candidates(slot):
            start = self.index.earliest_start(
                food.id, self.weekday, slot.earliest, meal_minutes(food, slot), LAST_MINUTE
            )
            if start is not None and start <= slot.latest:
                return True
        return False

    @memo_by(lambda slot, now, here, after, exclude: (
        slot.name, now, _id(here), _id(after), exclude or ""
    ))
    def meal(
        self,
        slot: MealSlot,
        now: int,
        here: CatalogPlace | None,
        after: CatalogPlace | None,
        exclude: str | None,
    ) -> Stop | None:
        """``slot`` served from ``now`` after ``here`` (None: the day's start), at the
        restaurant with the least detour towards ``after`` (None: the day's end) after
        which ``after`` can still be visited, else the first that can serve it at all;
        never ``exclude`` (the day's lunch place, for dinner). None when none can."""
        index = self.index
        fallback: Stop | None = None
        for food in self._by_detour(slot, here, after):
            if food.id == exclude:
                continue
            arrive = now + (index.minutes(here.id, food.id) if here else 0)
            for duration in dict.fromkeys((meal_minutes(food, slot), slot.minutes[0])):
                start = index.earliest_start(
                    food.id, self.weekday, max(round_up(arrive), slot.earliest), duration,
                    LAST_MINUTE,
                )
                if start is None or start > slot.latest:
                    continue
                stop = Stop(food, start, start + duration, slot.name)
                if after is None or self.visit(after, stop.end, food) is not None:
                    return stop
                fallback = fallback or stop
        return fallback

    def _by_detour(
        self, slot: MealSlot, here: CatalogPlace | None, after: CatalogPlace | None
    ) -> list[CatalogPlace]:
        """The slot's restaurants by detour from the route between ``here`` and ``after``
        (then catalog order)."""
        forced = self.fixed.get(slot.name)
        if forced is not None:
            return [forced] if forced.id in self.allowed[slot.name] else []
        start, end = (here.id if here else None), (after.id if after else None)
        ranked = self.index.by_detour(start, end)
        allowed = self.allowed[slot.name]
        foods = [food for food in ranked if food.id in allowed]
        prefer = self.prefer
        if prefer is None or all(f.id in prefer for f in foods):
            return foods
        detour = self.index.detour_km
        return sorted(foods, key=lambda f: round(
            detour(start, end, f.id) + (0.0 if f.id in prefer else OFF_LEVEL_KM), 6
        ))

    @memo_by(lambda place, now, here: (place.id, now, _id(here)))
    def visit(self, place: CatalogPlace, now: int, here: CatalogPlace | None) -> Stop | None:
        """A visit to ``place`` leaving ``here`` at ``now``: the earliest start on a
        5-minute mark inside an opening window, or None when there is none."""
        index = self.index
        arrive = now + (index.minutes(here.id, place.id) if here else 0)
        length = visit_length(place, self.trim)
        start = index.earliest_start(
            place.id, self.weekday, round_up(arrive), length, end_limit(place)
        )
        return None if start is None else Stop(place, start, start + length)

    def arrange(
        self,
        order: Sequence[CatalogPlace],
        lunch: bool,
        dinner: bool,
        bare: Sequence[Stop] | None = None,
    ) -> list[Stop] | None:
        """Best placement of the required meals around ``order``, or None.

        ``bare`` (the schedule of ``order`` without meals) prunes placements: a meal only
        delays what follows it, so a meal cannot go after a visit that already ends past
        the meal's latest start, and is not tried early when the next visit would still
        end well before the meal window opens.
        """
        n = len(order)
        ends = [DAY_START] + [stop.end for stop in bare] if bare else None
        best: tuple[float, list[Stop]] | None = None
        for li in self._spots(self.lunch, ends, 0, n) if lunch else [None]:
            for di in self._spots(self.dinner, ends, li or 0, n) if dinner else [None]:
                stops = self._simulate(order, li, di)
                if stops is None:
                    continue
                if idle_gaps([(stop.start, stop.end) for stop in stops]):
                    stops = self.reshaped(stops)
                cost = day_penalty(stops, self.index.slots)
                if best is None or cost < best[0]:
                    best = (cost, stops)
        return best[1] if best else None

    @memo_by(lambda order: tuple(p.id for p in order))
    def plain(self, order: Sequence[CatalogPlace]) -> list[Stop] | None:
        """The schedule of ``order`` without meals."""
        return self.arrange(order, False, False)

    def first(
        self, orders: Iterable[Sequence[CatalogPlace]], lunch: bool, dinner: bool
    ) -> list[Stop] | None:
        """The best meal placement on the first of ``orders`` that has one. Meals only add
        constraints: an order that fails without them is not tried with them."""
        for order in orders:
            without = self.plain(order)
            if without is None:
                continue
            stops = self.arrange(order, lunch, dinner, without)
            if stops is not None:
                return stops
        return None

    def fits(self, stop: Stop, start: int, end: int) -> bool:
        """True when ``stop`` may run [start, end]: inside a visit window of the day (its
        opening hours cut to its best time), by its end limit, a meal in its window."""
        place = stop.place
        if stop.slot is not None:
            slot = self.index.slots[stop.slot]
            if not slot.earliest <= start <= slot.latest or end > LAST_MINUTE:
                return False
        elif end > end_limit(place):
            return False
        windows = self.index.windows(place.id, self.weekday)
        return any(o <= start and end <= c for o, c in windows)

    def reshaped(self, stops: list[Stop]) -> list[Stop]:
        """``stops`` with long waits shortened (``gaps.close_gaps``)."""
        index = self.index
        travel = {
            k: index.minutes(a.place.id, b.place.id)
            for k, (a, b) in enumerate(itertools.pairwise(stops))
        }
        return close_gaps(stops, self.fits, travel)

    @staticmethod
    def _spots(slot: MealSlot, ends: list[int] | None, first: int, n: int) -> list[int]:
        spots = list(range(first, n + 1))
        if ends is None:
            return spots
        return [
            i
            for i in spots
            if ends[i] <= slot.latest and (i == n or ends[i + 1] > slot.earliest - EARLY_MEAL)
        ]

    def _simulate(
        self, order: Sequence[CatalogPlace], lunch_at: int | None, dinner_at: int | None
    ) -> list[Stop] | None:
        stops: list[Stop] = []
        now, here = DAY_START, None
        lunch_id: str | None = None
        for position in range(len(order) + 1):
            after = order[position] if position < len(order) else None
            for slot, at in ((self.lunch, lunch_at), (self.dinner, dinner_at)):
                if at != position:
                    continue
                meal = self.meal(slot, now, here, after, lunch_id)
                if meal is None:
                    return None
                if slot is self.lunch:
                    lunch_id = meal.place.id
                stops.append(meal)
                now, here = meal.end, meal.place
            if after is None:
                break
            stop = self.visit(after, now, here)
            if stop is None:
                return None
            if lunch_at is not None and lunch_at > position and stop.end > self.lunch.latest:
                return None
            if dinner_at is not None and dinner_at > position and stop.end > self.dinner.latest:
                return None
            stops.append(stop)
            now, here = stop.end, after
        return stops
