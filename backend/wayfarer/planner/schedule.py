"""Turning a day's activities into a timed day: walking order, visit times, lunch, dinner.

:func:`schedule` decides what to ask the day solver (:class:`~wayfarer.planner.solver.
DaySolver`) for: walking orders shortest first (all within ``orders.ROUTE_SLACK`` of the
best, so the day passes the route rule by construction), and for each order both meals,
then one, each only when some restaurant could serve it that day (the solver's
pre-check). When lunch fits no other way, long visits are cut by a quarter
(:func:`~wayfarer.planner.solver.visit_length`); with no meal at all, the plain order is
kept, its long waits reshaped. :func:`build_day` turns the stops into an itinerary day
(``items``).
"""

import datetime as dt
from collections.abc import Mapping, Sequence

from wayfarer.domain import ItineraryDay
from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.gaps import Stop
from wayfarer.planner.index import CityIndex
from wayfarer.planner.items import theme, to_items
from wayfarer.planner.orders import Orders
from wayfarer.planner.solver import ANY_LEVEL, DaySolver

#: Orders tried per meal arrangement before giving up on a set of activities.
MAX_ORDERS = 12


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
    day = DaySolver(index, weekday, foods, fixed or {}, prefer=prefer, levels=levels)
    orders = Orders(index, activities, max_orders)
    lunch_ok, dinner_ok = day.meal_possible(day.lunch), day.meal_possible(day.dinner)
    needs = [(lunch_ok, dinner_ok)] if meals >= 2 else []
    for need in ((False, dinner_ok), (lunch_ok, False)) if meals < 2 else (
        (lunch_ok, False), (False, dinner_ok)
    ):
        if need not in needs and need != (False, False):
            needs.append(need)
    trimmed: DaySolver | None = None  # built only when lunch fits no other way
    for lunch, dinner in needs:
        if not (lunch or dinner):
            continue
        stops = day.first(orders, lunch, dinner)
        if stops is None and lunch:
            trimmed = trimmed or DaySolver(
                index, weekday, foods, fixed or {}, trim=True, prefer=prefer, levels=levels
            )
            stops = trimmed.first(orders, lunch, dinner)
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
