"""Moving a place to another day.

The place leaves its day as a removal would (that day is refilled from nearby places when
it would fall below its pace minimum, never with the moved place) and joins the other day,
which is rescheduled around it. When the other day already holds the most sights its pace
allows, one of its places (the nearest to the day being left that fits there) moves back in
exchange, so both days keep their counts. Both days are then verified like any edit; a
place closed on the new day's weekday, or a day with no time left for it, is refused with a
plain reason.
"""

from wayfarer.domain import ItineraryDay, MovePlace
from wayfarer.errors import EditRejected
from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.days import activities_of, weekday
from wayfarer.planner.edits.places import EDIT_CANDIDATES, drop_from_day
from wayfarer.planner.edits.state import EditState
from wayfarer.planner.fit import fits_in_day
from wayfarer.planner.match import describe


def move_place(state: EditState, edit: MovePlace) -> None:
    """Apply :class:`~wayfarer.domain.MovePlace` (see the module docstring)."""
    index = state.index
    targets = state.find(edit.target)
    if not targets:
        raise EditRejected(f"I couldn't find {describe(edit.target)} in your itinerary.")
    source, item = targets[0]
    dest = state.position_of(edit.to_day)
    place = index.by_id[item.place.id]
    if item.kind == "meal":
        raise EditRejected(
            f"{place.name} is a meal stop; restaurants follow the day's route, so ask to "
            f"add a restaurant to day {edit.to_day} instead."
        )
    if source == dest:
        raise EditRejected(f"{place.name} is already on day {edit.to_day}.")
    acts = [*activities_of(index, state.days[dest]), place]
    if len(acts) > state.bounds(dest)[1]:
        _exchange(state, source, dest, place)
    else:
        if not fits_in_day(index, acts, weekday(state.request, dest + 1)):
            raise EditRejected(
                f"{place.name} doesn't fit day {edit.to_day}: it is closed that day or its "
                "hours leave no time next to the other visits."
            )
        left = drop_from_day(state, source, {place.id}, lambda p: p.id == place.id, "move")
        built = state.rebuild_day(dest, acts)
        if built is None:
            raise EditRejected(
                f"I couldn't fit {place.name} into day {edit.to_day}: there isn't enough "
                "time between its opening hours and the other visits."
            )
        state.set_day(dest, built)
        state.description = f"Moved {left} to day {edit.to_day}."
    if place.id in state.added:  # the moved place first, then anything added to fill in
        state.added.remove(place.id)
    state.added.insert(0, place.id)


def _exchange(state: EditState, source: int, dest: int, place: CatalogPlace) -> None:
    """Move ``place`` to the full day ``dest`` and one of its places back to ``source``."""
    index, request = state.index, state.request
    rest = [p for p in activities_of(index, state.days[source]) if p.id != place.id]
    there = activities_of(index, state.days[dest])
    wd, wd_dest = weekday(request, source + 1), weekday(request, dest + 1)
    anchor = [p.id for p in rest]

    def stays(back: CatalogPlace) -> list[CatalogPlace]:
        return [*(p for p in there if p.id != back.id), place]

    options = sorted(
        (p for p in there
         if fits_in_day(index, [*rest, p], wd) and fits_in_day(index, stays(p), wd_dest)),
        key=lambda p: (index.centroid_km(p.id, anchor), index.rank[p.id]),
    )
    for back in options[:EDIT_CANDIDATES]:
        days = _both(state, source, [*rest, back], dest, stays(back))
        if days is not None:
            state.set_day(source, days[0])
            state.set_day(dest, days[1])
            state.description = (
                f"Moved {place.name} from day {source + 1} to day {dest + 1}, and "
                f"{back.name} to day {source + 1} in exchange: a {request.pace} day holds "
                f"at most {request.bounds[1]} sights."
            )
            state.note_added([back.id])
            return
    raise EditRejected(
        f"Day {dest + 1} already has {request.bounds[1]} sights, the most for a "
        f"{request.pace} pace, and no exchange fits both days' opening hours; remove one "
        "there first or make the pace more packed."
    )


def _both(
    state: EditState,
    first: int,
    first_acts: list[CatalogPlace],
    second: int,
    second_acts: list[CatalogPlace],
) -> tuple[ItineraryDay, ItineraryDay] | None:
    """Both days scheduled with their new places (restaurants kept apart), or None;
    the state is left as it was."""
    old = state.days[first]
    built_first = state.rebuild_day(first, first_acts)
    if built_first is None:
        return None
    state.days[first] = built_first
    try:
        built_second = state.rebuild_day(second, second_acts)
    finally:
        state.days[first] = old
    return None if built_second is None else (built_first, built_second)
