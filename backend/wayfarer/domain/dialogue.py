"""Dialogue state kept as data in the session document (issue 9, schema_version 2).

:class:`DialogueState` records what the assistant is waiting for (the detail it asked
about, the confirmation it asked for, the cities it offered) and a turn counter that only
grows, so no interpreter ever has to re-read the assistant's earlier prose.
:class:`TripConstraints` are the traveller's edits kept as lasting rules every re-plan
honours (pinned and excluded places, per-day pace, the day's start time, meal wishes,
per-day caps).
"""

from typing import Literal

from pydantic import BaseModel, Field

from wayfarer.domain.acts import DialogueAct
from wayfarer.domain.edits import MealWishKind, TravelMode
from wayfarer.domain.vocabulary import Pace

HHMM = r"^([01]\d|2[0-3]):[0-5]\d$"

Slot = Literal["city", "days", "interests", "pace_budget"]
"""A missing detail the assistant can ask about while gathering."""

ConfirmationKind = Literal["change_city", "start_over", "shorten", "drop_day", "split"]
"""A change that would discard work, asked about before it is made; ``split`` offers an
even split of a multi-city trip's days whose legs have none ("Tokyo and Kyoto, 6 days")."""


class PendingConfirmation(BaseModel):
    """A confirming question the assistant asked: ``on_accept`` runs on "yes",
    ``on_decline`` on "no" (empty: keep everything as it is). ``subject`` is what the
    question was about (a city name, a day number) for the reply."""

    kind: ConfirmationKind
    subject: str = ""
    on_accept: list[DialogueAct] = Field(default_factory=list)
    on_decline: list[DialogueAct] = Field(default_factory=list)


class DialogueState(BaseModel):
    """What the conversation is waiting for, and how many turns it has had.

    ``awaiting`` is the detail the last reply asked about (gathering only);
    ``confirmation`` the confirming question the last reply asked; ``offered_cities`` the
    covered cities the last reply offered, in order ("sure" takes the first);
    ``follow_up`` the question or place edit a follow-up repeats. All four describe the
    *last* reply only and are cleared by the next turn. ``turn`` counts user
    turns processed and never decreases (history trimming does not touch it).
    """

    turn: int = Field(default=0, ge=0)
    awaiting: Slot | None = None
    confirmation: PendingConfirmation | None = None
    offered_cities: list[str] = Field(default_factory=list)
    #: The one question the last turn answered, or the one place edit it made (schema 7),
    #: that a follow-up repeats with a new place or day ("and the orsay?", "what about on
    #: monday?", "and the tower too"); cleared by the next turn like the fields above.
    follow_up: DialogueAct | None = None


class PinnedPlace(BaseModel):
    """A place the traveller asked to keep or add; ``day`` when they named one."""

    place_id: str
    name: str
    day: int | None = Field(default=None, ge=1)


class ExcludedPlace(BaseModel):
    """A place the traveller removed or replaced: never planned again on this trip."""

    place_id: str
    name: str


class DayPace(BaseModel):
    """The pace of one day, when the traveller set it for that day only."""

    day: int = Field(ge=1)
    pace: Pace


class MealPreference(BaseModel):
    """A meal wish for the trip (``day`` None) or one day."""

    wish: MealWishKind
    day: int | None = Field(default=None, ge=1)


class DayLimit(BaseModel):
    """At most ``limit`` activities a day, or of one catalog ``category`` ("museum")."""

    category: str | None = None
    limit: int = Field(ge=1, le=6)


class TravelEnd(BaseModel):
    """When the traveller arrives or leaves ("HH:MM", local time) and how."""

    time: str = Field(pattern=HHMM)
    mode: TravelMode = "other"


class TripConstraints(BaseModel):
    """The traveller's edits as lasting rules (shown in the SessionView).

    ``day_start`` is the earliest time a day may start ("HH:MM"; None: the planner's
    default). A re-plan keeps every constraint that still applies and reports the ones it
    could not keep (a pin on a day the trip no longer has, a place another city lacks).
    """

    pinned: list[PinnedPlace] = Field(default_factory=list)
    excluded: list[ExcludedPlace] = Field(default_factory=list)
    day_pace: list[DayPace] = Field(default_factory=list)
    day_start: str | None = Field(default=None, pattern=HHMM)
    meals: list[MealPreference] = Field(default_factory=list)
    #: Per-day caps (schema 6): "max 3 stops a day", "one museum a day".
    day_limits: list[DayLimit] = Field(default_factory=list)
    #: When the traveller gets in on the first day and leaves on the last (schema 10).
    arrival: TravelEnd | None = None
    departure: TravelEnd | None = None

    def is_empty(self) -> bool:
        """True when the traveller has set no constraint."""
        return self == TripConstraints()

    def pace_of(self, day: int) -> Pace | None:
        """The pace set for ``day`` only, if any."""
        return next((d.pace for d in self.day_pace if d.day == day), None)

    def excluded_ids(self) -> frozenset[str]:
        """Ids of the places never to plan."""
        return frozenset(e.place_id for e in self.excluded)
