"""Place catalog, itinerary planner, verifier, edits and exports (SPEC §6)."""

from wayfarer.planner.base import (
    CitySummary,
    EditResult,
    Export,
    Planner,
    PlanResult,
    Violation,
)
from wayfarer.planner.catalog import Catalog, CatalogPlace, City, load_catalog

__all__ = [
    "Catalog",
    "CatalogPlace",
    "City",
    "CitySummary",
    "EditResult",
    "Export",
    "PlanResult",
    "Planner",
    "Violation",
    "load_catalog",
]
