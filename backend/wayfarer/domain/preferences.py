"""What the traveller wants: the preferences kept in a session (SPEC §3)."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from wayfarer.domain.vocabulary import Budget, Interest, Pace

MAX_TRIP_DAYS = 14
MAX_TRAVELERS = 50


class Preferences(BaseModel):
    """Trip preferences; ``None`` means "not said yet" (defaults are applied at planning).

    ``avoid_interests`` extends SPEC §3: interests the traveller ruled out ("no museums");
    the planner never schedules a place whose only matching interests are avoided ones.
    """

    model_config = ConfigDict(extra="ignore")

    city: str | None = None
    country: str | None = None
    days: int | None = Field(default=None, ge=1, le=MAX_TRIP_DAYS)
    start_date: date | None = None
    interests: list[Interest] = Field(default_factory=list)
    avoid_interests: list[Interest] = Field(default_factory=list)
    pace: Pace | None = None
    budget: Budget | None = None
    budget_amount: float | None = Field(default=None, ge=0)
    budget_per: Literal["trip", "day"] | None = None
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    travelers: int | None = Field(default=None, ge=1, le=MAX_TRAVELERS)
