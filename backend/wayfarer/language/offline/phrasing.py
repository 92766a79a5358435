"""Small, pure helpers for phrasing replies: varied choice, lists, days and defaults."""

import re
import zlib
from collections.abc import Sequence
from datetime import date

from wayfarer.domain import Itinerary, ItineraryDay, ItineraryItem, Preferences, Transfer

#: Plain-text day separator ("Day 1 — Alfama").
DASH = "\u2014"


def pick(options: Sequence[str], session_id: str, turn: int, salt: str) -> str:
    """One of ``options``, chosen deterministically from (session, turn, salt).

    The same turn always reads the same, and two consecutive turns never pick the same
    phrasing (the index advances by one per turn from a per-session offset).
    """
    offset = zlib.crc32(f"{session_id}:{salt}".encode())
    return options[(offset + turn) % len(options)]


def join_words(items: Sequence[str], conjunction: str = "and") -> str:
    """"a", "a and b", "a, b and c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def capitalised(text: str) -> str:
    """``text`` with its first letter in upper case (the rest untouched)."""
    return text[:1].upper() + text[1:]


def chunks(text: str) -> list[str]:
    """Word-ish streaming chunks whose concatenation is exactly ``text``."""
    return re.findall(r"\S+\s*|\s+", text)


def short_date(day: date) -> str:
    """"Sat 3 May"."""
    return f"{day:%a} {day.day} {day:%b}"


def long_date(day: date) -> str:
    """"Saturday 3 May"."""
    return f"{day:%A} {day.day} {day:%B}"


def meal_word(item: ItineraryItem) -> str:
    """"breakfast", "lunch" or "dinner" from the item's start time."""
    hour = int(item.start[:2])
    if hour < 11:
        return "breakfast"
    return "lunch" if hour < 16 else "dinner"


def day_heading(day: ItineraryDay) -> str:
    """"Day 1 (Sat 3 May) — Alfama & the castle"."""
    when = f" ({short_date(day.date)})" if day.date else ""
    theme = f" {DASH} {day.theme}" if day.theme else ""
    return f"Day {day.day}{when}{theme}"


def empty_day_words(day: ItineraryDay) -> str:
    """What a day without sights holds: the journey's bound when travel leaves it no time
    ("no time for sights before you leave (free until 06:00)"), else a free day."""
    if day.free_until is not None:
        return f"no time for sights before you leave (free until {day.free_until})"
    if day.free_from is not None:
        return f"no time for sights after you arrive (free from {day.free_from})"
    return "a free day to wander"


def day_line(day: ItineraryDay) -> str:
    """One line per day: heading, the move between cities on a travel day, the sights,
    then where to eat."""
    sights = [i.place.name for i in day.items if i.kind == "activity"]
    meals = [f"{meal_word(i)} at {i.place.name}" for i in day.items if i.kind == "meal"]
    body = ", ".join(sights) or empty_day_words(day)
    if meals:
        body += "; " + join_words(meals)
    if day.transfer is not None:
        body = f"{transfer_words(day.transfer)}; then {body}"
    return f"{day_heading(day)}: {body}"


_MODE_WORDS = {"rail": "train", "flight": "plane", "bus": "bus", "ferry": "ferry"}


def transfer_words(transfer: Transfer) -> str:
    """"Tokyo to Kyoto by train, about 2h 40m door to door (an estimate)"."""
    hours, minutes = divmod(transfer.minutes, 60)
    length = f"{hours}h {minutes:02d}m" if hours else f"{minutes}m"
    return (f"{transfer.from_city} to {transfer.to_city} by {_MODE_WORDS[transfer.mode]}, "
            f"about {length} door to door (an estimate)")


def legs_words(legs: Sequence[tuple[str, int | None]]) -> str:
    """"3 days in Tokyo, then 2 in Kyoto" (legs without days: "Tokyo, then Kyoto")."""
    parts = [city if days is None else (days_word(days) + f" in {city}" if not i
                                        else f"{days} in {city}")
             for i, (city, days) in enumerate(legs)]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + ", then " + parts[-1]


def itinerary_legs(itinerary: Itinerary) -> list[tuple[str, int | None]]:
    """The planned legs as (city, number of days), in order."""
    return [(leg.city, len(leg.days)) for leg in itinerary.legs]


def day_schedule(day: ItineraryDay) -> list[str]:
    """The day hour by hour: "09:30-11:00 Belém Tower", "13:00 lunch at ..."."""
    lines = []
    for item in day.items:
        if item.kind == "meal":
            line = f"{item.start} {meal_word(item)} at {item.place.name}"
        else:
            line = f"{item.start}\u2013{item.end} {item.place.name}"
        if item.note:
            line += f" ({item.note})"
        lines.append(line)
    return lines


def trip_length(itinerary: Itinerary) -> str:
    """"4-day" / "1-day"."""
    return f"{len(itinerary.days)}-day"


def days_word(count: int) -> str:
    """"1 day", "4 days"."""
    return f"{count} day" if count == 1 else f"{count} days"


PACE_PHRASES = {
    "relaxed": "a relaxed pace",
    "moderate": "a moderate pace",
    "packed": "a packed pace",
}
BUDGET_PHRASES = {
    "budget": "a tight budget",
    "moderate": "a moderate budget",
    "luxury": "a luxury budget",
}


def defaults_used(defaults: Sequence[str], itinerary: Itinerary) -> list[str]:
    """Each defaulted preference in words ("3 days", "a moderate pace")."""
    words = {
        "days": days_word(len(itinerary.days)),
        "interests": "the city's top sights",
        "pace": PACE_PHRASES["moderate"],
        "budget": BUDGET_PHRASES["moderate"],
    }
    return [words.get(name, name.replace("_", " ")) for name in defaults]


def interests_words(prefs: Preferences) -> str:
    """"food and viewpoints"."""
    return join_words(list(prefs.interests))


def party_words(travelers: int) -> str:
    """"just you", "the two of you", "4 of you"."""
    if travelers == 1:
        return "just you"
    if travelers == 2:
        return "the two of you"
    return f"{travelers} of you"


def acknowledgement(prefs: Preferences, fields: Sequence[str]) -> str:
    """What the traveller just told us, in a few words ("Lisbon, 4 days, food")."""
    parts: list[str] = []
    for name in fields:
        if name == "city" and prefs.is_multi_city():
            parts.append(legs_words([(leg.city, leg.days) for leg in prefs.legs]))
        elif name == "city" and prefs.city:
            parts.append(prefs.city)
        elif name == "days" and prefs.days:
            parts.append(days_word(prefs.days))
        elif name == "start_date" and prefs.start_date:
            parts.append(f"from {long_date(prefs.start_date)}")
        elif name == "interests" and prefs.interests:
            parts.append(interests_words(prefs))
        elif name == "pace" and prefs.pace:
            parts.append(PACE_PHRASES[prefs.pace])
        elif name == "budget" and prefs.budget:
            parts.append(BUDGET_PHRASES[prefs.budget])
        elif name == "budget_amount" and prefs.budget_amount:
            currency = f" {prefs.currency}" if prefs.currency else ""
            parts.append(f"about {prefs.budget_amount:,.0f}{currency} to spend")
        elif name == "travelers" and prefs.travelers:
            parts.append(party_words(prefs.travelers))
    return ", ".join(parts)
