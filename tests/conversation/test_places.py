"""Which catalog place the traveller's words name (issue 9, third pass): never another
place; several equally good candidates are offered, not guessed between."""

import pytest

from tests.reference import bundled_catalog
from wayfarer.conversation.answers import answer
from wayfarer.conversation.places import resolve_place
from wayfarer.domain import AskOpeningHours, Preferences, SessionState
from wayfarer.planner import CatalogPlanner

PLANNER = CatalogPlanner(bundled_catalog())


@pytest.mark.parametrize(
    ("city", "phrase", "name"),
    [
        ("Athens", "the byzantine museum", "Byzantine and Christian Museum"),
        ("Florence", "the cathedral", "Florence Cathedral (Santa Maria del Fiore)"),
        ("Osaka", "osaka museum of history", "Osaka Museum of History"),
        ("Munich", "alte pinakotek", "Alte Pinakothek"),
        ("Kyoto", "kiyomizu-dera", "Kiyomizu-dera"),
        ("Cairo", "egyptian museum", "Egyptian Museum"),
        ("Madrid", "reina sofia", "Museo Reina Sofía"),
    ],
)
def test_the_named_place_is_found_in_the_catalog(city: str, phrase: str, name: str) -> None:
    match = resolve_place(phrase, city, None, PLANNER)
    assert match.place is not None and match.place.name == name


def munich() -> SessionState:
    """A planned Munich trip with both Pinakotheks in it."""
    prefs = Preferences(city="Munich", days=3, interests=["art", "museums"], pace="moderate",
                        budget="moderate")
    itinerary = PLANNER.plan(prefs).itinerary
    names = {i.place.name for d in itinerary.days for i in d.items}
    assert {"Alte Pinakothek", "Pinakothek der Moderne"} <= names
    return SessionState(session_id="s", stage="planned", preferences=prefs,
                        itinerary=itinerary)


def test_two_equally_named_planned_places_are_offered_not_guessed() -> None:
    match = resolve_place("pinakothek", "Munich", munich().itinerary, PLANNER)
    assert match.place is None
    assert set(match.choices) == {"Alte Pinakothek", "Pinakothek der Moderne"}


@pytest.mark.parametrize("phrase", ["the zzqx museum", "the parthenon museum of cheese", ""])
def test_a_place_the_words_do_not_name_is_not_answered(phrase: str) -> None:
    assert resolve_place(phrase, "Athens", None, PLANNER) == resolve_place("", "Athens", None,
                                                                          PLANNER)


def test_hours_answer_says_closed_and_asks_which_when_unsure() -> None:
    state = munich()
    said = answer(AskOpeningHours(place="alte pinakothek", weekday="monday"), state, PLANNER)
    assert "Alte Pinakothek" in said and "closed on Mondays" in said
    asked = answer(AskOpeningHours(place="pinakothek", weekday="monday"), state, PLANNER)
    assert asked.rstrip().endswith("?") and "Pinakothek der Moderne" in asked


def test_a_clipped_name_finds_the_planned_place() -> None:
    prefs = Preferences(city="New York", days=4, interests=["museums", "food", "nature"],
                        pace="packed", budget="moderate")
    itinerary = PLANNER.plan(prefs).itinerary
    names = {i.place.name for d in itinerary.days for i in d.items}
    assert "Metropolitan Museum of Art" in names
    match = resolve_place("the met", "New York", itinerary, PLANNER)
    assert match.place is not None and match.place.name == "Metropolitan Museum of Art"
