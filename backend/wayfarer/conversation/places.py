"""Which catalog place a traveller's words name, for answers (issue 9).

:func:`resolve_place` never answers about another place: a candidate must carry every
distinctive word the traveller said ("byzantine" in "the byzantine museum"; typos within
one or two letters allowed; a clipped start of a longer word, "the met", counts after
words said in full), or, when only category words were said ("the cathedral"), every one
of those. Candidates come from the plan (every stop) and from the planner's
fuzzy catalog lookup (the whole phrase and each distinctive word), so a place that is not
planned is found too. Several equally good candidates are returned for the reply to ask
which one is meant. The trip helpers below (:func:`lookup`, :func:`planned_place`, ...)
look across every city of a multi-city trip, the planned stop's own city first.
"""

from dataclasses import dataclass

from rapidfuzz import fuzz

from wayfarer.conversation.constraints import name_key
from wayfarer.domain import Itinerary, ItineraryDay, ItineraryItem, SessionState
from wayfarer.planner import CatalogPlace, Planner

#: Words that never tell places apart.
_STOP = frozenset({"the", "a", "an", "of", "de", "del", "della", "dell", "di", "da", "la",
                   "le", "el", "and", "at", "in", "st", "on", "des", "du", "der", "die", "das"})
#: Category words: they name a kind of place, not one place.
_GENERIC = frozenset({
    "museum", "museums", "museo", "musee", "gallery", "galleria", "church", "cathedral",
    "palace", "palazzo", "park", "garden", "gardens", "market", "tower", "square", "bridge",
    "temple", "shrine", "castle", "monastery", "basilica", "chapel", "fort", "mosque",
    "synagogue", "street", "district", "quarter", "beach", "house", "hall", "centre", "center",
    "building", "national", "art", "collection", "memorial", "monument", "viewpoint",
})


@dataclass(frozen=True)
class PlaceMatch:
    """The place meant (``place``), or the candidates to ask between (``choices``), or
    neither when nothing fits."""

    place: CatalogPlace | None = None
    choices: tuple[str, ...] = ()


def _words(text: str) -> list[str]:
    return [w for w in name_key(text).split() if w not in _STOP]


def _has(word: str, name_words: list[str]) -> bool:
    """``word`` is one of the name's words, allowing a small typo or a plural, or the
    clipped start of a longer one ("the met" for the Metropolitan Museum of Art)."""
    limit = 100.0 if len(word) < 5 else 80.0
    return any(word == w or word.rstrip("s") == w.rstrip("s")
               or fuzz.ratio(word, w) >= limit or _clipped(word, w) for w in name_words)


def _clipped(word: str, name_word: str) -> bool:
    return len(word) >= 3 and len(name_word) >= len(word) + 3 and name_word.startswith(word)


def _fit(said: list[str], name: str) -> tuple[int, int, int, int] | None:
    """How well ``name`` fits the words ``said``: (needed words spelt exactly as in the
    name, needed words matched in full, category words also matched, -extra name words),
    or None when a distinctive word (else any word) is missing. Exact spelling comes first:
    "kinkaku ji" is Kinkaku-ji, not Ginkaku-ji one letter away."""
    name_words = _words(name)
    distinctive = [w for w in said if w not in _GENERIC]
    needed = distinctive or said
    if not needed or not all(_has(w, name_words) for w in needed):
        return None
    whole = sum(not any(_clipped(w, n) for n in name_words) or w in name_words
                for w in needed)
    generic = sum(_has(w, name_words) for w in said if w in _GENERIC)
    exact = sum(w in name_words for w in needed)
    return exact, whole, generic, -(len(name_words) - len(said))


def resolve_place(
    phrase: str, city: str, itinerary: Itinerary | None, planner: Planner
) -> PlaceMatch:
    """The catalog place of ``city`` that ``phrase`` names (see the module docstring)."""
    said = _words(phrase)
    if not said:
        return PlaceMatch()
    names = {i.place.name for d in itinerary.days for i in d.items} if itinerary else set()
    planned = set(names)
    lookups = [phrase, *(w for w in said if w not in _GENERIC)]
    names |= {p.name for q in lookups if (p := planner.place(city, q)) is not None}
    scored = [(fit, name) for name in names if (fit := _fit(said, name)) is not None]
    if not scored:
        return PlaceMatch()
    best = max(fit for fit, _ in scored)
    top = sorted(name for fit, name in scored if fit == best)
    if len(top) > 1 and len(set(top) & planned) == 1:
        top = sorted(set(top) & planned)
    if len(top) > 1:
        return PlaceMatch(choices=tuple(top[:4]))
    return PlaceMatch(place=planner.place(city, top[0]))


# --- the trip's places, for answers -----------------------------------------------------


def trip_cities(state: SessionState) -> list[str]:
    """Every city of the trip, first leg first (one for a one-city trip)."""
    return list(dict.fromkeys(leg.city for leg in state.preferences.trip_legs()))


def catalog_place(state: SessionState, planner: Planner, name: str) -> CatalogPlace | None:
    """The catalog place named ``name`` in the first of the trip's cities that has one."""
    for city in trip_cities(state):
        place = planner.place(city, name)
        if place is not None:
            return place
    return None


def find_item(
    itinerary: Itinerary | None, name: str, place_id: str | None = None
) -> tuple[ItineraryDay, ItineraryItem] | None:
    """The planned stop with id ``place_id`` when given, else the one whose name best
    contains / is contained in ``name``."""
    if itinerary is None or not name:
        return None
    wanted = name_key(name)
    for day in itinerary.days:
        for item in day.items:
            have = name_key(item.place.name)
            if item.place.id == place_id or (place_id is None and (
                    wanted in have or have in wanted)):
                return day, item
    return None


def planned_place(
    state: SessionState, planner: Planner, name: str
) -> tuple[ItineraryDay, ItineraryItem] | None:
    """The planned stop named ``name``: by name, else the catalog's best match if planned."""
    found = find_item(state.itinerary, name)
    if found is not None or state.itinerary is None:
        return found
    place = catalog_place(state, planner, name)
    if place is None:
        return None
    for day in state.itinerary.days:
        for item in day.items:
            if item.place.id == place.id:
                return day, item
    return None


def lookup(state: SessionState, planner: Planner, name: str) -> CatalogPlace | None:
    """The catalog place ``name`` names (:func:`resolve_place`) in the trip's cities (the
    planned stop's own city first), None when unsure."""
    planned = find_item(state.itinerary, name)
    if planned is not None and planned[0].city is not None:
        return planner.place(planned[0].city, planned[1].place.name)
    return resolve_in_trip(name, state, planner).place


def resolve_in_trip(name: str, state: SessionState, planner: Planner) -> PlaceMatch:
    """:func:`resolve_place` in the first of the trip's cities where ``name`` names a
    place (or two places equally well)."""
    for city in trip_cities(state):
        match = resolve_place(name, city, state.itinerary, planner)
        if match.place is not None or match.choices:
            return match
    return PlaceMatch()
