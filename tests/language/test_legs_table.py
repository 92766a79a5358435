"""The multi-city parsing table (issue 11): message (in a context) -> what the acts say.

Contexts: ``new`` (a fresh session), ``planned`` (3 days in Tokyo, then 2 in Kyoto, by the
real planner), ``tokyo`` (a planned one-city Tokyo trip), ``split`` (a pending "how to share
the 6 days between Tokyo and Kyoto?"), ``days`` (gathering Lisbon then Porto, asked how
many days), ``switch`` (a pending "switch the trip to Kyoto?" on the Tokyo trip).
Expected: ``legs`` [(city, days)], ``total``, ``uncovered``, ``travelers``, ``change``
(op, city, days), or ``city`` for a one-city reading; ``accept`` for a yes.
"""

from functools import cache
from typing import Any

import pytest

from tests.language.legs_scoring import interpreter, planned_state, reading
from wayfarer.domain import (
    AskTravelToCity,
    ChangePreferences,
    ConfirmationAnswer,
    DialogueState,
    Leg,
    PendingConfirmation,
    Preferences,
    PreferenceUpdate,
    SessionState,
)

T, K = ("Tokyo", "Japan"), ("Kyoto", "Japan")

ROWS: list[tuple[str, str, dict[str, Any]]] = [
    # the phrasings
    ("new", "5 days: 3 in Tokyo then 2 in Kyoto", {"legs": [("Tokyo", 3), ("Kyoto", 2)]}),
    ("new", "3 in Tokyo then 2 in Kyoto", {"legs": [("Tokyo", 3), ("Kyoto", 2)]}),
    ("new", "Paris for 3 days then London for 2",
     {"legs": [("Paris", 3), ("London", 2)], "travelers": None}),
    ("new", "Tokyo and Kyoto, 6 days", {"legs": [("Tokyo", None), ("Kyoto", None)], "total": 6}),
    ("new", "Rome, Florence and Venice in a week",
     {"legs": [("Rome", None), ("Florence", None), ("Venice", None)], "total": 7}),
    ("new", "starting in Lisbon, ending in Porto", {"legs": [("Lisbon", None), ("Porto", None)]}),
    ("planned", "add 2 days in Kyoto at the end", {"change": ("add", "Kyoto", 2)}),
    ("planned", "one more day in Tokyo", {"change": ("add", "Tokyo", 1)}),
    ("planned", "drop Kyoto", {"change": ("drop", "Kyoto", None)}),
    ("planned", "do Kyoto first", {"change": ("first", "Kyoto", None)}),
    ("planned", "swap the order", {"change": ("swap_order", None, None)}),
    ("tokyo", "add 2 days in Kyoto at the end", {"change": ("add", "Kyoto", 2)}),
    ("switch", "i need BOTH", {"change": ("add", "Kyoto", None)}),
    ("switch", "both please", {"change": ("add", "Kyoto", None)}),
    # more ways of saying a trip
    ("new", "2 days in Madrid, then 3 in Barcelona",
     {"legs": [("Madrid", 2), ("Barcelona", 3)]}),
    ("new", "London 3 days and Edinburgh 2 days", {"legs": [("London", 3), ("Edinburgh", 2)]}),
    ("new", "Berlin -> Prague -> Vienna, 8 days",
     {"legs": [("Berlin", None), ("Prague", None), ("Vienna", None)], "total": 8}),
    ("new", "Singapore for two then Bangkok for four",
     {"legs": [("Singapore", 2), ("Bangkok", 4)], "travelers": None}),
    ("new", "we are 4: Rome 3 days then Florence 2 days",
     {"legs": [("Rome", 3), ("Florence", 2)], "travelers": 4}),
    ("new", "Osaka & Kyoto over 5 days", {"legs": [("Osaka", None), ("Kyoto", None)], "total": 5}),
    ("new", "Milan then Venice", {"legs": [("Milan", None), ("Venice", None)]}),
    ("new", "first Delhi for 3 days, then Jaipur for 2, then Mumbai for 3",
     {"legs": [("Delhi", 3), ("Jaipur", 2), ("Mumbai", 3)]}),
    # uncovered legs
    ("new", "3 days in Kyoto then 2 in Nara", {"legs": [("Kyoto", 3)], "uncovered": {"Nara"}}),
    ("new", "Naples and Rome, 5 days", {"legs": [("Rome", 5)], "uncovered": {"Naples"}}),
    ("new", "2 days in Bologna then 3 in Venice",
     {"legs": [("Venice", 3)], "uncovered": {"Bologna"}}),
    ("new", "Nagoya then Hiroshima, 5 days", {"legs": [], "uncovered": {"Nagoya", "Hiroshima"}}),
    ("new", "Tokyo, Kyoto and Hiroshima in 9 days",
     {"legs": [("Tokyo", None), ("Kyoto", None)], "total": 9, "uncovered": {"Hiroshima"}}),
    # answers to "how to split?"
    ("split", "4 and 2", {"legs": [("Tokyo", 4), ("Kyoto", 2)]}),
    ("split", "4 in tokyo", {"legs": [("Tokyo", 4), ("Kyoto", 2)]}),
    ("split", "2 days in Kyoto", {"legs": [("Tokyo", 4), ("Kyoto", 2)]}),
    ("split", "yes", {"accept": True}),
    ("split", "sounds good", {"accept": True}),
    ("split", "just split it", {"accept": True}),
    ("split", "evenly is fine", {"accept": True}),
    ("days", "3 and 4", {"legs": [("Lisbon", 3), ("Porto", 4)]}),
    ("days", "a week", {"legs": [], "total": 7}),  # the total; the legs stay
    # leg changes
    ("planned", "only 1 day in Kyoto", {"change": ("set_days", "Kyoto", 1)}),
    ("planned", "one day less in Tokyo", {"change": ("set_days", "Tokyo", 2)}),
    ("planned", "let's finish in Tokyo", {"change": ("last", "Tokyo", None)}),
    ("planned", "the other way round", {"change": ("swap_order", None, None)}),
    ("planned", "swap Tokyo and Kyoto", {"change": ("swap_order", None, None)}),
    ("planned", "add Osaka", {"change": ("add", "Osaka", None)}),
    ("planned", "2 more days in Kyoto please", {"change": ("add", "Kyoto", 2)}),
    # not a trip of legs
    ("new", "Paris or Rome for 4 days?", {"legs": [("Paris", 4)]}),
    ("new", "I live in London and want 3 days in Paris", {"legs": [("Paris", 3)]}),
    ("new", "we were in Rome last year, now 4 days in Paris", {"one_city": True}),
    ("planned", "how do i get from tokyo to kyoto after?", {"question": AskTravelToCity}),
    ("tokyo", "one more day in Tokyo", {"change": None}),  # an added day, as before
    ("tokyo", "swap day 1 and 2", {"change": None}),
    # (fifth session) a count without its unit beside other legs' counts; day numbers
    ("new", "tokyo 3 days then kyoto 2", {"legs": [("Tokyo", 3), ("Kyoto", 2)]}),
    ("new", "3 days tokyo then 2 kyoto", {"legs": [("Tokyo", 3), ("Kyoto", 2)]}),
    ("new", "lisbon 4 and porto 3", {"legs": [("Lisbon", 4), ("Porto", 3)]}),
    ("new", "rome and florence, 2 adults",
     {"legs": [("Rome", None), ("Florence", None)], "travelers": 2}),
    ("days", "swap day 1 and day 2", {"legs": [], "total": None}),
]


@cache
def _states() -> dict[str, SessionState]:
    planned = planned_state()
    tokyo_prefs = Preferences(city="Tokyo", country="Japan", days=3)
    tokyo = planned.model_copy(update={"preferences": tokyo_prefs})
    even = [Leg(city="Tokyo", country="Japan", days=3), Leg(city="Kyoto", country="Japan", days=3)]
    split = SessionState(session_id="s-legs", preferences=Preferences(
        legs=[Leg(city="Tokyo", country="Japan"), Leg(city="Kyoto", country="Japan")], days=6),
        dialogue=DialogueState(confirmation=PendingConfirmation(
            kind="split", subject="3 days in Tokyo, then 3 in Kyoto",
            on_accept=[ChangePreferences(changes=PreferenceUpdate(legs=even))])))
    days = SessionState(session_id="s-legs", preferences=Preferences(
        legs=[Leg(city="Lisbon", country="Portugal"), Leg(city="Porto", country="Portugal")]),
        dialogue=DialogueState(awaiting="days"))
    switch = tokyo.model_copy(update={"dialogue": DialogueState(confirmation=PendingConfirmation(
        kind="change_city", subject="Kyoto", on_accept=[ChangePreferences(
            changes=PreferenceUpdate(city="Kyoto", country="Japan"))]))})
    return {"new": SessionState(session_id="s-legs"), "planned": planned, "tokyo": tokyo,
            "split": split, "days": days, "switch": switch}


@pytest.mark.parametrize(("context", "message", "expected"), ROWS,
                         ids=[f"{c}:{m}" for c, m, _ in ROWS])
def test_legs_row(context: str, message: str, expected: dict[str, Any]) -> None:
    result = interpreter().read(message, _states()[context])
    acts = result.dialogue_acts()
    got = reading(result)
    if "accept" in expected:
        assert acts == [ConfirmationAnswer(accept=expected["accept"])]
        return
    if "question" in expected:
        assert [type(a) for a in acts] == [expected["question"]]
        return
    if "one_city" in expected:
        assert len(got["legs"]) == 1 and got["change"] is None
        return
    for key in ("legs", "total", "travelers", "change"):
        if key in expected:
            assert got[key] == expected[key], (key, got)
    assert got["uncovered"] == expected.get("uncovered", set()), got
    if context in ("new", "split", "days"):
        assert got["change"] is None


def test_the_table_has_forty_rows_or_more() -> None:
    assert len(ROWS) >= 40
