"""Session documents on the wire: encode, decode, and upgrade older ``schema_version``\\s.

A stored document is the JSON of :class:`~wayfarer.domain.SessionState`, ``schema_version``
first. :func:`decode` upgrades an older document step by step (``UPGRADES[n]`` turns
version ``n`` into ``n + 1``) before validating it, so every backend reads old documents the
same way. Anything that cannot become a valid current document raises
:class:`DocumentError`; stores log and count it and answer "not found", never a 500.

Schema history:

- 0: the prototype's documents, written before ``schema_version`` existed: the history was
  called ``messages`` and the clarifying-question counter ``questions_asked``.
- 1: SPEC §3 as first built.
- 2: dialogue state and trip constraints as data (issue 9): ``dialogue`` (what the
  assistant waits for, a turn counter that only grows) and ``constraints`` (pins,
  exclusions, per-day pace, day start, meal wishes), also inside undo snapshots.
- 3: itinerary items carry a typed ``meal`` ("lunch" / "dinner") and a per-person
  ``cost``; ``estimated_cost`` gains amount, per-person, breakdown, per-day, budget and
  basis. Old meal items get ``meal`` from their "Lunch:"/"Dinner:" note (else
  their start time); old estimates keep only what they had (the new fields are optional).
- 4: ``share`` (the read-only share link, null until the traveller shares).
- 5: multi-city trips (issue 11): ``preferences.legs`` (one leg for a one-city trip),
  ``itinerary.legs``, and each itinerary day's ``city``/``country`` (and ``transfer`` on a
  travel day), also inside undo snapshots.
- 6: per-day caps as trip constraints (issue 9): ``constraints.day_limits`` (``{category,
  limit}``: "max 3 stops a day", "one museum a day"), also inside undo snapshots. Older
  documents had none, which is the field's default, so only the number moves.
- 7: ``dialogue.follow_up`` (issue 9): the question the last turn answered or the place
  edit it made, for a follow-up ("and the orsay?"). Older documents had none, the field's
  default, so only the number moves.
- 8: undo snapshots packed (``undo_stack`` is a list of texts, ``"z1:"`` and the base64 of
  the zlib-compressed JSON of a snapshot; ``domain.session.pack_plan``): every turn reads
  and writes the whole document and only "undo" reads a snapshot, so they are no longer
  models the codec validates on every turn. An older document's snapshots are packed as
  they are (a snapshot that turns out unreadable makes "undo" find nothing).
- 9: an itinerary item's ``wish`` (issue 9): the meal wish that chose that meal ("cheap"
  lets a luxury trip's dinner sit below its dining floor), and an itinerary day's
  ``pace``: its own pace when the traveller lightened it past the trip pace's minimum.
  Older itineraries have neither, the fields' default, so only the number moves.
- 10: the traveller's arrival and departure (``constraints.arrival`` / ``departure``:
  ``{time, mode}``) and the first and last days' bounds they set (an itinerary day's
  ``free_from`` / ``free_until``). Older documents had neither, the fields' default, so
  only the number moves.
- 11: ``itinerary`` is written as the document's last key, so a store hands its JSON over
  undecoded and it is validated when a turn first reads it (``SessionState.itinerary``;
  ADR 0081): a turn cycle that does not read the plan no longer decodes and re-encodes it.
  The JSON is the same object; only the number moves (current).
"""

import json
import zlib
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from pydantic import ValidationError

from wayfarer.domain import SCHEMA_VERSION, SessionState
from wayfarer.domain.session import from_stored_json, pack_plan_json

Document = dict[str, Any]
Upgrade = Callable[[Document], Document]


class DocumentError(ValueError):
    """A stored document is not JSON, not an object, from a newer schema, or invalid."""


def _upgrade_0_to_1(doc: Document) -> Document:
    """Rename the prototype's fields to SPEC §3's names."""
    upgraded = dict(doc)
    if "messages" in upgraded:
        upgraded["history"] = upgraded.pop("messages")
    if "questions_asked" in upgraded:
        upgraded["clarifying_questions_count"] = upgraded.pop("questions_asked")
    upgraded["schema_version"] = 1
    return upgraded


def _upgrade_1_to_2(doc: Document) -> Document:
    """Add the dialogue state and empty constraints. The turn counter starts at the number
    of user messages still in the history; while gathering, the detail asked last (the
    last entry of ``asked``) is what the conversation waits for."""
    upgraded = dict(doc)
    history = upgraded.get("history") or []
    turn = sum(1 for m in history if isinstance(m, dict) and m.get("role") == "user")
    asked = upgraded.get("asked") or []
    awaiting = asked[-1] if upgraded.get("stage", "gathering") == "gathering" and asked else None
    upgraded["dialogue"] = {"turn": turn, "awaiting": awaiting}
    upgraded.setdefault("constraints", {})
    upgraded["schema_version"] = 2
    return upgraded


def _meal_of(item: dict[str, Any]) -> str:
    note = str(item.get("note") or "")
    for meal in ("lunch", "dinner"):
        if note.lower().startswith(meal + ":"):
            return meal
    return "lunch" if str(item.get("start", "00:00")) < "16:00" else "dinner"


def _typed_meals(itinerary: Any) -> Any:
    """An itinerary document with each meal item's ``meal`` filled in."""
    if not isinstance(itinerary, dict):
        return itinerary
    days = []
    for day in itinerary.get("days") or []:
        if isinstance(day, dict):
            items = [
                {**item, "meal": _meal_of(item)}
                if isinstance(item, dict) and item.get("kind") == "meal" and not item.get("meal")
                else item
                for item in day.get("items") or []
            ]
            day = {**day, "items": items}
        days.append(day)
    return {**itinerary, "days": days}


def _upgrade_2_to_3(doc: Document) -> Document:
    """Typed meal slots in the current itinerary and in every undo snapshot."""
    upgraded = dict(doc)
    if "itinerary" in doc:
        upgraded["itinerary"] = _typed_meals(doc["itinerary"])
    if isinstance(doc.get("undo_stack"), list):
        upgraded["undo_stack"] = [
            {**snap, "itinerary": _typed_meals(snap.get("itinerary"))}
            if isinstance(snap, dict) else snap
            for snap in doc["undo_stack"]
        ]
    upgraded["schema_version"] = 3
    return upgraded


def _upgrade_3_to_4(doc: Document) -> Document:
    """Version 4 adds ``share``; an older session has no share link, which is the field's
    default, so only the number moves."""
    return {**doc, "schema_version": 4}


def _one_leg_preferences(prefs: Any) -> Any:
    """Preferences of a one-city trip with that city as its single leg."""
    if not isinstance(prefs, dict) or not prefs.get("city") or prefs.get("legs"):
        return prefs
    leg = {"city": prefs["city"], "country": prefs.get("country"), "days": prefs.get("days")}
    return {**prefs, "legs": [leg]}


def _one_leg_itinerary(itinerary: Any) -> Any:
    """An itinerary of one city with that city named on every day and as its one leg."""
    if not isinstance(itinerary, dict) or "legs" in itinerary:
        return itinerary
    city, country = itinerary.get("city"), itinerary.get("country")
    days = itinerary.get("days")
    if not isinstance(days, list):
        return itinerary
    named = [{"city": city, "country": country, **day} if isinstance(day, dict) else day
             for day in days]
    numbers = [day["day"] for day in days if isinstance(day, dict) and "day" in day]
    leg = {"city": city, "country": country, "timezone": "", "days": numbers}
    return {**itinerary, "days": named, "legs": [leg]}


def _upgrade_4_to_5(doc: Document) -> Document:
    """One-city documents become one-leg trips: the preferences, the itinerary and every
    undo snapshot name their city as the single leg."""
    upgraded = dict(doc)
    if "preferences" in doc:
        upgraded["preferences"] = _one_leg_preferences(doc["preferences"])
    if "itinerary" in doc:
        upgraded["itinerary"] = _one_leg_itinerary(doc["itinerary"])
    if isinstance(doc.get("undo_stack"), list):
        upgraded["undo_stack"] = [
            {**snap, "itinerary": _one_leg_itinerary(snap.get("itinerary")),
             "preferences": _one_leg_preferences(snap.get("preferences"))}
            if isinstance(snap, dict) else snap
            for snap in doc["undo_stack"]
        ]
    upgraded["schema_version"] = 5
    return upgraded


def _upgrade_5_to_6(doc: Document) -> Document:
    """Version 6 adds ``constraints.day_limits``; an older session set no cap, which is
    the field's default, so only the number moves."""
    return {**doc, "schema_version": 6}


def _upgrade_6_to_7(doc: Document) -> Document:
    """Version 7 adds ``dialogue.follow_up``; an older session has nothing to follow up,
    which is the field's default, so only the number moves."""
    return {**doc, "schema_version": 7}


def _upgrade_7_to_8(doc: Document) -> Document:
    """Version 8 keeps undo snapshots packed (``pack_plan``); an older document's are
    packed as they are, after the earlier steps brought them to the current shape."""
    upgraded = {**doc, "schema_version": 8}
    if isinstance(doc.get("undo_stack"), list):
        upgraded["undo_stack"] = [
            pack_plan_json(json.dumps(snap, separators=(",", ":")).encode())
            for snap in doc["undo_stack"] if isinstance(snap, dict)
        ]
    return upgraded


def _upgrade_8_to_9(doc: Document) -> Document:
    """Version 9 adds an itinerary item's ``wish`` and an itinerary day's ``pace``; an
    older itinerary's meals were all chosen by the planner and its days all kept the trip
    pace, the fields' defaults, so only the number moves."""
    return {**doc, "schema_version": 9}


def _upgrade_9_to_10(doc: Document) -> Document:
    """Version 10 adds the trip's arrival and departure (constraints) and a day's
    ``free_from`` / ``free_until``; an older trip had none said, the fields' defaults, so
    only the number moves."""
    return {**doc, "schema_version": 10}


def _upgrade_10_to_11(doc: Document) -> Document:
    """Version 11 writes ``itinerary`` as the document's last key (read lazily); a JSON
    object's keys have no order to upgrade, so only the number moves (the next save
    writes the new order)."""
    return {**doc, "schema_version": 11}


UPGRADES: dict[int, Upgrade] = {
    0: _upgrade_0_to_1,
    1: _upgrade_1_to_2,
    2: _upgrade_2_to_3,
    3: _upgrade_3_to_4,
    4: _upgrade_4_to_5,
    5: _upgrade_5_to_6,
    6: _upgrade_6_to_7,
    7: _upgrade_7_to_8,
    8: _upgrade_8_to_9,
    9: _upgrade_9_to_10,
    10: _upgrade_10_to_11,
}
"""``UPGRADES[n]`` turns a version-``n`` document into a version-``n + 1`` one (pure)."""


def upgrade(doc: Document) -> Document:
    """Bring a decoded document up to :data:`~wayfarer.domain.SCHEMA_VERSION`.

    A document without ``schema_version`` is version 0. Raises DocumentError for a version
    this code does not know (newer than current, or with no upgrade path).
    """
    version = doc.get("schema_version", 0)
    if not isinstance(version, int) or isinstance(version, bool):
        raise DocumentError(f"schema_version is not an integer: {version!r}")
    while version < SCHEMA_VERSION:
        step = UPGRADES.get(version)
        if step is None:
            raise DocumentError(f"no upgrade from schema_version {version}")
        doc = step(doc)
        version = doc["schema_version"]
    if version > SCHEMA_VERSION:
        raise DocumentError(
            f"schema_version {version} is newer than this code's {SCHEMA_VERSION}"
        )
    return doc


def encode(state: SessionState) -> bytes:
    """The stored form of ``state``: compact UTF-8 JSON, ``schema_version`` first.

    The same bytes as ``model_dump_json().encode()``, serialized straight to bytes (no
    intermediate ``str``)."""
    return state.encoded()


def encode_compressed(state: SessionState, level: int) -> bytes:
    """The compressed stored form (Redis with ``WAYFARER_REDIS_COMPRESSION_LEVEL``): ``Z``,
    a plain head ``{"schema_version":N,"session_id":"…","version":V}`` (so a store's
    script can still read the version), then the zlib stream of :func:`encode`'s bytes.
    :func:`decode` reads both forms."""
    head = _HEAD % (state.schema_version, state.session_id.encode(), state.version)
    return head + zlib.compress(encode(state), level)


def expanded(raw: bytes) -> bytes:
    """The JSON of a stored document in either form (see :func:`encode_compressed`);
    raises DocumentError for a broken compressed one."""
    if not raw.startswith(b"Z{"):
        return raw
    try:
        return zlib.decompress(raw[raw.index(b"}") + 1:])
    except (ValueError, zlib.error) as exc:
        raise DocumentError(f"broken compressed document: {exc}") from exc


_HEAD = b'Z{"schema_version":%d,"session_id":"%s","version":%d}'
_CURRENT_PREFIX = b'{"schema_version":%d,' % SCHEMA_VERSION


def decode(raw: bytes | str) -> SessionState:
    """Parse, upgrade and validate a stored document (plain or compressed); raises
    DocumentError."""
    if isinstance(raw, bytes):
        raw = expanded(raw)
    if isinstance(raw, bytes) and raw.startswith(_CURRENT_PREFIX):
        # Written by this code's encode(): validate straight from JSON (no upgrade needed),
        # the itinerary when first read (SessionState's docstring).
        try:
            return from_stored_json(raw)
        except ValidationError as exc:
            raise DocumentError(f"invalid session document: {exc.error_count()} errors") from exc
    try:
        doc = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise DocumentError(f"not JSON: {exc}") from exc
    if not isinstance(doc, dict):
        raise DocumentError(f"not a JSON object but {type(doc).__name__}")
    doc = upgrade(doc)
    try:
        return SessionState.model_validate(doc)
    except ValidationError as exc:
        raise DocumentError(f"invalid session document: {exc.error_count()} errors") from exc


def stamped(
    state: SessionState, *, now: datetime, ttl_seconds: float, version: int
) -> SessionState:
    """A copy of ``state`` as a store keeps it: ``version`` set, accessed ``now``, and
    expiring ``ttl_seconds`` later. The caller's object is never changed."""
    return state.model_copy(
        update={
            "version": version,
            "last_accessed": now,
            "expires_at": now + timedelta(seconds=ttl_seconds),
        }
    )


def refreshed(state: SessionState, *, now: datetime, ttl_seconds: float) -> SessionState:
    """``state`` (a store's freshly decoded private copy) marked as read ``now``: its
    sliding expiry moves to ``ttl_seconds`` later. Changes and returns ``state`` itself."""
    state.last_accessed = now
    state.expires_at = now + timedelta(seconds=ttl_seconds)
    return state
