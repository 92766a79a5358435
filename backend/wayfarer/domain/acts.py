"""Typed dialogue acts: what one traveller message *does*, as data (issue 9).

A message is read into a list of acts (:class:`MessageActs`); each act is a small pydantic
model tagged by the field ``act``, and :data:`DialogueAct` is their discriminated union.
Every Interpreter (offline rules, LLM structured output) returns the same acts, and the
conversation policy decides what a turn does from them in one place.

The families:

- **preferences** -- :class:`ChangePreferences`: trip facts said or changed (city, days,
  dates, interests, pace, budget, travellers, or a whole multi-city trip as ``legs``).
- **legs** -- :class:`ChangeLeg`: one change to a leg of the trip by city ("one more day
  in Tokyo", "drop Kyoto", "do Kyoto first", "swap the order").
- **edits** -- :class:`EditTrip`: one typed :data:`~wayfarer.domain.edits.Edit` with its
  :class:`EditScope` (the whole trip, day N, or one place).
- **questions** -- one act per kind (``ask_*``). A question never changes preferences,
  itinerary or constraints; it is answered from the catalog and the plan.
- **control** -- :class:`UndoAct`, :class:`StartOver`, :class:`ExportPlan`,
  :class:`SmallTalk`, :class:`Unclear`, and :class:`ConfirmationAnswer` (yes/no to a
  confirming question the assistant asked).

Schema notes for structured output (LangChain ``with_structured_output(MessageActs)``):
every field has a default except the ones that identify the act, place names are free
text (resolved against the plan and catalog by the policy, never trusted as ids), days are
1-based, times are "HH:MM", and dates ISO ``YYYY-MM-DD``. An act or field outside the
schema fails validation and is dropped by the adapter, never guessed at.
"""

import datetime as dt
from typing import Annotated, Literal, TypeGuard

from pydantic import BaseModel, Field

from wayfarer.domain.changes import ExportFormat, PreferenceUpdate
from wayfarer.domain.edits import Edit
from wayfarer.domain.preferences import MAX_TRAVELERS, MAX_TRIP_DAYS
from wayfarer.domain.vocabulary import Interest

HHMM = r"^([01]\d|2[0-3]):[0-5]\d$"

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
SmallTalkKind = Literal["hello", "thanks", "bye", "other"]
PlaceFact = Literal["free", "indoor", "outdoor", "kids"]
UnknowableTopic = Literal[
    "weather", "safety", "visas", "live_prices", "bookings", "opening_now", "lodging",
    "tickets", "accessibility", "other"
]


# --- preferences and edits ---------------------------------------------------------------


class ChangePreferences(BaseModel):
    """The traveller stated or changed trip preferences.

    ``proceed`` means "just plan it / up to you": plan now on defaults for what is missing.
    ``hedged`` means the change was said tentatively or mixed with a question ("what about
    Venice?", "maybe just 2 days?"): the policy confirms before it discards work.
    """

    act: Literal["change_preferences"] = "change_preferences"
    changes: PreferenceUpdate = Field(default_factory=PreferenceUpdate)
    proceed: bool = False
    hedged: bool = False


LegOp = Literal["add", "set_days", "drop", "first", "last", "swap_order"]


class ChangeLeg(BaseModel):
    """Change one leg (city) of the trip (issue 11); ``city`` names it as said.

    - ``add``: ``days`` more days in ``city`` ("one more day in Tokyo"); a city not yet in
      the trip becomes a new leg at the end ("add 2 days in Kyoto at the end"; ``days``
      None: a default of 2).
    - ``set_days``: ``city`` gets exactly ``days`` days ("only 2 days in Kyoto").
    - ``drop``: ``city`` leaves the trip ("drop Kyoto").
    - ``first`` / ``last``: ``city`` moves to the start / the end ("do Kyoto first").
    - ``swap_order``: the legs in reverse order ("swap the order"); ``city`` None.

    A whole new trip ("Rome then Florence instead") is ``change_preferences`` with
    ``legs``, not this act.
    """

    act: Literal["change_leg"] = "change_leg"
    op: LegOp
    city: str | None = None
    days: int | None = Field(default=None, ge=1, le=MAX_TRIP_DAYS)


class EditScope(BaseModel):
    """What an edit touches: the whole ``trip``, one ``day`` (``day`` set), or one
    ``place`` (``place`` names it, ``day`` optionally where it is)."""

    kind: Literal["trip", "day", "place"] = "trip"
    day: int | None = Field(default=None, ge=1)
    place: str | None = None


class EditTrip(BaseModel):
    """Change the current plan with one typed edit, within ``scope``."""

    act: Literal["edit"] = "edit"
    edit: Edit
    scope: EditScope = Field(default_factory=EditScope)


# --- questions (never change anything) ----------------------------------------------------


class AskOpeningHours(BaseModel):
    """"Is the Louvre open on Tuesday?": hours of ``place`` on a trip ``day``, a ``date``
    or a ``weekday`` (all None: in general)."""

    act: Literal["ask_hours"] = "ask_hours"
    place: str
    day: int | None = Field(default=None, ge=1)
    date: dt.date | None = None
    weekday: Weekday | None = None


class AskCost(BaseModel):
    """"How much will this cost?": the trip estimate, optionally for ``travelers`` people
    or one ``day`` / ``place``; ``rank`` asks which day costs the ``most`` ("the priciest
    day?") or the ``least``."""

    act: Literal["ask_cost"] = "ask_cost"
    travelers: int | None = Field(default=None, ge=1, le=MAX_TRAVELERS)
    day: int | None = Field(default=None, ge=1)
    place: str | None = None
    rank: Literal["most", "least"] | None = None


class AskWhy(BaseModel):
    """"Why did you pick X?": the interests it matches, its rank, how it fits the day."""

    act: Literal["ask_why"] = "ask_why"
    place: str


class AskSchedule(BaseModel):
    """"What's on day 2?" / "what are we doing at 3pm?": a ``day`` and/or a ``time``
    ("HH:MM"); both None asks for the whole plan. With ``place``, whether and when the
    plan visits that place ("is the Louvre in the plan?", "when do we see the Louvre?").
    ``busiest`` asks which day is the ``most`` or ``least`` full ("the busiest day?");
    ``interest`` what a day (or the plan) has for it ("anything for the kids on day 2?":
    ``family``). ``more_time`` asks for longer at ``place`` ("can we spend more time at
    the Louvre?"): its slot, and how to make room. ``diet`` asks which meals suit it
    ("what vegetarian options are on day 1?")."""

    act: Literal["ask_schedule"] = "ask_schedule"
    day: int | None = Field(default=None, ge=1)
    time: str | None = Field(default=None, pattern=HHMM)
    place: str | None = None
    busiest: Literal["most", "least"] | None = None
    interest: Interest | None = None
    more_time: bool = False
    diet: Literal["vegetarian", "vegan", "halal", "kosher"] | None = None


class AskRoute(BaseModel):
    """"How do I get from A to B?" between two stops of the plan (``origin`` None: the
    stop before ``destination``); an empty ``destination`` asks how walkable the plan is
    ("is it walkable?"): day ``day``'s hops, or every day's."""

    act: Literal["ask_route"] = "ask_route"
    destination: str
    origin: str | None = None
    day: int | None = Field(default=None, ge=1)


class AskTravelToCity(BaseModel):
    """"How do I get from Tokyo to Kyoto?": rough rail/flight time to another city
    (``origin`` None: the trip's city). Never a change of destination."""

    act: Literal["ask_travel_city"] = "ask_travel_city"
    city: str
    origin: str | None = None


class AskCoveredCities(BaseModel):
    """"Which cities do you cover (in Italy)?"; ``country`` None: all of them."""

    act: Literal["ask_cities"] = "ask_cities"
    country: str | None = None


class AskPlaceFact(BaseModel):
    """"Is X free / indoors / good for kids?" answered from the catalog."""

    act: Literal["ask_place_fact"] = "ask_place_fact"
    place: str
    fact: PlaceFact


class AskUnknowable(BaseModel):
    """A question the product cannot answer from data (weather, safety, visas, live
    prices, bookings): said so in one sentence, with an offer of what it can do."""

    act: Literal["ask_unknowable"] = "ask_unknowable"
    topic: UnknowableTopic = "other"


# --- control ------------------------------------------------------------------------------


class UndoAct(BaseModel):
    """Go back to the plan (and its constraints) before the last change."""

    act: Literal["undo"] = "undo"


class StartOver(BaseModel):
    """Forget this trip and plan a new one ("new trip")."""

    act: Literal["start_over"] = "start_over"


class ExportPlan(BaseModel):
    """Send the plan as a file (``format`` None: calendar)."""

    act: Literal["export"] = "export"
    format: ExportFormat | None = None


class SmallTalk(BaseModel):
    """Hello / thanks / bye and other chat that asks for nothing."""

    act: Literal["small_talk"] = "small_talk"
    kind: SmallTalkKind = "other"


class Unclear(BaseModel):
    """Nothing usable was understood (or the message is too mixed to act on)."""

    act: Literal["unclear"] = "unclear"


class ConfirmationAnswer(BaseModel):
    """Yes (``accept`` True) or no to the confirming question the assistant just asked."""

    act: Literal["confirm"] = "confirm"
    accept: bool


Question = (
    AskOpeningHours | AskCost | AskWhy | AskSchedule | AskRoute | AskTravelToCity
    | AskCoveredCities | AskPlaceFact | AskUnknowable
)
"""Every question act (questions only read the plan and the catalog)."""

QUESTION_TYPES: tuple[type[BaseModel], ...] = (
    AskOpeningHours, AskCost, AskWhy, AskSchedule, AskRoute, AskTravelToCity,
    AskCoveredCities, AskPlaceFact, AskUnknowable,
)

DialogueAct = Annotated[
    ChangePreferences | ChangeLeg | EditTrip | Question | UndoAct | StartOver | ExportPlan
    | SmallTalk | Unclear | ConfirmationAnswer,
    Field(discriminator="act"),
]
"""One thing a message does; tagged by ``act``."""


class MessageActs(BaseModel):
    """Everything one message does, in the order said. The root model for structured
    output; an empty list means the same as ``[Unclear()]``."""

    acts: list[DialogueAct] = Field(default_factory=list)


def is_question(act: BaseModel) -> TypeGuard[Question]:
    """True for the question acts (which never change the trip)."""
    return isinstance(act, QUESTION_TYPES)
