"""The verifier's realism rules (issue 10), checked on every itinerary next to SPEC §6's.

Rule codes (``Violation.rule``):

    meal_served     a lunch or dinner at a place that does not serve that meal (``serves``)
    meal_window     a lunch or dinner starting outside the city's local window (``meals``)
    dining_level    a meal at a cost level outside the trip's dining levels for that
                    meal (``index.DINING_LEVELS``: a luxury trip dines upscale), unless
                    the traveller's wish chose it (the item's ``wish``: "cheap" may sit
                    below the floor, never above the ceiling; ``index.dining_levels``)
    best_time       a visit outside its place's best time of day (``best_time``)
    fixed_time      a show or ceremony not starting at one of its ``fixed_times``
    idle_gap        a moderate or packed day waiting ``gaps.IDLE_LIMIT`` minutes or more
                    between two stops
    estimate        the cost estimate is missing its amount, currency or breakdown
"""

from wayfarer.domain import Itinerary, ItineraryDay, ItineraryItem
from wayfarer.planner.base import Violation
from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.clock import hhmm, minutes_of
from wayfarer.planner.gaps import IDLE_LIMIT, idle_gaps
from wayfarer.planner.index import CityIndex
from wayfarer.planner.items import item_slot

#: Minutes a visit may run past the end of its best-time window.
BEST_TIME_GRACE = 0


def realism_violations(
    itinerary: Itinerary, index: CityIndex, pace: str, budget: str
) -> list[Violation]:
    """Every broken realism rule of ``itinerary`` (a ``pace`` / ``budget`` trip)."""
    out: list[Violation] = []
    for day in itinerary.days:
        for item in day.items:
            place = index.by_id.get(item.place.id)
            if place is not None:
                out += _item_rules(index, day.day, item, place, budget)
        if (day.pace or pace) != "relaxed":
            out += _idle(day)
    cost = itinerary.estimated_cost
    if cost.amount is None or cost.currency is None or cost.breakdown is None:
        out.append(Violation(rule="estimate", message="The itinerary has no cost estimate."))
    return out


def _item_rules(
    index: CityIndex, day: int, item: ItineraryItem, place: CatalogPlace, budget: str
) -> list[Violation]:
    out: list[Violation] = []
    start, end = minutes_of(item.start), minutes_of(item.end)
    if item.kind == "meal" and place.kind == "food":
        slot = item_slot(item)
        if not place.serves_meal(slot):
            out.append(Violation(rule="meal_served", day=day,
                                 message=f"{place.name} doesn't serve {slot}."))
        window = index.slots[slot]
        if not window.earliest <= start <= window.latest:
            out.append(Violation(
                rule="meal_window", day=day,
                message=f"{slot.capitalize()} at {item.start} is outside {index.city.name}'s "
                f"{slot} time ({hhmm(window.earliest)}-{hhmm(window.latest)}).",
            ))
        if not index.dines(place, budget, slot, item.wish):
            out.append(Violation(
                rule="dining_level", day=day,
                message=f"{place.name} (cost level {place.cost_level}) doesn't suit a "
                f"{budget} trip's {slot}.",
            ))
    if place.best_time is not None and not _inside(place, start, end):
        out.append(Violation(
            rule="best_time", day=day,
            message=f"{place.name} at {item.start}-{item.end} is outside its best time "
            f"({place.best_time.start}-{place.best_time.end}: {place.best_time.reason}).",
        ))
    if place.fixed_times and item.start not in place.fixed_times:
        out.append(Violation(
            rule="fixed_time", day=day,
            message=f"{place.name} starts at {', '.join(place.fixed_times)}, not {item.start}.",
        ))
    return out


def _inside(place: CatalogPlace, start: int, end: int) -> bool:
    assert place.best_time is not None
    low, high = place.best_time.minutes()
    return any(
        low + shift <= start and end <= high + shift + BEST_TIME_GRACE for shift in (-1440, 0)
    )


def _idle(day: ItineraryDay) -> list[Violation]:
    spans = [(minutes_of(i.start), minutes_of(i.end)) for i in day.items]
    return [
        Violation(
            rule="idle_gap", day=day.day,
            message=f"Day {day.day} waits from {day.items[k].end} to "
            f"{day.items[k + 1].start} ({IDLE_LIMIT // 60} hours or more) with nothing planned.",
        )
        for k in idle_gaps(spans)
    ]
