"""Building blocks shared by planning and editing: scheduling a trip day, ranking
candidate places for it, and keeping every required interest in the trip. Repairing a day
that cannot be scheduled is :mod:`wayfarer.planner.repair`.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence

from wayfarer.domain import ItineraryDay, MealWishKind
from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.clock import date_of, weekday_of
from wayfarer.planner.index import CityIndex, dining_levels
from wayfarer.planner.items import item_slot
from wayfarer.planner.request import TripRequest
from wayfarer.planner.schedule import build_day
from wayfarer.planner.select import in_plan_pool, is_avoided, ranked, score
from wayfarer.planner.tighten import span_km, span_penalty, span_with

#: Score lost per kilometre between a candidate and the day's other places.
DISTANCE_WEIGHT = 0.25


def weekday(request: TripRequest, day: int) -> int:
    """Weekday of trip day ``day`` (see clock.weekday_of)."""
    return weekday_of(day, request.start_date)


def foods_for(request: TripRequest, taken: set[str], wish: str | None = None
              ) -> list[CatalogPlace]:
    """Food places at the trip's dining level (``CityIndex.dines``, for the traveller's
    meal ``wish`` when given) not used anywhere in ``taken``, in catalog order."""
    dining = request.dining.get(wish)
    if dining is None:  # once per request and wish: a plan asks for every day it builds
        index = request.index
        dining = request.dining[wish] = tuple(
            f for f in index.food if index.dines(f, request.budget, wish=wish))
    excluded = request.excluded
    return [f for f in dining if f.id not in taken and f.id not in excluded]


def place_ids(days: Iterable[ItineraryDay]) -> set[str]:
    """Every place id scheduled on ``days``."""
    return {item.place.id for day in days for item in day.items}


def count_kind(day: ItineraryDay, kind: str) -> int:
    """How many of ``day``'s items are of ``kind`` ("activity" or "meal")."""
    return sum(item.kind == kind for item in day.items)


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
    wishes: Mapping[str, MealWishKind] | None = None,
) -> ItineraryDay | None:
    """Schedule ``activities`` as trip day ``day`` using restaurants not in ``taken``
    (one meal only when ``meals`` is 1). A ``fixed`` meal whose slot has a wish in
    ``wishes`` (the traveller's, e.g. "cheap") may sit at that wish's dining levels
    (``index.dining_levels``) and its item carries the wish."""
    foods = foods_for(request, taken)
    index = request.index
    wished = {slot: wish for slot, wish in (wishes or {}).items() if slot in (fixed or {})}
    built = build_day(
        index,
        day,
        date_of(day, request.start_date),
        weekday(request, day),
        activities,
        foods,
        fixed,
        meals,
        frozenset(f.id for f in foods if index.prefers(f, request.budget)),
        dining_levels(request.budget, wished),
    )
    if built is None or not wished:
        return built
    assert fixed is not None
    items = [
        item.model_copy(update={"wish": wished[slot]})
        if item.kind == "meal" and (slot := item_slot(item)) in wished
        and item.place.id == fixed[slot].id else item
        for item in built.items
    ]
    return built.model_copy(update={"items": items})


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
        cover = _cover(request, days, interest, high)
        if cover is None:
            still.append(interest)
            continue
        position, built = cover
        days[position] = built
        if touched is not None:
            touched.add(built.day)
    return still


def _cover(
    request: TripRequest,
    days: list[ItineraryDay],
    interest: str,
    high: int,
) -> tuple[int, ItineraryDay] | None:
    """A day (position, rebuilt day) that shows ``interest``: one of its best unused
    carriers added to (below ``high`` places) or swapped into the nearest day that takes
    it; None when no day does."""
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
                    return position, built
    return None


