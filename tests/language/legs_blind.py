"""Blind set of multi-city phrasings (issue 11), written before the legs reader existed.

Each case is one message with what it should mean: the trip's covered legs in order with
their days (None: not said), the total said for the trip, the uncovered cities named, or
one leg change on the planned trip "3 days in Tokyo, then 2 in Kyoto" (context
``"planned"``). None of these sentences is one of issue 11's examples; they are scored by
:func:`tests.language.legs_scoring.score` and measured with
``.venv/bin/python -m bench bench_legs``.
"""

from dataclasses import dataclass
from typing import Literal

Context = Literal["new", "planned"]


@dataclass(frozen=True)
class LegCase:
    """One message and what it means for the trip's legs."""

    message: str
    legs: tuple[tuple[str, int | None], ...] = ()
    total: int | None = None
    uncovered: tuple[str, ...] = ()
    change: tuple[str, str | None, int | None] | None = None  # (op, city, days)
    travelers: int | None = None
    context: Context = "new"


LEG_BLIND: tuple[LegCase, ...] = (
    # --- stated trips with every leg's days ----------------------------------------------
    LegCase("4 days in Lisbon and then 3 in Porto", (("Lisbon", 4), ("Porto", 3))),
    LegCase("Rome for 2 days, then Florence for 3", (("Rome", 2), ("Florence", 3))),
    LegCase("we want 3 nights in Madrid followed by 2 nights in Barcelona",
            (("Madrid", 3), ("Barcelona", 2))),
    LegCase("Berlin 3 days, Prague 2 days", (("Berlin", 3), ("Prague", 2))),
    LegCase("two days in Vienna then three days in Budapest", (("Vienna", 2), ("Budapest", 3))),
    LegCase("Planning 5 days in Seoul and after that 3 in Tokyo",
            (("Seoul", 5), ("Tokyo", 3))),
    LegCase("London 4 days + Edinburgh 2 days", (("London", 4), ("Edinburgh", 2))),
    LegCase("a day in Milan, then 3 days in Venice", (("Milan", 1), ("Venice", 3))),
    LegCase("3 days Bangkok, 4 days Singapore please", (("Bangkok", 3), ("Singapore", 4))),
    LegCase("We'd like Osaka for 2 days then Kyoto for 2 days, food and temples",
            (("Osaka", 2), ("Kyoto", 2))),
    LegCase("first 3 days in Delhi, then 2 in Jaipur", (("Delhi", 3), ("Jaipur", 2))),
    LegCase("Amsterdam (3 days) then Berlin (3 days)", (("Amsterdam", 3), ("Berlin", 3))),
    LegCase("New York for five days and Chicago for two", (("New York", 5), ("Chicago", 2))),
    LegCase("me and my wife: 2 days in Athens then 3 in Istanbul",
            (("Athens", 2), ("Istanbul", 3)), travelers=2),
    LegCase("3 in Munich, 2 in Vienna and 2 in Prague",
            (("Munich", 3), ("Vienna", 2), ("Prague", 2))),
    LegCase("Hong Kong 2 days then Singapore 3 days", (("Hong Kong", 2), ("Singapore", 3))),
    LegCase("I'll do 2 days in Cairo and then 4 in Istanbul", (("Cairo", 2), ("Istanbul", 4))),
    LegCase("Paris for a couple of days then Amsterdam for 3", (("Paris", 2), ("Amsterdam", 3))),
    # --- cities and a total, split unsaid ------------------------------------------------
    LegCase("Lisbon and Porto, 5 days", (("Lisbon", None), ("Porto", None)), total=5),
    LegCase("a week across Madrid and Barcelona", (("Madrid", None), ("Barcelona", None)),
            total=7),
    LegCase("Vienna, Budapest and Prague in 9 days",
            (("Vienna", None), ("Budapest", None), ("Prague", None)), total=9),
    LegCase("10 days: Tokyo, Osaka and Kyoto",
            (("Tokyo", None), ("Osaka", None), ("Kyoto", None)), total=10),
    LegCase("Berlin + Munich for 6 days", (("Berlin", None), ("Munich", None)), total=6),
    LegCase("London then Paris, 5 days total", (("London", None), ("Paris", None)), total=5),
    LegCase("Seoul and Tokyo over a fortnight", (("Seoul", None), ("Tokyo", None)), total=14),
    # --- cities without days -------------------------------------------------------------
    LegCase("start in Rome and finish in Venice", (("Rome", None), ("Venice", None))),
    LegCase("Delhi first, then Mumbai", (("Delhi", None), ("Mumbai", None))),
    LegCase("fly into Madrid, out of Lisbon", (("Madrid", None), ("Lisbon", None))),
    LegCase("beginning in Kyoto and ending in Tokyo", (("Kyoto", None), ("Tokyo", None))),
    # --- uncovered legs ------------------------------------------------------------------
    LegCase("3 days in Tokyo then 2 in Hiroshima", (("Tokyo", 3),), uncovered=("Hiroshima",)),
    # Seville became a covered city with issue 17 (it was written as an uncovered leg).
    LegCase("Seville for 2 days and then Madrid for 3", (("Seville", 2), ("Madrid", 3))),
    LegCase("Vienna 3 days then Salzburg 2 days", (("Vienna", 3),), uncovered=("Salzburg",)),
    LegCase("Krakow and Prague, 6 days", (("Prague", None),), total=6, uncovered=("Krakow",)),
    LegCase("Hanoi for 3 days then Bangkok for 3", (("Hanoi", 3), ("Bangkok", 3))),
    LegCase("2 days in Glasgow then 3 in Edinburgh", (("Edinburgh", 3),),
            uncovered=("Glasgow",)),
    # --- leg changes on the planned trip "3 days in Tokyo, then 2 in Kyoto" ---------------
    LegCase("can we add 3 days in Osaka after Kyoto?", change=("add", "Osaka", 3),
            context="planned"),
    LegCase("give Kyoto one more day", change=("add", "Kyoto", 1), context="planned"),
    LegCase("an extra day in Tokyo please", change=("add", "Tokyo", 1), context="planned"),
    LegCase("let's skip Kyoto altogether", change=("drop", "Kyoto", None), context="planned"),
    LegCase("actually remove Tokyo from the trip", change=("drop", "Tokyo", None),
            context="planned"),
    LegCase("start with Kyoto instead", change=("first", "Kyoto", None), context="planned"),
    LegCase("reverse the order of the cities", change=("swap_order", None, None),
            context="planned"),
    LegCase("only 1 day in Kyoto", change=("set_days", "Kyoto", 1), context="planned"),
    LegCase("make Tokyo 4 days", change=("set_days", "Tokyo", 4), context="planned"),
    LegCase("end the trip in Tokyo", change=("last", "Tokyo", None), context="planned"),
)
