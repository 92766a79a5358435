"""The offline (rule-based) language layer: no model, no network, deterministic.

:class:`OfflineInterpreter` reads messages into an Interpretation; :class:`OfflineNarrator`
phrases replies; :class:`CityResolver` (also used to check a model's city) resolves place
names against the catalog and suggests covered cities for uncovered ones.
"""

from wayfarer.language.offline.cities import CityResolver
from wayfarer.language.offline.interpreter import OfflineInterpreter
from wayfarer.language.offline.narrator import OfflineNarrator
from wayfarer.language.offline.world import WorldCities

__all__ = ["CityResolver", "OfflineInterpreter", "OfflineNarrator", "WorldCities"]
