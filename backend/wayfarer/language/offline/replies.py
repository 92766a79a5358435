"""Offline phrasing of the short replies: answers, confirmations, "nothing changed", failed
edits, undo and export, and the sentence that says exactly what a turn changed
(:func:`diff_sentence`).

Answers arrive composed from data (conversation/answers.py); the offline narrator only
joins them. Nothing here implies a booking or a reservation.
"""

from wayfarer.language.events import (
    Answered,
    Confirm,
    Declined,
    EditFailed,
    ExportReady,
    SmallTalk,
    TripDiff,
    Unchanged,
    Undone,
)
from wayfarer.language.offline.phrasing import DASH, day_line, join_words, pick

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


def uncovered(cities: list[str], offered: list[str]) -> str:
    """The cities of a multi-city request left out of the plan, with covered ones nearby
    ("" when none was left out)."""
    if not cities:
        return ""
    names = join_words(cities)
    verb = "isn't" if len(cities) == 1 else "aren't"
    pronoun = "it" if len(cities) == 1 else "them"
    sentence = f"{names} {verb} in my guide yet, so I've left {pronoun} out."
    if offered:
        sentence += (f" Nearby I could add {join_words(offered, 'or')} instead {DASH} just "
                     f"say which.")
    return sentence


def confirm(event: Confirm) -> str:
    """One short confirming question, ending with its question mark (yes / no answer it)."""
    if event.about == "split":
        first = event.alternative.split(",")[0].split(" and ")[0]
        lead = uncovered(event.uncovered, event.offered)
        question = (f"How shall I share the {event.current} days between {event.alternative}: "
                    f'{event.subject}, or another split (say "4 in {first}")?')
        return f"{lead} {question}" if lead else question
    if event.about == "change_city":
        if event.alternative:
            return (f"Switch the trip to {event.subject}, keep {event.current} and "
                    f"{event.alternative}, or plan both ({event.current}, then "
                    f"{event.subject})?")
        return f"Switch the trip from {event.current} to {event.subject}?"
    if event.about == "start_over":
        return f"Start a new trip and drop this {event.current} plan?"
    if event.about == "shorten":
        return f"Shorten the trip to {event.subject} days?"
    return f"Drop day {event.subject}?"


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


_FORMAT_NAMES = {
    "ics": "a calendar file (.ics) you can import into Google, Apple or Outlook calendars",
    "markdown": "a Markdown document",
    "json": "JSON",
}


def edit_failed(event: EditFailed) -> str:
    reason = event.reason.strip()
    if reason and reason[-1] not in ".!?":
        reason += "."
    lead = pick(
        ("I couldn't do that.", "Hmm, that didn't work.", "Sorry, I can't make that change."),
        event.session_id, event.turn, "edit-failed",
    )
    hint = pick(
        ("Want to try something else?", "Shall we try a different change?",
         "Tell me another way and I'll have a go."),
        event.session_id, event.turn, "edit-failed-hint",
    )
    return f"{lead} {reason} {hint}"


def undone(event: Undone) -> str:
    if event.itinerary is None:
        return pick(
            ("There's nothing to undo yet.", f"Nothing to undo {DASH} this is the first "
             "version of the plan."),
            event.session_id, event.turn, "undo-none",
        )
    lead = pick(
        (f"Undone {DASH} here's the previous version:",
         "Back to how it was:", "I've put the previous plan back:"),
        event.session_id, event.turn, "undo",
    )
    return "\n".join([lead, "", *(day_line(d) for d in event.itinerary.days)])


def export(event: ExportReady) -> str:
    what = _FORMAT_NAMES[event.format]
    if not event.url:
        return pick(
            (f"Your plan is ready as {what}; the export buttons download it.",
             f"Your itinerary can go out as {what} {DASH} use the export buttons.",
             f"All set as {what}: the export buttons save it for you."),
            event.session_id, event.turn, "export",
        )
    return pick(
        (f"Here's your plan as {what}: {event.url}",
         f"Your itinerary is ready as {what}: {event.url}",
         f"All packed up as {what} {DASH} download it here: {event.url}"),
        event.session_id, event.turn, "export",
    )


def small_talk(event: SmallTalk) -> str:
    if event.topic == "bye":
        return pick(
            ("Have a wonderful trip! Come back any time.",
             "Safe travels, and enjoy every minute!"),
            event.session_id, event.turn, "bye",
        )
    if event.topic == "thanks":
        lead = pick(("You're welcome!", "My pleasure!", "Happy to help!"),
                    event.session_id, event.turn, "thanks")
    elif event.topic == "hello":
        lead = pick(("Hi there!", "Hello!", "Hey!"), event.session_id, event.turn, "hello")
    else:
        lead = pick(("Happy to help!", "Of course!", "Sure thing!"),
                    event.session_id, event.turn, "small-talk")
    if event.planned:
        follow = pick(
            ("Anything else you'd like to change, or shall I export the plan?",
             "Want to tweak anything else, or export it to your calendar?",
             "Let me know if you'd like any changes."),
            event.session_id, event.turn, "small-talk-planned",
        )
    else:
        follow = pick(
            ("Where would you like to go?", "Where are you thinking of going?",
             f"Which city shall we plan {DASH} where to?"),
            event.session_id, event.turn, "small-talk-gathering",
        )
    return f"{lead} {follow}"
