"""Answers from data (issue 9, point 4), on the hand-built Paris plan and the real catalog.

Only what a traveller must be told is asserted: a place or city name, "closed", a number.
"""

import pytest

from tests.language.plans import gathering, planned
from tests.reference import bundled_catalog
from wayfarer.conversation.answers import answer
from wayfarer.domain import (
    AskCost,
    AskCoveredCities,
    AskOpeningHours,
    AskPlaceFact,
    AskRoute,
    AskSchedule,
    AskTravelToCity,
    AskUnknowable,
    AskWhy,
    Question,
)
from wayfarer.planner import CatalogPlanner

PLANNER = CatalogPlanner(bundled_catalog())
LOUVRE = PLANNER.place("Paris", "Louvre")
assert LOUVRE is not None
CLOSED_DAY = next(d for d in range(7) if LOUVRE.hours[d] == "closed")
OPEN_DAY = next(d for d in range(7) if LOUVRE.hours[d] != "closed")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@pytest.mark.parametrize(
    ("question", "must"),
    [
        (AskOpeningHours(place="louvre", weekday=WEEKDAYS[CLOSED_DAY]),  # type: ignore[arg-type]
         ["Louvre", "closed"]),
        (AskOpeningHours(place="louvre", weekday=WEEKDAYS[OPEN_DAY]),  # type: ignore[arg-type]
         ["Louvre", LOUVRE.hours[OPEN_DAY][:5]]),
        (AskOpeningHours(place="louvre"), ["Louvre", "day 1"]),
        (AskOpeningHours(place="zzqx nowhere"), ["zzqx nowhere"]),
        (AskCost(), ["mid-range"]),
        (AskWhy(place="eiffel tower"), ["Eiffel Tower"]),
        (AskWhy(place="Sainte-Chapelle"), ["isn't in the current plan"]),
        (AskSchedule(day=2), ["Eiffel Tower", "Day 2"]),
        (AskSchedule(day=9), ["no day 9"]),
        (AskSchedule(day=1, time="10:00"), ["Louvre"]),
        (AskRoute(origin="louvre", destination="tuileries"), ["Louvre", "Tuileries", "km"]),
        (AskTravelToCity(city="London"), ["London", "km", "estimate"]),
        (AskTravelToCity(city="Madrid"), ["Madrid"]),
        (AskCoveredCities(country="Japan"), ["Tokyo", "Kyoto"]),
        (AskCoveredCities(country="Narnia"), ["Narnia"]),
        (AskPlaceFact(place="louvre", fact="indoor"), ["Yes", "Louvre"]),
        (AskPlaceFact(place="montmartre", fact="free"), ["Montmartre"]),
        (AskUnknowable(topic="weather"), ["weather"]),
    ],
)
def test_answers_from_data(question: Question, must: list[str]) -> None:
    state = planned()
    before = state.model_copy(deep=True)
    text = answer(question, state, PLANNER)
    for word in must:
        assert word in text, (word, text)
    assert state == before  # answering never changes the session


def test_covered_cities_of_the_trips_country_come_first() -> None:
    text = answer(AskCoveredCities(), planned(), PLANNER)
    assert text.index("in France") < text.index("Paris") < text.index("elsewhere")
    assert text.index("elsewhere") < text.index("Amsterdam")
    state = gathering()
    state.preferences = state.preferences.model_copy(update={"country": "Japan"})
    text = answer(AskCoveredCities(), state, PLANNER)
    for city in ("Kyoto", "Tokyo"):
        assert text.index("in Japan") < text.index(city) < text.index("elsewhere")


def test_without_a_city_answers_ask_for_one() -> None:
    text = answer(AskOpeningHours(place="louvre"), gathering(), PLANNER)
    assert "city" in text
