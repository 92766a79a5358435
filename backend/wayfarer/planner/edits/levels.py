"""Level edits: a new pace or budget for the whole trip, or a lighter or fuller day.

Each handler updates the preferences on the
:class:`~wayfarer.planner.edits.state.EditState`, then rebuilds only the days that no
longer fit (too many or too few sights for the pace; places above the budget), keeping
interests by swapping in carriers; it raises :class:`~wayfarer.errors.EditRejected` when
the trip cannot be made to fit.
"""


from typing import cast

from wayfarer.domain import (
    PACE_ACTIVITY_BOUNDS,
    PACES,
    ChangeBudget,
    ChangePace,
    Pace,
    PlaceSelector,
)
from wayfarer.errors import EditRejected
from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.days import (
    activities_of,
    place_ids,
    sole_interests,
    weekday,
)
from wayfarer.planner.edits.days import append_day
from wayfarer.planner.edits.state import EditState
from wayfarer.planner.fit import fits_in_day
from wayfarer.planner.repair import fit_day
from wayfarer.planner.request import join_words, pace_level
from wayfarer.planner.select import score

#: How a budget level reads in a sentence ("changed the budget to mid-range").
BUDGET_WORDS: dict[str, str] = {
    "budget": "budget-friendly",
    "moderate": "mid-range",
    "luxury": "luxury",
}


def change_pace(state: EditState, edit: ChangePace) -> None:
    if edit.day is not None:
        change_day_pace(state, edit, edit.day)
        return
    index = state.index
    current = state.request.pace
    pace: str
    if edit.pace is not None:
        pace = edit.pace
    elif edit.step == "more_relaxed":
        if current == PACES[0]:
            raise EditRejected("The plan is already at the most relaxed pace.")
        pace = PACES[PACES.index(current) - 1]
    elif edit.step == "more_packed":
        if current == PACES[-1]:
            raise EditRejected("The plan is already at the most packed pace.")
        pace = PACES[PACES.index(current) + 1]
    else:
        raise EditRejected("Tell me which pace you'd like: relaxed, moderate or packed.")
    if pace == current and state.preferences.pace is not None:
        raise EditRejected(f"The plan is already at a {pace} pace.")
    state.revise(pace=pace_level(pace))
    request = state.request
    low, high = request.bounds
    target = request.target
    for position in range(len(state.days)):
        day = state.days[position]
        acts = activities_of(index, day)
        if len(acts) == target:
            continue
        used = place_ids(state.days)
        wd = weekday(request, position + 1)
        while len(acts) > target:
            keep = [p for p in acts if not sole_interests(request, p, used)] or acts
            out = min(keep, key=lambda p: (score(request, p), -index.rank[p.id]))
            acts = [p for p in acts if p.id != out.id]
        for new in state.activity_options(PlaceSelector(), position, acts):
            if len(acts) >= target:
                break
            if fits_in_day(index, [*acts, new], wd):
                acts.append(new)
        if len(acts) < low:
            raise EditRejected(
                f"There aren't enough places left in {index.city.name} for {len(state.days)} "
                f"{pace} days ({low}-{high} sights a day); dropping a day would make room."
            )
        result = fit_day(request, position + 1, acts, used | {p.id for p in acts},
                         state.others(position))
        if result is None:
            raise EditRejected(f"I couldn't fit a {pace} schedule into day {position + 1}.")
        built, _ = result
        state.set_day(position, built)
    state.description = f"Changed the pace to {pace}." + _days_gained(state)


def _days_gained(state: EditState) -> str:
    """Days a trip planned short of its length (too few places for the old pace) gains
    now that a lighter pace spreads the places further, said as a sentence ("" when
    none)."""
    wanted = state.preferences.days or 0
    added: list[int] = []
    while len(state.days) < wanted and append_day(state) is not None:
        added.append(len(state.days))
    if not added:
        return ""
    days = join_words([str(d) for d in added])
    return f" That leaves room for day{'s' if len(added) > 1 else ''} {days} as well."


def change_day_pace(state: EditState, edit: ChangePace, day: int) -> None:
    """Lighten or fill one day within its bounds (its own pace's, else the trip pace's;
    the verifier holds the day to them): "more relaxed" keeps the fewest sights they
    allow, "more packed" the most. A day already at its fewest takes the next slower
    pace's bounds and one sight fewer, recorded on the day (``ItineraryDay.pace``: the
    traveller asked for that day, ADR 0010); a day with its own pace already at its most
    goes one pace back towards the trip's. Other days are untouched."""
    index, request = state.index, state.request
    position = state.position_of(day)
    pace = state.days[position].pace
    current = pace or request.pace
    low, high = state.bounds(position)
    lighter = edit.step == "more_relaxed" or (
        edit.pace is not None and PACES.index(edit.pace) < PACES.index(current))
    target = low if lighter else high
    acts = activities_of(index, state.days[position])
    if len(acts) == target:
        pace, target = _next_pace(state, day, pace, lighter, len(acts))
    wd = weekday(request, day)
    for new in state.activity_options(PlaceSelector(), position, acts):
        if len(acts) >= target:
            break
        if fits_in_day(index, [*acts, new], wd):
            acts.append(new)
    for trial in _fewer(state, acts, target):
        built = state.rebuild_day(position, trial)
        if built is not None:
            acts = trial
            break
    else:
        raise EditRejected(f"I couldn't fit a new schedule into day {day}.")
    state.set_day(position, built.model_copy(update={"pace": pace}))
    state.description = (
        f"Made day {day} {'lighter' if lighter else 'fuller'} ({len(acts)} sights)."
    )


def _fewer(state: EditState, acts: list[CatalogPlace], target: int
           ) -> list[list[CatalogPlace]]:
    """``acts`` cut to ``target`` places, least scored first (never a place that alone
    shows a stated interest, while others can go): one option per place the last cut
    can take, best first, since not every day schedules without any one of them."""
    request, index = state.request, state.index
    used = place_ids(state.days)

    def order(group: list[CatalogPlace]) -> list[CatalogPlace]:
        keep = [p for p in group if not sole_interests(request, p, used)] or group
        return sorted(keep, key=lambda p: (score(request, p), -index.rank[p.id]))

    while len(acts) > target + 1:
        out = order(acts)[0]
        acts = [p for p in acts if p.id != out.id]
    if len(acts) <= target:
        return [acts]
    return [[p for p in acts if p.id != out.id] for out in order(acts)]


def _next_pace(state: EditState, day: int, pace: Pace | None, lighter: bool, count: int
               ) -> tuple[Pace | None, int]:
    """The day's new own pace (None: the trip's again) and its number of sights, for a
    day already at the fewest (``lighter``) or most its bounds allow; refuses when the
    day can go no further (the most relaxed pace, or the trip pace's most)."""
    trip = state.request.pace
    current = pace or trip
    step = -1 if lighter else 1
    at = PACES.index(current) + step
    if not 0 <= at < len(PACES) or (not lighter and pace is None):
        word = "fewest" if lighter else "most"
        raise EditRejected(
            f"Day {day} already has {count} sights, the {word} a {current} day allows; "
            "change the whole trip's pace to go further."
        )
    new = cast(Pace, PACES[at])
    low, high = PACE_ACTIVITY_BOUNDS[new]
    target = max(low, min(high, count + step))
    return (None if new == trip else new), target


def change_budget(state: EditState, edit: ChangeBudget) -> None:
    index = state.index
    if state.preferences.budget == edit.budget:
        raise EditRejected(f"The budget is already {edit.budget}.")
    state.revise(budget=edit.budget)
    request = state.request
    for position in range(len(state.days)):
        day = state.days[position]
        pricey = [i.place.id for i in day.items if not index.affordable(index.by_id[i.place.id],
                                                                         edit.budget)]
        off_level = any(
            i.kind == "meal" and not index.prefers(index.by_id[i.place.id], edit.budget)
            for i in day.items
        )
        if not pricey and not off_level:
            continue
        acts = activities_of(index, day)
        used = place_ids(state.days)
        wd = weekday(request, position + 1)
        for old in [p for p in acts if p.id in pricey]:
            rest = [p for p in acts if p.id != old.id]
            need = sole_interests(request, old, used)
            for new in state.activity_options(PlaceSelector(), position, rest, old, need):
                if new.id in used:
                    continue
                trial = [new if p.id == old.id else p for p in acts]
                if fits_in_day(index, trial, wd):
                    acts = trial
                    used.add(new.id)
                    break
        result = fit_day(request, position + 1, acts, used | {p.id for p in acts},
                         state.others(position))
        if result is None:
            raise EditRejected(
                f"I couldn't rebuild day {position + 1} with places that fit "
                f"{BUDGET_WORDS[edit.budget]}."
            )
        built, _ = result
        state.set_day(position, built)
    changed = f"; updated days {join_words([str(d) for d in sorted(state.touched)])}" if (
        state.touched
    ) else ""
    state.description = f"Changed the budget to {BUDGET_WORDS[edit.budget]}{changed}."
