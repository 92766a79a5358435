"""The offline (rule-based) :class:`~wayfarer.language.Interpreter`.

:meth:`OfflineInterpreter.read` is pure and synchronous: the message and the session state
in, one :class:`~wayfarer.domain.Interpretation` out. Readers run in a fixed order and
claim the words they use, so each word means one thing: commands and edits first ("swap day
1 and 2" never becomes a city or a trip length), then dates, money, trip length,
travellers, budget, pace, interests, and the destination last, on what is left.

Context decides between readings: after planning, "more relaxed" is a ``ChangePace``
edit while "5 days instead" and "Paris instead" are preference changes to re-plan (a
re-plan then carries pace and budget as preferences); while gathering, a bare "4" answers
"how many days?", "moderate" answers "pace and budget?" for both, and "sure" accepts the
city just offered.
"""

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from wayfarer.domain import (
    MAX_TRAVELERS,
    MAX_TRIP_DAYS,
    Budget,
    ChangeBudget,
    ChangeLeg,
    ChangePace,
    ChangePreferences,
    Edit,
    ExportFormat,
    Interest,
    Interpretation,
    Pace,
    PreferenceUpdate,
    SessionState,
    Slot,
    Unclear,
)
from wayfarer.domain.acts import is_question
from wayfarer.domain.interpretation import Intent, SmallTalk
from wayfarer.language.offline import budget as budget_words
from wayfarer.language.offline import commands, edits, mixed, pace
from wayfarer.language.offline.acts import dialogue_acts
from wayfarer.language.offline.budget import BudgetStep
from wayfarer.language.offline.cities import CityMatch, CityResolver
from wayfarer.language.offline.dates import read_days, read_timing
from wayfarer.language.offline.followups import follow_up, naming_it
from wayfarer.language.offline.interests import (
    SYNONYMS,
    read_any,
    read_interests,
    read_misspelt_interests,
)
from wayfarer.language.offline.leg_changes import read_leg_change
from wayfarer.language.offline.legs import LegsReading, read_legs
from wayfarer.language.offline.money import Money, read_money
from wayfarer.language.offline.numbers import NUMBER, to_int
from wayfarer.language.offline.pace import Step
from wayfarer.language.offline.text import Text
from wayfarer.language.offline.travellers import Travellers, kids_stay_behind, read_travellers
from wayfarer.language.offline.world import WorldCities

#: A bare number larger than this is not an answer to "how many days?".
MAX_BARE_DAYS = 60
#: Longer messages are read up to here (the API rejects far longer ones anyway).
MAX_READ_CHARS = 2000

_BARE_NUMBER = re.compile(
    rf"^\W*(?:(?:let's say|lets say|say|maybe|about|around|like|for|just|only|probably)\s+)?"
    rf"(?P<n>{NUMBER})\b[\s\W]*(?:please|pls|thanks|i think|or so)?\W*$"
)
_MODERATE_WORDS = re.compile(r"\b(?:moderate|medium|normal|standard|average|middle|balanced)\b")


@dataclass
class _Reading:
    """Everything the readers found in one message, before the intent is decided."""

    changes: PreferenceUpdate
    edits: list[Edit] = field(default_factory=list)
    start_over: bool = False
    export: bool = False
    export_format: ExportFormat | None = None
    question: bool = False
    question_day: int | None = None
    small_talk: SmallTalk | None = None
    proceed: bool = False
    replan: bool = False
    leg_change: ChangeLeg | None = None


@dataclass
class _Style:
    """Pace and budget as said: absolute values and steps, with where they were said."""

    pace: tuple[Pace, int] | None
    pace_step: tuple[Step, int] | None
    budget: tuple[Budget, int] | None
    budget_step: tuple[BudgetStep, int] | None


class OfflineInterpreter:
    """Rule-based interpretation (no model, no I/O per message).

    ``covered`` is the catalog's city names (or name -> country); ``today`` gives the date
    relative dates are read against; ``world`` is the geonames index (pass the app's; without
    one the interpreter builds its own, which takes seconds).
    """

    def __init__(
        self,
        covered: Iterable[str] | Mapping[str, str],
        *,
        today: Callable[[], date] = date.today,
        world: WorldCities | None = None,
    ) -> None:
        vocabulary = [*SYNONYMS, *pace.PACES, *pace.STEPS, *budget_words.BUDGETS]
        self.cities = CityResolver(covered, world, stopwords=vocabulary)
        self._vocabulary = frozenset(vocabulary)
        self._today = today

    async def interpret(self, message: str, state: SessionState) -> Interpretation:
        """Protocol entry point; see :meth:`read`."""
        return self.read(message, state)

    def resolve_city(self, name: str) -> PreferenceUpdate:
        """A free-form place name resolved against the catalog (for the LLM interpreter)."""
        return self.cities.resolve(name)

    def read(self, message: str, state: SessionState) -> Interpretation:
        """Interpret ``message`` in the context of ``state`` (pure): the summary fields
        and the typed dialogue acts (:mod:`acts` decides questions, confirmations, hedges
        and scopes on top of the readers below; :mod:`mixed` keeps the changes of a
        message that also asks; :mod:`followups` repeats the last turn's question or
        removal for "and the orsay?")."""
        whole = self._read_whole(message, state)
        read = mixed.combine(message[:MAX_READ_CHARS], whole,
                             lambda part: self._read_whole(part, state), state.preferences)
        read = self._with_place_questions(message[:MAX_READ_CHARS], state, read)
        named = naming_it(message[:MAX_READ_CHARS], state, read)
        if named is not None:  # "add it" after "is the Louvre in the plan?"
            read = self._read_whole(named, state)
        return follow_up(message[:MAX_READ_CHARS], state, read)

    def _with_place_questions(
        self, message: str, state: SessionState, read: Interpretation
    ) -> Interpretation:
        """``read`` with the place questions of a message that names the trip's city and
        asks about a place in it (:func:`mixed.place_questions`), which the whole message
        could not read: the place's city was not known yet."""
        acts = read.dialogue_acts()
        city = next((a.changes.city for a in acts
                     if isinstance(a, ChangePreferences) and a.changes.city), None)
        if city is None or any(is_question(a) for a in acts):
            return read
        prefs = state.preferences.model_copy(update={"city": city})
        knowing = state.model_copy(update={"preferences": prefs})
        asked = mixed.place_questions(message, lambda part: self._read_whole(part, knowing))
        return read.model_copy(update={"acts": [*acts, *asked]}) if asked else read

    def _read_whole(self, message: str, state: SessionState) -> Interpretation:
        text = Text.of(message[:MAX_READ_CHARS])
        planned = state.stage == "planned" and state.itinerary is not None
        reading = self._read(text, state, planned, state.dialogue.awaiting)
        interpretation = Interpretation(
            intent="provide_info" if reading.leg_change else _intent(reading, state, planned),
            changes=reading.changes,
            edits=reading.edits,
            export_format=reading.export_format,
            question_day=reading.question_day,
            proceed=reading.proceed,
            small_talk=reading.small_talk,
        )
        read = dialogue_acts(Text.of(message[:MAX_READ_CHARS]), state, interpretation,
                             self.cities, self._today())
        if reading.leg_change is None or read.intent == "question":
            return read
        kept = [a for a in read.acts if not isinstance(a, Unclear)]
        return read.model_copy(update={"acts": [*kept, reading.leg_change]})

    # --- reading ------------------------------------------------------------------------

    def _read(
        self, text: Text, state: SessionState, planned: bool, asked: Slot | None
    ) -> _Reading:
        prefs = state.preferences
        leg_change = read_leg_change(text, self.cities, state)
        legs = read_legs(text, self.cities, state) if leg_change is None else LegsReading()
        start_over = commands.read_start_over(text)
        export, export_format = commands.read_export(text)
        itinerary = state.itinerary if planned else None
        near = itinerary.city if itinerary is not None else None
        context = edits.EditContext(
            itinerary, lambda phrase: self.cities.names_place(phrase, near=near)
        )
        found_edits = edits.read_edits(text, context)
        question, question_day = (
            commands.read_question(text, context.days) if planned else (False, None)
        )
        timing = read_timing(text, self._today(), prefs.start_date)
        money = read_money(text)
        days = read_days(text) or timing.days
        party = read_travellers(text)
        style = _Style(
            budget_step=budget_words.read_budget_step(text),
            budget=budget_words.read_budget(text),
            pace_step=pace.read_step(text),
            pace=pace.read_pace(text),
        )
        interests = read_interests(text)
        interests_any = read_any(text, asked == "interests") and not interests.add
        place = self.cities.read(text, answer=asked == "city")
        typos = read_misspelt_interests(text, self._vocabulary)
        interests.add += [i for i in typos.add if i not in interests.add + interests.remove]
        interests.remove += [i for i in typos.remove if i not in interests.add + interests.remove]
        small_talk = commands.read_small_talk(text)
        proceed = commands.read_proceed(text)

        if days is None and asked == "days":
            days = _bare_count(text)
        elif days is None and prefs.city and prefs.days is None:
            bare = _BARE_NUMBER.match(text.folded)
            days = to_int(bare["n"]) if bare else None
        if days is not None:
            days = max(1, min(days, MAX_TRIP_DAYS))
        place = self._accepted_offer(text, state, place)
        if kids_stay_behind(text) and "family" not in interests.remove:
            interests.remove.append("family")
        add_interests: list[Interest] = [i for i in interests.add if i not in interests.remove]
        if party is not None and party.with_kids and "family" not in interests.remove:
            add_interests += [] if "family" in add_interests else ["family"]

        changes = PreferenceUpdate(
            city=place.city,
            country=place.country,
            unsupported_city=place.unsupported.name if place.unsupported else None,
            city_suggestions=list(place.suggestions),
            days=days,
            start_date=timing.start,
            add_interests=add_interests,
            remove_interests=list(interests.remove),
            interests_any=interests_any,
            budget_amount=money.amount if money else None,
            currency=self._currency(money, place.city or prefs.city, prefs.currency),
            travelers=_head_count(party, prefs.travelers),
        )
        changes = legs.into(changes)
        replan = bool(
            changes.unsupported_city or changes.add_interests or changes.remove_interests
            or set(changes.preference_values()) - {"country"}
        )
        if asked == "pace_budget":
            style = _moderate_for_both(text, style)
        ordered = [*found_edits]
        if planned and not replan:
            ordered += _style_edits(style, prefs.budget)
        else:
            changes.pace, changes.budget = _style_values(style, prefs.pace, prefs.budget)
        return _Reading(
            changes=changes,
            edits=[edit for _, edit in sorted(ordered, key=lambda pair: pair[0])],
            start_over=start_over,
            export=export,
            export_format=export_format,
            question=question,
            question_day=question_day,
            small_talk=small_talk,
            proceed=proceed,
            replan=replan,
            leg_change=leg_change,
        )

    def _currency(self, money: Money | None, city: str | None, known: str | None) -> str | None:
        """The currency of an amount: as said (a shared word read as the trip country's);
        unsaid, the currency of the known city's country unless one was already chosen."""
        if money is None:
            return None
        said = money.in_country(self.cities.country_code_of(city or ""))
        if said is not None or money.amount is None or known is not None or not city:
            return said
        return self.cities.currency_of(city)

    def _accepted_offer(self, text: Text, state: SessionState, place: CityMatch) -> CityMatch:
        """"sure" / "yes please" right after we offered a covered city means that city."""
        if place.city or place.unsupported or state.preferences.city:
            return place
        offered = [c for c in state.dialogue.offered_cities if c in self.cities.covered]
        if not offered or not commands.is_affirmation(text):
            return place
        return CityMatch(city=offered[0], country=self.cities.country_of(offered[0]) or None)


def _head_count(party: Travellers | None, known: int | None) -> int | None:
    """The party's size: a total as said, or companions joining added to ``known`` (the
    speaker counts once when nothing was known); None above
    :data:`~wayfarer.domain.MAX_TRAVELERS`."""
    if party is None or party.count is None:
        return None
    total = (known or 1) + party.count if party.joining else party.count
    return total if total <= MAX_TRAVELERS else None


def _bare_count(text: Text) -> int | None:
    """The number in an answer to "how many days?" ("4", "maybe 5?", "3 or 4" -> 4)."""
    numbers = [value for t in text.free_tokens() if (value := to_int(t.text)) is not None]
    numbers = [n for n in numbers if 0 < n <= MAX_BARE_DAYS]
    return max(numbers) if 0 < len(numbers) <= 2 else None


def _moderate_for_both(text: Text, style: _Style) -> _Style:
    """A bare "moderate"/"normal" answering "what pace and budget?" sets both."""
    if not _MODERATE_WORDS.search(text.folded):
        return style
    if style.pace is None and style.pace_step is None:
        style.pace = ("moderate", 0)
    if style.budget is None and style.budget_step is None:
        style.budget = ("moderate", 0)
    return style


def _style_values(
    style: _Style, pace_now: Pace | None, budget_now: Budget | None
) -> tuple[Pace | None, Budget | None]:
    """Pace and budget as preference values (steps taken from the current ones)."""
    pace_value = style.pace[0] if style.pace else None
    if pace_value is None and style.pace_step:
        pace_value = pace.stepped(pace_now, style.pace_step[0])
    budget_value = style.budget[0] if style.budget else None
    if budget_value is None and style.budget_step:
        budget_value = budget_words.stepped_budget(budget_now, style.budget_step[0])
    return pace_value, budget_value


def _style_edits(style: _Style, budget_now: Budget | None) -> list[tuple[int, Edit]]:
    """Pace and budget as itinerary edits, with their positions in the message."""
    found: list[tuple[int, Edit]] = []
    if style.pace_step:
        found.append((style.pace_step[1], ChangePace(step=style.pace_step[0])))
    elif style.pace:
        found.append((style.pace[1], ChangePace(pace=style.pace[0])))
    if style.budget_step:
        level = budget_words.stepped_budget(budget_now, style.budget_step[0])
        found.append((style.budget_step[1], ChangeBudget(budget=level)))
    elif style.budget:
        found.append((style.budget[1], ChangeBudget(budget=style.budget[0])))
    return found


def _intent(reading: _Reading, state: SessionState, planned: bool) -> Intent:
    """The one intent of the message, given what was read and the stage."""
    informative = not reading.changes.is_empty()
    started = planned or state.preferences != type(state.preferences)()
    if reading.start_over and (started or not informative):
        return "start_over"
    if reading.export and not reading.edits and not informative:
        return "export"
    if planned:
        if reading.replan:
            return "provide_info"
        if reading.edits:
            return "edit"
        if reading.question:
            return "question"
        if informative:
            return "provide_info"
    else:
        if informative or reading.proceed:
            return "provide_info"
        if reading.edits:
            return "edit"
    if reading.small_talk:
        return "greeting"
    return "unknown"
