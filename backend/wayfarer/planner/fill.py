"""Filling a long wait in a moderate or packed day with another place.

``schedule`` already reshapes a day around a wait (``gaps``); when a wait of
``gaps.IDLE_LIMIT`` minutes or more is left, :func:`fill_idle` tries the day with one more
nearby place (below the pace maximum) or with one place swapped for a nearby one (never
stretching the day past ``tighten.HARD_KM`` or its current span), and
keeps the first version without such a wait that books as many meals. As a last resort
a meal booked only after the wait is left out.
"""

from collections.abc import Sequence

from wayfarer.domain import ItineraryDay
from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.clock import minutes_of
from wayfarer.planner.days import candidates, count_kind, rebuild, weekday
from wayfarer.planner.fit import fits_in_day
from wayfarer.planner.gaps import idle_gaps
from wayfarer.planner.repair import replacement_options
from wayfarer.planner.request import TripRequest
from wayfarer.planner.select import is_avoided
from wayfarer.planner.tighten import HARD_KM, span_km

#: Places tried as an extra stop, and swaps tried, per day with a long wait.
FILL_CANDIDATES = 6
SWAP_TRIES = 8


def has_idle_gap(day: ItineraryDay) -> bool:
    """True when ``day`` waits ``gaps.IDLE_LIMIT`` minutes or more between two stops."""
    spans = [(minutes_of(i.start), minutes_of(i.end)) for i in day.items]
    return bool(idle_gaps(spans))


def fill_idle(
    request: TripRequest,
    number: int,
    built: ItineraryDay,
    group: Sequence[CatalogPlace],
    used: set[str],
    taken_food: set[str],
    meals: int = 2,
    effort: int = 1,
    keep: frozenset[str] = frozenset(),
) -> tuple[ItineraryDay, list[CatalogPlace]]:
    """Day ``number`` without a long wait when one more or one other place gives it (see
    the module), trying ``effort`` times the usual number of options and never swapping
    out a place in ``keep`` (one the traveller just asked for); else ``built`` unchanged.
    ``used`` (every place id of the trip) is updated."""
    if request.pace == "relaxed" or not has_idle_gap(built):
        return built, list(group)
    _, high = request.bounds
    tries: list[list[CatalogPlace]] = []
    if len(group) < high:
        extra = [p for p in candidates(request, group, number, used) if not is_avoided(request, p)]
        tries += [[*group, new] for new in extra[: FILL_CANDIDATES * effort]]
    swaps = replacement_options(request, group, number, used, per_place=2 * effort)
    swaps = [
        c for c in swaps if group[c.position].id not in keep and not is_avoided(request, c.new)
    ]
    for change in swaps[: SWAP_TRIES * effort]:
        swapped = list(group)
        swapped[change.position] = change.new
        tries.append(swapped)
    index = request.index
    wd = weekday(request, number)
    widest = max(span_km(index, [p.id for p in group]), HARD_KM)
    for option in tries:
        if span_km(index, [p.id for p in option]) > widest or not fits_in_day(index, option, wd):
            continue
        day = rebuild(request, number, option, taken_food, meals=meals)
        if day is None or has_idle_gap(day) or count_kind(day, "meal") < count_kind(built, "meal"):
            continue
        used -= {p.id for p in group}
        used |= {p.id for p in option}
        return day, option
    return _without_late_meal(built, request.bounds[0]), list(group)


def _without_late_meal(day: ItineraryDay, low: int) -> ItineraryDay:
    """Last resort: leave out what follows the last long wait, when that is only meals or
    leaves at least ``low`` activities (the trip's notes then say what the day misses);
    else ``day`` as it is."""
    spans = [(minutes_of(i.start), minutes_of(i.end)) for i in day.items]
    waits = idle_gaps(spans)
    if not waits:
        return day
    kept = day.items[: waits[-1] + 1]
    if sum(i.kind == "activity" for i in kept) < low and any(
        i.kind == "activity" for i in day.items[waits[-1] + 1 :]
    ):
        return day
    return day.model_copy(update={"items": kept})


def settle_waits(request: TripRequest, days: list[ItineraryDay]) -> None:
    """Make every moderate or packed day of a built trip free of long waits (in place),
    after later steps (interests) may have changed days: :func:`fill_idle` on each."""
    for position, day in enumerate(days):
        if request.pace == "relaxed" or not has_idle_gap(day):
            continue
        used = {i.place.id for d in days for i in d.items}
        taken = {i.place.id for k, d in enumerate(days) if k != position for i in d.items}
        group = [request.index.by_id[i.place.id] for i in day.items if i.kind == "activity"]
        days[position], _ = fill_idle(request, day.day, day, group, used, taken, effort=4)
