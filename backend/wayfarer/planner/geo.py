"""Distances and travel times between places (pure functions, no I/O).

Travel model (documented in docs/planner.md): a hop's street distance is the great-circle
distance times :data:`STREET_FACTOR`; hops up to :data:`TRANSIT_FROM_KM` of street distance
are walked at :data:`WALK_KMH`, longer ones take transit at :data:`TRANSIT_KMH` plus
:data:`TRANSIT_OVERHEAD_MINUTES` for getting to the stop and waiting. Minutes round up.
"""

import math

from wayfarer.domain.geo import haversine_km

STREET_FACTOR = 1.3
WALK_KMH = 4.5
TRANSIT_FROM_KM = 2.0
TRANSIT_KMH = 20.0
TRANSIT_OVERHEAD_MINUTES = 10

__all__ = [
    "STREET_FACTOR",
    "TRANSIT_FROM_KM",
    "TRANSIT_KMH",
    "TRANSIT_OVERHEAD_MINUTES",
    "WALK_KMH",
    "haversine_km",
    "is_transit_hop",
    "travel_minutes",
    "travel_minutes_km",
]


def is_transit_hop(straight_km: float) -> bool:
    """True when a hop of ``straight_km`` (great-circle) is taken by transit, not on foot."""
    return straight_km * STREET_FACTOR > TRANSIT_FROM_KM


def travel_minutes_km(straight_km: float) -> int:
    """Whole minutes to cover a hop of ``straight_km`` great-circle kilometres."""
    street_km = straight_km * STREET_FACTOR
    if street_km <= TRANSIT_FROM_KM:
        return math.ceil(street_km / WALK_KMH * 60 - 1e-9)
    return math.ceil(TRANSIT_OVERHEAD_MINUTES + street_km / TRANSIT_KMH * 60 - 1e-9)


def travel_minutes(lat1: float, lon1: float, lat2: float, lon2: float) -> int:
    """Whole minutes to travel between two coordinates (see the module's travel model)."""
    return travel_minutes_km(haversine_km(lat1, lon1, lat2, lon2))
