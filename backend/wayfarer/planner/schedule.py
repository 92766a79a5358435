"""Turning a day's activities into a timed day: walking order, visit times, lunch, dinner.

For a given set of activities, :func:`build_day` tries walking orders shortest first (all
within :data:`ROUTE_SLACK` of the best, so the day passes the route rule by construction)
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
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

from wayfarer.domain import ItineraryDay, ItineraryItem
from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.clock import (
    DAY_START,
    STEP,
    MealSlot,
    hhmm,
    round_up,
)
from wayfarer.planner.gaps import IDLE_LIMIT, Stop, close_gaps, idle_gaps
from wayfarer.planner.index import CityIndex, end_limit, is_evening_place

#: Each day's walking order stays within this factor of the shortest order (SPEC §6).
ROUTE_SLACK = 1.10
#: Orders tried per meal arrangement before giving up on a set of activities.
MAX_ORDERS = 12
#: A meal is not placed before a visit that would still end this long before the meal
#: window opens (the visit goes first instead).
EARLY_MEAL = 60
AREA_CATEGORIES = ("neighbourhood", "street", "square", "market")
#: Visits this long or longer may be cut by a quarter when that is what makes lunch fit.
TRIM_FROM = 90
THEME_MAX = 48
LAST_MINUTE = 24 * 60 - 1
#: Every cost level, for both meals (``schedule``'s default dining levels).
ANY_LEVEL = {"lunch": (0, 4), "dinner": (0, 4)}
#: Cost added for each wait of gaps.IDLE_LIMIT minutes or more in an arrangement.
IDLE_PENALTY = 600.0
#: Extra kilometres a meal place outside the trip's preferred dining level counts as
#: (so a preferred place up to this much further away is chosen first).
OFF_LEVEL_KM = 6.0


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


def slot_of(stop_start: int) -> str:
    """Which meal a meal item starting at ``stop_start`` is (lunch before 16:00); for
    items without a typed ``meal`` (documents older than schema 3)."""
    return "lunch" if stop_start < 16 * 60 else "dinner"


def item_slot(item: ItineraryItem) -> str:
    """The meal an itinerary meal item is: its typed ``meal``, else by its start time."""
    if item.meal is not None:
        return item.meal
    hours, _, minutes = item.start.partition(":")
    return slot_of(int(hours) * 60 + int(minutes))


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


def _evening_misplaced(order: Sequence[CatalogPlace]) -> int:
    """Evening places (nightlife, shows) that are not at the end of the order."""
    seen_day = 0
    misplaced = 0
    for place in reversed(order):
        if is_evening_place(place):
            misplaced += seen_day
        else:
            seen_day = 1
    return misplaced


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
    orders = _Orders(index, activities, max_orders)
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


class _Orders:
    """Walking orders to try, shortest first: the best order and its reverse (cheap, from
    Held-Karp), then, only if iteration goes on, every other order within ROUTE_SLACK.
    Orders that leave an evening place before a daytime one go last within each tier."""

    def __init__(self, index: CityIndex, activities: Sequence[CatalogPlace], limit: int) -> None:
        self.index = index
        self.activities = activities
        self.limit = limit
        best = index.best_order(activities)
        first = [best] if len(best) < 2 else [best, best[::-1]]
        self.items = sorted(
            ([activities[i] for i in order] for order in first), key=_evening_misplaced
        )
        self.expanded = False

    def __iter__(self) -> Iterator[list[CatalogPlace]]:
        k = 0
        while True:
            if k >= len(self.items) and not self.expanded:
                self._expand()
            if k >= len(self.items) or k >= self.limit:
                return
            yield self.items[k]
            k += 1

    def _expand(self) -> None:
        self.expanded = True
        seen = {tuple(p.id for p in order) for order in self.items}
        rest = [
            [self.activities[i] for i in order]
            for order in self.index.orders(self.activities, ROUTE_SLACK)
        ]
        rest = [o for o in rest if tuple(p.id for p in o) not in seen]
        rest.sort(key=_evening_misplaced)  # stable: keeps length order within each group
        self.items.extend(rest)


LUNCH_ALLOWANCE = 60


def fits_in_day(index: CityIndex, places: Sequence[CatalogPlace], weekday: int) -> bool:
    """Quick necessary test that ``places`` can share one day on ``weekday``.

    Every place must be open that day. Daytime places, taken in order of closing time,
    must each be reachable by their closing time counting all earlier-closing visits, the
    shortest hop into each and lunch; evening-only places must fit after dinner. A day
    that passes may still fail to schedule; one that fails is never tried.
    """
    day: list[tuple[int, CatalogPlace]] = []
    night: list[CatalogPlace] = []
    for place in places:
        if not index.fits_weekday(place, weekday):
            return False
        if index.evening_only(place, weekday):
            night.append(place)
        else:
            day.append((index.latest_end(place, weekday), place))
    ids = [p.id for p in places]
    hop = {
        p.id: min((index.minutes(p.id, o) for o in ids if o != p.id), default=0) for p in places
    }
    day.sort(key=lambda pair: (pair[0], pair[1].id))
    needed = DAY_START
    for position, (close, place) in enumerate(day):
        needed += place.visit_minutes + (hop[place.id] if position else 0)
        lunch = LUNCH_ALLOWANCE if close > index.slots["lunch"].latest else 0
        if needed + lunch > close:
            return False
    if night:
        needed = index.slots["dinner"].ideal + sum(p.visit_minutes + hop[p.id] for p in night)
        if needed > max(end_limit(p) for p in night):
            return False
    return True


def theme(index: CityIndex, activities: Sequence[CatalogPlace]) -> str:
    """A short day title from its headline place and its area ("Plaka & Acropolis")."""
    if not activities:
        return ""
    ordered = sorted(activities, key=lambda p: index.rank[p.id])
    top = ordered[0]
    area = next((p for p in ordered if p.category in AREA_CATEGORIES), None)
    if area is not None and area is not top:
        title = f"{_short(area.name)} & {_short(top.name)}"
    elif len(ordered) > 1:
        title = f"{_short(top.name)} & {_short(ordered[1].name)}"
    else:
        title = _short(top.name)
    if len(title) > THEME_MAX:
        title = f"{_short(top.name)} and around"
    return title


def _short(name: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", name).strip()


WEEKDAY_NAMES = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays",
                 "Sundays")


def closed_days_note(place: CatalogPlace) -> str:
    """"Closed on Mondays — go another day." for a place closed on some weekdays (usual
    hours), else ""."""
    closed = [WEEKDAY_NAMES[d] for d, hours in enumerate(place.hours) if hours == "closed"]
    if not closed or len(closed) == 7:
        return ""
    days = closed[0] if len(closed) == 1 else ", ".join(closed[:-1]) + " and " + closed[-1]
    return f"Closed on {days} — go another day if this day falls on one."


def to_items(stops: Sequence[Stop], dated: bool = True) -> list[ItineraryItem]:
    """Itinerary items for scheduled stops. Without dates (``dated`` False) a sight closed
    on some weekdays says so in its note, since the trip's weekdays are only assumed."""
    items = []
    for stop in stops:
        place = stop.place
        if stop.slot is None:
            note = place.description
            closed = "" if dated else closed_days_note(place)
            items.append(
                ItineraryItem(
                    start=hhmm(stop.start), end=hhmm(stop.end), kind="activity",
                    place=place.ref(), note=f"{note} {closed}".strip(),
                )
            )
        else:
            items.append(
                ItineraryItem(
                    start=hhmm(stop.start), end=hhmm(stop.end), kind="meal", place=place.ref(),
                    note=f"{stop.slot.capitalize()}: {place.description}",
                    meal="lunch" if stop.slot == "lunch" else "dinner",
                )
            )
    return items


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
