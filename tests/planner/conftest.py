"""Planner fixtures: the real bundled catalog and the run's shared planner (plans.py)."""

import pytest

from tests.planner.plans import shared_planner
from tests.reference import bundled_catalog
from wayfarer.planner import Catalog, CatalogPlanner


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """Every bundled city, validated."""
    return bundled_catalog()


@pytest.fixture(scope="session")
def planner() -> CatalogPlanner:
    """The real planner over the bundled catalog; exports see ``plans.FIXED_NOW``."""
    return shared_planner()
