"""Turning a day's activities into a timed day: walking order, visit times, lunch, dinner.

For a given set of activities, :func:`build_day` tries walking orders shortest first (all
within ``orders.ROUTE_SLACK`` of the best, so the day passes the route rule by construction)
and, for each order, every placement of lunch and dinner between the visits. A placement
is feasible when every visit fits an opening window of the weekday, travel time is
allowed between consecutive stops, lunch starts in the lunch window and dinner in the
dinner window. Among feasible placements it keeps the one with the least waiting and the
meals nearest their ideal times. Restaurants are the open, unused, affordable food places
with the smallest detour from the route after which the next visit still fits, among
those that serve that meal (``serves``); meal windows are the city's local ones
(``index.slots``). When lunch fits no other way, long visits are cut by a quarter
(:func:`visit_length`).
"""

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence

from wayfarer.domain import ItineraryDay
from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.clock import (
    DAY_START,
    STEP,
    MealSlot,
    round_up,
)
from wayfarer.planner.gaps import IDLE_LIMIT, Stop, close_gaps, idle_gaps
from wayfarer.planner.index import CityIndex, end_limit
from wayfarer.planner.items import theme, to_items
from wayfarer.planner.orders import Orders

#: Orders tried per meal arrangement before giving up on a set of activities.
MAX_ORDERS = 12
#: A meal is not placed before a visit that would still end this long before the meal
#: window opens (the visit goes first instead).
EARLY_MEAL = 60
#: Visits this long or longer may be cut by a quarter when that is what makes lunch fit.
TRIM_FROM = 90
LAST_MINUTE = 24 * 60 - 1
#: Every cost level, for both meals (``schedule``'s default dining levels).
ANY_LEVEL = {"lunch": (0, 4), "dinner": (0, 4)}
#: Cost added for each wait of gaps.IDLE_LIMIT minutes or more in an arrangement.
IDLE_PENALTY = 600.0
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


class _Day:
    """Scheduling context for one day: weekday, candidate restaurants, forced meals."""

    def __init__(
        self,
        index: CityIndex,
        weekday: int,
        foods: Sequence[CatalogPlace],
        fixed: Mapping[str, CatalogPlace],
        trim: bool = False,
        prefer: frozenset[str] | None = None,
        levels: Mapping[str, tuple[int, int]] = ANY_LEVEL,
    ) -> None:
        self.index = index
        self.weekday = weekday
        self.foods = foods
        self.fixed = fixed
        self.trim = trim
        self.prefer = prefer
        self.allowed = {
            name: {
                food.id for food in (*foods, *fixed.values())
                if food.serves_meal(name) and levels[name][0] <= food.cost_level <= levels[name][1]
            }
            for name in ("lunch", "dinner")
        }
        self._meals: dict[tuple[str, int, str, str, str], Stop | None] = {}
        self._visits: dict[tuple[str, int, str], Stop | None] = {}
        self._bare: dict[tuple[str, ...], list[Stop] | None] = {}
        self.lunch, self.dinner = index.slots["lunch"], index.slots["dinner"]

    def candidates(self, slot: MealSlot) -> Sequence[CatalogPlace]:
        forced = self.fixed.get(slot.name)
        if forced is not None:
            return [forced] if forced.id in self.allowed[slot.name] else []
        return [f for f in self.foods if f.id in self.allowed[slot.name]]

    def meal_possible(self, slot: MealSlot) -> bool:
        for food in self.candidates(slot):
            start = self.index.earliest_start(
                food.id, self.weekday, slot.earliest, meal_minutes(food, slot), LAST_MINUTE
            )
            if start is not None and start <= slot.latest:
                return True
        return False

    def meal(
        self,
        slot: MealSlot,
        now: int,
        here: CatalogPlace | None,
        after: CatalogPlace | None,
        exclude: str | None,
    ) -> Stop | None:
        key = (slot.name, now, here.id if here else "", after.id if after else "", exclude or "")
        if key not in self._meals:
            self._meals[key] = self._meal(slot, now, here, after, exclude)
        return self._meals[key]

    def _meal(
        self,
        slot: MealSlot,
        now: int,
        here: CatalogPlace | None,
        after: CatalogPlace | None,
        exclude: str | None,
    ) -> Stop | None:
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

    def visit(self, place: CatalogPlace, now: int, here: CatalogPlace | None) -> Stop | None:
        key = (place.id, now, here.id if here else "")
        if key not in self._visits:
            self._visits[key] = self._visit(place, now, here)
        return self._visits[key]

    def _visit(self, place: CatalogPlace, now: int, here: CatalogPlace | None) -> Stop | None:
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
                cost = _cost(stops, self.index.slots)
                if best is None or cost < best[0]:
                    best = (cost, stops)
        return best[1] if best else None

    def plain(self, order: Sequence[CatalogPlace]) -> list[Stop] | None:
        """The schedule of ``order`` without meals (memoised per order)."""
        key = tuple(p.id for p in order)
        if key not in self._bare:
            self._bare[key] = self.arrange(order, False, False)
        return self._bare[key]

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


def _cost(stops: Sequence[Stop], slots: Mapping[str, MealSlot]) -> float:
    """Lower is better: waiting (half price before dinner, which is free evening time,
    full price anywhere else; a wait of IDLE_LIMIT or more costs IDLE_PENALTY on top, as
    the day cannot be reshaped around it), meals away from their ideal times, a late
    finish."""
    waiting = float(stops[0].start - DAY_START)
    deviation = 0
    for previous, stop in itertools.pairwise(stops):
        gap = stop.start - previous.end
        waiting += gap * (0.5 if stop.slot == "dinner" else 1.0)
        if gap >= IDLE_LIMIT:
            waiting += IDLE_PENALTY
    for stop in stops:
        if stop.slot is not None:
            deviation += abs(stop.start - slots[stop.slot].ideal)
    return waiting + 0.5 * deviation + 0.01 * stops[-1].end


def schedule(
    index: CityIndex,
    activities: Sequence[CatalogPlace],
    weekday: int,
    foods: Sequence[CatalogPlace],
    fixed: Mapping[str, CatalogPlace] | None = None,
    max_orders: int = MAX_ORDERS,
    meals: int = 2,
    prefer: frozenset[str] | None = None,
    levels: Mapping[str, tuple[int, int]] = ANY_LEVEL,
) -> list[Stop] | None:
    """Timed stops for ``activities`` on ``weekday`` with lunch and dinner when possible.

    ``foods`` are the restaurants allowed (unused elsewhere, affordable), ``prefer`` those
    at the trip's preferred dining level (chosen unless much further), ``levels`` the cost
    levels allowed per meal (``index.DINING_LEVELS``); ``fixed`` forces
    a restaurant for "lunch" or "dinner"; ``meals`` = 1 books one meal only (dinner if it
    can), to leave restaurants for later days when they are scarce. A meal is left out
    only when no allowed restaurant can serve it on any order. None when the activities
    cannot all be visited.
    """
    if not activities:
        return None
    day = _Day(index, weekday, foods, fixed or {}, prefer=prefer, levels=levels)
    orders = Orders(index, activities, max_orders)
    lunch_ok, dinner_ok = day.meal_possible(day.lunch), day.meal_possible(day.dinner)
    needs = [(lunch_ok, dinner_ok)] if meals >= 2 else []
    for need in ((False, dinner_ok), (lunch_ok, False)) if meals < 2 else (
        (lunch_ok, False), (False, dinner_ok)
    ):
        if need not in needs and need != (False, False):
            needs.append(need)
    trimmed = _Day(index, weekday, foods, fixed or {}, trim=True, prefer=prefer, levels=levels)
    for lunch, dinner in needs:
        if not (lunch or dinner):
            continue
        for context in (day, trimmed) if lunch else (day,):
            stops = context.first(orders, lunch, dinner)
            if stops is not None:
                return stops
    plain = next((stops for order in orders if (stops := day.plain(order)) is not None), None)
    return None if plain is None else day.reshaped(plain)


def build_day(
    index: CityIndex,
    day: int,
    date: dt.date | None,
    weekday: int,
    activities: Sequence[CatalogPlace],
    foods: Sequence[CatalogPlace],
    fixed: Mapping[str, CatalogPlace] | None = None,
    meals: int = 2,
    prefer: frozenset[str] | None = None,
    levels: Mapping[str, tuple[int, int]] = ANY_LEVEL,
) -> ItineraryDay | None:
    """A complete itinerary day for ``activities``, or None when they cannot be scheduled
    (``meals``, ``prefer`` and ``levels`` as in :func:`schedule`)."""
    stops = schedule(
        index, activities, weekday, foods, fixed, meals=meals, prefer=prefer, levels=levels
    )
    if stops is None:
        return None
    return ItineraryDay(
        day=day, date=date, theme=theme(index, activities), items=to_items(stops, date is not None)
    )
