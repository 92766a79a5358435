"""The policy's decision function as a table: acts x states -> decision (issue 9).

``decide`` is pure, so these call it directly with hand-built states: no planner, no I/O.
Every confirmation case is here: a tentative city change, a city inside a question, a
tentative shorter trip, "new trip" mid-plan, "drop a day" when every day was shaped, and
the yes / no / something-else answers to a pending question.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.language.plans import COVERED, TODAY, gathering, planned
from tests.reference import bundled_catalog, shared_world
from wayfarer.conversation.policy import Decision, PolicyContext, advance, decide
from wayfarer.domain import (
    AddPlace,
    AskCost,
    AskOpeningHours,
    AskTravelToCity,
    AskUnknowable,
    ChangePace,
    ChangePreferences,
    ConfirmationAnswer,
    DayPace,
    DialogueAct,
    DropDay,
    EditTrip,
    ExportPlan,
    PendingConfirmation,
    PinnedPlace,
    PlaceSelector,
    PreferenceUpdate,
    RemovePlace,
    SessionState,
    StartOver,
    TripConstraints,
    Unclear,
    UndoAct,
    is_question,
)
from wayfarer.domain.acts import SmallTalk
from wayfarer.language import OfflineInterpreter
from wayfarer.planner import CatalogPlanner


def prefs(hedged: bool = False, **changes: object) -> ChangePreferences:
    return ChangePreferences(changes=PreferenceUpdate.model_validate(changes), hedged=hedged)


def edit(e: object) -> EditTrip:
    return EditTrip.model_validate({"edit": e})


def pending(kind: str = "start_over", accept: list[DialogueAct] | None = None,
            decline: list[DialogueAct] | None = None) -> SessionState:
    state = planned()
    state.dialogue.confirmation = PendingConfirmation.model_validate(
        {"kind": kind, "subject": "x", "on_accept": accept or [StartOver()],
         "on_decline": decline or []})
    return state


def shaped_everywhere() -> SessionState:
    state = planned()
    state.constraints = TripConstraints(
        day_pace=[DayPace(day=d, pace="relaxed") for d in (1, 2, 3)])
    return state


def louvre_pinned() -> SessionState:
    state = planned()
    state.constraints = TripConstraints(
        pinned=[PinnedPlace(place_id="paris-louvre", name="Louvre Museum")])
    return state


HOURS = AskOpeningHours(place="louvre", weekday="tuesday")
ROME = prefs(city="Rome", country="Italy")

# (name, state, acts, expected kind, expected confirmation kind or None)
TABLE: list[tuple[str, SessionState, list[DialogueAct], str, str | None]] = [
    # gathering
    ("first details gather", gathering(), [prefs(city="Rome")], "gather", None),
    ("nothing understood still gathers", gathering(), [Unclear()], "gather", None),
    ("hello while gathering gathers", gathering(), [SmallTalk(kind="hello")], "gather", None),
    ("a question while gathering is answered", gathering(city="Lisbon"),
     [AskUnknowable(topic="weather")], "answer", None),
    ("questions and details while gathering: details win", gathering(),
     [prefs(city="Rome"), AskCost()], "gather", None),
    ("start over while gathering needs no confirmation", gathering(city="Rome"),
     [StartOver()], "start_over", None),
    ("uncovered city", gathering(), [prefs(unsupported_city="Florence")],
     "unsupported_city", None),
    # planned: questions never change anything
    ("hours question", planned(), [HOURS], "answer", None),
    ("cost question", planned(), [AskCost(travelers=2)], "answer", None),
    ("travel to another city is a question", planned(), [AskTravelToCity(city="Rome")],
     "answer", None),
    ("unknowable", planned(), [AskUnknowable(topic="visas")], "answer", None),
    # planned: changes
    ("a clear city change re-plans", planned(), [ROME], "replan", None),
    ("same city, new days re-plans", planned(), [prefs(days=5)], "replan", None),
    ("longer trip said tentatively still re-plans", planned(),
     [prefs(hedged=True, days=5)], "replan", None),
    ("a tentative city change confirms", planned(),
     [prefs(hedged=True, city="Rome", country="Italy")], "confirm", "change_city"),
    ("a city with a question confirms", planned(), [ROME, AskCost()], "confirm",
     "change_city"),
    ("a tentative shorter trip confirms", planned(), [prefs(hedged=True, days=2)],
     "confirm", "shorten"),
    ("a clear shorter trip re-plans", planned(), [prefs(days=2)], "replan", None),
    ("new trip mid-plan confirms", planned(), [StartOver()], "confirm", "start_over"),
    ("new trip with a new city is explicit", planned(), [StartOver(), ROME],
     "start_over", None),
    ("uncovered city mid-plan", planned(), [prefs(unsupported_city="Venice", hedged=True)],
     "unsupported_city", None),
    # planned: edits
    ("an edit", planned(), [edit(RemovePlace(target=PlaceSelector(name="Louvre")))],
     "edit", None),
    ("a day-scoped pace edit", planned(), [edit(ChangePace(step="more_relaxed", day=2))],
     "edit", None),
    ("drop a day picks an unshaped day", louvre_pinned(), [edit(DropDay())], "edit", None),
    ("drop a day when every day was shaped confirms", shaped_everywhere(),
     [edit(DropDay())], "confirm", "drop_day"),
    ("drop a named day needs no confirmation", shaped_everywhere(),
     [edit(DropDay(day=2))], "edit", None),
    ("changes and edits re-plan then edit", planned(),
     [prefs(days=4), edit(AddPlace(query=PlaceSelector(name="Pantheon")))], "replan", None),
    ("undo", planned(), [UndoAct()], "undo", None),
    ("export", planned(), [ExportPlan(format="ics")], "export", None),
    ("thanks", planned(), [SmallTalk(kind="thanks")], "small_talk", None),
    ("unclear", planned(), [Unclear()], "unclear", None),
    ("a yes with nothing pending is small talk", planned(), [ConfirmationAnswer(accept=True),
                                                             SmallTalk()], "small_talk", None),
    # answers to a pending confirmation
    ("yes to new trip starts over", pending(), [ConfirmationAnswer(accept=True)],
     "start_over", None),
    ("no to new trip keeps everything", pending(), [ConfirmationAnswer(accept=False)],
     "declined", None),
    ("yes to a city switch re-plans", pending("change_city", [ROME]),
     [ConfirmationAnswer(accept=True)], "replan", None),
    ("no to a city switch answers how to get there", pending(
        "change_city", [ROME], [AskTravelToCity(city="Rome")]),
     [ConfirmationAnswer(accept=False)], "answer", None),
    ("yes to shortening re-plans", pending("shorten", [prefs(hedged=True, days=2)]),
     [ConfirmationAnswer(accept=True)], "replan", None),
    ("yes to dropping a shaped day edits", pending("drop_day", [edit(DropDay(day=3))]),
     [ConfirmationAnswer(accept=True)], "edit", None),
    ("yes plus thanks still confirms", pending(), [ConfirmationAnswer(accept=True),
                                                  SmallTalk(kind="thanks")], "start_over", None),
    ("something else instead of an answer drops the question", pending(), [HOURS],
     "answer", None),
    ("a new change instead of an answer is made", pending(), [prefs(days=5)], "replan", None),
]


@pytest.mark.parametrize(("name", "state", "acts", "kind", "confirm"), TABLE,
                         ids=[row[0] for row in TABLE])
def test_decision(name: str, state: SessionState, acts: list[DialogueAct], kind: str,
                  confirm: str | None) -> None:
    decision = decide(acts, state)
    assert decision.kind == kind
    if confirm is None:
        assert decision.kind != "confirm"
    else:
        assert decision.confirmation is not None
        assert decision.confirmation.kind == confirm


def test_decide_is_pure() -> None:
    state = planned()
    before = state.model_copy(deep=True)
    decide([prefs(hedged=True, city="Rome"), AskCost()], state)
    assert state == before


def test_confirmed_city_change_carries_the_gathered_changes() -> None:
    decision = decide([prefs(hedged=True, city="Rome", country="Italy", days=5)], planned())
    assert decision.confirmation is not None
    accepted = decide([ConfirmationAnswer(accept=True)], _with(decision))
    assert accepted.kind == "replan"
    assert (accepted.changes.city, accepted.changes.days) == ("Rome", 5)


def test_drop_a_day_names_the_lightest_unshaped_day() -> None:
    decision = decide([edit(DropDay())], louvre_pinned())
    dropped = decision.edits[0].edit
    assert isinstance(dropped, DropDay) and dropped.day in (2, 3)  # day 1 holds the Louvre


def _with(decision: Decision) -> SessionState:
    state = planned()
    state.dialogue.confirmation = decision.confirmation
    return state


# --- properties over any message, with the real interpreter and planner -----------------

INTERPRETER = OfflineInterpreter(COVERED, today=lambda: TODAY, world=shared_world())
CONTEXT = PolicyContext(CatalogPlanner(bundled_catalog()), max_questions=3)
WORDS = st.sampled_from(
    ["is", "the", "Louvre", "open", "on", "Tuesday", "?", "how", "much", "why", "what", "day",
     "2", "Rome", "to", "from", "get", "remove", "keep", "more", "relaxed", "new", "trip",
     "yes", "no", "cost", "for", "two", "people", "weather", "free", "kids", "start",
     "later", "drop", "a", "maybe", "Eiffel", "Tower", "500", "euros", "not", "museums"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, min_size=1, max_size=12).map(" ".join), st.booleans())
def test_any_message_gives_a_turn_and_questions_change_nothing(
    message: str, pending_question: bool
) -> None:
    state = pending() if pending_question else planned()
    interp = INTERPRETER.read(message, state)
    step = advance(state, interp, CONTEXT)
    assert step.state.dialogue.turn == state.dialogue.turn + 1
    acts = interp.dialogue_acts()
    if acts and all(is_question(a) for a in acts):
        after = step.state
        assert (after.itinerary, after.preferences, after.constraints) == (
            state.itinerary, state.preferences, state.constraints)
