"""Typed itinerary edits (SPEC §5): what the interpreter extracts and the planner applies.

Each edit is a small pydantic model tagged by ``op``; :data:`Edit` is their union. Most
change the itinerary directly; ``PinPlace``, ``SetDayStart``, ``SetTravelTimes``, ``MealWish``,
``LimitPerDay`` and a ``ChangePace`` with a ``day`` are also kept as lasting trip constraints
(:class:`~wayfarer.domain.dialogue.TripConstraints`) that every later re-plan honours.
"""

from typing import Annotated, Literal

from pydantic import BaseModel, Field

from wayfarer.domain.vocabulary import Budget, Interest, Pace


class PlaceSelector(BaseModel):
    """Picks places in an itinerary or the catalog; unset fields do not constrain.

    ``name`` is matched fuzzily against place names, ``category`` against place categories
    ("museum"), ``interest`` against place interests, ``outdoor`` True/False against the
    catalog's indoor flag ("something outdoors"), ``day`` restricts to one day (1-based).
    """

    name: str | None = None
    category: str | None = None
    interest: Interest | None = None
    outdoor: bool | None = None
    day: int | None = Field(default=None, ge=1)


class ReplacePlace(BaseModel):
    """Replace the place(s) matching ``target`` with one matching ``replacement``."""

    op: Literal["replace"] = "replace"
    target: PlaceSelector
    replacement: PlaceSelector = Field(default_factory=PlaceSelector)


class RemovePlace(BaseModel):
    """Remove the place matching ``target`` (the day keeps its pace minimum if it can)."""

    op: Literal["remove"] = "remove"
    target: PlaceSelector


class AddPlace(BaseModel):
    """Add one place matching ``query`` (on ``query.day`` when given, else the best day)."""

    op: Literal["add"] = "add"
    query: PlaceSelector


class MovePlace(BaseModel):
    """Move the place matching ``target`` to day ``to_day``; both days stay valid (the day
    it leaves is refilled when it would drop below its pace minimum)."""

    op: Literal["move"] = "move"
    target: PlaceSelector
    to_day: int = Field(ge=1)


class SwapDays(BaseModel):
    """Exchange the contents of two days (dates stay with their day numbers)."""

    op: Literal["swap_days"] = "swap_days"
    first: int = Field(ge=1)
    second: int = Field(ge=1)


class AddDay(BaseModel):
    """Append a day to the trip."""

    op: Literal["add_day"] = "add_day"


class DropDay(BaseModel):
    """Remove a day (the last one when ``day`` is None); later days are renumbered."""

    op: Literal["drop_day"] = "drop_day"
    day: int | None = Field(default=None, ge=1)


class ChangePace(BaseModel):
    """Set the pace, or step it ("more relaxed" / "more packed") when ``pace`` is None."""

    op: Literal["change_pace"] = "change_pace"
    pace: Pace | None = None
    step: Literal["more_relaxed", "more_packed"] | None = None
    #: One day only ("make day 2 more relaxed"); None changes the whole trip's pace.
    day: int | None = Field(default=None, ge=1)


class ChangeBudget(BaseModel):
    """Set the budget level; places above it are replaced."""

    op: Literal["change_budget"] = "change_budget"
    budget: Budget


class PinPlace(BaseModel):
    """Keep the place matching ``target`` ("keep the Louvre"): it stays in the plan and no
    later re-plan or edit removes it. A ``target.day`` pins it to that day; a place not yet
    in the plan is added first. The trip page's "keep" button sends exactly this op."""

    op: Literal["pin"] = "pin"
    target: PlaceSelector


class SetDayStart(BaseModel):
    """Start every day (or only ``day``) no earlier than ``earliest`` ("HH:MM"):
    "we're not morning people" -> 10:00. Kept as a trip constraint across re-plans."""

    op: Literal["day_start"] = "day_start"
    earliest: str = Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    day: int | None = Field(default=None, ge=1)


TravelMode = Literal["flight", "train", "other"]


class SetTravelTimes(BaseModel):
    """When the traveller gets in on the first day (``arrive``, "we land at 2pm") or must
    leave on the last (``leave``, "our flight home is at 6pm"), "HH:MM" local time, and
    how (``mode``: a flight needs longer to and from the airport). The first day keeps
    only what fits after the arrival, the last only what ends before the departure; kept
    as a trip constraint across re-plans."""

    op: Literal["travel_times"] = "travel_times"
    arrive: str | None = Field(default=None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    leave: str | None = Field(default=None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    mode: TravelMode = "other"


MealWishKind = Literal["later_dinner", "earlier_dinner", "vegetarian", "fancy", "cheap", "local"]


class MealWish(BaseModel):
    """A wish about meals ("later dinners", "vegetarian", "somewhere fancy"), for the whole
    trip or one ``day``; kept as a trip constraint and honoured where the catalog can."""

    op: Literal["meal_wish"] = "meal_wish"
    wish: MealWishKind
    day: int | None = Field(default=None, ge=1)


class LimitPerDay(BaseModel):
    """At most ``limit`` activities a day ("max 3 stops a day"), or at most ``limit`` of
    one catalog ``category`` ("no more than one museum a day"); kept as a trip constraint
    every re-plan and edit honours."""

    op: Literal["limit_per_day"] = "limit_per_day"
    category: str | None = None
    limit: int = Field(ge=1, le=6)


class Undo(BaseModel):
    """Go back to the itinerary before the last edit."""

    op: Literal["undo"] = "undo"


Edit = Annotated[
    ReplacePlace | RemovePlace | AddPlace | MovePlace | SwapDays | AddDay | DropDay
    | ChangePace | ChangeBudget | PinPlace | SetDayStart | SetTravelTimes | MealWish
    | LimitPerDay | Undo,
    Field(discriminator="op"),
]
