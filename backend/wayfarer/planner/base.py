"""The Planner protocol the orchestrator depends on, and its result types.

Every itinerary a Planner returns has passed its verifier (SPEC §6); the same inputs always
give the same output.
"""

from typing import Protocol

from pydantic import BaseModel, Field

from wayfarer.domain import Edit, EditSummary, ExportFormat, Itinerary, Preferences
from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.details import StopDetails


class CitySummary(BaseModel):
    """A covered city as listed by ``GET /api/cities``."""

    name: str
    country: str
    places: int
    #: ISO 3166 alpha-2 code of ``country`` (added after the first three fields).
    country_code: str


class PlanResult(BaseModel):
    """A verified itinerary; ``defaults`` names the preference fields that were defaulted
    (``days``, ``interests``, ``pace``, ``budget``); ``notes`` explain any shortfall and
    suggest concrete relaxations."""

    itinerary: Itinerary
    defaults: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


class EditResult(BaseModel):
    """The edited, verified itinerary; ``preferences`` as changed by the edit (pace, budget,
    days); untouched days are identical to before."""

    itinerary: Itinerary
    preferences: Preferences
    summary: EditSummary
    notes: list[str] = Field(default_factory=list)


class Violation(BaseModel):
    """One broken rule of SPEC §6 (``rule`` is a stable code, e.g. ``pace``, ``overlap``)."""

    rule: str
    day: int | None = None
    message: str


class Export(BaseModel):
    """A rendered itinerary file."""

    content: str
    media_type: str
    filename: str


class Planner(Protocol):
    """Builds, edits, verifies and exports itineraries from the bundled catalog."""

    def cities(self) -> list[CitySummary]:
        """Covered cities, sorted by name."""
        ...

    def covers(self, city: str) -> bool:
        """True when ``city`` (any case) is in the catalog."""
        ...

    def plan(
        self, preferences: Preferences, excluded: frozenset[str] = frozenset()
    ) -> PlanResult:
        """Plan a trip; ``preferences.city`` must be covered, or a model-proposed city
        registered in this process (planner/proposed.py), else InvalidRequest.
        ``excluded`` place ids (the traveller removed them) are never chosen."""
        ...

    def replan(
        self,
        itinerary: Itinerary | None,
        preferences: Preferences,
        excluded: frozenset[str] = frozenset(),
    ) -> PlanResult:
        """Plan again after a multi-city trip's legs changed, keeping the legs of
        ``itinerary`` that did not move as they are; :meth:`plan` otherwise."""
        ...

    def apply_edit(
        self,
        itinerary: Itinerary,
        preferences: Preferences,
        edit: Edit,
        excluded: frozenset[str] = frozenset(),
    ) -> EditResult:
        """Apply one edit (not Undo: the orchestrator keeps versions); raises EditRejected
        with a plain reason when it cannot be done. ``excluded`` as for :meth:`plan`."""
        ...

    def place(self, city: str, name: str) -> CatalogPlace | None:
        """The catalog place of ``city`` best matching ``name`` (fuzzy), or None."""
        ...

    def sights(self, city: str, interest: str | None = None) -> list[CatalogPlace]:
        """The catalog's sights (not places to eat) in ``city``, those for ``interest``
        when given, headline ones first; empty when ``city`` is not covered."""
        ...

    def city_centre(self, city: str) -> tuple[float, float] | None:
        """(lat, lon) of a covered city's centre, or None when not covered."""
        ...

    def verify(self, itinerary: Itinerary, preferences: Preferences) -> list[Violation]:
        """Every broken SPEC §6 rule; empty when the itinerary is valid."""
        ...

    def details(self, itinerary: Itinerary, preferences: Preferences) -> list[StopDetails]:
        """Per-stop details for the page: hours that day, why chosen, travel to the next."""
        ...

    def export(
        self, itinerary: Itinerary, preferences: Preferences, fmt: ExportFormat
    ) -> Export:
        """Markdown, ICS (city time zone) or JSON rendering of the itinerary."""
        ...
