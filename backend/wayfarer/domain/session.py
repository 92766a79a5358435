"""The session document (SPEC §3): one JSON document per session, ``schema_version`` first."""

import base64
import binascii
import zlib
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from wayfarer.domain.dialogue import DialogueState, TripConstraints
from wayfarer.domain.itinerary import Itinerary
from wayfarer.domain.preferences import Preferences

SCHEMA_VERSION = 10

Stage = Literal["gathering", "planned"]
Role = Literal["user", "assistant"]


def utcnow() -> datetime:
    """The current time, timezone-aware UTC (every stored timestamp uses it)."""
    return datetime.now(UTC)


#: Fields of the stored document that clients do not see.
VIEW_EXCLUDES: set[str] = {"version", "undo_stack", "recent_turns", "asked", "dialogue"}


class Message(BaseModel):
    """One chat message as kept in the history and returned by the API."""

    role: Role
    content: str
    created_at: datetime = Field(default_factory=utcnow)


class TurnRecord(BaseModel):
    """A processed client_message_id and the reply it got, for idempotent retries."""

    client_message_id: str
    reply: Message


class EditSummary(BaseModel):
    """What the last itinerary change touched, so clients can highlight it."""

    description: str
    days: list[int] = Field(default_factory=list)
    place_ids: list[str] = Field(default_factory=list)


class ShareLink(BaseModel):
    """The session's read-only share link: ``token`` (128 random bits, distinct from the
    session id) opens ``/share/{token}`` until ``expires_at`` or while the session lives,
    whichever ends first; revoking it clears this field."""

    token: str
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime


class PlanSnapshot(BaseModel):
    """An earlier plan kept for "undo": the itinerary with the preferences and
    constraints behind it (undo restores all three)."""

    itinerary: Itinerary
    preferences: Preferences
    assumed: list[str] = Field(default_factory=list)
    constraints: TripConstraints = Field(default_factory=TripConstraints)


#: How an undo snapshot is kept in the document (schema 8): ``"z1:"`` and the base64 of
#: the zlib-compressed JSON of a :class:`PlanSnapshot`. Every turn reads and writes the
#: whole document while a snapshot is only read by "undo", so snapshots are kept opaque:
#: a text the codec passes through instead of a tree of models it validates each turn.
PACKED_PREFIX = "z1:"


def pack_plan(snapshot: PlanSnapshot) -> str:
    """``snapshot`` as stored in ``SessionState.undo_stack`` (see :data:`PACKED_PREFIX`)."""
    return pack_plan_json(snapshot.model_dump_json().encode())


def pack_plan_json(raw: bytes) -> str:
    """A snapshot's JSON as stored (for documents upgraded from schema 7)."""
    return PACKED_PREFIX + base64.b64encode(zlib.compress(raw, 1)).decode("ascii")


def unpack_plan(packed: str) -> PlanSnapshot | None:
    """The snapshot :func:`pack_plan` stored, or None when ``packed`` cannot be read (a
    broken snapshot makes "undo" find nothing; it never fails the turn)."""
    if not packed.startswith(PACKED_PREFIX):
        return None
    try:
        raw = zlib.decompress(base64.b64decode(packed[len(PACKED_PREFIX):], validate=True))
        return PlanSnapshot.model_validate_json(raw)
    except (ValueError, binascii.Error, zlib.error, ValidationError):
        return None


class SessionState(BaseModel):
    """The whole persisted state of one conversation.

    ``version`` is bumped by the store on every save and used for optimistic concurrency;
    it is hidden from clients (see :meth:`view`). ``assumed`` names the preference fields
    the current plan defaulted; ``asked`` the details already asked about while gathering.
    ``undo_stack`` holds earlier plans, newest last, for "undo", packed
    (:func:`pack_plan` / :func:`unpack_plan`); ``recent_turns``
    remembers the last client_message_ids and their replies. ``dialogue`` is what the
    conversation waits for and its turn counter (server bookkeeping); ``constraints`` the
    traveller's edits kept across re-plans (shown to clients).
    ``share`` is the current
    read-only share link, if any (schema 4).
    """

    schema_version: int = SCHEMA_VERSION
    session_id: str
    version: int = 0
    created_at: datetime = Field(default_factory=utcnow)
    last_accessed: datetime = Field(default_factory=utcnow)
    expires_at: datetime = Field(default_factory=utcnow)
    stage: Stage = "gathering"
    preferences: Preferences = Field(default_factory=Preferences)
    assumed: list[str] = Field(default_factory=list)
    clarifying_questions_count: int = 0
    asked: list[str] = Field(default_factory=list)
    itinerary: Itinerary | None = None
    constraints: TripConstraints = Field(default_factory=TripConstraints)
    dialogue: DialogueState = Field(default_factory=DialogueState)
    last_edit: EditSummary | None = None
    undo_stack: list[str] = Field(default_factory=list)
    history: list[Message] = Field(default_factory=list)
    recent_turns: list[TurnRecord] = Field(default_factory=list)
    share: ShareLink | None = None

    def copied(self) -> "SessionState":
        """A deep, private copy made through the JSON codec the stores use (a stored
        session round-trips through it every turn, so nothing is lost): about 3x cheaper
        than ``model_copy(deep=True)`` on a planned session."""
        return SessionState.model_validate_json(self.encoded())

    def encoded(self) -> bytes:
        """This state's JSON, as the stores write it (:meth:`copied` reads it back)."""
        return _SERIALIZER.to_json(self)

    def view(self) -> dict[str, object]:
        """The SessionView of SPEC §4: the JSON-ready state without ``version`` and without
        the server's bookkeeping (``undo_stack``, ``recent_turns``, ``asked``,
        ``dialogue``), which can be large and mean nothing to clients (docs/spec.md,
        "Extensions"). ``constraints`` is shown, so the page can list them."""
        return self.model_dump(mode="json", exclude=VIEW_EXCLUDES)

    def view_json(self) -> bytes:
        """:meth:`view` as JSON bytes, serialized in one pass (no Python dict between)."""
        return _SERIALIZER.to_json(self, exclude=VIEW_EXCLUDES)


_SERIALIZER = SessionState.__pydantic_serializer__
