"""The trip's ends: the first day after the traveller arrives, the last before they leave.

"We land at 14:00" makes day 1 start once they are in and have dropped their bags
(:data:`ARRIVAL_MINUTES` after the arrival, by mode); "our flight home is at 18:00" makes
the last day end in time to get to the airport (:data:`DEPARTURE_MINUTES` before it). The
day is first shifted as a later start would shift it (``times.shifted_day``); when that
breaks a rule, or for a departure, the stops outside the day's new bounds are dropped.
Nearby unused sights are then added back while one more still fits the shorter day. The
day records its bounds (``ItineraryDay.free_from`` / ``free_until``), which the
verifier holds every stop to and which lift the pace's minimum for that day only.
"""

from collections.abc import Callable

from wayfarer.domain import ItineraryDay, PlaceSelector, SetTravelTimes, TravelMode
from wayfarer.planner.clock import hhmm, minutes_of
from wayfarer.planner.days import activities_of
from wayfarer.planner.edits.state import EditState
from wayfarer.planner.edits.times import keeps_rules, shift_options, shifted_day
from wayfarer.planner.items import theme
from wayfarer.planner.request import join_words

#: Minutes from getting in to the first stop (to the hotel, bags dropped), by mode.
ARRIVAL_MINUTES: dict[TravelMode, int] = {"flight": 90, "train": 45, "other": 45}
#: Minutes from the last stop to leaving (to the airport or station in time), by mode.
DEPARTURE_MINUTES: dict[TravelMode, int] = {"flight": 180, "train": 60, "other": 60}
#: Unused sights tried for each one added back to a bounded day.
REFILL_TRIES = 4
#: Earliest and latest bound a day may get (a stop needs the time in between).
EARLIEST_BOUND, LATEST_BOUND = 6 * 60, 23 * 60
_HOW = {"flight": ("land", "flight"), "train": ("arrive", "train"),
        "other": ("arrive", "departure")}


def set_travel_times(state: EditState, edit: SetTravelTimes) -> None:
    """Bound the first day after ``edit.arrive`` and the last before ``edit.leave`` (see
    the module docstring); a day that no longer is the first or last loses its bound."""
    sentences: list[str] = []
    last = len(state.days) - 1
    for position, day in enumerate(state.days):
        stale: dict[str, object] = {}
        if day.free_from and position != 0 and edit.arrive:
            stale["free_from"] = None
        if day.free_until and position != last and edit.leave:
            stale["free_until"] = None
        if stale:
            state.days[position] = day.model_copy(update=stale)
    if edit.arrive:
        free = min(minutes_of(edit.arrive) + ARRIVAL_MINUTES[edit.mode], LATEST_BOUND)
        sentences.append(_arrive(state, free, edit))
    if edit.leave:
        free = max(minutes_of(edit.leave) - DEPARTURE_MINUTES[edit.mode], EARLIEST_BOUND)
        sentences.append(_leave(state, last, free, edit))
    state.description = " ".join(sentences)


def _arrive(state: EditState, free: int, edit: SetTravelTimes) -> str:
    day = state.days[0].model_copy(update={"free_from": hhmm(free)})
    shifted = next(
        (s for option in shift_options(state, day)
         if (s := shifted_day(option, free)) is not None and keeps_rules(state, 0, s)),
        None,
    )
    kept = shifted or day.model_copy(update={
        "items": [i for i in day.items if minutes_of(i.start) >= free]})
    lunch_over = free > state.index.slots["lunch"].latest

    def after_arrival(trial: ItineraryDay) -> ItineraryDay | None:
        # scheduled from the morning: its lunch goes when the arrival is past lunch time
        items = [i for i in trial.items
                 if not (lunch_over and i.kind == "meal" and i.meal == "lunch")]
        return shifted_day(trial.model_copy(update={"items": items}), free)

    kept = _refilled(state, 0, kept, after_arrival)
    dropped = _dropped(day, kept)
    state.set_day(0, _titled(state, kept))
    verb = _HOW[edit.mode][0]
    said = f"Day 1 now starts at {hhmm(free)}, after you {verb} at {edit.arrive}"
    return said + (f" ({dropped} left out)." if dropped else ".")


def _leave(state: EditState, position: int, free: int, edit: SetTravelTimes) -> str:
    day = state.days[position]
    kept = day.model_copy(update={
        "free_until": hhmm(free),
        "items": [i for i in day.items if minutes_of(i.end) <= free],
    })

    def before_departure(trial: ItineraryDay) -> ItineraryDay | None:
        # a meal after the departure goes; a sight after it means the day is too full
        items = [i for i in trial.items if i.kind == "activity" or minutes_of(i.end) <= free]
        if any(minutes_of(i.end) > free for i in items):
            return None
        return trial.model_copy(update={"items": items})

    kept = _refilled(state, position, kept, before_departure)
    dropped = _dropped(day, kept)
    state.set_day(position, _titled(state, kept))
    said = (f"Day {day.day} now ends by {hhmm(free)}, in time for your "
            f"{edit.leave} {_HOW[edit.mode][1]}")
    return said + (f" ({dropped} left out)." if dropped else ".")


def _refilled(
    state: EditState, position: int, day: ItineraryDay,
    fit: Callable[[ItineraryDay], ItineraryDay | None],
) -> ItineraryDay:
    """``day`` with unused sights added, best first, while one more still fits its bound
    (``fit`` turns a day scheduled anew into one inside the bound, or None) and every rule
    holds, up to the pace's target; at most :data:`REFILL_TRIES` candidates a sight."""
    state.days[position] = day  # rebuilt from its own meals, not the unbounded day's
    acts = activities_of(state.index, day)
    bounds = {"free_from": day.free_from, "free_until": day.free_until}
    while len(acts) < state.request.target:
        for new in state.activity_options(PlaceSelector(), position, acts)[:REFILL_TRIES]:
            built = state.rebuild_day(position, [*acts, new])
            trial = fit(built.model_copy(update=bounds)) if built is not None else None
            if trial is not None and keeps_rules(state, position, trial):
                day, acts = trial, [*acts, new]
                break
        else:
            return day
    return day


def _titled(state: EditState, day: ItineraryDay) -> ItineraryDay:
    """``day`` titled after the sights it still has ("Arrival" when none is left)."""
    title = theme(state.index, activities_of(state.index, day))
    return day.model_copy(update={"theme": title or ("Arrival" if day.free_from
                                                     else "Departure")})


def _dropped(before: ItineraryDay, after: ItineraryDay) -> str:
    """The activities of ``before`` that ``after`` no longer has, as words ("" if none)."""
    kept = {i.place.id for i in after.items}
    names = [i.place.name for i in before.items
             if i.kind == "activity" and i.place.id not in kept]
    return join_words(names)
