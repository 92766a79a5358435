"""A real itinerary (Paris catalog places) for tests of plan-stage messages and narration.

Built by hand from the bundled catalog so these tests do not depend on the planner.
"""

from datetime import date, timedelta

from tests.reference import bundled_catalog
from wayfarer.domain import (
    DialogueState,
    EstimatedCost,
    Itinerary,
    ItineraryDay,
    ItineraryItem,
    Message,
    Preferences,
    SessionState,
)

COVERED = (
    "Amsterdam", "Athens", "Bangkok", "Barcelona", "Berlin", "Buenos Aires", "Cairo",
    "Cape Town", "Delhi", "Dubai", "Hong Kong", "Istanbul", "Jaipur", "Kyoto", "Lisbon",
    "London", "Marrakech", "Mexico City", "Mumbai", "New York", "Paris", "Prague",
    "Rio de Janeiro", "Rome", "San Francisco", "Seoul", "Singapore", "Sydney", "Tokyo",
    "Vienna",
)
TODAY = date(2026, 4, 10)  # a Friday
PARIS_START = date(2026, 5, 4)  # a Monday

_DAYS = (
    ("Louvre & the Tuileries", ["paris-louvre", "paris-jardin-des-tuileries",
                                "paris-arc-de-triomphe"], "paris-breizh-cafe", "paris-le-procope"),
    ("Eiffel Tower & Left Bank", ["paris-musee-dorsay", "paris-eiffel-tower",
                                  "paris-trocadero"], "paris-rue-cler", "paris-bouillon-chartier"),
    ("Montmartre & the Marais", ["paris-montmartre", "paris-sacre-coeur", "paris-le-marais"],
     "paris-las-du-fallafel", "paris-bouillon-pigalle"),
)
_TIMES = (("09:30", "11:30"), ("14:00", "15:30"), ("16:00", "17:30"))


def paris_itinerary(dated: bool = True) -> Itinerary:
    """Three days in Paris with three sights, lunch and dinner each day."""
    city = bundled_catalog().get("Paris")
    assert city is not None
    places = {p.id: p for p in city.places}
    days = []
    for number, (theme, sights, lunch, dinner) in enumerate(_DAYS, start=1):
        items = [
            ItineraryItem(start=s, end=e, kind="activity", place=places[pid].ref())
            for pid, (s, e) in zip(sights, _TIMES, strict=True)
        ]
        items.insert(1, ItineraryItem(start="12:30", end="13:30", kind="meal",
                                      place=places[lunch].ref()))
        items.append(ItineraryItem(start="19:30", end="21:00", kind="meal",
                                   place=places[dinner].ref()))
        when = PARIS_START + timedelta(days=number - 1) if dated else None
        days.append(ItineraryDay(day=number, date=when, theme=theme, items=items))
    return Itinerary(
        city="Paris",
        country="France",
        days=days,
        assumptions=["pace", "budget"],
        estimated_cost=EstimatedCost(level="moderate"),
    )


def gathering(asked: str | None = None, **prefs: object) -> SessionState:
    """A session still gathering whose last reply asked about ``asked`` (a slot name, or
    "offer" for an offer of Lisbon), recorded as dialogue state, not prose."""
    history = [Message(role="assistant", content="Hi, I'm Wayfarer! Tell me where to go.")]
    dialogue = DialogueState()
    if asked == "offer":
        dialogue.offered_cities = ["Lisbon"]
    elif asked:
        dialogue.awaiting = asked  # type: ignore[assignment]
    return SessionState(
        session_id="s-test", history=history, preferences=Preferences.model_validate(prefs),
        dialogue=dialogue,
    )


def planned(**prefs: object) -> SessionState:
    """A session with the Paris itinerary planned."""
    data = {"city": "Paris", "country": "France", "days": 3, **prefs}
    return SessionState(
        session_id="s-test",
        stage="planned",
        itinerary=paris_itinerary(),
        preferences=Preferences.model_validate(data),
        history=[Message(role="assistant", content="Here's your 3-day plan for Paris: ...")],
    )
