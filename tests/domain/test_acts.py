"""The dialogue acts are one JSON-schema-friendly discriminated union (issue 9)."""

import pytest
from pydantic import TypeAdapter, ValidationError

from wayfarer.domain import (
    AskOpeningHours,
    ChangePace,
    DialogueAct,
    EditTrip,
    Interpretation,
    MessageActs,
    PinPlace,
    PlaceSelector,
    PreferenceUpdate,
    RemovePlace,
    Unclear,
    is_question,
)

ADAPTER: TypeAdapter[DialogueAct] = TypeAdapter(DialogueAct)


def test_schema_is_a_tagged_union_on_act() -> None:
    schema = MessageActs.model_json_schema()
    union = schema["properties"]["acts"]["items"]
    assert union["discriminator"]["propertyName"] == "act"
    tags = set(union["discriminator"]["mapping"])
    assert {"change_preferences", "edit", "ask_hours", "ask_cost", "ask_why", "ask_schedule",
            "ask_route", "ask_travel_city", "ask_cities", "ask_place_fact", "ask_unknowable",
            "undo", "start_over", "small_talk", "unclear", "confirm", "export"} <= tags


@pytest.mark.parametrize(
    "payload",
    [
        {"act": "ask_hours", "place": "Louvre", "weekday": "tuesday"},
        {"act": "edit", "edit": {"op": "pin", "target": {"name": "Louvre"}},
         "scope": {"kind": "place", "place": "Louvre"}},
        {"act": "edit", "edit": {"op": "change_pace", "step": "more_relaxed", "day": 2},
         "scope": {"kind": "day", "day": 2}},
        {"act": "edit", "edit": {"op": "day_start", "earliest": "10:00"}},
        {"act": "confirm", "accept": True},
        {"act": "ask_unknowable", "topic": "weather"},
    ],
)
def test_json_round_trip(payload: dict[str, object]) -> None:
    act = ADAPTER.validate_python(payload)
    assert ADAPTER.validate_json(ADAPTER.dump_json(act)) == act


@pytest.mark.parametrize(
    "payload",
    [
        {"act": "book_hotel"},
        {"act": "ask_hours"},
        {"act": "edit", "edit": {"op": "day_start", "earliest": "25:00"}},
        {"act": "confirm"},
    ],
)
def test_outside_the_schema_fails(payload: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        ADAPTER.validate_python(payload)


def test_questions_are_questions() -> None:
    assert is_question(AskOpeningHours(place="Louvre"))
    assert not is_question(Unclear())


def test_summary_fields_become_acts() -> None:
    interp = Interpretation(
        intent="edit",
        edits=[RemovePlace(target=PlaceSelector(name="Louvre")), ChangePace(step="more_relaxed")],
    )
    acts = interp.dialogue_acts()
    assert [a.act for a in acts] == ["edit", "edit"]
    assert isinstance(acts[0], EditTrip)
    assert acts[0].scope.kind == "place"
    assert acts[1].scope.kind == "trip"  # type: ignore[union-attr]
    info = Interpretation(intent="provide_info", changes=PreferenceUpdate(days=3))
    assert [a.act for a in info.dialogue_acts()] == ["change_preferences"]
    assert [a.act for a in Interpretation(intent="unknown").dialogue_acts()] == ["unclear"]
    assert PinPlace(target=PlaceSelector(name="x")).op == "pin"
