"""A blind parsing set: 160 traveller messages with the slots a person would read in them.

Written without looking at the offline interpreter or at ``cases.py``, from SPEC §3/§5 and
the domain models only, to estimate how the interpreter does on messages it was not tuned
on. ``bench/bench_parsing.py`` sends every case through the HTTP API;
``tests/language/test_blind_cases.py`` runs them through the interpreter directly.

Each case names its *context* (what happened before the message, see :data:`CONTEXTS`) and
the slots it expects. Only the listed slots are scored; ``intent`` is always scored and is
``provide_info`` unless stated. Slots:

- ``city`` (covered, canonical name), ``unsupported`` (a real city the catalog lacks)
- ``days``, ``start`` (a :data:`DateSpec`, resolved against "today"), ``travelers``
- ``add`` / ``remove``: interests added / ruled out, SPEC §3 vocabulary, compared as sets
- ``pace``, ``budget``: after a plan, a ChangePace/ChangeBudget edit with a fixed level and
  a preference change are the same slot (the traveller sees the same thing)
- ``amount``, ``currency`` (ISO 4217)
- ``edits``: itinerary edits (domain models); ``export``: format; ``day``: question day

Dates are written as functions of "today" so one case holds both for the interpreter
(``plans.TODAY``, a Friday) and for the live API (the machine's date).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from wayfarer.domain import (
    AddDay,
    AddPlace,
    ChangePace,
    DropDay,
    Edit,
    PlaceSelector,
    RemovePlace,
    ReplacePlace,
    SwapDays,
    Undo,
)

DateSpec = Callable[[date], date]

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def on(month: int, day: int) -> DateSpec:
    """The next ``day``/``month`` on or after today (a date already past means next year)."""

    def resolve(today: date) -> date:
        this_year = date(today.year, month, day)
        return this_year if this_year >= today else date(today.year + 1, month, day)

    resolve.__name__ = f"on({month},{day})"
    return resolve


def upcoming(weekday: int) -> DateSpec:
    """The nearest ``weekday`` strictly after today ("on Saturday")."""

    def resolve(today: date) -> date:
        return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)

    resolve.__name__ = f"upcoming({weekday})"
    return resolve


def after(days: int) -> DateSpec:
    """Today plus ``days`` ("tomorrow" = 1, "in two weeks" = 14)."""

    def resolve(today: date) -> date:
        return today + timedelta(days=days)

    resolve.__name__ = f"after({days})"
    return resolve


def sel(**fields: Any) -> PlaceSelector:
    return PlaceSelector(**fields)


def swap(first: int, second: int) -> SwapDays:
    return SwapDays(first=first, second=second)


def drop(day: int | None = None) -> DropDay:
    return DropDay(day=day)


def replace(target: PlaceSelector, replacement: PlaceSelector | None = None) -> ReplacePlace:
    return ReplacePlace(target=target, replacement=replacement or PlaceSelector())


def remove(target: PlaceSelector) -> RemovePlace:
    return RemovePlace(target=target)


def add(query: PlaceSelector) -> AddPlace:
    return AddPlace(query=query)


MORE_RELAXED = ChangePace(step="more_relaxed")
MORE_PACKED = ChangePace(step="more_packed")

#: Interests, pace and budget of the planned context (both the fixture and the API set-up).
PLANNED_PREFS: dict[str, Any] = {
    "interests": ["museums", "art", "history", "viewpoints"],
    "pace": "moderate",
    "budget": "moderate",
}


@dataclass(frozen=True)
class Context:
    """What came before the message.

    ``asked`` keys the assistant question of the interpreter-side fixture
    (``test_interpreter_table.ASKED``); ``prefs`` the preferences already known there;
    ``setup`` the user messages the API path sends first in the same session.
    ``planned`` means the Paris plan (``plans.planned``) on the interpreter side.
    """

    asked: str | None = None
    prefs: dict[str, Any] = field(default_factory=dict)
    setup: tuple[str, ...] = ()
    planned: bool = False


PLAN_PARIS = (
    "3 days in Paris from 4 May, museums, art, history and viewpoints, moderate pace, "
    "mid-range budget"
)

CONTEXTS: dict[str, Context] = {
    "new": Context(),
    "asked_city": Context(asked="city", setup=("hi, I want to plan a trip",)),
    "asked_days": Context(
        asked="days", prefs={"city": "Lisbon", "country": "Portugal"}, setup=("Lisbon",)
    ),
    "asked_interests": Context(
        asked="interests",
        prefs={"city": "Lisbon", "country": "Portugal", "days": 4},
        setup=("Lisbon", "4 days"),
    ),
    "asked_pace_budget": Context(
        asked="pace_budget",
        prefs={"city": "Lisbon", "country": "Portugal", "days": 4, "interests": ["food"]},
        setup=("Lisbon", "4 days", "food"),
    ),
    "planned": Context(prefs=PLANNED_PREFS, setup=(PLAN_PARIS,), planned=True),
    # "undo" needs something to undo on the API side; the interpreter sees the same plan.
    "planned_edited": Context(prefs=PLANNED_PREFS, setup=(PLAN_PARIS, "drop day 3"),
                              planned=True),
}


@dataclass(frozen=True)
class Blind:
    """One message, its context key, and the slots it should yield."""

    message: str
    context: str = "new"
    expect: dict[str, Any] = field(default_factory=dict)

    def __init__(self, message: str, context: str = "new", **expect: Any) -> None:
        assert context in CONTEXTS, context
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "context", context)
        object.__setattr__(self, "expect", {"intent": "provide_info", **expect})


B = Blind
P = "planned"
E = "edit"

BLIND: list[Blind] = [
    # --- first messages: the full picture -------------------------------------------------
    B("3 days in Lisbon, we love food and viewpoints, slow pace", city="Lisbon", days=3,
      add=["food", "viewpoints"], pace="relaxed"),
    B("heading to tokyo for a week in october with my wife, big foodies 🍜", city="Tokyo",
      days=7, travelers=2, add=["food"]),
    B("hi! planning a long weekend in Barcelona, beaches + nightlife, budget is tight",
      city="Barcelona", days=3, add=["beaches", "nightlife"], budget="budget"),
    B("A fortnight in Kyoto, temples pls", city="Kyoto", days=14, add=["culture"]),
    B("Rome from 3 to 6 May, history and food, 2 adults and 3 kids", city="Rome",
      start=on(5, 3), days=4, add=["history", "food", "family"], travelers=5),
    B("NYC 5 days, art museums and rooftop bars", city="New York", days=5,
      add=["art", "museums", "viewpoints", "nightlife"]),
    B("me and my wife want 4 days in paris, £800 total, we like galleries and wine",
      city="Paris", days=4, travelers=2, amount=800, currency="GBP", add=["art", "food"]),
    B("Tokio 6 days, 300000 yen budget, lots of shopping", city="Tokyo", days=6,
      amount=300000, currency="JPY", add=["shopping"]),
    B("Rio for 5 days, beaches and sunsets, partying at night 🎉", city="Rio de Janeiro",
      days=5, add=["beaches", "viewpoints", "nightlife"]),
    B("Need a plan for Rome. 4 days. Two adults. We like history, art, and good "
      "restaurants. Mid-range.", city="Rome", days=4, travelers=2,
      add=["history", "art", "food"], budget="moderate"),
    B("ok so we land in lisbon on the 14th of june and have 5 days, there's 4 of us, we want "
      "beaches and nightlife mostly and maybe one day of history stuff, pace should be chill",
      city="Lisbon", start=on(6, 14), days=5, travelers=4,
      add=["beaches", "nightlife", "history"], pace="relaxed"),
    B("Hey!! First time in Istanbul 🇹🇷 5 days with my mum, she loves mosques and bazaars and "
      "I love food, not too rushed please", city="Istanbul", days=5, travelers=2,
      add=["culture", "shopping", "food"], pace="relaxed"),
    B("so my boyfriend and i are finally doing europe and we have like 3 days in amsterdam "
      "before going to berlin and we really want to see the museums and eat good food but "
      "we're students so cheap please", city="Amsterdam", days=3, travelers=2,
      add=["museums", "food"], budget="budget"),
    B("Looking for an action packed 3 days in New York, want to see as much as possible!! "
      "museums and shopping", city="New York", days=3, pace="packed",
      add=["museums", "shopping"]),
    B("Seoul 🇰🇷 4 days ✈️ street food 🍢 palaces 🏯 shopping 🛍️", city="Seoul", days=4,
      add=["food", "history", "shopping"]),
    B("BANGKOK 4 DAYS TEMPLES AND MARKETS", city="Bangkok", days=4,
      add=["culture", "shopping"]),
    B("cape town, 6 days, hiking, beaches, wine tasting", city="Cape Town", days=6,
      add=["nature", "beaches", "food"]),
    B("Singapore 3 days with kids (7 and 10), hawker food!", city="Singapore", days=3,
      add=["family", "food"]),
    B("We're a couple going to Amsterdam for 3 days, museums and cafés", city="Amsterdam",
      days=3, travelers=2, add=["museums", "food"]),
    B("Berlin 4 days techno clubs and street art", city="Berlin", days=4,
      add=["nightlife", "art"]),
    B("athens 3 days ruins ruins ruins", city="Athens", days=3, add=["history"]),
    B("dubai 5 days, luxury, shopping malls and rooftop views", city="Dubai", days=5,
      budget="luxury", add=["shopping", "viewpoints"]),
    B("Delhi 3 days, forts and temples, mid-range", city="Delhi", days=3,
      add=["history", "culture"], budget="moderate"),
    B("Mexico City 4 days, tacos tacos tacos and museums", city="Mexico City", days=4,
      add=["food", "museums"]),
    B("SF 2 days, hiking and views", city="San Francisco", days=2,
      add=["nature", "viewpoints"]),
    B("London, 5 days, pubs and markets", city="London", days=5,
      add=["nightlife", "shopping"]),
    B("Kyoto 3 days tea ceremony, temples, gardens, slow", city="Kyoto", days=3,
      add=["culture", "nature"], pace="relaxed"),
    B("Paris for a fortnight, money no object", city="Paris", days=14, budget="luxury"),
    B("Barcelona 4 days from June 12, gaudi architecture and beach", city="Barcelona", days=4,
      start=on(6, 12), add=["architecture", "beaches"]),
    B("Lisbon for 3 days starting tomorrow", city="Lisbon", days=3, start=after(1)),
    B("vienna in two weeks, 3 days", city="Vienna", days=3, start=after(14)),
    B("Prague, July 4th-7th, castles", city="Prague", start=on(7, 4), days=4,
      add=["history"]),
    B("Going to Seoul 10/15 to 10/19", city="Seoul", start=on(10, 15), days=5),
    B("Berlin this saturday for 2 days", city="Berlin", start=upcoming(SAT), days=2),
    B("Berlin, 3 days, no museums please, more into nightlife", city="Berlin", days=3,
      add=["nightlife"], remove=["museums"]),
    B("Rome 4 days but no churches, we've seen enough lol", city="Rome", days=4,
      remove=["culture"]),
    B("Cairo trip, 5 days, me + 3 mates, cheap", city="Cairo", days=5, travelers=4,
      budget="budget"),
    B("solo trip to Bangkok, 6 days", city="Bangkok", days=6, travelers=1),
    B("family of four, 5 days in London, kids are 6 and 9", city="London", days=5,
      travelers=4, add=["family"]),
    B("Dubai with my parents, 3 days, luxury", city="Dubai", days=3, travelers=3,
      budget="luxury"),
    B("Cairo, 10 days, travelling with my husband and our 2 children", city="Cairo",
      days=10, travelers=4, add=["family"]),
    B("weekend in Prague", city="Prague", days=2),
    B("honeymoon in Paris!! 5 days, romantic dinners, sunsets, luxury", city="Paris", days=5,
      add=["food", "viewpoints"], budget="luxury"),
    B("Lisbon 4 days - port wine and viewpoints (miradouros!)", city="Lisbon", days=4,
      add=["food", "viewpoints"]),
    B("im going to barcelona for 3 days what should i do", city="Barcelona", days=3),
    B("plan me a trip to rome", city="Rome"),
    B("Tokyo", city="Tokyo"),
    B("paris?", city="Paris"),
    B("jaipur 3 days forts palaces bazaars moderate budget", city="Jaipur", days=3,
      add=["history", "shopping"], budget="moderate"),
    B("Hong Kong 4 days, hiking + dim sum + rooftop bars 🍸", city="Hong Kong", days=4,
      add=["nature", "food", "viewpoints", "nightlife"]),
    B("Sydney, 5 days, beaches, hiking and views", city="Sydney", days=5,
      add=["beaches", "nature", "viewpoints"]),
    B("Athens for 4 days with my girlfriend, ancient sites and beaches, not too expensive",
      city="Athens", days=4, travelers=2, add=["history", "beaches"], budget="budget"),
    B("Amsterdam for a long weekend with 3 friends, bars and clubs", city="Amsterdam",
      days=3, travelers=4, add=["nightlife"]),
    B("New York with the kids, 4 days, parks and museums", city="New York", days=4,
      add=["family", "nature", "museums"]),
    # --- money ---------------------------------------------------------------------------
    B("Athens, 3 days, 1500 euros for both of us", city="Athens", days=3, amount=1500,
      currency="EUR", travelers=2),
    B("NY 4 days $2k budget", city="New York", days=4, amount=2000, currency="USD"),
    B("Mexico city, 5 days, 15000 pesos", city="Mexico City", days=5, amount=15000,
      currency="MXN"),
    B("Delhi 4 days, 40000 rupees", city="Delhi", days=4, amount=40000, currency="INR"),
    B("Cape Town 7 days R20 000", city="Cape Town", days=7, amount=20000, currency="ZAR"),
    B("Bangkok 5 days 20,000 baht", city="Bangkok", days=5, amount=20000, currency="THB"),
    B("Singapore 3 days S$1500", city="Singapore", days=3, amount=1500, currency="SGD"),
    B("Hong Kong 3 days HK$8000", city="Hong Kong", days=3, amount=8000, currency="HKD"),
    B("Seoul 5 days 1,000,000 won", city="Seoul", days=5, amount=1000000, currency="KRW"),
    B("Marrakech 4 days, about 600 quid", city="Marrakech", days=4, amount=600,
      currency="GBP"),
    B("Rio 4 days, budget 3000 reais", city="Rio de Janeiro", days=4, amount=3000,
      currency="BRL"),
    B("Kyoto, 3 days, ¥80,000", city="Kyoto", days=3, amount=80000, currency="JPY"),
    B("Paris 3 days €1.200", city="Paris", days=3, amount=1200, currency="EUR"),
    B("Dubai 3 days, 5000 dirhams", city="Dubai", days=3, amount=5000, currency="AED"),
    B("London 4 days £1,200 for the two of us", city="London", days=4, amount=1200,
      currency="GBP", travelers=2),
    # --- city names: other languages, nicknames, typos -----------------------------------
    B("Lisboa for 3 days, lots of cafés", city="Lisbon", days=3, add=["food"]),
    B("I'd like to visit Praha for 2 days, mainly castles", city="Prague", days=2,
      add=["history"]),
    B("going to Wien for 3 days, coffee houses and palaces", city="Vienna", days=3,
      add=["food", "history"]),
    B("Estambul, 4 days, mosques and bazaars", city="Istanbul", days=4,
      add=["culture", "shopping"]),
    B("Marrakesh 3 days, souks", city="Marrakech", days=3, add=["shopping"]),
    B("Buenos Aries 5 days, steak and wine and some live music", city="Buenos Aires",
      days=5, add=["food", "nightlife"]),
    B("CDMX 3 days", city="Mexico City", days=3),
    B("Londres for 4 days", city="London", days=4),
    B("Kioto 3 days, gardens and shrines", city="Kyoto", days=3, add=["nature", "culture"]),
    B("Atenas, 2 days, ancient ruins and the acropolis", city="Athens", days=2,
      add=["history"]),
    B("Le Caire, 3 days", city="Cairo", days=3),
    B("Bombay 3 days", city="Mumbai", days=3),
    B("the Big Apple for 4 days", city="New York", days=4),
    B("New Delhi for 3 days, markets", city="Delhi", days=3, add=["shopping"]),
    B("Sydeny 4 days beaches", city="Sydney", days=4, add=["beaches"]),
    B("Barcleona 3 days tapas", city="Barcelona", days=3, add=["food"]),
    B("Istambul 3 days", city="Istanbul", days=3),
    B("Roma, 3 giorni... I mean 3 days, food!", city="Rome", days=3, add=["food"]),
    # --- cities the catalog does not cover (Florence, Venice, Madrid, Munich, Porto, Kuala
    # Lumpur and Melbourne are covered since issue 17) ---------------------------------
    B("What can I do in Lyon for 3 days?", unsupported="Lyon", days=3),
    B("kuala lumpur 4 days food", city="Kuala Lumpur", days=4, add=["food"]),
    B("Florence 4 days, art", city="Florence", days=4, add=["art"]),
    B("venice for 2 days", city="Venice", days=2),
    B("Madrid 3 days tapas and museums", city="Madrid", days=3,
      add=["food", "museums"]),
    B("München for 3 days", city="Munich", days=3),
    B("Melbourne 3 days, coffee and street art", city="Melbourne", days=3,
      add=["food", "art"]),
    # --- answers while gathering ---------------------------------------------------------
    B("Lisbon", "asked_city", city="Lisbon"),
    B("maybe kyoto?", "asked_city", city="Kyoto"),
    B("somewhere in Portugal, Porto?", "asked_city", city="Porto"),
    B("thinking NYC", "asked_city", city="New York"),
    B("5", "asked_days", days=5),
    B("a week", "asked_days", days=7),
    B("just the weekend", "asked_days", days=2),
    B("4 days, starting june 3rd", "asked_days", days=4, start=on(6, 3)),
    B("from 3 to 6 May", "asked_days", days=4, start=on(5, 3)),
    B("a fortnight", "asked_days", days=14),
    B("we have 6 days", "asked_days", days=6),
    B("food and history", "asked_interests", add=["food", "history"]),
    B("mostly museums, no nightlife", "asked_interests", add=["museums"],
      remove=["nightlife"]),
    B("beaches! and maybe some markets", "asked_interests", add=["beaches", "shopping"]),
    B("we love hiking and viewpoints", "asked_interests", add=["nature", "viewpoints"]),
    B("relaxed, mid-range", "asked_pace_budget", pace="relaxed", budget="moderate"),
    B("packed and cheap", "asked_pace_budget", pace="packed", budget="budget"),
    B("moderate pace, luxury budget", "asked_pace_budget", pace="moderate",
      budget="luxury"),
    B("slow, budget around €1000", "asked_pace_budget", pace="relaxed", amount=1000,
      currency="EUR"),
    # --- after a plan: edits -------------------------------------------------------------
    B("swap day 1 and 2", P, intent=E, edits=[swap(1, 2)]),
    B("can we switch days 2 and 3?", P, intent=E, edits=[swap(2, 3)]),
    B("swap day one and day three", P, intent=E, edits=[swap(1, 3)]),
    B("drop day 3", P, intent=E, edits=[drop(3)]),
    B("remove the last day", P, intent=E, edits=[drop(3)]),
    B("let's cut day 2", P, intent=E, edits=[drop(2)]),
    B("add another day", P, intent=E, edits=[AddDay()]),
    B("make it more relaxed", P, intent=E, edits=[MORE_RELAXED]),
    B("too much, slow it down a bit", P, intent=E, edits=[MORE_RELAXED]),
    B("can we squeeze more in?", P, intent=E, edits=[MORE_PACKED]),
    B("make it busier", P, intent=E, edits=[MORE_PACKED]),
    B("replace the museum on day 2 with something outdoors", P, intent=E,
      edits=[replace(sel(category="museum", day=2), sel(outdoor=True))]),
    B("swap the Louvre for something outdoors", P, intent=E,
      edits=[replace(sel(name="Louvre"), sel(outdoor=True))]),
    B("replace the Eiffel Tower with a museum", P, intent=E,
      edits=[replace(sel(name="Eiffel Tower"), sel(category="museum"))]),
    B("instead of Montmartre can we do a park", P, intent=E,
      edits=[replace(sel(name="Montmartre"), sel(category="park"))]),
    B("replace the Arc de Triomphe with something else", P, intent=E,
      edits=[replace(sel(name="Arc de Triomphe"))]),
    B("remove the Eiffel Tower", P, intent=E, edits=[remove(sel(name="Eiffel Tower"))]),
    B("skip the Louvre, we've been", P, intent=E, edits=[remove(sel(name="Louvre"))]),
    B("get rid of the Trocadero", P, intent=E, edits=[remove(sel(name="Trocadéro"))]),
    B("add a market on day 3", P, intent=E, edits=[add(sel(category="market", day=3))]),
    B("add Versailles", P, intent=E, edits=[add(sel(name="Versailles"))]),
    B("can you add the Panthéon on day 1", P, intent=E,
      edits=[add(sel(name="Panthéon", day=1))]),
    B("add a park to day 2", P, intent=E, edits=[add(sel(category="park", day=2))]),
    B("swap days 1 & 3 and make it more relaxed", P, intent=E,
      edits=[swap(1, 3), MORE_RELAXED]),
    B("undo", "planned_edited", intent=E, edits=[Undo()]),
    B("go back to the previous version", "planned_edited", intent=E, edits=[Undo()]),
    # --- after a plan: preference changes ------------------------------------------------
    # A pace or budget level after a plan is an itinerary edit (SPEC §5 lists "more relaxed /
    # more packed" among edits; the domain has ChangePace(pace=...) and ChangeBudget), so
    # those three expect intent "edit"; the blind draft said "provide_info" (a re-plan).
    B("make it packed", P, intent=E, pace="packed"),
    B("cheaper please", P, intent=E, budget="budget"),
    B("let's splurge, go luxury", P, intent=E, budget="luxury"),
    B("no museums", P, remove=["museums"]),
    B("actually we're not into museums, more food", P, remove=["museums"], add=["food"]),
    B("we also like nightlife", P, add=["nightlife"]),
    B("make it 5 days", P, days=5),
    B("change the dates to start on 1 June", P, start=on(6, 1)),
    B("there will be 3 of us now", P, travelers=3),
    B("we're bringing the kids now", P, add=["family"]),
    B("budget is now £1500", P, amount=1500, currency="GBP"),
    B("actually let's do Rome instead", P, city="Rome"),
    B("Lyon instead?", P, unsupported="Lyon"),
    # --- after a plan: other intents -----------------------------------------------------
    B("new trip", P, intent="start_over"),
    B("start over", P, intent="start_over"),
    B("export to calendar", P, intent="export", export="ics"),
    B("can you add this to my google calendar", P, intent="export", export="ics"),
    B("download it as markdown", P, intent="export", export="markdown"),
    B("what's on day 2?", P, intent="question", day=2),
    B("what are we doing on the third day", P, intent="question", day=3),
    B("thanks!!", P, intent="greeting"),
]

#: Edits compared by effect need the day count of the planned context (3) for "last day".
PLANNED_DAYS = 3

__all__ = ["BLIND", "CONTEXTS", "PLANNED_DAYS", "PLANNED_PREFS", "Blind", "Context", "Edit"]
