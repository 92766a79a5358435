"""Place edits: replace, remove and add a place (restaurants included).

Each handler takes an :class:`~wayfarer.planner.edits.state.EditState` and its edit,
rebuilds only the days it changes (through the state, which records touched days, added
places, a description and notes) and raises :class:`~wayfarer.errors.EditRejected` with a
plain reason when the change cannot be made. Replacing or removing a place the traveller
aimed at lets its interest go (``keep_interests`` off).
"""

from collections.abc import Callable

from wayfarer.domain import (
    AddPlace,
    ItineraryItem,
    PinPlace,
    PlaceSelector,
    RemovePlace,
    ReplacePlace,
)
from wayfarer.errors import EditRejected
from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.days import (
    activities_of,
    place_ids,
    sole_interests,
    weekday,
)
from wayfarer.planner.edits.state import EditState, wants_kind
from wayfarer.planner.fit import fits_in_day
from wayfarer.planner.items import item_slot
from wayfarer.planner.match import (
    NAME_CUTOFF,
    describe,
    is_meal_selector,
    meal_slot,
    name_score,
    normalise,
    place_matches,
)
from wayfarer.planner.request import join_words
from wayfarer.planner.select import score

#: Candidates tried per replaced or added place.
EDIT_CANDIDATES = 8


def replace_place(state: EditState, edit: ReplacePlace) -> None:
    index = state.index
    targets = state.find(edit.target)
    if not targets:
        raise EditRejected(f"I couldn't find {describe(edit.target)} in your itinerary.")
    state.keep_interests = False
    done: list[str] = []
    for position, item in targets:
        old = index.by_id[item.place.id]
        day = state.days[position]
        if old.id not in {i.place.id for i in day.items}:
            continue
        mark = len(state.added)
        chosen = (
            _replace_meal(state, position, old, item, edit.replacement)
            if item.kind == "meal"
            else _replace_activity(state, position, old, edit.replacement)
        )
        if chosen is None:
            raise EditRejected(
                f"I couldn't find {_wanted(edit.replacement)} that fits day {position + 1} "
                f"in place of {old.name} (open that day, within your budget, with time to "
                "get there)."
            )
        if chosen.id in state.added:  # the newcomer first, then restaurants that changed
            state.added.remove(chosen.id)
        state.added.insert(mark, chosen.id)
        done.append(f"{old.name} with {chosen.name} on day {position + 1}")
    state.description = "Replaced " + join_words(done) + "."


def _replace_meal(
    state: EditState, position: int, old: CatalogPlace, item: ItineraryItem, wanted: PlaceSelector
) -> CatalogPlace | None:
    day = state.days[position]
    acts = activities_of(state.index, day)
    fixed = state.meals(day)
    slot = item_slot(item)
    options = state.food_options(wanted, position)
    _require_serving(state, options, slot, wanted)
    for new in options[:EDIT_CANDIDATES]:
        if new.id == old.id or not new.serves_meal(slot):
            continue
        built = state.rebuild_day(position, acts, {**fixed, slot: new})
        if built is not None and new.id in {i.place.id for i in built.items}:
            state.set_day(position, built)
            return new
    return None


def _replace_activity(
    state: EditState, position: int, old: CatalogPlace, wanted: PlaceSelector
) -> CatalogPlace | None:
    index = state.index
    acts = activities_of(index, state.days[position])
    rest = [p for p in acts if p.id != old.id]
    need = sole_interests(state.request, old, place_ids(state.days))
    wd = weekday(state.request, position + 1)
    for new in state.activity_options(wanted, position, rest, old, need)[:EDIT_CANDIDATES]:
        trial = [new if p.id == old.id else p for p in acts]
        if not fits_in_day(index, trial, wd):
            continue
        built = state.rebuild_day(position, trial)
        if built is not None:
            state.set_day(position, built)
            return new
    return None


def _wanted(selector: PlaceSelector) -> str:
    if selector == PlaceSelector():
        return "another place"
    return describe(selector.model_copy(update={"day": None}))


def remove_place(state: EditState, edit: RemovePlace) -> None:
    targets = state.find(edit.target)
    if not targets:
        raise EditRejected(f"I couldn't find {describe(edit.target)} in your itinerary.")
    state.keep_interests = False
    state.exclude(i.place.id for _, i in targets)
    removed: list[str] = []
    for position in sorted({p for p, _ in targets}):
        gone = {i.place.id for p, i in targets if p == position}
        removed.append(drop_from_day(state, position, gone, _unwanted(edit.target, gone)))
    state.description = "Removed " + "; ".join(removed) + "."


def drop_from_day(
    state: EditState,
    position: int,
    gone: set[str],
    unwanted: Callable[[CatalogPlace], bool],
    action: str = "",
) -> str:
    """Rebuild day ``position`` without the places ``gone``, adding nearby places (never
    ``unwanted`` ones) when it would fall below its pace minimum; returns "<names> from day
    N" (plus what was added) for the description, or raises EditRejected. ``action`` names
    what the traveller asked ("move") in the refusal; removal by default."""
    index = state.index
    low = state.bounds(position)[0]
    day = state.days[position]
    acts = [p for p in activities_of(index, day) if p.id not in gone]
    fixed = {s: p for s, p in state.meals(day).items() if p.id not in gone}
    names = [index.by_id[i].name for i in gone]
    filler: list[CatalogPlace] = []
    if len(acts) < low:
        for new in state.activity_options(PlaceSelector(), position, acts, exclude=unwanted):
            if len(acts) >= low:
                break
            if fits_in_day(index, [*acts, new], weekday(state.request, position + 1)):
                acts.append(new)
                filler.append(new)
    if len(acts) < low:
        instead = f"I can replace {join_words(names)} instead, or make the pace more relaxed."
        if action:
            instead = f"so I can't {action} {join_words(names)}; try replacing it instead."
        raise EditRejected(
            f"Day {position + 1} needs at least {low} activities at a "
            f"{state.request.pace} pace and nothing else nearby fits; {instead}"
        )
    built = state.rebuild_day(position, acts, fixed)
    if built is None:
        built = state.rebuild_day(position, acts, keep_meals=False)
    if built is None:
        raise EditRejected(f"I couldn't rearrange day {position + 1} without {names[0]}.")
    state.set_day(position, built)
    text = f"{join_words(names)} from day {position + 1}"
    if filler:
        text += f" (added {join_words([p.name for p in filler])} to keep the day full)"
    before = state.meals(day)
    meals_now = [f"{slot} is now at {place.name}" for slot, place in state.meals(built).items()
                 if slot in before and before[slot].id in gone]
    if meals_now:
        text += f" ({join_words(meals_now)})"
    return text


def _unwanted(target: PlaceSelector, gone: set[str]) -> Callable[[CatalogPlace], bool]:
    """Places not to add back after removing ``target``: the removed ones, and others
    of the same kind when it was described by kind ("no museums on day 2")."""
    kind = target.model_copy(update={"day": None})

    def unwanted(place: CatalogPlace) -> bool:
        return place.id in gone or (kind.name is None and place_matches(kind, place))

    return unwanted


def add_place(state: EditState, edit: AddPlace) -> None:
    index = state.index
    query = edit.query
    if _bar_as_sight(query) is not None and query.interest is None:
        query = query.model_copy(update={"interest": "nightlife"})  # a bar, not a café
    food = is_meal_selector(query) or (
        query.name is not None and not _names_activity(state, query) and bool(
            [p for p in index.food if name_score(query.name, p.name) >= NAME_CUTOFF]
        )
    )
    positions = [state.position_of(query.day)] if query.day else list(range(len(state.days)))
    if food:
        try:
            _add_meal(state, query, positions)
            return
        except EditRejected:
            evening = _bar_as_sight(query)
            if evening is None:
                raise
        try:
            _add_sight(state, evening, positions)
        except EditRejected:
            where = f"day {query.day}" if query.day else "the plan"
            raise EditRejected(
                f"I couldn't fit {describe(query)} into {where}: no bar or nightlife spot in "
                f"{index.city.name} is free, open and close enough that day."
            ) from None
        return
    _add_sight(state, query, positions)


def _bar_as_sight(query: PlaceSelector) -> PlaceSelector | None:
    """A bar asked for without a meal ("add a cocktail bar"), as an evening sight when no
    bar fits as a place to eat: the catalog keeps most bars and clubs as nightlife sights."""
    if query.category is None or normalise(query.category) not in _BAR_WORDS or meal_slot(
            query):
        return None
    return query.model_copy(update={"category": "nightlife", "interest": "nightlife"})


def _add_sight(state: EditState, query: PlaceSelector, positions: list[int]) -> None:
    """Add the sight ``query`` describes on the best of ``positions`` (see add_place)."""
    index = state.index
    request = state.request
    high = request.bounds[1]
    options: list[CatalogPlace] = []
    away: dict[str, float] = {}
    for position in positions:
        day_acts = activities_of(index, state.days[position])
        ids = [p.id for p in day_acts]
        for place in state.activity_options(query, position, day_acts):
            distance = index.centroid_km(place.id, ids)
            away[place.id] = min(away.get(place.id, distance), distance)
            if place not in options:
                options.append(place)
    if wants_kind(query):  # the kind asked for nearest to a day's stops (stable sort)
        options.sort(key=lambda p: round(away[p.id], 2))
    if not options:
        raise EditRejected(
            f"I couldn't find {describe(query.model_copy(update={'day': None}))} in "
            f"{index.city.name} that isn't already planned, fits your budget and is open then."
        )
    used = place_ids(state.days)
    for new in options[:EDIT_CANDIDATES]:
        order = sorted(
            positions,
            key=lambda p: (
                len(activities_of(index, state.days[p])) >= high,
                index.centroid_km(new.id, [a.id for a in activities_of(index, state.days[p])]),
                p,
            ),
        )
        for position in order:
            acts = activities_of(index, state.days[position])
            wd = weekday(request, position + 1)
            trials: list[tuple[list[CatalogPlace], CatalogPlace | None]] = []
            if len(acts) < high:
                trials.append(([*acts, new], None))
            else:  # a full day: the newcomer takes the weakest place's slot
                for weak in sorted(acts, key=lambda p: (score(request, p), -index.rank[p.id])):
                    if not sole_interests(request, weak, used):
                        trials.append(([*(p for p in acts if p.id != weak.id), new], weak))
            for trial, out in trials:
                if not fits_in_day(index, trial, wd):
                    continue
                built = state.rebuild_day(position, trial)
                if built is None:
                    continue
                state.set_day(position, built)
                state.description = f"Added {new.name} to day {position + 1}."
                if out is not None:
                    state.description = (
                        f"Added {new.name} to day {position + 1} in place of {out.name}: a "
                        f"{request.pace} day holds at most {high} sights."
                    )
                return
    target = f"day {query.day}" if query.day else "any day"
    raise EditRejected(
        f"I couldn't fit {options[0].name} into {target}: there isn't enough time between "
        "its opening hours and the other visits."
    )


def _require_serving(
    state: EditState, options: list[CatalogPlace], slot: str, query: PlaceSelector
) -> None:
    """A place asked for by name that does not serve ``slot``, or not at the trip's
    dining level for it, is refused with the reason."""
    if not query.name or not options:
        return
    place = options[0]
    if not place.serves_meal(slot):
        served = join_words(list(place.serves or []))
        raise EditRejected(
            f"{place.name} doesn't serve {slot} (it serves {served or 'no meals'}); "
            "name another place or ask me to pick one."
        )
    budget = state.request.budget
    if not state.index.dines(place, budget, slot):
        raise EditRejected(
            f"{place.name} (cost level {place.cost_level} of 4) is simpler than a {budget} "
            f"trip's {slot}; book it for lunch, or change the budget first."
        )


_BAR_WORDS = frozenset({"bar", "bars", "pub", "pubs"})


def _names_activity(state: EditState, query: PlaceSelector) -> bool:
    assert query.name is not None
    best_activity = max((name_score(query.name, p.name) for p in state.index.activities),
                        default=0.0)
    best_food = max((name_score(query.name, p.name) for p in state.index.food), default=0.0)
    return best_activity >= best_food


def _add_meal(state: EditState, query: PlaceSelector, positions: list[int]) -> None:
    index = state.index
    slot_wanted = meal_slot(query)
    for position in positions:
        options = state.food_options(query, position)
        if slot_wanted:
            _require_serving(state, options, slot_wanted, query)
        for new in options[:EDIT_CANDIDATES]:
            day = state.days[position]
            acts = activities_of(index, day)
            fixed = state.meals(day)
            for slot in [slot_wanted] if slot_wanted else ["dinner", "lunch"]:
                if not new.serves_meal(slot):
                    continue
                built = state.rebuild_day(position, acts, {**fixed, slot: new})
                if built is not None and new.id in {i.place.id for i in built.items}:
                    state.set_day(position, built)
                    state.description = f"Added {slot} at {new.name} on day {position + 1}."
                    return
    raise EditRejected(
        f"I couldn't fit {describe(query)} into the plan: no matching restaurant is free, "
        "affordable and open at lunch or dinner time."
    )


def pin_place(state: EditState, edit: PinPlace) -> None:
    """"Keep X": a place already planned stays as it is (the conversation records the pin);
    one not yet planned is added like :func:`add_place`, on ``target.day`` when given."""
    found = state.find(edit.target)
    if not found:
        add_place(state, AddPlace(query=edit.target))
        return
    position, item = found[0]
    state.description = f"Kept {item.place.name} on day {position + 1}."
