"""Building a day from scratch out of unused places (when a day cannot be repaired, or for
an added day)."""

from collections.abc import Callable

from wayfarer.domain import ItineraryDay
from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.days import candidates, weekday
from wayfarer.planner.fit import fits_in_day
from wayfarer.planner.repair import fit_day
from wayfarer.planner.request import TripRequest
from wayfarer.planner.select import is_avoided
from wayfarer.planner.tighten import HARD_KM, span_km

#: Seeds tried when building a day from scratch.
FRESH_SEEDS = 5


def fresh_day(
    request: TripRequest,
    day: int,
    count: int,
    used: set[str],
    taken_food: set[str],
    meals: int = 2,
) -> tuple[ItineraryDay, list[CatalogPlace]] | None:
    """A new day of ``count`` unused places around a good seed, all within ``HARD_KM`` of
    each other (without places of avoided interests when that is possible), or None.
    ``used`` gains the new day's places on success.

    The day grows from the seed with the best-scoring places first; when no such day can
    be scheduled (a stated interest's places spread over the whole city, too far apart
    for one day's hours), it grows with the places nearest the seed instead, so the day
    is compact and still starts from the traveller's kind of place."""
    def not_avoided(place: CatalogPlace) -> bool:
        return not is_avoided(request, place)

    for compact in (False, True):
        for accept in (not_avoided, None):
            found = _fresh(request, day, count, used, taken_food, meals, accept, compact)
            if found is not None:
                return found
    return None


def _fresh(
    request: TripRequest,
    day: int,
    count: int,
    used: set[str],
    taken_food: set[str],
    meals: int,
    accept: Callable[[CatalogPlace], bool] | None,
    compact: bool,
) -> tuple[ItineraryDay, list[CatalogPlace]] | None:
    index = request.index
    wd = weekday(request, day)
    for seed in candidates(request, [], day, used, accept=accept)[:FRESH_SEEDS]:
        group = [seed]
        taken = used | {seed.id}
        nearby = candidates(request, group, day, taken, accept=accept)
        if compact:
            nearby.sort(key=lambda p: (index.centroid_km(p.id, [seed.id]), index.rank[p.id]))
        for new in nearby:
            if len(group) >= count:
                break
            ids = [*(p.id for p in group), new.id]
            if span_km(index, ids) <= HARD_KM and fits_in_day(index, [*group, new], wd):
                group.append(new)
                taken.add(new.id)
        if len(group) < request.bounds[0]:
            continue
        trial_used = used | {p.id for p in group}
        result = fit_day(request, day, group, trial_used, taken_food, meals=meals)
        if result is not None:
            used |= {p.id for p in result[1]}
            return result
    return None
