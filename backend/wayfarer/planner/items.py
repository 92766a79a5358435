"""From scheduled stops to itinerary items: meal slots, notes, day titles."""

import re
from collections.abc import Sequence

from wayfarer.domain import ItineraryItem
from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.clock import hhmm
from wayfarer.planner.gaps import Stop
from wayfarer.planner.index import CityIndex

AREA_CATEGORIES = ("neighbourhood", "street", "square", "market")
THEME_MAX = 48


def slot_of(stop_start: int) -> str:
    """Which meal a meal item starting at ``stop_start`` is (lunch before 16:00); for
    items without a typed ``meal`` (documents older than schema 3)."""
    return "lunch" if stop_start < 16 * 60 else "dinner"


def item_slot(item: ItineraryItem) -> str:
    """The meal an itinerary meal item is: its typed ``meal``, else by its start time."""
    if item.meal is not None:
        return item.meal
    hours, _, minutes = item.start.partition(":")
    return slot_of(int(hours) * 60 + int(minutes))


def theme(index: CityIndex, activities: Sequence[CatalogPlace]) -> str:
    """A short day title from its headline place and its area ("Plaka & Acropolis")."""
    if not activities:
        return ""
    ordered = sorted(activities, key=lambda p: index.rank[p.id])
    top = ordered[0]
    area = next((p for p in ordered if p.category in AREA_CATEGORIES), None)
    if area is not None and area is not top:
        title = f"{_short(area.name)} & {_short(top.name)}"
    elif len(ordered) > 1:
        title = f"{_short(top.name)} & {_short(ordered[1].name)}"
    else:
        title = _short(top.name)
    if len(title) > THEME_MAX:
        title = f"{_short(top.name)} and around"
    return title


def _short(name: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", name).strip()


WEEKDAY_NAMES = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays",
                 "Sundays")


def closed_days_note(place: CatalogPlace) -> str:
    """"Closed on Mondays — go another day …" for a place closed on some weekdays (usual
    hours; "Open only on …" when it is closed on most), else ""."""
    closed = [d for d, hours in enumerate(place.hours) if hours == "closed"]
    if not closed or len(closed) == 7:
        return ""
    if len(closed) >= 4:
        open_days = [WEEKDAY_NAMES[d] for d in range(7) if d not in closed]
        return f"Open only on {_and(open_days)} — go another day if this day falls on none."
    names = _and([WEEKDAY_NAMES[d] for d in closed])
    return f"Closed on {names} — go another day if this day falls on one."


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def to_items(stops: Sequence[Stop], dated: bool = True) -> list[ItineraryItem]:
    """Itinerary items for scheduled stops. Without dates (``dated`` False) a sight closed
    on some weekdays says so in its note, since the trip's weekdays are only assumed."""
    items = []
    for stop in stops:
        place = stop.place
        if stop.slot is None:
            note = place.description
            closed = "" if dated else closed_days_note(place)
            items.append(
                ItineraryItem(
                    start=hhmm(stop.start), end=hhmm(stop.end), kind="activity",
                    place=place.ref(), note=f"{note} {closed}".strip(),
                )
            )
        else:
            items.append(
                ItineraryItem(
                    start=hhmm(stop.start), end=hhmm(stop.end), kind="meal", place=place.ref(),
                    note=f"{stop.slot.capitalize()}: {place.description}",
                    meal="lunch" if stop.slot == "lunch" else "dinner",
                )
            )
    return items
