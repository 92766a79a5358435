"""The itinerary document (SPEC §6) for a planned or edited trip: days priced, the cost
estimate, assumptions."""

from wayfarer.domain import Itinerary, ItineraryDay, ItineraryLeg
from wayfarer.planner.clock import minutes_of
from wayfarer.planner.cost import Pricer, estimate, output_currency, over_budget_note, priced_days
from wayfarer.planner.request import TripRequest


def itinerary_for(request: TripRequest, days: list[ItineraryDay]) -> Itinerary:
    """The itinerary document for ``request`` with ``days``: city, assumptions, every
    item's per-person cost and the trip's estimate."""
    city = request.index.city
    pricer = Pricer(city, output_currency(city, request.currency))
    if request.pace == "relaxed":
        days = [named_free_time(day) for day in days]
    priced = [day.model_copy(update={"city": city.name, "country": city.country})
              for day in priced_days(days, pricer)]
    excursions = frozenset(p.id for p in city.places if p.excursion is not None)
    leg = ItineraryLeg(city=city.name, country=city.country, timezone=city.timezone,
                       days=[day.day for day in priced])
    return Itinerary(
        city=city.name,
        country=city.country,
        days=priced,
        legs=[leg],
        assumptions=list(request.assumptions),
        estimated_cost=estimate(request, priced, excursions),
    )


def budget_notes(request: TripRequest, itinerary: Itinerary) -> list[str]:
    """A note when the estimate goes over the traveller's stated budget (else none)."""
    note = over_budget_note(request, itinerary.estimated_cost, itinerary.days)
    return [] if note is None else [note]


#: A relaxed day's wait this long or longer is named as free time.
FREE_TIME = 90
FREE_TIME_NOTE = "Then free time until {}."


def named_free_time(day: ItineraryDay) -> ItineraryDay:
    """``day`` with each wait of :data:`FREE_TIME` minutes or more named in the note of
    the item before it ("Then free time until 17:00."); idempotent."""
    items = list(day.items)
    changed = False
    for k in range(len(items) - 1):
        wait = minutes_of(items[k + 1].start) - minutes_of(items[k].end)
        text = FREE_TIME_NOTE.format(items[k + 1].start)
        if wait >= FREE_TIME and text not in items[k].note:
            items[k] = items[k].model_copy(update={"note": f"{items[k].note} {text}".strip()})
            changed = True
    return day.model_copy(update={"items": items}) if changed else day
