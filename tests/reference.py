"""The app's reference data (catalog and world gazetteer) loaded once for the whole run.

The app loads its own in its wiring (:class:`wayfarer.wiring.ReferenceData`); the tests
share one copy and pass it in, as a process running several apps may, so the suite does not
spend seconds loading it for every app, planner and interpreter it builds.
"""

from functools import cache

from wayfarer.language.offline import WorldCities
from wayfarer.planner import Catalog
from wayfarer.planner.catalog import Geonames
from wayfarer.wiring import ReferenceData


@cache
def reference() -> ReferenceData:
    """The bundled catalog and the gazetteer, loaded on first use."""
    return ReferenceData.load()


def bundled_catalog() -> Catalog:
    """The bundled catalog."""
    return reference().catalog


def shared_world() -> WorldCities:
    """The geonames index."""
    return reference().world


@cache
def geonames() -> Geonames:
    """The geonames tables city files are checked against (for tests loading one file)."""
    return Geonames.load()
