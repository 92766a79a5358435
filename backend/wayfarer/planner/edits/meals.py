"""Meal wishes that steer the choice of restaurants (issue 9): "vegetarian" (places whose
catalog ``diet`` lists vegetarian or vegan), "somewhere fancy" (dinners at cost level 3
or more), "cheap eats" (meals at level 1 or less), for the trip or one day.

:func:`steer_meals` swaps each meal that does not match for the nearest matching
restaurant that serves that meal, keeps the day's visits, and stays within the trip's
dining level (a budget trip gets no fancy dinner), except that "cheap eats" may go below
a luxury trip's dining floor: the meals it places carry the wish (``ItineraryItem.wish``),
which the verifier's ``dining_level`` rule accepts. A meal it cannot match is named in a
note; when no meal matches at all it is refused with the reason (the wish is kept).
"""

from collections.abc import Callable

from wayfarer.domain import ItineraryItem, MealWish, MealWishKind, PlaceSelector
from wayfarer.errors import EditRejected
from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.days import activities_of
from wayfarer.planner.edits.state import EditState
from wayfarer.planner.items import item_slot
from wayfarer.planner.request import join_words

#: What each wish asks of a food place, the meals it applies to, and how it is said.
_WISHES: dict[str, tuple[Callable[[CatalogPlace], bool], tuple[str, ...], str]] = {
    "vegetarian": (lambda p: bool({"vegetarian", "vegan"} & set(p.diet)), ("lunch", "dinner"),
                   "vegetarian"),
    "fancy": (lambda p: p.cost_level >= 3, ("dinner",), "upscale"),
    "cheap": (lambda p: p.cost_level <= 1, ("lunch", "dinner"), "cheap"),
}


def steers(wish: str) -> bool:
    """True for the wishes this module honours."""
    return wish in _WISHES


def steer_meals(state: EditState, edit: MealWish) -> None:
    good, slots, said = _WISHES[edit.wish]
    positions = [state.position_of(edit.day)] if edit.day else list(range(len(state.days)))
    changed: list[str] = []
    missed: list[str] = []
    matched = 0
    for position in positions:
        for item in list(state.days[position].items):
            if item.kind != "meal" or item_slot(item) not in slots:
                continue
            place = state.index.by_id.get(item.place.id)
            if place is not None and good(place):
                matched += 1
                continue
            if _swap(state, position, item, good, edit.wish):
                matched += 1
                changed.append(f"{item_slot(item)} on day {position + 1}")
            else:
                missed.append(f"{item_slot(item)} on day {position + 1}")
    if not matched:
        raise EditRejected(
            f"I couldn't find {said} places to eat in {state.index.city.name} that fit the "
            f"plan at a {state.request.budget} budget; I'll keep the wish in mind.")
    state.description = (f"Switched the {join_words(changed)} to {said} places" if changed
                         else f"Every meal asked for is already {said}")
    if missed:
        why = _why(state, good, edit.wish)
        state.notes.append(f"No {said} place fits the {join_words(missed)}{why}.")


def _why(state: EditState, good: Callable[[CatalogPlace], bool], wish: MealWishKind) -> str:
    """Why a meal could not match: the trip's dining level, when it rules out every
    matching place for dinner (a luxury trip dines at level 2 or more; a wish may lower
    that floor, ``index.dining_levels``)."""
    budget = state.request.budget
    if any(good(p) and state.index.dines(p, budget, "dinner", wish) for p in state.index.food):
        return " (none fits that day's route and times)"
    return f" at a {budget} trip's dining level; a lower budget would allow it"


def _swap(state: EditState, position: int, item: ItineraryItem,
          good: Callable[[CatalogPlace], bool], wish: MealWishKind) -> bool:
    """Put the nearest matching restaurant serving ``item``'s meal in its place, at the
    dining levels the ``wish`` allows (the new meal item carries the wish)."""
    day = state.days[position]
    slot = item_slot(item)
    fixed = state.meals(day)
    acts = activities_of(state.index, day)
    options = [p for p in state.food_options(PlaceSelector(), position, wish)
               if good(p) and p.serves_meal(slot) and state.index.dines(
                   p, state.request.budget, slot, wish)]
    for new in options[:6]:
        built = state.rebuild_day(position, acts, {**fixed, slot: new}, wishes={slot: wish})
        if built is not None and new.id in {i.place.id for i in built.items}:
            state.set_day(position, built)
            return True
    return False
