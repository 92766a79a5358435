"""Planning a whole trip: the planner's pipeline.

Pool of affordable activities open on the trip's weekdays -> how many days the pool can
fill at the pace -> choose places (``select``) -> split them into days by geography
(``cluster``) -> keep each day in one area (``tighten``) -> put each area on the weekday
where its places are open -> build each day (``schedule``), repairing a day that cannot be
scheduled (``days``) -> make sure every required interest shows -> explain any shortfall
(``notes``).
"""

from dataclasses import dataclass, field

from wayfarer.domain import ItineraryDay
from wayfarer.errors import InvalidRequest
from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.cluster import balanced_clusters, project
from wayfarer.planner.days import (
    candidates,
    count_kind,
    ensure_interests,
    foods_for,
    place_ids,
    spread_cost,
    weekday,
)
from wayfarer.planner.fill import fill_idle, has_idle_gap, settle_waits
from wayfarer.planner.fit import fits_in_day
from wayfarer.planner.fresh import fresh_day
from wayfarer.planner.notes import shortfall_notes
from wayfarer.planner.repair import Fitted, fit_day
from wayfarer.planner.request import TripRequest
from wayfarer.planner.select import activity_pool, ranked, select_activities
from wayfarer.planner.tighten import tighten


@dataclass
class Trip:
    """A planned trip: its days (numbered from 1) and plain notes about any shortfall."""

    request: TripRequest
    days: list[ItineraryDay]
    notes: list[str] = field(default_factory=list)


def day_sizes(count: int, days: int) -> list[int]:
    """``count`` places over ``days`` days as evenly as possible, larger days first."""
    base, extra = divmod(count, days)
    return [base + 1 if d < extra else base for d in range(days)]


def plan_trip(request: TripRequest) -> Trip:
    """Plan the whole trip. Every day is built to pass the verifier; a day that cannot be
    built even from scratch ends the trip early, which the notes explain. Raises
    InvalidRequest when too few places fit, or when not even the first day can be built."""
    index = request.index
    low, _ = request.bounds
    weekdays = [weekday(request, d) for d in range(1, request.days + 1)]
    pool = activity_pool(request, weekdays)
    day_count = min(request.days, len(pool) // low)
    if day_count < 1:
        raise InvalidRequest(
            f"{index.city.name} has only {len(pool)} places that fit a {request.budget} budget "
            f"on these dates; a {request.pace} pace needs {low} a day."
        )
    count = min(day_count * request.target, len(pool))
    chosen = ranked(request, select_activities(request, pool, count))
    groups = _match_weekdays(request, tighten(request, _split(request, chosen, day_count), pool))
    trip = _Progress(request, groups)
    days, taken_food = trip.days, trip.taken_food
    for number in range(1, day_count + 1):
        group = groups[number - 1]
        later = [(n, groups[n - 1]) for n in range(number + 1, day_count + 1)]
        used = {p.id for g in groups for p in g} | place_ids(days)
        _top_up(request, number, group, used)
        meals = _meals_today(request, taken_food, day_count - number + 1)
        result = fit_day(request, number, group, used, taken_food, later=later, meals=meals)
        if result is None:
            result = trip.steal(number, len(group), meals)
        if result is None:
            break
        result = fill_idle(request, number, *result, used, taken_food, meals)
        if count_kind(result[0], "activity") < low or (
            request.pace != "relaxed" and has_idle_gap(result[0])
        ):
            result = trip.without_waits(number, max(len(group), low), meals)
        if result is None:
            break
        trip.add(number, *result)
    if not days:  # not even the first day could be built: say so rather than plan nothing
        raise InvalidRequest(_no_first_day(request))
    ensure_interests(request, days)
    settle_waits(request, days)
    return Trip(request=request, days=days, notes=shortfall_notes(request, days, len(pool)))


def _no_first_day(request: TripRequest) -> str:
    """Why not even day 1 could be built, and what would help."""
    city = request.index.city.name
    if request.avoid:
        return (
            f"I couldn't fit a whole {request.pace}-paced day in {city} from the places left "
            "after what you'd rather skip; a more relaxed pace or skipping fewer kinds of "
            "places would give me more to work with."
        )
    return (
        f"I couldn't fit a whole {request.pace}-paced day in {city} around its places' "
        "opening hours and the distances between them; a more relaxed pace or other dates "
        "would give me more to work with."
    )


def _meals_today(request: TripRequest, taken_food: set[str], days_left: int) -> int:
    """Two meals today if the unused restaurants still leave one for each later day, else
    one: when restaurants are scarce every day gets a dinner rather than the first days
    getting two meals and the last none."""
    return 2 if len(foods_for(request, taken_food)) - 2 >= days_left - 1 else 1


def _top_up(
    request: TripRequest, number: int, group: list[CatalogPlace], used: set[str]
) -> None:
    """Bring a day that lost places to a trade or a steal back to the pace target; above
    the pace minimum only with places that do not stretch the day (its span penalty stays
    the same), so an excursion day keeps to its area."""
    if len(group) >= request.target:
        return  # the usual case: nothing to rank
    wd = weekday(request, number)
    index = request.index
    for new in candidates(request, group, number, used):
        if len(group) >= request.target:
            break
        if len(group) < request.bounds[0] or (
            fits_in_day(index, [*group, new], wd)
            and spread_cost(index, [p.id for p in [*group, new]])
            <= spread_cost(index, [p.id for p in group])
        ):
            group.append(new)
            used.add(new.id)


@dataclass
class _Progress:
    """The trip while its days are built in order: the built ``days``, the places meant
    for every day (``groups``; those of days not built yet may still change) and the
    restaurants the built days use."""

    request: TripRequest
    groups: list[list[CatalogPlace]]
    days: list[ItineraryDay] = field(default_factory=list)
    taken_food: set[str] = field(default_factory=set)

    def add(self, number: int, built: ItineraryDay, group: list[CatalogPlace]) -> None:
        """Record day ``number`` as built from ``group``."""
        self.groups[number - 1] = group
        self.days.append(built)
        self.taken_food |= {i.place.id for i in built.items if i.kind == "meal"}

    def steal(self, number: int, count: int, meals: int) -> Fitted | None:
        """Build day ``number`` from scratch out of every place not on a built day; places
        taken from later days are removed from them (they top themselves up later)."""
        used = place_ids(self.days)
        result = fresh_day(self.request, number, count, used, self.taken_food, meals)
        if result is None:
            return None
        taken = {p.id for p in result[1]}
        for later in self.groups[number:]:
            later[:] = [p for p in later if p.id not in taken]
        return result

    def without_waits(self, number: int, count: int, meals: int) -> Fitted | None:
        """Day ``number`` built from scratch when its own places leave a long wait or fall
        short of the pace minimum; None (the trip ends before it, and the notes say so)
        when the fresh day has a long wait too."""
        fresh = self.steal(number, count, meals)
        if fresh is None:
            return None
        used = (
            {p.id for g in self.groups for p in g} | place_ids(self.days)
            | {p.id for p in fresh[1]}
        )
        fresh = fill_idle(self.request, number, *fresh, used, self.taken_food, meals)
        return None if has_idle_gap(fresh[0]) else fresh


def _split(
    request: TripRequest, chosen: list[CatalogPlace], day_count: int
) -> list[list[CatalogPlace]]:
    city = request.index.city
    points = [project(p.lat, p.lon, city.lat, city.lon) for p in chosen]
    sizes = day_sizes(len(chosen), day_count)
    groups = balanced_clusters(points, sizes)
    return [[chosen[i] for i in group] for group in groups]


def _match_weekdays(
    request: TripRequest, groups: list[list[CatalogPlace]]
) -> list[list[CatalogPlace]]:
    """Order areas over the days: the headline area first, each day taking the area with
    the fewest places closed that weekday (fit_day trades away what is still closed)."""
    index = request.index
    remaining = sorted(groups, key=lambda g: min(index.rank[p.id] for p in g))
    ordered: list[list[CatalogPlace]] = []
    for number in range(1, len(groups) + 1):
        wd = weekday(request, number)
        pick = min(
            range(len(remaining)),
            key=lambda k: (sum(not index.fits_weekday(p, wd) for p in remaining[k]), k),
        )
        ordered.append(remaining.pop(pick))
    return ordered


