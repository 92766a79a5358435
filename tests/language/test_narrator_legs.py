"""Narration of multi-city trips (issue 11): the legs and the transfer in a plan, the
"how to split?" question, uncovered cities, and the LLM narrator's facts."""

import json

from tests.reference import bundled_catalog
from wayfarer.domain import Itinerary, ItineraryLeg, Leg, Preferences, Transfer
from wayfarer.language.events import Confirm, Planned
from wayfarer.language.llm.prompts import narrate_messages
from wayfarer.language.offline import OfflineNarrator
from wayfarer.planner import CatalogPlanner


def two_legs() -> Itinerary:
    """Two days in Tokyo, then one in Kyoto, stitched from real plans of each city."""
    planner = CatalogPlanner(bundled_catalog())
    tokyo = planner.plan(Preferences(city="Tokyo", days=2)).itinerary
    kyoto = planner.plan(Preferences(city="Kyoto", days=1)).itinerary
    days = [d.model_copy(update={"city": "Tokyo"}) for d in tokyo.days]
    transfer = Transfer(from_city="Tokyo", to_city="Kyoto", mode="rail", depart="09:00",
                        arrive="11:40", minutes=160, km=364.0)
    days.append(kyoto.days[0].model_copy(update={"day": 3, "city": "Kyoto",
                                                 "transfer": transfer}))
    legs = [ItineraryLeg(city="Tokyo", country="Japan", timezone="Asia/Tokyo", days=[1, 2]),
            ItineraryLeg(city="Kyoto", country="Japan", timezone="Asia/Tokyo", days=[3])]
    return tokyo.model_copy(update={"days": days, "legs": legs})


def planned(**extra: object) -> Planned:
    prefs = Preferences(legs=[Leg(city="Tokyo", days=2), Leg(city="Kyoto", days=1)])
    return Planned(session_id="s", turn=1, itinerary=two_legs(), preferences=prefs, **extra)


def test_a_plan_names_its_legs_and_the_transfer() -> None:
    text = OfflineNarrator().text(planned())
    assert "2 days in Tokyo, then 1 in Kyoto" in text.splitlines()[0]
    day3 = next(line for line in text.splitlines() if line.startswith("Day 3"))
    assert "Tokyo to Kyoto by train, about 2h 40m" in day3 and "estimate" in day3


def test_uncovered_cities_are_named_with_the_ones_offered() -> None:
    text = OfflineNarrator().text(planned(uncovered=["Hiroshima"], offered=["Osaka"]))
    assert "Hiroshima isn't in my guide yet" in text and "Osaka" in text


def test_the_split_question_offers_the_even_split() -> None:
    event = Confirm(about="split", subject="3 days in Tokyo, then 3 in Kyoto", current="6",
                    alternative="Tokyo and Kyoto")
    text = OfflineNarrator().text(event)
    assert "6 days between Tokyo and Kyoto" in text and "3 days in Tokyo, then 3 in Kyoto" in text
    assert text.endswith("?")


def test_the_model_gets_the_legs_and_transfers_as_facts() -> None:
    system = narrate_messages(planned(uncovered=["Hiroshima"]))[0][1]
    facts = json.loads(system.split("Event (JSON):\n", 1)[1])
    assert facts["itinerary"]["legs"] == "2 days in Tokyo, then 1 in Kyoto"
    assert "by train" in facts["itinerary"]["days"][2]["transfer"]
    assert facts["uncovered"] == ["Hiroshima"]
