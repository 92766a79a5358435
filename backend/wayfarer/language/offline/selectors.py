"""Phrases that point at places ("the museum on day 2", "something outdoors", "the Louvre")
turned into a :class:`~wayfarer.domain.PlaceSelector`.

A phrase that names a place of the current itinerary (fuzzily: "the louvre" -> "Louvre
Museum") selects it by its exact name. Otherwise category words ("museum", "park"),
interest words ("historical", "for the kids") and indoor/outdoor words fill the selector,
and whatever specific words remain ("Sagrada Familia") become the name to look for.
"""

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from wayfarer.domain import Interest, Itinerary, PlaceSelector
from wayfarer.language.offline.dates import WEEKDAY, WEEKDAYS
from wayfarer.language.offline.interests import INTEREST_TABLE, SYNONYMS
from wayfarer.language.offline.lexicon import PhraseTable, words
from wayfarer.language.offline.nicknames import nickname_in
from wayfarer.language.offline.numbers import NUMBER, ORDINAL, ordinal_to_int
from wayfarer.language.offline.phrasing import meal_word
from wayfarer.language.offline.text import Text, fold, name_key
from wayfarer.language.offline.words import COMMON_WORDS

CATEGORIES = PhraseTable(
    {
        **dict.fromkeys(("museum", "museums"), "museum"),
        **dict.fromkeys(("gallery", "galleries", "art gallery", "art galleries"), "gallery"),
        **dict.fromkeys(("monument", "monuments", "memorial"), "monument"),
        **dict.fromkeys(("palace", "palaces"), "palace"),
        **dict.fromkeys(("castle", "castles", "fortress", "fort"), "castle"),
        **dict.fromkeys(
            ("church", "churches", "cathedral", "cathedrals", "basilica", "chapel"), "church"
        ),
        **dict.fromkeys(("temple", "temples"), "temple"),
        **dict.fromkeys(("mosque", "mosques"), "mosque"),
        **dict.fromkeys(("shrine", "shrines"), "shrine"),
        **dict.fromkeys(("synagogue", "synagogues"), "synagogue"),
        **dict.fromkeys(("park", "parks"), "park"),
        **dict.fromkeys(("garden", "gardens", "botanical garden"), "garden"),
        **dict.fromkeys(
            ("viewpoint", "viewpoints", "lookout", "lookouts", "miradouro", "observation deck"),
            "viewpoint",
        ),
        **dict.fromkeys(("beach", "beaches"), "beach"),
        **dict.fromkeys(
            ("neighbourhood", "neighborhood", "neighbourhoods", "neighborhoods", "district",
             "quarter", "area"),
            "neighbourhood",
        ),
        **dict.fromkeys(("market", "markets", "bazaar", "bazaars", "souk", "souks"), "market"),
        **dict.fromkeys(("square", "plaza"), "square"),
        **dict.fromkeys(("landmark", "landmarks"), "landmark"),
        **dict.fromkeys(("zoo",), "zoo"),
        **dict.fromkeys(("aquarium",), "aquarium"),
        **dict.fromkeys(("show", "theatre", "theater", "performance", "concert"), "show"),
        **dict.fromkeys(("ruins", "ruin"), "ruins"),
        **dict.fromkeys(("bridge",), "bridge"),
        **dict.fromkeys(("tower",), "tower"),
        **dict.fromkeys(("mall", "shopping centre", "shopping center"), "shopping"),
        **dict.fromkeys(("restaurant", "restaurants", "dinner spot", "lunch spot"), "restaurant"),
        **dict.fromkeys(("cafe", "cafes", "coffee shop", "coffee place"), "cafe"),
        **dict.fromkeys(("food market", "food hall"), "food market"),
        **dict.fromkeys(("street food",), "street food"),
        **dict.fromkeys(("bakery",), "bakery"),
        **dict.fromkeys(("bar", "bars", "pub", "pubs", "rooftop bar", "cocktail bar",
                         "cocktail bars", "wine bar", "wine bars", "jazz bar", "jazz bars",
                         "brewery", "breweries", "brewpub", "taproom", "beer hall",
                         "beer halls", "beer garden", "beer gardens", "speakeasy",
                         "tavern", "taverns"), "bar"),
        **dict.fromkeys(("club", "nightclub", "clubs", "jazz club", "jazz clubs",
                         "music venue", "live music venue"), "nightlife"),
    }
)
_OUTDOOR = re.compile(
    r"\b(?:outdoors?|outside|open[\s-]air|in the open|al fresco|in the sun|fresh air)\b"
)
_INDOOR = re.compile(r"\b(?:indoors?|inside|covered|out of the (?:rain|sun|heat)|rainy day)\b")
DAY_REF = re.compile(
    rf"\b(?:on |for |from |in |during )?(?:the )?(?:day\s*(?P<n>{NUMBER})|"
    rf"(?P<ord>{ORDINAL}|last|final) day|(?P<w>{WEEKDAY}))(?:'s)?\b"
)
GENERIC = words(
    """
    something somewhere someplace else different other another free cheaper nice fun cool
    place places spot spots activity activities thing things one ones stuff new better
    instead more less good great interesting cheap touristy local quieter quiet famous
    popular nearby closer similar like it that this them those option alternative visit
    please can you we i to with of and for on in at maybe also too just rather kind sort
    type bit little lot lots the a an some any my our day days trip go going see seeing do
    doing whole entire totally completely relaxing fancy expensive cheapest best top worth
    big small short long quick morning afternoon evening night lunch dinner breakfast stop
    stops sight sights attraction attractions experience again
    """
)
#: Words that name no particular place.
_ORDINARY = GENERIC | COMMON_WORDS


@dataclass(frozen=True)
class DayIndex:
    """Maps day references ("day 2", "last day", "tuesday") onto an itinerary's days."""

    count: int | None = None
    weekdays: tuple[int | None, ...] = ()

    @classmethod
    def of(cls, itinerary: Itinerary | None) -> "DayIndex":
        if itinerary is None:
            return cls()
        weekdays = tuple(d.date.weekday() if d.date else None for d in itinerary.days)
        return cls(len(itinerary.days), weekdays)

    def weekday(self, name: str) -> int | None:
        """The day number whose date falls on weekday ``name`` (first one), or None."""
        wanted = next(i for i, w in enumerate(WEEKDAYS) if w.startswith(name[:3]))
        for number, weekday in enumerate(self.weekdays, start=1):
            if weekday == wanted:
                return number
        return None

    def resolve(self, match: re.Match[str]) -> int | None:
        """The day number a :data:`DAY_REF`-style match names, or None."""
        if match["n"]:
            return ordinal_to_int(match["n"])
        if match["ord"]:
            if match["ord"] in ("last", "final"):
                return self.count
            return ordinal_to_int(match["ord"])
        if match["w"]:
            return self.weekday(match["w"])
        return None


def read_day_ref(phrase: str, days: DayIndex) -> tuple[int | None, str]:
    """The day a phrase names and the phrase without it."""
    match = DAY_REF.search(phrase)
    if match is None:
        return None, phrase
    day = days.resolve(match)
    if day is None and not match["w"]:
        return None, phrase
    return day, (phrase[: match.start()] + " " + phrase[match.end() :]).strip()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text)


def _itinerary_names(itinerary: Itinerary | None, day: int | None) -> list[str]:
    if itinerary is None:
        return []
    return [
        item.place.name
        for d in itinerary.days
        if day is None or d.day == day
        for item in d.items
    ]


def match_place_name(phrase: str, itinerary: Itinerary | None, day: int | None) -> str | None:
    """The itinerary place a phrase names ("the louvre" -> "Louvre Museum"), or None.

    A phrase of only category, interest and generic words ("the museum") names no place:
    the category reader handles it.
    """
    said = _words(fold(phrase))
    nickname = nickname_in(" ".join(said))
    words = [w for w in said if w not in GENERIC]
    if nickname is None and (not words or all(
            CATEGORIES.pattern.fullmatch(w) or w in SYNONYMS for w in words)):
        return None
    names = _itinerary_names(itinerary, day) or _itinerary_names(itinerary, None)
    if not names:
        return None
    query = nickname or " ".join(words)
    if len(query) < MIN_NAME_CHARS:  # "v" would fuzzily match any name with a v in it
        return None
    keys = {name_key(n): n for n in names}
    found = process.extractOne(
        query, list(keys), scorer=_name_score, score_cutoff=NAME_MATCH_CUTOFF
    )
    return keys[found[0]] if found else None


_MEAL = re.compile(r"\b(?P<meal>breakfast|lunch|dinner)\b")


def _meal_place(phrase: str, itinerary: Itinerary | None, day: int | None) -> str | None:
    """The place of "the dinner on day 1" (a meal of a given day), or None."""
    match = _MEAL.search(phrase)
    if match is None or itinerary is None or day is None:
        return None
    for plan_day in itinerary.days:
        if plan_day.day != day:
            continue
        for item in plan_day.items:
            if item.kind == "meal" and meal_word(item) == match["meal"]:
                return item.place.name
    return None


#: A shorter phrase names no place (after nicknames).
MIN_NAME_CHARS = 3

#: Least score (0-100) for a phrase to name an itinerary place.
NAME_MATCH_CUTOFF = 85


def _name_score(query: str, name: str, **_: object) -> float:
    """How well ``query`` names ``name``: whole-string similarity when they share a word
    (WRatio alone rates "victoria and albert museum" 85 against "greenwich village and
    washington square park"), or all-words-present similarity."""
    whole = fuzz.WRatio(query, name) if _shares_word(query, name) else 0.0
    return max(whole, fuzz.token_set_ratio(query, name))


def _shares_word(query: str, name: str) -> bool:
    """True when a word of ``query`` (3+ letters, not a joining word) begins, or is
    spelt like, a word of ``name``."""
    have = name.split()
    return any(
        any(n.startswith(w) or fuzz.ratio(w, n) >= SAME_WORD for n in have)
        for w in query.split() if len(w) >= 3 and w not in _JOINING and not _is_kind(w)
    )


def _is_kind(word: str) -> bool:
    """A word that names a kind of place ("museum", "park"), not a particular one."""
    return word in GENERIC or word in SYNONYMS or bool(CATEGORIES.pattern.fullmatch(word))


#: Least similarity (0-100) of two words taken as the same word misspelt.
SAME_WORD = 80
_JOINING = frozenset({"and", "the", "for", "with", "del", "des", "der", "die", "das", "los",
                      "las", "von", "van"})


def read_selector(
    raw_phrase: str, itinerary: Itinerary | None, days: DayIndex, default_day: int | None = None
) -> PlaceSelector:
    """The selector a phrase describes (see the module docstring)."""
    phrase = fold(raw_phrase)
    day, rest = read_day_ref(phrase, days)
    day = day or default_day
    name = match_place_name(rest, itinerary, day) or _meal_place(rest, itinerary, day)
    if name is not None:
        return PlaceSelector(name=name, day=day)
    proper = _proper_name(raw_phrase, rest)
    if proper is not None:
        return PlaceSelector(name=proper, day=day)
    text = Text.of(rest)
    outdoor: bool | None = None
    if text.take(_OUTDOOR) is not None:
        outdoor = True
    elif text.take(_INDOOR) is not None:
        outdoor = False
    named = _named_sight(text)
    if named is not None:
        return PlaceSelector(name=_original_words(raw_phrase, named), outdoor=outdoor, day=day)
    category = CATEGORIES.take_first(text)
    interest: Interest | None = None
    for interests, _ in INTEREST_TABLE.take_all(text):
        interest = interest or interests[0]
    residual = [t for t in text.free_tokens() if t.text not in _ORDINARY]
    specific = None
    if residual and not any(t.text.isdigit() for t in residual):
        specific_raw = _original_words(raw_phrase, [t.text for t in residual])
        specific = specific_raw or None
    return PlaceSelector(
        name=specific, category=category, interest=interest, outdoor=outdoor, day=day
    )


_DETERMINERS = frozenset({"the", "a", "an", "some", "that", "this"})
#: Categories that end a sight's own name ("Sky Garden", "Rose Garden", "St James Park").
_NAMING_CATEGORIES = frozenset({"garden", "park", "palace", "castle", "church", "temple",
                                "mosque", "shrine", "museum", "gallery", "tower", "market",
                                "monument", "beach"})


def _named_sight(text: Text) -> list[str] | None:
    """The words of a name made of specific words followed by a sight category ("sky
    garden"), which names one place rather than any place of that category; None
    otherwise. Claims nothing."""
    tokens = text.free_tokens()
    for i, token in enumerate(tokens):
        value = CATEGORIES.value(token.text) if CATEGORIES.pattern.fullmatch(token.text) else None
        if value not in _NAMING_CATEGORIES or i == 0:
            continue
        before = [t for t in tokens[:i] if t.text not in _DETERMINERS]
        if before and all(t.text not in _ORDINARY and t.text not in SYNONYMS
                          and not t.text.isdigit() for t in before):
            return [t.text for t in before] + [token.text]
    return None


def _proper_name(raw_phrase: str, folded_rest: str) -> str | None:
    """The phrase as written when it names something ("the Palace of Versailles" ->
    "Palace of Versailles"): it holds a capitalised word that is neither ordinary nor
    generic. None otherwise."""
    kept = set(_words(folded_rest))
    tokens = [t for t in re.findall(r"[^\W_]+(?:'[^\W_]+)?", raw_phrase) if fold(t) in kept]
    while tokens and fold(tokens[0]) in _DETERMINERS:
        tokens.pop(0)
    if not any(t[:1].isupper() and fold(t) not in _ORDINARY for t in tokens):
        return None
    start = raw_phrase.find(tokens[0])
    end = raw_phrase.rfind(tokens[-1]) + len(tokens[-1])
    return raw_phrase[start:end].strip(" ,.!?") or None


def _original_words(raw: str, folded_words: list[str]) -> str:
    """The original spelling of the run of ``raw`` covering ``folded_words``."""
    tokens = [(m.group(), m.start(), m.end()) for m in re.finditer(r"[^\W_]+(?:'[^\W_]+)?", raw)]
    wanted = set(folded_words)
    kept = [(s, e) for word, s, e in tokens if fold(word) in wanted]
    if not kept:
        return ""
    return raw[kept[0][0] : kept[-1][1]].strip(" ,.!?")
