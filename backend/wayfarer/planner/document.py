"""The itinerary document (SPEC §6) for a planned or edited trip: days priced, the cost
estimate, assumptions."""

from wayfarer.domain import Itinerary, ItineraryDay
from wayfarer.planner.cost import Pricer, estimate, output_currency, over_budget_note, priced_days
from wayfarer.planner.request import TripRequest


def itinerary_for(request: TripRequest, days: list[ItineraryDay]) -> Itinerary:
    """The itinerary document for ``request`` with ``days``: city, assumptions, every
    item's per-person cost and the trip's estimate."""
    city = request.index.city
    pricer = Pricer(city, output_currency(city, request.currency))
    priced = priced_days(days, pricer)
    excursions = frozenset(p.id for p in city.places if p.excursion is not None)
    return Itinerary(
        city=city.name,
        country=city.country,
        days=priced,
        assumptions=list(request.assumptions),
        estimated_cost=estimate(request, priced, excursions),
    )


def budget_notes(request: TripRequest, itinerary: Itinerary) -> list[str]:
    """A note when the estimate goes over the traveller's stated budget (else none)."""
    note = over_budget_note(request, itinerary.estimated_cost, itinerary.days)
    return [] if note is None else [note]
