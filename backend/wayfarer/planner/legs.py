"""Multi-city trips (issue 11): each leg planned with the one-city machinery, then joined.

A leg is planned, edited and verified as a one-city trip of its own, its *view*: days
numbered from 1 and a start date of its own. The view's start date is the trip's start
date plus the days of the earlier legs; an undated trip uses :data:`~wayfarer.planner.
transfer.REFERENCE_DATE` (a Monday) instead, so weekdays are the ones the one-city
planner assumes for trip day N (day 1 a Monday), and the dates are dropped again when
the legs are joined. Planning is deterministic per leg: a leg whose dates and city do
not change is planned the same whatever happens to the other legs, except that a place
used by an earlier leg (Tokyo, Kyoto, Tokyo again) is never chosen twice.

The first day of every leg after the first is its travel day (``planner.transfer``,
``planner.travel``): the leg's full days are planned first (they carry the interests),
then the arrival day from the places left, cut to what fits after arrival.
"""

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from wayfarer.domain import Itinerary, ItineraryDay, ItineraryLeg, Leg, Preferences
from wayfarer.errors import InvalidRequest
from wayfarer.planner.cost import output_currency
from wayfarer.planner.document import itinerary_for
from wayfarer.planner.index import CityIndex
from wayfarer.planner.items import closed_days_note, theme
from wayfarer.planner.legcost import joined_estimate
from wayfarer.planner.legfit import LegShort
from wayfarer.planner.request import NO_START_DATE, TripRequest, resolve
from wayfarer.planner.transfer import REFERENCE_DATE, plan_move
from wayfarer.planner.travel import arrival_cap, lighten, trimmed_eve
from wayfarer.planner.trip import plan_trip

#: (city, the leg's real first date or None) -> the city's index; raises InvalidRequest
#: when the city is not covered.
IndexFor = Callable[[str, dt.date | None], CityIndex]
_DAYS = re.compile(r"\b([Dd]ays?)((?:\s*(?:\d+|,|and|or))+)")


@dataclass(frozen=True)
class LegSpan:
    """Where leg ``position`` (0-based) sits in the trip: trip days ``first``..``last``."""

    position: int
    leg: Leg
    first: int
    days: int

    @property
    def last(self) -> int:
        """The leg's last trip day number."""
        return self.first + self.days - 1

    def numbers(self) -> list[int]:
        """The leg's trip day numbers."""
        return list(range(self.first, self.last + 1))


@dataclass
class LegPlan:
    """A planned leg: its view (local day numbers) and what planning it said."""

    span: LegSpan
    view: Itinerary
    defaults: list[str]
    notes: list[str]


def spans(preferences: Preferences) -> list[LegSpan]:
    """The trip's legs with their day numbers; InvalidRequest while a leg's days are
    unknown or when a city follows itself."""
    out: list[LegSpan] = []
    first = 1
    legs = preferences.trip_legs()
    for position, leg in enumerate(legs):
        if leg.days is None:
            raise InvalidRequest(f"How many days in {leg.city}?")
        if position and legs[position - 1].city.casefold() == leg.city.casefold():
            raise InvalidRequest(
                f"{leg.city} comes twice in a row; make it one stay of "
                f"{(legs[position - 1].days or 0) + leg.days} days."
            )
        out.append(LegSpan(position, leg, first, leg.days))
        first += leg.days
    return out


def real_date(preferences: Preferences, day: int) -> dt.date | None:
    """The calendar date of trip day ``day``, when the trip has a start date."""
    start = preferences.start_date
    return None if start is None else start + dt.timedelta(days=day - 1)


def leg_preferences(preferences: Preferences, span: LegSpan, currency: str) -> Preferences:
    """The one-city preferences of a leg's view: its city and days, the view's start
    date, the trip's currency; a stated budget amount for the whole trip is checked on
    the joined trip, not per leg."""
    data = preferences.model_dump(exclude={"legs"})
    data.update(
        city=span.leg.city, country=span.leg.country, days=span.days, currency=currency,
        start_date=(preferences.start_date or REFERENCE_DATE) + dt.timedelta(span.first - 1),
    )
    if preferences.budget_per != "day":
        data.update(budget_amount=None, budget_per=None)
    return Preferences.model_validate(data)


def trip_currency(preferences: Preferences, indexes: Sequence[CityIndex]) -> str:
    """One currency for the whole trip: the traveller's when every leg's prices convert
    to it, else the first leg's city's, else US dollars (docs/planner.md)."""
    for wanted in (preferences.currency, indexes[0].city.prices and
                   indexes[0].city.prices.currency, "USD"):
        if wanted and all(output_currency(i.city, wanted) == wanted for i in indexes):
            return wanted
    return "USD"


def leg_indexes(index_for: IndexFor, preferences: Preferences) -> list[CityIndex]:
    """Each leg's city index (the month of its first day for seasonal hours)."""
    return [index_for(s.leg.city, real_date(preferences, s.first)) for s in spans(preferences)]


def plan_legs(
    index_for: IndexFor, preferences: Preferences, excluded: frozenset[str] = frozenset()
) -> list[LegPlan]:
    """Every leg planned in order (see the module docstring)."""
    all_spans = spans(preferences)
    indexes = leg_indexes(index_for, preferences)
    currency = trip_currency(preferences, indexes)
    plans: list[LegPlan] = []
    taken: set[str] = set()
    for span, index in zip(all_spans, indexes, strict=True):
        previous = indexes[span.position - 1] if span.position else None
        last = span.position == len(all_spans) - 1
        plan = plan_leg(index, preferences, span, currency, previous, last,
                        excluded | frozenset(taken))
        taken |= {i.place.id for d in plan.view.days for i in d.items}
        plans.append(plan)
    return plans


def plan_leg(
    index: CityIndex,
    preferences: Preferences,
    span: LegSpan,
    currency: str,
    previous: CityIndex | None,
    last: bool,
    excluded: frozenset[str],
) -> LegPlan:
    """One leg's view: a plain one-city plan for the first leg, else transit days (an
    overnight flight), the arrival day and the full days; the leg's last day trimmed as
    an eve when another leg follows."""
    prefs = leg_preferences(preferences, span, currency)
    request = resolve(prefs, index, excluded)
    notes: list[str] = []
    if previous is None:
        days = _part(request, prefs, 1, span.days, notes)
    else:
        move = plan_move(previous.city, index.city, real_date(preferences, span.first))
        transit = min(move.arrive_day, span.days)
        full = _part(request, prefs, transit + 2, span.days - transit - 1, notes)
        days = [_empty(request, n, index.city.name) for n in range(1, transit + 1)]
        if transit < span.days:
            days.append(_arrival(request, prefs, transit + 1, full, move.ready))
        days = [*days, *full]
        days[0] = days[0].model_copy(update={"transfer": move.transfer})
    if not last:
        days[-1] = trimmed_eve(days, prefs, index)
    if preferences.start_date is None:
        days = closed_notes(days, index)
    view = itinerary_for(request, days)
    return LegPlan(span=span, view=view, defaults=list(request.defaults), notes=notes)


def closed_notes(days: Sequence[ItineraryDay], index: CityIndex) -> list[ItineraryDay]:
    """``days`` of an undated trip with each sight's closed weekdays in its note, as the
    one-city planner writes them when the weekdays are only assumed (idempotent)."""
    out: list[ItineraryDay] = []
    for day in days:
        items = []
        for item in day.items:
            place = index.by_id.get(item.place.id)
            text = closed_days_note(place) if place and item.kind == "activity" else ""
            if text and text not in item.note:
                item = item.model_copy(update={"note": f"{item.note} {text}".strip()})
            items.append(item)
        out.append(day.model_copy(update={"items": items}))
    return out


def _part(
    request: TripRequest, prefs: Preferences, first: int, count: int, notes: list[str]
) -> list[ItineraryDay]:
    """Local days ``first``..``first + count - 1`` of a leg planned as a trip of their own
    (InvalidRequest when they cannot all be planned)."""
    if count <= 0:
        return []
    assert prefs.start_date is not None
    part = prefs.model_copy(update={
        "days": count, "start_date": prefs.start_date + dt.timedelta(first - 1),
    })
    trip = plan_trip(resolve(part, request.index, request.excluded))
    if len(trip.days) < count:
        raise LegShort(request.index.city.name, len(trip.days), count)
    notes += trip.notes
    return [_renumbered(day, first - 1, prefs.start_date) for day in trip.days]


def _arrival(
    request: TripRequest, prefs: Preferences, number: int, full: list[ItineraryDay], ready: int
) -> ItineraryDay:
    """The arrival day: a one-day plan from the places the full days left, cut to the
    stops after ``ready`` and to the arrival day's activities; an empty day when nothing
    is left or nothing fits."""
    used = frozenset(i.place.id for d in full for i in d.items)
    try:
        days = _part(replace(request, excluded=request.excluded | used), prefs, number, 1, [])
    except InvalidRequest:
        return _empty(request, number, request.index.city.name)
    day = lighten(days[0], ready, arrival_cap(request.pace))
    index = request.index
    kept = [index.by_id[i.place.id] for i in day.items if i.kind == "activity"]
    title = theme(index, kept)
    return day.model_copy(update={
        "theme": f"Arrival in {index.city.name}" + (f": {title}" if title else "")
    })


def _empty(request: TripRequest, number: int, city: str) -> ItineraryDay:
    start = request.start_date
    date = None if start is None else start + dt.timedelta(number - 1)
    return ItineraryDay(day=number, date=date, theme=f"Travel to {city}", items=[])


def _renumbered(day: ItineraryDay, shift: int, start: dt.date) -> ItineraryDay:
    number = day.day + shift
    return day.model_copy(update={"day": number, "date": start + dt.timedelta(number - 1)})


def join(preferences: Preferences, plans: Sequence[LegPlan]) -> Itinerary:
    """The trip document: every leg's days renumbered across the trip (real dates or
    none), each leg listed with its time zone, one estimate for the whole trip."""
    days: list[ItineraryDay] = []
    legs: list[ItineraryLeg] = []
    assumptions: list[str] = []
    for plan in plans:
        span, view = plan.span, plan.view
        days += to_trip_days(view.days, span, preferences)
        legs.append(ItineraryLeg(city=view.city, country=view.country,
                                 timezone=view.legs[0].timezone if view.legs else "",
                                 days=span.numbers()))
        assumptions += [a for a in view.assumptions if a not in assumptions]
    if preferences.start_date is None and NO_START_DATE not in assumptions:
        assumptions.append(NO_START_DATE)
    first = plans[0].view
    return Itinerary(
        city=first.city, country=first.country, days=days, legs=legs,
        assumptions=assumptions,
        estimated_cost=joined_estimate(
            preferences, [(p.view.estimated_cost, p.span.first - 1) for p in plans]
        ),
    )


def shift_days_text(text: str, shift: int) -> str:
    """``text`` written about a leg's view ("Day 2 ...", "days 1 and 3") with its day
    numbers counted across the trip."""
    def renumber(match: re.Match[str]) -> str:
        numbers = re.sub(r"\d+", lambda m: str(int(m.group()) + shift), match.group(2))
        return match.group(1) + numbers

    return _DAYS.sub(renumber, text) if shift else text


def to_trip_days(
    days: Sequence[ItineraryDay], span: LegSpan, preferences: Preferences
) -> list[ItineraryDay]:
    """A view's days as trip days: numbered from the leg's first day, real dates."""
    shift = span.first - 1
    return [
        day.model_copy(update={
            "day": day.day + shift, "date": real_date(preferences, day.day + shift),
        })
        for day in days
    ]


def view_of(
    itinerary: Itinerary, preferences: Preferences, span: LegSpan, currency: str,
    index: CityIndex,
) -> tuple[Itinerary, Preferences]:
    """Leg ``span`` of a planned trip as a one-city itinerary (local day numbers, the
    view's dates) with its view preferences."""
    prefs = leg_preferences(preferences, span, currency)
    assert prefs.start_date is not None
    start = prefs.start_date
    shift = span.first - 1
    days = [
        d.model_copy(update={"day": d.day - shift,
                             "date": start + dt.timedelta(d.day - shift - 1)})
        for d in itinerary.days if span.first <= d.day <= span.last
    ]
    view = itinerary_for(resolve(prefs, index), days)
    return view, prefs
