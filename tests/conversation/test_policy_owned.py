"""``advance(..., owned=True)``: the orchestrator hands the store's private copy over and
the turn is carried out on it in place. Every turn must come out exactly as on a copy,
a refused leg change included (it starts again from the state as it was), and without
``owned`` the input is never modified."""

import pytest

from tests.conversation.test_policy_table import CONTEXT, edit, prefs
from tests.language.plans import planned
from wayfarer.conversation.policy import advance
from wayfarer.domain import (
    AskCost,
    ChangeLeg,
    DayLimit,
    DialogueAct,
    Interpretation,
    Leg,
    LimitPerDay,
    SessionState,
    StartOver,
)


def _gathering() -> SessionState:
    return SessionState(session_id="s-test", preferences=planned().preferences)


TOO_LONG = prefs(legs=[Leg(city="Paris", days=12), Leg(city="Lyon", days=12)])
TURNS: list[tuple[str, SessionState, list[DialogueAct], str]] = [
    ("re-plan", planned(), [prefs(pace="relaxed")], "planned"),
    ("question", planned(), [AskCost()], "answered"),
    ("start over mid-plan", planned(), [StartOver(), TOO_LONG], "confirm"),
    ("refused swap of a one-city trip", planned(), [ChangeLeg(op="swap_order")], "unchanged"),
    # the turn changed the state before the problem was found: the refusal starts again
    ("refused over-long trip after a cap was recorded", _gathering(),
     [edit(LimitPerDay(category="museum", limit=1)), TOO_LONG], "unchanged"),
    ("refused over-long trip after starting over", _gathering(), [StartOver(), TOO_LONG],
     "unchanged"),
]


@pytest.mark.parametrize(("name", "state", "acts", "kind"), TURNS, ids=[t[0] for t in TURNS])
def test_an_owned_turn_is_the_same_turn(name: str, state: SessionState,
                                        acts: list[DialogueAct], kind: str) -> None:
    before = state.encoded()
    interp = Interpretation(intent="edit", acts=acts)
    copied = advance(state, interp, CONTEXT)
    assert copied.event.kind == kind
    assert state.encoded() == before  # not owned: the input is untouched
    owned = advance(SessionState.model_validate_json(before), interp, CONTEXT, owned=True)
    assert owned.state.encoded() == copied.state.encoded()
    assert owned.event == copied.event


def test_a_refused_owned_turn_keeps_what_was_there() -> None:
    state = _gathering()
    state.constraints = state.constraints.model_copy(
        update={"day_limits": [DayLimit(category="museum", limit=2)]})
    state.preferences.interests = ["art", "food"]
    step = advance(state.copied(), Interpretation(intent="edit", acts=[StartOver(), TOO_LONG]),
                   CONTEXT, owned=True)
    assert step.event.kind == "unchanged"
    assert step.state.preferences == state.preferences  # not the fresh start's
    assert step.state.constraints == state.constraints
    assert step.state.dialogue.turn == state.dialogue.turn + 1
