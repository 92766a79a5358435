"""Wayfarer: a conversational travel-itinerary planner.

The package is layered: ``api`` -> ``conversation`` -> (``sessions``, ``language``,
``planner``), all speaking the pydantic models of ``domain``. See docs/architecture.md.
"""

__version__ = "0.1.0"
