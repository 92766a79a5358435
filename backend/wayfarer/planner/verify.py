"""The verifier: every rule of SPEC §6, checked on any itinerary, as typed violations.

Rule codes (``Violation.rule``), stable for clients and tests:

    unknown_city      the itinerary's city is not in the catalog
    unknown_place     an item's place is not in the city's catalog
    kind              a meal at a sight, or an activity at a restaurant
    day_numbers       days not numbered 1, 2, 3, ... in order
    dates             a day's date does not follow the start date
    time              an item ends before it starts
    overlap           items overlap or are out of time order
    travel_time       too little time between two items to get from one to the next
    opening_hours     an item outside its place's opening hours on that weekday
    pace              activities a day outside the pace's bounds (meals not counted; a day
                      with its own ``pace`` is held to that pace's, ADR 0010)
    duplicate_place   a place used twice in the trip
    interests         a stated interest the catalog covers (within budget) is missing
    budget            a place above the budget's highest cost level
    route             a day's walking order longer than 1.10 x the best order
    transfer          a travel day breaking ``planner.travel``'s rules (stops before
                      arrival and check-in, more than the arrival day's activities)
    travel_window     a stop before the traveller is free on the first day or after
                      they must leave on the last (``ItineraryDay.free_from`` /
                      ``free_until``; such a day has no pace minimum)

plus the realism rules of ``planner.rules`` (meal served, meal window, dining level, best
time, fixed time, idle gap, estimate present).

"Weekday-aware": a day's weekday is its date's when dated, else the start date's plus
the day offset, else the planner's assumption that day 1 is a Monday. "Walking order" is
the order of the day's activities (meals are placed at meal times near the route and are
not part of it; docs/planner.md explains why).
"""

from wayfarer.domain import (
    BUDGET_MAX_COST_LEVEL,
    PACE_ACTIVITY_BOUNDS,
    Itinerary,
    ItineraryDay,
    ItineraryItem,
    Preferences,
)
from wayfarer.planner.base import Violation
from wayfarer.planner.clock import date_of, minutes_of, weekday_of
from wayfarer.planner.index import CityIndex
from wayfarer.planner.request import effective_budget, effective_pace, required_interests
from wayfarer.planner.route import path_length, shortest_path_length
from wayfarer.planner.rules import realism_violations
from wayfarer.planner.travel import arrival_cap, travel_days

ROUTE_FACTOR = 1.10
ROUTE_TOLERANCE = 1e-6


def verify_itinerary(
    itinerary: Itinerary,
    preferences: Preferences,
    index: CityIndex | None,
    shown_elsewhere: frozenset[str] = frozenset(),
) -> list[Violation]:
    """Every broken rule; empty when ``itinerary`` is valid for ``preferences``.
    ``shown_elsewhere``: interests another visit to the same city in the trip already
    shows (a multi-city trip), which this one need not show again."""
    if index is None:
        return [Violation(rule="unknown_city", message=f"{itinerary.city} is not in the catalog.")]
    out: list[Violation] = []
    pace = effective_pace(preferences)
    budget = effective_budget(preferences)
    max_cost = BUDGET_MAX_COST_LEVEL[budget]
    seen: dict[str, int] = {}
    shown: set[str] = set()
    travel = travel_days(itinerary.days)
    for position, day in enumerate(itinerary.days, start=1):
        if day.day != position:
            out.append(Violation(rule="day_numbers", day=day.day,
                                 message=f"Day {day.day} is in position {position}."))
        expected = date_of(day.day, preferences.start_date)
        if expected is not None and day.date != expected:
            out.append(Violation(rule="dates", day=day.day,
                                 message=f"Day {day.day} should be on {expected.isoformat()}."))
        weekday = day.date.weekday() if day.date else weekday_of(day.day, preferences.start_date)
        activities = [i for i in day.items if i.kind == "activity"]
        low, high = PACE_ACTIVITY_BOUNDS[day.pace or pace]
        if day.free_from or day.free_until:
            low = 0
            out += _window(day)
        if day.day in travel:
            out += _travel_day(day.day, day.items, travel[day.day], arrival_cap(pace))
        elif not low <= len(activities) <= high:
            out.append(Violation(
                rule="pace", day=day.day,
                message=f"Day {day.day} has {len(activities)} activities; a "
                f"{day.pace or pace} pace needs {low}-{high}.",
            ))
        previous = None
        for item in day.items:
            place = index.by_id.get(item.place.id)
            if place is None:
                out.append(Violation(rule="unknown_place", day=day.day,
                                     message=f"{item.place.name} is not in our {index.city.name}"
                                     " catalog."))
                previous = None
                continue
            shown.update(place.interests)
            if (item.kind == "meal") != (place.kind == "food"):
                out.append(Violation(rule="kind", day=day.day,
                                     message=f"{place.name} is a {place.kind} place, not a "
                                     f"{item.kind}."))
            if place.id in seen:
                out.append(Violation(rule="duplicate_place", day=day.day,
                                     message=f"{place.name} is already on day {seen[place.id]}."))
            else:
                seen[place.id] = day.day
            if place.cost_level > max_cost:
                out.append(Violation(rule="budget", day=day.day,
                                     message=f"{place.name} (cost level {place.cost_level}) is "
                                     f"above a {budget} budget."))
            start, end = minutes_of(item.start), minutes_of(item.end)
            if end <= start:
                out.append(Violation(rule="time", day=day.day,
                                     message=f"{place.name} ends at {item.end}, before it starts."))
            elif not index.is_open(place.id, weekday, start, end):
                out.append(Violation(rule="opening_hours", day=day.day,
                                     message=f"{place.name} is not open {item.start}-{item.end} "
                                     f"on {_WEEKDAYS[weekday]}."))
            if previous is not None:
                prev_place, prev_end = previous
                if start < prev_end:
                    out.append(Violation(rule="overlap", day=day.day,
                                         message=f"{place.name} starts before {prev_place} ends."))
                else:
                    need = index.minutes(prev_place, place.id)
                    if start - prev_end < need:
                        out.append(Violation(
                            rule="travel_time", day=day.day,
                            message=f"{need} minutes are needed to reach {place.name}, only "
                            f"{start - prev_end} are allowed.",
                        ))
            previous = (place.id, end) if end > start else previous
        out.extend(_route(index, day.day, [i.place.id for i in activities]))
    weekdays = [
        day.date.weekday() if day.date else weekday_of(day.day, preferences.start_date)
        for day in itinerary.days if day.day not in travel
    ]
    required = required_interests(preferences, index, weekdays)
    missing = [i for i in required if i not in shown and i not in shown_elsewhere]
    sights = sum(1 for day in itinerary.days if day.day not in travel
                 for i in day.items if i.kind == "activity")
    if len(missing) > max(0, len(required) - sights):  # more interests than sights: each
        out.append(Violation(  # sight must still stand for one of them
            rule="interests", message=f"No place for {', '.join(missing)} in the itinerary."))
    out += realism_violations(itinerary, index, pace, budget)
    return out


def _window(day: ItineraryDay) -> list[Violation]:
    """Stops of ``day`` outside the bounds its traveller's arrival or departure set."""
    low = minutes_of(day.free_from) if day.free_from else 0
    high = minutes_of(day.free_until) if day.free_until else 24 * 60
    return [
        Violation(rule="travel_window", day=day.day,
                  message=f"{item.place.name} is outside the day's {day.free_from or ''}"
                  f"-{day.free_until or ''} (arrival or departure).")
        for item in day.items
        if minutes_of(item.start) < low or minutes_of(item.end) > high
    ]


def _travel_day(
    number: int, items: list[ItineraryItem], ready: int, cap: int
) -> list[Violation]:
    out: list[Violation] = []
    if any(minutes_of(i.start) < ready for i in items):
        out.append(Violation(rule="transfer", day=number,
                             message=f"Day {number} has stops before the traveller arrives "
                             "and checks in."))
    if sum(i.kind == "activity" for i in items) > cap:
        out.append(Violation(rule="transfer", day=number,
                             message=f"Day {number} is a travel day: at most {cap} "
                             "activities."))
    return out


def _route(index: CityIndex, day: int, ids: list[str]) -> list[Violation]:
    ids = [i for i in ids if i in index.by_id]
    if len(ids) < 3:
        return []
    dist = [[index.km(a, b) for b in ids] for a in ids]
    actual = path_length(range(len(ids)), dist)
    best = index.shortest(ids) if len(set(ids)) == len(ids) else shortest_path_length(dist)
    if actual <= best * ROUTE_FACTOR + ROUTE_TOLERANCE:
        return []
    return [Violation(rule="route", day=day,
                      message=f"Day {day} walks {actual:.1f} km; the best order is "
                      f"{best:.1f} km.")]


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
