"""The verifier of a multi-city trip: every leg checked with its own city as a one-city
trip (``verify.verify_itinerary`` on the leg's view), plus the rules that join them.

Rule codes added to ``verify``'s:

    legs              the itinerary's legs are not the preferences' legs in order, or a
                      day names another city than its leg's
    transfer          a leg after the first without its transfer on its first day, a
                      transfer elsewhere, or one between the wrong cities
    eve               the day before a transfer keeps an activity after dinner that
                      ``travel.trimmed_eve`` would drop

plus ``day_numbers``, ``dates`` and ``duplicate_place`` across the whole trip. Violations
found inside a leg carry trip day numbers.
"""

from wayfarer.domain import Itinerary, Preferences
from wayfarer.errors import InvalidRequest
from wayfarer.planner.base import Violation
from wayfarer.planner.index import CityIndex
from wayfarer.planner.legs import (
    IndexFor,
    LegSpan,
    leg_indexes,
    real_date,
    shift_days_text,
    spans,
    trip_currency,
    view_of,
)
from wayfarer.planner.travel import trimmed_eve
from wayfarer.planner.verify import verify_itinerary


def verify_legs(
    itinerary: Itinerary, preferences: Preferences, index_for: IndexFor
) -> list[Violation]:
    """Every broken rule of a multi-city ``itinerary``; empty when valid (a leg without
    its days, or a city not covered, is one ``legs`` violation)."""
    out: list[Violation] = []
    try:
        all_spans = spans(preferences)
        indexes = leg_indexes(index_for, preferences)
    except InvalidRequest as error:
        return [Violation(rule="legs", message=str(error))]
    planned = [(leg.city.casefold(), leg.days) for leg in itinerary.legs]
    wanted = [(s.leg.city.casefold(), s.numbers()) for s in all_spans]
    if planned != wanted:
        return [Violation(rule="legs", message="The itinerary's legs are not the trip's.")]
    out += _trip_days(itinerary, preferences)
    currency = trip_currency(preferences, indexes)
    for span, index in zip(all_spans, indexes, strict=True):
        view, prefs = view_of(itinerary, preferences, span, currency, index)
        shift = span.first - 1
        for problem in verify_itinerary(view, prefs, index, _revisit(itinerary, span, index)):
            day = None if problem.day is None else problem.day + shift
            out.append(problem.model_copy(update={
                "day": day, "message": shift_days_text(problem.message, shift),
            }))
        first = view.days[0] if view.days else None
        move = first.transfer if first is not None else None
        if span.position and (move is None or move.to_city != index.city.name):
            out.append(Violation(rule="transfer", day=span.first,
                                 message=f"Day {span.first} has no transfer to {span.leg.city}."))
        if any(d.transfer is not None for d in view.days[1:]) or (
            span.position == 0 and move is not None
        ):
            out.append(Violation(rule="transfer",
                                 message=f"A stray transfer in {index.city.name}."))
        eve = view.days[-1] if view.days and span.position < len(all_spans) - 1 else None
        if eve is not None and trimmed_eve(view.days, prefs, index) != eve:
            out.append(Violation(rule="eve", day=span.last,
                                 message=f"Day {span.last} is the eve of a transfer: "
                                 "nothing after dinner."))
    return out


def _revisit(itinerary: Itinerary, span: LegSpan, index: CityIndex) -> frozenset[str]:
    """Interests the trip shows in the same city outside leg ``span`` (Tokyo, Kyoto,
    Tokyo again: a place is never used twice, so each visit need not show them all)."""
    return frozenset(
        interest
        for leg in itinerary.legs if leg.city == index.city.name
        for day in itinerary.days if day.day in leg.days and day.day not in span.numbers()
        for item in day.items if item.place.id in index.by_id
        for interest in index.by_id[item.place.id].interests
    )


def _trip_days(itinerary: Itinerary, preferences: Preferences) -> list[Violation]:
    out: list[Violation] = []
    seen: dict[str, int] = {}
    city_of = {n: leg.city for leg in itinerary.legs for n in leg.days}
    for position, day in enumerate(itinerary.days, start=1):
        if day.day != position:
            out.append(Violation(rule="day_numbers", day=day.day,
                                 message=f"Day {day.day} is in position {position}."))
        expected = real_date(preferences, day.day)
        if day.date != expected:
            out.append(Violation(rule="dates", day=day.day,
                                 message=f"Day {day.day} has the wrong date."))
        if day.city != city_of.get(day.day):
            out.append(Violation(rule="legs", day=day.day,
                                 message=f"Day {day.day} is not in {city_of.get(day.day)}."))
        for item in day.items:
            if item.place.id in seen:
                out.append(Violation(rule="duplicate_place", day=day.day,
                                     message=f"{item.place.name} is already on day "
                                     f"{seen[item.place.id]}."))
            seen.setdefault(item.place.id, day.day)
    return out
