"""Answers to questions asked together with a change (issue 9, third pass): the reply
carries the change and the answer; while gathering the next question still ends it."""

from tests.language.plans import paris_itinerary
from wayfarer.domain import EditSummary, Preferences
from wayfarer.language import OfflineNarrator
from wayfarer.language.events import AskQuestion, Edited, Planned

NARRATOR = OfflineNarrator(["Paris", "Kyoto"])
ANSWER = "Louvre Museum is closed on Tuesdays."


def test_a_new_plan_carries_the_answer() -> None:
    itinerary = paris_itinerary()
    event = Planned(session_id="s", turn=2, itinerary=itinerary, replanned=True,
                    preferences=Preferences(city="Paris", days=3), answers=[ANSWER])
    assert ANSWER in NARRATOR.text(event)


def test_an_edit_carries_the_answer() -> None:
    event = Edited(session_id="s", turn=2, itinerary=paris_itinerary(),
                   summary=EditSummary(description="Removed X from day 1.", days=[1]),
                   answers=[ANSWER])
    reply = NARRATOR.text(event)
    assert "Removed X" in reply and ANSWER in reply


def test_while_gathering_the_answer_comes_before_the_next_question() -> None:
    event = AskQuestion(session_id="s", turn=1, missing="days",
                        preferences=Preferences(city="Kyoto"), answers=[ANSWER])
    reply = NARRATOR.text(event)
    assert ANSWER in reply and reply.rstrip().endswith("?")
