"""Follow-ups (issue 9): a short message that repeats the last turn's question or place
removal with a new place or day.

"is the louvre open on tuesday?" then "and the orsay?" asks the Orsay's hours on Tuesday;
"what about on monday?" asks the same place's hours on Monday (never a new start date);
"remove the tomb" then "and philopappos hill" removes that too; "add X on day 2" then "is
it open on mondays?" asks X's Monday hours; "is the Louvre in the plan?" then "add it" or
"put it on day 1" reads the message with the Louvre for "it" (:func:`naming_it`). The last
turn's act is
data (``state.dialogue.follow_up``, set by the conversation policy), never read back from
the assistant's prose.

:func:`follow_up` applies only when the message opens with a follow-up cue ("and", "what
about", "how about", "same for") and its ordinary reading found nothing else to do (no
change but a date, no edit, no other question but "what's on that day"; interest words
count as nothing else when they are part of a planned stop's name): a message that says
more than a new place or day is read as it is.
"""

import re

from wayfarer.domain import (
    AskOpeningHours,
    AskPlaceFact,
    AskSchedule,
    AskWhy,
    ChangePreferences,
    DialogueAct,
    EditScope,
    EditTrip,
    Interpretation,
    PlaceSelector,
    RemovePlace,
    SessionState,
    Unclear,
)
from wayfarer.language.offline.questions import place_words, weekday_in
from wayfarer.language.offline.text import fold, name_key

_CUE = re.compile(r"^\W*(?:and|also|plus|what about|how about|and what about|same for|"
                  r"same with|ok and|okay and)\b(?P<rest>.*)$")
_TOO = re.compile(r"\b(?:too|as well|also|aswell)\b")
_IT = re.compile(r"\b(?:it|that|that place|there)\b")
_HOURS = re.compile(r"\b(?:open|opens|opening|closed|close|closes|hours)\b")


def follow_up(message: str, state: SessionState, read: Interpretation) -> Interpretation:
    """``read`` (the message's ordinary reading), or the last turn's act repeated with the
    message's new place or day (see the module rules)."""
    previous = state.dialogue.follow_up
    folded = fold(message)
    cue = _CUE.match(folded)
    if previous is not None and cue is None:
        return _about_it(folded, previous, read)
    if previous is None or cue is None:
        return read
    rest = _TOO.sub(" ", cue["rest"])
    if not _nothing_else(read.dialogue_acts(), _planned(place_words(rest), state)):
        return read
    act = _repeated(previous, rest, state)
    if act is None:
        return read
    intent = "edit" if isinstance(act, EditTrip) else "question"
    return Interpretation(intent=intent, acts=[act])


def _about_it(folded: str, previous: DialogueAct, read: Interpretation) -> Interpretation:
    """"is it open on mondays?" (unread otherwise) about the place the last turn named."""
    place = _place_of(previous)
    if place is None or not _IT.search(folded) or not _HOURS.search(folded) or any(
            not isinstance(a, Unclear) for a in read.dialogue_acts()):
        return read
    asked = AskOpeningHours(place=place, weekday=weekday_in(folded))
    return Interpretation(intent="question", acts=[asked])


def naming_it(message: str, state: SessionState, read: Interpretation) -> str | None:
    """``message`` with "it" / "that" replaced by the place the last turn asked or edited
    about, when its ordinary reading understood nothing and the message is short ("add
    it", "put it on day 1" after "is the Louvre in the plan?"); None otherwise."""
    previous = state.dialogue.follow_up
    place = _place_of(previous) if previous is not None else None
    folded = fold(message)
    if place is None or len(folded.split()) > 8 or not _IT.search(folded) or any(
            not isinstance(a, Unclear) for a in read.dialogue_acts()) or _HOURS.search(folded):
        return None  # an hours question about it is :func:`follow_up`'s
    return _IT.sub(place, folded, count=1)


def _place_of(act: DialogueAct) -> str | None:
    if isinstance(act, AskOpeningHours | AskWhy | AskPlaceFact):
        return act.place
    if isinstance(act, AskSchedule):
        return act.place
    if isinstance(act, EditTrip):
        return act.scope.place
    return None


def _nothing_else(acts: list[DialogueAct], names_a_stop: bool) -> bool:
    """True when the ordinary reading found no more than an unclear message, a day's
    schedule question or a date ("what about on monday?" read as a start date), or only
    interests when the words name a planned stop ("musée d'orsay" is not "museums")."""
    allowed = {"start_date", "add_interests"} if names_a_stop else {"start_date"}
    for act in acts:
        if isinstance(act, Unclear | AskSchedule):
            continue
        if isinstance(act, ChangePreferences) and set(
                act.changes.model_dump(exclude_defaults=True)) <= allowed:
            continue
        return False
    return True


def _repeated(previous: DialogueAct, rest: str, state: SessionState) -> DialogueAct | None:
    place, weekday = place_words(rest), weekday_in(rest)
    if isinstance(previous, AskOpeningHours):
        if not place and weekday is None:
            return None
        update: dict[str, object] = {"place": place or previous.place}
        if weekday is not None:
            update |= {"weekday": weekday, "day": None, "date": None}
        return previous.model_copy(update=update)
    if isinstance(previous, AskWhy | AskPlaceFact) and place:
        return previous.model_copy(update={"place": place})
    if isinstance(previous, EditTrip) and isinstance(previous.edit, RemovePlace) and (
            place and _planned(place, state)):
        return EditTrip(edit=RemovePlace(target=PlaceSelector(name=place)),
                        scope=EditScope(kind="place", place=place))
    return None


def _planned(words: str, state: SessionState) -> bool:
    """True when ``words`` name a stop of the plan (every word in the stop's name)."""
    if state.itinerary is None:
        return False
    said = set(name_key(words).split())
    return any(said <= set(name_key(item.place.name).split())
               for day in state.itinerary.days for item in day.items)
