"""Catalog schema 2: the realism facts of places and cities (docs/catalog.md, "Realism
fields"), validated on load.

Per place: ``serves`` (food: which meals), ``diet``, ``best_time``, ``fixed_times``,
``seasonal_hours``, ``must_see`` and ``excursion``. Per city: ``prices`` (typical prices
per cost level in the local currency) and ``meals`` (local lunch and dinner windows).

A food place must list ``serves`` (every bundled file does since 2026-12-02); before
that, a file without it was read as serving what the category usually does, the table
the benchmark still uses to judge older planners (``bench/realism.py``).
"""

from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator

Meal = Literal["breakfast", "lunch", "dinner", "snack"]
Diet = Literal["vegetarian", "vegan", "halal", "kosher"]
TravelMode = Literal["train", "bus", "car", "boat", "metro"]
HHMM_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d$"

#: Default local meal windows (when lunch and dinner may start) for a city without ``meals``.
DEFAULT_LUNCH = ("11:30", "15:00")
DEFAULT_DINNER = ("18:30", "20:30")


def hhmm_minutes(text: str) -> int:
    """Minutes after midnight of a validated "HH:MM"."""
    return int(text[:2]) * 60 + int(text[3:])


class BestTime(BaseModel):
    """The local window a visit should happen in (``to`` before ``from`` runs past
    midnight), with the reason shown to the traveller."""

    model_config = {"populate_by_name": True}

    start: str = Field(alias="from", pattern=HHMM_PATTERN)
    end: str = Field(alias="to", pattern=HHMM_PATTERN)
    reason: str = Field(min_length=3)

    def minutes(self) -> tuple[int, int]:
        """(from, to) in minutes; ``to`` exceeds 1440 when the window runs past midnight."""
        low, high = hhmm_minutes(self.start), hhmm_minutes(self.end)
        return (low, high + 24 * 60) if high <= low else (low, high)


class SeasonalHours(BaseModel):
    """Hours (seven entries, Monday first) that replace the usual ones in ``months``."""

    months: list[int] = Field(min_length=1, max_length=12)
    hours: list[str] = Field(min_length=7, max_length=7)

    @field_validator("months")
    @classmethod
    def _months_valid(cls, value: list[int]) -> list[int]:
        if any(not 1 <= m <= 12 for m in value) or len(set(value)) != len(value):
            raise ValueError(f"months must be distinct numbers 1-12, got {value}")
        return value


class Excursion(BaseModel):
    """A day-trip place: one-way travel time from the centre and how."""

    travel_minutes: int = Field(ge=10, le=240)
    mode: TravelMode


class CityPrices(BaseModel):
    """Typical prices per person in the local currency by cost level 0-4 (``year`` they
    describe): one meal, one entry ticket (level 0 is free), a day of local transport."""

    currency: str = Field(pattern=r"^[A-Z]{3}$")
    year: int = Field(ge=2015, le=2035)
    meal: list[float] = Field(min_length=5, max_length=5)
    entry: list[float] = Field(min_length=5, max_length=5)
    transport_day: float = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> "CityPrices":
        for name in ("meal", "entry"):
            values = getattr(self, name)
            if any(v < 0 for v in values) or values != sorted(values):
                raise ValueError(f"{name} prices must be non-negative and rise with the level")
        if self.entry[0] != 0:
            raise ValueError("entry price at level 0 must be 0 (free)")
        return self


class MealWindows(BaseModel):
    """When lunch and dinner start locally: ``[earliest, latest]`` "HH:MM" each."""

    lunch: tuple[str, str] = DEFAULT_LUNCH
    dinner: tuple[str, str] = DEFAULT_DINNER

    @model_validator(mode="after")
    def _valid(self) -> "MealWindows":
        for name in ("lunch", "dinner"):
            low, high = getattr(self, name)
            for text in (low, high):
                if len(text) != 5 or text[2] != ":" or not (text[:2] + text[3:]).isdigit():
                    raise ValueError(f"bad {name} time {text!r}")
            if not hhmm_minutes(low) < hhmm_minutes(high):
                raise ValueError(f"{name} window {low}-{high} is empty")
        if hhmm_minutes(self.lunch[1]) >= hhmm_minutes(self.dinner[0]):
            raise ValueError("lunch must end before dinner starts")
        lunch_from, dinner_to = hhmm_minutes(self.lunch[0]), hhmm_minutes(self.dinner[1])
        if lunch_from < 10 * 60 or dinner_to > 23 * 60:
            raise ValueError("meal windows must lie between 10:00 and 23:00")
        return self
