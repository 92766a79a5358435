"""What the orchestrator wants said: one typed event per reply, phrased by a Narrator.

The orchestrator decides *what* happens (ask for days, show a new plan, explain an edit);
the narrator only decides *how* to say it. Events carry everything needed to phrase the
reply, so a narrator never reads the store or calls the planner.
"""

from typing import Annotated, Literal

from pydantic import BaseModel, Field

from wayfarer.domain import (
    ConfirmationKind,
    EditSummary,
    ExportFormat,
    Itinerary,
    Preferences,
    Slot,
)

MissingDetail = Slot


class TripDiff(BaseModel):
    """The computed difference between the trip before and after a turn, so a reply says
    exactly what changed. Place lists hold names (``moved`` as "X to day N"); ``preferences``
    and ``constraints`` hold short descriptions ("pace: relaxed", "keeping the Louvre");
    ``unkept`` the constraints a re-plan could not keep, each with its reason."""

    added: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    moved: list[str] = Field(default_factory=list)
    preferences: list[str] = Field(default_factory=list)
    constraints: list[str] = Field(default_factory=list)
    unkept: list[str] = Field(default_factory=list)
    retimed: bool = False

    def is_empty(self) -> bool:
        """True when nothing the traveller can see changed."""
        return not (self.added or self.removed or self.moved or self.preferences
                    or self.constraints or self.retimed)


class EventBase(BaseModel):
    """Common fields: ``turn`` (the session's turn counter) lets narrators vary wording
    deterministically; ``session_id`` seeds the same."""

    session_id: str = ""
    turn: int = 0


class Greeting(EventBase):
    kind: Literal["greeting"] = "greeting"


class AskQuestion(EventBase):
    """Ask for one missing detail (``missing``); ``preferences`` shows what is known."""

    kind: Literal["ask"] = "ask"
    missing: MissingDetail
    preferences: Preferences
    acknowledged: list[str] = Field(default_factory=list)
    #: Answers to questions asked in the same message, said before the next question.
    answers: list[str] = Field(default_factory=list)


class UnsupportedCity(EventBase):
    """The traveller named a real city the catalog does not cover."""

    kind: Literal["unsupported_city"] = "unsupported_city"
    city: str
    suggestions: list[str] = Field(default_factory=list)


class Planned(EventBase):
    """A new itinerary: ``defaults`` names each default used; ``notes`` are the planner's
    explanations (e.g. why fewer activities than asked); ``replanned`` after a change;
    ``uncovered`` the cities of a multi-city request the catalog does not cover (planned
    without them), ``offered`` covered cities near them."""

    kind: Literal["planned"] = "planned"
    itinerary: Itinerary
    preferences: Preferences
    defaults: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    replanned: bool = False
    diff: TripDiff | None = None
    uncovered: list[str] = Field(default_factory=list)
    offered: list[str] = Field(default_factory=list)
    #: Answers to questions asked in the same message, on the new plan.
    answers: list[str] = Field(default_factory=list)


class Edited(EventBase):
    """An edit was applied; ``summary`` says what changed."""

    kind: Literal["edited"] = "edited"
    itinerary: Itinerary
    summary: EditSummary
    notes: list[str] = Field(default_factory=list)
    diff: TripDiff = Field(default_factory=TripDiff)
    #: Answers to questions asked in the same message, on the edited plan.
    answers: list[str] = Field(default_factory=list)


class Unchanged(EventBase):
    """A change was asked for but the trip came out the same; ``reason`` says why and
    ``suggestion`` what could work instead."""

    kind: Literal["unchanged"] = "unchanged"
    reason: str
    suggestion: str = ""


class Answered(EventBase):
    """Answers to the traveller's questions, composed from the plan and the catalog (one
    short plain sentence or a few lines each); ``planned`` tells whether a plan exists,
    ``awaiting`` the detail still to ask for while gathering."""

    kind: Literal["answered"] = "answered"
    answers: list[str]
    planned: bool = False
    awaiting: MissingDetail | None = None


class Confirm(EventBase):
    """Ask one short confirming question before a change that would discard work.
    ``kind`` and ``subject`` (a city, a day number) say what is being confirmed;
    ``alternative`` the other reading offered ("add Kyoto after Tokyo"). For ``split``:
    ``subject`` is the even split offered ("3 days in Tokyo, then 3 in Kyoto"),
    ``current`` the total days, ``alternative`` the cities; ``uncovered`` / ``offered`` as
    in :class:`Planned`."""

    kind: Literal["confirm"] = "confirm"
    about: ConfirmationKind
    subject: str = ""
    current: str = ""
    alternative: str = ""
    uncovered: list[str] = Field(default_factory=list)
    offered: list[str] = Field(default_factory=list)


class Declined(EventBase):
    """The traveller said no to a confirming question: nothing changed."""

    kind: Literal["declined"] = "declined"
    planned: bool = False


class EditFailed(EventBase):
    """An edit could not be applied; ``reason`` is a plain sentence."""

    kind: Literal["edit_failed"] = "edit_failed"
    reason: str


class Undone(EventBase):
    """The last edit was undone (``itinerary`` is None when there was nothing to undo)."""

    kind: Literal["undone"] = "undone"
    itinerary: Itinerary | None = None


class ExportReady(EventBase):
    """The plan is available in ``format``. ``url`` is its download link, filled in by
    whoever serves the conversation (the API knows its own routes); empty when nothing
    serves files (the terminal chat), and the reply then names the format only."""

    kind: Literal["export"] = "export"
    format: ExportFormat
    url: str = ""


class Answer(EventBase):
    """Answer a question about the plan (``day`` None: the whole trip)."""

    kind: Literal["answer"] = "answer"
    itinerary: Itinerary
    day: int | None = None


class StartedOver(EventBase):
    kind: Literal["started_over"] = "started_over"


class NotUnderstood(EventBase):
    """Nothing usable in the message; ``planned`` tells whether a plan exists."""

    kind: Literal["not_understood"] = "not_understood"
    planned: bool = False


class SmallTalk(EventBase):
    """Hello / thanks / bye (``topic``, from ``Interpretation.small_talk``; None when not
    known); ``planned`` tells whether a plan exists."""

    kind: Literal["small_talk"] = "small_talk"
    planned: bool = False
    topic: Literal["hello", "thanks", "bye"] | None = None


NarrationEvent = Annotated[
    Greeting | AskQuestion | UnsupportedCity | Planned | Edited | EditFailed | Undone
    | ExportReady | Answer | StartedOver | NotUnderstood | SmallTalk | Unchanged | Answered
    | Confirm | Declined,
    Field(discriminator="kind"),
]
