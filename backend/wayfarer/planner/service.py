"""``CatalogPlanner``: the :class:`~wayfarer.planner.base.Planner` over the bundled catalog.

Pure and deterministic: no I/O after construction, the same inputs give the same
itinerary. Every itinerary it returns has passed :meth:`CatalogPlanner.verify`; the only
clock it reads is for exports ("next Monday" when no date is set, the ICS stamp), and it
is injectable.
"""

import datetime as dt
import threading
from collections.abc import Callable
from zoneinfo import ZoneInfo

from wayfarer.domain import (
    Edit,
    ExportFormat,
    Itinerary,
    ItineraryDay,
    Preferences,
    utcnow,
)
from wayfarer.errors import InvalidRequest
from wayfarer.planner.base import CitySummary, EditResult, Export, PlanResult, Violation
from wayfarer.planner.catalog import Catalog, CatalogPlace
from wayfarer.planner.details import StopDetails, stop_details
from wayfarer.planner.document import budget_notes, itinerary_for
from wayfarer.planner.edits import apply_edit
from wayfarer.planner.exports import to_ics, to_json, to_markdown, trip_start
from wayfarer.planner.index import CityIndex
from wayfarer.planner.legcheck import verify_legs
from wayfarer.planner.legcost import over_budget
from wayfarer.planner.legedits import apply_leg_edit
from wayfarer.planner.legfit import LegShort, refit
from wayfarer.planner.legreplan import replan_legs
from wayfarer.planner.legs import join, plan_legs
from wayfarer.planner.match import NAME_CUTOFF, name_score
from wayfarer.planner.proposed import MODEL_PLACES_NOTE, ProposedCities
from wayfarer.planner.request import TripRequest, resolve
from wayfarer.planner.trip import Trip, plan_trip
from wayfarer.planner.verify import verify_itinerary

MEDIA_TYPES = {
    "json": "application/json",
    "markdown": "text/markdown; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
}
EXTENSIONS = {"json": "json", "markdown": "md", "ics": "ics"}


class CatalogPlanner:
    """Plans, edits, verifies and exports itineraries from a loaded :class:`Catalog`.

    City lookup tables are built on first use and cached; ``clock`` (UTC now) is only
    used by exports.
    """

    def __init__(
        self, catalog: Catalog, clock: Callable[[], dt.datetime] = utcnow,
        proposed: ProposedCities | None = None,
    ) -> None:
        self._catalog = catalog
        self._proposed = proposed or ProposedCities()
        self._clock = clock
        self._indexes: dict[tuple[str, int | None], CityIndex] = {}
        self._lock = threading.Lock()

    def index(self, city: str, start_date: dt.date | None = None) -> CityIndex | None:
        """Lookup tables for ``city`` (any case), or None when it is not covered. With a
        ``start_date``, a city with seasonal hours gets the tables of that month (the
        trip's first month)."""
        covered = self._catalog.get(city) or self._proposed.get(city)
        if covered is None:
            return None
        month = None
        if start_date is not None and any(p.seasonal_hours for p in covered.places):
            month = start_date.month
        key = (city.casefold(), month)
        found = self._indexes.get(key)
        if found is not None and found.city is covered:
            return found
        with self._lock:  # built once per city (again when a proposed city is replaced)
            found = self._indexes.get(key)
            if found is None or found.city is not covered:
                found = self._indexes[key] = CityIndex.build(covered, month)
        return found

    def _require(self, city: str | None, start_date: dt.date | None = None) -> CityIndex:
        if not city:
            raise InvalidRequest("Which city would you like to visit?")
        index = self.index(city, start_date)
        if index is None:
            raise InvalidRequest(f"{city} isn't one of the cities I can plan yet.")
        return index

    # --- Planner protocol ---------------------------------------------------------

    def cities(self) -> list[CitySummary]:
        """Covered cities, sorted by name."""
        return [
            CitySummary(name=c.name, country=c.country, places=len(c.places),
                        country_code=c.country_code)
            for c in self._catalog.cities
        ]

    def covers(self, city: str) -> bool:
        """True when ``city`` (any case) is in the catalog."""
        return city in self._catalog

    def plan(
        self, preferences: Preferences, excluded: frozenset[str] = frozenset()
    ) -> PlanResult:
        """A verified itinerary for ``preferences`` (defaults named, shortfalls
        explained) without the ``excluded`` places; InvalidRequest when the city is
        missing or not covered. A trip of two or more legs is planned leg by leg
        (``planner.legs``) and verified as a whole (``planner.legcheck``)."""
        if preferences.is_multi_city():
            return self._plan_legs(preferences, excluded)
        index = self._require(preferences.city, preferences.start_date)
        request = resolve(preferences, index, excluded)
        trip = _trip_at_a_pace_that_fits(request, preferences, excluded)
        itinerary = itinerary_for(request, trip.days)
        itinerary = self._guard(itinerary, preferences, request, trip.notes)
        notes = trip.notes + budget_notes(request, itinerary)
        if index.city.source == "model":
            notes.insert(0, MODEL_PLACES_NOTE)
        return PlanResult(itinerary=itinerary, defaults=list(request.defaults), notes=notes)

    def replan(
        self,
        itinerary: Itinerary | None,
        preferences: Preferences,
        excluded: frozenset[str] = frozenset(),
    ) -> PlanResult:
        """Plan ``preferences`` again after its legs changed, keeping every leg of the
        current ``itinerary`` that did not move (same city, same trip days, same city
        before it) exactly as it is (``planner.legreplan``); a plain :meth:`plan` for a
        one-city trip or without an itinerary."""
        if itinerary is None or not preferences.is_multi_city() or len(itinerary.legs) < 1:
            return self.plan(preferences, excluded)
        return self._plan_legs(preferences, excluded, itinerary)

    def _plan_legs(
        self, preferences: Preferences, excluded: frozenset[str],
        current: Itinerary | None = None,
    ) -> PlanResult:
        """Every leg planned (``current``: unmoved legs kept); a leg whose city runs out
        of places passes its missing days on (``planner.legfit``), said in the notes. The
        itinerary's legs then say how many days each city got."""
        moved: list[str] = []
        full: set[str] = set()
        for _ in range(len(preferences.legs) + 1):
            try:
                if current is None:
                    plans = plan_legs(self._require, preferences, excluded)
                else:
                    plans = replan_legs(self._require, current, preferences, excluded)
                break
            except LegShort as short:
                fitted = refit(preferences, short, full)
                preferences, current = fitted.preferences, None
                moved.append(fitted.note)
        else:
            raise InvalidRequest("I couldn't share the days among these cities; "
                                 "try a more relaxed pace or fewer days.")
        itinerary = join(preferences, plans)
        problems = verify_legs(itinerary, preferences, self._require)
        if problems:
            raise InvalidRequest(
                "I couldn't build an itinerary that keeps every rule for this trip: "
                f"{problems[0].message} Try a more relaxed pace or fewer days."
            )
        defaults = list(dict.fromkeys(d for p in plans for d in p.defaults))
        notes = moved + list(dict.fromkeys(n for p in plans for n in p.notes))
        over = over_budget(itinerary.estimated_cost)
        notes += [over] if over else []
        return PlanResult(itinerary=itinerary, defaults=defaults, notes=notes)

    def _guard(
        self, itinerary: Itinerary, preferences: Preferences, request: TripRequest,
        notes: list[str],
    ) -> Itinerary:
        """Last line of defence: cut the trip before the first day that breaks a rule.
        The pipeline builds valid days, so this only fires on a planner bug."""
        index = request.index
        problems = verify_itinerary(itinerary, preferences, index)
        if not problems:
            return itinerary
        bad = [p.day for p in problems if p.day is not None]
        if bad and len(problems) == len(bad) and min(bad) > 1:
            kept: list[ItineraryDay] = itinerary.days[: min(bad) - 1]
            trimmed = itinerary_for(request, kept)
            if not verify_itinerary(trimmed, preferences, index):
                notes.append(
                    f"I could only plan {len(kept)} days that keep every rule, so the trip "
                    "stops there; try a more relaxed pace or fewer days."
                )
                return trimmed
        raise InvalidRequest(
            "I couldn't build an itinerary that keeps every rule for this request: "
            f"{problems[0].message} Try a more relaxed pace, fewer days or fewer interests."
        )

    def apply_edit(
        self,
        itinerary: Itinerary,
        preferences: Preferences,
        edit: Edit,
        excluded: frozenset[str] = frozenset(),
    ) -> EditResult:
        """Apply one edit with locality; EditRejected (a plain reason) when it can't. On a
        multi-city trip the edit runs inside one leg (``planner.legedits``)."""
        if len(itinerary.legs) >= 2 or preferences.is_multi_city():
            return apply_leg_edit(self._require, itinerary, preferences, edit, excluded)
        index = self._require(itinerary.city, preferences.start_date)
        return apply_edit(index, itinerary, preferences, edit, excluded)

    def place(self, city: str, name: str) -> CatalogPlace | None:
        """The catalog place of ``city`` best matching ``name`` (fuzzy), or None."""
        index = self.index(city)
        if index is None or not name.strip():
            return None
        scored = [(name_score(name, p.name), p) for p in index.city.places]
        scored = [(s, p) for s, p in scored if s >= NAME_CUTOFF]
        if not scored:
            return None
        return max(scored, key=lambda sp: (sp[0], -index.rank[sp[1].id]))[1]

    def sights(self, city: str, interest: str | None = None) -> list[CatalogPlace]:
        """The catalog's sights in ``city`` (for ``interest`` when given), catalog order."""
        index = self.index(city)
        if index is None:
            return []
        return [p for p in index.activities if interest is None or interest in p.interests]

    def city_centre(self, city: str) -> tuple[float, float] | None:
        """(lat, lon) of a covered city's centre, or None when not covered."""
        index = self.index(city)
        return None if index is None else (index.city.lat, index.city.lon)

    def verify(self, itinerary: Itinerary, preferences: Preferences) -> list[Violation]:
        """Every broken SPEC §6 rule; empty when the itinerary is valid (a multi-city
        trip: every leg with its own city, and the travel-day rules)."""
        if len(itinerary.legs) >= 2 or preferences.is_multi_city():
            return verify_legs(itinerary, preferences, self._require)
        return verify_itinerary(
            itinerary, preferences, self.index(itinerary.city, preferences.start_date)
        )

    def details(self, itinerary: Itinerary, preferences: Preferences) -> list[StopDetails]:
        """Per-stop details (hours that day, why chosen, travel to the next stop), each
        day's from its own city."""
        cities = {leg.city: self._require(leg.city) for leg in itinerary.legs}
        return stop_details(self._require(itinerary.city), itinerary, preferences, cities)

    def export(
        self, itinerary: Itinerary, preferences: Preferences, fmt: ExportFormat
    ) -> Export:
        """Markdown, ICS (each leg's time zone) or JSON rendering of the itinerary."""
        index = self._require(itinerary.city)
        city = index.city
        now = self._clock()
        today = now.astimezone(ZoneInfo(city.timezone)).date()
        start, assumed = trip_start(itinerary, preferences.start_date, today)
        if fmt == "json":
            content = to_json(itinerary)
        elif fmt == "markdown":
            content = to_markdown(itinerary, start, assumed)
        elif fmt == "ics":
            zones = {leg.city: leg.timezone for leg in itinerary.legs if leg.timezone}
            content = to_ics(itinerary, city.timezone, start, assumed, now, city.slug, zones)
        else:
            raise InvalidRequest(f"Unknown export format {fmt!r}; use json, markdown or ics.")
        return Export(
            content=content,
            media_type=MEDIA_TYPES[fmt],
            filename=f"wayfarer-{city.slug}.{EXTENSIONS[fmt]}",
        )


#: The next lighter pace, tried when not even one day fits the asked one.
LIGHTER = {"packed": "moderate", "moderate": "relaxed"}


def _trip_at_a_pace_that_fits(
    request: TripRequest, preferences: Preferences, excluded: frozenset[str]
) -> Trip:
    """``plan_trip(request)``; when not even day 1 fits its pace (a packed day around a
    city's Saturday hours), the trip at the next lighter pace that fits, each day keeping
    that pace as its own (``ItineraryDay.pace``, as a lightened day does) and a note
    saying so. InvalidRequest when no pace fits."""
    try:
        return plan_trip(request)
    except InvalidRequest:
        pace = LIGHTER.get(request.pace)
        while pace is not None:
            eased = resolve(preferences.model_copy(update={"pace": pace}), request.index,
                            excluded)
            try:
                trip = plan_trip(eased)
            except InvalidRequest:
                pace = LIGHTER.get(pace)
                continue
            days = [day.model_copy(update={"pace": pace}) for day in trip.days]
            note = (f"A {request.pace} pace didn't fit {request.index.city.name}'s opening "
                    f"hours on these dates, so the days are {pace}.")
            return Trip(request=request, days=days, notes=[note, *trip.notes])
        raise
