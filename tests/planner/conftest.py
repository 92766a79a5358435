"""Planner fixtures: the real bundled catalog and a planner with a fixed export clock."""

import datetime as dt

import pytest

from tests.reference import bundled_catalog
from wayfarer.planner import Catalog, CatalogPlanner

#: A Saturday, so "next Monday" is 2026-03-02.
FIXED_NOW = dt.datetime(2026, 2, 28, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """Every bundled city, validated."""
    return bundled_catalog()


@pytest.fixture(scope="session")
def planner(catalog: Catalog) -> CatalogPlanner:
    """The real planner over the bundled catalog; exports see ``FIXED_NOW``."""
    return CatalogPlanner(catalog, clock=lambda: FIXED_NOW)
