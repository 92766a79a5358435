"""Messages -> acts for the third pass of issue 9 (own phrasing, not blind set 3's):
companions named in many ways, numbers that are not people, a change and a question in
one message (both kept, the change first), "can we see X on a Monday?" as an opening-hours
question. Same row format and checking as ``test_acts_table``."""

import pytest

from tests.language.plans import COVERED, TODAY
from tests.language.test_acts_table import check, state_for
from tests.reference import shared_world
from wayfarer.language import OfflineInterpreter

ROWS: list[tuple[str, str, str]] = [
    # --- head counts -------------------------------------------------------------------
    ("g", "taking the twins (both of them) and my husband to Rome",
     "prefs city=Rome travelers=4 add=family"),
    ("g", "Paris with the boys, all three of them, and my wife", "prefs city=Paris travelers=5"),
    ("g", "my aunt and her partner are coming along, so there are 5 of us", "prefs travelers=5"),
    ("g", "me, my boyfriend and his mum, Lisbon 3 days", "prefs city=Lisbon days=3 travelers=3"),
    ("g", "Berlin 3 days with my brother and his two kids", "prefs city=Berlin travelers=4"),
    ("g", "Rome 3 days, my uncle lived there for 4 years", "prefs city=Rome days=3 travelers="),
    ("g", "Vienna 2 days, my mum recommended the cafes", "prefs city=Vienna days=2 travelers="),
    ("g", "Lisbon, 2 days, we'll land around 4 and my dad says the trams are fun",
     "prefs city=Lisbon days=2 travelers=;edit:travel_times arrive=16:00 mode=flight"),
    ("g", "Rome 4 days without the kids this time", "prefs city=Rome days=4 add= travelers="),
    # --- a change and a question in one message -----------------------------------------
    ("p", "make it 5 days - what's on day 5?", "prefs days=5;ask_schedule day=5"),
    ("p", "cheaper please, and how much would it cost then?",
     "edit:change_budget budget=budget;ask_cost"),
    ("p", "is the louvre open on tuesday? also start on 5 may",
     "prefs start_date=2026-05-05;ask_hours place=louvre weekday=tuesday"),
    ("p", "add a day. Is the orsay open on that day?", "edit:add_day;ask_hours place=orsay"),
    ("p", "no museums please, what's on day 2 then?", "prefs remove=museums;ask_schedule day=2"),
    # ... but one question stays one question
    ("p", "is the louvre open on tuesday, 5 may?", "ask_hours place=louvre weekday=tuesday"),
    ("p", "we're in Paris. how do i get to London after?", "ask_travel_city city=London"),
    ("p", "ok. how much is it?", "ask_cost"),
    # --- "can we see X on <weekday>?" asks about hours; "on day 2" puts it there --------
    ("p", "could we visit the rodin museum on a monday?",
     "ask_hours place=rodin weekday=monday"),
    ("p", "can we do the catacombs on sunday?", "ask_hours place=catacombs weekday=sunday"),
    ("p", "can we see the louvre on day 2?", "edit:move name=louvre to_day=2"),
    ("p", "can we see the pantheon on day 2?", "edit:add name=pantheon day=2"),
]


@pytest.fixture(scope="module")
def interpreter() -> OfflineInterpreter:
    return OfflineInterpreter(COVERED, today=lambda: TODAY, world=shared_world())


@pytest.mark.parametrize(("state", "message", "expected"), ROWS,
                         ids=[f"{s}:{m}" for s, m, _ in ROWS])
def test_acts(interpreter: OfflineInterpreter, state: str, message: str, expected: str) -> None:
    check(interpreter.read(message, state_for(state)).dialogue_acts(), expected)


DAY_ROWS: list[tuple[str, str, str]] = [
    # --- a lighter day said with a reason stays on that day ------------------------------
    ("p", "grandpa will be tired by day 2, lighten that day",
     "edit:change_pace step=more_relaxed day=2 scope=day"),
    ("p", "fewer stops on day 3 please", "edit:change_pace step=more_relaxed day=3"),
    ("p", "lighten the whole trip a bit", "edit:change_pace step=more_relaxed scope=trip"),
    # --- caps and meal wishes --------------------------------------------------------------
    ("p", "at most two churches per day", "edit:limit_per_day category=church limit=2"),
    ("p", "max 4 stops a day", "edit:limit_per_day limit=4"),
    ("p", "one gallery a day is enough", "edit:limit_per_day category=gallery limit=1"),
    ("p", "we want 2 museums a day", "prefs"),
    ("p", "book us somewhere posh for dinner on day 1",
     "edit:meal_wish wish=fancy day=1 scope=day"),
    ("p", "cheap eats please", "edit:meal_wish wish=cheap"),
    ("g", "Delhi 3 days, we're vegan", "prefs city=Delhi days=3;edit:meal_wish wish=vegetarian"),
]


@pytest.mark.parametrize(("state", "message", "expected"), DAY_ROWS,
                         ids=[f"{s}:{m}" for s, m, _ in DAY_ROWS])
def test_day_scopes_caps_and_meals(interpreter: OfflineInterpreter, state: str, message: str,
                                   expected: str) -> None:
    check(interpreter.read(message, state_for(state)).dialogue_acts(), expected)
