"""The offline narrator: every event phrased, streaming equals narration, wording varies
deterministically, and its questions are understood by the offline interpreter."""

import pytest

from tests.language.plans import COVERED, TODAY, paris_itinerary
from tests.reference import bundled_catalog, shared_world
from wayfarer.domain import DialogueState, EditSummary, Preferences, SessionState
from wayfarer.language import OfflineInterpreter, OfflineNarrator
from wayfarer.language.events import (
    Answer,
    AskQuestion,
    Edited,
    EditFailed,
    ExportReady,
    Greeting,
    NarrationEvent,
    NotUnderstood,
    Planned,
    SmallTalk,
    StartedOver,
    Undone,
    UnsupportedCity,
)

LISBON = Preferences(city="Lisbon", country="Portugal", days=4, interests=["food"])


@pytest.fixture(scope="module")
def narrator() -> OfflineNarrator:
    return OfflineNarrator({c.name: c.country for c in bundled_catalog().cities})


def every_event(turn: int = 3, session_id: str = "s-1") -> list[NarrationEvent]:
    plan = paris_itinerary()
    common = {"session_id": session_id, "turn": turn}
    return [
        Greeting(**common),
        *(AskQuestion(**common, missing=m, preferences=LISBON, acknowledged=["city", "days"])
          for m in ("city", "days", "interests", "pace_budget")),
        UnsupportedCity(**common, city="Porto", suggestions=["Lisbon"]),
        UnsupportedCity(**common, city="Osaka", suggestions=["Kyoto", "Tokyo"]),
        UnsupportedCity(**common, city="Atlantis"),
        Planned(**common, itinerary=plan, preferences=LISBON, defaults=["pace", "budget"]),
        Planned(**common, itinerary=plan, preferences=LISBON, replanned=True),
        Edited(**common, itinerary=plan, summary=EditSummary(description="swapped days 1 and 2",
                                                           days=[1, 2])),
        EditFailed(**common, reason="There is no day 5 in this trip"),
        Undone(**common),
        Undone(**common, itinerary=plan),
        ExportReady(**common, format="ics", url="/api/sessions/s-1/itinerary?format=ics"),
        ExportReady(**common, format="markdown"),  # no server link (the terminal chat)
        Answer(**common, itinerary=plan, day=2),
        Answer(**common, itinerary=plan),
        StartedOver(**common),
        NotUnderstood(**common),
        NotUnderstood(**common, planned=True),
        SmallTalk(**common),
        SmallTalk(**common, planned=True, topic="thanks"),
        SmallTalk(**common, topic="hello"),
        SmallTalk(**common, topic="bye"),
    ]


@pytest.mark.parametrize("event", every_event(), ids=lambda e: e.kind)
async def test_stream_concatenates_to_the_narration(
    narrator: OfflineNarrator, event: NarrationEvent
) -> None:
    text = await narrator.narrate(event)
    chunks = [chunk async for chunk in narrator.stream(event)]
    assert text.strip()
    assert "".join(chunks) == text
    assert len(chunks) > 1
    assert "|" not in text  # plain text, no Markdown tables


def test_same_turn_reads_the_same(narrator: OfflineNarrator) -> None:
    first = [narrator.text(e) for e in every_event(turn=5)]
    again = [narrator.text(e) for e in every_event(turn=5)]
    assert first == again


def test_consecutive_turns_are_worded_differently(narrator: OfflineNarrator) -> None:
    for kind_index in range(len(every_event())):
        texts = [narrator.text(every_event(turn=t)[kind_index]) for t in range(1, 4)]
        kind = every_event()[kind_index].kind
        if kind == "answer" and "Day 2" in texts[0]:
            continue  # a day's schedule is a plain listing
        assert texts[0] != texts[1] and texts[1] != texts[2], (kind, texts)


def test_plan_reads_day_by_day_and_names_the_defaults(narrator: OfflineNarrator) -> None:
    plan = paris_itinerary()
    text = narrator.text(
        Planned(itinerary=plan, preferences=LISBON, defaults=["pace", "budget"],
                notes=["The Louvre is closed on Tuesdays."])
    )
    lines = text.splitlines()
    assert lines[0].startswith(("Here's", "Paris", "Your", "I've")) and "Paris" in lines[0]
    assert lines[2].startswith("Day 1 (Mon 4 May) \u2014 Louvre & the Tuileries: Louvre Museum")
    assert "lunch at Breizh Café and dinner at Le Procope" in lines[2]
    assert lines[3].startswith("Day 2") and lines[4].startswith("Day 3")
    assert "a moderate pace and a moderate budget" in text
    assert "The Louvre is closed on Tuesdays." in text


def test_edit_reply_says_what_changed_and_shows_the_changed_days(
    narrator: OfflineNarrator,
) -> None:
    event = Edited(itinerary=paris_itinerary(),
                   summary=EditSummary(description="replaced the Louvre Museum with Jardin du "
                                                   "Luxembourg", days=[2]))
    text = narrator.text(event)
    assert "replaced the louvre museum with jardin du luxembourg" in text.lower()
    assert "Day 2" in text and "Day 1" not in text


def test_city_question_offers_the_cities_of_a_named_country(narrator: OfflineNarrator) -> None:
    event = AskQuestion(missing="city", preferences=Preferences(country="Japan"))
    text = narrator.text(event)
    assert "Tokyo" in text and "Kyoto" in text


def state_after(awaiting: str | None = None, offered: list[str] | None = None) -> SessionState:
    """The state after a reply that asked about ``awaiting`` or offered ``offered``: what
    the conversation waits for is data, whatever the narrator's wording."""
    dialogue = DialogueState(awaiting=awaiting, offered_cities=offered or [])  # type: ignore[arg-type]
    return SessionState(session_id="s-1", dialogue=dialogue)


@pytest.mark.parametrize("turn", range(1, 4))
def test_an_offered_city_can_be_accepted_with_yes(narrator: OfflineNarrator, turn: int) -> None:
    offer = narrator.text(UnsupportedCity(turn=turn, city="Porto", suggestions=["Lisbon"]))
    assert "Lisbon" in offer
    interpreter = OfflineInterpreter(COVERED, today=lambda: TODAY, world=shared_world())
    result = interpreter.read("sure, sounds good", state_after(offered=["Lisbon"]))
    assert (result.intent, result.changes.city) == ("provide_info", "Lisbon")


def test_bare_answers_follow_what_was_asked() -> None:
    interpreter = OfflineInterpreter(COVERED, today=lambda: TODAY, world=shared_world())
    assert interpreter.read("five", state_after("days")).changes.days == 5
    changes = interpreter.read("moderate", state_after("pace_budget")).changes
    assert (changes.pace, changes.budget) == ("moderate", "moderate")
    assert interpreter.read("anything", state_after("interests")).changes.interests_any
