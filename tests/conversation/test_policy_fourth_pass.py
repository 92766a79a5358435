"""The decision function and the turn's follow-up for the fourth pass of issue 9: a kind
of thing added is an interest change (one the trip has already, or on a named day, stays
a place added, and so does a typed edit); the one question answered or place edit made is
kept for a follow-up."""

import pytest

from tests.conversation.test_policy_table import CONTEXT, INTERPRETER, edit
from tests.language.plans import planned
from wayfarer.conversation.constraints import name_key
from wayfarer.conversation.policy import advance, decide
from wayfarer.domain import (
    AddPlace,
    AskCost,
    AskOpeningHours,
    ChangePreferences,
    DialogueAct,
    EditScope,
    EditTrip,
    Interpretation,
    PlaceSelector,
    PreferenceUpdate,
    RemovePlace,
)
from wayfarer.language.llm.context import trip_state


def add(**query: object) -> DialogueAct:
    return edit(AddPlace(query=PlaceSelector.model_validate(query)))


@pytest.mark.parametrize(
    ("acts", "kind"),
    [
        ([add(interest="nightlife")], "replan"),
        ([add(interest="nature")], "replan"),
        ([add(interest="nightlife", day=2)], "edit"),
        ([add(interest="museums")], "edit"),  # the trip has museums: one more place
        ([add(category="museum")], "edit"),
        ([add(name="Sainte-Chapelle")], "edit"),
        ([add(interest="nightlife"), AskCost()], "replan"),
    ],
)
def test_an_added_kind_of_thing(acts: list[DialogueAct], kind: str) -> None:
    state = planned()
    state.preferences.interests = ["museums", "food"]
    decision = decide(acts, state)
    assert decision.kind == kind
    if kind == "replan":
        assert decision.changes.add_interests == [acts[0].edit.query.interest]  # type: ignore[union-attr]
        assert not decision.edits


def test_an_interest_change_keeps_the_constraints() -> None:
    state = planned()
    state.preferences.interests = ["museums"]
    step = advance(state, Interpretation(intent="edit", acts=[add(interest="nightlife")]),
                   CONTEXT)
    assert "nightlife" in step.state.preferences.interests
    assert step.state.constraints == state.constraints


def test_the_turn_keeps_its_one_question_for_a_follow_up() -> None:
    question = AskOpeningHours(place="louvre", weekday="tuesday")
    step = advance(planned(), Interpretation(intent="question", acts=[question]), CONTEXT)
    assert step.state.dialogue.follow_up == question
    after = advance(step.state, Interpretation(intent="question", acts=[AskCost()]), CONTEXT)
    assert after.state.dialogue.follow_up == AskCost()
    relaxed = ChangePreferences(changes=PreferenceUpdate(pace="relaxed"))
    changed = advance(after.state, Interpretation(intent="provide_info", acts=[relaxed]),
                      CONTEXT)
    assert changed.state.dialogue.follow_up is None


def test_a_removal_is_kept_for_a_follow_up_and_read_back() -> None:
    state = planned()
    assert state.itinerary is not None
    first = state.itinerary.days[0].items[0].place.name
    removal = edit(RemovePlace(target=PlaceSelector(name=first)))
    step = advance(state, Interpretation(intent="edit", acts=[removal]), CONTEXT)
    assert step.state.dialogue.follow_up == removal
    assert step.state.itinerary is not None
    other = next(i.place.name for d in step.state.itinerary.days[1:] for i in d.items
                 if i.kind == "activity")
    acts = INTERPRETER.read(f"and {other.lower()} too", step.state).dialogue_acts()
    removed = [a.edit for a in acts if isinstance(a, EditTrip)]
    assert len(removed) == 1 and isinstance(removed[0], RemovePlace)
    assert name_key(removed[0].target.name or "") == name_key(other)


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("and the orsay?", AskOpeningHours(place="orsay", weekday="tuesday")),
        ("what about on monday?", AskOpeningHours(place="louvre", weekday="monday")),
        ("how about the pantheon on friday", AskOpeningHours(place="pantheon",
                                                             weekday="friday")),
    ],
)
def test_an_hours_follow_up_repeats_the_question(message: str,
                                                  expected: AskOpeningHours) -> None:
    state = planned()
    state.dialogue.follow_up = AskOpeningHours(place="louvre", weekday="tuesday")
    assert INTERPRETER.read(message, state).dialogue_acts() == [expected]


@pytest.mark.parametrize("message", ["and the orsay?", "what about on monday?"])
def test_without_a_question_before_a_follow_up_is_read_as_said(message: str) -> None:
    acts = INTERPRETER.read(message, planned()).dialogue_acts()
    assert not any(isinstance(a, AskOpeningHours) for a in acts)


def test_a_follow_up_cue_with_a_change_of_its_own_is_that_change() -> None:
    state = planned()
    state.dialogue.follow_up = AskOpeningHours(place="louvre", weekday="tuesday")
    acts = INTERPRETER.read("and make it more relaxed", state).dialogue_acts()
    assert not any(isinstance(a, AskOpeningHours) for a in acts)


def test_it_names_the_place_the_last_turn_named() -> None:
    state = planned()
    state.dialogue.follow_up = add(name="Sainte-Chapelle", day=2).model_copy(
        update={"scope": EditScope(kind="place", day=2, place="Sainte-Chapelle")})
    acts = INTERPRETER.read("is it open on sundays?", state).dialogue_acts()
    assert acts == [AskOpeningHours(place="Sainte-Chapelle", weekday="sunday")]
    state.dialogue.follow_up = None
    assert INTERPRETER.read("is it open on sundays?", state).dialogue_acts() != acts


def test_the_model_interpreter_sees_what_a_follow_up_repeats() -> None:
    state = planned()
    state.dialogue.follow_up = AskOpeningHours(place="louvre", weekday="tuesday")
    waiting = trip_state(state)["waiting_for"]
    assert waiting["follow_up"] == {"act": "ask_hours", "place": "louvre",
                                    "weekday": "tuesday"}


def test_a_typed_add_edit_is_taken_literally() -> None:
    state = planned()
    state.preferences.interests = ["museums"]
    assert decide([add(interest="nightlife")], state, clicked=True).kind == "edit"
