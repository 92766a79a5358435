"""The verifier of a multi-city trip: every leg checked with its own city as a one-city
trip (``verify.verify_itinerary`` on the leg's view), plus the rules that join them.

Rule codes added to ``verify``'s:

    legs              the itinerary's legs are not the preferences' legs in order, or a
                      day names another city than its leg's
    transfer          a leg after the first without its transfer on its first day, a
                      transfer elsewhere, or one between the wrong cities
    eve               the day before a transfer keeps an activity after dinner that
                      ``travel.eve_trim`` would drop

plus ``day_numbers``, ``dates`` and ``duplicate_place`` across the whole trip. Violations
found inside a leg carry trip day numbers.
"""

from wayfarer.domain import Itinerary, Preferences
from wayfarer.planner.base import Violation
from wayfarer.planner.legs import (
    IndexFor,
    leg_indexes,
    real_date,
    shift_days_text,
    spans,
    trip_currency,
    view_of,
)
from wayfarer.planner.request import effective_pace
from wayfarer.planner.travel import eve_minimum, eve_trim
from wayfarer.planner.verify import verify_itinerary


def verify_legs(
    itinerary: Itinerary, preferences: Preferences, index_for: IndexFor
) -> list[Violation]:
    """Every broken rule of a multi-city ``itinerary``; empty when valid."""
    out: list[Violation] = []
    all_spans = spans(preferences)
    planned = [(leg.city.casefold(), leg.days) for leg in itinerary.legs]
    wanted = [(s.leg.city.casefold(), s.numbers()) for s in all_spans]
    if planned != wanted:
        return [Violation(rule="legs", message="The itinerary's legs are not the trip's.")]
    out += _trip_days(itinerary, preferences)
    indexes = leg_indexes(index_for, preferences)
    currency = trip_currency(preferences, indexes)
    pace = effective_pace(preferences)
    for span, index in zip(all_spans, indexes, strict=True):
        view, prefs = view_of(itinerary, preferences, span, currency, index)
        shift = span.first - 1
        for problem in verify_itinerary(view, prefs, index):
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
        if eve is not None and eve_trim(eve, eve_minimum(view.days, pace), index) != eve:
            out.append(Violation(rule="eve", day=span.last,
                                 message=f"Day {span.last} is the eve of a transfer: "
                                 "nothing after dinner."))
    return out


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
