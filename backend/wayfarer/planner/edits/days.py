"""Day edits: swap two days, add a day, drop a day.

Days that move get their new number and date; one whose places keep different hours on
the new weekday is rescheduled, and a place closed that day is swapped for a similar open
one nearby (said in the notes) or the edit is refused with
:class:`~wayfarer.errors.EditRejected`. Handlers work on an
:class:`~wayfarer.planner.edits.state.EditState` in place.
"""


from wayfarer.domain import (
    AddDay,
    DropDay,
    ItineraryDay,
    PlaceSelector,
    SwapDays,
)
from wayfarer.domain.preferences import MAX_TRIP_DAYS
from wayfarer.errors import EditRejected
from wayfarer.planner.clock import date_of, minutes_of
from wayfarer.planner.days import (
    activities_of,
    place_ids,
    sole_interests,
    weekday,
)
from wayfarer.planner.edits.state import EditState
from wayfarer.planner.fill import fill_idle
from wayfarer.planner.fresh import fresh_day
from wayfarer.planner.index import CityIndex
from wayfarer.planner.repair import fit_day
from wayfarer.planner.request import join_words

WEEKDAY_NAMES = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays",
                 "Sundays")


def swap_days(state: EditState, edit: SwapDays) -> None:
    first, second = state.position_of(edit.first), state.position_of(edit.second)
    if first == second:
        raise EditRejected(f"Day {edit.first} can't be swapped with itself.")
    a, b = state.days[first], state.days[second]
    state.days[first], state.days[second] = b, a
    for position in (first, second):
        _renumber(state, position, f"swap days {edit.first} and {edit.second}", repair=True)
    state.touched |= {edit.first, edit.second}
    state.description = f"Swapped days {edit.first} and {edit.second}."


def _renumber(state: EditState, position: int, action: str, repair: bool = False) -> None:
    """Give the day at ``position`` its number and date there; reschedule it when its
    places' hours differ on the new weekday. A place closed that day makes the edit
    fail, or with ``repair`` is swapped for a similar open one nearby (said in the
    notes)."""
    index = state.index
    day = state.days[position]
    number = position + 1
    moved = day.model_copy(
        update={"day": number, "date": date_of(number, state.preferences.start_date)}
    )
    state.days[position] = moved
    wd = moved.date.weekday() if moved.date else weekday(state.request, number)
    if _hours_ok(index, moved, wd):
        return
    built = state.rebuild_day(position, activities_of(index, moved))
    if built is None and repair:
        built = _reopen(state, position, wd)
        if built is not None:
            _note_closed(state, moved, built, wd)
    if built is None:
        closed = [p.name for p in activities_of(index, moved) if not index.fits_weekday(p, wd)]
        reason = (
            f"{join_words(closed)} {'is' if len(closed) == 1 else 'are'} closed on "
            f"{WEEKDAY_NAMES[wd]}" if closed else "the opening hours don't work out"
        )
        raise EditRejected(f"I can't {action}: on day {number} {reason}.")
    state.set_day(position, built)


def _note_closed(state: EditState, before: ItineraryDay, after: ItineraryDay, wd: int) -> None:
    index = state.index
    gone = [p.name for p in activities_of(index, before)
            if p.id not in {i.place.id for i in after.items}]
    new = [p.name for p in activities_of(index, after)
           if p.id not in {i.place.id for i in before.items}]
    if not gone:
        return
    assumed = "" if after.date else " (without dates, day 1 is taken to be a Monday)"
    text = (
        f"Day {after.day} falls on a {WEEKDAY_NAMES[wd][:-1]}{assumed}, when "
        f"{join_words(gone)} {'is' if len(gone) == 1 else 'are'} closed"
    )
    text += f", so {join_words(new)} {'takes' if len(new) == 1 else 'take'} its place." if (
        new
    ) else "."
    state.notes.append(text)


def _reopen(state: EditState, position: int, wd: int) -> ItineraryDay | None:
    """Day ``position`` rebuilt with each place closed on ``wd`` swapped for a similar
    open one nearby (then repaired like a planned day; from scratch as a last resort)."""
    index = state.index
    request = state.request
    acts = activities_of(index, state.days[position])
    used = place_ids(state.days)
    for closed in [p for p in acts if not index.fits_weekday(p, wd)]:
        rest = [p for p in acts if p.id != closed.id]
        need = sole_interests(request, closed, used)
        options = state.activity_options(PlaceSelector(), position, rest, closed, need)
        fresh = next((p for p in options if p.id not in used), None)
        if fresh is None:
            acts = rest
            continue
        acts = [fresh if p.id == closed.id else p for p in acts]
        used.add(fresh.id)
    taken = state.others(position)
    result = fit_day(request, position + 1, acts, used | {p.id for p in acts}, taken)
    if result is None and len(acts) < request.bounds[0]:
        result = fresh_day(request, position + 1, request.target, used, taken)
    return None if result is None else result[0]


def _hours_ok(index: CityIndex, day: ItineraryDay, wd: int) -> bool:
    return all(
        index.is_open(i.place.id, wd, minutes_of(i.start), minutes_of(i.end))
        for i in day.items
        if i.place.id in index.by_id
    )


def add_day(state: EditState, edit: AddDay) -> None:
    if len(state.days) >= MAX_TRIP_DAYS:
        raise EditRejected(f"Trips can be at most {MAX_TRIP_DAYS} days long.")
    number = len(state.days) + 1
    state.revise(days=number)
    built = append_day(state)
    if built is None:
        raise EditRejected(
            f"Every place in {state.index.city.name} that fits your plan is already scheduled,"
            f" so another {state.request.pace} day would repeat places; a more relaxed pace "
            "would spread them over more days."
        )
    state.description = f"Added day {number}: {built.theme}."


def append_day(state: EditState) -> ItineraryDay | None:
    """One more day at the end of the trip, built from scratch out of the places no day
    uses, at the trip's pace (recorded as touched, its places as added); None, with
    nothing changed, when the unused places cannot make one."""
    number = len(state.days) + 1
    request = state.request
    used = place_ids(state.days)
    result = fresh_day(request, number, request.target, used, set(used))
    if result is None:
        return None
    built, places = fill_idle(request, number, *result, used | {p.id for p in result[1]},
                              set(used))
    state.days.append(built)
    state.touched.add(number)
    state.note_added(p.id for p in places)
    return built


def drop_day(state: EditState, edit: DropDay) -> None:
    if len(state.days) == 1:
        raise EditRejected("The trip has only one day; start a new trip instead.")
    number = edit.day or len(state.days)
    position = state.position_of(number)
    before = [d.items for d in state.days]
    del state.days[position]
    state.revise(days=len(state.days))
    for later in range(position, len(state.days)):
        _renumber(state, later, f"drop day {number}", repair=True)
    state.touched = {
        p + 1 for p in range(position, len(state.days)) if state.days[p].items != before[p + 1]
    }
    state.description = f"Dropped day {number}" + (
        "; later days moved up." if position < len(state.days) else "."
    )
