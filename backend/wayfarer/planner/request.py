"""Preferences resolved into a complete trip request: defaults filled in and named.

The planner, the edits and the verifier all read preferences through this module, so a
default (3 days, moderate pace and budget, the city's top sights) means the same thing
everywhere.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from wayfarer.domain import (
    INTERESTS,
    PACE_ACTIVITY_BOUNDS,
    Budget,
    Pace,
    Preferences,
)
from wayfarer.domain.preferences import MAX_TRIP_DAYS
from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.clock import weekday_of
from wayfarer.planner.index import CityIndex
from wayfarer.planner.proposed import MODEL_PLACES_NOTE

DEFAULT_DAYS = 3
DEFAULT_PACE = "moderate"
DEFAULT_BUDGET = "moderate"
#: Activities per day the planner aims for (within PACE_ACTIVITY_BOUNDS).
PACE_TARGET = {"relaxed": 3, "moderate": 4, "packed": 5}
NO_START_DATE = (
    "No start date yet, so opening hours assume day 1 is a Monday (the calendar export"
    " uses the next Monday)."
)


@dataclass(frozen=True)
class TripRequest:
    """Everything a plan needs, with no blanks.

    ``interests`` steer the choice of places (the stated ones, or the city's most common
    ones by default); ``required`` are the stated interests the itinerary must show (SPEC
    §6), i.e. stated, not avoided, and covered by the catalog within the budget.
    """

    index: CityIndex
    days: int
    pace: str
    budget: str
    interests: tuple[str, ...]
    required: tuple[str, ...]
    avoid: frozenset[str]
    start_date: dt.date | None
    defaults: tuple[str, ...]
    assumptions: tuple[str, ...]
    budget_amount: float | None = None
    budget_per: str = "trip"
    currency: str | None = None
    travelers: int = 1
    #: Place ids the traveller removed: never chosen again (trip constraints, issue 9).
    excluded: frozenset[str] = frozenset()
    scores: dict[str, float] = field(default_factory=dict, compare=False, repr=False)
    #: Facts derived from the fields above, computed once (``select.needs_day_trips``);
    #: not an init field, so ``dataclasses.replace`` starts a fresh one.
    facts: dict[str, bool] = field(default_factory=dict, init=False, compare=False, repr=False)
    #: The food places the budget dines at, per meal wish (``days.foods_for``); like facts.
    dining: dict[str | None, tuple[CatalogPlace, ...]] = field(
        default_factory=dict, init=False, compare=False, repr=False)

    @property
    def bounds(self) -> tuple[int, int]:
        """Inclusive activity bounds per day for the pace."""
        return PACE_ACTIVITY_BOUNDS[self.pace]

    @property
    def target(self) -> int:
        """Activities per day the planner aims for."""
        return PACE_TARGET[self.pace]

    @property
    def stated(self) -> bool:
        """True when the traveller named interests (else the top sights are planned)."""
        return "interests" not in self.defaults


_BUDGETS: dict[str, Budget] = {"budget": "budget", "moderate": "moderate", "luxury": "luxury"}
_PACES: dict[str, Pace] = {"relaxed": "relaxed", "moderate": "moderate", "packed": "packed"}


def budget_level(name: str) -> Budget:
    """``name`` as the typed budget level (raises KeyError on an unknown name)."""
    return _BUDGETS[name]


def pace_level(name: str) -> Pace:
    """``name`` as the typed pace (raises KeyError on an unknown name)."""
    return _PACES[name]


def effective_pace(preferences: Preferences) -> str:
    """The pace in force: the stated one or the default."""
    return preferences.pace or DEFAULT_PACE


def effective_budget(preferences: Preferences) -> str:
    """The budget level in force: the stated one or the default."""
    return preferences.budget or DEFAULT_BUDGET


def required_interests(
    preferences: Preferences, index: CityIndex, weekdays: Iterable[int] | None = None
) -> tuple[str, ...]:
    """Stated interests an itinerary must show (SPEC §6 "that the city's catalog covers"):
    not avoided, and offered by at least one place the budget allows that is open on one
    of ``weekdays`` (any weekday when None)."""
    budget = effective_budget(preferences)
    days = range(7) if weekdays is None else sorted(set(weekdays))
    avoided = set(preferences.avoid_interests)
    offered = index.offered_interests(budget, days)
    seen: list[str] = []
    for interest in preferences.interests:
        if interest not in avoided and interest in offered and interest not in seen:
            seen.append(interest)
    return tuple(seen)


def resolve(
    preferences: Preferences, index: CityIndex, excluded: frozenset[str] = frozenset()
) -> TripRequest:
    """Fill every missing preference with its default and say so in plain sentences.

    A family trip avoids nightlife (bars, clubs) unless the traveller asked for it.
    ``excluded`` place ids are never chosen."""
    defaults: list[str] = []
    assumptions: list[str] = []
    city = index.city.name
    days = preferences.days
    if days is None:
        days = DEFAULT_DAYS
        defaults.append("days")
        assumptions.append(f"{DEFAULT_DAYS} days, since you didn't say how long.")
    days = max(1, min(days, MAX_TRIP_DAYS))
    avoided = frozenset(preferences.avoid_interests) | _implied_avoid(preferences)
    stated: tuple[str, ...] = tuple(
        i for i in dict.fromkeys(preferences.interests) if i not in avoided
    )
    interests: tuple[str, ...]
    if stated:
        interests = stated
    else:
        interests = tuple(i for i in index.default_interests if i not in avoided) or tuple(
            i for i in INTERESTS if i not in avoided
        )[:3]
        defaults.append("interests")
        assumptions.append(
            f"The top sights of {city} (mostly {_join(interests)}), since you didn't name any "
            "interests."
        )
    pace: str = preferences.pace or DEFAULT_PACE
    if preferences.pace is None:
        low, high = PACE_ACTIVITY_BOUNDS[pace]
        defaults.append("pace")
        assumptions.append(f"A {pace} pace ({low}-{high} sights a day), since you didn't pick one.")
    budget: str = preferences.budget or DEFAULT_BUDGET
    if preferences.budget is None:
        defaults.append("budget")
        assumptions.append(f"A {budget} budget, since you didn't give one.")
    if index.city.source == "model":
        assumptions.insert(0, MODEL_PLACES_NOTE)
    if preferences.start_date is None:
        assumptions.append(NO_START_DATE)
    return TripRequest(
        index=index,
        days=days,
        pace=pace,
        budget=budget,
        interests=interests,
        required=required_interests(
            preferences, index, (weekday_of(d, preferences.start_date) for d in range(1, days + 1))
        ),
        avoid=avoided,
        start_date=preferences.start_date,
        defaults=tuple(defaults),
        assumptions=tuple(assumptions),
        budget_amount=preferences.budget_amount,
        budget_per=preferences.budget_per or "trip",
        currency=preferences.currency,
        travelers=preferences.travelers or 1,
        excluded=excluded,
    )


def _join(words: tuple[str, ...] | list[str]) -> str:
    items = list(words)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def join_words(words: tuple[str, ...] | list[str]) -> str:
    """"a, b and c" for a list of words."""
    return _join(words)


def _implied_avoid(preferences: Preferences) -> frozenset[str]:
    """Interests ruled out by others: nightlife on a family trip, unless asked for."""
    if "family" in preferences.interests and "nightlife" not in preferences.interests:
        return frozenset({"nightlife"})
    return frozenset()
