"""The computed difference between the trip before and after a turn (issue 9, point 7).

Narrators say exactly what :func:`trip_diff` found, so a reply never claims a change that
did not happen ("Updated!" over an identical plan) and never hides one.
"""

from wayfarer.domain import Itinerary, Preferences, TripConstraints
from wayfarer.language.events import TripDiff

#: How a changed preference reads in "Now: Tokyo, 4 days and a relaxed pace."
_PREFERENCE_WORDS = {
    "city": "{}",
    "days": "{} days",
    "start_date": "starting {}",
    "pace": "a {} pace",
    "budget": "a {} budget",
    "travelers": "{} travellers",
    "budget_amount": "a budget of {:,.0f}",
}
_BUDGET_WORDS = {"budget": "tight", "moderate": "mid-range", "luxury": "luxury"}


def _where(itinerary: Itinerary | None) -> dict[str, tuple[str, int]]:
    """Place id -> (name, day number)."""
    if itinerary is None:
        return {}
    return {i.place.id: (i.place.name, d.day) for d in itinerary.days for i in d.items}


def trip_diff(
    before: Itinerary | None,
    after: Itinerary | None,
    prefs_before: Preferences,
    prefs_after: Preferences,
    constraints_before: TripConstraints,
    constraints_after: TripConstraints,
) -> TripDiff:
    """Places added, removed and moved between ``before`` and ``after`` (by id, named);
    preference fields changed ("pace: relaxed"); constraints added."""
    old, new = _where(before), _where(after)
    if before is not None and after is not None and before.city != after.city:
        old, new = {}, {}  # a new city: every place is new, so listing them says nothing
    added = [name for pid, (name, _) in new.items() if pid not in old]
    removed = [name for pid, (name, _) in old.items() if pid not in new]
    moved = [f"{name} to day {day}" for pid, (name, day) in new.items()
             if pid in old and old[pid][1] != day]
    same_city = before is not None and after is not None and before.city == after.city
    retimed = same_city and before != after and not (added or removed or moved)
    prefs: list[str] = []
    for field, pattern in _PREFERENCE_WORDS.items():
        value = getattr(prefs_after, field)
        if value != getattr(prefs_before, field) and value is not None:
            shown = _BUDGET_WORDS.get(value, value) if field == "budget" else value
            prefs.append(pattern.format(shown))
    gained = [i for i in prefs_after.interests if i not in prefs_before.interests]
    if gained:
        prefs.append("more " + " and ".join(gained))
    dropped = [i for i in prefs_after.avoid_interests if i not in prefs_before.avoid_interests]
    if dropped:
        prefs.append("no " + " or ".join(dropped))
    return TripDiff(
        added=added, removed=removed, moved=moved, preferences=prefs,
        constraints=constraint_changes(constraints_before, constraints_after), retimed=retimed,
    )


def constraint_changes(before: TripConstraints, after: TripConstraints) -> list[str]:
    """Constraints present in ``after`` but not ``before``, as short phrases."""
    found: list[str] = []
    for pin in after.pinned:
        if pin not in before.pinned:
            found.append(pin.name + (f" on day {pin.day}" if pin.day else ""))
    for gone in after.excluded:
        if gone not in before.excluded:
            found.append(f"{gone.name} out of the plan")
    for pace in after.day_pace:
        if pace not in before.day_pace:
            found.append(f"day {pace.day} {pace.pace}")
    if after.day_start and after.day_start != before.day_start:
        found.append(f"days starting at {after.day_start} or later")
    for meal in after.meals:
        if meal not in before.meals:
            found.append(meal.wish.replace("_", " ") + " meals"
                         + (f" on day {meal.day}" if meal.day else ""))
    return found
