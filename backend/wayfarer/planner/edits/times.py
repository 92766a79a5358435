"""Time edits: start every day (or one day) no earlier than a given time; later dinners.

A day is shifted, not re-planned: each stop keeps its order, length and the travel gap
before it (up to :data:`TRAVEL_GAP`), and moves only as far as the later start pushes it
(the slack before dinner absorbs the shift); when that breaks a rule and the pace
allows, one morning sight is dropped to make room. A day that still cannot start later
keeps its times, and the note says so.
"""

from wayfarer.domain import ItineraryDay, ItineraryItem, MealWish, SetDayStart
from wayfarer.errors import EditRejected
from wayfarer.planner.clock import DINNER_EARLIEST, DINNER_LATEST, hhmm, minutes_of
from wayfarer.planner.document import itinerary_for
from wayfarer.planner.edits.state import EditState
from wayfarer.planner.request import join_words
from wayfarer.planner.verify import verify_itinerary

#: Longest gap between stops treated as travel (a longer one is waiting, which a later
#: start may use up).
TRAVEL_GAP = 45


def set_day_start(state: EditState, edit: SetDayStart) -> None:
    earliest = minutes_of(edit.earliest)
    positions = [state.position_of(edit.day)] if edit.day else list(range(len(state.days)))
    moved: list[str] = []
    stuck: list[str] = []
    for position in positions:
        day = state.days[position]
        if not day.items or minutes_of(day.items[0].start) >= earliest:
            continue
        shifted = next(
            (s for option in shift_options(state, day)
             if (s := shifted_day(option, earliest)) is not None
             and keeps_rules(state, position, s)),
            None,
        )
        if shifted is not None:
            state.set_day(position, shifted)
            moved.append(str(day.day))
        else:
            stuck.append(str(day.day))
    if not moved and not stuck:
        raise EditRejected(f"Every day already starts at {edit.earliest} or later.")
    if not moved:
        raise EditRejected(
            f"I couldn't start {_days(stuck)} at {edit.earliest} without missing opening "
            "hours or meal times."
        )
    verb = "starts" if len(moved) == 1 else "start"
    state.description = f"{_days(moved).capitalize()} now {verb} at {edit.earliest} or later."
    if stuck:
        state.notes.append(
            f"{_days(stuck).capitalize()} kept {'its' if len(stuck) == 1 else 'their'} "
            "times: starting later would miss opening hours or meal times."
        )


def shifted_day(day: ItineraryDay, earliest: int) -> ItineraryDay | None:
    """``day`` with its first stop at ``earliest`` and later stops pushed only as needed
    (gaps kept); None when a stop would run past midnight."""
    items: list[ItineraryItem] = []
    prev_old_end = prev_new_end = None
    for item in day.items:
        start, end = minutes_of(item.start), minutes_of(item.end)
        if prev_old_end is None or prev_new_end is None:
            new_start = max(start, earliest)
        else:
            new_start = max(start, prev_new_end + min(start - prev_old_end, TRAVEL_GAP))
        new_end = new_start + (end - start)
        if new_end >= 24 * 60:
            return None
        items.append(item.model_copy(update={"start": hhmm(new_start), "end": hhmm(new_end)}))
        prev_old_end, prev_new_end = end, new_end
    return day.model_copy(update={"items": items})


def shift_options(state: EditState, day: ItineraryDay) -> list[ItineraryDay]:
    """The day as it is, then (when the pace allows one sight fewer) without each of its
    morning sights in turn, so a later start has room."""
    low, _ = state.request.bounds
    activities = [i for i in day.items if i.kind == "activity"]
    options = [day]
    if len(activities) > low:
        for item in activities[:2]:
            rest = [i for i in day.items if i is not item]
            options.append(day.model_copy(update={"items": rest}))
    return options


def keeps_rules(state: EditState, position: int, day: ItineraryDay) -> bool:
    days = [day if k == position else d for k, d in enumerate(state.days)]
    itinerary = itinerary_for(state.request, days)
    problems = verify_itinerary(itinerary, state.preferences, state.index)
    return not any(p.day in (None, day.day) for p in problems)


def _days(numbers: list[str]) -> str:
    return ("day " if len(numbers) == 1 else "days ") + join_words(numbers)


def later_dinners(state: EditState, edit: MealWish) -> None:
    """"Later dinners": each dinner (or the one of ``edit.day``) moves as late as the
    dinner window, the restaurant's hours and the day's rules allow."""
    positions = [state.position_of(edit.day)] if edit.day else list(range(len(state.days)))
    moved: list[str] = []
    for position in positions:
        day = state.days[position]
        dinner = next((i for i in reversed(day.items) if i.kind == "meal"
                       and minutes_of(i.start) >= DINNER_EARLIEST - 60), None)
        if dinner is None or dinner is not day.items[-1]:
            continue  # an evening sight follows dinner: leave the evening as planned
        start, end = minutes_of(dinner.start), minutes_of(dinner.end)
        for later in range(DINNER_LATEST, start, -30):
            item = dinner.model_copy(update={"start": hhmm(later),
                                             "end": hhmm(later + end - start)})
            trial = day.model_copy(update={"items": [*day.items[:-1], item]})
            if keeps_rules(state, position, trial):
                state.set_day(position, trial)
                moved.append(str(day.day))
                break
    if not moved:
        raise EditRejected("Dinners are already as late as the restaurants allow.")
    state.description = f"Moved dinner later on {_days(moved)}."
