"""Per-day caps ("max 3 stops a day", "no more than one museum a day", issue 9).

:func:`limit_per_day` brings every day within the cap: an extra place of the capped
category is replaced by the best nearby place of another kind (or dropped when the day
keeps its pace minimum without it); extra stops beyond an overall cap are dropped, the
least valuable first. Days already within the cap are left as they are.
"""

from wayfarer.domain import LimitPerDay, PlaceSelector
from wayfarer.errors import EditRejected
from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.days import activities_of, weekday
from wayfarer.planner.edits.state import EditState
from wayfarer.planner.fit import fits_in_day
from wayfarer.planner.request import join_words
from wayfarer.planner.select import score


def limit_per_day(state: EditState, edit: LimitPerDay) -> None:
    low = state.request.bounds[0]
    if edit.category is None and edit.limit < low:
        raise EditRejected(
            f"At a {state.request.pace} pace a day has at least {low} stops; ask for a more "
            f"relaxed pace to get down to {edit.limit} a day.")
    if edit.category is not None:
        state.unwanted |= {p.id for p in state.index.activities if _counted(edit, p)}
    changed: list[str] = []
    for position in range(len(state.days)):
        if _within(state, position, edit):
            continue
        _cap_day(state, position, edit)
        changed.append(str(position + 1))
    what = f"{edit.category or 'stop'}{'s' if edit.limit > 1 else ''}"
    state.description = f"At most {edit.limit} {what} a day" + (
        f": changed day{'s' if len(changed) > 1 else ''} {join_words(changed)}" if changed
        else " (every day already keeps to it)")


def _counted(edit: LimitPerDay, place: CatalogPlace) -> bool:
    return edit.category is None or place.category == edit.category


def _within(state: EditState, position: int, edit: LimitPerDay) -> bool:
    acts = activities_of(state.index, state.days[position])
    return sum(_counted(edit, p) for p in acts) <= edit.limit


def _cap_day(state: EditState, position: int, edit: LimitPerDay) -> None:
    """Replace or drop the day's extra capped places, least valuable first, rebuilding
    the day after each one (the first replacement that schedules wins)."""
    index, request = state.index, state.request
    acts = activities_of(index, state.days[position])
    extra = sorted((p for p in acts if _counted(edit, p)), key=lambda p: score(request, p))
    wd = weekday(request, position + 1)
    for old in extra[: len(extra) - edit.limit]:
        rest = [p for p in acts if p.id != old.id]
        trials: list[list[CatalogPlace]] = []
        if edit.category is not None:
            options = state.activity_options(PlaceSelector(), position, rest, old,
                                             exclude=lambda p: _counted(edit, p))
            trials = [[new if p.id == old.id else p for p in acts] for new in options[:8]
                      if fits_in_day(index, [*rest, new], wd)]
        if len(rest) >= state.bounds(position)[0]:
            trials.append(rest)
        for trial in trials:
            built = state.rebuild_day(position, trial)
            if built is not None:
                state.set_day(position, built)
                acts = activities_of(index, built)
                break
        else:
            raise EditRejected(
                f"Day {position + 1} can't keep to {edit.limit} {edit.category or 'stop'}"
                f"{'s' if edit.limit > 1 else ''} a day at a {request.pace} pace: nothing "
                "else nearby fits.")
