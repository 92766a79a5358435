"""Rendering an itinerary as JSON, Markdown or an iCalendar file (pure functions).

Dates: a day's own date, else the start date, else the first Monday after "today" (the
file says so). ICS events are in the city's time zone (with a generated VTIMEZONE), one
VEVENT per item with location and geo; UIDs are derived from the date and place, so
exporting the same itinerary twice gives the same events.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from wayfarer.domain import Itinerary
from wayfarer.planner.clock import minutes_of, next_monday

PRODID = "-//Wayfarer//Itinerary//EN"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def long_date(day: dt.date) -> str:
    """"Monday 2 March 2026"."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def trip_start(itinerary: Itinerary, start_date: dt.date | None, today: dt.date) -> tuple[
    dt.date, bool
]:
    """The date of day 1 and whether it was assumed (no date known: next Monday)."""
    if itinerary.days and itinerary.days[0].date is not None:
        return itinerary.days[0].date - dt.timedelta(days=itinerary.days[0].day - 1), False
    if start_date is not None:
        return start_date, False
    return next_monday(today), True


def day_date(start: dt.date, day: int) -> dt.date:
    """Calendar date of trip day ``day`` given day 1's date."""
    return start + dt.timedelta(days=day - 1)


def to_json(itinerary: Itinerary) -> str:
    """The itinerary document of SPEC §6 as indented JSON."""
    return itinerary.model_dump_json(indent=2) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(itinerary: Itinerary, start: dt.date | None, assumed: bool) -> str:
    """A readable Markdown page: title, dates, assumptions, and one table per day."""
    n = len(itinerary.days)
    lines = [f"# {n} day{'s' if n != 1 else ''} in {itinerary.city}, {itinerary.country}", ""]
    if start is not None and not assumed:
        lines += [f"From {long_date(start)} to {long_date(day_date(start, n))}.", ""]
    else:
        lines += ["No dates set yet: opening hours assume day 1 is a Monday.", ""]
    cost = itinerary.estimated_cost
    budget = f"Budget: {cost.level}"
    if cost.amount is not None:
        budget += f" ({cost.amount:g} {cost.currency or ''})".replace(" )", ")")
    lines += [budget + ".", ""]
    if itinerary.assumptions:
        lines += ["Assumptions:", ""] + [f"- {a}" for a in itinerary.assumptions] + [""]
    for day in itinerary.days:
        heading = f"## Day {day.day}"
        if start is not None and not assumed:
            heading += f" · {long_date(day_date(start, day.day))}"
        if day.theme:
            heading += f": {day.theme}"
        lines += [heading, "", "| Time | Place | Notes |", "|---|---|---|"]
        for item in day.items:
            place = item.place
            what = f"**{_cell(place.name)}** ({_cell(place.category)})"
            lines.append(f"| {item.start}-{item.end} | {what} | {_cell(item.note)} |")
        lines.append("")
    return "\n".join(lines)


def to_ics(
    itinerary: Itinerary,
    timezone: str,
    start: dt.date,
    assumed: bool,
    stamp: dt.datetime,
    slug: str,
) -> str:
    """An iCalendar file with one VEVENT per item, in ``timezone``; says when the dates
    are assumed."""
    zone = ZoneInfo(timezone)
    n = len(itinerary.days)
    if assumed:
        note = (
            f"No start date was set, so these dates assume the trip starts on the next "
            f"Monday, {long_date(start)}."
        )
    else:
        note = f"Trip from {long_date(start)}."
    calendar = Calendar.new(
        prodid=PRODID,
        name=f"{itinerary.city} trip",
        description=f"{n} day{'s' if n != 1 else ''} in {itinerary.city}, "
        f"{itinerary.country}. {note}",
        uid=f"wayfarer-{slug}-{start.isoformat()}",
    )
    calendar.add("x-wr-timezone", timezone)
    for day in itinerary.days:
        date = day_date(start, day.day)
        for item in day.items:
            place = item.place
            begin = dt.datetime.combine(date, _time(item.start), tzinfo=zone)
            end = dt.datetime.combine(date, _time(item.end), tzinfo=zone)
            summary = place.name
            if item.kind == "meal":
                summary = f"{'Lunch' if begin.hour < 16 else 'Dinner'} at {place.name}"
            description = f"Day {day.day}" + (f": {day.theme}" if day.theme else "")
            if item.note:
                description += f"\n{item.note}"
            if assumed:
                description += f"\n{note}"
            event = Event.new(
                uid=f"{date:%Y%m%d}-{place.id}@wayfarer",
                summary=summary,
                start=begin,
                end=end,
                stamp=stamp,
                location=f"{place.name}, {itinerary.city}, {itinerary.country}",
                description=description,
                categories=[item.kind, place.category],
            )
            event.add("geo", (place.lat, place.lon))
            calendar.add_component(event)
    calendar.add_missing_timezones(
        first_date=start - dt.timedelta(days=1), last_date=day_date(start, n + 1)
    )
    return str(calendar.to_ical().decode("utf-8"))


def _time(text: str) -> dt.time:
    minutes = minutes_of(text)
    return dt.time(minutes // 60, minutes % 60)
