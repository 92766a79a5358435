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
from wayfarer.planner.service import CatalogPlanner

__all__ = [
    "Catalog",
    "CatalogPlace",
    "CatalogPlanner",
    "City",
    "CitySummary",
    "EditResult",
    "Export",
    "PlanResult",
    "Planner",
    "Violation",
    "load_catalog",
]
