"""Preference changes said in a message (shared by dialogue acts and interpretations)."""

from datetime import date
from typing import Any, Final, Literal

from pydantic import BaseModel, Field

from wayfarer.domain.preferences import MAX_TRAVELERS, Leg, Preferences
from wayfarer.domain.vocabulary import Budget, Interest, Pace

ExportFormat = Literal["json", "markdown", "ics"]
SmallTalk = Literal["hello", "thanks", "bye"]


class PreferenceUpdate(BaseModel):
    """Preference changes found in a message; ``None`` / empty means "not mentioned".

    ``city`` is a catalog-resolved city name; a recognised world city the catalog does not
    cover goes to ``unsupported_city`` instead, never to ``city``, with covered cities to
    offer instead in ``city_suggestions`` (same country first, then nearest).
    ``interests_any`` means the traveller answered "anything / surprise me" about interests.

    ``legs`` (issue 11) is a whole multi-city trip as stated ("3 days in Tokyo then 2 in
    Kyoto"): the covered cities in travel order, each with its days or None when unsaid
    ("Tokyo and Kyoto, 6 days": ``days`` holds the total). It replaces the trip's legs;
    ``city`` is then its first leg. ``unsupported_legs`` names the cities of such a trip
    the catalog does not cover (``city_suggestions`` then offers covered ones nearby);
    when no city of the trip is covered, ``unsupported_city`` is also the first of them.
    """

    city: str | None = None
    country: str | None = None
    unsupported_city: str | None = None
    city_suggestions: list[str] = Field(default_factory=list)
    days: int | None = Field(default=None, ge=1)
    start_date: date | None = None
    add_interests: list[Interest] = Field(default_factory=list)
    remove_interests: list[Interest] = Field(default_factory=list)
    interests_any: bool = False
    pace: Pace | None = None
    budget: Budget | None = None
    budget_amount: float | None = None
    currency: str | None = None
    travelers: int | None = Field(default=None, ge=1, le=MAX_TRAVELERS)
    legs: list[Leg] = Field(default_factory=list)
    unsupported_legs: list[str] = Field(default_factory=list)

    def is_empty(self) -> bool:
        """True when the message changed no preference."""
        return self == PreferenceUpdate()

    def preference_values(self) -> dict[str, Any]:
        """The values this update sets on :class:`Preferences` field for field: every field
        both models have (city, country, days, start_date, pace, budget, ...) that the
        message mentioned (not None, not an empty list), in this model's field order.
        Interests, which are added and removed rather than set, and legs, which are
        merged as a trip (conversation/merge.py), are not among them."""
        values = ((name, getattr(self, name)) for name in _SET_BY_NAME)
        return {name: value for name, value in values if value is not None and value != []}


_SET_BY_NAME: Final = tuple(
    name for name in PreferenceUpdate.model_fields
    if name in Preferences.model_fields and name != "legs"
)
