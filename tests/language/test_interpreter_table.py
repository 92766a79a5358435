"""The parsing table (``cases.py``) run through the real offline interpreter."""

from datetime import date
from typing import Any

import pytest

from tests.language.cases import CASES, C
from tests.language.plans import COVERED, TODAY, gathering, planned
from tests.reference import shared_world
from wayfarer.domain import (
    AddDay,
    AddPlace,
    ChangeBudget,
    ChangePace,
    DropDay,
    Edit,
    Interpretation,
    PlaceSelector,
    RemovePlace,
    ReplacePlace,
    SessionState,
    SwapDays,
    Undo,
)
from wayfarer.language import OfflineInterpreter

ASKED = {
    "city": "Where would you like to go? I know 30 cities, such as Lisbon or Tokyo.",
    "days": "Lovely, Lisbon. How many days will you have in Lisbon?",
    "interests": "What are you into \u2014 food, history, art, nature, nightlife, viewpoints?",
    "pace_budget": "Last thing: what pace and budget suit you? Relaxed, moderate or packed "
    "days; budget, mid-range or luxury?",
    "offer": "I don't have Porto in my guide yet, sorry. I do know Lisbon \u2014 shall I plan "
    "that instead?",
}


def describe_selector(selector: PlaceSelector) -> str:
    """"category=museum day=2" (set fields only, in a fixed order)."""
    fields = selector.model_dump(exclude_none=True)
    return " ".join(f"{k}={fields[k]}" for k in ("name", "category", "interest", "outdoor",
                                                   "day") if k in fields)


def describe_edit(edit: Edit) -> str:
    """A compact, readable form of an edit for the table."""
    match edit:
        case SwapDays():
            return f"swap {edit.first} {edit.second}"
        case DropDay():
            return "drop_day" if edit.day is None else f"drop_day {edit.day}"
        case AddDay():
            return "add_day"
        case Undo():
            return "undo"
        case ChangePace():
            return f"pace step={edit.step}" if edit.step else f"pace pace={edit.pace}"
        case ChangeBudget():
            return f"budget {edit.budget}"
        case ReplacePlace():
            return f"replace {describe_selector(edit.target)} -> " \
                   f"{describe_selector(edit.replacement)}".rstrip()
        case RemovePlace():
            return f"remove {describe_selector(edit.target)}"
        case AddPlace():
            return f"add {describe_selector(edit.query)}"
    raise AssertionError(edit)


def slots(result: Interpretation) -> dict[str, Any]:
    """The interpretation as table slots (see cases.py)."""
    changes = result.changes
    return {
        "intent": result.intent,
        "city": changes.city,
        "unsupported": changes.unsupported_city,
        "days": changes.days,
        "start": changes.start_date.isoformat() if changes.start_date else None,
        "add": sorted(changes.add_interests),
        "remove": sorted(changes.remove_interests),
        "any": changes.interests_any,
        "pace": changes.pace,
        "budget": changes.budget,
        "amount": changes.budget_amount,
        "currency": changes.currency,
        "travelers": changes.travelers,
        "edits": [describe_edit(e) for e in result.edits],
        "export": result.export_format,
        "day": result.question_day,
        "proceed": result.proceed,
        "talk": result.small_talk,
    }


def expected(case: C) -> dict[str, Any]:
    """The full slot dict a case expects: listed slots, everything else empty."""
    empty: dict[str, Any] = {
        "intent": "provide_info", "city": None, "unsupported": None, "days": None,
        "start": None, "add": [], "remove": [], "any": False, "pace": None, "budget": None,
        "amount": None, "currency": None, "travelers": None, "edits": [], "export": None,
        "day": None, "proceed": False, "talk": None,
    }
    wanted = {k: v for k, v in case.expect.items() if k not in ("country", "suggest")}
    for key in ("add", "remove"):
        if key in wanted:
            wanted[key] = sorted(wanted[key])
    return empty | wanted


def state_for(case: C) -> SessionState:
    if case.stage == "planned":
        return planned(**case.prefs)
    return gathering(case.asked, **case.prefs)


@pytest.fixture(scope="module")
def interpreter() -> OfflineInterpreter:
    return OfflineInterpreter(COVERED, today=lambda: TODAY, world=shared_world())


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 200


@pytest.mark.parametrize("case", CASES, ids=[f"{c.stage[0]}:{c.message}" for c in CASES])
def test_case(case: C, interpreter: OfflineInterpreter) -> None:
    result = interpreter.read(case.message, state_for(case))
    assert slots(result) == expected(case)
    if "country" in case.expect:
        assert result.changes.country == case.expect["country"]
    if "suggest" in case.expect:
        assert result.changes.city_suggestions == case.expect["suggest"]


async def test_interpret_is_the_async_face_of_read(interpreter: OfflineInterpreter) -> None:
    state = gathering()
    assert await interpreter.interpret("4 days in Lisbon", state) == interpreter.read(
        "4 days in Lisbon", state
    )


def test_today_is_injected() -> None:
    later = OfflineInterpreter(COVERED, today=lambda: date(2026, 6, 1), world=shared_world())
    result = later.read("starting 3 May", gathering())
    assert result.changes.start_date == date(2027, 5, 3)
