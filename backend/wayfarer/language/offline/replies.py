"""Offline phrasing of the dialogue events of issue 9: answers, confirmations, "nothing
changed", and the sentence that says exactly what a turn changed (:func:`diff_sentence`).

Answers arrive composed from data (conversation/answers.py); the offline narrator only
joins them. Nothing here implies a booking or a reservation.
"""

from wayfarer.language.events import Answered, Confirm, Declined, TripDiff, Unchanged
from wayfarer.language.offline.phrasing import DASH, join_words, pick

#: Above this many place changes a reply counts them instead of naming each.
MANY = 6

_SLOT_PROMPTS = {
    "city": "Where would you like to go?",
    "days": "How many days will you have?",
    "interests": "What are you into (food, history, art, nature...)?",
    "pace_budget": "What pace and budget suit you?",
}


def answered(event: Answered) -> str:
    """The answers, one paragraph each, then the pending question while gathering."""
    parts = [a.strip() for a in event.answers if a.strip()]
    if event.awaiting is not None:
        parts.append(_SLOT_PROMPTS[event.awaiting])
    return "\n\n".join(parts)


def confirm(event: Confirm) -> str:
    """One short confirming question."""
    if event.about == "change_city":
        if event.alternative:
            return (f"Switch the trip to {event.subject}, or keep {event.current} and "
                    f"{event.alternative}?")
        return f"Switch the trip from {event.current} to {event.subject}? (yes / no)"
    if event.about == "start_over":
        return f"Start a new trip and drop this {event.current} plan? (yes / no)"
    if event.about == "shorten":
        return f"Shorten the trip to {event.subject} days? (yes / no)"
    return f"Drop day {event.subject}? (yes / no)"


def declined(event: Declined) -> str:
    """"No" to a confirming question: nothing changed."""
    follow = "What would you like to change?" if event.planned else "Where would you like to go?"
    return pick(
        (f"Okay, I've kept everything as it was. {follow}",
         f"No problem {DASH} nothing changed. {follow}"),
        event.session_id, event.turn, "declined",
    )


def unchanged(event: Unchanged) -> str:
    """Nothing changed: say so, why, and what could work instead."""
    reason = event.reason.strip()
    if reason and reason[-1] not in ".!?":
        reason += "."
    text = f"Nothing changed: {reason[:1].lower()}{reason[1:]}" if reason else "Nothing changed."
    return f"{text} {event.suggestion}".strip()


def diff_sentence(diff: TripDiff) -> str:
    """What changed, exactly: places added, removed and moved, preferences and
    constraints set, and constraints that could not be kept (with their reasons)."""
    parts: list[str] = []
    if len(diff.added) + len(diff.removed) + len(diff.moved) > MANY:
        parts.append(f"Reworked the plan: {len(diff.added)} places in, {len(diff.removed)} "
                     f"out, {len(diff.moved)} moved to another day.")
        diff = diff.model_copy(update={"added": [], "removed": [], "moved": []})
    if diff.added:
        parts.append(f"Added {join_words(diff.added)}.")
    if diff.removed:
        parts.append(f"Removed {join_words(diff.removed)}.")
    if diff.moved:
        parts.append(f"Moved {join_words(diff.moved)}.")
    if diff.retimed and not (diff.added or diff.removed or diff.moved):
        parts.append("Changed the times.")
    if diff.preferences:
        parts.append(f"Now: {join_words(diff.preferences)}.")
    if diff.constraints:
        parts.append(f"I'll keep {join_words(diff.constraints)} from now on.")
    parts += [f"I couldn't keep {reason}" for reason in diff.unkept]
    return " ".join(parts)
