"""Properties that hold for any message: the interpreter never fails, and day swaps or
numbers never turn into places."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.language.plans import COVERED, TODAY, gathering, planned
from tests.reference import shared_world
from wayfarer.domain import Interpretation, SwapDays
from wayfarer.language import OfflineInterpreter

INTERPRETER = OfflineInterpreter(COVERED, today=lambda: TODAY, world=shared_world())
GATHERING = gathering()
PLANNED = planned()
WORDS = st.sampled_from(
    ["day", "days", "swap", "and", "2", "three", "in", "to", "Paris", "no", "museums", "$",
     "500", "euros", "from", "May", "3", "-", "6", "with", "my", "wife", "kids", "relaxed",
     "cheap", "add", "remove", "the", "Louvre", "?", "week", "undo", "export", "ics", ",",
     "Nice", "split", "of", "k", "£", "yen", "first", "last", "more", "less", "Tokio"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_any_text_gives_a_valid_interpretation(message: str) -> None:
    for state in (GATHERING, PLANNED):
        result = INTERPRETER.read(message, state)
        assert Interpretation.model_validate(result.model_dump()) == result


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=25).map(" ".join))
def test_word_salad_gives_a_valid_interpretation(message: str) -> None:
    for state in (GATHERING, PLANNED):
        result = INTERPRETER.read(message, state)
        assert Interpretation.model_validate(result.model_dump()) == result
        days = result.changes.days
        assert days is None or 1 <= days <= 14


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 14), st.integers(1, 14), st.sampled_from(["and", "with", "&"]))
def test_day_swaps_are_never_places_or_lengths(first: int, second: int, joiner: str) -> None:
    result = INTERPRETER.read(f"swap day {first} {joiner} {second}", PLANNED)
    changes = result.changes
    assert (changes.city, changes.unsupported_city, changes.days) == (None, None, None)
    if first != second:
        assert result.edits == [SwapDays(first=first, second=second)]
