"""Which preference fields a message sets comes from the models, not hand-kept lists
(issue 15 item 1): merging, acknowledging and the offline re-plan check agree."""

from datetime import date

import pytest

from tests.language.plans import COVERED, TODAY, planned
from tests.reference import shared_world
from wayfarer.conversation.merge import changed_fields, merge_preferences
from wayfarer.domain import ChangePace, Preferences, PreferenceUpdate
from wayfarer.language import OfflineInterpreter

ONE_OF_EACH: dict[str, object] = {
    "city": "Tokyo", "country": "Japan", "days": 3, "start_date": date(2027, 5, 1),
    "pace": "relaxed", "budget": "budget", "budget_amount": 900.0, "currency": "JPY",
    "travelers": 2,
}


def test_every_field_both_models_have_is_merged_and_acknowledged() -> None:
    shared = set(PreferenceUpdate.model_fields) & set(Preferences.model_fields)
    assert shared - {"legs"} == set(ONE_OF_EACH)  # legs merge as a trip (merge.py)
    update = PreferenceUpdate.model_validate(ONE_OF_EACH)
    merged = merge_preferences(Preferences(), update)
    assert {name: getattr(merged, name) for name in ONE_OF_EACH} == ONE_OF_EACH
    assert changed_fields(update) == list(ONE_OF_EACH)


@pytest.mark.parametrize(("said", "fields"), [
    ({"currency": "JPY"}, ["currency"]),
    ({"budget_amount": 500.0, "currency": "EUR"}, ["budget_amount", "currency"]),
    ({"add_interests": ["food"], "city": "Lisbon", "days": 4}, ["city", "days", "interests"]),
    ({"remove_interests": ["museums"]}, ["interests"]),
    ({"country": "Morocco"}, ["country"]),
    ({}, []),
])
def test_changed_fields(said: dict[str, object], fields: list[str]) -> None:
    assert changed_fields(PreferenceUpdate.model_validate(said)) == fields


def test_a_new_city_replaces_the_country_a_country_alone_waits_for_one() -> None:
    known = Preferences(city="Lisbon", country="Portugal")
    moved = merge_preferences(known, PreferenceUpdate(city="Rome"))
    assert (moved.city, moved.country) == ("Rome", None)
    morocco = PreferenceUpdate(country="Morocco")
    assert merge_preferences(known, morocco).country == "Portugal"
    assert merge_preferences(Preferences(), morocco).country == "Morocco"


READER = OfflineInterpreter(COVERED, today=lambda: TODAY, world=shared_world())


@pytest.mark.parametrize(("message", "replans"), [
    ("make it 5 days and more relaxed", True),
    ("budget 2000 euros, more relaxed", True),
    ("we are 3 people, more relaxed", True),
    ("no museums, more relaxed", True),
    ("starting 3 June, more relaxed", True),
    ("more relaxed", False),
    ("in France, more relaxed", False),
])
def test_a_preference_said_after_planning_replans_with_the_pace(message: str,
                                                               replans: bool) -> None:
    """A re-plan carries the pace as a preference; otherwise the pace is an edit."""
    reading = READER.read(message, planned())
    assert (reading.changes.pace == "relaxed") is replans
    assert any(isinstance(e, ChangePace) for e in reading.edits) is not replans
