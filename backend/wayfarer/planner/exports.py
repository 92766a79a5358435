"""Rendering an itinerary as JSON, Markdown or an iCalendar file (pure functions).

Dates: a day's own date, else the start date, else the first Monday after "today" (the
file says so). ICS events are in their day's city's time zone (with a generated VTIMEZONE
for each), one VEVENT per item with location and geo, and one per transfer between legs
(leaving in the origin's time zone, arriving in the destination's); UIDs are derived
from the date and place, so exporting the same itinerary twice gives the same events.
A multi-city trip's Markdown has a heading per leg and the transfer under its day.
"""

import datetime as dt
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from wayfarer.domain import EstimatedCost, Itinerary, ItineraryDay, ItineraryLeg, Transfer
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


def legs_by_day(itinerary: Itinerary) -> dict[int, ItineraryLeg]:
    """Trip day number -> its leg (empty for a document without legs)."""
    return {n: leg for leg in itinerary.legs for n in leg.days}


def transfer_text(move: Transfer) -> str:
    """"Travel Tokyo → Kyoto by rail, 09:00 → 12:20 (about 3 h 20 min; estimate)"."""
    hours, mins = divmod(move.minutes, 60)
    later = "" if not move.arrive_day_offset else f" (+{move.arrive_day_offset} day)"
    return (
        f"Travel {move.from_city} → {move.to_city} by {move.mode}, {move.depart} → "
        f"{move.arrive}{later} local times (about {hours} h {mins:02d} min; estimate)"
    )


def _title(itinerary: Itinerary) -> str:
    n = len(itinerary.days)
    days = f"{n} day{'s' if n != 1 else ''}"
    if len(itinerary.legs) >= 2:
        return f"{days}: {' → '.join(leg.city for leg in itinerary.legs)}"
    return f"{days} in {itinerary.city}, {itinerary.country}"


def _leg_heading(leg: ItineraryLeg) -> str:
    span = f"day {leg.days[0]}" if len(leg.days) == 1 else f"days {leg.days[0]}\u2013{leg.days[-1]}"
    return f"## {leg.city}, {leg.country} · {span}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(itinerary: Itinerary, start: dt.date | None, assumed: bool) -> str:
    """A readable Markdown page: title, dates, assumptions, and one table per day."""
    n = len(itinerary.days)
    lines = [f"# {_title(itinerary)}", ""]
    if start is not None and not assumed:
        lines += [f"From {long_date(start)} to {long_date(day_date(start, n))}.", ""]
    else:
        lines += ["No dates set yet: opening hours assume day 1 is a Monday.", ""]
    lines += [f"Budget: {itinerary.estimated_cost.level}.", ""]
    lines += cost_lines(itinerary.estimated_cost)
    if itinerary.assumptions:
        lines += ["Assumptions:", ""] + [f"- {a}" for a in itinerary.assumptions] + [""]
    multi = len(itinerary.legs) >= 2
    legs = legs_by_day(itinerary)
    for day in itinerary.days:
        leg = legs.get(day.day)
        if multi and leg is not None and leg.days[0] == day.day:
            lines += [_leg_heading(leg), ""]
        heading = f"{'###' if multi else '##'} Day {day.day}"
        if start is not None and not assumed:
            heading += f" · {long_date(day_date(start, day.day))}"
        if day.theme:
            heading += f": {day.theme}"
        lines += [heading, ""]
        if day.transfer is not None:
            lines += [f"**{transfer_text(day.transfer)}.** {day.transfer.note}", ""]
        if not day.items:
            lines += [_empty_day(day), ""]
            continue
        lines += ["| Time | Place | Notes | Cost pp |", "|---|---|---|---|"]
        currency = itinerary.estimated_cost.currency or ""
        for item in day.items:
            place = item.place
            what = f"**{_cell(place.name)}** ({_cell(place.category)})"
            price = "" if item.cost is None else _amount(item.cost, currency)
            lines.append(f"| {item.start}-{item.end} | {what} | {_cell(item.note)} | {price} |")
        lines.append("")
    return "\n".join(lines)


def _empty_day(day: ItineraryDay) -> str:
    """Why a day has no stops: the journey's bound, else a free day."""
    if day.free_until is not None:
        return f"Nothing planned: the day is free only until {day.free_until}, before you leave."
    if day.free_from is not None:
        return f"Nothing planned: the day is free only from {day.free_from}, once you arrive."
    return "Nothing planned: a free day."


def _amount(value: float, currency: str | None, whole: bool = False) -> str:
    text = f"{value:,.0f}" if whole else f"{value:,.2f}".removesuffix(".00")
    return text + (f" {currency}" if currency else "")


def cost_summary(cost: EstimatedCost) -> str:
    """One sentence: the estimate for the group and per person, or "" when absent."""
    if cost.amount is None:
        return ""
    text = f"Estimated cost: about {_amount(cost.amount, cost.currency, True)}"
    if cost.travelers > 1 and cost.per_person is not None:
        text += (
            f" for {cost.travelers} travellers ({_amount(cost.per_person, cost.currency, True)} "
            "per person)"
        )
    if cost.breakdown is not None:
        b = cost.breakdown
        text += (
            f": entries {_amount(b.entries, cost.currency, True)}, meals "
            f"{_amount(b.meals, cost.currency, True)}, local transport "
            f"{_amount(b.transport, cost.currency, True)}"
        )
    text += "."
    if cost.budget is not None:
        per = "a day" if cost.budget.per == "day" else "for the trip"
        stated = _amount(cost.budget.amount, cost.currency, True)
        if cost.budget.over_by > 0:
            text += (
                f" That is {_amount(cost.budget.over_by, cost.currency, True)} over your budget of "
                f"{stated} {per}."
            )
        else:
            text += f" That fits your budget of {stated} {per}."
    return text


def cost_lines(cost: EstimatedCost) -> list[str]:
    """The Markdown lines of the estimate: summary, per day, basis."""
    summary = cost_summary(cost)
    if not summary:
        return []
    lines = [summary, ""]
    if cost.per_day:
        per_day = ", ".join(
            f"day {d.day} {_amount(d.amount, cost.currency, True)}" for d in cost.per_day
        )
        lines += [f"Per day: {per_day}.", ""]
    if cost.basis:
        lines += [f"_{cost.basis}_", ""]
    return lines


def to_ics(
    itinerary: Itinerary,
    timezone: str,
    start: dt.date,
    assumed: bool,
    stamp: dt.datetime,
    slug: str,
    zones: Mapping[str, str] | None = None,
) -> str:
    """An iCalendar file with one VEVENT per item and per transfer; a day's events in its
    city's time zone (``zones``: city -> IANA zone, else ``timezone``); says when the
    dates are assumed."""
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
        name=f"{' → '.join(leg.city for leg in itinerary.legs) or itinerary.city} trip",
        description=f"{_title(itinerary)}. {note} {cost_summary(itinerary.estimated_cost)}"
        .rstrip(),
        uid=f"wayfarer-{slug}-{start.isoformat()}",
    )
    calendar.add("x-wr-timezone", timezone)
    zone_of = dict(zones or {})
    for day in itinerary.days:
        date = day_date(start, day.day)
        city = day.city or itinerary.city
        zone = ZoneInfo(zone_of.get(city, timezone))
        if day.transfer is not None:
            move = day.transfer
            calendar.add_component(_transfer_event(
                day, move, date, ZoneInfo(zone_of.get(move.from_city, timezone)), zone, stamp
            ))
        for item in day.items:
            place = item.place
            begin = dt.datetime.combine(date, _time(item.start), tzinfo=zone)
            end = dt.datetime.combine(date, _time(item.end), tzinfo=zone)
            summary = place.name
            if item.kind == "meal":
                meal = item.meal or ("lunch" if begin.hour < 16 else "dinner")
                summary = f"{meal.capitalize()} at {place.name}"
            description = f"Day {day.day}" + (f": {day.theme}" if day.theme else "")
            if item.note:
                description += f"\n{item.note}"
            if item.cost is not None:
                currency = itinerary.estimated_cost.currency
                description += f"\nAbout {_amount(item.cost, currency)} per person."
            if assumed:
                description += f"\n{note}"
            event = Event.new(
                uid=f"{date:%Y%m%d}-{place.id}@wayfarer",
                summary=summary,
                start=begin,
                end=end,
                stamp=stamp,
                location=f"{place.name}, {city}, {day.country or itinerary.country}",
                description=description,
                categories=[item.kind, place.category],
            )
            event.add("geo", (place.lat, place.lon))
            calendar.add_component(event)
    calendar.add_missing_timezones(
        first_date=start - dt.timedelta(days=1), last_date=day_date(start, n + 1)
    )
    return str(calendar.to_ical().decode("utf-8"))


def _transfer_event(
    day: ItineraryDay, move: Transfer, date: dt.date, origin: ZoneInfo, destination: ZoneInfo,
    stamp: dt.datetime,
) -> Event:
    """The transfer as its own event: leaving in the origin's zone, arriving (``minutes``
    later) in the destination's."""
    begin = dt.datetime.combine(date, _time(move.depart), tzinfo=origin)
    end = (begin + dt.timedelta(minutes=move.minutes)).astimezone(destination)
    return Event.new(
        uid=f"{date:%Y%m%d}-transfer-{move.from_city}-{move.to_city}@wayfarer".replace(" ", "-"),
        summary=f"{move.from_city} → {move.to_city} ({move.mode})",
        start=begin,
        end=end,
        stamp=stamp,
        location=f"{move.from_city} → {move.to_city}",
        description=f"Day {day.day}: {transfer_text(move)}.\n{move.note}",
        categories=["transfer", move.mode],
    )


def _time(text: str) -> dt.time:
    minutes = minutes_of(text)
    return dt.time(minutes // 60, minutes % 60)
