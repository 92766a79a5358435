"""Typed questions, confirmations and hedges in a message (issue 9).

:func:`read_question` recognises one typed question (opening hours, cost, why a place,
what is on a day or at a time, getting somewhere, covered cities, a fact about a place,
and what the product cannot know). A message read as a question yields only that act, so
a city, date or price named inside a question never changes the trip. Place names are
returned as the words left once the question's own words are removed; the conversation
resolves them against the plan and the catalog.
"""

import re
from collections.abc import Callable
from typing import Literal

from wayfarer.domain import (
    AskCost,
    AskCoveredCities,
    AskOpeningHours,
    AskPlaceFact,
    AskRoute,
    AskSchedule,
    AskTravelToCity,
    AskUnknowable,
    AskWhy,
    Question,
)
from wayfarer.domain.acts import PlaceFact, UnknowableTopic, Weekday
from wayfarer.language.offline.interests import read_interests
from wayfarer.language.offline.nicknames import with_names
from wayfarer.language.offline.numbers import NUMBER, to_int
from wayfarer.language.offline.text import Text

#: Weekday words in English, Spanish, French and German (folded), with short forms.
WEEKDAY_WORDS: dict[str, Weekday] = {}
for _name, _words in {
    "monday": "monday mon mondays lunes lundi montag",
    "tuesday": "tuesday tue tues tuesdays martes mardi dienstag",
    "wednesday": "wednesday wed weds wednesdays miercoles mercredi mittwoch",
    "thursday": "thursday thu thur thurs thursdays jueves jeudi donnerstag",
    "friday": "friday fri fridays viernes vendredi freitag",
    "saturday": "saturday sat saturdays sabado samedi samstag",
    "sunday": "sunday sun sundays domingo dimanche sonntag",
}.items():
    for _word in _words.split():
        WEEKDAY_WORDS[_word] = _name  # type: ignore[assignment]

_ASKING = re.compile(
    r"\?|^\W*(?:is|are|does|do|did|can|could|will|would|should|what|whats|what's|wats|when|"
    r"how|why|which|where|who|any idea|tell me|i wonder|wondering|quick question)\b"
)
_UNKNOWABLE: list[tuple[UnknowableTopic, re.Pattern[str]]] = [
    ("weather", re.compile(r"\b(?:weather|rain(?:y|ing|s|ed)?|storms?|showers|forecast|"
                           r"temperature|sunny|snow|"
                           r"hot|cold|humid|umbrella|climate)\b")),
    ("accessibility", re.compile(r"\b(?:wheelchairs?|accessib\w*|step[- ]free|stairs|"
                                 r"elevators?|mobility|strollers?|prams?|buggy|"
                                 r"disabled|disability)\b")),
    ("safety", re.compile(r"\b(?:safe|safety|dangerous|danger|crime|scams?|pickpockets?|"
                          r"unsafe|sketchy)\b")),
    ("visas", re.compile(r"\b(?:visas?|passports?|entry requirements?|esta|customs|"
                         r"vaccinations?)\b")),
    ("bookings", re.compile(r"\b(?:book|booking|reserve|reservation|buy (?:the )?tickets?)\b")),
    ("opening_now", re.compile(r"\bopen (?:right )?now\b")),
    ("other", re.compile(r"\b(?:crowds?|crowded|queues?|wait times?|lines? (?:at|for)|"
                         r"tips?|tipping|dress code|wifi|sim cards?|plugs?|tap water)\b")),
    ("live_prices", re.compile(r"\b(?:exchange rate|current prices?|live prices?|prices? "
                               r"(?:right )?now|sold out|availability|available tickets|"
                               r"flight prices?|hotel prices?|how much (?:is|are) (?:a )?"
                               r"(?:flights?|hotels?|taxi|uber))\b")),
]
_HOURS = re.compile(r"\b(?:open|opens|opening|hours|close|closes|closed|closing|ouvert|"
                    r"ouverte|abierto|abierta|offen|geoffnet|aperto)\b")
#: "can we see X on a Monday?": whether X is open that weekday (a weekday, not "day 2",
#: which asks to put X on that day).
_CAN_ON_WEEKDAY = re.compile(
    r"^\W*(?:(?:so|ok|okay|and|but) )?(?:can|could|should|is it possible to|would it work to) "
    r"(?:we |i |you |one )?(?:do|see|visit|go to|fit in|manage|check out|get into|pop into) "
    r"(?P<place>.+?) on (?:a |the )?(?P<weekday>[a-z]+)\b"
)
#: Asks for hours even without a question mark ("opening hours of the Louvre").
_HOURS_ASKED = re.compile(r"\b(?:opening hours|opening times|hours of|hours for)\b")
_COST = re.compile(r"\b(?:how much|cost|costs|price|prices|pricey|expensive|"
                   r"spend(?! (?:more|less|extra|longer|some|a (?:bit|little|while)) time)|total|"
                   r"budget(?: for)? it|afford|fee|fees|admission|entrance|entry|"
                   r"set (?:us|me|you) back|run (?:us|me))\b"
                   r"|\bwhat (?:does|do|would|will|did)\b[^?.!;]{0,40}\b(?:come|add up) to\b")
#: "is the star ferry cheap?": a price question, not a request for a cheaper trip.
_COST_ASKED = re.compile(r"^\W*(?:is|are|was|will|would)\b.*\b(?:cheap|affordable|"
                         r"worth (?:it|the money))\W*$")
_WHY = re.compile(r"\bwhy\b")
_COST_WORDS = re.compile(r"\b(?:how much|costs?|prices?|pricey|expensive|cheap|affordable|"
                         r"set|back|run|"
                         r"worth|money|spend|total|afford|come to|add up to|ballpark|"
                         r"people|persons|of us|both|all|entry|entrance|ticket|tickets|"
                         r"admission|fee|fees|whole|roughly|about|approximately|going|"
                         r"should|budget|we|us|for|[0-9]+|two|three|four|five|six)\b")
_TRIP_WORDS = frozenset({"trip", "plan", "this", "it", "everything", "holiday", "vacation",
                         "itinerary", "this trip", "this plan", "the trip", "that", "all this",
                         "all that", "the whole trip", "it all", "this all", "thing",
                         "whole thing", "the whole thing"})
_ROUTE = re.compile(
    r"\b(?:how (?:do|can|should|would|will) (?:i|we) (?:get|go|travel)|how to get|"
    r"far (?:from|away)|how long (?:does it|will it|is it|to) (?:take |be )?(?:to )?"
    r"(?:walk|get|go|drive|travel)|walk(?:ing)? (?:from|to)|"
    r"getting|get there|how far|how long (?:does it take )?to (?:get|go)|distance|"
    r"travel time|train|flight|fly|(?:best|quickest|easiest|fastest|cheapest) way (?:to )?"
    r"(?:get|go|travel)(?: from)?)\b"
)
#: "Is it walkable?", "how much walking is there on day 2?": the walking of a day or the trip.
_WALKING = re.compile(
    r"\b(?:walkable|walkability|how much (?:walking|do we walk|will we walk)|"
    r"(?:lots|a lot|much|too much) of walking|(?:walk|walking) everywhere|"
    r"(?:do|will|can) (?:we|i) (?:need|have) to (?:take|use) (?:the )?"
    r"(?:metro|subway|taxis?|cabs?|buses|public transport|transit)|"
    r"(?:can|could) (?:we|i) walk (?:it|everywhere|between|it all|all of it)|"
    r"on foot\?)"
)
#: Words that name the plan itself, not a place in it.
_PLAN_WORDS = frozenset({"it", "plan", "the plan", "trip", "itinerary", "this", "that",
                         "everything", "all"})
_FROM_TO = re.compile(r"\bfrom (?P<a>[a-z0-9' .-]+?) to (?P<b>[a-z0-9' .-]+?)(?:\s+(?:after|"
                      r"later|next|then|on|and)\b.*)?\W*$")
_TO = re.compile(r"\bto (?P<b>[a-z0-9' .-]+?)(?:\s+(?:after|later|next|then|from|on|and)\b"
                 r".*)?\W*$")
_FROM = re.compile(r"\bfrom (?P<a>[a-z0-9' .-]+?)\W*$")
#: "how far is X from Y": X is where to, Y where from.
_FAR_FROM = re.compile(r"\bhow far (?:is|are|away is) (?P<b>[a-z0-9' .-]+?) from "
                       r"(?P<a>[a-z0-9' .-]+?)\W*$")
_COVERED = re.compile(
    r"\b(?:which|what) (?:other )?(?:cities|places|destinations|countries)\b|"
    r"\bdo you (?:cover|have|know|support|do|plan)\b|\bcan you (?:plan|do|cover)\b|"
    r"\bwhere (?:else )?can (?:i|we|you)\b"
)
_FACT: list[tuple[PlaceFact, re.Pattern[str]]] = [
    ("free", re.compile(r"\b(?:free|free entry|no charge|cost anything)\b")),
    ("indoor", re.compile(r"\b(?:indoors?|inside|covered)\b")),
    ("outdoor", re.compile(r"\b(?:outdoors?|outside|open air)\b")),
    ("kids", re.compile(r"\b(?:kids?|children|child|toddlers?|family|families|"
                        r"kid friendly|child friendly|teens?|teenagers?|years? old|"
                        r"year olds?)\b")),
]
_FACT_CUE = re.compile(r"^\W*(?:is|are|will|would)\b|\b(?:good|ok|okay|fine|suitable|safe) "
                       r"for\b|\bsuitable\b|\bis (?:[a-z' -]+ )?(?:free|indoors?|outdoors?)\b")
_TIME = re.compile(r"\bat (?P<h>\d{1,2})(?::(?P<m>\d{2}))? ?(?P<ap>am|pm|h)?\b|"
                   r"\bat (?P<word>noon|midday|lunchtime|lunch)\b")
_DAY = re.compile(rf"\b(?:day|dia|jour|tag) (?P<n>{NUMBER})\b|"
                  r"\b(?P<ord>first|second|third|fourth|fifth|sixth|seventh|last) day\b")
#: "Is the Louvre in the plan?", "when do we see the Louvre?": whether and when.
_VISITED = re.compile(
    r"\b(?:when (?:do|will|are|shall|would) (?:we|i) (?:visit|see|go to|be at|get to|do)|"
    r"(?:are|will) (?:we|i) (?:be )?(?:seeing|visiting|going to|see|visit|go to)|"
    r"(?:do|did) (?:we|i|you) (?:see|visit|get to see|go to|include|put in|have)|"
    r"which day (?:is|are|do we see|do we visit|will we see)|"
    r"(?:on|in) (?:it|the plan|the itinerary|the list|there|this plan|this trip)|"
    r"included|part of the (?:plan|trip|itinerary))\b"
)
#: "Which day is the priciest?" / "the cheapest day?" (with a day word): a cost rank.
_COST_RANK = re.compile(
    r"\b(?:(?P<most>most expensive|priciest|dearest|costliest|(?:costs?|spend(?:ing)?) "
    r"(?:the )?most|biggest spend|most money)|(?P<least>cheapest|least expensive|"
    r"(?:costs?|spend(?:ing)?) (?:the )?least|least money|lowest cost))\b"
)
#: "Which day is the busiest?" / "the most relaxed day?" (with a day word).
_BUSIEST = re.compile(
    r"\b(?:(?P<most>busiest|fullest|heaviest|longest|most (?:packed|hectic|full|intense|"
    r"tiring|busy)|(?:has|with|have) the most (?:stops|sights|things|going on))|"
    r"(?P<least>lightest|quietest|easiest|shortest|least (?:busy|packed|hectic|tiring)|"
    r"most (?:relaxed|chill|laid back|restful)|(?:has|with|have) the (?:fewest|least) "
    r"(?:stops|sights|things)))\b"
)
_DAY_WORD = re.compile(r"\bdays?\b")
#: "Can we spend more time at the Louvre?", "more time in the Orsay?": a longer visit.
_MORE_TIME = re.compile(r"\b(?:more|extra|longer|enough) time (?:at|in|for|inside) "
                        r"(?P<place>[^?.!,;]+)")
#: "Anything for the kids on day 2?", "what's good for art lovers?": what the plan has for
#: an interest the message names (read with the interest table), not a change.
_FOR_INTEREST = re.compile(
    r"^\W*(?:(?:so |and |ok |okay )?(?:is there|are there|do we have|have we got) )?"
    r"(?:anything|something|any(?:thing)? (?:good|fun|nice)|what(?:'s| is|s)? "
    r"(?:good|there|fun|nice|in (?:it|the plan))|what do we have|what have we got|what can "
    r"(?:we|the kids|kids|children) do)\b"
)
#: "What vegetarian options are on day 1?", "any vegan places to eat?": a diet asked about.
_DIET = re.compile(r"\b(?P<diet>vegetarian|veggie|vegan|plant[- ]based|halal|kosher)\b")
_DIET_ASKED = re.compile(r"\b(?:options?|places?|food|restaurants?|meals?|eat|eating|dishes|"
                         r"spots?|friendly|choices?|lunch|dinner)\b")
_CHANGE_WORDS = re.compile(r"\b(?:add|put|include|swap|replace|remove|drop|more|less|fewer|"
                           r"instead|change|could you|can you|please)\b")
_SCHEDULE = re.compile(
    r"\bque hay\b|"
    r"\b(?:what(?:'s| is| are|s)?|whats|wats|wat) (?:on|planned|happening|the plan|we doing|are we "
    r"doing|do we do|do we have)\b|\bshow (?:me )?(?:day|the plan|the itinerary)\b|"
    r"\bwhere (?:are|will) we\b|\bplan for day\b|\bwhat (?:do|did) (?:you|we) (?:plan|have)\b"
)
_FILLER = frozenset({
    "is", "are", "the", "a", "an", "on", "in", "at", "of", "for", "to", "what", "whats",
    "what's", "when", "does", "do", "did", "will", "it", "its", "it's", "open", "opens",
    "opening", "hours", "close", "closes", "closed", "closing", "time", "times", "day", "days",
    "and", "or", "there", "that", "this", "be", "we", "i", "you", "can", "could", "would",
    "should", "our", "my", "me", "tell", "please", "usually", "also", "how", "much", "why",
    "pick", "picked", "choose", "chose", "chosen", "include", "included", "put", "add", "added",
    "recommend", "recommended", "go", "get", "from", "going", "with", "about", "any", "idea",
    "was", "were", "which", "kind", "good", "free", "indoors", "indoor", "inside", "outdoors",
    "outside", "kids", "kid", "children", "child", "family", "friendly", "suitable", "ok",
    "okay", "visit", "visiting", "trip", "plan", "today", "tomorrow", "still", "too",
    "well", "again", "during", "then", "one", "have", "has", "doing", "?", "le", "la", "les",
    "est", "el", "der", "die", "das", "am", "ist", "hat", "year", "years", "old", "if",
})
_ABOUT = re.compile(r"\btell (?:me|us) (?:more |a bit |a little )?about\b|"
                    r"\bwhat(?:'s| is) (?:so )?special about\b|\bmore (?:info|details) on\b")
_PLAN_WORD = re.compile(r"(?:the )?(?:plan|itinerary|trip|day \d+|it|this)")
_MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
})
_DATE_NUMBER = re.compile(r"\d{1,2}(?:st|nd|rd|th)?")
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "seventh": 7}


def is_asking(folded: str) -> bool:
    """True when the message is phrased as a question."""
    return _ASKING.search(folded) is not None


def place_words(folded: str) -> str:
    """The place words of a folded phrase (question words, weekdays, days dropped)."""
    return _place(folded)


def weekday_in(folded: str) -> Weekday | None:
    """The weekday a folded phrase names, if any."""
    return _weekday(folded)


def _weekday(folded: str) -> Weekday | None:
    for word in re.findall(r"[a-z]+", folded):
        if word in WEEKDAY_WORDS:
            return WEEKDAY_WORDS[word]
    return None


def _ranked(folded: str, days: int) -> Question | None:
    """A question that ranks the plan's days (by cost or fullness) or asks what it has for
    an interest ("anything for the kids on day 2?"); None otherwise."""
    if _DAY_WORD.search(folded) and _DAY.search(folded) is None:
        for pattern, act in ((_COST_RANK, "cost"), (_BUSIEST, "busy")):
            match = pattern.search(folded)
            if match is not None:
                rank: Literal["most", "least"] = "most" if match["most"] else "least"
                return AskCost(rank=rank) if act == "cost" else AskSchedule(busiest=rank)
    diet = _DIET.search(folded)
    if diet is not None and _DIET_ASKED.search(folded) and not _CHANGE_WORDS.search(folded):
        word = diet["diet"]
        kind: Literal["vegetarian", "vegan", "halal", "kosher"] = (
            "vegetarian" if word in ("vegetarian", "veggie") else
            "vegan" if word in ("vegan", "plant based", "plant-based") else
            "halal" if word == "halal" else "kosher")
        return AskSchedule(day=_day(folded, days), diet=kind)
    if _FOR_INTEREST.search(folded) and not _CHANGE_WORDS.search(folded):
        wanted = read_interests(Text.of(folded)).add
        if len(wanted) == 1:
            return AskSchedule(day=_day(folded, days), interest=wanted[0])
    return None


#: Words that may follow a city in a route question without naming a place in it.
_CITY_TAIL = frozenset({"afterwards", "after", "later", "next", "then", "tomorrow", "by",
                        "train", "plane", "bus", "car", "rail", "air", "ferry", "boat",
                        "from", "here", "there", "first", "finally", "too", "also", "far",
                        "away", "long", "distance", "walk", "walking", "drive", "driving",
                        "take", "takes", "get", "go", "travel", "trip", "ride", "journey",
                        "hours", "minutes", "km", "miles", "is", "it", "to", "the"})


def _named_after(phrase: str, city: str) -> bool:
    """True when ``phrase`` holds the city's name and words of a place in it ("tokyo
    skytree", "osaka castle"), not only the city and words about the journey."""
    name = city.lower().split()
    words = phrase.split()
    if not any(words[i:i + len(name)] == name for i in range(len(words))):
        return False
    rest = [w for w in words if w not in name and w not in _CITY_TAIL and w not in _FILLER]
    return bool(rest)


def _day(folded: str, days: int) -> int | None:
    match = _DAY.search(folded)
    if match is None:
        return None
    if match["ord"]:
        return days if match["ord"] == "last" and days else _ORDINALS.get(match["ord"])
    return to_int(match["n"])


def _place(folded: str, drop: re.Pattern[str] | None = None) -> str:
    """The words of ``folded`` left once question words, weekdays and day refs go."""
    text = _DAY.sub(" ", folded)
    text = _TIME.sub(" ", text)
    if drop is not None:
        text = drop.sub(" ", text)
    words = [w for w in re.findall(r"[a-z0-9'-]+", text)
             if w not in _FILLER and w not in WEEKDAY_WORDS and w not in _MONTHS
             and not _DATE_NUMBER.fullmatch(w)]
    return with_names(" ".join(words))


def _time(folded: str) -> str | None:
    match = _TIME.search(folded)
    if match is None:
        return None
    if match["word"]:
        return "12:30" if match["word"].startswith("lunch") else "12:00"
    hour, minute = int(match["h"]), int(match["m"] or 0)
    if match["ap"] == "pm" and hour < 12:
        hour += 12
    elif match["ap"] is None and 1 <= hour <= 7:
        hour += 12  # "at 3" on a trip means the afternoon
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def read_question(
    folded: str, days: int, is_city: Callable[[str], str | None], countries: dict[str, str]
) -> Question | None:
    """The typed question asked in ``folded`` (a folded message), or None.

    ``days`` is the plan's length (for "last day"); ``is_city`` maps a phrase to a covered
    city name (None when it is not one); ``countries`` maps folded country names to their
    spelling, for "which cities in Italy?".
    """
    if not is_asking(folded) and not _HOURS_ASKED.search(folded) and not _ABOUT.search(
            folded):
        return None
    for topic, pattern in _UNKNOWABLE:
        if pattern.search(folded):
            return AskUnknowable(topic=topic)
    if _COVERED.search(folded) and not _HOURS.search(folded):
        country = next((name for key, name in countries.items()
                        if re.search(rf"\b{re.escape(key)}\b", folded)), None)
        city_named = is_city(_place(folded, _COVERED))
        if country is not None or city_named is None:
            return AskCoveredCities(country=country)
    ranked = _ranked(folded, days)
    if ranked is not None:
        return ranked
    longer = _MORE_TIME.search(folded)
    if longer is not None and _place(longer["place"]):
        return AskSchedule(place=_place(longer["place"]), more_time=True)
    if _WHY.search(folded) and not _COST.search(folded):
        place = _place(folded)
        return AskWhy(place=place) if place else None
    if _VISITED.search(folded) and not _HOURS.search(folded) and not _COST.search(folded):
        place = _place(folded, _VISITED)
        if place and place not in _PLAN_WORDS:
            return AskSchedule(place=place)
    if _WALKING.search(folded) and not _FROM_TO.search(folded) and not _TO.search(folded):
        return AskRoute(destination="", day=_day(folded, days))
    if _ROUTE.search(folded):
        return _route(folded, is_city)
    visit = _CAN_ON_WEEKDAY.search(folded)
    if visit is not None and visit["weekday"] in WEEKDAY_WORDS and _place(visit["place"]):
        return AskOpeningHours(place=_place(visit["place"]),
                               weekday=WEEKDAY_WORDS[visit["weekday"]])
    if _HOURS.search(folded):
        place = _place(folded)
        if place:
            return AskOpeningHours(place=place, weekday=_weekday(folded),
                                   day=_day(folded, days))
    if _COST.search(folded) or _COST_ASKED.search(folded):
        travelers = re.search(rf"\bfor (?P<n>{NUMBER}) (?:people|persons|of us|adults|"
                              r"travellers|travelers)\b|\bfor (?P<two>two|both) of us\b", folded)
        count = None
        if travelers is not None:
            count = 2 if travelers["two"] else to_int(travelers["n"])
        place = _place(folded, _COST_WORDS)
        return AskCost(travelers=count, day=_day(folded, days),
                       place=place if place and place not in _TRIP_WORDS else None)
    if _FACT_CUE.search(folded):
        for fact, pattern in _FACT:
            if pattern.search(folded):
                place = _place(folded, pattern)
                if place:
                    return AskPlaceFact(place=place, fact=fact)
    about = _ABOUT.search(folded)
    if about is not None:
        place = _place(folded[about.end():])
        if place and not _PLAN_WORD.fullmatch(place):
            return AskWhy(place=place)
    if _SCHEDULE.search(folded) or _TIME.search(folded):
        return AskSchedule(day=_day(folded, days), time=_time(folded))
    return None


def _route(folded: str, is_city: Callable[[str], str | None]) -> Question | None:
    both = _FROM_TO.search(folded) or _FAR_FROM.search(folded)
    origin = both["a"].strip() if both else None
    if origin is None and (after := _FROM.search(folded)) is not None:
        origin = after["a"].strip()
    match = both or _TO.search(folded)
    target = match["b"].strip() if match else _place(folded)
    if not target:
        return None
    city = is_city(target)
    if city is None and origin is None and is_city(_place(target)) is not None:
        city = is_city(_place(target))
    if city is not None and _named_after(target, city):
        city = None  # "tokyo skytree": a place named after its city, not the city
    if city is not None:
        from_city = is_city(origin) if origin else None
        return AskTravelToCity(city=city, origin=from_city)
    return AskRoute(destination=_place(target) or target,
                    origin=_place(origin) if origin else None)
