"""Edits of a multi-city trip: each edit runs inside one leg, on the leg's one-city view
(``planner.legs``), so an edit of a Kyoto day never touches a Tokyo day.

Which leg: the one holding the day(s) the edit names (an edit naming days of two legs is
refused); ``add_day`` and ``drop_day`` without a day act on the last leg; a place edit
without a day acts on the first leg where it can be done; a whole-trip pace, budget, day
start or meal wish runs in every leg. A leg whose day count changes moves the later legs'
dates, so they are planned again (deterministically); the legs before it stay identical.
After the edit the leg's travel day is lightened again and the whole trip is verified;
an edit that would break a rule is refused (EditRejected).
"""

from wayfarer.domain import (
    AddDay,
    AddPlace,
    ChangeBudget,
    ChangePace,
    DropDay,
    Edit,
    EditSummary,
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
)
from wayfarer.errors import EditRejected, InvalidRequest
from wayfarer.planner.base import EditResult
from wayfarer.planner.document import itinerary_for
from wayfarer.planner.edits import apply_edit
from wayfarer.planner.index import CityIndex
from wayfarer.planner.legcheck import verify_legs
from wayfarer.planner.legs import (
    IndexFor,
    LegPlan,
    LegSpan,
    closed_notes,
    join,
    leg_indexes,
    leg_preferences,
    plan_leg,
    shift_days_text,
    spans,
    trip_currency,
    view_of,
)
from wayfarer.planner.request import effective_pace, resolve
from wayfarer.planner.travel import arrival_cap, lighten, travel_days, trimmed_eve

#: Preference fields an edit inside a leg may change for the whole trip.
TRIP_FIELDS = ("pace", "budget", "interests", "avoid_interests")


def named_days(edit: Edit) -> list[int]:
    """The trip day numbers ``edit`` names."""
    days: list[int | None] = []
    if isinstance(edit, ReplacePlace | RemovePlace | PinPlace):
        days.append(edit.target.day)
    elif isinstance(edit, MovePlace):
        days += [edit.target.day, edit.to_day]
    elif isinstance(edit, AddPlace):
        days.append(edit.query.day)
    elif isinstance(edit, SwapDays):
        days += [edit.first, edit.second]
    elif isinstance(edit, DropDay | ChangePace | SetDayStart | MealWish):
        days.append(edit.day)
    return [d for d in days if d is not None]


def _local(edit: Edit, shift: int) -> Edit:
    """``edit`` with its day numbers counted inside the leg."""
    data = edit.model_dump()
    for key in ("target", "query"):
        if isinstance(data.get(key), dict) and data[key].get("day") is not None:
            data[key]["day"] -= shift
    for key in ("to_day", "first", "second", "day"):
        if data.get(key) is not None:
            data[key] -= shift
    return type(edit).model_validate(data)


def _targets(edit: Edit, all_spans: list[LegSpan]) -> list[LegSpan]:
    """The legs ``edit`` may act on, in the order to try them."""
    days = named_days(edit)
    if days:
        legs = {s.position for s in all_spans for d in days if s.first <= d <= s.last}
        if any(not 1 <= d <= all_spans[-1].last for d in days):
            raise EditRejected(f"The trip has days 1 to {all_spans[-1].last}.")
        if len(legs) > 1:
            raise EditRejected(
                "Those days are in different cities; I can change days within one city at a "
                "time."
            )
        return [all_spans[legs.pop()]]
    if isinstance(edit, AddDay | DropDay):
        return [all_spans[-1]]
    if isinstance(edit, SetTravelTimes):  # the trip's first day, or its last
        return [all_spans[-1] if edit.leave and not edit.arrive else all_spans[0]]
    return all_spans


def _every_leg(edit: Edit) -> bool:
    return isinstance(
        edit, ChangeBudget | ChangePace | SetDayStart | MealWish | LimitPerDay
    ) and not (
        named_days(edit)
    )


def apply_leg_edit(
    index_for: IndexFor,
    itinerary: Itinerary,
    preferences: Preferences,
    edit: Edit,
    excluded: frozenset[str] = frozenset(),
) -> EditResult:
    """Apply ``edit`` to a multi-city ``itinerary`` (see the module docstring); refused
    when ``itinerary`` is not a plan of ``preferences``' legs (plan or replan first)."""
    try:
        all_spans = spans(preferences)
    except InvalidRequest as error:
        raise EditRejected(str(error)) from error
    planned = [(leg.city.casefold(), leg.days) for leg in itinerary.legs]
    if planned != [(s.leg.city.casefold(), s.numbers()) for s in all_spans]:
        raise EditRejected("The trip's cities changed since this plan; plan it again first.")
    targets = _targets(edit, all_spans)
    every = _every_leg(edit)
    result: EditResult | None = None
    reason = "That change can't be made in any city of the trip."
    for span in targets:
        current = result.itinerary if result else itinerary
        # a whole-trip change reads the preferences it started from in every leg
        prefs = preferences if every or result is None else result.preferences
        try:
            step = _in_leg(index_for, current, prefs, span, edit, excluded)
        except EditRejected as error:
            if every:
                raise
            reason = str(error)
            continue
        result = step if result is None else _merged(result, step)
        if not every:
            break
    if result is None:
        raise EditRejected(reason)
    problems = verify_legs(result.itinerary, result.preferences, index_for)
    if problems:
        raise EditRejected(f"That change would break a rule: {problems[0].message}")
    return result


def _merged(before: EditResult, after: EditResult) -> EditResult:
    summary = EditSummary(
        description=" ".join(dict.fromkeys(
            (before.summary.description, after.summary.description)
        )),
        days=sorted({*before.summary.days, *after.summary.days}),
        place_ids=[*before.summary.place_ids, *after.summary.place_ids],
    )
    return after.model_copy(update={"summary": summary, "notes": before.notes + after.notes})


def _in_leg(
    index_for: IndexFor,
    itinerary: Itinerary,
    preferences: Preferences,
    span: LegSpan,
    edit: Edit,
    excluded: frozenset[str],
) -> EditResult:
    indexes = leg_indexes(index_for, preferences)
    currency = trip_currency(preferences, indexes)
    index = indexes[span.position]
    view, prefs = view_of(itinerary, preferences, span, currency, index)
    others = frozenset(
        i.place.id for d in itinerary.days if not span.first <= d.day <= span.last
        for i in d.items
    )
    shift = span.first - 1
    outcome = apply_edit(index, view, prefs, _local(edit, shift), excluded | others)
    days = _restored(outcome.itinerary, view, span, index, len(indexes), outcome.preferences)
    if preferences.start_date is None:
        days = days.model_copy(update={"days": closed_notes(days.days, index)})
    if not days.days:
        raise EditRejected(f"That would leave no day in {span.leg.city}; drop the city instead.")
    legs = [leg.model_copy() for leg in preferences.trip_legs()]
    legs[span.position] = legs[span.position].model_copy(update={"days": len(days.days)})
    changed = {k: getattr(outcome.preferences, k) for k in TRIP_FIELDS}
    trip_prefs = Preferences.model_validate({
        **preferences.model_dump(), **changed, "legs": [leg.model_dump() for leg in legs],
    })
    new_spans = spans(trip_prefs)
    plans = _replanned(index_for, trip_prefs, itinerary, new_spans, span, days, excluded)
    summary = EditSummary(
        description=shift_days_text(outcome.summary.description, shift),
        days=[d + shift for d in outcome.summary.days],
        place_ids=list(outcome.summary.place_ids),
    )
    return EditResult(
        itinerary=join(trip_prefs, plans), preferences=trip_prefs, summary=summary,
        notes=[shift_days_text(n, shift) for n in outcome.notes],
    )


def _restored(
    edited: Itinerary, before: Itinerary, span: LegSpan, index: CityIndex, legs: int,
    prefs: Preferences,
) -> Itinerary:
    """The edited view with its transfer back on its first day, its travel day light and,
    when another leg follows, its last day trimmed as an eve."""
    days = list(edited.days)
    move = before.days[0].transfer if before.days else None
    if move is not None and days:
        days[0] = days[0].model_copy(update={"transfer": move})
    pace_name = effective_pace(prefs)
    for number, ready in travel_days(days).items():
        if number <= len(days):
            days[number - 1] = lighten(days[number - 1], ready, arrival_cap(pace_name))
    if span.position < legs - 1 and days:
        days[-1] = trimmed_eve(days, prefs, index)
    return edited.model_copy(update={"days": days})


def _replanned(
    index_for: IndexFor,
    preferences: Preferences,
    itinerary: Itinerary,
    all_spans: list[LegSpan],
    edited: LegSpan,
    view: Itinerary,
    excluded: frozenset[str],
) -> list[LegPlan]:
    """Every leg's plan after an edit of ``edited``: earlier legs and, when the edited
    leg kept its length, later legs as they were; later legs planned again when its
    length changed (their dates moved)."""
    indexes = leg_indexes(index_for, preferences)
    currency = trip_currency(preferences, indexes)
    moved = all_spans[edited.position].days != edited.days
    plans: list[LegPlan] = []
    taken: set[str] = set()
    for span, index in zip(all_spans, indexes, strict=True):
        if span.position == edited.position:
            prefs = leg_preferences(preferences, span, currency)
            plans.append(LegPlan(span, itinerary_for(resolve(prefs, index), view.days), [], []))
        elif moved and span.position > edited.position:
            previous = indexes[span.position - 1]
            try:
                plans.append(plan_leg(index, preferences, span, currency, previous,
                                      span.position == len(all_spans) - 1,
                                      excluded | frozenset(taken)))
            except InvalidRequest as error:
                raise EditRejected(str(error)) from error
        else:
            plans.append(LegPlan(span, view_of(itinerary, preferences, span, currency, index)[0],
                                 [], []))
        taken |= {i.place.id for d in plans[-1].view.days for i in d.items}
    return plans

