"""Plain explanations of what a plan could not deliver, each with a concrete relaxation."""

from wayfarer.domain import BUDGET_MAX_COST_LEVEL, BUDGETS, PACE_ACTIVITY_BOUNDS, ItineraryDay
from wayfarer.planner.days import place_ids, shown_interests
from wayfarer.planner.request import TripRequest, join_words
from wayfarer.planner.select import is_avoided


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
                options.append(f"a {level} budget (it opens up {more} more sights)")
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
            notes.append(f"I couldn't fit a {interest} place into the schedule.")
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
        missing = [d.day for d in days if not _has_meal(d, slot)]
        if missing:
            notes.append(
                f"No {slot} is booked on {_days_phrase(missing)}: none of the restaurants we "
                f"know in {city} within your budget is both still free (each is used once a "
                "trip) and open when that day's route passes."
            )
    return notes


def _has_meal(day: ItineraryDay, slot: str) -> bool:
    return any(
        i.kind == "meal" and (i.start < "16:00") == (slot == "lunch") for i in day.items
    )


def _days_phrase(days: list[int]) -> str:
    if len(days) == 1:
        return f"day {days[0]}"
    return "days " + join_words([str(d) for d in days])
