"""The edit entry point: :func:`apply_edit` routes a typed edit to its handler.

Undo is refused here (the conversation keeps versions); every other edit runs on a fresh
:class:`~wayfarer.planner.edits.state.EditState` and ends with its verified
:meth:`~wayfarer.planner.edits.state.EditState.finish`.
"""

from typing import assert_never

from wayfarer.domain import (
    AddDay,
    AddPlace,
    ChangeBudget,
    ChangePace,
    DropDay,
    Edit,
    Itinerary,
    LimitPerDay,
    MealWish,
    MovePlace,
    PinPlace,
    Preferences,
    RemovePlace,
    ReplacePlace,
    SetDayStart,
    SetTravelTimes,
    SwapDays,
    Undo,
)
from wayfarer.errors import EditRejected
from wayfarer.planner.base import EditResult
from wayfarer.planner.edits.days import add_day, drop_day, swap_days
from wayfarer.planner.edits.ends import set_travel_times
from wayfarer.planner.edits.levels import change_budget, change_pace
from wayfarer.planner.edits.limits import limit_per_day
from wayfarer.planner.edits.meals import steer_meals, steers
from wayfarer.planner.edits.move import move_place
from wayfarer.planner.edits.places import add_place, pin_place, remove_place, replace_place
from wayfarer.planner.edits.state import EditState
from wayfarer.planner.edits.times import later_dinners, set_day_start
from wayfarer.planner.index import CityIndex


def apply_edit(
    index: CityIndex,
    itinerary: Itinerary,
    preferences: Preferences,
    edit: Edit,
    excluded: frozenset[str] = frozenset(),
) -> EditResult:
    """Apply ``edit``; raises EditRejected (with a reason for the traveller) when it
    cannot be done. Undo is not an itinerary operation: the conversation keeps versions.
    ``excluded`` place ids (removed by the traveller) are never brought in."""
    if isinstance(edit, Undo):
        raise EditRejected("Undo is handled by the conversation, which keeps earlier versions.")
    if isinstance(edit, MealWish) and edit.wish != "later_dinner" and not steers(edit.wish):
        raise EditRejected("I can't pick restaurants by that yet; I'll remember the wish.")
    state = EditState(index, itinerary, preferences, excluded)
    if not state.days:
        raise EditRejected("There is no itinerary day to change yet.")
    match edit:
        case ReplacePlace():
            replace_place(state, edit)
        case RemovePlace():
            remove_place(state, edit)
        case AddPlace():
            add_place(state, edit)
        case PinPlace():
            pin_place(state, edit)
        case MovePlace():
            move_place(state, edit)
        case SwapDays():
            swap_days(state, edit)
        case AddDay():
            add_day(state, edit)
        case DropDay():
            drop_day(state, edit)
        case ChangePace():
            change_pace(state, edit)
        case ChangeBudget():
            change_budget(state, edit)
        case SetDayStart():
            set_day_start(state, edit)
        case SetTravelTimes():
            set_travel_times(state, edit)
        case MealWish(wish="later_dinner"):
            later_dinners(state, edit)
        case MealWish():
            steer_meals(state, edit)
        case LimitPerDay():
            limit_per_day(state, edit)
        case _:
            assert_never(edit)
    return state.finish()
