"""Edits kept as lasting trip constraints, and re-applied after every re-plan (issue 9).

:func:`record` turns an applied edit into constraints: a removed or replaced place is
excluded, an added or kept place pinned (to the day it was asked for), a place moved by
hand pinned to its new day, a one-day pace, a later day start and a meal wish are
remembered; day edits renumber them.
:func:`reapply` runs after a fresh plan: the planner already left excluded places out, so
it adds back pinned places, re-lightens or fills days with their own pace and shifts the
start time, and returns, for each constraint it could not keep, the reason.
:func:`apply_or_add` applies one edit, reading "put X on day 3" for a place not in the
plan as adding X on day 3.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable

from wayfarer.domain import (
    AddPlace,
    ChangePace,
    DayLimit,
    DayPace,
    DropDay,
    Edit,
    EditTrip,
    ExcludedPlace,
    Itinerary,
    LimitPerDay,
    MealPreference,
    MealWish,
    MovePlace,
    PinnedPlace,
    PinPlace,
    PlaceSelector,
    Preferences,
    RemovePlace,
    ReplacePlace,
    SetDayStart,
    SetTravelTimes,
    SwapDays,
    TravelEnd,
    TripConstraints,
)
from wayfarer.errors import EditRejected
from wayfarer.planner import EditResult, Planner


def _ids(itinerary: Itinerary | None) -> dict[str, tuple[str, int]]:
    if itinerary is None:
        return {}
    return {i.place.id: (i.place.name, d.day) for d in itinerary.days for i in d.items}


def _activity_ids(itinerary: Itinerary | None) -> dict[str, tuple[str, int]]:
    if itinerary is None:
        return {}
    return {i.place.id: (i.place.name, d.day) for d in itinerary.days for i in d.items
            if i.kind == "activity"}


def record(
    constraints: TripConstraints, edit: Edit, before: Itinerary | None,
    after: Itinerary | None,
) -> TripConstraints:
    """The constraints after ``edit`` turned ``before`` into ``after`` (a new object;
    both None for a rule said before there is a plan)."""
    kept = constraints.model_copy(deep=True)
    old, new = _ids(before), _ids(after)
    if isinstance(edit, RemovePlace | ReplacePlace):
        gone = [(pid, name) for pid, (name, _) in old.items() if pid not in new]
        aimed = edit.target.name is not None or isinstance(edit, RemovePlace)
        for pid, name in gone if aimed else gone[:1]:
            if pid not in kept.excluded_ids():
                kept.excluded.append(ExcludedPlace(place_id=pid, name=name))
        kept.pinned = [p for p in kept.pinned if p.place_id in new]
    if isinstance(edit, AddPlace | PinPlace) and after is not None:
        selector = edit.query if isinstance(edit, AddPlace) else edit.target
        if selector.name is not None:
            added = [pid for pid in _activity_ids(after) if pid not in old]
            found = added[0] if added else _named(after, selector.name)
            if found is not None and found not in {p.place_id for p in kept.pinned}:
                kept.pinned.append(
                    PinnedPlace(place_id=found, name=new[found][0], day=selector.day))
            # asking for a place again lifts its earlier removal
            kept.excluded = [e for e in kept.excluded if e.place_id != found]
    if isinstance(edit, MovePlace) and before is not None and after is not None:
        kept = _moved(kept, edit.to_day, before, after)
    if isinstance(edit, ChangePace) and edit.day is not None:
        pace = edit.pace or ("relaxed" if edit.step == "more_relaxed" else "packed")
        kept.day_pace = [d for d in kept.day_pace if d.day != edit.day]
        kept.day_pace.append(DayPace(day=edit.day, pace=pace))
    if isinstance(edit, ChangePace) and edit.day is None:
        kept.day_pace = []  # a whole-trip pace replaces the per-day ones
    if isinstance(edit, SetDayStart) and edit.day is None:
        kept.day_start = edit.earliest
    if isinstance(edit, SetTravelTimes):
        if edit.arrive:
            kept.arrival = TravelEnd(time=edit.arrive, mode=edit.mode)
        if edit.leave:
            kept.departure = TravelEnd(time=edit.leave, mode=edit.mode)
    if isinstance(edit, MealWish):
        wish = MealPreference(wish=edit.wish, day=edit.day)
        if wish not in kept.meals:
            kept.meals.append(wish)
    if isinstance(edit, LimitPerDay):
        kept.day_limits = [c for c in kept.day_limits if c.category != edit.category]
        kept.day_limits.append(DayLimit(category=edit.category, limit=edit.limit))
    if isinstance(edit, DropDay) and before is not None:
        dropped = edit.day or len(before.days)
        kept = renumbered(kept, lambda d: None if d == dropped else d - 1 if d > dropped else d)
    if isinstance(edit, SwapDays):
        swap = {edit.first: edit.second, edit.second: edit.first}
        kept = renumbered(kept, lambda d: swap.get(d, d))
    return kept


def _moved(
    constraints: TripConstraints, to_day: int, before: Itinerary, after: Itinerary
) -> TripConstraints:
    """A place moved by hand is pinned to the day it was moved to (a pin it had follows
    it), so a later re-plan puts it back there."""
    old, new = _activity_ids(before), _activity_ids(after)
    moved = [pid for pid, (_, day) in new.items() if day == to_day and pid in old
             and old[pid][1] != to_day]
    for pid in moved:
        pin = next((p for p in constraints.pinned if p.place_id == pid), None)
        if pin is None:
            constraints.pinned.append(PinnedPlace(place_id=pid, name=new[pid][0], day=to_day))
        else:
            pin.day = to_day
    return constraints


def _named(itinerary: Itinerary, name: str) -> str | None:
    wanted = name_key(name)
    for day in itinerary.days:
        for item in day.items:
            have = name_key(item.place.name)
            if wanted in have or have in wanted:
                return item.place.id
    return None


def name_key(text: str) -> str:
    """``text`` for loose name matching: lower case, no accents, words only
    ("Musée Rodin" and "musee rodin", "Sainte-Chapelle" and "sainte chapelle" agree)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", plain))


def renumbered(
    constraints: TripConstraints, new_day: Callable[[int], int | None]
) -> TripConstraints:
    """Day numbers mapped through ``new_day`` (None: the day is gone, so is its rule)."""
    kept = constraints.model_copy(deep=True)
    for pin in kept.pinned:
        pin.day = new_day(pin.day) if pin.day else None
    kept.day_pace = [DayPace(day=d, pace=p.pace) for p in kept.day_pace
                     if (d := new_day(p.day)) is not None]
    kept.meals = [m for m in kept.meals if m.day is None or new_day(m.day) is not None]
    for meal in kept.meals:
        meal.day = new_day(meal.day) if meal.day else None
    return kept


def for_city(constraints: TripConstraints, city: str) -> tuple[TripConstraints, list[str]]:
    """Constraints that survive a change of city (times, meal wishes and caps do; places and
    day shapes belong to the old plan), with a reason for each one dropped."""
    lost = [f"{p.name} (it is not in {city})." for p in constraints.pinned]
    kept = TripConstraints(day_start=constraints.day_start, meals=list(constraints.meals),
                           day_limits=list(constraints.day_limits))
    return kept, lost


def shaped_days(constraints: TripConstraints, itinerary: Itinerary) -> set[int]:
    """Days the traveller shaped: a pinned place is on them, or they have their own pace."""
    where = _ids(itinerary)
    days = {p.day or where.get(p.place_id, ("", 0))[1] for p in constraints.pinned}
    days |= {d.day for d in constraints.day_pace}
    return {d for d in days if d}


def reapply(
    planner: Planner, itinerary: Itinerary, prefs: Preferences, constraints: TripConstraints,
    only_pins: bool = False,
) -> tuple[Itinerary, Preferences, TripConstraints, list[str]]:
    """Re-apply pins, per-day paces and the day start to a fresh plan (``only_pins``:
    just the pins, after an edit that may have dropped one); returns the plan, the
    preferences, the constraints still in force and a reason per one not kept."""
    unkept: list[str] = []
    kept = constraints.model_copy(deep=True)
    days = len(itinerary.days)
    for pin in list(kept.pinned):
        if pin.place_id in _ids(itinerary):
            continue
        day = pin.day if pin.day and pin.day <= days else None
        if pin.day and day is None:
            unkept.append(f"{pin.name} on day {pin.day} (the trip has {days} days now), so "
                          "it goes on the best day instead.")
            pin.day = None
        edit = AddPlace(query=PlaceSelector(name=pin.name, day=day))
        itinerary, prefs, reason = _try(planner, itinerary, prefs, edit, kept)
        if reason:
            unkept.append(f"{pin.name}: {reason}")
            kept.pinned.remove(pin)
    if only_pins:
        return itinerary, prefs, kept, unkept
    for pace in list(kept.day_pace):
        if pace.day > days:
            kept.day_pace.remove(pace)
            continue
        step = "more_relaxed" if pace.pace == "relaxed" else "more_packed"
        itinerary, prefs, _ = _try(planner, itinerary, prefs,
                                   ChangePace(step=step, day=pace.day), kept)
    itinerary, prefs, lost = reapply_rules(planner, itinerary, prefs, kept)
    return itinerary, prefs, kept, unkept + lost


def reapply_rules(
    planner: Planner, itinerary: Itinerary, prefs: Preferences, constraints: TripConstraints,
) -> tuple[Itinerary, Preferences, list[str]]:
    """Per-day caps, then meal wishes, then the day start, then the arrival and departure,
    applied to ``itinerary`` (after
    a re-plan, or an edit that may have broken them); a reason per cap or start that
    could not be kept. A meal wish
    the catalog cannot serve stays a wish and is not reported again."""
    unkept: list[str] = []
    for cap in constraints.day_limits:
        edit = LimitPerDay(category=cap.category, limit=cap.limit)
        itinerary, prefs, reason = _try(planner, itinerary, prefs, edit, constraints)
        if reason:
            plural = "s" if cap.limit > 1 else ""
            unkept.append(f"at most {cap.limit} {cap.category or 'stop'}{plural} a day: "
                          f"{reason}")
    for meal in constraints.meals:
        itinerary, prefs, _ = _try(planner, itinerary, prefs,
                                   MealWish(wish=meal.wish, day=meal.day), constraints)
    if constraints.day_start:
        itinerary, prefs, reason = _try(planner, itinerary, prefs,
                                        SetDayStart(earliest=constraints.day_start),
                                        constraints)
        if reason and "already" not in reason:
            unkept.append(f"the {constraints.day_start} start everywhere: {reason}")
    for end, field in ((constraints.arrival, "arrive"), (constraints.departure, "leave")):
        if end is not None:  # last: a rule above may have rebuilt the first or last day
            ends = SetTravelTimes.model_validate({field: end.time, "mode": end.mode})
            itinerary, prefs, _ = _try(planner, itinerary, prefs, ends, constraints)
    return itinerary, prefs, unkept


def may_break_rules(edits: Iterable[EditTrip], constraints: TripConstraints) -> bool:
    """Edits other than the rules themselves may break a cap, a meal wish or the day
    start ("more packed" adds museums and starts days earlier), so the rules are
    re-applied after them."""
    rules = (constraints.day_limits or constraints.meals or constraints.day_start
             or constraints.arrival or constraints.departure)
    return bool(rules) and any(
        not isinstance(act.edit, LimitPerDay | MealWish | SetDayStart | SetTravelTimes)
        for act in edits)


def _try(
    planner: Planner, itinerary: Itinerary, prefs: Preferences, edit: Edit,
    constraints: TripConstraints,
) -> tuple[Itinerary, Preferences, str]:
    try:
        result = planner.apply_edit(itinerary, prefs, edit, constraints.excluded_ids())
    except EditRejected as exc:
        return itinerary, prefs, exc.message
    return result.itinerary, result.preferences, ""


def names(places: Iterable[PinnedPlace | ExcludedPlace]) -> list[str]:
    """The names of ``places``."""
    return [p.name for p in places]


def apply_or_add(planner: Planner, itinerary: Itinerary, prefs: Preferences, edit: Edit,
             constraints: TripConstraints) -> tuple[EditResult, Edit]:
    """``edit`` applied, with the edit that was made: "put X on day 3" when X is not in
    the plan adds X on day 3 (raises the move's EditRejected when neither works)."""
    excluded = constraints.excluded_ids()
    try:
        return planner.apply_edit(itinerary, prefs, edit, excluded), edit
    except EditRejected as rejected:
        if not isinstance(edit, MovePlace) or not edit.target.name:
            raise
        added = AddPlace(query=PlaceSelector(name=edit.target.name, day=edit.to_day))
        try:
            return planner.apply_edit(itinerary, prefs, added, excluded), added
        except EditRejected:
            raise rejected from None
