"""The itinerary document (SPEC §6) as returned to clients and stored in sessions."""

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from wayfarer.domain.edits import MealWishKind
from wayfarer.domain.vocabulary import Budget, Interest, Pace

HHMM = r"^([01]\d|2[0-3]):[0-5]\d$"
MealSlot = Literal["lunch", "dinner"]


class PlaceRef(BaseModel):
    """A catalog place as it appears inside an itinerary item."""

    id: str
    name: str
    category: str
    interests: list[Interest]
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    cost_level: int = Field(ge=0, le=4)
    serves: list[Literal["breakfast", "lunch", "dinner", "snack"]] | None = None


class ItineraryItem(BaseModel):
    """One scheduled stop; ``start``/``end`` are local wall-clock times "HH:MM".
    ``wish`` (schema 9) is set on a meal the traveller's meal wish chose ("cheap eats"):
    such a meal may sit below the trip's dining floor (never above its budget ceiling)."""

    start: str = Field(pattern=HHMM)
    end: str = Field(pattern=HHMM)
    kind: Literal["activity", "meal"]
    place: PlaceRef
    note: str = ""
    meal: MealSlot | None = None
    cost: float | None = Field(default=None, ge=0)
    wish: MealWishKind | None = None


TransferMode = Literal["rail", "flight", "bus", "ferry"]


class Transfer(BaseModel):
    """The move between two legs on the day of travel (issue 11): an *estimate* from the
    distance, never a booking. ``depart``/``arrive`` are local wall-clock "HH:MM" in the
    origin's and destination's time zones; ``minutes`` is door-to-door (stations or
    airports included), ``km`` the great-circle distance; ``arrive_day_offset`` is how
    many days after the travel day the arrival falls (destination's calendar; 0 = same
    day, 1 for an eastward overnight long-haul flight)."""

    from_city: str
    to_city: str
    mode: TransferMode
    depart: str = Field(pattern=HHMM)
    arrive: str = Field(pattern=HHMM)
    minutes: int = Field(ge=0)
    km: float = Field(ge=0)
    note: str = ""
    arrive_day_offset: int = Field(default=0, ge=0)


class ItineraryDay(BaseModel):
    """A day of the trip, numbered from 1 across the whole trip; ``date`` is set when the
    start date is known. ``city``/``country`` name where the day is spent (schema 5; on a
    travel day, the city arrived in); ``transfer`` is set on a travel day between legs.
    ``pace`` (schema 9) is set on a day the traveller asked to lighten past the trip
    pace's minimum: the day is held to that slower pace's bounds (ADR 0010).
    ``free_from`` / ``free_until`` (schema 10) bound the first day after the traveller's
    arrival and the last before their departure ("HH:MM"): every stop of the day lies
    inside, and the day may hold fewer activities than its pace's minimum."""

    day: int = Field(ge=1)
    date: dt.date | None = None
    theme: str = ""
    items: list[ItineraryItem] = Field(default_factory=list)
    city: str | None = None
    country: str | None = None
    transfer: Transfer | None = None
    pace: Pace | None = None
    free_from: str | None = Field(default=None, pattern=HHMM)
    free_until: str | None = Field(default=None, pattern=HHMM)


class ItineraryLeg(BaseModel):
    """One city of the planned trip: its days (trip day numbers, consecutive) and its
    IANA time zone."""

    city: str
    country: str
    timezone: str = ""
    days: list[int] = Field(default_factory=list)


class CostBreakdown(BaseModel):
    """Where the money goes, for the whole group over the whole trip."""

    entries: float = Field(ge=0)
    meals: float = Field(ge=0)
    transport: float = Field(ge=0)


class DayCost(BaseModel):
    """One day's estimated spend for the whole group."""

    day: int = Field(ge=1)
    amount: float = Field(ge=0)


class BudgetCheck(BaseModel):
    """The traveller's stated budget amount (per trip or per day, for the group) and how
    far the estimate goes over it (0 when it fits)."""

    amount: float = Field(ge=0)
    per: Literal["trip", "day"]
    over_by: float = Field(ge=0)


class EstimatedCost(BaseModel):
    """The plan's budget level and its estimated cost (docs/spec.md §6).

    ``amount`` and ``breakdown`` are for the group over the whole trip, ``per_person`` for
    one traveller over the whole trip, ``per_day`` for the group per day, all in
    ``currency``. ``basis`` says what the figures rest on (price table and year, exchange
    rate). Documents written before estimates existed carry only ``level``.
    """

    level: Budget
    amount: float | None = None
    currency: str | None = None
    per_person: float | None = None
    travelers: int = Field(default=1, ge=1)
    breakdown: CostBreakdown | None = None
    per_day: list[DayCost] = Field(default_factory=list)
    budget: BudgetCheck | None = None
    basis: str = ""


class Itinerary(BaseModel):
    """A whole trip. ``assumptions`` names every default the planner used (SPEC §5).

    ``city``/``country`` are the first leg's (one-city clients keep working); ``legs``
    (schema 5) lists every city in travel order, one leg for a one-city trip, while
    ``days`` stays one flat list numbered from 1 whose days each name their city."""

    city: str
    country: str
    days: list[ItineraryDay]
    legs: list[ItineraryLeg] = Field(default_factory=list)
    assumptions: list[str] = Field(default_factory=list)
    estimated_cost: EstimatedCost
