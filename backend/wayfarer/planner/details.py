"""What the page shows about each stop beyond the itinerary itself (pure, no I/O).

For every item of an itinerary: the place's opening hours on that day's weekday (and the
weekdays it is closed), a one-line reason it was chosen, the catalog's description, and the
travel to the next stop of the day (great-circle km, minutes and mode, by the planner's
own travel model in :mod:`.geo`, so the page and the schedule agree).
"""

from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel

from wayfarer.domain import Itinerary, ItineraryItem, Preferences
from wayfarer.domain.geo import haversine_km
from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.clock import weekday_of
from wayfarer.planner.geo import is_transit_hop, travel_minutes_km
from wayfarer.planner.index import CityIndex
from wayfarer.planner.request import join_words

WEEKDAYS = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")
WELL_KNOWN_RANK = 8
"""Activities ranked this high in their city's file count as its best-known sights."""


class TravelLeg(BaseModel):
    """Getting from one stop to the next."""

    km: float
    minutes: int
    mode: Literal["walk", "transit"]


class StopDetails(BaseModel):
    """Details of the stop ``place_id`` on ``day`` (``hours`` is "closed" when it is)."""

    day: int
    place_id: str
    hours: str
    closed_on: list[str]
    why: str
    description: str
    travel_next: TravelLeg | None = None


def _hours(place: CatalogPlace, weekday: int) -> str:
    text = place.hours[weekday].strip()
    if text == "24h":
        return "open 24 hours"
    return text.replace("-", "\u2013").replace(",", ", ")  # an en dash between times


def _why(index: CityIndex, place: CatalogPlace, item: ItineraryItem, prefs: Preferences) -> str:
    if item.kind == "meal":
        slot = "lunch" if item.start < "16:00" else "dinner"
        return f"A {place.category} near the day's route, open at {slot} time."
    shared = [i for i in place.interests if i in prefs.interests]
    if shared:
        return f"For your interest in {join_words([str(i) for i in shared])}."
    if index.rank.get(place.id, WELL_KNOWN_RANK) < WELL_KNOWN_RANK:
        return f"One of {index.city.name}'s best-known sights."
    return f"Fits the day's route and shows {join_words([str(i) for i in place.interests])}."


def _leg(a: ItineraryItem, b: ItineraryItem) -> TravelLeg:
    km = haversine_km(a.place.lat, a.place.lon, b.place.lat, b.place.lon)
    return TravelLeg(
        km=round(km, 2),
        minutes=travel_minutes_km(km),
        mode="transit" if is_transit_hop(km) else "walk",
    )


def stop_details(
    index: CityIndex,
    itinerary: Itinerary,
    preferences: Preferences,
    cities: Mapping[str, CityIndex] | None = None,
) -> list[StopDetails]:
    """Details for every stop of ``itinerary`` in order, each day's from its own city's
    index (``cities``, by city name; ``index`` for a day without a known city); places
    the catalog no longer has are skipped."""
    found: list[StopDetails] = []
    for day in itinerary.days:
        weekday = weekday_of(day.day, preferences.start_date)
        index = (cities or {}).get(day.city or "", index)
        for k, item in enumerate(day.items):
            place = index.by_id.get(item.place.id)
            if place is None:
                continue
            following = day.items[k + 1] if k + 1 < len(day.items) else None
            found.append(StopDetails(
                day=day.day,
                place_id=place.id,
                hours=_hours(place, weekday),
                closed_on=[WEEKDAYS[w] for w in range(7) if place.hours[w].strip() == "closed"],
                why=_why(index, place, item, preferences),
                description=place.description,
                travel_next=_leg(item, following) if following else None,
            ))
    return found
