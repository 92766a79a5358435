"""Working state of one edit and its result.

:class:`EditState` holds the days being edited (untouched ones kept as the very same
objects), the preferences in force and what the edit touched; it offers the lookups and
the day rebuilding every edit uses, and :meth:`EditState.finish` turns it into an
:class:`~wayfarer.planner.base.EditResult` after checking interests and every rule (or raises
:class:`~wayfarer.errors.EditRejected`). Pure: no I/O.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from wayfarer.domain import (
    PACE_ACTIVITY_BOUNDS,
    EditSummary,
    Itinerary,
    ItineraryDay,
    ItineraryItem,
    MealWishKind,
    Pace,
    PlaceSelector,
    Preferences,
)
from wayfarer.errors import EditRejected
from wayfarer.planner.base import EditResult
from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.days import (
    DISTANCE_WEIGHT,
    activities_of,
    ensure_interests,
    foods_for,
    place_ids,
    rebuild,
    shown_interests,
    spread_cost,
    weekday,
)
from wayfarer.planner.document import budget_notes, itinerary_for
from wayfarer.planner.fill import fill_idle, has_idle_gap
from wayfarer.planner.index import CityIndex
from wayfarer.planner.items import item_slot
from wayfarer.planner.match import (
    NAME_CUTOFF,
    is_meal_selector,
    meal_slot,
    name_score,
    place_matches,
)
from wayfarer.planner.request import TripRequest, resolve
from wayfarer.planner.select import in_plan_pool, is_avoided, score
from wayfarer.planner.verify import verify_itinerary

#: Score added per interest a candidate shares with the place it replaces.
SHARED_INTEREST_BONUS = 0.5


class EditState:
    """Working state of one edit: the days (untouched ones kept as-is), the preferences
    in force, and what the edit touched."""

    def __init__(
        self,
        index: CityIndex,
        itinerary: Itinerary,
        preferences: Preferences,
        excluded: frozenset[str] = frozenset(),
    ) -> None:
        self.index = index
        self.excluded = excluded
        self.itinerary = itinerary
        self.preferences = preferences.model_copy(deep=True)
        self.days: list[ItineraryDay] = list(itinerary.days)
        self.touched: set[int] = set()
        self.added: list[str] = []
        self.notes: list[str] = []
        self.description = ""
        self.keep_interests = True
        #: Place ids the wait-filling step must not bring in (a per-day cap's category).
        self.unwanted: set[str] = set()
        self._resolved: tuple[int, TripRequest] | None = None

    # --- context ------------------------------------------------------------------

    @property
    def request(self) -> TripRequest:
        """The preferences resolved for the current number of days: resolved once, and
        again only after :meth:`revise` or when the number of days changes."""
        count = max(len(self.days), 1)
        if self._resolved is None or self._resolved[0] != count:
            prefs = self.preferences.model_copy(update={"days": count})
            self._resolved = (count, resolve(prefs, self.index, self.excluded))
        return self._resolved[1]

    def exclude(self, place_ids: Iterable[str]) -> None:
        """Never choose ``place_ids`` again in this edit (places the traveller removed: a
        day rebuilt without a removed restaurant must not pick it again for that meal)."""
        self.excluded = self.excluded | frozenset(place_ids)
        self._resolved = None

    def revise(self, **changes: object) -> None:
        """Change preference fields (``pace=``, ``budget=``, ``days=``, ``interests=``)
        for the rest of the edit and its result. The one way an edit changes its
        preferences, so :attr:`request` follows."""
        for name, value in changes.items():
            setattr(self.preferences, name, value)
        self._resolved = None

    def bounds(self, position: int) -> tuple[int, int]:
        """Activity bounds of day ``position``: its own pace's when the traveller lightened
        it past the trip pace (``ItineraryDay.pace``), else the trip pace's."""
        return PACE_ACTIVITY_BOUNDS[self.days[position].pace or self.request.pace]

    def others(self, position: int) -> set[str]:
        """Place ids on every day but the one at ``position``."""
        return place_ids(d for k, d in enumerate(self.days) if k != position)

    def meals(self, day: ItineraryDay) -> dict[str, CatalogPlace]:
        """The day's restaurants by slot ("lunch", "dinner")."""
        return {
            item_slot(i): self.index.by_id[i.place.id]
            for i in day.items
            if i.kind == "meal" and i.place.id in self.index.by_id
        }

    def wishes(self, day: ItineraryDay) -> dict[str, tuple[str, MealWishKind]]:
        """The day's meals a traveller's wish chose: slot -> (place id, wish)."""
        return {
            item_slot(i): (i.place.id, i.wish) for i in day.items
            if i.kind == "meal" and i.wish is not None
        }

    def rebuild_day(
        self,
        position: int,
        activities: list[CatalogPlace],
        fixed: dict[str, CatalogPlace] | None = None,
        keep_meals: bool = True,
        wishes: Mapping[str, MealWishKind] | None = None,
    ) -> ItineraryDay | None:
        """Schedule day ``position`` anew, keeping its own pace (``ItineraryDay.pace``);
        keeps its restaurants (or ``fixed`` ones) when they still fit, else picks new
        ones. A kept meal a wish chose keeps its wish (and its dining levels,
        ``index.dining_levels``), as does a ``fixed`` slot's meal in ``wishes``."""
        request = self.request
        taken = self.others(position)
        meals = dict(fixed or {})
        chosen = self.wishes(self.days[position])
        if keep_meals and fixed is None:
            meals = {
                slot: place
                for slot, place in self.meals(self.days[position]).items()
                if place.id not in taken and self.index.dines(
                    place, request.budget, slot, chosen.get(slot, ("", None))[1])
            }
        kept = {slot: wish for slot, (pid, wish) in chosen.items()
                if slot in meals and meals[slot].id == pid}
        pace = self.days[position].pace
        if meals:
            built = rebuild(request, position + 1, activities, taken, meals,
                            wishes={**kept, **(wishes or {})})
            if built is not None or fixed is not None:
                return _paced(built, pace)
        return _paced(rebuild(request, position + 1, activities, taken), pace)

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
                    if slot and item_slot(item) != slot:
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
        if kind == "food" and not self.index.dines(best, request.budget):
            raise EditRejected(
                f"{best.name} (cost level {best.cost_level} of 4) doesn't match the dining of "
                f"a {request.budget} trip; change the budget first if you'd like it."
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
        anyday = selector.model_copy(update={"day": None})
        pool = [
            p
            for p in index.activities
            if p.id not in trip
            and p.id not in self.excluded
            and index.affordable(p, request.budget)
            and (need or in_plan_pool(request, p))
            and index.fits_weekday(p, wd)
            and place_matches(anyday, p)
            and (exclude is None or not exclude(p))
        ]
        anchor = [p.id for p in near]
        shared = set(like.interests) if like else set()

        nearest = wants_kind(selector)

        def key(p: CatalogPlace) -> tuple[bool, bool, float, float, int]:
            value = score(request, p) + SHARED_INTEREST_BONUS * len(shared & set(p.interests))
            away = index.centroid_km(p.id, anchor)
            value -= DISTANCE_WEIGHT * (away + spread_cost(index, [*anchor, p.id]))
            lacks = bool(need) and not (need or set()) <= set(p.interests)
            first = round(away, 2) if nearest else 0.0
            return (lacks, is_avoided(request, p), first, -value, index.rank[p.id])

        return sorted(pool, key=key)

    def food_options(self, selector: PlaceSelector, position: int,
                     wish: MealWishKind | None = None) -> list[CatalogPlace]:
        """Unused food places at the trip's dining level (for the traveller's meal
        ``wish`` when given) matching ``selector`` (named ones by name), those at the
        budget's preferred level first, then nearest the day."""
        if selector.name:
            return self.named(selector, "food")
        request = self.request
        trip = place_ids(self.days)
        anchor = [p.id for p in activities_of(self.index, self.days[position])]
        general = selector.model_copy(update={"day": None, "category": None})
        return sorted(
            (
                f
                for f in foods_for(request, trip, wish)
                if place_matches(general, f)
            ),
            key=lambda f: (
                not self.index.prefers(f, request.budget),
                self.index.centroid_km(f.id, anchor),
                self.index.rank[f.id],
            ),
        )

    # --- result -------------------------------------------------------------------

    def finish(self) -> EditResult:
        """Check interests and every rule; the edited itinerary, or EditRejected."""
        index = self.index
        request = self.request
        self._fill_waits(request)
        shown = shown_interests(index, place_ids(self.days))
        missing = [i for i in request.required if i not in shown]
        if missing and self.keep_interests:
            missing = ensure_interests(request, self.days, self.touched)
        for interest in missing:
            self.revise(interests=[i for i in self.preferences.interests if i != interest])
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
        return EditResult(
            itinerary=itinerary,
            preferences=self.preferences,
            summary=EditSummary(
                description=self.description, days=changed, place_ids=list(self.added)
            ),
            notes=self.notes + budget_notes(resolve(self.preferences, index), itinerary),
        )

    def _fill_waits(self, request: TripRequest) -> None:
        """Give each touched day with a long wait a place that fills it (``fill``), at the
        day's own pace when it has one."""
        for number in sorted(self.touched):
            position = number - 1
            if position >= len(self.days) or not has_idle_gap(self.days[position]):
                continue
            day = self.days[position]
            group = activities_of(self.index, day)
            before = place_ids(self.itinerary.days)  # never bring back what was removed
            paced = replace(request, pace=day.pace) if day.pace else request
            built, _ = fill_idle(
                paced, number, day, group, place_ids(self.days) | before | self.unwanted,
                self.others(position), keep=frozenset(self.added),
            )
            if built is not day and self._keeps_wishes(day, built):
                self.set_day(position, _paced(built, day.pace) or built)
                present = place_ids(self.days)
                self.added[:] = [i for i in self.added if i in present]

    def _keeps_wishes(self, day: ItineraryDay, built: ItineraryDay) -> bool:
        """True when ``built`` still has every meal of ``day`` a wish chose."""
        return self.wishes(day).items() <= self.wishes(built).items()

    def _itinerary(self) -> Itinerary:
        return itinerary_for(resolve(self.preferences, self.index), self.days)


def _paced(day: ItineraryDay | None, pace: Pace | None) -> ItineraryDay | None:
    """``day`` keeping the day's own pace (``ItineraryDay.pace``) through a rebuild."""
    return day if day is None or pace is None else day.model_copy(update={"pace": pace})


def wants_kind(selector: PlaceSelector) -> bool:
    """True when ``selector`` asks for a kind of place (category, interest, indoor or
    outdoor) rather than any place or a named one."""
    return selector.name is None and any(
        value is not None for value in (selector.category, selector.interest, selector.outdoor)
    )
