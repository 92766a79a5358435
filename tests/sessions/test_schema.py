"""Encoding, decoding and schema upgrades of session documents (pure functions)."""

import json
from datetime import UTC, datetime

import pytest

from wayfarer.domain import (
    SCHEMA_VERSION,
    AskOpeningHours,
    DayLimit,
    Message,
    SessionState,
    TravelEnd,
    unpack_plan,
)
from wayfarer.errors import SessionNotFound
from wayfarer.sessions import is_session_id, new_session_id
from wayfarer.sessions.schema import DocumentError, decode, encode, stamped, upgrade


def test_encoded_document_starts_with_schema_version_and_round_trips() -> None:
    state = SessionState(
        session_id=new_session_id(), version=3,
        history=[Message(role="user", content="Ola, Lisboa ☀")],
    )
    raw = encode(state)
    assert raw.startswith(b'{"schema_version":%d,"session_id":' % SCHEMA_VERSION)
    assert decode(raw) == state
    assert decode(raw.decode()) == state


@pytest.mark.parametrize(
    "raw",
    [b"", b"{", b"\xff\xfe", b"null", b"[]", b'"text"',
     b'{"schema_version": "1"}', b'{"schema_version": true}',
     b'{"schema_version": 99, "session_id": "x"}', b'{"schema_version": -1}',
     b'{"schema_version": 1}', b'{"schema_version": 1, "session_id": "x", "stage": "odd"}'],
)
def test_undecodable_documents_raise_document_error(raw: bytes) -> None:
    with pytest.raises(DocumentError):
        decode(raw)


def test_upgrade_from_the_prototype_schema() -> None:
    doc = {"session_id": "abc", "messages": [], "questions_asked": 1}
    upgraded = upgrade(doc)
    assert upgraded == {
        "session_id": "abc", "history": [], "clarifying_questions_count": 1,
        "dialogue": {"turn": 0, "awaiting": None}, "constraints": {},
        "schema_version": SCHEMA_VERSION,
    }
    assert "messages" in doc  # pure: the input is untouched


def test_upgrade_from_version_1_adds_dialogue_state_and_constraints() -> None:
    doc = {
        "schema_version": 1, "session_id": "abc", "stage": "gathering",
        "asked": ["days", "interests"],
        "history": [{"role": "user", "content": "Rome"}, {"role": "assistant", "content": "?"},
                    {"role": "user", "content": "4"}, {"role": "assistant", "content": "?"}],
    }
    upgraded = upgrade(doc)
    assert upgraded["dialogue"] == {"turn": 2, "awaiting": "interests"}
    assert upgraded["constraints"] == {}
    assert upgraded["schema_version"] == SCHEMA_VERSION
    assert "dialogue" not in doc
    planned = upgrade({"schema_version": 1, "session_id": "x", "stage": "planned",
                       "asked": ["days"]})
    assert planned["dialogue"]["awaiting"] is None


def test_current_documents_are_not_changed_by_upgrade() -> None:
    doc = json.loads(encode(SessionState(session_id=new_session_id())))
    assert upgrade(doc) == doc


def test_stamped_sets_version_and_sliding_expiry_on_a_copy() -> None:
    state = SessionState(session_id=new_session_id())
    now = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    copy = stamped(state, now=now, ttl_seconds=90, version=7)
    assert (copy.version, copy.last_accessed) == (7, now)
    assert (copy.expires_at - now).total_seconds() == 90
    assert state.version == 0


def test_new_ids_are_unguessable_and_well_shaped() -> None:
    ids = {new_session_id() for _ in range(1000)}
    assert len(ids) == 1000
    assert all(is_session_id(i) and len(i) == 22 for i in ids)
    assert is_session_id("3f2b8c1e-4a5d-4e6f-9a7b-1c2d3e4f5a6b")  # uuid4 text still fits
    for bad in ["", "short", "x" * 65, "a/b" * 8, "a b" * 8, "é" * 20, "abc\n" * 5]:
        assert not is_session_id(bad)


def test_a_schema_3_document_upgrades_to_4_without_a_share_link() -> None:
    current = json.loads(encode(SessionState(session_id=new_session_id())))
    previous = {k: v for k, v in current.items() if k != "share"} | {"schema_version": 3}
    state = decode(json.dumps(previous))
    assert state.schema_version == SCHEMA_VERSION
    assert state.share is None
    assert state.session_id == current["session_id"]


def test_a_schema_1_document_still_upgrades() -> None:
    current = json.loads(encode(SessionState(session_id=new_session_id())))
    old = {k: v for k, v in current.items() if k != "share"} | {"schema_version": 1}
    assert decode(json.dumps(old)).schema_version == SCHEMA_VERSION


def _old_itinerary() -> dict[str, object]:
    """An itinerary as schema 1 and 2 stored it: the meal only in the note text, the
    estimate with the level (and a stated amount) only."""
    place = {"id": "lisbon-x", "name": "X", "category": "restaurant", "interests": ["food"],
             "lat": 38.7, "lon": -9.1, "cost_level": 1}
    return {
        "city": "Lisbon", "country": "Portugal", "assumptions": [],
        "estimated_cost": {"level": "moderate", "amount": 900.0, "currency": "EUR"},
        "days": [{"day": 1, "date": None, "theme": "t", "items": [
            {"start": "13:00", "end": "14:00", "kind": "meal", "place": place,
             "note": "Lunch: grilled fish"},
            {"start": "15:00", "end": "16:00", "kind": "meal",
             "place": {**place, "id": "lisbon-y"}, "note": "Dinner: early"},
            {"start": "19:00", "end": "20:00", "kind": "meal",
             "place": {**place, "id": "lisbon-z"}, "note": "no prefix"},
        ]}],
    }


@pytest.mark.parametrize("version", [1, 2])
def test_an_old_itinerary_gets_typed_meals_and_keeps_its_estimate(version: int) -> None:
    doc = {"schema_version": version, "session_id": new_session_id(), "stage": "planned",
           "itinerary": _old_itinerary(),
           "undo_stack": [{"itinerary": _old_itinerary(), "preferences": {}}]}
    state = decode(json.dumps(doc))
    assert state.schema_version == SCHEMA_VERSION
    snapshot = unpack_plan(state.undo_stack[0])
    assert snapshot is not None
    for itinerary in (state.itinerary, snapshot.itinerary):
        assert itinerary is not None
        assert [i.meal for i in itinerary.days[0].items] == ["lunch", "dinner", "dinner"]
        cost = itinerary.estimated_cost
        assert (cost.level, cost.amount, cost.currency) == ("moderate", 900.0, "EUR")
        assert cost.breakdown is None and cost.per_person is None


def test_a_schema_4_planned_document_becomes_a_one_leg_trip() -> None:
    day = {"day": 1, "theme": "", "items": []}
    itinerary = {"city": "Lisbon", "country": "Portugal", "days": [day],
                 "estimated_cost": {"level": "moderate"}}
    prefs = {"city": "Lisbon", "country": "Portugal", "days": 1}
    snap = {"itinerary": itinerary, "preferences": prefs}
    doc = {"schema_version": 4, "session_id": new_session_id(), "stage": "planned",
           "preferences": prefs, "itinerary": itinerary, "undo_stack": [snap]}
    state = decode(json.dumps(doc))
    assert state.schema_version == SCHEMA_VERSION
    assert [(leg.city, leg.days) for leg in state.preferences.legs] == [("Lisbon", 1)]
    assert state.itinerary is not None
    assert [(leg.city, leg.days) for leg in state.itinerary.legs] == [("Lisbon", [1])]
    assert state.itinerary.days[0].city == "Lisbon"
    snapshot = unpack_plan(state.undo_stack[0])
    assert snapshot is not None
    assert snapshot.itinerary.days[0].country == "Portugal"
    assert snapshot.preferences.trip_legs()[0].city == "Lisbon"


def test_a_schema_5_document_with_constraints_loads_with_no_day_limits() -> None:
    constraints = {"pinned": [], "excluded": [{"place_id": "paris-louvre", "name": "Louvre"}],
                   "day_pace": [], "day_start": "10:00", "meals": []}
    doc = {"schema_version": 5, "session_id": new_session_id(), "stage": "gathering",
           "preferences": {"city": "Paris"}, "constraints": constraints,
           "dialogue": {"turn": 4}}
    state = decode(json.dumps(doc))
    assert state.schema_version == SCHEMA_VERSION
    assert state.constraints.day_limits == []
    assert state.constraints.excluded_ids() == {"paris-louvre"}
    assert state.constraints.day_start == "10:00" and state.dialogue.turn == 4
    state.constraints.day_limits.append(DayLimit(category="museum", limit=1))
    again = decode(encode(state))
    assert again.constraints.day_limits == [DayLimit(category="museum", limit=1)]


def test_a_schema_6_document_loads_with_nothing_to_follow_up() -> None:
    doc = {"schema_version": 6, "session_id": new_session_id(), "stage": "gathering",
           "preferences": {"city": "Paris"},
           "dialogue": {"turn": 3, "awaiting": "days", "offered_cities": []}}
    state = decode(json.dumps(doc))
    assert state.schema_version == SCHEMA_VERSION
    assert state.dialogue.follow_up is None and state.dialogue.turn == 3
    state.dialogue.follow_up = AskOpeningHours(place="louvre", weekday="tuesday")
    again = decode(encode(state))
    assert again.dialogue.follow_up == AskOpeningHours(place="louvre", weekday="tuesday")


def test_a_schema_7_document_gets_its_undo_snapshots_packed() -> None:
    day = {"day": 1, "theme": "", "city": "Lisbon", "country": "Portugal", "items": []}
    itinerary = {"city": "Lisbon", "country": "Portugal", "days": [day],
                 "legs": [{"city": "Lisbon", "country": "Portugal", "days": [1]}],
                 "estimated_cost": {"level": "moderate"}}
    prefs = {"city": "Lisbon", "country": "Portugal", "days": 1}
    snap = {"itinerary": itinerary, "preferences": {**prefs, "pace": "relaxed"},
            "assumed": ["budget"], "constraints": {"day_start": "10:00"}}
    doc = {"schema_version": 7, "session_id": new_session_id(), "stage": "planned",
           "preferences": prefs, "itinerary": itinerary, "undo_stack": [snap, "junk"]}
    state = decode(json.dumps(doc))
    assert state.schema_version == SCHEMA_VERSION
    assert len(state.undo_stack) == 1 and state.undo_stack[0].startswith("z1:")
    snapshot = unpack_plan(state.undo_stack[0])
    assert snapshot is not None
    assert snapshot.preferences.pace == "relaxed" and snapshot.assumed == ["budget"]
    assert snapshot.constraints.day_start == "10:00"
    assert snapshot.itinerary.days[0].city == "Lisbon"
    again = decode(encode(state))
    assert again.undo_stack == state.undo_stack


def test_a_broken_packed_snapshot_reads_as_nothing_to_undo() -> None:
    for broken in ("", "z1:", "z1:not base64!", "z1:" + "QUJD", "plain text"):
        assert unpack_plan(broken) is None


def test_a_schema_7_document_loads_with_no_meal_wish_and_no_day_pace() -> None:
    item = {"start": "19:30", "end": "21:00", "kind": "meal", "meal": "dinner",
            "place": {"id": "rome-x", "name": "X", "category": "restaurant", "interests": [],
                      "lat": 41.9, "lon": 12.5, "cost_level": 2}}
    itinerary = {"city": "Rome", "country": "Italy", "days": [{"day": 1, "items": [item]}],
                 "estimated_cost": {"level": "luxury"}}
    doc = {"schema_version": 7, "session_id": new_session_id(), "stage": "gathering",
           "preferences": {"city": "Rome"}, "itinerary": itinerary}
    state = decode(json.dumps(doc))
    assert state.schema_version == SCHEMA_VERSION
    assert state.itinerary is not None
    dinner = state.itinerary.days[0].items[0]
    assert dinner.wish is None and state.itinerary.days[0].pace is None
    day = state.itinerary.days[0]
    state.itinerary.days[0] = day.model_copy(update={
        "pace": "relaxed", "items": [dinner.model_copy(update={"wish": "cheap"})]})
    again = decode(encode(state))
    assert again.itinerary is not None and again.itinerary.days[0].items[0].wish == "cheap"
    assert again.itinerary.days[0].pace == "relaxed"


def test_a_schema_9_document_loads_with_no_arrival_or_departure() -> None:
    item = {"start": "10:00", "end": "11:00", "kind": "activity",
            "place": {"id": "rome-x", "name": "X", "category": "museum", "interests": [],
                      "lat": 41.9, "lon": 12.5, "cost_level": 1}}
    itinerary = {"city": "Rome", "country": "Italy", "days": [{"day": 1, "items": [item]}],
                 "estimated_cost": {"level": "moderate"}}
    doc = {"schema_version": 9, "session_id": new_session_id(), "stage": "planned",
           "preferences": {"city": "Rome"}, "itinerary": itinerary,
           "constraints": {"day_start": "10:00"}}
    state = decode(json.dumps(doc))
    assert state.schema_version == SCHEMA_VERSION == 11
    assert state.constraints.arrival is None and state.constraints.departure is None
    assert state.constraints.day_start == "10:00"
    assert state.itinerary is not None
    assert state.itinerary.days[0].free_from is None
    state.constraints.arrival = TravelEnd(time="14:00", mode="flight")
    state.itinerary.days[0] = state.itinerary.days[0].model_copy(
        update={"free_from": "15:30"})
    again = decode(encode(state))
    assert again.constraints.arrival == TravelEnd(time="14:00", mode="flight")
    assert again.itinerary is not None and again.itinerary.days[0].free_from == "15:30"


def _rome_day_trip() -> dict[str, object]:
    item = {"start": "10:00", "end": "11:00", "kind": "activity", "note": 'a "quoted" note',
            "place": {"id": "rome-x", "name": "X", "category": "museum", "interests": [],
                      "lat": 41.9, "lon": 12.5, "cost_level": 1}}
    return {"city": "Rome", "country": "Italy", "days": [{"day": 1, "items": [item]}],
            "estimated_cost": {"level": "moderate"}}


def test_a_schema_10_document_with_its_itinerary_mid_document_loads_and_moves_it_last() -> None:
    doc = {"schema_version": 10, "session_id": new_session_id(), "stage": "planned",
           "preferences": {"city": "Rome"}, "itinerary": _rome_day_trip(),
           "constraints": {"day_start": "10:00"},
           "history": [{"role": "user", "content": '"itinerary":{"city":"Oslo"}}',
                        "created_at": "2026-01-05T10:00:00Z"}]}
    state = decode(json.dumps(doc, separators=(",", ":")))
    assert state.schema_version == SCHEMA_VERSION == 11
    assert state.itinerary is not None and state.itinerary.city == "Rome"
    assert state.constraints.day_start == "10:00"
    raw = encode(state)
    assert raw.endswith(b',"itinerary":' + state.itinerary.model_dump_json().encode() + b"}")
    assert json.loads(raw)["history"][0]["content"] == '"itinerary":{"city":"Oslo"}}'
    assert decode(raw) == state


def test_a_current_document_keeps_its_itinerary_undecoded_until_read() -> None:
    state = SessionState(session_id=new_session_id(), stage="planned",
                         itinerary=_rome_day_trip(),  # type: ignore[arg-type]
                         history=[Message(role="user", content=',"itinerary":{"x":1}}')])
    raw = encode(state)
    loaded = decode(raw)
    assert loaded.stored_itinerary is None and loaded.has_itinerary  # not decoded yet
    assert encode(loaded) == raw  # written back verbatim
    assert encode(loaded.copied()) == raw
    assert loaded.view_json() == state.view_json()
    assert loaded.view() == state.view()
    assert loaded.model_dump() == state.model_dump()
    assert json.loads(loaded.model_dump_json()) == json.loads(state.model_dump_json())
    assert decode(raw) == state and state == decode(raw)
    assert "Rome" in repr(decode(raw))
    assert loaded.itinerary is not None and loaded.itinerary.days[0].items[0].place.id == "rome-x"
    loaded.itinerary.days[0].theme = "Ancient Rome"  # a change made in place is kept
    assert decode(encode(loaded)).itinerary.days[0].theme == "Ancient Rome"  # type: ignore[union-attr]
    replaced = decode(raw)
    replaced.itinerary = None
    assert not replaced.has_itinerary and decode(encode(replaced)).itinerary is None


def test_an_unreadable_itinerary_is_a_session_not_found_when_read() -> None:
    state = SessionState(session_id=new_session_id(), itinerary=_rome_day_trip())  # type: ignore[arg-type]
    raw = encode(state).replace(b'"cost_level":1', b'"cost_level":"dear"')
    loaded = decode(raw)
    with pytest.raises(SessionNotFound):
        _ = loaded.itinerary


def test_model_copy_sets_an_undecoded_itinerary_by_either_name() -> None:
    raw = encode(SessionState(session_id=new_session_id(), itinerary=_rome_day_trip()))  # type: ignore[arg-type]
    for name in ("itinerary", "stored_itinerary"):
        copied = decode(raw).model_copy(update={name: None, "stage": "planned"})
        assert copied.itinerary is None and copied.stage == "planned"
        assert decode(encode(copied)).itinerary is None
    assert decode(raw).model_copy(update={"stage": "planned"}).itinerary is not None
