"""Planning a multi-city trip again after a leg changed (one leg's days, a leg added,
removed or reordered), keeping every leg that did not move exactly as it is now, edits
included.

A leg is kept when the current itinerary has a leg in the same city on the same trip days
after the same city (so its dates, weekdays and transfer are unchanged); it only gets its
last day trimmed as an eve (``travel.trimmed_eve``) when a leg now follows it. Every other
leg is planned afresh (``legs.plan_leg``) without the kept legs' places, so no place is
used twice. Preferences other than the legs are expected unchanged; after a pace or
budget change, plan the whole trip instead.
"""

from wayfarer.domain import Itinerary, Preferences
from wayfarer.planner.legs import (
    IndexFor,
    LegPlan,
    LegSpan,
    leg_indexes,
    plan_leg,
    spans,
    trip_currency,
    view_of,
)
from wayfarer.planner.travel import trimmed_eve


def kept_legs(itinerary: Itinerary, all_spans: list[LegSpan]) -> set[int]:
    """Positions of the new legs ``itinerary`` already holds unmoved."""
    old = [
        (leg.city.casefold(), tuple(leg.days),
         itinerary.legs[k - 1].city.casefold() if k else None)
        for k, leg in enumerate(itinerary.legs)
    ]
    kept: set[int] = set()
    for span in all_spans:
        before = all_spans[span.position - 1].leg.city.casefold() if span.position else None
        if (span.leg.city.casefold(), tuple(span.numbers()), before) in old:
            kept.add(span.position)
    return kept


def replan_legs(
    index_for: IndexFor,
    itinerary: Itinerary,
    preferences: Preferences,
    excluded: frozenset[str] = frozenset(),
) -> list[LegPlan]:
    """Every leg of ``preferences``: unmoved legs as in ``itinerary``, others planned."""
    all_spans = spans(preferences)
    indexes = leg_indexes(index_for, preferences)
    currency = trip_currency(preferences, indexes)
    kept = kept_legs(itinerary, all_spans)
    keep_ids = {
        i.place.id for d in itinerary.days for i in d.items
        if any(all_spans[k].first <= d.day <= all_spans[k].last for k in kept)
    }
    plans: list[LegPlan] = []
    taken: set[str] = set()
    for span, index in zip(all_spans, indexes, strict=True):
        last = span.position == len(all_spans) - 1
        if span.position in kept:
            view, prefs = view_of(itinerary, preferences, span, currency, index)
            days = list(view.days)
            if not last:
                days[-1] = trimmed_eve(days, prefs, index)
            plan = LegPlan(span, view.model_copy(update={"days": days}), [], [])
        else:
            previous = indexes[span.position - 1] if span.position else None
            plan = plan_leg(index, preferences, span, currency, previous, last,
                            excluded | frozenset(taken | keep_ids))
        taken |= {i.place.id for d in plan.view.days for i in d.items}
        plans.append(plan)
    return plans
