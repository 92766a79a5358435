"""Messages -> acts mid-conversation (issue 9, the dialogue pass; own phrasing, not blind
set 4's): a cost question said loosely, an interest added with a per-day cap whose noun is
left out ("mosques, but no more than one a day"), a day added by its ordinal ("a 4th
day"), a start-date correction said as an arrival ("we arrive the 14th"), a named place
fitted into a day ("fit X in on day 2") or named with a day and no verb ("and the X on
day 3"), where a catalog place's name wins over a country reading of one of its words;
an amount said without a currency on a trip whose city is known.
Same row format and checking as ``test_acts_table``; the state is a trip planned in the
city named first in the row ("p" = the Paris plan of :mod:`tests.language.plans`)."""

from datetime import date
from functools import cache

import pytest

from tests.language.plans import COVERED, TODAY, gathering, planned
from tests.language.test_acts_table import check
from tests.reference import bundled_catalog, shared_world
from wayfarer.domain import Message, Preferences, SessionState
from wayfarer.language import OfflineInterpreter
from wayfarer.planner import CatalogPlanner

ROWS: list[tuple[str, str, str]] = [
    # --- a cost question said loosely ---------------------------------------------------
    ("p", "roughly what does all this come to?", "ask_cost"),
    ("p", "so what does it all come to?", "ask_cost"),
    ("p", "what would the whole trip come to, more or less?", "ask_cost"),
    ("p", "ballpark, what does that come to for 2 people?", "ask_cost travelers=2"),
    # --- an added interest with a per-day cap whose noun is left out --------------------
    ("Istanbul", "and some mosques, but no more than one a day",
     "prefs add=culture;edit:limit_per_day category=mosque limit=1"),
    ("p", "museums too, but max one a day",
     "prefs add=museums;edit:limit_per_day category=museum limit=1"),
    ("p", "add some churches, at most two per day",
     "prefs add=culture;edit:limit_per_day category=church limit=2"),
    ("p", "no more than one a day please", "unclear"),
    # --- a day added by its ordinal -----------------------------------------------------
    ("p", "a 4th day please", "edit:add_day"),
    ("p", "add a fourth day", "edit:add_day"),
    ("p", "could we have a fourth day?", "edit:add_day"),
    ("p", "one more day", "edit:add_day"),
    ("p", "add a museum on the third day", "edit:add day=3"),
    # --- a start-date correction said as an arrival ----------------------------------------
    ("p", "we arrive the 14th actually", "prefs start_date=2026-04-14"),
    ("p", "actually we get in on the 20th", "prefs start_date=2026-04-20"),
    ("p", "we're arriving on the 2nd now", "prefs start_date=2026-05-02"),
    ("p", "we land on 3 may actually", "prefs start_date=2026-05-03"),
    # ... a correction of a known start is read in the start's month
    ("p-june", "we arrive the 14th actually", "prefs start_date=2026-06-14"),
    ("p-june", "actually we get there on the 2nd", "prefs start_date=2026-06-02"),
    # --- a named place fitted into a day ----------------------------------------------------
    ("Barcelona", "can you fit the museu picasso in on day 2", "edit:add name=picasso day=2"),
    ("Barcelona", "could you squeeze park guell in on day 1?", "edit:add name=guell day=1"),
    ("p", "can you fit the pantheon in on day 3", "edit:add name=pantheon day=3"),
    ("p", "fit the rodin museum in somewhere", "edit:add name=rodin"),
    # --- a catalog place named with a day, its name winning over a country -----------------
    ("Rome", "and the vatican museums on day 3", "edit:add name=vatican day=3"),
    # ... (the Rome plan has the Vatican Museums on day 3: named for day 2, it moves)
    ("Rome", "the vatican museums on day 2 please", "edit:move name=vatican to_day=2"),
    ("p", "and the pantheon on day 2", "edit:add name=pantheon day=2"),
    ("p", "and the rest on day 3", "unclear"),
    ("p", "can you fit more in on day 2", "unclear"),
    # --- an amount without a currency takes the known city's country currency -----------
    ("g", "new york 3 days, two grand for everything", "prefs budget_amount=2000 currency=USD"),
    ("g", "Tokyo, a week, four grand", "prefs budget_amount=4000 currency=JPY"),
    ("g", "lisbon 4 days, budget of 900", "prefs budget_amount=900 currency=EUR"),
    ("p", "our budget is 1500 for the whole thing now", "prefs budget_amount=1500 currency=EUR"),
    ("g", "about 1500 for the whole trip", "prefs budget_amount=1500 currency="),
    ("g", "rome 3 days, 1000 dollars", "prefs budget_amount=1000 currency=USD"),
]


@cache
def reader() -> OfflineInterpreter:
    """One interpreter for every row (built on first use, not at collection)."""
    return OfflineInterpreter(COVERED, today=lambda: TODAY, world=shared_world())


@cache
def planned_in(city: str) -> SessionState:
    """A session with ``city`` planned for three days by the real planner ("g": a new
    session still gathering; "p-june": the Paris plan starting on 12 June)."""
    if city == "p":
        return planned()
    if city == "p-june":
        return planned(start_date=date(2026, 6, 12))
    if city == "g":
        return gathering()
    prefs = Preferences(city=city, days=3)
    itinerary = CatalogPlanner(bundled_catalog()).plan(prefs).itinerary
    return SessionState(session_id="s-test", stage="planned", itinerary=itinerary,
                        preferences=prefs,
                        history=[Message(role="assistant", content=f"Here's {city}: ...")])


@pytest.mark.parametrize("row", ROWS, ids=[f"{s}:{m}" for s, m, _ in ROWS])
def test_dialogue_pass_rows(row: tuple[str, str, str]) -> None:
    state, message, expected = row
    check(reader().read(message, planned_in(state).model_copy(deep=True)).dialogue_acts(),
          expected)
