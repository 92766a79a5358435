"""The session document (SPEC §3): one JSON document per session, ``schema_version`` first."""

import base64
import binascii
import logging
import zlib
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from wayfarer.domain.dialogue import DialogueState, TripConstraints
from wayfarer.domain.itinerary import Itinerary
from wayfarer.domain.preferences import Preferences

SCHEMA_VERSION = 11

log = logging.getLogger("wayfarer.sessions")

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

    **The itinerary is decoded when first read** (schema 11, ADR 0081). It is the stored
    document's last key (``"itinerary"``, the field ``stored_itinerary``), so a store can
    hand over its JSON undecoded (:meth:`with_itinerary_json`): :attr:`itinerary` validates
    it on first access, and :meth:`encoded` / :meth:`view_json` copy it back verbatim while
    nobody has read it. Every other way out (``model_dump``, ``model_dump_json``, ``==``,
    ``repr``) decodes it first, so no caller sees a missing itinerary.
    """

    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True,
                              serialize_by_alias=True)

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
    constraints: TripConstraints = Field(default_factory=TripConstraints)
    dialogue: DialogueState = Field(default_factory=DialogueState)
    last_edit: EditSummary | None = None
    undo_stack: list[str] = Field(default_factory=list)
    history: list[Message] = Field(default_factory=list)
    recent_turns: list[TurnRecord] = Field(default_factory=list)
    share: ShareLink | None = None
    # last, so the stored document ends with it (see the class docstring)
    stored_itinerary: Itinerary | None = Field(default=None, alias="itinerary")
    _itinerary_json: bytes | None = PrivateAttr(default=None)

    @property
    def itinerary(self) -> Itinerary | None:
        """The planned itinerary, decoded from the stored JSON on first access.

        Raises :class:`~wayfarer.errors.SessionNotFound` when that JSON cannot be read (a
        document this code did not write), as a store's ``get`` does for a whole document."""
        if self.__pydantic_private__["_itinerary_json"] is not None:  # type: ignore[index]
            self._decode_itinerary()
        return self.stored_itinerary

    @itinerary.setter
    def itinerary(self, value: Itinerary | None) -> None:
        self.__pydantic_private__["_itinerary_json"] = None  # type: ignore[index]
        self.stored_itinerary = value

    @property
    def has_itinerary(self) -> bool:
        """Whether there is an itinerary, without decoding it."""
        pending = self.__pydantic_private__["_itinerary_json"]  # type: ignore[index]
        return pending is not None or self.stored_itinerary is not None

    def with_itinerary_json(self, raw: bytes) -> "SessionState":
        """Take ``raw`` (an :class:`Itinerary`'s JSON, as stored) as this state's itinerary,
        decoded when first read; returns ``self``. For the session codec only."""
        self.__dict__["stored_itinerary"] = None
        self.__pydantic_private__["_itinerary_json"] = raw  # type: ignore[index]
        return self

    def _decode_itinerary(self) -> None:
        raw = self.__pydantic_private__["_itinerary_json"]  # type: ignore[index]
        try:
            itinerary = Itinerary.model_validate_json(raw)
        except ValidationError as exc:
            from wayfarer.errors import SessionNotFound  # errors imports nothing of ours

            log.warning("undecodable itinerary in a session document",
                        extra={"session_id": self.session_id, "errors": exc.error_count()})
            raise SessionNotFound() from None
        self.__pydantic_private__["_itinerary_json"] = None  # type: ignore[index]
        self.__dict__["stored_itinerary"] = itinerary

    def _decoded(self) -> "SessionState":
        if self.__pydantic_private__["_itinerary_json"] is not None:  # type: ignore[index]
            self._decode_itinerary()
        return self

    def copied(self) -> "SessionState":
        """A deep, private copy made through the JSON codec the stores use (a stored
        session round-trips through it every turn, so nothing is lost): about 3x cheaper
        than ``model_copy(deep=True)`` on a planned session. An itinerary not yet decoded
        stays so in the copy."""
        return from_stored_json(self.encoded())

    def encoded(self) -> bytes:
        """This state's JSON, as the stores write it (:meth:`copied` reads it back); an
        itinerary not yet decoded is copied in as stored."""
        return _spliced(self, lambda: bytes(_SERIALIZER.to_json(self)))

    def view(self) -> dict[str, object]:
        """The SessionView of SPEC §4: the JSON-ready state without ``version`` and without
        the server's bookkeeping (``undo_stack``, ``recent_turns``, ``asked``,
        ``dialogue``), which can be large and mean nothing to clients (docs/spec.md,
        "Extensions"). ``constraints`` is shown, so the page can list them."""
        return self._decoded().model_dump(mode="json", exclude=VIEW_EXCLUDES)

    def view_json(self) -> bytes:
        """:meth:`view` as JSON bytes, serialized in one pass (no Python dict between)."""
        return _spliced(self, lambda: bytes(_SERIALIZER.to_json(self, exclude=VIEW_EXCLUDES)))

    def model_copy(
        self, *, update: Mapping[str, Any] | None = None, deep: bool = False
    ) -> "SessionState":
        """pydantic's, where ``update`` may set the itinerary by either name."""
        if not update or not update.keys() & {"itinerary", "stored_itinerary"}:
            return super().model_copy(update=update, deep=deep)
        rest = {k: v for k, v in update.items() if k not in ("itinerary", "stored_itinerary")}
        copied = super().model_copy(update=rest, deep=deep)
        copied.itinerary = update.get("itinerary", update.get("stored_itinerary"))
        return copied

    def model_dump(self, **kwargs: Any) -> dict[str, Any]:
        return super(SessionState, self._decoded()).model_dump(**kwargs)

    def model_dump_json(self, **kwargs: Any) -> str:
        return super(SessionState, self._decoded()).model_dump_json(**kwargs)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SessionState):
            other._decoded()
        return super(SessionState, self._decoded()).__eq__(other)

    def __repr_args__(self) -> Any:
        return super(SessionState, self._decoded()).__repr_args__()


_NULL_TAIL = b'"itinerary":null}'
_ITINERARY_KEY = b',"itinerary":'


def from_stored_json(raw: bytes) -> SessionState:
    """Validate a current-schema document as :meth:`SessionState.encoded` writes it, its
    itinerary (the last key) left to be decoded when first read; raises ValidationError.

    The last ``,"itinerary":`` in such a document is its top-level key: no model inside
    an itinerary has a field of that name, and a quote inside a JSON string is escaped."""
    cut = raw.rfind(_ITINERARY_KEY)
    start = cut + len(_ITINERARY_KEY)
    if cut < 0 or not raw.endswith(b"}") or raw[start:start + 1] != b"{":
        return SessionState.model_validate_json(raw)
    state = SessionState.model_validate_json(raw[:cut] + b"}")
    return state.with_itinerary_json(raw[start:-1])


def _spliced(state: SessionState, serialize: Callable[[], bytes]) -> bytes:
    """``serialize()`` (``state`` serialized) with the itinerary JSON not yet decoded in
    place of the ``null`` its field holds meanwhile (the field is serialized last)."""
    body = serialize()
    raw: bytes | None = state.__pydantic_private__["_itinerary_json"]  # type: ignore[index]
    if raw is None:
        return body
    if not body.endswith(_NULL_TAIL):  # not where it is written: decode, serialize again
        state._decode_itinerary()
        return serialize()
    return body[: -len(b"null}")] + raw + b"}"


_SERIALIZER = SessionState.__pydantic_serializer__
