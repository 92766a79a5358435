"""The narrator's prompt: the event's facts go in as JSON; the model only phrases them.

The interpreter's prompt and context are in :mod:`wayfarer.language.llm.context`."""

import json
from typing import Any

from wayfarer.domain import Itinerary
from wayfarer.language.events import NarrationEvent, Planned
from wayfarer.language.offline.phrasing import itinerary_legs, legs_words, transfer_words

NARRATE_SYSTEM = """You are Wayfarer, a warm, concise travel planner. Write the reply to the \
traveller for the event below, in plain text (no Markdown tables), at most 180 words.
Use only the places, times and facts in the event; never add a place. For a new plan, give \
one line per day. Name every assumption listed under "defaults". When the event has a \
"diff", say exactly what it lists changed (and each "unkept" reason), nothing more; when it \
is empty say nothing changed. "answers" are already written: pass them on. A trip of \
several cities: name its "legs" in order with their days ("3 days in Tokyo, then 2 in \
Kyoto") and each day's "transfer" as an estimate; say each city under "uncovered" is not \
covered and offer the "offered" ones. \
Never say anything was booked or reserved. Event (JSON):
{event}"""


def compact_itinerary(itinerary: Itinerary) -> list[dict[str, Any]]:
    """Day by day: date, theme and "HH:MM Place (kind)" per stop -- what a prompt needs."""
    return [
        {
            "day": day.day,
            "date": day.date.isoformat() if day.date else None,
            "theme": day.theme,
            "items": [f"{i.start} {i.place.name} ({i.kind})" for i in day.items],
            **({"city": day.city} if day.city else {}),
            **({"transfer": transfer_words(day.transfer)} if day.transfer else {}),
        }
        for day in itinerary.days
    ]


def narrate_messages(event: NarrationEvent) -> list[tuple[str, str]]:
    """System + user messages asking the model to phrase ``event``."""
    facts = event.model_dump(mode="json", exclude={"itinerary", "session_id"})
    itinerary = getattr(event, "itinerary", None)
    if isinstance(itinerary, Itinerary):
        facts["itinerary"] = {"city": itinerary.city, "days": compact_itinerary(itinerary)}
        if len(itinerary.legs) >= 2:
            facts["itinerary"]["legs"] = legs_words(itinerary_legs(itinerary))
        if isinstance(event, Planned):
            facts["assumptions"] = itinerary.assumptions
    system = NARRATE_SYSTEM.format(event=json.dumps(facts, ensure_ascii=False))
    return [("system", system), ("human", "Write the reply now.")]
