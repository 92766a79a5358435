"""Pydantic models shared by every layer: preferences, itinerary, edits, session state."""

from wayfarer.domain.edits import (
    AddDay,
    AddPlace,
    ChangeBudget,
    ChangePace,
    DropDay,
    Edit,
    PlaceSelector,
    RemovePlace,
    ReplacePlace,
    SwapDays,
    Undo,
)
from wayfarer.domain.interpretation import ExportFormat, Intent, Interpretation, PreferenceUpdate
from wayfarer.domain.itinerary import (
    EstimatedCost,
    Itinerary,
    ItineraryDay,
    ItineraryItem,
    PlaceRef,
)
from wayfarer.domain.preferences import MAX_TRIP_DAYS, Preferences
from wayfarer.domain.session import (
    SCHEMA_VERSION,
    Message,
    SessionState,
    TurnRecord,
    utcnow,
)
from wayfarer.domain.vocabulary import (
    BUDGET_MAX_COST_LEVEL,
    BUDGETS,
    INTERESTS,
    PACE_ACTIVITY_BOUNDS,
    PACES,
    Budget,
    Interest,
    Pace,
)

__all__ = [
    "BUDGETS",
    "BUDGET_MAX_COST_LEVEL",
    "INTERESTS",
    "MAX_TRIP_DAYS",
    "PACES",
    "PACE_ACTIVITY_BOUNDS",
    "SCHEMA_VERSION",
    "AddDay",
    "AddPlace",
    "Budget",
    "ChangeBudget",
    "ChangePace",
    "DropDay",
    "Edit",
    "EstimatedCost",
    "ExportFormat",
    "Intent",
    "Interest",
    "Interpretation",
    "Itinerary",
    "ItineraryDay",
    "ItineraryItem",
    "Message",
    "Pace",
    "PlaceRef",
    "PlaceSelector",
    "PreferenceUpdate",
    "Preferences",
    "RemovePlace",
    "ReplacePlace",
    "SessionState",
    "SwapDays",
    "TurnRecord",
    "Undo",
    "utcnow",
]
