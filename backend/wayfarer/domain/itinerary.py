"""The itinerary document (SPEC §6) as returned to clients and stored in sessions."""

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from wayfarer.domain.vocabulary import Budget, Interest

HHMM = r"^([01]\d|2[0-3]):[0-5]\d$"


class PlaceRef(BaseModel):
    """A catalog place as it appears inside an itinerary item."""

    id: str
    name: str
    category: str
    interests: list[Interest]
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    cost_level: int = Field(ge=0, le=4)


class ItineraryItem(BaseModel):
    """One scheduled stop; ``start``/``end`` are local wall-clock times "HH:MM"."""

    start: str = Field(pattern=HHMM)
    end: str = Field(pattern=HHMM)
    kind: Literal["activity", "meal"]
    place: PlaceRef
    note: str = ""


class ItineraryDay(BaseModel):
    """A day of the trip, numbered from 1; ``date`` is set when the start date is known."""

    day: int = Field(ge=1)
    date: dt.date | None = None
    theme: str = ""
    items: list[ItineraryItem] = Field(default_factory=list)


class EstimatedCost(BaseModel):
    """Budget level of the plan, with an amount when the traveller gave one."""

    level: Budget
    amount: float | None = None
    currency: str | None = None


class Itinerary(BaseModel):
    """A whole trip. ``assumptions`` names every default the planner used (SPEC §5)."""

    city: str
    country: str
    days: list[ItineraryDay]
    assumptions: list[str] = Field(default_factory=list)
    estimated_cost: EstimatedCost
