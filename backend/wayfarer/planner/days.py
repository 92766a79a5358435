"""Building blocks shared by planning and editing: scheduling a trip day, repairing a day
that cannot be scheduled (swap, trade or drop a place), building a day from scratch, and
keeping every required interest in the trip.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from wayfarer.domain import ItineraryDay
from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.clock import date_of, weekday_of
from wayfarer.planner.fit import fits_in_day
from wayfarer.planner.index import DINING_LEVELS, CityIndex
from wayfarer.planner.request import TripRequest
from wayfarer.planner.schedule import build_day
from wayfarer.planner.select import in_plan_pool, is_avoided, ranked, score
from wayfarer.planner.tighten import HARD_KM, span_km, span_penalty, span_with

#: Score lost per kilometre between a candidate and the day's other places.
DISTANCE_WEIGHT = 0.25
#: Candidates tried per place being swapped out while repairing a day.
REPAIR_CANDIDATES = 4
#: Schedules tried while repairing one day.
MAX_REPAIRS = 8
#: Schedules tried to make room for a meal in a day that can be scheduled without it.
MEAL_REPAIRS = 3


def weekday(request: TripRequest, day: int) -> int:
    """Weekday of trip day ``day`` (see clock.weekday_of)."""
    return weekday_of(day, request.start_date)


def foods_for(request: TripRequest, taken: set[str]) -> list[CatalogPlace]:
    """Food places at the trip's dining level (``CityIndex.dines``) not used anywhere in
    ``taken``, in catalog order."""
    index = request.index
    return [
        f for f in index.food
        if f.id not in taken and f.id not in request.excluded and index.dines(f, request.budget)
    ]


def place_ids(days: Iterable[ItineraryDay]) -> set[str]:
    """Every place id scheduled on ``days``."""
    return {item.place.id for day in days for item in day.items}


def activities_of(index: CityIndex, day: ItineraryDay) -> list[CatalogPlace]:
    """The day's activity places (catalog objects) in visiting order."""
    return [index.by_id[i.place.id] for i in day.items if i.kind == "activity"]


def shown_interests(index: CityIndex, ids: Iterable[str]) -> set[str]:
    """Interests carried by the places ``ids``."""
    return {interest for i in ids for interest in index.by_id[i].interests}


def sole_interests(request: TripRequest, place: CatalogPlace, others: Iterable[str]) -> set[str]:
    """Required interests that ``place`` alone shows among ``others`` plus itself."""
    elsewhere = shown_interests(request.index, (i for i in others if i != place.id))
    return {i for i in request.required if i in place.interests and i not in elsewhere}


def rebuild(
    request: TripRequest,
    day: int,
    activities: Sequence[CatalogPlace],
    taken: set[str],
    fixed: dict[str, CatalogPlace] | None = None,
    meals: int = 2,
) -> ItineraryDay | None:
    """Schedule ``activities`` as trip day ``day`` using restaurants not in ``taken``
    (one meal only when ``meals`` is 1)."""
    foods = foods_for(request, taken)
    index = request.index
    return build_day(
        index,
        day,
        date_of(day, request.start_date),
        weekday(request, day),
        activities,
        foods,
        fixed,
        meals,
        frozenset(f.id for f in foods if index.prefers(f, request.budget)),
        DINING_LEVELS[request.budget],
    )


def candidates(
    request: TripRequest,
    near: Sequence[CatalogPlace],
    day: int,
    used: set[str],
    need: set[str] | None = None,
    accept: Callable[[CatalogPlace], bool] | None = None,
) -> list[CatalogPlace]:
    """Unused affordable activities open on ``day``'s weekday, best first.

    Best = score minus :data:`DISTANCE_WEIGHT` per km of mean distance to ``near`` and
    of the span penalty the candidate adds to ``near`` (``tighten.span_penalty``);
    places with avoided interests come last; ``need`` lists interests a candidate must
    carry. Day-trip places only as ``select.in_plan_pool`` allows, or next to another
    day-trip place.
    """
    index = request.index
    wd = weekday(request, day)
    anchor = [p.id for p in near]
    day_trip = any(p.excursion is not None for p in near)
    pool = [
        p
        for p in index.activities
        if p.id not in used
        and p.id not in request.excluded
        and index.affordable(p, request.budget)
        and (not need or need <= set(p.interests))
        and (need or day_trip or in_plan_pool(request, p))
        and (accept is None or accept(p))
        and index.fits_weekday(p, wd)
    ]

    spread = span_km(index, anchor)
    base = span_penalty(spread)

    def far(p: CatalogPlace) -> float:
        added = span_penalty(span_with(index, spread, anchor, p.id)) - base
        return index.centroid_km(p.id, anchor) + added

    return sorted(
        pool,
        key=lambda p: (
            is_avoided(request, p),
            -(score(request, p) - DISTANCE_WEIGHT * far(p)),
            index.rank[p.id],
        ),
    )


def spread_cost(index: CityIndex, ids: Sequence[str]) -> float:
    """The span penalty (km) of a day made of the places ``ids``."""
    return span_penalty(span_km(index, ids))


class Change(NamedTuple):
    """One way to change a day: put ``new`` at ``position``; ``source`` is (later day
    index, slot) when ``new`` comes from a day not yet built (a trade), else None."""

    cost: float
    position: int
    new: CatalogPlace
    source: tuple[int, int] | None = None


def replacement_options(
    request: TripRequest,
    group: Sequence[CatalogPlace],
    day: int,
    used: set[str],
    per_place: int = 2 * REPAIR_CANDIDATES,
) -> list[Change]:
    """Ways to swap one place of ``group`` (day ``day``) for an unused one, cheapest first.

    Cost is in kilometres: the newcomer's distance to the rest of the day minus the
    leaver's, plus the score lost (divided by :data:`DISTANCE_WEIGHT`). Places closed that
    weekday come first. A newcomer keeps every required interest the leaver alone showed.
    """
    index = request.index
    wd = weekday(request, day)
    options: list[Change] = []
    for position, out in enumerate(group):
        rest = [p.id for p in group if p.id != out.id]
        base = index.centroid_km(out.id, rest) + spread_cost(index, [*rest, out.id])
        urgent = 0.0 if index.fits_weekday(out, wd) else -1000.0
        need = sole_interests(request, out, used)
        for new in candidates(request, [index.by_id[i] for i in rest], day, used, need)[
            :per_place
        ]:
            loss = (score(request, out) - score(request, new)) / DISTANCE_WEIGHT
            cost = urgent + index.centroid_km(new.id, rest) - base + loss
            cost += spread_cost(index, [*rest, new.id])
            options.append(Change(round(cost, 9), position, new))
    options.sort(key=lambda o: (o.cost, o.position, index.rank[o.new.id]))
    return options


def trade_options(
    request: TripRequest,
    group: Sequence[CatalogPlace],
    day: int,
    later: Sequence[tuple[int, list[CatalogPlace]]],
) -> list[Change]:
    """Ways to trade one place of ``group`` with a place of a day not built yet, each open
    on the other's weekday; cost is the change in kilometres to each day's other places."""
    index = request.index
    wd = weekday(request, day)
    options: list[Change] = []
    for position, out in enumerate(group):
        rest = [p.id for p in group if p.id != out.id]
        rest_span = span_km(index, rest)
        base = index.centroid_km(out.id, rest)
        urgent = 0.0 if index.fits_weekday(out, wd) else -1000.0
        for slot, (other_day, other) in enumerate(later):
            if not index.fits_weekday(out, weekday(request, other_day)):
                continue
            for k, swap in enumerate(other):
                if not index.fits_weekday(swap, wd):
                    continue
                others = [p.id for p in other if p.id != swap.id]
                others_span = span_km(index, others)
                cost = (
                    urgent
                    + index.centroid_km(swap.id, rest) - base
                    + index.centroid_km(out.id, others) - index.centroid_km(swap.id, others)
                    + span_penalty(span_with(index, rest_span, rest, swap.id))
                    - span_penalty(span_with(index, rest_span, rest, out.id))
                    + span_penalty(span_with(index, others_span, others, out.id))
                    - span_penalty(span_with(index, others_span, others, swap.id))
                )
                options.append(Change(round(cost, 9), position, swap, (slot, k)))
    options.sort(key=lambda o: (o.cost, o.position, index.rank[o.new.id]))
    return options


def fit_day(
    request: TripRequest,
    day: int,
    activities: list[CatalogPlace],
    used: set[str],
    taken_food: set[str],
    keep_count: bool = False,
    later: Sequence[tuple[int, list[CatalogPlace]]] = (),
    meals: int = 2,
) -> tuple[ItineraryDay, list[CatalogPlace]] | None:
    """Schedule ``activities`` as day ``day``, swapping or dropping a place if needed.

    ``used`` holds every place id of the trip (this day's included) and is updated;
    ``taken_food`` the restaurants used on other days. Swaps take an unused place (which
    keeps any required interest the leaver alone showed) or trade with a day in ``later``
    (not built yet; the trade is written into it). A place is dropped only above the pace
    minimum (never when ``keep_count``), and before any swap that would stretch the day
    past its current span or ``HARD_KM``. ``meals`` as in ``rebuild``; a day that can be
    scheduled but misses a meal tries a few swaps that make room for it. Returns the day
    and its activities.
    """
    index = request.index
    wd = weekday(request, day)
    fallback: tuple[ItineraryDay, list[CatalogPlace]] | None = None
    if fits_in_day(index, activities, wd):
        built = rebuild(request, day, activities, taken_food, meals=meals)
        if built is not None:
            if _meal_count(built) >= meals:
                return built, activities
            fallback = (built, activities)  # schedulable, but a meal did not fit
    options = replacement_options(request, activities, day, used)
    options += trade_options(request, activities, day, later)
    options.sort(key=lambda o: (o.cost, o.position, index.rank[o.new.id]))
    limit = MEAL_REPAIRS if fallback else MAX_REPAIRS
    widest = max(span_km(index, [p.id for p in activities]), HARD_KM)
    rests = [[p.id for j, p in enumerate(activities) if j != k] for k in range(len(activities))]
    rest_spans = [span_km(index, ids) for ids in rests]
    tight: list[Change] = []
    wide: list[Change] = []
    for option in options:
        k = option.position
        stretched = span_with(index, rest_spans[k], rests[k], option.new.id) > widest
        (wide if stretched else tight).append(option)
    swapped = _try_changes(request, day, activities, tight, used, taken_food, later, meals,
                           fallback, limit)
    if swapped is not None:
        return swapped
    if fallback is not None:
        return fallback
    if not keep_count and len(activities) > request.bounds[0]:
        for out in sorted(activities, key=lambda p: (-p.visit_minutes, index.rank[p.id])):
            if sole_interests(request, out, used):
                continue
            trial = [p for p in activities if p.id != out.id]
            if not fits_in_day(index, trial, wd):
                continue
            built = rebuild(request, day, trial, taken_food, meals=meals)
            if built is not None:
                used.discard(out.id)
                return built, trial
    return _try_changes(request, day, activities, wide, used, taken_food, later, meals,
                        None, MAX_REPAIRS)


def _try_changes(
    request: TripRequest,
    day: int,
    activities: list[CatalogPlace],
    options: Sequence[Change],
    used: set[str],
    taken_food: set[str],
    later: Sequence[tuple[int, list[CatalogPlace]]],
    meals: int,
    fallback: tuple[ItineraryDay, list[CatalogPlace]] | None,
    limit: int,
) -> tuple[ItineraryDay, list[CatalogPlace]] | None:
    """The first of ``options`` (in order, at most ``limit`` schedules tried) that gives a
    schedulable day with more meals than ``fallback``; ``used`` and ``later`` record it."""
    index = request.index
    wd = weekday(request, day)
    tries = 0
    for change in options:
        trial = list(activities)
        out = trial[change.position]
        trial[change.position] = change.new
        if not fits_in_day(index, trial, wd):
            continue
        tries += 1
        built = rebuild(request, day, trial, taken_food, meals=meals)
        if built is not None and (
            fallback is None or _meal_count(built) > _meal_count(fallback[0])
        ):
            if change.source is None:
                used.discard(out.id)
                used.add(change.new.id)
            else:
                slot, k = change.source
                later[slot][1][k] = out
            return built, trial
        if tries >= limit:
            break
    return None


def _meal_count(day: ItineraryDay) -> int:
    return sum(item.kind == "meal" for item in day.items)


def ensure_interests(
    request: TripRequest, days: list[ItineraryDay], touched: set[int] | None = None
) -> list[str]:
    """Add or swap in places so every required interest shows; returns those still missing.

    Tries, for each missing interest, its best carriers on the nearest days: added when
    the day is below the pace maximum, else swapped for the weakest place whose interests
    other places still show. Rebuilt days are recorded in ``touched``.
    """
    index = request.index
    high = request.bounds[1]
    missing = [i for i in request.required if i not in shown_interests(index, place_ids(days))]
    still: list[str] = []
    for interest in missing:
        if interest in shown_interests(index, place_ids(days)):
            continue
        if not _cover(request, days, interest, high, touched):
            still.append(interest)
    return still


def _cover(
    request: TripRequest,
    days: list[ItineraryDay],
    interest: str,
    high: int,
    touched: set[int] | None,
) -> bool:
    index = request.index
    used = place_ids(days)
    carriers = [
        p
        for p in ranked(request, index.activities)
        if interest in p.interests and p.id not in used and p.id not in request.excluded
        and index.affordable(p, request.budget)
    ]
    for new in carriers[:6]:
        by_distance = sorted(
            range(len(days)),
            key=lambda d: (index.centroid_km(new.id, [p.id for p in activities_of(index, days[d])]),
                           d),
        )
        for position in by_distance:
            day = days[position]
            if not index.fits_weekday(new, weekday(request, day.day)):
                continue
            acts = activities_of(index, day)
            others = used - {i.place.id for i in day.items}
            trials: list[list[CatalogPlace]] = []
            if len(acts) < high:
                trials.append([*acts, new])
            for out in sorted(acts, key=lambda p: score(request, p)):
                if sole_interests(request, out, used):
                    continue
                trials.append([new if p.id == out.id else p for p in acts])
            for trial in trials:
                built = rebuild(request, day.day, trial, others)
                if built is not None:
                    days[position] = built
                    if touched is not None:
                        touched.add(day.day)
                    return True
    return False


