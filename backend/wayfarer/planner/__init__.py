"""Place catalog, itinerary planner, verifier, edits and exports (SPEC §6)."""

from wayfarer.planner.catalog import Catalog, CatalogPlace, City, load_catalog

__all__ = ["Catalog", "CatalogPlace", "City", "load_catalog"]
