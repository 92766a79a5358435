"""Level edits: a new pace or budget for the whole trip.

Each handler updates the preferences on the
:class:`~wayfarer.planner.edits.state.EditState`, then rebuilds only the days that no
longer fit (too many or too few sights for the pace; places above the budget), keeping
interests by swapping in carriers; it raises :class:`~wayfarer.errors.EditRejected` when
the trip cannot be made to fit.
"""


from wayfarer.domain import (
    PACES,
    ChangeBudget,
    ChangePace,
    PlaceSelector,
)
from wayfarer.errors import EditRejected
from wayfarer.planner.days import (
    activities_of,
    place_ids,
    sole_interests,
    weekday,
)
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
    state.description = f"Changed the pace to {pace}."


def change_day_pace(state: EditState, edit: ChangePace, day: int) -> None:
    """Lighten or fill one day within the trip pace's bounds (the verifier holds every
    day to them): "more relaxed" keeps the fewest sights the trip's pace allows, "more
    packed" the most. Other days are untouched."""
    index, request = state.index, state.request
    position = state.position_of(day)
    low, high = request.bounds
    lighter = edit.step == "more_relaxed" or (
        edit.pace is not None and PACES.index(edit.pace) < PACES.index(request.pace))
    target = low if lighter else high
    acts = activities_of(index, state.days[position])
    if len(acts) == target:
        word = "fewest" if lighter else "most"
        raise EditRejected(
            f"Day {day} already has {len(acts)} sights, the {word} a {request.pace} trip "
            "allows; change the whole trip's pace to go further."
        )
    used = place_ids(state.days)
    while len(acts) > target:
        keep = [p for p in acts if not sole_interests(request, p, used)] or acts
        out = min(keep, key=lambda p: (score(request, p), -index.rank[p.id]))
        acts = [p for p in acts if p.id != out.id]
    wd = weekday(request, day)
    for new in state.activity_options(PlaceSelector(), position, acts):
        if len(acts) >= target:
            break
        if fits_in_day(index, [*acts, new], wd):
            acts.append(new)
    built = state.rebuild_day(position, acts)
    if built is None:
        raise EditRejected(f"I couldn't fit a new schedule into day {day}.")
    state.set_day(position, built)
    state.description = (
        f"Made day {day} {'lighter' if lighter else 'fuller'} ({len(acts)} sights)."
    )


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
