"""Prompts for the LLM interpreter and narrator. Facts go in as JSON; the model phrases."""

import json
from datetime import date
from typing import Any

from wayfarer.domain import INTERESTS, Interpretation, Itinerary, SessionState
from wayfarer.language.events import NarrationEvent, Planned

INTERPRET_SYSTEM = """You read one message from a traveller talking to Wayfarer, a trip \
planner, and return ONLY a JSON object that validates against this JSON schema:
{schema}

Rules:
- intent: provide_info (gives or changes trip details), edit (changes the current
  itinerary), export, question (about the plan), start_over, greeting, unknown.
- interests use exactly this vocabulary: {interests}.
- changes.city: the city the traveller names, in English, as they mean it; do not invent.
- dates: today is {today}; a date without a year is the next one to come.
- Only fill what the message says. Unmentioned fields stay null or empty.
Conversation stage: {stage}. Known preferences: {preferences}.
Last assistant message: {last_question}"""

NARRATE_SYSTEM = """You are Wayfarer, a warm, concise travel planner. Write the reply to the \
traveller for the event below, in plain text (no Markdown tables), at most 180 words.
Use only the places, times and facts in the event; never add a place. For a new plan, give \
one line per day. Name every assumption listed under "defaults". When the event has a \
"diff", say exactly what it lists changed (and each "unkept" reason), nothing more; when it \
is empty say nothing changed. "answers" are already written: pass them on. Never say \
anything was booked or reserved. Event (JSON):
{event}"""


def interpret_messages(message: str, state: SessionState, today: date) -> list[tuple[str, str]]:
    """System + user messages asking the model for an :class:`Interpretation` as JSON."""
    last = next((m.content for m in reversed(state.history) if m.role == "assistant"), "")
    system = INTERPRET_SYSTEM.format(
        schema=json.dumps(summary_schema()),
        interests=", ".join(INTERESTS),
        today=today.isoformat(),
        stage=state.stage,
        preferences=state.preferences.model_dump_json(),
        last_question=last[:500],
    )
    return [("system", system), ("human", message)]


def summary_schema() -> dict[str, Any]:
    """The Interpretation's JSON schema without ``acts`` (this model fills the summary
    fields; the acts are derived from them, see ``Interpretation.dialogue_acts``)."""
    schema = Interpretation.model_json_schema()
    schema["properties"].pop("acts", None)
    defs: dict[str, Any] = schema.get("$defs", {})
    used: set[str] = set()
    pending = [json.dumps(schema["properties"])]
    while pending:
        text = pending.pop()
        for name in defs:
            if name not in used and f'"#/$defs/{name}"' in text:
                used.add(name)
                pending.append(json.dumps(defs[name]))
    schema["$defs"] = {name: defs[name] for name in defs if name in used}
    return schema


def _compact(itinerary: Itinerary) -> list[dict[str, Any]]:
    return [
        {
            "day": day.day,
            "date": day.date.isoformat() if day.date else None,
            "theme": day.theme,
            "items": [f"{i.start} {i.place.name} ({i.kind})" for i in day.items],
        }
        for day in itinerary.days
    ]


def narrate_messages(event: NarrationEvent) -> list[tuple[str, str]]:
    """System + user messages asking the model to phrase ``event``."""
    facts = event.model_dump(mode="json", exclude={"itinerary", "session_id"})
    itinerary = getattr(event, "itinerary", None)
    if isinstance(itinerary, Itinerary):
        facts["itinerary"] = {"city": itinerary.city, "days": _compact(itinerary)}
        if isinstance(event, Planned):
            facts["assumptions"] = itinerary.assumptions
    system = NARRATE_SYSTEM.format(event=json.dumps(facts, ensure_ascii=False))
    return [("system", system), ("human", "Write the reply now.")]


def parse_json_object(text: str) -> dict[str, Any]:
    """The JSON object in a model's answer (tolerates code fences and prose around it)."""
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        raise ValueError("no JSON object in the model's answer")
    value = json.loads(text[start : end + 1])
    if not isinstance(value, dict):
        raise ValueError("the model's answer is not a JSON object")
    return value
