"""Travel-day rules of a multi-city trip (docs/planner.md, "Travel days"), shared by the
planner, which applies them, and the verifier, which checks them.

A day whose ``transfer`` is set starts a leg. With ``transfer.arrive_day_offset`` = a,
that day and the next a - 1 days are spent travelling (no stops) and the next one is the
*arrival day* (the travel day itself when a = 0). On the arrival day every stop starts at
or after ``transfer.arrive`` + :data:`~wayfarer.planner.transfer.CHECK_IN`, and it has at
most :func:`arrival_cap` activities (the pace minimum does not apply): a late arrival
leaves only dinner, or nothing. The day before a transfer (*eve*) keeps nothing after
dinner that :func:`trimmed_eve` could drop: activities after the day's last meal go while
the pace minimum and the walking-order rule still hold, except a place that alone shows
a stated interest of its leg.
"""

from wayfarer.domain import PACE_ACTIVITY_BOUNDS, ItineraryDay, ItineraryItem, Preferences
from wayfarer.planner.clock import minutes_of
from wayfarer.planner.index import CityIndex
from wayfarer.planner.request import effective_pace, required_interests
from wayfarer.planner.route import path_length
from wayfarer.planner.transfer import CHECK_IN

#: Most activities an arrival day may have (fewer on a relaxed trip: one less than the
#: pace minimum).
ARRIVAL_MAX = 2
NOT_TODAY = 24 * 60
#: Walking-order tolerance, as the verifier's route rule.
ROUTE_FACTOR = 1.10


def arrival_cap(pace: str) -> int:
    """Most activities on an arrival day for ``pace``."""
    return max(1, min(ARRIVAL_MAX, PACE_ACTIVITY_BOUNDS[pace][0] - 1))


def travel_days(days: list[ItineraryDay]) -> dict[int, int]:
    """Day number -> earliest minute a stop may start, for every day spent (partly)
    travelling; :data:`NOT_TODAY` for a day with no stops at all."""
    out: dict[int, int] = {}
    numbers = {day.day for day in days}
    for day in days:
        move = day.transfer
        if move is None:
            continue
        offset = move.arrive_day_offset
        for k in range(offset):
            out[day.day + k] = NOT_TODAY
        arrival = day.day + offset
        if arrival in numbers:
            out[arrival] = min(NOT_TODAY, minutes_of(move.arrive) + CHECK_IN)
    return out


def eves(days: list[ItineraryDay]) -> set[int]:
    """Numbers of the days before a transfer."""
    return {day.day - 1 for day in days if day.transfer is not None and day.day > 1}


def eve_minimum(days: list[ItineraryDay], pace: str) -> int:
    """Fewest activities :func:`eve_trim` keeps on the last of ``days``: none on a
    travel day (a one-day leg), else the pace minimum."""
    return 0 if days[-1].day in travel_days(days) else PACE_ACTIVITY_BOUNDS[pace][0]


def lighten(day: ItineraryDay, ready: int, cap: int) -> ItineraryDay:
    """``day`` keeping only its stops from ``ready`` on, then cut from the end to ``cap``
    activities (the stops kept are consecutive, so their times stay valid)."""
    items = [i for i in day.items if minutes_of(i.start) >= ready]
    while sum(i.kind == "activity" for i in items) > cap:
        items.pop()
    return day.model_copy(update={"items": items})


def trimmed_eve(
    days: list[ItineraryDay], preferences: Preferences, index: CityIndex
) -> ItineraryDay:
    """The last of a leg's ``days`` (its view, one-city ``preferences``) as the eve of a
    transfer: :func:`eve_trim` with the pace minimum (none on a travel day), keeping any
    place that alone shows a stated interest the leg must show."""
    travel = travel_days(days)
    weekdays = [d.date.weekday() for d in days if d.date is not None and d.day not in travel]
    required = set(required_interests(preferences, index, weekdays))
    carriers: dict[str, set[str]] = {}
    for item in (i for d in days for i in d.items):
        place = index.by_id.get(item.place.id)
        for interest in required & set(place.interests if place else ()):
            carriers.setdefault(interest, set()).add(item.place.id)
    sole = frozenset(next(iter(ids)) for ids in carriers.values() if len(ids) == 1)
    return eve_trim(days[-1], eve_minimum(days, effective_pace(preferences)), index, sole)


def eve_trim(
    day: ItineraryDay, minimum: int, index: CityIndex, keep: frozenset[str] = frozenset()
) -> ItineraryDay:
    """``day`` without the activities after its last meal, dropped from the end while at
    least ``minimum`` activities stay, the kept walking order stays within the route rule
    and the next to go is not in ``keep``; the same day when nothing can go."""
    items = list(day.items)
    last_meal = max((k for k, i in enumerate(items) if i.kind == "meal"), default=None)
    if last_meal is None:
        return day
    while (
        len(items) > last_meal + 1 and items[-1].kind == "activity"
        and items[-1].place.id not in keep
    ):
        trial = items[:-1]
        if _activities(trial) < minimum or not _route_ok(index, trial):
            break
        items = trial
    return day if len(items) == len(day.items) else day.model_copy(update={"items": items})


def _activities(items: list[ItineraryItem]) -> int:
    return sum(i.kind == "activity" for i in items)


def _route_ok(index: CityIndex, items: list[ItineraryItem]) -> bool:
    ids = [i.place.id for i in items if i.kind == "activity" and i.place.id in index.by_id]
    if len(ids) < 3 or len(set(ids)) < len(ids):
        return True
    dist = [[index.km(a, b) for b in ids] for a in ids]
    return path_length(range(len(ids)), dist) <= index.shortest(ids) * ROUTE_FACTOR + 1e-6
