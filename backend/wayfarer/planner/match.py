"""Matching a :class:`~wayfarer.domain.PlaceSelector` against itinerary items and catalog
places: fuzzy names (rapidfuzz), categories with simple plurals and meal words, interests,
and the indoor flag ("something outdoors").
"""

import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from wayfarer.domain import PlaceSelector
from wayfarer.planner.catalog import FOOD_CATEGORIES, CatalogPlace

#: Lowest rapidfuzz WRatio (0-100) for a name to count as a match.
NAME_CUTOFF = 80.0
MEAL_WORDS = frozenset({"meal", "meals", "food", "restaurant", "restaurants", "lunch", "dinner",
                        "eat", "eating", "cafe", "cafes", "bar", "bars"})
SLOT_WORDS = {"lunch": "lunch", "dinner": "dinner"}


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Lower case, accents and punctuation removed, single spaces ("Café  Nº1" -> "cafe n1").
    Memoised: an edit matches one selector's words against every place of a city."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    cleaned = "".join(c if c.isalnum() else " " for c in plain)
    return " ".join(cleaned.split())


def name_score(query: str, name: str) -> float:
    """How well ``query`` names ``name`` (0-100; exact words score 100)."""
    q, n = normalise(query), normalise(name)
    if not q or not n:
        return 0.0
    if q == n:
        return 100.0
    return float(fuzz.WRatio(q, n))


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def is_meal_selector(selector: PlaceSelector) -> bool:
    """True when the selector's category asks for food ("a restaurant", "dinner")."""
    if selector.category is None:
        return False
    text = normalise(selector.category)
    return text in MEAL_WORDS or _singular(text) in FOOD_CATEGORIES or text in FOOD_CATEGORIES


def meal_slot(selector: PlaceSelector) -> str | None:
    """"lunch" or "dinner" when the selector's category names a meal."""
    if selector.category is None:
        return None
    return SLOT_WORDS.get(normalise(selector.category))


def category_matches(text: str, place: CatalogPlace) -> bool:
    """True when ``text`` ("museum", "Museums", "temples", "park") describes ``place``."""
    word = _singular(normalise(text))
    if not word:
        return True
    if word in MEAL_WORDS or _singular(word) in MEAL_WORDS:
        return place.kind == "food"
    category = place.category
    if word == category or word in category.split() or _singular(category) == word:
        return True
    return word in place.interests or f"{word}s" in place.interests


def place_matches(selector: PlaceSelector, place: CatalogPlace) -> bool:
    """True when ``place`` satisfies every field of ``selector`` except ``day``."""
    if selector.name is not None and name_score(selector.name, place.name) < NAME_CUTOFF:
        return False
    if selector.category is not None and not category_matches(selector.category, place):
        return False
    if selector.interest is not None and selector.interest not in place.interests:
        return False
    return selector.outdoor is None or place.indoor != selector.outdoor


def describe(selector: PlaceSelector) -> str:
    """A short phrase for messages: "Belém Tower", "a museum on day 2", "something outdoors"."""
    if selector.name:
        head = selector.name
    elif selector.category:
        word = selector.category.strip()
        head = f"an {word}" if word[:1].lower() in "aeiou" else f"a {word}"
    elif selector.interest:
        head = f"a {selector.interest} place"
    elif selector.outdoor is not None:
        head = "something outdoors" if selector.outdoor else "something indoors"
    else:
        head = "a place"
    if selector.outdoor is not None and (selector.name or selector.category or selector.interest):
        head += " outdoors" if selector.outdoor else " indoors"
    return f"{head} on day {selector.day}" if selector.day else head
