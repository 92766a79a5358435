"""Messages -> acts for the fourth pass of issue 9 (own phrasing, not blind set 4's):
dates with Spanish, French and German month names, amounts said in words, budgets said as
a situation, interest words in Spanish, French and German, a route or price question
inside a first message (the details kept, the question asked), misspelt city names, a
shared currency word read as the trip country's, "4ish days", "two couples". Same
row format and checking as ``test_acts_table``."""

from functools import cache

import pytest

from tests.language.plans import COVERED, TODAY
from tests.language.test_acts_table import check, state_for
from tests.reference import shared_world
from wayfarer.language import OfflineInterpreter

ROWS: list[tuple[str, str, str]] = [
    # --- dates with foreign month names (TODAY is 2026-04-10) ---------------------------
    ("g", "Rome 4 jours à partir du 3 mai", "prefs city=Rome days=4 start_date=2026-05-03"),
    ("g", "Barcelona desde el 12 de agosto, 5 días",
     "prefs city=Barcelona days=5 start_date=2026-08-12"),
    ("g", "Berlin ab dem 14. Juni, drei Tage", "prefs city=Berlin days=3 start_date=2026-06-14"),
    ("g", "Lisbon del 20 al 23 de abril", "prefs city=Lisbon days=4 start_date=2026-04-20"),
    ("g", "Paris du 1er au 4 juillet", "prefs city=Paris days=4 start_date=2026-07-01"),
    ("g", "Vienna vom 3. bis 6. Oktober", "prefs city=Vienna days=4 start_date=2026-10-03"),
    ("g", "Tokyo el 2 de abril", "prefs city=Tokyo start_date=2027-04-02"),
    # --- amounts said in words ------------------------------------------------------------
    ("g", "Rome 3 days, roughly fifteen hundred euros all in",
     "prefs city=Rome days=3 budget_amount=1500 currency=EUR"),
    ("g", "Tokyo, a week, four grand", "prefs city=Tokyo days=7 budget_amount=4000"),
    ("g", "Sydney 5 days on a hundred and fifty dollars a day",
     "prefs city=Sydney days=5 budget_amount=150 currency=USD"),
    ("g", "London 2 days, sixty quid a day", "prefs city=London days=2 budget_amount=60"),
    ("g", "the museum pass is forty euros, Paris 3 days",
     "prefs city=Paris days=3 budget_amount="),
    ("g", "two days in Rome with one friend", "prefs city=Rome days=2 budget_amount="),
    # --- a currency word several countries share is the trip country's own -----------
    ("g", "Buenos Aires 4 days, 300000 pesos",
     "prefs city=Buenos days=4 budget_amount=300000 currency=ARS"),
    ("g", "Mexico City 4 days, 8000 pesos", "prefs budget_amount=8000 currency=MXN"),
    ("g", "Marrakech, 2000 dirhams, 3 days", "prefs city=Marrakech currency=MAD"),
    ("g", "Dubai, 2000 dirhams, 3 days", "prefs city=Dubai currency=AED"),
    # --- a rough length, couples counted ------------------------------------------------
    ("g", "Rome 4ish days", "prefs city=Rome days=4"),
    ("g", "three couples, Lisbon", "prefs city=Lisbon travelers=6"),
    # --- budgets said as a situation ------------------------------------------------------
    ("g", "Lisbon 3 days, we're skint", "prefs city=Lisbon days=3 budget=budget"),
    ("g", "Prague 4 days, cost is not a concern", "prefs city=Prague days=4 budget=luxury"),
    ("g", "Dubai for 3 days, the budget doesn't matter", "prefs city=Dubai days=3 budget=luxury"),
    # "no hostels" is also read as a place to skip; no Rome place has that name, so the
    # conversation keeps nothing (tests/conversation: a wish only for a place the city has)
    ("g", "Rome 3 days, no hostels but nothing too pricey",
     "prefs city=Rome days=3 budget=moderate;edit:remove name=hostels"),
    ("g", "Vienna, 3 days, not the cheapest places please", "prefs city=Vienna budget=moderate"),
    ("g", "Seoul 4 days, poor students, food", "prefs city=Seoul add=food budget=budget"),
    ("p", "money is no object now", "edit:change_budget budget=luxury"),
    # --- interest words in Spanish, French, German; a swapped-letter typo ---------------
    ("g", "Barcelona, cuatro días, arte y vida nocturna",
     "prefs city=Barcelona days=4 add=art,nightlife"),
    ("g", "Paris trois jours, les marchés et les jardins",
     "prefs city=Paris days=3 add=shopping,nature"),
    ("g", "Berlin vier Tage, Kunst, Nachtleben und Geschichte",
     "prefs city=Berlin days=4 add=art,nightlife,history"),
    ("g", "Mexico City, comida, mercados y museos",
     "prefs city=Mexico add=food,shopping,museums"),
    ("g", "Sydney 4 days, baech and food", "prefs city=Sydney days=4 add=beaches,food"),
    ("g", "Bangkok 4 days, night markets", "prefs city=Bangkok days=4 add=shopping,food"),
    # --- a route or price question inside a first message: details kept, asked --------
    ("g", "Rome 3 days, food. how far is the pantheon from the trevi fountain?",
     "prefs city=Rome days=3 add=food;ask_route destination=pantheon origin=trevi"),
    ("g", "Paris 4 days, art, how do we get from orly to the centre quickly?",
     "prefs city=Paris days=4 add=art pace= budget=;ask_route origin=orly"),
    ("g", "Bangkok 3 days, temples - is the grand palace pricey?",
     "prefs city=Bangkok days=3 add=culture;ask_cost place=grand"),
    ("g", "how far is the old town from the station?", "ask_route destination=town origin=station"),
    # ... a route without its start, before any plan, is still read as details
    ("g", "Lisbon 3 days, how do we get to the beaches", "prefs city=Lisbon days=3"),
    # --- misspelt city names ----------------------------------------------------------------
    ("g", "Marakesh, 3 days", "prefs city=Marrakech days=3"),
    ("g", "dubi for 4 days", "prefs city=Dubai days=4"),
    ("g", "libon 3 days, food", "prefs city=Lisbon days=3 add=food"),
    ("g", "a weekend in washington", "prefs city= unsupported_city=Washington"),
    # --- an abbreviation in lower case right before a trip length ----------------------
    ("g", "la for 4 days", "prefs city= unsupported_city=Los days=4"),
    ("g", "ny 4 days", "prefs city=New days=4"),
    ("g", "a la carte menus please", "unclear"),
    # --- the thing a price aside is about is not a wish -------------------------------
    ("g", "Cairo 4 days, history, the museum entry is 500 egyptian pounds",
     "prefs city=Cairo days=4 add=history budget_amount="),
    # --- (fifth session) a later start with its hour; walking; a weekday; a bare no ------
    ("p", "can we start later, like 10:30", "edit:day_start earliest=10:30"),
    ("p", "we'd rather start later, around 11", "edit:day_start earliest=11:00"),
    ("p", "start days at 10:30am", "edit:day_start earliest=10:30"),
    ("p", "start our days at 9:30", "edit:day_start earliest=09:30"),
    ("p", "can we start later", "edit:day_start earliest=10:00"),
    ("p", "is it walkable?", "ask_route destination="),
    ("p", "how much walking is there on day 2?", "ask_route destination= day=2"),
    ("p", "can we walk everywhere?", "ask_route destination="),
    ("p", "how do we get to the colosseum?", "ask_route destination=colosseum"),
    ("p", "what's on wednesday?", "ask_schedule day=3"),
    ("p", "what are we doing on tuesday", "ask_schedule day=2"),
    ("p", "no", "small_talk"),
    ("p", "nope", "small_talk"),
    ("p", "no, it's perfect", "small_talk"),
    ("p", "less fancy please", "edit:change_budget budget=budget"),
    ("p", "this is too posh", "edit:change_budget budget=budget"),
    ("p", "more street food, less fancy", "prefs add=food budget=budget"),
    ("p", "is the louvre in the plan?", "ask_schedule place=louvre"),
    ("p", "is the eiffel tower included?", "ask_schedule place=eiffel"),
    ("p", "when do we visit the louvre?", "ask_schedule place=louvre"),
    ("p", "are we seeing the orsay?", "ask_schedule place=orsay"),
    ("p", "is the louvre open on monday?", "ask_hours place=louvre weekday=monday"),
    ("p", "is the plan ok?", "ask_schedule place="),
    ("p", "swap the louvre day with day 2", "edit:swap_days first=1 second=2"),
    ("p", "swap day 3 with the louvre day", "edit:swap_days first=1 second=3"),
    ("p", "move the louvre day to day 3", "edit:swap_days first=1 second=3"),
    # --- arrival and departure times --------------------------------------------------------
    ("p", "we arrive at 2pm on day 1", "edit:travel_times arrive=14:00 leave= mode=other"),
    ("p", "our flight home is at 6pm", "edit:travel_times arrive= leave=18:00 mode=flight"),
    ("p", "day 5 we fly out at 3pm", "edit:travel_times leave=15:00 mode=flight"),
    ("p", "train back at 17:30 on the last day", "edit:travel_times leave=17:30 mode=train"),
    ("p", "we land at noon", "edit:travel_times arrive=12:00 mode=flight"),
    ("p", "we land at 10am and fly home at 8pm",
     "edit:travel_times arrive=10:00;edit:travel_times leave=20:00"),
    ("p", "we leave the hotel at 9", "unclear"),
    ("g", "Rome 3 days, our train gets in at 3pm",
     "prefs city=Rome days=3;edit:travel_times arrive=15:00 mode=train"),
    # --- places to see or skip, said before the plan ------------------------------------
    ("g", "Paris 3 days, skip the louvre, we've been",
     "prefs city=Paris days=3;edit:remove name=louvre"),
    ("g", "Rome 3 days, we must see the colosseum and the vatican museums",
     "prefs city=Rome days=3;edit:pin name=colosseum;edit:pin name=vatican"),
    ("g", "Paris 2 days, no louvre please, skip the eiffel tower",
     "prefs city=Paris days=2;edit:remove name=louvre;edit:remove name=eiffel"),
    ("g", "London 2 days, skip the museums", "prefs city=London days=2"),
]


@cache
def reader() -> OfflineInterpreter:
    """One interpreter for every row (built on first use, not at collection)."""
    return OfflineInterpreter(COVERED, today=lambda: TODAY, world=shared_world())


@pytest.mark.parametrize("row", ROWS, ids=[f"{s}:{m}" for s, m, _ in ROWS])
def test_fourth_pass_rows(row: tuple[str, str, str]) -> None:
    state, message, expected = row
    check(reader().read(message, state_for(state)).dialogue_acts(), expected)
