"""Answers to the traveller's questions, from the plan and the catalog only (issue 9).

:func:`answer` is pure given the planner's read-only lookups: it never changes the
preferences, the itinerary or the constraints. Each answer is one to three short plain
sentences (or a day's schedule); what the product cannot know is said in one sentence with
an offer of what it can do. Distances are great-circle kilometres; minutes and the walk /
transit choice follow the planner's travel model; travel to another city is a rough rail
or flight estimate and is said to be one.
"""

import re
from collections.abc import Sequence
from itertools import pairwise

from wayfarer.conversation.places import (
    catalog_place,
    find_item,
    lookup,
    planned_place,
    resolve_in_trip,
    trip_cities,
)
from wayfarer.domain import (
    AskCost,
    AskCoveredCities,
    AskOpeningHours,
    AskPlaceFact,
    AskRoute,
    AskSchedule,
    AskTravelToCity,
    AskUnknowable,
    AskWhy,
    EstimatedCost,
    ItineraryDay,
    Question,
    SessionState,
)
from wayfarer.language.events import AskQuestion, Edited, NarrationEvent, Planned
from wayfarer.language.offline.phrasing import empty_day_words, join_words
from wayfarer.planner import CatalogPlace, Planner
from wayfarer.planner.clock import minutes_of, weekday_of
from wayfarer.planner.geo import haversine_km, is_transit_hop, travel_minutes_km

EN_DASH = "\u2013"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_BUDGET_WORDS = {"budget": "budget-friendly", "moderate": "mid-range", "luxury": "luxury"}
_UNKNOWABLE = {
    "weather": "I can't see weather forecasts, so check a forecast a few days before you go",
    "safety": "I can't judge current safety conditions, so check your government's travel "
              "advice for the latest",
    "visas": "I can't give visa or entry rules, so check the official consulate or government "
             "site for your passport",
    "live_prices": "I don't have live prices or ticket availability, only rough price levels",
    "bookings": "I can't book or reserve anything; the plan is a guide you book yourself",
    "opening_now": "I can't see live opening status, only the usual opening hours",
    "lodging": "Good to know. I don't plan around where you stay: each day keeps its stops "
               "close together, wherever your hotel is",
    "tickets": "Enjoy it! I can't add bookings or show times to the plan",
    "accessibility": "I don't have accessibility details (step-free access, lifts, stairs) "
                     "for places, so check each place's official site",
    "other": "That's not something I can know from my data",
}
_OFFER = {
    "weather": "I can swap in more indoor places for a rainy day if you like.",
    "safety": "I can keep the plan to central, busy areas if you'd prefer.",
    "visas": "I can keep working on the itinerary meanwhile.",
    "live_prices": "I can tell you the plan's cost level or make it cheaper.",
    "bookings": "I can export the plan to your calendar.",
    "opening_now": "Ask me a place's usual hours on any day of the trip.",
    "lodging": "Ask \"how far is X from Y?\" for any hop, or name a place to add near you.",
    "accessibility": "I can make the days lighter, with fewer stops and shorter hops: say "
                     "\"more relaxed\" or \"less walking\".",
    "tickets": "If it clashes with a meal, say \"earlier dinner on day 2\" or \"make day 2 "
               "lighter\".",
    "other": "I can answer about the plan's places, hours, costs and getting around.",
}
DASH_ESTIMATE = "\u2014 an estimate at this plan's price level, not live prices."
#: Rough door-to-door speeds for trips between cities (a stated estimate, never a timetable).
RAIL_KMH, FLIGHT_KMH, FLIGHT_OVERHEAD_H, FLY_FROM_KM = 110.0, 700.0, 2.5, 700.0


def answer(question: Question, state: SessionState, planner: Planner) -> str:
    """One short answer to ``question`` from the plan and the catalog."""
    match question:
        case AskOpeningHours():
            return _hours(question, state, planner)
        case AskCost():
            return _cost(question, state, planner)
        case AskWhy():
            return _why(question, state, planner)
        case AskSchedule() if question.place:
            return _visit(question.place, state, planner, question.more_time)
        case AskSchedule():
            return _schedule(question, state, planner)
        case AskRoute():
            return _route(question, state, planner)
        case AskTravelToCity():
            return _travel_to_city(question, state, planner)
        case AskCoveredCities():
            return _cities(question, state, planner)
        case AskPlaceFact():
            return _fact(question, state, planner)
        case AskUnknowable():
            return f"{_UNKNOWABLE[question.topic]}. {_OFFER[question.topic]}"


def attach(event: NarrationEvent, questions: Sequence[Question], state: SessionState,
           planner: Planner) -> NarrationEvent:
    """``event`` with ``questions`` asked alongside a change answered on ``state`` (a new
    plan, an edit, or the next detail asked while gathering); other events as they are."""
    if not questions or not isinstance(event, Planned | Edited | AskQuestion):
        return event
    found = [answer(q, state, planner) for q in questions]
    return event.model_copy(update={"answers": found})


# --- helpers ------------------------------------------------------------------------------


def _city(state: SessionState) -> str | None:
    return state.itinerary.city if state.itinerary else state.preferences.city


def _no_city() -> str:
    return "Tell me which city you're going to first, and I'll look it up."


def _unknown_place(name: str, state: SessionState) -> str:
    cities = trip_cities(state)
    where = f" in {join_words(cities)}" if cities else ""
    return f"I don't know a place called {name}{where}, so I can't say."


def _weekday_of_day(state: SessionState, day: int) -> int:
    if state.itinerary is not None and 1 <= day <= len(state.itinerary.days):
        found = state.itinerary.days[day - 1].date
        if found is not None:
            return found.weekday()
    return weekday_of(day, state.preferences.start_date)


def _hours_text(place: CatalogPlace, weekday: int) -> str:
    hours = place.hours[weekday]
    day = WEEKDAYS[weekday]
    if hours == "closed":
        return f"{place.name} is closed on {day}s."
    if hours == "24h":
        return f"{place.name} is open around the clock on {day}s."
    return f"{place.name} is open {hours.replace(',', ' and ').replace('-', EN_DASH)} on {day}s."


# --- each question ------------------------------------------------------------------------


def _hours(question: AskOpeningHours, state: SessionState, planner: Planner) -> str:
    if _city(state) is None:
        return _no_city()
    match = resolve_in_trip(question.place, state, planner)
    if match.choices:
        return f"Which one do you mean: {' or '.join(match.choices)}?"
    place = match.place
    if place is None:
        return _unknown_place(question.place, state)
    weekday: int | None = None
    if question.weekday is not None:
        weekday = WEEKDAYS.index(question.weekday.capitalize())
    elif question.date is not None:
        weekday = question.date.weekday()
    elif question.day is not None:
        weekday = _weekday_of_day(state, question.day)
    planned = find_item(state.itinerary, place.name, place.id)
    if weekday is None and planned is not None:
        weekday = _weekday_of_day(state, planned[0].day)
    if weekday is None:
        closed = [WEEKDAYS[d] + "s" for d in range(7) if place.hours[d] == "closed"]
        open_days = {place.hours[d] for d in range(7) if place.hours[d] != "closed"}
        usual = " / ".join(sorted(open_days)).replace("-", EN_DASH)
        text = f"{place.name} is usually open {usual}"
        return text + (f", closed on {' and '.join(closed)}." if closed else ", every day.")
    text = _hours_text(place, weekday)
    if planned is not None:
        day, item = planned
        text += f" It's in your plan on day {day.day} at {item.start}."
    return text


def _cost(question: AskCost, state: SessionState, planner: Planner) -> str:
    if question.place:
        place = lookup(state, planner, question.place)
        if place is not None:
            if place.cost_level == 0:
                return f"{place.name} is free."
            return (f"{place.name} is at price level {place.cost_level} of 4 (1 is cheap, 4 "
                    "is expensive); I don't have its live ticket price.")
    if state.itinerary is None:
        return "I'll have a cost estimate once there's a plan; tell me where you'd like to go."
    cost = state.itinerary.estimated_cost
    if question.day is not None or question.rank is not None:
        by_day = _day_cost(question, cost, len(state.itinerary.days))
        if by_day is not None:
            return by_day
    level = _BUDGET_WORDS.get(cost.level, cost.level)
    amount = getattr(cost, "amount", None)
    currency = getattr(cost, "currency", None) or ""
    computed = getattr(cost, "breakdown", None) is not None or getattr(cost, "per_person", None)
    if amount is not None and not computed and amount == state.preferences.budget_amount:
        return (f"You gave me a budget of {amount:,.0f} {currency}".rstrip() + "; I don't have "
                f"exact prices, but the plan keeps to {level} places.")
    if amount is None:
        return (f"I don't have exact prices, only price levels: this plan is {level} "
                "(entry fees and meals at that level). Give me a budget per day or for the "
                "trip and I'll keep to it.")
    # ``amount`` and the breakdown are the whole group's; ``per_person`` one traveller's
    per_person = getattr(cost, "per_person", None)
    group = getattr(cost, "travelers", None) or 1
    people = question.travelers or group
    if per_person:
        text = f"Roughly {per_person:,.0f} {currency} per person".replace("  ", " ")
        if people > 1:
            text += f", so about {per_person * people:,.0f} {currency} for {people}"
    else:
        text = f"Roughly {amount:,.0f} {currency}".rstrip() + " for the trip"
    breakdown = getattr(cost, "breakdown", None)
    if breakdown is not None:
        parts = [f"{name} {value:,.0f}" for name in ("entries", "meals", "transport")
                 if (value := getattr(breakdown, name, None)) is not None]
        whose = f"for {group}: " if group > 1 else ""
        if parts:
            text += f" ({whose}{', '.join(parts)} {currency})".replace(" )", ")")
    return text + f" {DASH_ESTIMATE}"


def _day_cost(question: AskCost, cost: EstimatedCost, length: int) -> str | None:
    """One day's estimate (``question.day``) or the priciest / cheapest day
    (``question.rank``), from the plan's per-day figures (the group's); None when the plan
    has none (an estimate made before per-day figures existed)."""
    if question.day is not None and not 1 <= question.day <= length:
        return f"The trip has {length} days, so there is no day {question.day}."
    if not cost.per_day:
        return None
    currency = cost.currency or ""
    group = cost.travelers

    def spend(amount: float) -> str:
        text = f"roughly {amount:,.0f} {currency}".rstrip()
        if group > 1:
            text += f" for {group} (about {amount / group:,.0f} {currency} each)".replace(
                "  ", " ")
        return text

    if question.day is not None:
        day = next((d for d in cost.per_day if d.day == question.day), None)
        if day is None:
            return None
        return f"Day {day.day} comes to {spend(day.amount)} {DASH_ESTIMATE}"
    ordered = sorted(cost.per_day, key=lambda d: (d.amount, d.day))
    if len(ordered) == 1:
        return f"It's a one-day trip: {spend(ordered[0].amount)} {DASH_ESTIMATE}"
    first, other = (ordered[-1], ordered[0]) if question.rank == "most" else (
        ordered[0], ordered[-1])
    word, opposite = ("priciest", "cheapest") if question.rank == "most" else (
        "cheapest", "priciest")
    return (f"Day {first.day} is the {word}: {spend(first.amount)}; the {opposite} is day "
            f"{other.day}, {spend(other.amount)} {DASH_ESTIMATE}")


def _why(question: AskWhy, state: SessionState, planner: Planner) -> str:
    planned = planned_place(state, planner, question.place)
    if planned is None:
        place = lookup(state, planner, question.place)
        if place is None:
            return _unknown_place(question.place, state)
        return f"{place.name} isn't in the current plan. {place.description}"
    day, item = planned
    interests = [i for i in item.place.interests if i in state.preferences.interests]
    reasons = []
    if interests:
        reasons.append(f"it matches your interest in {' and '.join(interests)}")
    elif item.kind == "meal":
        reasons.append("it's a well-placed spot to eat near that day's sights")
    else:
        reasons.append(f"it's one of {day.city or _city(state) or 'the'}'s "
                       f"top {item.place.category} sights")
    others = [i for i in day.items if i is not item]
    if others:
        near = min(others, key=lambda o: haversine_km(item.place.lat, item.place.lon,
                                                      o.place.lat, o.place.lon))
        km = haversine_km(item.place.lat, item.place.lon, near.place.lat, near.place.lon)
        reasons.append(f"it's {km:.1f} km from {near.place.name}, so day {day.day} stays in "
                       "one area")
    place = planner.place(day.city or _city(state) or "", item.place.name)
    about = f" {place.description}" if place is not None else ""
    return f"I picked {item.place.name} because {' and '.join(reasons)}.{about}"


def _schedule(question: AskSchedule, state: SessionState, planner: Planner) -> str:
    itinerary = state.itinerary
    if itinerary is None:
        return "There's no plan yet; tell me where you'd like to go."
    days = itinerary.days
    if question.busiest is not None:
        return _busiest(question.busiest, days)
    if question.day is not None:
        if not 1 <= question.day <= len(days):
            return f"The trip has {len(days)} days, so there is no day {question.day}."
        days = [days[question.day - 1]]
    if question.interest is not None:
        return _for_interest(question.interest, days, state, planner)
    if question.diet is not None:
        return _for_diet(question.diet, days, state, planner)
    if question.time is not None:
        at = minutes_of(question.time)
        lines = []
        for day in days:
            now = [i for i in day.items if minutes_of(i.start) <= at < minutes_of(i.end)]
            nxt = [i for i in day.items if minutes_of(i.start) > at]
            if now:
                lines.append(f"Day {day.day} at {question.time}: {now[0].place.name} "
                             f"({now[0].start}{EN_DASH}{now[0].end}).")
            elif nxt:
                lines.append(f"Day {day.day} at {question.time}: free time, then "
                             f"{nxt[0].place.name} at {nxt[0].start}.")
            else:
                lines.append(f"Day {day.day} at {question.time}: nothing planned.")
        return "\n".join(lines)
    return "\n\n".join(_day_text(day) for day in days)


#: How an interest reads in "On day 2, for the kids: ...".
_FOR_WORDS = {"family": "the kids", "viewpoints": "views", "beaches": "the beach"}


def _busiest(rank: str, days: Sequence[ItineraryDay]) -> str:
    """Which day is the fullest (``rank`` "most") or the lightest, by sights then hours."""
    def load(day: ItineraryDay) -> tuple[int, int]:
        sights = [i for i in day.items if i.kind == "activity"]
        span = (minutes_of(day.items[-1].end) - minutes_of(day.items[0].start)
                if day.items else 0)
        return len(sights), span

    def said(day: ItineraryDay) -> str:
        sights = load(day)[0]
        if not day.items:
            return f"day {day.day} ({empty_day_words(day)})"
        return (f"day {day.day}, {sights} sight{'s' if sights != 1 else ''} from "
                f"{day.items[0].start} to {day.items[-1].end}")

    if len(days) == 1:
        return f"It's a one-day trip: {said(days[0])}."
    ordered = sorted(days, key=lambda d: (*load(d), -d.day))
    first, other = (ordered[-1], ordered[0]) if rank == "most" else (ordered[0], ordered[-1])
    word, opposite = ("fullest", "lightest") if rank == "most" else ("lightest", "fullest")
    return f"The {word} is {said(first)}; the {opposite} is {said(other)}."


def _for_interest(interest: str, days: Sequence[ItineraryDay], state: SessionState,
                  planner: Planner) -> str:
    """What ``days`` hold for ``interest``; when nothing, the nearest catalog places for it
    that the plan does not visit, offered to add."""
    words = _FOR_WORDS.get(interest, interest)
    found = [(day, [i for i in day.items if interest in i.place.interests]) for day in days]
    lines = [(day.day, join_words([f"{i.place.name} ({i.start})" for i in hits]))
             for day, hits in found if hits]
    if len(days) == 1 and lines:
        return f"On day {lines[0][0]}, for {words}: {lines[0][1]}."
    if lines:
        return f"For {words}: " + "; ".join(f"day {n}, {names}" for n, names in lines) + "."
    where = f"day {days[0].day}" if len(days) == 1 else "the plan"
    offers = _nearby_for(interest, days, state, planner)
    if not offers:
        return f"Nothing on {where} is especially for {words}, and I know no place for it."
    target = f" to day {days[0].day}" if len(days) == 1 else ""
    return (f"Nothing on {where} is especially for {words}. Close by: {join_words(offers)}; "
            f"say \"add {offers[0]}{target}\" and I'll fit it in.")


def _for_diet(diet: str, days: Sequence[ItineraryDay], state: SessionState,
              planner: Planner) -> str:
    """The meals of ``days`` at places the catalog marks for ``diet`` (vegan places count
    as vegetarian), or how to get some."""
    suits = {diet, "vegan"} if diet == "vegetarian" else {diet}
    found: list[str] = []
    for day in days:
        city = day.city or state.preferences.city or ""
        for item in day.items:
            place = planner.place(city, item.place.name) if item.kind == "meal" else None
            if place is not None and place.id == item.place.id and suits & set(place.diet):
                when = f"{item.meal or 'meal'}" + (f" on day {day.day}" if len(days) > 1 else "")
                found.append(f"{place.name} ({when})")
    where = f"day {days[0].day}" if len(days) == 1 else "the plan"
    if found:
        return f"{diet.capitalize()}-friendly on {where}: {join_words(found)}."
    if diet == "vegetarian":
        return (f"None of {where}'s meals is marked vegetarian-friendly in my data; say "
                "\"vegetarian meals please\" and I'll choose places that are, where the city "
                "has them.")
    return (f"None of {where}'s meals is marked {diet} in my data, and I can't choose meals "
            "by it yet: check with each restaurant.")


def _nearby_for(interest: str, days: Sequence[ItineraryDay], state: SessionState,
                planner: Planner, count: int = 2) -> list[str]:
    """Up to ``count`` catalog sights for ``interest`` the plan does not visit, nearest
    the stops of ``days`` (in the first day's city)."""
    stops = [i.place for day in days for i in day.items]
    city = (days[0].city if days else None) or state.preferences.city
    if city is None or not stops:
        return []
    planned = {i.place.id for day in (state.itinerary.days if state.itinerary else [])
               for i in day.items}
    lat = sum(p.lat for p in stops) / len(stops)
    lon = sum(p.lon for p in stops) / len(stops)
    options = [p for p in planner.sights(city, interest) if p.id not in planned]
    options.sort(key=lambda p: haversine_km(lat, lon, p.lat, p.lon))
    return [p.name for p in options[:count]]


def _visit(name: str, state: SessionState, planner: Planner, more_time: bool = False) -> str:
    """Whether and when the plan visits the place ``name`` names; with ``more_time``, how
    to make room for a longer visit."""
    if state.itinerary is None:
        return "There's no plan yet; once there is, I'll tell you which day it visits what."
    found = planned_place(state, planner, name)
    if found is not None:
        day, item = found
        when = f" ({day.date:%a %d %b})" if day.date else ""
        if more_time:
            return (f"{item.place.name} has {item.start}{EN_DASH}{item.end} on day {day.day}"
                    f"{when}, its usual visit. I can't stretch one visit, but \"make day "
                    f"{day.day} more relaxed\" takes a stop out of that day and leaves more "
                    "time around it.")
        return (f"Yes: {item.place.name} is on day {day.day}{when}, "
                f"{item.start}{EN_DASH}{item.end}.")
    place = catalog_place(state, planner, name)
    if place is None:
        return (f"{name[:1].upper() + name[1:]} isn't in the plan, and I don't know it in "
                f"{_city(state)}; tell me its name as it's usually written?")
    return (f"No, {place.name} isn't in the plan. Say \"add {place.name}\" and I'll fit it "
            "into the best day for it.")


def _day_text(day: ItineraryDay) -> str:
    when = f" ({day.date:%a %d %b})" if day.date else ""
    if not day.items:
        return f"Day {day.day}{when}: {empty_day_words(day)}."
    lines = [f"Day {day.day}{when}:"]
    for item in day.items:
        what = f"{'lunch' if minutes_of(item.start) < 16 * 60 else 'dinner'} at " if (
            item.kind == "meal") else ""
        lines.append(f"{item.start}{EN_DASH}{item.end} {what}{item.place.name}")
    return "\n".join(lines)


def _route(question: AskRoute, state: SessionState, planner: Planner) -> str:
    if not question.destination:
        return _walking(question.day, state)
    if any(_STAY.fullmatch(end or "") for end in (question.origin, question.destination)):
        return ("I don't know where you're staying, so I can't route from your hotel. Ask "
                "\"how far is X from Y?\" between two places instead.")
    target = planned_place(state, planner, question.destination)
    if target is None or (question.origin and planned_place(
            state, planner, question.origin) is None):
        return _catalog_route(question, state, planner)
    day, item = target
    if question.origin:
        start = planned_place(state, planner, question.origin)
        assert start is not None
        origin = start[1]
    else:
        before = [i for i in day.items if minutes_of(i.start) < minutes_of(item.start)]
        if not before:
            return f"{item.place.name} is the first stop of day {day.day}."
        origin = before[-1]
    km = haversine_km(origin.place.lat, origin.place.lon, item.place.lat, item.place.lon)
    minutes = travel_minutes_km(km)
    mode = "by public transport or taxi" if is_transit_hop(km) else "on foot"
    return (f"From {origin.place.name} to {item.place.name} is about {km:.1f} km: roughly "
            f"{minutes} minutes {mode}.")


#: Where the traveller sleeps, which the plan does not know ("from the hotel").
_STAY = re.compile(r"(?:the |our |my )?(?:hotel|hostel|airbnb|apartment|flat|accommodation)")


def _catalog_route(question: AskRoute, state: SessionState, planner: Planner) -> str:
    """A route between places the catalog knows but the plan does not visit (both, or
    the one not planned): the distance and a rough time, and that it is not planned."""
    assert question.destination
    target = lookup(state, planner, question.destination)
    origin = lookup(state, planner, question.origin) if question.origin else None
    if target is None:
        return f"{question.destination} isn't in the current plan, so I can't route to it."
    if origin is None:
        if question.origin:
            return f"{question.origin} isn't in the current plan, so I can't route from it."
        return (f"{target.name} isn't in the current plan. Say \"add {target.name}\" and I'll "
                "fit it in, then ask how to get there from the stop before it.")
    km = haversine_km(origin.lat, origin.lon, target.lat, target.lon)
    mode = "by public transport or taxi" if is_transit_hop(km) else "on foot"
    planned = [p.name for p in (origin, target) if planned_place(state, planner, p.name)]
    note = "" if len(planned) == 2 else (
        f" ({join_words([p.name for p in (origin, target) if p.name not in planned])} "
        f"{'is' if len(planned) == 1 else 'are'} not in the plan.)")
    return (f"From {origin.name} to {target.name} is about {km:.1f} km: roughly "
            f"{travel_minutes_km(km)} minutes {mode}.{note}")


def _walking(day: int | None, state: SessionState) -> str:
    """How much of the plan (day ``day``, else every day) is on foot: the hops between
    consecutive stops of a day, walked when short (``is_transit_hop``), and the longest
    ones that need transit."""
    if state.itinerary is None:
        return ("I keep each day's stops close together, so most hops are short walks, and "
                "I say where one needs transit. Once the plan is ready, ask me again for "
                "its walking day by day.")
    days = [d for d in state.itinerary.days if day is None or d.day == day]
    if not days:
        return f"The plan has no day {day}."
    walks = 0
    rides: list[tuple[float, int, str, str]] = []
    for planned in days:
        for a, b in pairwise(planned.items):
            km = haversine_km(a.place.lat, a.place.lon, b.place.lat, b.place.lon)
            if is_transit_hop(km):
                rides.append((km, planned.day, a.place.name, b.place.name))
            else:
                walks += 1
    scope = "the plan" if day is None else f"day {day}"
    if not rides:
        if walks == 0:
            return f"There are no hops between stops on {scope}."
        return f"Yes: {scope} is walkable, every hop between its stops is a short walk."
    longest = sorted(rides, reverse=True)[:2]
    named = join_words([
        f"{a} to {b} on day {n} ({km:.1f} km, about {travel_minutes_km(km)} minutes by "
        "public transport or taxi)" for km, n, a, b in longest
    ])
    which = ("The one ride is" if len(rides) == 1 else
             "The longest ride is" if len(longest) == 1 else "The longest rides are")
    return (f"Mostly: {walks} of {walks + len(rides)} hops between stops in {scope} are "
            f"short walks. {which} {named}.")


def _travel_to_city(question: AskTravelToCity, state: SessionState, planner: Planner) -> str:
    origin = question.origin or _city(state)
    if origin is None:
        return _no_city()
    here, there = planner.city_centre(origin), planner.city_centre(question.city)
    if here is None or there is None:
        missing = question.city if there is None else origin
        return (f"I only know distances between the cities I cover, and {missing} isn't one "
                "of them.")
    km = haversine_km(*here, *there)
    if km < FLY_FROM_KM:
        hours = km / RAIL_KMH + 0.5
        how = "by train"
    else:
        hours = km / FLIGHT_KMH + FLIGHT_OVERHEAD_H
        how = "by plane, door to door"
    return (f"{origin} to {question.city} is about {km:,.0f} km: roughly {hours:.1f} hours "
            f"{how} (a rough estimate, check timetables). Your plan stays in {origin}; say "
            f"\"switch to {question.city}\" if you'd rather plan there.")


def _cities(question: AskCoveredCities, state: SessionState, planner: Planner) -> str:
    """The covered cities (of the country asked about); with no country asked, those of
    the trip's country first (the country said, else the planned city's)."""
    cities = planner.cities()
    if question.country:
        wanted = question.country.casefold()
        found = [c.name for c in cities if c.country.casefold() == wanted]
        if not found:
            return (f"I don't cover {question.country} yet. I can plan "
                    f"{len(cities)} cities, for example {', '.join(c.name for c in cities[:6])}.")
        return f"In {question.country} I can plan {', '.join(found)}."
    home = state.preferences.country or (state.itinerary.country if state.itinerary else None)
    first = [c.name for c in cities if home and c.country == home]
    if first:
        rest = [c.name for c in cities if c.country != home]
        return (f"I can plan {len(cities)} cities: in {home} {', '.join(first)}; elsewhere "
                f"{', '.join(rest)}.")
    return f"I can plan {len(cities)} cities: {', '.join(c.name for c in cities)}."


def _fact(question: AskPlaceFact, state: SessionState, planner: Planner) -> str:
    if _city(state) is None:
        return _no_city()
    place = lookup(state, planner, question.place)
    if place is None:
        return _unknown_place(question.place, state)
    if question.fact == "free":
        if place.cost_level == 0:
            return f"Yes, {place.name} is free to visit."
        return f"No, {place.name} isn't free (price level {place.cost_level} of 4)."
    if question.fact in ("indoor", "outdoor"):
        inside = "indoors" if place.indoor else "outdoors"
        yes = place.indoor == (question.fact == "indoor")
        return f"{'Yes' if yes else 'No'}, {place.name} is {inside}."
    if "family" in place.interests:
        return f"Yes, {place.name} is a good pick for kids."
    return (f"{place.name} isn't especially geared to kids ({place.category}); I can swap in "
            "something family-friendly if you like.")

