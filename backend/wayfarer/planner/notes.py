"""Plain explanations of what a plan could not deliver, each with a concrete relaxation."""

from wayfarer.domain import BUDGET_MAX_COST_LEVEL, BUDGETS, PACE_ACTIVITY_BOUNDS, ItineraryDay
from wayfarer.planner.clock import hhmm
from wayfarer.planner.days import foods_for, place_ids, shown_interests, weekday
from wayfarer.planner.items import closed_days_note, item_slot
from wayfarer.planner.request import TripRequest, join_words
from wayfarer.planner.select import in_plan_pool, is_avoided, is_must_see


def shortfall_notes(request: TripRequest, days: list[ItineraryDay], pool_size: int) -> list[str]:
    """Plain explanations of anything asked for that the plan could not deliver, each with
    a concrete way to relax the request."""
    index = request.index
    city = index.city.name
    notes: list[str] = []
    low, high = request.bounds
    if len(days) < request.days:
        note = (
            f"{city} has {pool_size} sights in our catalog that fit your plan: enough for "
            f"{len(days)} {request.pace} days ({low}-{high} a day) without repeating a place, "
            f"so I planned {len(days)} of your {request.days} days."
        )
        options = [
            f"a {pace} pace"
            for pace, (pace_low, _) in PACE_ACTIVITY_BOUNDS.items()
            if pace_low < low and pace_low * request.days <= pool_size
        ]
        for level in BUDGETS[BUDGETS.index(request.budget) + 1 :]:
            more = sum(
                1
                for p in index.activities
                if p.cost_level <= BUDGET_MAX_COST_LEVEL[level]
                and not index.affordable(p, request.budget)
            )
            if more and (pool_size + more) // low >= request.days:
                sights = "sights" if more > 1 else "sight"
                options.append(f"a {level} budget (it opens up {more} more {sights})")
                break
        if options:
            note += f" To fill all {request.days} days, choose {' or '.join(options)}."
        else:
            note += " Shortening the trip, or spending some days elsewhere, would fit it."
        notes.append(note)
    shown = shown_interests(index, place_ids(days))
    for interest in dict.fromkeys(request.interests if request.stated else ()):
        if interest in shown:
            continue
        carriers = [p for p in index.city.places if interest in p.interests]
        if not carriers:
            notes.append(f"Our {city} catalog has no {interest} places, so none are planned.")
            continue
        cheapest = min(carriers, key=lambda p: (p.cost_level, index.rank[p.id]))
        if not index.affordable(cheapest, request.budget):
            level = next(b for b in BUDGETS if BUDGET_MAX_COST_LEVEL[b] >= cheapest.cost_level)
            notes.append(
                f"No {interest} place in {city} fits a {request.budget} budget; a {level} "
                f"budget would allow {cheapest.name}."
            )
        else:
            article = "an" if interest[:1] in "aeiou" else "a"
            notes.append(f"I couldn't fit {article} {interest} place into the schedule; say "
                         "\"more packed\" or add a day to make room.")
    avoided = [
        i.place.name
        for day in days
        for i in day.items
        if i.kind == "activity" and is_avoided(request, index.by_id[i.place.id])
    ]
    if avoided:
        notes.append(
            f"There weren't enough places without {join_words(sorted(request.avoid))}, so "
            f"{join_words(avoided)} {'is' if len(avoided) == 1 else 'are'} included."
        )
    for slot in ("lunch", "dinner"):
        notes += _meal_notes(request, days, slot)
    notes += _closed_must_sees(request, days)
    return notes


def _closed_must_sees(request: TripRequest, days: list[ItineraryDay]) -> list[str]:
    """Without dates: must-sees that fit the trip but are closed on every weekday the plan
    assumes, named with their closing days instead of left out silently."""
    if request.start_date is not None or not days:
        return []
    index = request.index
    planned = place_ids(days)
    weekdays = {weekday(request, d.day) for d in days}
    notes = []
    for place in index.activities:
        if (
            place.id not in planned
            and is_must_see(request, place)
            and in_plan_pool(request, place)
            and (place.must_see or 0) <= len(days) * request.target
            and index.affordable(place, request.budget)
            and not any(index.fits_weekday(place, wd) for wd in weekdays)
        ):
            closed = closed_days_note(place).split(" — ")[0]
            if closed:
                notes.append(
                    f"{place.name} is not in the plan: {closed[0].lower()}{closed[1:]} — go "
                    "another day (without dates, day 1 is taken to be a Monday; tell me your "
                    "dates and I will fit it in)."
                )
    return notes


def _meal_notes(request: TripRequest, days: list[ItineraryDay], slot: str) -> list[str]:
    """One note per cause for the days without ``slot``: every restaurant already used on
    another day, none of the free ones open at that time, or no gap in the day's visits."""
    index = request.index
    city = index.city.name
    meal = index.slots[slot]
    free = [
        f for f in foods_for(request, place_ids(days))
        if f.serves_meal(slot) and index.dines(f, request.budget, slot)
    ]
    window = f"{hhmm(meal.earliest)}-{hhmm(meal.latest)}"
    causes: dict[str, list[int]] = {}
    for day in days:
        if _has_meal(day, slot):
            continue
        wd = weekday(request, day.day)
        if not free:
            cause = "used"
        elif not any(
            (start := index.earliest_start(f.id, wd, meal.earliest, meal.minutes[0], 24 * 60))
            is not None
            and start <= meal.latest
            for f in free
        ):
            cause = "closed"
        else:
            cause = "timing"
        causes.setdefault(cause, []).append(day.day)
    kind = {"budget": "inexpensive place", "luxury": "upscale restaurant"}.get(
        request.budget, "restaurant"
    ) + f" serving {slot}"
    notes = []
    for cause, numbers in causes.items():
        when = _days_phrase(numbers)
        if cause == "used":
            text = (
                f"every {kind} we know in {city} within your budget is already planned on "
                "another day (each is used once a trip)"
            )
        elif cause == "closed":
            text = f"none of the places still free is open for {slot} ({window}) that day"
        else:
            text = (
                f"that day's visits and opening hours leave no time for {slot} between "
                f"{window}; dropping a place from the day would make room"
            )
        notes.append(f"No {slot} is planned on {when}: {text}.")
    return notes


def _has_meal(day: ItineraryDay, slot: str) -> bool:
    return any(i.kind == "meal" and item_slot(i) == slot for i in day.items)


def _days_phrase(days: list[int]) -> str:
    if len(days) == 1:
        return f"day {days[0]}"
    return "days " + join_words([str(d) for d in days])
