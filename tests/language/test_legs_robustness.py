"""Properties of multi-city reading for any message (issue 11): in a trip of legs, while a
split is pending, or in a new session, the interpreter never fails, every leg it reads is
a valid leg, and merging what it read gives valid preferences or a kind refusal."""

from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.language.legs_scoring import interpreter, planned_state
from wayfarer.conversation.legs import LegProblem
from wayfarer.conversation.merge import merge_preferences
from wayfarer.domain import (
    ChangePreferences,
    DialogueState,
    Interpretation,
    Leg,
    PendingConfirmation,
    PreferenceUpdate,
    SessionState,
)
from wayfarer.language import OfflineInterpreter

WORDS = st.sampled_from(
    ["Tokyo", "kyoto", "Osaka", "Hiroshima", "Paris", "then", "and", ",", "for", "in", "days",
     "day", "3", "0", "20", "two", "a", "week", "first", "last", "drop", "add", "more",
     "one", "only", "swap", "the", "order", "both", "split", "it", "evenly", "from", "to",
     "or", "instead", "of", "+", "->", "(", ")", "make", "start", "with", "end", "?"]
)


@cache
def _reader() -> OfflineInterpreter:
    return interpreter()


@cache
def _states() -> tuple[SessionState, ...]:
    even = [Leg(city="Tokyo", days=3), Leg(city="Kyoto", days=3)]
    pending = PendingConfirmation(kind="split", on_accept=[ChangePreferences(
        changes=PreferenceUpdate(legs=even))])
    split = SessionState(session_id="s", dialogue=DialogueState(confirmation=pending))
    return SessionState(session_id="s"), planned_state(), split


def _holds(message: str) -> None:
    for state in _states():
        result = _reader().read(message, state)
        assert Interpretation.model_validate(result.model_dump()) == result
        for act in result.dialogue_acts():
            if not isinstance(act, ChangePreferences):
                continue
            for leg in act.changes.legs:
                Leg.model_validate(leg.model_dump())
            try:
                merge_preferences(state.preferences, act.changes)
            except LegProblem as problem:
                assert "14 days" in problem.reason


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=20).map(" ".join))
def test_city_salad_reads_into_valid_legs(message: str) -> None:
    _holds(message)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=120))
def test_any_text_reads_into_valid_legs(message: str) -> None:
    _holds(message)
