"""From the offline readers' findings to typed dialogue acts (issue 9).

:func:`dialogue_acts` runs after the slot readers and decides what the message *does*:

1. a yes / no while a confirming question is pending is a :class:`ConfirmationAnswer`;
2. a typed question (:mod:`questions`) is only that question: nothing else in the message
   (a city, a date, a price named in it) becomes a change;
3. otherwise the readers' changes and edits become acts, with their scope (a day named
   with a pace change scopes it to that day), hedges marked ("what about Venice?"), a
   price said about a place dropped from the trip budget, and the edits the slot readers
   do not know: a later day start, "keep X" (pin), meal wishes.
"""

import re
from datetime import date

from wayfarer.domain import (
    AddDay,
    AddPlace,
    AskOpeningHours,
    AskPlaceFact,
    AskRoute,
    AskSchedule,
    AskUnknowable,
    AskWhy,
    ChangeBudget,
    ChangePace,
    ChangePreferences,
    ConfirmationAnswer,
    DialogueAct,
    DropDay,
    EditScope,
    EditTrip,
    Interest,
    Interpretation,
    Itinerary,
    MealWish,
    MovePlace,
    PinPlace,
    PlaceSelector,
    PreferenceUpdate,
    RemovePlace,
    ReplacePlace,
    SessionState,
    SetDayStart,
    Unclear,
)
from wayfarer.domain.acts import SmallTalk, UnknowableTopic
from wayfarer.language.offline import commands
from wayfarer.language.offline.cities import CityResolver
from wayfarer.language.offline.dates import read_timing
from wayfarer.language.offline.leg_changes import confirmation_reply
from wayfarer.language.offline.place_context import STAY_OR_TICKETS
from wayfarer.language.offline.questions import read_question, weekday_in
from wayfarer.language.offline.rules import (
    read_caps,
    read_elided_caps,
    read_meal_wishes,
    read_place_wishes,
)
from wayfarer.language.offline.selectors import DayIndex
from wayfarer.language.offline.text import Text, fold, name_key
from wayfarer.language.offline.travel_times import read_travel_times

_NO = re.compile(
    r"^\W*(?:no|nope|nah|not really|no thanks|no thank you|cancel|never ?mind|don't|"
    r"do not|leave it|keep (?:it|the plan|everything|it as it is)|stay|n)\b[\s\w,!.']*$"
)
_HEDGE = re.compile(
    r"\?|\b(?:maybe|perhaps|what about|how about|thinking (?:of|about)|not sure|might|"
    r"possibly|or|wondering|considering)\b"
)
_DAY = re.compile(r"\bday (?P<n>\d{1,2})\b")
_WHOLE_TRIP = re.compile(r"\b(?:every day|each day|all (?:the )?days|whole trip|entire trip|"
                         r"overall|in general)\b")
_BUSY = re.compile(r"\b(?:too (?:busy|much|packed|full|hectic|rushed|tiring|intense)|"
                   r"exhausting|overloaded|lighter|lighten|less (?:busy|packed|rushed|hectic)|"
                   r"more (?:relaxed|chill|laid back)|fewer (?:stops|things|places|sights)|"
                   r"ease (?:up|off)|take it easy)\b")
_LATER_START = re.compile(
    r"\b(?:start(?:ing)? (?:each |every |the |our )?(?:days? )?later|later starts?|"
    r"late starts?|not (?:a |big )?morning (?:people|persons?|types?)|sleep in|lie in|"
    r"no early (?:mornings|starts)|hate early mornings)\b"
)
_START_AT = re.compile(r"\bstart (?:(?:each|every|the|our|all) )?(?:days? )?(?:at|around|from|"
                       r"no earlier than) (?P<h>\d{1,2})(?::(?P<m>\d{2}))? ?(?:am|h)?\b")
#: The hour a later start names: "can we start later, like 10:30".
_LATER_AT = re.compile(r"\b(?:like|around|about|at|say|maybe|from|by) (?P<h>\d{1,2})"
                       r"(?::(?P<m>\d{2}))? ?(?:am|h)?\b(?! ?pm)")
_PIN = re.compile(
    r"^\W*(?:please |pls |but |and )?(?:keep|don't (?:remove|drop|lose|cut)|do not (?:remove|"
    r"drop|cut)|make sure (?:we |to )?(?:keep|see|visit)|we must see|must see) "
    r"(?:the )?(?P<name>[a-z0-9' -]+?)(?: (?:on|in|for) day (?P<day>\d{1,2}))?"
    r"(?: (?:please|pls|no matter what|whatever happens|in the plan|in there))?\W*$"
)
_NOT_A_PLACE = frozenset({"it", "everything", "the plan", "this", "that", "going", "them",
                          "it all", "all", "the rest", "the same", "it as it is", "things"})
_LATER_DINNER = re.compile(r"\b(?:later dinners?|dinners? later|late dinners?|eat later|"
                           r"dinner (?:at|around) (?:9|21|nine))\b")
_GENERIC = frozenset({
    "museum", "museums", "gallery", "garden", "gardens", "palace", "church", "cathedral",
    "tower", "market", "square", "street", "park", "basilica", "temple", "shrine", "chapel",
    "bridge", "castle", "fountain", "monument", "beach", "district", "quarter", "national",
    "jardin", "musee", "place", "restaurant", "trattoria", "cafe", "house",
})
_EDIT_VERB = re.compile(r"\b(?:remove|drop|skip|replace|swap|take out|get rid of|cut|ditch|"
                        r"lose)\b")
_BUDGET_CUE = re.compile(r"\b(?:budget|per day|a day|each day|per night|total|spend|under|"
                         r"less than|max(?:imum)?|at most|no more than|up to|tops|for the "
                         r"(?:trip|week|whole))\b")


def dialogue_acts(
    text: Text, state: SessionState, interp: Interpretation, cities: CityResolver,
    today: date | None = None,
) -> Interpretation:
    """``interp`` with its ``acts`` set (see the module docstring); ``today`` anchors a
    date named in an opening-hours question ("open on 5 May?")."""
    folded = text.folded
    planned = state.stage == "planned" and state.itinerary is not None
    if state.dialogue.confirmation is not None:
        answer = read_confirmation(text)
        if answer is not None:
            return interp.model_copy(update={"acts": [ConfirmationAnswer(accept=answer)]})
        reply = confirmation_reply(text, state.dialogue.confirmation)
        if reply is not None:
            return interp.model_copy(update={"acts": [reply]})
    question = _question(folded, state, planned, cities)
    asked_day = interp.question_day if interp.question_day and interp.question_day >= 1 else None
    if isinstance(question, AskSchedule) and asked_day is not None:
        question = question.model_copy(update={"day": asked_day})
    if isinstance(question, AskSchedule) and question.day is None:
        question = question.model_copy(update={"day": _weekday_day(folded, state)})
    if question is None and planned and interp.intent == "question":
        question = AskSchedule(day=asked_day)
    if (isinstance(question, AskOpeningHours) and question.weekday is None
            and question.day is None and today is not None):
        named = read_timing(Text.of(text.folded), today).start
        question = question.model_copy(update={"date": named})
    if question is not None and interp.intent not in ("start_over", "export"):
        day = question.day if isinstance(question, AskSchedule) else None
        return Interpretation(intent="question", question_day=day, acts=[question])
    acts = interp.dialogue_acts()
    if planned and state.itinerary is not None:
        acts = _extra_edits(folded, _scoped(acts, folded))
        acts = [_named_target(a, folded, state.itinerary) for a in acts]
    elif interp.intent != "start_over":
        acts = [*acts, *rules_while_gathering(folded)]
    if len(acts) > 1:  # "start later" is not "see you later"
        acts = [a for a in acts if not isinstance(a, SmallTalk | Unclear)]
    if acts == [Unclear()] and (commands.is_affirmation(text) or (
            planned and read_confirmation(text) is False)):  # "no" to "anything else?"
        acts = [SmallTalk(kind="other")]
    hedged = _HEDGE.search(folded) is not None
    acts = [_adjusted(a, folded, hedged, acts) for a in acts]
    acts = [a for a in acts if not (isinstance(a, ChangePreferences) and a.changes.is_empty()
                                    and not a.proceed)] or [Unclear()]
    told = STAY_OR_TICKETS.search(folded) if acts == [Unclear()] else None
    if told is not None and state.preferences.city is not None:  # "we're staying in X"
        topic: UnknowableTopic = "tickets" if told["tickets"] else "lodging"
        return Interpretation(intent="question", acts=[AskUnknowable(topic=topic)])
    intent = interp.intent
    if planned and intent == "unknown" and any(isinstance(a, EditTrip) for a in acts):
        intent = "edit"
    return interp.model_copy(update={"acts": acts, "intent": intent})


def read_confirmation(text: Text) -> bool | None:
    """True for a short yes, False for a short no, None otherwise."""
    if len(text.tokens) > 6:
        return None
    if _NO.match(text.folded):
        return False
    if commands.is_affirmation(text):
        return True
    return None


def _weekday_day(folded: str, state: SessionState) -> int | None:
    """The first trip day falling on the weekday ``folded`` names ("what's on friday?"):
    by its date, else as the planner assumes without one (day 1 a Monday)."""
    named = weekday_in(folded)
    if named is None or state.itinerary is None:
        return None
    days = state.itinerary.days
    assumed = tuple(d.date.weekday() if d.date else (d.day - 1) % 7 for d in days)
    return DayIndex(len(days), assumed).weekday(named)


def _question(
    folded: str, state: SessionState, planned: bool, cities: CityResolver
) -> DialogueAct | None:
    def is_city(phrase: str) -> str | None:
        if not phrase.strip():
            return None
        found = cities.resolve(phrase)
        return found.city or found.unsupported_city

    countries = cities.countries
    days = len(state.itinerary.days) if state.itinerary is not None else 0
    question = read_question(folded, days, is_city, countries)
    if question is None or (planned and (_START_AT.search(folded) or _LATER_START.search(
            folded))):
        return None  # "can we start at 11?" is an edit, not "what's on at 11"
    if isinstance(question, AskSchedule) and (question.interest or question.diet) and not planned:
        return None  # "anything for the kids?" before a plan is a wish for the trip
    if isinstance(question, AskOpeningHours | AskPlaceFact) and _names_city_only(
            question.place, cities):
        return None  # "is Rome good for kids?" is about the destination, not a place
    if not planned and (isinstance(question, AskSchedule | AskWhy) or (
            isinstance(question, AskRoute) and question.origin is None
            and question.destination)):
        return None  # about a plan that does not exist yet: read the message as details
    # a route with both ends named ("from the airport to the old town") stays a question
    # before the plan exists: its places are not trip details
    if not planned and state.preferences.city is None and isinstance(
        question, AskOpeningHours | AskPlaceFact
    ):
        return None
    return question


def _names_city_only(phrase: str, cities: CityResolver) -> bool:
    """The phrase names a city and little else: "rome", "the big apple" -- not "the
    osaka museum of history", a place named after its city."""
    city = cities.resolve(phrase).city
    return city is not None and len(phrase.split()) <= len(city.split()) + 1


def _scoped(acts: list[DialogueAct], folded: str) -> list[DialogueAct]:
    """A pace change said about one day ("make day 2 more relaxed") scoped to that day."""
    day = _DAY.search(folded)
    if day is None or _WHOLE_TRIP.search(folded):
        return acts
    number = int(day["n"])
    scoped: list[DialogueAct] = []
    for act in acts:
        if isinstance(act, EditTrip) and isinstance(act.edit, ChangePace):
            act = EditTrip(edit=act.edit.model_copy(update={"day": number}),
                           scope=EditScope(kind="day", day=number))
        scoped.append(act)
    if _BUSY.search(folded) and not any(
        isinstance(a, EditTrip) and isinstance(a.edit, ChangePace) for a in scoped
    ):
        edit = ChangePace(step="more_relaxed", day=number)
        scoped.append(EditTrip(edit=edit, scope=EditScope(kind="day", day=number)))
    if any(isinstance(a, EditTrip) and isinstance(a.edit, ChangePace) and a.edit.day
           for a in scoped):  # the pace words and the people were said about that day
        scoped = [_without(a, pace=None, travelers=None) for a in scoped]
        scoped = [a for a in scoped if not _only_adds(a, "family")]
    return scoped


def _named_target(act: DialogueAct, folded: str, itinerary: Itinerary) -> DialogueAct:
    """A removal or replacement aimed at a kind of place ("skip the colosseum" read as
    "a history place") re-aimed at the planned place the message names; adding a planned
    place on another day ("add the X on day 1" when X is on day 2) moves it there."""
    if isinstance(act, EditTrip) and isinstance(act.edit, AddPlace):
        return _add_as_move(act, act.edit, itinerary)
    if not isinstance(act, EditTrip) or not isinstance(act.edit, RemovePlace | ReplacePlace):
        return act
    if act.edit.target.name is not None:
        return act
    name = planned_name_in(folded, itinerary)
    if name is None:
        return act
    target = PlaceSelector(name=name, day=act.edit.target.day)
    return EditTrip(edit=act.edit.model_copy(update={"target": target}),
                    scope=EditScope(kind="place", place=name, day=target.day))


def _add_as_move(act: EditTrip, edit: AddPlace, itinerary: Itinerary) -> EditTrip:
    query = edit.query
    if query.name is None or query.day is None:
        return act
    name = planned_name_in(fold(query.name), itinerary)
    where = [d.day for d in itinerary.days for i in d.items if i.place.name == name]
    if name is None or not where or query.day in where:
        return act
    target = PlaceSelector(name=name)
    return EditTrip(edit=MovePlace(target=target, to_day=query.day),
                    scope=EditScope(kind="place", place=name, day=query.day))


def planned_name_in(folded: str, itinerary: Itinerary) -> str | None:
    """The planned place named in ``folded``: its whole name, else a distinctive word of it
    ("colosseum", "pantheon"; not "museum" or "garden")."""
    words = set(re.findall(r"[a-z0-9]+", folded))
    names = [i.place.name for d in itinerary.days for i in d.items]
    said = f" {name_key(folded)} "
    for name in names:
        if f" {name_key(name)} " in said:
            return name
    for name in names:
        distinctive = [w for w in name_key(name).split() if len(w) >= 5 and w not in _GENERIC]
        if distinctive and any(w in words for w in distinctive):
            return name
    return None


def _without(act: DialogueAct, **unset: None) -> DialogueAct:
    if not isinstance(act, ChangePreferences):
        return act
    return act.model_copy(update={"changes": act.changes.model_copy(update=unset)})


def _only_adds(act: DialogueAct, interest: Interest) -> bool:
    """A preference change that only adds ``interest`` (the kids named as a reason for a
    lighter day, "dinners" in a meal wish)."""
    return isinstance(act, ChangePreferences) and act.changes == PreferenceUpdate(
        add_interests=[interest])


def _extra_edits(folded: str, acts: list[DialogueAct]) -> list[DialogueAct]:
    """``acts`` plus the edits the slot readers do not know (later starts, pins, meal
    wishes); a pin overrides a removal the readers saw in "don't remove X"."""
    found: list[DialogueAct] = []
    start = _START_AT.search(folded)
    if start is None and _LATER_START.search(folded):
        start = _LATER_AT.search(folded)
    if start is not None and 7 <= int(start["h"]) <= 13:
        earliest = f"{int(start['h']):02d}:{int(start['m'] or 0):02d}"
        found.append(EditTrip(edit=SetDayStart(earliest=earliest)))
    elif _LATER_START.search(folded):
        found.append(EditTrip(edit=SetDayStart(earliest="10:00")))
    found += [EditTrip(edit=ends) for ends in read_travel_times(folded)]
    pin = _PIN.match(folded)
    if pin is not None and pin["name"].strip() not in _NOT_A_PLACE:
        acts = [a for a in acts if not (isinstance(a, EditTrip) and isinstance(
            a.edit, RemovePlace)) and not (isinstance(a, ChangePreferences)
                                           and a.changes.interests_any)]
    has_edits = any(isinstance(a, EditTrip) for a in acts)
    if pin is not None and not has_edits and pin["name"].strip() not in _NOT_A_PLACE:
        day = int(pin["day"]) if pin["day"] else None
        name = pin["name"].strip()
        found.append(EditTrip(edit=PinPlace(target=PlaceSelector(name=name, day=day)),
                              scope=EditScope(kind="place", place=name, day=day)))
    if _LATER_DINNER.search(folded):
        found.append(EditTrip(edit=MealWish(wish="later_dinner")))
    wishes = [] if has_edits and not _only_style(acts) else read_meal_wishes(folded)
    caps = read_caps(folded)
    if wishes or caps:  # "somewhere fancy for dinner" steers a meal, not the budget;
        acts = [a for a in acts if not _rule_words(a)]  # "one church a day" adds no interest
    found += wishes + caps + read_elided_caps(folded)
    if any(isinstance(a, EditTrip) and isinstance(a.edit, MealWish) for a in found):
        acts = [a for a in acts if not _only_adds(a, "food")]
    return acts + found


def _only_style(acts: list[DialogueAct]) -> bool:
    """The only edits are pace or budget changes (words a meal wish may also use)."""
    return all(isinstance(a.edit, ChangeBudget | ChangePace)
               for a in acts if isinstance(a, EditTrip))


def _rule_words(act: DialogueAct) -> bool:
    """What the words of a cap or a meal wish read as on their own: a budget change or
    interests added (and nothing else)."""
    if isinstance(act, EditTrip):
        return isinstance(act.edit, ChangeBudget)
    return isinstance(act, ChangePreferences) and act.changes == PreferenceUpdate(
        budget=act.changes.budget, add_interests=act.changes.add_interests)


def rules_while_gathering(folded: str) -> list[DialogueAct]:
    """Caps, meal wishes, the arrival and the departure, and places to see or skip said
    before there is a plan: kept for the first plan."""
    return [*read_caps(folded), *read_elided_caps(folded), *read_meal_wishes(folded),
            *(EditTrip(edit=ends) for ends in read_travel_times(folded)),
            *read_place_wishes(folded)]


def _adjusted(
    act: DialogueAct, folded: str, hedged: bool, acts: list[DialogueAct]
) -> DialogueAct:
    """Hedges marked; a price said about a place ("it's like 500 baht") is not a budget."""
    if not isinstance(act, ChangePreferences):
        return act
    changes = act.changes
    if changes.days is not None and any(
        isinstance(a, EditTrip) and isinstance(a.edit, AddDay | DropDay) for a in acts
    ):  # "one more day" adds a day; it is not a one-day trip
        changes = changes.model_copy(update={"days": None})
    about_place = _EDIT_VERB.search(folded) is not None or any(
        isinstance(a, EditTrip) and a.scope.kind == "place" for a in acts)
    if changes.budget_amount is not None and about_place and not _BUDGET_CUE.search(folded):
        changes = changes.model_copy(update={"budget_amount": None, "currency": None})
    return act.model_copy(update={"changes": changes, "hedged": hedged})
