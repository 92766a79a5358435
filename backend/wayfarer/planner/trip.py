"""Building and repairing whole trips: the planner's pipeline and the helpers edits share.

Pipeline (:func:`plan_trip`): pool of affordable activities open on the trip's weekdays ->
how many days the pool can fill at the pace -> choose places (select) -> split them into
days by geography (cluster) -> put each area on the weekday where its places are open ->
build each day (schedule), repairing a day that cannot be scheduled by swapping a place
-> make sure every required interest shows -> explain any shortfall.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from wayfarer.domain import BUDGET_MAX_COST_LEVEL, BUDGETS, PACE_ACTIVITY_BOUNDS, ItineraryDay
from wayfarer.errors import InvalidRequest
from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.clock import date_of, weekday_of
from wayfarer.planner.cluster import balanced_clusters, project
from wayfarer.planner.index import CityIndex
from wayfarer.planner.request import TripRequest, join_words
from wayfarer.planner.schedule import build_day, fits_in_day
from wayfarer.planner.select import activity_pool, is_avoided, ranked, score, select_activities

#: Score lost per kilometre between a candidate and the day's other places.
DISTANCE_WEIGHT = 0.25
#: Candidates tried per place being swapped out while repairing a day.
REPAIR_CANDIDATES = 4
#: Seeds tried when building a day from scratch.
FRESH_SEEDS = 5
#: Schedules tried while repairing one day.
MAX_REPAIRS = 8


@dataclass
class Trip:
    """A planned trip: its days (numbered from 1) and plain notes about any shortfall."""

    request: TripRequest
    days: list[ItineraryDay]
    notes: list[str] = field(default_factory=list)


# --- small shared helpers -------------------------------------------------------------


def weekday(request: TripRequest, day: int) -> int:
    """Weekday of trip day ``day`` (see clock.weekday_of)."""
    return weekday_of(day, request.start_date)


def foods_for(request: TripRequest, taken: set[str]) -> list[CatalogPlace]:
    """Affordable food places not used anywhere in ``taken``, in catalog order."""
    index = request.index
    return [f for f in index.food if f.id not in taken and index.affordable(f, request.budget)]


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
) -> ItineraryDay | None:
    """Schedule ``activities`` as trip day ``day`` using restaurants not in ``taken``."""
    return build_day(
        request.index,
        day,
        date_of(day, request.start_date),
        weekday(request, day),
        activities,
        foods_for(request, taken),
        fixed,
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

    Best = score minus :data:`DISTANCE_WEIGHT` per km of mean distance to ``near``; places
    with avoided interests come last; ``need`` lists interests a candidate must carry.
    """
    index = request.index
    wd = weekday(request, day)
    anchor = [p.id for p in near]
    pool = [
        p
        for p in index.activities
        if p.id not in used
        and index.affordable(p, request.budget)
        and (not need or need <= set(p.interests))
        and (accept is None or accept(p))
        and index.fits_weekday(p, wd)
    ]
    return sorted(
        pool,
        key=lambda p: (
            is_avoided(request, p),
            -(score(request, p) - DISTANCE_WEIGHT * index.centroid_km(p.id, anchor)),
            index.rank[p.id],
        ),
    )


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
        base = index.centroid_km(out.id, rest)
        urgent = 0.0 if index.fits_weekday(out, wd) else -1000.0
        need = sole_interests(request, out, used)
        for new in candidates(request, [index.by_id[i] for i in rest], day, used, need)[
            :per_place
        ]:
            loss = (score(request, out) - score(request, new)) / DISTANCE_WEIGHT
            cost = urgent + index.centroid_km(new.id, rest) - base + loss
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
        base = index.centroid_km(out.id, rest)
        urgent = 0.0 if index.fits_weekday(out, wd) else -1000.0
        for slot, (other_day, other) in enumerate(later):
            if not index.fits_weekday(out, weekday(request, other_day)):
                continue
            for k, swap in enumerate(other):
                if not index.fits_weekday(swap, wd):
                    continue
                others = [p.id for p in other if p.id != swap.id]
                cost = (
                    urgent
                    + index.centroid_km(swap.id, rest) - base
                    + index.centroid_km(out.id, others) - index.centroid_km(swap.id, others)
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
) -> tuple[ItineraryDay, list[CatalogPlace]] | None:
    """Schedule ``activities`` as day ``day``, swapping or dropping a place if needed.

    ``used`` holds every place id of the trip (this day's included) and is updated;
    ``taken_food`` the restaurants used on other days. Swaps take an unused place (which
    keeps any required interest the leaver alone showed) or trade with a day in ``later``
    (not built yet; the trade is written into it). A place is dropped only above the pace
    minimum (never when ``keep_count``). Returns the day and its activities.
    """
    index = request.index
    wd = weekday(request, day)
    if fits_in_day(index, activities, wd):
        built = rebuild(request, day, activities, taken_food)
        if built is not None:
            return built, activities
    options = replacement_options(request, activities, day, used)
    options += trade_options(request, activities, day, later)
    options.sort(key=lambda o: (o.cost, o.position, index.rank[o.new.id]))
    tries = 0
    for change in options:
        trial = list(activities)
        out = trial[change.position]
        trial[change.position] = change.new
        if not fits_in_day(index, trial, wd):
            continue
        tries += 1
        built = rebuild(request, day, trial, taken_food)
        if built is not None:
            if change.source is None:
                used.discard(out.id)
                used.add(change.new.id)
            else:
                slot, k = change.source
                later[slot][1][k] = out
            return built, trial
        if tries >= MAX_REPAIRS:
            break
    if not keep_count and len(activities) > request.bounds[0]:
        for out in sorted(activities, key=lambda p: (-p.visit_minutes, index.rank[p.id])):
            if sole_interests(request, out, used):
                continue
            trial = [p for p in activities if p.id != out.id]
            if not fits_in_day(index, trial, wd):
                continue
            built = rebuild(request, day, trial, taken_food)
            if built is not None:
                used.discard(out.id)
                return built, trial
    return None


def fresh_day(
    request: TripRequest, day: int, count: int, used: set[str], taken_food: set[str]
) -> tuple[ItineraryDay, list[CatalogPlace]] | None:
    """A new day of ``count`` unused places around a good seed, or None. ``used`` gains
    the new day's places on success."""
    index = request.index
    wd = weekday(request, day)
    for seed in candidates(request, [], day, used)[:FRESH_SEEDS]:
        group = [seed]
        taken = used | {seed.id}
        for new in candidates(request, group, day, taken):
            if len(group) >= count:
                break
            if fits_in_day(index, [*group, new], wd):
                group.append(new)
                taken.add(new.id)
        if len(group) < request.bounds[0]:
            continue
        trial_used = used | {p.id for p in group}
        result = fit_day(request, day, group, trial_used, taken_food)
        if result is not None:
            used |= {p.id for p in result[1]}
            return result
    return None


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
        if interest in p.interests and p.id not in used and index.affordable(p, request.budget)
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


# --- planning -------------------------------------------------------------------------


def day_sizes(count: int, days: int) -> list[int]:
    """``count`` places over ``days`` days as evenly as possible, larger days first."""
    base, extra = divmod(count, days)
    return [base + 1 if d < extra else base for d in range(days)]


def plan_trip(request: TripRequest) -> Trip:
    """Plan the whole trip. Every day is built to pass the verifier; a day that cannot be
    built even from scratch ends the trip early, which the notes explain."""
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
    groups = _match_weekdays(request, _split(request, chosen, day_count))
    days: list[ItineraryDay] = []
    taken_food: set[str] = set()
    for number in range(1, day_count + 1):
        group = groups[number - 1]
        later = [(n, groups[n - 1]) for n in range(number + 1, day_count + 1)]
        used = {p.id for g in groups for p in g} | place_ids(days)
        _top_up(request, number, group, used)
        result = fit_day(request, number, group, used, taken_food, later=later)
        if result is None:
            result = _steal(request, number, len(group), days, groups, taken_food)
        if result is None:
            break
        built, groups[number - 1] = result
        days.append(built)
        taken_food |= {i.place.id for i in built.items if i.kind == "meal"}
    ensure_interests(request, days)
    return Trip(request=request, days=days, notes=shortfall_notes(request, days, len(pool)))


def _top_up(
    request: TripRequest, number: int, group: list[CatalogPlace], used: set[str]
) -> None:
    """Bring a day that lost places to a trade or a steal back to the pace target."""
    wd = weekday(request, number)
    for new in candidates(request, group, number, used):
        if len(group) >= request.target:
            break
        if fits_in_day(request.index, [*group, new], wd) or len(group) < request.bounds[0]:
            group.append(new)
            used.add(new.id)


def _steal(
    request: TripRequest,
    number: int,
    count: int,
    days: list[ItineraryDay],
    groups: list[list[CatalogPlace]],
    taken_food: set[str],
) -> tuple[ItineraryDay, list[CatalogPlace]] | None:
    """Build day ``number`` from scratch out of every place not on a built day; places
    taken from later days are removed from them (they top themselves up later)."""
    used = place_ids(days)
    result = fresh_day(request, number, count, used, taken_food)
    if result is None:
        return None
    taken = {p.id for p in result[1]}
    for later in groups[number:]:
        later[:] = [p for p in later if p.id not in taken]
    return result


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


# --- explanations ---------------------------------------------------------------------


def shortfall_notes(request: TripRequest, days: list[ItineraryDay], pool_size: int) -> list[str]:
    """Plain explanations of anything asked for that the plan could not deliver, each with
    a concrete way to relax the request."""
    index = request.index
    city = index.city.name
    notes: list[str] = []
    low, high = request.bounds
    if len(days) < request.days:
        note = (
            f"{city} has {pool_size} sights in our catalog that fit your plan: enough for "
            f"{len(days)} {request.pace} days ({low}-{high} a day) without repeating a place, "
            f"so I planned {len(days)} of your {request.days} days."
        )
        options = [
            f"a {pace} pace"
            for pace, (pace_low, _) in PACE_ACTIVITY_BOUNDS.items()
            if pace_low < low and pace_low * request.days <= pool_size
        ]
        for level in BUDGETS[BUDGETS.index(request.budget) + 1 :]:
            more = sum(
                1
                for p in index.activities
                if p.cost_level <= BUDGET_MAX_COST_LEVEL[level]
                and not index.affordable(p, request.budget)
            )
            if more and (pool_size + more) // low >= request.days:
                options.append(f"a {level} budget (it opens up {more} more sights)")
                break
        if options:
            note += f" To fill all {request.days} days, choose {' or '.join(options)}."
        else:
            note += " Shortening the trip, or spending some days elsewhere, would fit it."
        notes.append(note)
    shown = shown_interests(index, place_ids(days))
    for interest in dict.fromkeys(request.interests if request.stated else ()):
        if interest in shown:
            continue
        carriers = [p for p in index.city.places if interest in p.interests]
        if not carriers:
            notes.append(f"Our {city} catalog has no {interest} places, so none are planned.")
            continue
        cheapest = min(carriers, key=lambda p: (p.cost_level, index.rank[p.id]))
        if not index.affordable(cheapest, request.budget):
            level = next(b for b in BUDGETS if BUDGET_MAX_COST_LEVEL[b] >= cheapest.cost_level)
            notes.append(
                f"No {interest} place in {city} fits a {request.budget} budget; a {level} "
                f"budget would allow {cheapest.name}."
            )
        else:
            notes.append(f"I couldn't fit a {interest} place into the schedule.")
    avoided = [
        i.place.name
        for day in days
        for i in day.items
        if i.kind == "activity" and is_avoided(request, index.by_id[i.place.id])
    ]
    if avoided:
        notes.append(
            f"There weren't enough places without {join_words(sorted(request.avoid))}, so "
            f"{join_words(avoided)} {'is' if len(avoided) == 1 else 'are'} included."
        )
    for slot in ("lunch", "dinner"):
        missing = [d.day for d in days if not _has_meal(d, slot)]
        if missing:
            notes.append(
                f"No {slot} is booked on {_days_phrase(missing)}: every restaurant we know in "
                f"{city} within your budget that is open then is already on another day."
            )
    return notes


def _has_meal(day: ItineraryDay, slot: str) -> bool:
    return any(
        i.kind == "meal" and (i.start < "16:00") == (slot == "lunch") for i in day.items
    )


def _days_phrase(days: list[int]) -> str:
    if len(days) == 1:
        return f"day {days[0]}"
    return "days " + join_words([str(d) for d in days])
