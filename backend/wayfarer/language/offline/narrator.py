"""The offline :class:`~wayfarer.language.Narrator`: warm, concise, varied plain text.

Every event kind has several phrasings; :func:`~phrasing.pick` chooses one from the
session id and turn, so a turn always reads the same while consecutive replies differ.
A new plan reads one line per day, then the defaults it assumed, then a short invitation
to refine. Replies are plain text with simple line breaks and "—", never Markdown tables.

What the assistant asked is kept as dialogue state in the session, never re-read from
these replies, so any wording works. A re-plan or an edit says exactly what changed (the
event's computed difference), and nothing here implies a booking.
"""

from collections.abc import AsyncIterator, Iterable, Mapping

from wayfarer.domain import Itinerary, Preferences
from wayfarer.language.events import (
    Answer,
    Answered,
    AskQuestion,
    Confirm,
    Declined,
    Edited,
    EditFailed,
    ExportReady,
    Greeting,
    NarrationEvent,
    NotUnderstood,
    Planned,
    SmallTalk,
    StartedOver,
    Unchanged,
    Undone,
    UnsupportedCity,
)
from wayfarer.language.offline import replies
from wayfarer.language.offline.phrasing import (
    DASH,
    acknowledgement,
    capitalised,
    chunks,
    day_heading,
    day_line,
    day_schedule,
    defaults_used,
    itinerary_legs,
    join_words,
    legs_words,
    long_date,
    pick,
    trip_length,
)

#: Example cities, in order, when covered (the page offers them first: GET /api/config).
EXAMPLE_CITIES = ("Lisbon", "Tokyo", "Mexico City", "Rome", "Marrakech", "New York", "Seoul")


class OfflineNarrator:
    """Phrases narration events without a model.

    ``covered`` (city names, or name -> country) lets the city question offer the
    catalog's cities, and those of a country the traveller named.
    """

    def __init__(self, covered: Iterable[str] | Mapping[str, str] = ()) -> None:
        given = dict(covered) if isinstance(covered, Mapping) else dict.fromkeys(covered, "")
        self._covered = given

    async def narrate(self, event: NarrationEvent) -> str:
        """The whole reply."""
        return self.text(event)

    async def stream(self, event: NarrationEvent) -> AsyncIterator[str]:
        """The reply in word-sized chunks; their concatenation equals :meth:`narrate`."""
        for chunk in chunks(self.text(event)):
            yield chunk

    def text(self, event: NarrationEvent) -> str:
        """The reply for ``event`` (pure)."""
        match event:
            case Greeting():
                return self._greeting(event)
            case AskQuestion():
                return self._ask(event)
            case UnsupportedCity():
                return self._unsupported(event)
            case Planned():
                return self._planned(event)
            case Edited():
                return self._edited(event)
            case EditFailed():
                return replies.edit_failed(event)
            case Undone():
                return replies.undone(event)
            case ExportReady():
                return replies.export(event)
            case Answer():
                return self._answer(event)
            case StartedOver():
                return self._started_over(event)
            case NotUnderstood():
                return self._not_understood(event)
            case SmallTalk():
                return replies.small_talk(event)
            case Answered():
                return replies.answered(event)
            case Confirm():
                return replies.confirm(event)
            case Declined():
                return replies.declined(event)
            case Unchanged():
                return replies.unchanged(event)

    # --- helpers --------------------------------------------------------------------------

    def _examples(self, count: int = 4) -> str:
        known = [c for c in EXAMPLE_CITIES if c in self._covered] or list(self._covered)
        return join_words(known[:count], "or")

    def _cities_in(self, country: str) -> list[str]:
        return [c for c, land in self._covered.items() if land and land == country]

    # --- events ---------------------------------------------------------------------------

    def _greeting(self, event: Greeting) -> str:
        intro = pick(
            (
                "Hi, I'm Wayfarer! Tell me where you'd like to go and I'll plan your trip day "
                "by day with real places, grouped so you're not crossing town all day.",
                "Hello! I'm Wayfarer, your trip planner. Give me a city and a few details and "
                "I'll build a day-by-day plan of real sights and places to eat.",
                "Hi there, I'm Wayfarer. Tell me where you're headed and I'll put together a "
                "day-by-day itinerary that fits your interests, pace and budget.",
            ),
            event.session_id, event.turn, "greeting",
        )
        return (
            f"{intro} Once you have a plan, ask me to change anything, and export it to your "
            f'calendar when it\'s right. For example: "4 days in Lisbon, we love food and '
            f'viewpoints, slow pace."'
        )

    def _ask(self, event: AskQuestion) -> str:
        prefs = event.preferences
        heard = acknowledgement(prefs, event.acknowledged)
        opener = ""
        if heard:
            opener = pick(
                (f"Lovely {DASH} {heard}. ", f"Got it: {heard}. ",
                 f"{capitalised(heard)} {DASH} great. ", f"Noted: {heard}. "),
                event.session_id, event.turn, "ack",
            )
        question = {
            "city": self._ask_city,
            "days": self._ask_days,
            "interests": self._ask_interests,
            "pace_budget": self._ask_pace_budget,
        }[event.missing](event, prefs)
        answered = " ".join(event.answers)
        return opener + (f"{answered} " if answered else "") + question

    def _ask_city(self, event: AskQuestion, prefs: Preferences) -> str:
        if prefs.country:
            inside = self._cities_in(prefs.country)
            if inside:
                names = join_words(inside, "or")
                return f"In {prefs.country} I can plan {names} {DASH} which city would you like?"
        examples = self._examples()
        question = pick(
            (
                "Where would you like to go?",
                "Which city are you dreaming of?",
                "Where are you headed?",
                "Which city shall we plan?",
            ),
            event.session_id, event.turn, "ask-city",
        )
        if not examples:
            return question
        return f"I know {len(self._covered)} cities, such as {examples}. {question}"

    @staticmethod
    def _ask_days(event: AskQuestion, prefs: Preferences) -> str:
        where = f" in {prefs.city}" if prefs.city else ""
        if prefs.is_multi_city():
            where = f" in {join_words([leg.city for leg in prefs.legs])} altogether"
        return pick(
            (
                f"How many days will you have{where}?",
                f"How long is the trip{where} {DASH} a weekend, four days, a week?",
                f"And how many days{where} should I plan for?",
                f"How long will you stay{where}?",
            ),
            event.session_id, event.turn, "ask-days",
        )

    @staticmethod
    def _ask_interests(event: AskQuestion, prefs: Preferences) -> str:
        question = pick(
            (
                "What are you into {d} food, history, art, nature, nightlife, viewpoints?",
                "What kind of things are you into: museums, markets, beaches, architecture, "
                "food?",
                "What are you most into {d} culture, food, shopping, nature, views?",
                "What would you love to see: history, art, food, nightlife, nature?",
            ),
            event.session_id, event.turn, "ask-interests",
        ).format(d=DASH)
        return f'{question} Or say "surprise me" and I\'ll pick the highlights.'

    @staticmethod
    def _ask_pace_budget(event: AskQuestion, prefs: Preferences) -> str:
        return pick(
            (
                "Last thing: what pace and budget suit you? Relaxed, moderate or packed days; "
                "budget, mid-range or luxury?",
                "One more: do you like a relaxed, moderate or packed pace, and is the budget "
                "tight, mid-range or a splurge?",
                "Finally, how about pace and budget {d} slow and easy or see it all, cheap "
                "or treat yourselves?",
            ),
            event.session_id, event.turn, "ask-pace",
        ).format(d=DASH)

    def _unsupported(self, event: UnsupportedCity) -> str:
        sorry = pick(
            (
                f"I don't have {event.city} in my guide yet, sorry.",
                f"{event.city} isn't one of my cities yet, I'm afraid.",
                f"I can't plan {event.city} yet {DASH} my guide doesn't cover it.",
            ),
            event.session_id, event.turn, "unsupported",
        )
        if not event.suggestions:
            return f"{sorry} Where else would you like to go?"
        names = join_words(event.suggestions, "or")
        if len(event.suggestions) == 1:
            return f"{sorry} I do know {names} {DASH} shall I plan that instead?"
        return f"{sorry} I could plan {names} instead {DASH} would you like one of those?"

    def _planned(self, event: Planned) -> str:
        itinerary = event.itinerary
        lead = self._plan_lead(event)
        lines = [lead, "", *(day_line(d) for d in itinerary.days)]
        tail: list[str] = []
        assumed = defaults_used(event.defaults, itinerary)
        if assumed:
            tail.append(
                pick(
                    (
                        f"I assumed {join_words(assumed)} {DASH} tell me if you'd like it "
                        f"different.",
                        f"I went with {join_words(assumed)}; happy to change that.",
                        f"Since you didn't say, I assumed {join_words(assumed)}.",
                    ),
                    event.session_id, event.turn, "defaults",
                )
            )
        tail.extend(event.notes)
        if event.uncovered:
            tail.insert(0, replies.uncovered(event.uncovered, event.offered))
        if event.diff is not None:
            tail.insert(0, replies.diff_sentence(event.diff))
        tail.append(
            pick(
                (
                    "Want me to swap anything, change the pace, or export it to your calendar?",
                    "Anything to change? I can swap places, add or drop a day, or make it more "
                    "relaxed.",
                    'Tell me what to tweak ("swap day 1 and 2", "something outdoors on day 2") '
                    'or say "export" for a calendar file.',
                    "How does that look? I can replace a place, reshuffle days or export it.",
                ),
                event.session_id, event.turn, "invite",
            )
        )
        return "\n".join([*lines, "", *_answers(event.answers), " ".join(tail)])

    @staticmethod
    def _plan_lead(event: Planned) -> str:
        itinerary = event.itinerary
        city, length = itinerary.city, trip_length(itinerary)
        start = itinerary.days[0].date if itinerary.days else None
        when = f", starting {long_date(start)}" if start else ""
        options: tuple[str, ...]
        if len(itinerary.legs) >= 2:
            city = legs_words(itinerary_legs(itinerary))
            options = (f"Here's your {'new ' if event.replanned else ''}{length} trip {DASH} "
                       f"{city}{when}:", f"Your {length} trip {DASH} {city}{when}:")
        elif event.replanned and event.diff is not None and event.diff.is_empty():
            options = (f"The plan came out the same {DASH} your {length} {city} trip{when}:",)
        elif event.replanned:
            options = (
                f"Here's your new {length} plan for {city}{when}:",
                f"Your {length} trip to {city} now looks like this{when}:",
                f"Here's the {length} plan for {city} with that change{when}:",
            )
        else:
            options = (
                f"Here's your {length} plan for {city}{when}:",
                f"{city} it is! Here's a {length} itinerary{when}:",
                f"Your {length} trip to {city} is ready{when}:",
                f"I've put together {_days_words(length)} in {city} for you{when}:",
            )
        return pick(options, event.session_id, event.turn, "plan-lead")

    def _edited(self, event: Edited) -> str:
        description = capitalised(event.summary.description.strip().rstrip("."))
        if not description and event.diff.is_empty():
            return replies.unchanged(Unchanged(
                reason="that's already how the plan is",
                suggestion="Tell me another change if you'd like one."))
        from_diff = not description
        if from_diff:
            description = replies.diff_sentence(event.diff).rstrip(".")
        lead = pick(
            ("Done!", "All set.", "Sure!", "There you go."),
            event.session_id, event.turn, "edited",
        )
        done = f"{lead} {description}." if description else lead
        touched = [d for d in event.itinerary.days if d.day in event.summary.days]
        lines = [done]
        if touched:
            lines += ["", *(day_line(d) for d in touched)]
        follow = pick(
            ("Anything else?", "Anything else you'd like to change?",
             f"What next {DASH} more changes, or export it?",
             "Happy with that, or shall I tweak more?"),
            event.session_id, event.turn, "edited-follow",
        )
        said = "" if from_diff else replies.diff_sentence(event.diff.model_copy(
            update={"added": [], "removed": [], "moved": [], "retimed": False}))
        tail = " ".join(part for part in (said, *event.notes, follow) if part)
        return "\n".join([*lines, "", *_answers(event.answers), tail])

    def _answer(self, event: Answer) -> str:
        itinerary = event.itinerary
        day = next((d for d in itinerary.days if d.day == event.day), None)
        if day is None:
            return self._whole_trip(itinerary, event.session_id, event.turn)
        schedule = day_schedule(day)
        lead = f"{day_heading(day)}:"
        body = "\n".join(schedule) if schedule else "Nothing planned yet: a free day."
        return f"{lead}\n{body}"

    @staticmethod
    def _whole_trip(itinerary: Itinerary, session_id: str, turn: int) -> str:
        lead = pick(
            (f"Here's the plan for {itinerary.city} so far:",
             f"Your {trip_length(itinerary)} {itinerary.city} trip at a glance:"),
            session_id, turn, "answer-all",
        )
        return "\n".join([lead, "", *(day_line(d) for d in itinerary.days)])

    def _started_over(self, event: StartedOver) -> str:
        return pick(
            (
                "Fresh start! Where would you like to go next?",
                f"Clean slate {DASH} where shall we go this time?",
                "Okay, starting over. Where are you off to next?",
            ),
            event.session_id, event.turn, "start-over",
        )

    def _not_understood(self, event: NotUnderstood) -> str:
        if event.planned:
            lead = pick(
                ("Sorry, I didn't quite catch that.", "Hmm, I'm not sure what you mean.",
                 "I didn't get that one, sorry."),
                event.session_id, event.turn, "not-understood",
            )
            return (
                f'{lead} You can say things like "swap day 1 and 2", "replace the museum on '
                f'day 2 with something outdoors", "make it more relaxed", "what\'s on day 3?" '
                f'or "export to calendar".'
            )
        lead = pick(
            ("Sorry, I didn't quite get that.", "Hmm, I didn't catch that.",
             "I'm not sure I follow."),
            event.session_id, event.turn, "not-understood",
        )
        examples = self._examples(3)
        known = f" I know cities like {examples}." if examples else ""
        return (
            f'{lead} Tell me a city and a few details, for example "4 days in Lisbon, food '
            f'and viewpoints".{known} Where would you like to go?'
        )


def _answers(answers: list[str]) -> list[str]:
    """Answers to questions asked with a change, each its own paragraph."""
    return [line for answer in answers for line in (answer, "")]


def _days_words(length: str) -> str:
    """"4-day" as "4 days" ("1-day" as "1 day")."""
    return "1 day" if length == "1-day" else length.replace("-day", " days")
