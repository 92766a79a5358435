"""The closed vocabularies of SPEC §3, shared by requests, places and tests."""

from typing import Final, Literal, get_args

Interest = Literal[
    "art",
    "architecture",
    "beaches",
    "culture",
    "family",
    "food",
    "history",
    "museums",
    "nature",
    "nightlife",
    "shopping",
    "viewpoints",
]
Pace = Literal["relaxed", "moderate", "packed"]
Budget = Literal["budget", "moderate", "luxury"]

INTERESTS: Final[tuple[str, ...]] = get_args(Interest)
PACES: Final[tuple[str, ...]] = get_args(Pace)
BUDGETS: Final[tuple[str, ...]] = get_args(Budget)

#: Activities per day by pace (meals not counted), inclusive bounds (SPEC §6).
PACE_ACTIVITY_BOUNDS: Final[dict[str, tuple[int, int]]] = {
    "relaxed": (2, 3),
    "moderate": (3, 4),
    "packed": (5, 6),
}

#: Highest place cost level (0-4) each budget may use (SPEC §6).
BUDGET_MAX_COST_LEVEL: Final[dict[str, int]] = {"budget": 2, "moderate": 3, "luxury": 4}
