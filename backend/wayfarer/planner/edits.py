"""Applying typed edits (``domain/edits.py``) to an itinerary, with locality.

Every edit rebuilds only the days it must: untouched days are returned as the very same
objects. A rebuilt day keeps its restaurants when they still fit. The result is verified
like a fresh plan; an edit that cannot be done raises :class:`EditRejected` with a plain
reason, and an edit that would need to break a rule is refused rather than applied.

An edit that removes the last place showing a stated interest (the traveller asked for
it) drops that interest from the preferences and says so in the notes; edits the
traveller did not aim at an interest (dropping a day, a new budget or pace) first try to
keep it by swapping a place in.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from wayfarer.domain import (
    PACES,
    AddDay,
    AddPlace,
    ChangeBudget,
    ChangePace,
    DropDay,
    Edit,
    EditSummary,
    EstimatedCost,
    Itinerary,
    ItineraryDay,
    ItineraryItem,
    PlaceSelector,
    Preferences,
    RemovePlace,
    ReplacePlace,
    SwapDays,
    Undo,
)
from wayfarer.domain.preferences import MAX_TRIP_DAYS
from wayfarer.errors import EditRejected
from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.clock import date_of, minutes_of
from wayfarer.planner.days import (
    DISTANCE_WEIGHT,
    activities_of,
    ensure_interests,
    fit_day,
    foods_for,
    fresh_day,
    place_ids,
    rebuild,
    shown_interests,
    sole_interests,
    spread_cost,
    weekday,
)
from wayfarer.planner.index import CityIndex
from wayfarer.planner.match import (
    NAME_CUTOFF,
    describe,
    is_meal_selector,
    meal_slot,
    name_score,
    place_matches,
)
from wayfarer.planner.request import TripRequest, budget_level, join_words, pace_level, resolve
from wayfarer.planner.schedule import fits_in_day, slot_of
from wayfarer.planner.select import is_avoided, score
from wayfarer.planner.verify import verify_itinerary

#: Candidates tried per replaced or added place.
EDIT_CANDIDATES = 8
WEEKDAY_NAMES = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays",
                 "Sundays")


@dataclass
class Outcome:
    """An applied edit: the new itinerary and preferences, what changed, and notes."""

    itinerary: Itinerary
    preferences: Preferences
    summary: EditSummary
    notes: list[str] = field(default_factory=list)


class _Edit:
    """Working state of one edit: the days (untouched ones kept as-is), the preferences
    in force, and what the edit touched."""

    def __init__(self, index: CityIndex, itinerary: Itinerary, preferences: Preferences) -> None:
        self.index = index
        self.itinerary = itinerary
        self.preferences = preferences.model_copy(deep=True)
        self.days: list[ItineraryDay] = list(itinerary.days)
        self.touched: set[int] = set()
        self.added: list[str] = []
        self.notes: list[str] = []
        self.description = ""
        self.keep_interests = True

    # --- context ------------------------------------------------------------------

    @property
    def request(self) -> TripRequest:
        """The preferences resolved for the current number of days."""
        prefs = self.preferences.model_copy(update={"days": max(len(self.days), 1)})
        return resolve(prefs, self.index)

    def others(self, position: int) -> set[str]:
        """Place ids on every day but the one at ``position``."""
        return place_ids(d for k, d in enumerate(self.days) if k != position)

    def meals(self, day: ItineraryDay) -> dict[str, CatalogPlace]:
        """The day's restaurants by slot ("lunch", "dinner")."""
        return {
            slot_of(minutes_of(i.start)): self.index.by_id[i.place.id]
            for i in day.items
            if i.kind == "meal" and i.place.id in self.index.by_id
        }

    def rebuild_day(
        self,
        position: int,
        activities: list[CatalogPlace],
        fixed: dict[str, CatalogPlace] | None = None,
        keep_meals: bool = True,
    ) -> ItineraryDay | None:
        """Schedule day ``position`` anew; keeps its restaurants (or ``fixed`` ones) when
        they still fit, else picks new ones."""
        request = self.request
        taken = self.others(position)
        meals = dict(fixed or {})
        if keep_meals and fixed is None:
            meals = {
                slot: place
                for slot, place in self.meals(self.days[position]).items()
                if place.id not in taken and self.index.affordable(place, request.budget)
            }
        if meals:
            built = rebuild(request, position + 1, activities, taken, meals)
            if built is not None or fixed is not None:
                return built
        return rebuild(request, position + 1, activities, taken)

    def set_day(self, position: int, day: ItineraryDay) -> None:
        """Replace a day; record it as touched and its new places as added."""
        before = {i.place.id for i in self.days[position].items}
        self.days[position] = day
        self.touched.add(position + 1)
        self.note_added(i.place.id for i in day.items if i.place.id not in before)

    def note_added(self, ids: Iterable[str]) -> None:
        """Record place ids the edit brought in (each once, in order)."""
        for place_id in ids:
            if place_id not in self.added:
                self.added.append(place_id)

    def position_of(self, day: int) -> int:
        """0-based position of trip day ``day``; rejects a day the trip doesn't have."""
        if not 1 <= day <= len(self.days):
            count = len(self.days)
            raise EditRejected(
                f"The trip has {count} day{'s' if count != 1 else ''}, so there is no day {day}."
            )
        return day - 1

    # --- lookups ------------------------------------------------------------------

    def find(self, selector: PlaceSelector) -> list[tuple[int, ItineraryItem]]:
        """The item ``selector`` points at, as a one-element list (empty when none): the
        best name match when a name is given, else the first match in trip order (meals
        only for food words like "lunch", activities otherwise)."""
        positions = (
            [self.position_of(selector.day)] if selector.day else list(range(len(self.days)))
        )
        found: list[tuple[float, int, int, ItineraryItem]] = []
        meals_only = is_meal_selector(selector)
        slot = meal_slot(selector)
        for position in positions:
            for k, item in enumerate(self.days[position].items):
                place = self.index.by_id.get(item.place.id)
                if place is None:
                    continue
                if selector.name is None:
                    if (item.kind == "meal") != meals_only:
                        continue
                    if slot and slot_of(minutes_of(item.start)) != slot:
                        continue
                    if slot is None and not place_matches(selector, place):
                        continue
                elif not place_matches(selector, place):
                    continue
                quality = name_score(selector.name, place.name) if selector.name else 100.0
                found.append((quality, position, k, item))
        if not found:
            return []
        best = max(found, key=lambda f: (f[0], -f[1], -f[2]))
        return [(best[1], best[3])]

    def named(self, selector: PlaceSelector, kind: str) -> list[CatalogPlace]:
        """Catalog places of ``kind`` named by ``selector.name``, best match first; rejects
        a place already in the trip or above the budget."""
        assert selector.name is not None
        scored = [
            (name_score(selector.name, p.name), p)
            for p in self.index.city.places
            if p.kind == kind and place_matches(selector.model_copy(update={"day": None}), p)
        ]
        scored = [(s, p) for s, p in scored if s >= NAME_CUTOFF]
        scored.sort(key=lambda sp: (-sp[0], self.index.rank[sp[1].id]))
        if not scored:
            return []
        best = scored[0][1]
        trip = place_ids(self.days)
        if best.id in trip:
            day = next(d.day for d in self.days if best.id in {i.place.id for i in d.items})
            raise EditRejected(f"{best.name} is already on day {day}.")
        request = self.request
        if not self.index.affordable(best, request.budget):
            raise EditRejected(
                f"{best.name} is above a {request.budget} budget (cost level "
                f"{best.cost_level} of 4); change the budget first if you'd like it."
            )
        return [p for _, p in scored if p.id not in trip]

    def activity_options(
        self,
        selector: PlaceSelector,
        position: int,
        near: list[CatalogPlace],
        like: CatalogPlace | None = None,
        need: set[str] | None = None,
        exclude: Callable[[CatalogPlace], bool] | None = None,
    ) -> list[CatalogPlace]:
        """Unused affordable activities matching ``selector`` and open on the day, best
        first: named matches by name; otherwise carriers of ``need`` first, then, when the
        selector asks for a kind of place ("a museum", "something outdoors"), the one
        nearest ``near`` (mean km, then score); for any place, score (plus shared
        interests with ``like``) minus distance to ``near`` and the span it adds."""
        index = self.index
        request = self.request
        wd = weekday(request, position + 1)
        if selector.name:
            return [p for p in self.named(selector, "activity") if index.fits_weekday(p, wd)]
        trip = place_ids(self.days)
        pool = [
            p
            for p in index.activities
            if p.id not in trip
            and index.affordable(p, request.budget)
            and index.fits_weekday(p, wd)
            and place_matches(selector.model_copy(update={"day": None}), p)
            and (exclude is None or not exclude(p))
        ]
        anchor = [p.id for p in near]
        shared = set(like.interests) if like else set()

        nearest = wants_kind(selector)

        def key(p: CatalogPlace) -> tuple[bool, bool, float, float, int]:
            value = score(request, p) + 0.5 * len(shared & set(p.interests))
            away = index.centroid_km(p.id, anchor)
            value -= DISTANCE_WEIGHT * (away + spread_cost(index, [*anchor, p.id]))
            lacks = bool(need) and not (need or set()) <= set(p.interests)
            first = round(away, 2) if nearest else 0.0
            return (lacks, is_avoided(request, p), first, -value, index.rank[p.id])

        return sorted(pool, key=key)

    def food_options(self, selector: PlaceSelector, position: int) -> list[CatalogPlace]:
        """Unused affordable food places matching ``selector`` (named ones by name)."""
        if selector.name:
            return self.named(selector, "food")
        request = self.request
        trip = place_ids(self.days)
        anchor = [p.id for p in activities_of(self.index, self.days[position])]
        general = selector.model_copy(update={"day": None, "category": None})
        return sorted(
            (
                f
                for f in foods_for(request, trip)
                if place_matches(general, f)
            ),
            key=lambda f: (self.index.centroid_km(f.id, anchor), self.index.rank[f.id]),
        )

    # --- result -------------------------------------------------------------------

    def finish(self) -> Outcome:
        """Check interests and every rule; the edited itinerary, or EditRejected."""
        index = self.index
        request = self.request
        shown = shown_interests(index, place_ids(self.days))
        missing = [i for i in request.required if i not in shown]
        if missing and self.keep_interests:
            missing = ensure_interests(request, self.days, self.touched)
        for interest in missing:
            self.preferences.interests = [i for i in self.preferences.interests if i != interest]
            self.notes.append(
                f"No place for {interest} is left in the plan, so I took {interest} off your "
                "interests."
            )
        itinerary = self._itinerary()
        problems = verify_itinerary(itinerary, self.preferences, index)
        if problems:
            raise EditRejected(
                f"I couldn't make that change without breaking the plan: {problems[0].message}"
            )
        changed = sorted(self.touched)
        return Outcome(
            itinerary=itinerary,
            preferences=self.preferences,
            summary=EditSummary(
                description=self.description, days=changed, place_ids=list(self.added)
            ),
            notes=self.notes,
        )

    def _itinerary(self) -> Itinerary:
        request = resolve(self.preferences, self.index)
        return Itinerary(
            city=self.itinerary.city,
            country=self.itinerary.country,
            days=self.days,
            assumptions=list(request.assumptions),
            estimated_cost=EstimatedCost(
                level=budget_level(request.budget),
                amount=self.preferences.budget_amount,
                currency=self.preferences.currency,
            ),
        )


def apply_edit(
    index: CityIndex, itinerary: Itinerary, preferences: Preferences, edit: Edit
) -> Outcome:
    """Apply ``edit``; raises EditRejected (with a reason for the traveller) when it
    cannot be done. Undo is not an itinerary operation: the conversation keeps versions."""
    if isinstance(edit, Undo):
        raise EditRejected("Undo is handled by the conversation, which keeps earlier versions.")
    state = _Edit(index, itinerary, preferences)
    if not state.days:
        raise EditRejected("There is no itinerary day to change yet.")
    handlers: dict[type, Callable[[_Edit, object], None]] = {
        ReplacePlace: _replace,  # type: ignore[dict-item]
        RemovePlace: _remove,  # type: ignore[dict-item]
        AddPlace: _add,  # type: ignore[dict-item]
        SwapDays: _swap,  # type: ignore[dict-item]
        AddDay: _add_day,  # type: ignore[dict-item]
        DropDay: _drop_day,  # type: ignore[dict-item]
        ChangePace: _change_pace,  # type: ignore[dict-item]
        ChangeBudget: _change_budget,  # type: ignore[dict-item]
    }
    handlers[type(edit)](state, edit)
    return state.finish()


# --- place edits ----------------------------------------------------------------------


def _replace(state: _Edit, edit: ReplacePlace) -> None:
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
    state: _Edit, position: int, old: CatalogPlace, item: ItineraryItem, wanted: PlaceSelector
) -> CatalogPlace | None:
    day = state.days[position]
    acts = activities_of(state.index, day)
    fixed = state.meals(day)
    slot = slot_of(minutes_of(item.start))
    for new in state.food_options(wanted, position)[:EDIT_CANDIDATES]:
        if new.id == old.id:
            continue
        built = state.rebuild_day(position, acts, {**fixed, slot: new})
        if built is not None and new.id in {i.place.id for i in built.items}:
            state.set_day(position, built)
            return new
    return None


def _replace_activity(
    state: _Edit, position: int, old: CatalogPlace, wanted: PlaceSelector
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


def wants_kind(selector: PlaceSelector) -> bool:
    """True when ``selector`` asks for a kind of place (category, interest, indoor or
    outdoor) rather than any place or a named one."""
    return selector.name is None and any(
        value is not None for value in (selector.category, selector.interest, selector.outdoor)
    )


def _wanted(selector: PlaceSelector) -> str:
    if selector == PlaceSelector():
        return "another place"
    return describe(selector.model_copy(update={"day": None}))


def _remove(state: _Edit, edit: RemovePlace) -> None:
    index = state.index
    targets = state.find(edit.target)
    if not targets:
        raise EditRejected(f"I couldn't find {describe(edit.target)} in your itinerary.")
    state.keep_interests = False
    low = state.request.bounds[0]
    removed: list[str] = []
    for position in sorted({p for p, _ in targets}):
        day = state.days[position]
        gone = {i.place.id for p, i in targets if p == position}
        acts = [p for p in activities_of(index, day) if p.id not in gone]
        fixed = {s: p for s, p in state.meals(day).items() if p.id not in gone}
        names = [index.by_id[i].name for i in gone]
        filler: list[CatalogPlace] = []
        if len(acts) < low:
            for new in state.activity_options(
                PlaceSelector(), position, acts, exclude=_unwanted(edit.target, gone)
            ):
                if len(acts) >= low:
                    break
                if fits_in_day(index, [*acts, new], weekday(state.request, position + 1)):
                    acts.append(new)
                    filler.append(new)
        if len(acts) < low:
            raise EditRejected(
                f"Day {position + 1} needs at least {low} activities at a "
                f"{state.request.pace} pace and nothing else nearby fits; I can replace "
                f"{join_words(names)} instead, or make the pace more relaxed."
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
        removed.append(text)
    state.description = "Removed " + "; ".join(removed) + "."


def _unwanted(target: PlaceSelector, gone: set[str]) -> Callable[[CatalogPlace], bool]:
    """Places not to add back after removing ``target``: the removed ones, and others
    of the same kind when it was described by kind ("no museums on day 2")."""
    kind = target.model_copy(update={"day": None})

    def unwanted(place: CatalogPlace) -> bool:
        return place.id in gone or (kind.name is None and place_matches(kind, place))

    return unwanted


def _add(state: _Edit, edit: AddPlace) -> None:
    index = state.index
    query = edit.query
    request = state.request
    high = request.bounds[1]
    food = is_meal_selector(query) or (
        query.name is not None and not _names_activity(state, query) and bool(
            [p for p in index.food if name_score(query.name, p.name) >= NAME_CUTOFF]
        )
    )
    positions = [state.position_of(query.day)] if query.day else list(range(len(state.days)))
    if food:
        _add_meal(state, query, positions)
        return
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


def _names_activity(state: _Edit, query: PlaceSelector) -> bool:
    assert query.name is not None
    best_activity = max((name_score(query.name, p.name) for p in state.index.activities),
                        default=0.0)
    best_food = max((name_score(query.name, p.name) for p in state.index.food), default=0.0)
    return best_activity >= best_food


def _add_meal(state: _Edit, query: PlaceSelector, positions: list[int]) -> None:
    index = state.index
    slot_wanted = meal_slot(query)
    for position in positions:
        for new in state.food_options(query, position)[:EDIT_CANDIDATES]:
            day = state.days[position]
            acts = activities_of(index, day)
            fixed = state.meals(day)
            for slot in [slot_wanted] if slot_wanted else ["dinner", "lunch"]:
                built = state.rebuild_day(position, acts, {**fixed, slot: new})
                if built is not None and new.id in {i.place.id for i in built.items}:
                    state.set_day(position, built)
                    state.description = f"Booked {slot} at {new.name} on day {position + 1}."
                    return
    raise EditRejected(
        f"I couldn't fit {describe(query)} into the plan: no matching restaurant is free, "
        "affordable and open at lunch or dinner time."
    )


# --- day edits ------------------------------------------------------------------------


def _swap(state: _Edit, edit: SwapDays) -> None:
    first, second = state.position_of(edit.first), state.position_of(edit.second)
    if first == second:
        raise EditRejected(f"Day {edit.first} can't be swapped with itself.")
    a, b = state.days[first], state.days[second]
    state.days[first], state.days[second] = b, a
    for position in (first, second):
        _renumber(state, position, f"swap days {edit.first} and {edit.second}", repair=True)
    state.touched |= {edit.first, edit.second}
    state.description = f"Swapped days {edit.first} and {edit.second}."


def _renumber(state: _Edit, position: int, action: str, repair: bool = False) -> None:
    """Give the day at ``position`` its number and date there; reschedule it when its
    places' hours differ on the new weekday. A place closed that day makes the edit
    fail, or with ``repair`` is swapped for a similar open one nearby (said in the
    notes)."""
    index = state.index
    day = state.days[position]
    number = position + 1
    moved = day.model_copy(
        update={"day": number, "date": date_of(number, state.preferences.start_date)}
    )
    state.days[position] = moved
    wd = moved.date.weekday() if moved.date else weekday(state.request, number)
    if _hours_ok(index, moved, wd):
        return
    built = state.rebuild_day(position, activities_of(index, moved))
    if built is None and repair:
        built = _reopen(state, position, wd)
        if built is not None:
            _note_closed(state, moved, built, wd)
    if built is None:
        closed = [p.name for p in activities_of(index, moved) if not index.fits_weekday(p, wd)]
        reason = (
            f"{join_words(closed)} {'is' if len(closed) == 1 else 'are'} closed on "
            f"{WEEKDAY_NAMES[wd]}" if closed else "the opening hours don't work out"
        )
        raise EditRejected(f"I can't {action}: on day {number} {reason}.")
    state.set_day(position, built)


def _note_closed(state: _Edit, before: ItineraryDay, after: ItineraryDay, wd: int) -> None:
    index = state.index
    gone = [p.name for p in activities_of(index, before)
            if p.id not in {i.place.id for i in after.items}]
    new = [p.name for p in activities_of(index, after)
           if p.id not in {i.place.id for i in before.items}]
    if not gone:
        return
    assumed = "" if after.date else " (without dates, day 1 is taken to be a Monday)"
    text = (
        f"Day {after.day} falls on a {WEEKDAY_NAMES[wd][:-1]}{assumed}, when "
        f"{join_words(gone)} {'is' if len(gone) == 1 else 'are'} closed"
    )
    text += f", so {join_words(new)} {'takes' if len(new) == 1 else 'take'} its place." if (
        new
    ) else "."
    state.notes.append(text)


def _reopen(state: _Edit, position: int, wd: int) -> ItineraryDay | None:
    """Day ``position`` rebuilt with each place closed on ``wd`` swapped for a similar
    open one nearby (then repaired like a planned day; from scratch as a last resort)."""
    index = state.index
    request = state.request
    acts = activities_of(index, state.days[position])
    used = place_ids(state.days)
    for closed in [p for p in acts if not index.fits_weekday(p, wd)]:
        rest = [p for p in acts if p.id != closed.id]
        need = sole_interests(request, closed, used)
        options = state.activity_options(PlaceSelector(), position, rest, closed, need)
        fresh = next((p for p in options if p.id not in used), None)
        if fresh is None:
            acts = rest
            continue
        acts = [fresh if p.id == closed.id else p for p in acts]
        used.add(fresh.id)
    taken = state.others(position)
    result = fit_day(request, position + 1, acts, used | {p.id for p in acts}, taken)
    if result is None and len(acts) < request.bounds[0]:
        result = fresh_day(request, position + 1, request.target, used, taken)
    return None if result is None else result[0]


def _hours_ok(index: CityIndex, day: ItineraryDay, wd: int) -> bool:
    return all(
        index.is_open(i.place.id, wd, minutes_of(i.start), minutes_of(i.end))
        for i in day.items
        if i.place.id in index.by_id
    )


def _add_day(state: _Edit, edit: AddDay) -> None:
    if len(state.days) >= MAX_TRIP_DAYS:
        raise EditRejected(f"Trips can be at most {MAX_TRIP_DAYS} days long.")
    number = len(state.days) + 1
    state.preferences.days = number
    request = state.request
    used = place_ids(state.days)
    result = fresh_day(request, number, request.target, used, set(used))
    if result is None:
        raise EditRejected(
            f"Every place in {state.index.city.name} that fits your plan is already scheduled,"
            f" so another {request.pace} day would repeat places; a more relaxed pace would "
            "spread them over more days."
        )
    built, places = result
    state.days.append(built)
    state.touched.add(number)
    state.note_added(p.id for p in places)
    state.description = f"Added day {number}: {built.theme}."


def _drop_day(state: _Edit, edit: DropDay) -> None:
    if len(state.days) == 1:
        raise EditRejected("The trip has only one day; start a new trip instead.")
    number = edit.day or len(state.days)
    position = state.position_of(number)
    before = [d.items for d in state.days]
    del state.days[position]
    state.preferences.days = len(state.days)
    for later in range(position, len(state.days)):
        _renumber(state, later, f"drop day {number}", repair=True)
    state.touched = {
        p + 1 for p in range(position, len(state.days)) if state.days[p].items != before[p + 1]
    }
    state.description = f"Dropped day {number}" + (
        "; later days moved up." if position < len(state.days) else "."
    )


def _change_pace(state: _Edit, edit: ChangePace) -> None:
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
    state.preferences.pace = pace_level(pace)
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


def _change_budget(state: _Edit, edit: ChangeBudget) -> None:
    index = state.index
    if state.preferences.budget == edit.budget:
        raise EditRejected(f"The budget is already {edit.budget}.")
    state.preferences.budget = edit.budget
    request = state.request
    for position in range(len(state.days)):
        day = state.days[position]
        pricey = [i.place.id for i in day.items if not index.affordable(index.by_id[i.place.id],
                                                                         edit.budget)]
        if not pricey:
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
                f"I couldn't rebuild day {position + 1} with places that fit a {edit.budget} "
                "budget."
            )
        built, _ = result
        state.set_day(position, built)
    changed = f"; updated days {join_words([str(d) for d in sorted(state.touched)])}" if (
        state.touched
    ) else ""
    state.description = f"Changed the budget to {edit.budget}{changed}."
