"""Moving a place to another day, asked in words (the offline interpreter)."""

import pytest

from tests.language.plans import COVERED, TODAY, planned
from tests.reference import shared_world
from wayfarer.domain import MovePlace, PlaceSelector, SwapDays
from wayfarer.language import OfflineInterpreter


@pytest.fixture(scope="module")
def interpreter() -> OfflineInterpreter:
    return OfflineInterpreter(
        dict.fromkeys(COVERED, "X"), today=lambda: TODAY, world=shared_world()
    )


@pytest.mark.parametrize(
    ("message", "name", "to_day"),
    [
        ("move the Louvre to day 3", "Louvre", 3),
        ("can you put the Eiffel Tower on day 1?", "Eiffel Tower", 1),
        ("shift Sacré-Cœur to the first day", "Sacré-Cœur", 1),
        ("move Montmartre to the last day please", "Montmartre", 3),
        ("push the Arc de Triomphe to day two", "Arc de Triomphe", 2),
    ],
)
async def test_move_a_named_place(
    interpreter: OfflineInterpreter, message: str, name: str, to_day: int
) -> None:
    result = await interpreter.interpret(message, planned())
    assert result.intent == "edit"
    assert len(result.edits) == 1
    edit = result.edits[0]
    assert isinstance(edit, MovePlace) and edit.to_day == to_day
    assert edit.target.name is not None and name.split()[-1] in edit.target.name


async def test_move_a_kind_of_place_and_moving_a_day_still_swaps(
    interpreter: OfflineInterpreter,
) -> None:
    kind = await interpreter.interpret("move the museum to day 3", planned())
    assert kind.edits == [MovePlace(target=PlaceSelector(category="museum"), to_day=3)]
    days = await interpreter.interpret("move day 2 to day 3", planned())
    assert days.edits == [SwapDays(first=2, second=3)]
