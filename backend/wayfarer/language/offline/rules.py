"""Lasting rules said in a message (issue 9): per-day caps ("max 3 stops a day", "no more
than one museum a day", "one church per day is plenty") and meal wishes that steer the
restaurants ("we're vegetarian", "somewhere fancy for dinner on day 3", "cheap eats").

A cap needs a limiting cue (no more than, at most, max, only, just, up to; or "... is
plenty / enough" after it) so "2 museums a day" said as a wish for more is not a cap. A cap
without its noun ("mosques, but no more than one a day") counts the last countable thing
named before it; with none named it is not read.
"""

import itertools
import re

from rapidfuzz import fuzz

from wayfarer.domain import (
    INTERESTS,
    EditScope,
    EditTrip,
    LimitPerDay,
    MealWish,
    PinPlace,
    PlaceSelector,
    RemovePlace,
)
from wayfarer.domain.edits import MealWishKind
from wayfarer.language.offline.numbers import NUMBER, to_int
from wayfarer.language.offline.selectors import CATEGORIES, GENERIC

#: What a cap counts: a catalog category, or None for any stop.
_COUNTED: dict[str, str | None] = {
    "museum": "museum", "gallery": "gallery", "galleries": "gallery", "church": "church",
    "temple": "temple", "shrine": "shrine", "mosque": "mosque", "palace": "palace",
    "castle": "castle", "market": "market", "park": "park", "garden": "garden",
    "viewpoint": "viewpoint", "monument": "monument", "beach": "beach",
    "stop": None, "sight": None, "place": None, "thing": None, "activity": None,
    "activities": None, "attraction": None, "visit": None,
}
_WHAT = "|".join(sorted(_COUNTED, key=len, reverse=True))
_PER_DAY = r"(?:a|per|each|every|in a|in one) day|daily"
_CAP = re.compile(
    rf"\b(?:no more than|not more than|at most|max(?:imum)?|only|just|up to|limit (?:it |us )?"
    rf"to|never more than)\s+(?P<n>{NUMBER}|a single|one) (?:(?:big|major) )?"
    rf"(?P<what>{_WHAT})(?:e?s)? (?:{_PER_DAY})\b"
    rf"|\b(?P<n2>{NUMBER}|a single|one) (?P<what2>{_WHAT})(?:e?s)? (?:{_PER_DAY}) "
    r"(?:is|are|would be) (?:plenty|enough|the max|max|more than enough)\b"
    rf"|\b(?P<what3>{_WHAT})(?:e?s)?:? (?:max|at most|no more than) (?P<n3>{NUMBER}) "
    rf"(?:{_PER_DAY})\b"
)
#: A cap whose noun is left out ("mosques, but no more than one a day"): it counts the
#: last countable thing named before it in the message.
_ELIDED_CAP = re.compile(
    rf"\b(?:no more than|not more than|at most|max(?:imum)?|only|just|up to|never more than)"
    rf"\s+(?P<n>{NUMBER}|a single|one) (?:{_PER_DAY})\b"
)
_NAMED = re.compile(rf"\b(?P<what>{_WHAT})(?:e?s)?\b")
_DAY = re.compile(r"\bday (?P<n>\d{1,2})\b")
_VEGETARIAN = re.compile(r"\b(?:vegetarian|vegan|veggie|no meat|plant based)\b")
_MEAL = r"(?:dinners?|restaurants?|meals?|dining|lunch(?:es)?|place to eat|somewhere to eat)"
_FANCY = re.compile(
    rf"\bfine dining\b|\b(?:fancy|upscale|posh|michelin|classy|gourmet|special|romantic|"
    rf"really nice|very nice)\b[^.,;!?]{{0,25}}\b{_MEAL}\b"
    rf"|\b{_MEAL}\b[^.,;!?]{{0,25}}\b(?:fancy|upscale|posh|michelin|classy|gourmet)\b"
)
_CHEAP = re.compile(
    r"\bcheap (?:eats|food|meals|restaurants|places to eat|dinners|lunches)\b|"
    r"\b(?:eat|eating) cheap(?:ly)?\b|\binexpensive (?:food|meals|restaurants)\b|"
    r"\bbudget (?:meals|food|restaurants|eats)\b"
)


def _count(text: str) -> int | None:
    return 1 if text in ("a single", "one") else to_int(text)


def read_caps(folded: str) -> list[EditTrip]:
    """Per-day caps said in ``folded`` (see the module docstring)."""
    found: list[EditTrip] = []
    for match in _CAP.finditer(folded):
        number = match["n"] or match["n2"] or match["n3"]
        what = match["what"] or match["what2"] or match["what3"]
        limit = _count(number)
        if limit is None or not 1 <= limit <= 6:
            continue
        category = _COUNTED[what]
        found.append(EditTrip(edit=LimitPerDay(category=category, limit=limit)))
    return found


def read_elided_caps(folded: str) -> list[EditTrip]:
    """Caps without their noun ("mosques, but no more than one a day"): the thing counted
    is the last countable thing named before the cap; the words naming it stay a wish."""
    found: list[EditTrip] = []
    for match in _ELIDED_CAP.finditer(folded):
        named = [m["what"] for m in _NAMED.finditer(folded, 0, match.start())]
        limit = _count(match["n"])
        if named and limit is not None and 1 <= limit <= 6 and _COUNTED[named[-1]]:
            found.append(EditTrip(edit=LimitPerDay(category=_COUNTED[named[-1]], limit=limit)))
    return found


def read_meal_wishes(folded: str) -> list[EditTrip]:
    """Meal wishes that steer restaurants: vegetarian, fancy, cheap (one day when a day
    is named with a fancy or cheap wish)."""
    day_match = _DAY.search(folded)
    day = int(day_match["n"]) if day_match else None
    found: list[EditTrip] = []
    kinds: list[tuple[MealWishKind, int | None]] = []
    if _VEGETARIAN.search(folded):
        kinds.append(("vegetarian", None))
    if _FANCY.search(folded):
        kinds.append(("fancy", day))
    if _CHEAP.search(folded):
        kinds.append(("cheap", day))
    for wish, on in kinds:
        scope = EditScope(kind="day", day=on) if on else EditScope()
        found.append(EditTrip(edit=MealWish(wish=wish, day=on), scope=scope))
    return found


#: Words that start a new clause after a named place ("skip the louvre as we've been").
_CLAUSE = re.compile(r"\s+\b(?:but|as|because|since|please|pls|too|this|on|in|for|we|i|"
                     r"it's|its|if|so|though|cause|cos|again|anymore|already)\b.*$")
_MUST_SEE = re.compile(
    r"\b(?:must see|must-see|must visit|have to see|have to visit|need to see|really want to "
    r"(?:see|visit)|definitely (?:want to )?(?:see|visit)|can't miss|cannot miss|don't want to "
    r"miss|make sure (?:we|to|i) (?:see|visit))\s"
)
_SKIP_PLACE = re.compile(
    r"\b(?:skip|skipping|avoid|leave out|not interested in|no need for|no(?!\s+(?:more|less|"
    r"later|earlier|longer|than|one|two|problem|problems|idea|rush|worries|preference|"
    r"preferences|clue|way|need|thanks|thank|kids|children|meat))|we've (?:already )?"
    r"(?:been to|seen|done)|we have (?:already )?(?:been to|seen|done)|already (?:been to|"
    r"seen|done))\s"
)
_LIST_PARTS = re.compile(r"(\s*,\s*(?:and\s+)?|\s+(?:and|or|&)\s+)")


def read_place_wishes(folded: str) -> list[EditTrip]:
    """Places named before there is a plan: a must-see is kept (``PinPlace``), one to skip
    left out (``RemovePlace``); a list ("the colosseum and the vatican museums") names
    each, up to the next wish or the end of the sentence. Names made only of kind words
    ("the museums") are left to the interest readers; the conversation keeps a wish only
    when the trip's city has a place of that name."""
    found: list[EditTrip] = []
    for sentence in re.findall(r"[^.;!?()]+", folded):
        verbs = sorted([(m.start(), m.end(), "pin") for m in _MUST_SEE.finditer(sentence)]
                       + [(m.start(), m.end(), "remove") for m in _SKIP_PLACE.finditer(sentence)])
        for (_, end, make), after in itertools.zip_longest(verbs, verbs[1:]):
            said = sentence[end: after[0] if after else len(sentence)]
            for name in _names(said):
                target = PlaceSelector(name=name)
                edit = PinPlace(target=target) if make == "pin" else RemovePlace(target=target)
                found.append(EditTrip(edit=edit, scope=EditScope(kind="place", place=name)))
    return found


def _names(said: str) -> list[str]:
    """The place names of a list, each without its article and trailing clause: the first
    item, then items after "and" / "or", or after a comma when they start with "the"
    ("the colosseum, the pantheon and trevi fountain"; not "the nightlife, mostly food")."""
    out = []
    parts = _LIST_PARTS.split(_CLAUSE.sub("", said.strip()))
    for position in range(0, len(parts), 2):
        part = parts[position].strip()
        joined = parts[position - 1].strip() if position else "and"
        if joined == "," and not part.startswith("the "):  # ", and x" is joined "and"
            break
        name = re.sub(r"^(?:the|a|an)\s+", "", part)
        if 3 <= len(name) <= 40 and not all(_is_kind(w) for w in name.split()):
            out.append(name)
    return out


def _is_kind(word: str) -> bool:
    """A word that names a kind of place or an interest ("museums", "nightlife", even
    misspelt), not a particular place."""
    return (word in GENERIC or bool(CATEGORIES.pattern.fullmatch(word))
            or any(fuzz.ratio(word, i) >= KIND_SPELLING for i in INTERESTS))


#: Least similarity (0-100) of a word to an interest for it to be that interest misspelt.
KIND_SPELLING = 80
