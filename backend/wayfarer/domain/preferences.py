"""What the traveller wants: the preferences kept in a session (SPEC §3)."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from wayfarer.domain.vocabulary import Budget, Interest, Pace

MAX_TRIP_DAYS = 14
MAX_TRAVELERS = 50


class Leg(BaseModel):
    """One city of a trip, in travel order (issue 11). ``days`` is None until the
    traveller says how to split the trip ("Tokyo and Kyoto, 6 days")."""

    model_config = ConfigDict(extra="ignore")

    city: str
    country: str | None = None
    days: int | None = Field(default=None, ge=1, le=MAX_TRIP_DAYS)


class Preferences(BaseModel):
    """Trip preferences; ``None`` means "not said yet" (defaults are applied at planning).

    ``avoid_interests`` extends SPEC §3: interests the traveller ruled out ("no museums");
    the planner never schedules a place whose only matching interests are avoided ones.

    ``legs`` (schema 5) lists the trip's cities in travel order; a one-city trip is one
    leg. Which side is the truth depends on the trip (see :meth:`_synced`): with one leg
    (or none) ``city``/``country``/``days`` rule and the leg mirrors them, so code that
    sets ``city`` keeps working; with two or more legs the legs rule, ``city``/``country``
    are the first leg's and ``days`` is the sum of the legs' days once every leg has its
    days (else the total the traveller said, if any). Read legs with :meth:`trip_legs`.
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
    legs: list[Leg] = Field(default_factory=list)

    @model_validator(mode="after")
    def _synced(self) -> "Preferences":
        """Keep ``legs`` and ``city``/``country``/``days`` saying the same trip."""
        if len(self.legs) >= 2:
            first = self.legs[0]
            self.city, self.country = first.city, first.country
            if all(leg.days is not None for leg in self.legs):
                total = sum(leg.days or 0 for leg in self.legs)
                if total > MAX_TRIP_DAYS:
                    raise ValueError(f"a trip is at most {MAX_TRIP_DAYS} days, legs add to {total}")
                self.days = total
        elif self.city is None:
            self.legs = []
        else:
            self.legs = [Leg(city=self.city, country=self.country, days=self.days)]
        return self

    def trip_legs(self) -> list[Leg]:
        """The trip's legs in order (one for a one-city trip, none before a city is
        known), consistent with ``city``/``days`` even on a copy made without
        validation."""
        if len(self.legs) >= 2:
            return list(self.legs)
        if self.city is None:
            return []
        return [Leg(city=self.city, country=self.country, days=self.days)]

    def with_leg_days(self, legs: list[Leg]) -> "Preferences":
        """These preferences with ``legs`` (every leg's days known) and the total they add
        up to; ValueError when it is over :data:`MAX_TRIP_DAYS`."""
        data = self.model_dump(exclude={"days"})
        data["legs"] = [leg.model_dump() for leg in legs]
        return Preferences.model_validate(data)

    def is_multi_city(self) -> bool:
        """True when the trip has two or more legs."""
        return len(self.legs) >= 2
