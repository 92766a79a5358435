"""Cities proposed by a language model: candidate places checked against the catalog rules.

A city the bundled catalog lacks can be planned when a model proposes its places
(conversation/model_cities.py asks for them). Nothing the model says is trusted: each
candidate is checked here, one by one, and dropped when it fails any rule:

- it is a JSON object with exactly the candidate fields (:data:`CANDIDATE_FIELDS`);
- its name (2-80 characters) and description (10-240) are plain text: no control
  characters, markup, braces, links or instruction-like words (:func:`clean_text`);
- it validates as a :class:`~wayfarer.planner.catalog.CatalogPlace`: interests in the
  vocabulary, seven well-formed days of hours, ``serves`` on a food place (and only
  there), visit length 15-480, cost level 0-4;
- its category is in the vocabulary of its kind;
- it lies within :func:`radius_km` of the GeoNames centre (no day trips);
- it is not a duplicate: the same name as an accepted place, or within 150 m of one
  whose name holds all its words (or the other way round).

The city is planned only when, on every weekday, at least :data:`MIN_ACTIVITIES`
affordable sights (cost level 2 or less) can be visited whole, and at least
:data:`MIN_FOOD` places to eat survive; otherwise the traveller gets today's offline
answer. Accepted places are plain catalog places of a :class:`City` whose ``source`` is
``"model"``; the planner adds :data:`MODEL_PLACES_NOTE` to the assumptions of its plans.
"""

import math
import re
import threading
import time
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pydantic import ValidationError

from wayfarer.domain.geo import haversine_km
from wayfarer.planner.catalog import (
    ACTIVITY_CATEGORIES,
    FOOD_CATEGORIES,
    CatalogPlace,
    City,
)
from wayfarer.planner.index import CityIndex

MODEL_PLACES_NOTE = (
    "Places suggested by the language model -- check opening hours before you go."
)
MIN_ACTIVITIES = 6
MIN_FOOD = 2
#: Candidates beyond this many are ignored (a runaway reply cannot cost more work).
MAX_CANDIDATES = 80
#: Two places this close whose names share all the words of one are the same place.
DUPLICATE_METRES = 150.0
CANDIDATE_FIELDS = frozenset({
    "name", "kind", "category", "interests", "lat", "lon", "hours", "visit_minutes",
    "cost_level", "indoor", "description", "serves",
})

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_FORBIDDEN = re.compile(
    r"[<>{}\[\]`\\|]|https?:|www\.|\b(ignore|disregard|instructions?|prompt|system|"
    r"assistant|previous|jailbreak|override)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class GeoFacts:
    """What GeoNames says of a city: the centre, country, time zone and population."""

    name: str
    country: str
    country_code: str
    lat: float
    lon: float
    timezone: str
    population: int

    @property
    def slug(self) -> str:
        """The city's slug, with its country code (``bologna-it``)."""
        return f"{slugify(self.name) or 'city'}-{self.country_code.lower()}"


def radius_km(population: int) -> float:
    """How far from the centre a proposed place may be: 10 km for a town of 100,000,
    growing with the population's logarithm to 30 km for ten million and more."""
    grown = 10.0 + 10.0 * math.log10(max(population, 100_000) / 100_000)
    return min(30.0, grown)


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by ``-`` (accents dropped; other scripts vanish)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def clean_text(value: object, low: int, high: int) -> str | None:
    """``value`` with spaces collapsed when it is plain text of ``low``-``high``
    characters, else None (not a string, too short or long, or injection-like)."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not low <= len(text) <= high or _CONTROL.search(value) or _FORBIDDEN.search(text):
        return None
    return text


def check_candidate(geo: GeoFacts, raw: object, number: int) -> CatalogPlace | str:
    """The candidate as a catalog place, or the reason it is dropped."""
    if not isinstance(raw, dict) or set(raw) != CANDIDATE_FIELDS:
        return "not a candidate object with exactly the candidate fields"
    name = clean_text(raw["name"], 2, 80)
    description = clean_text(raw["description"], 10, 240)
    if name is None or description is None:
        return "name or description is not plain text of the allowed length"
    serves = raw["serves"] if raw["kind"] == "food" else (raw["serves"] or None)
    data = {**raw, "name": name, "description": description, "serves": serves,
            "id": f"{geo.slug}-llm-{number}-{slugify(name)[:40] or 'place'}".strip("-")}
    try:
        place = CatalogPlace.model_validate(data)
    except (ValidationError, ValueError) as exc:
        return f"invalid: {exc.errors()[0]['msg'] if isinstance(exc, ValidationError) else exc}"
    allowed = ACTIVITY_CATEGORIES if place.kind == "activity" else FOOD_CATEGORIES
    if place.category not in allowed:
        return f"unknown {place.kind} category {place.category!r}"
    distance = haversine_km(geo.lat, geo.lon, place.lat, place.lon)
    if distance > radius_km(geo.population):
        return f"{distance:.1f} km from the centre"
    return place


def accept_candidates(
    geo: GeoFacts, candidates: Sequence[object]
) -> tuple[list[CatalogPlace], list[str]]:
    """The candidates that pass every rule (in the model's order, which is the planner's
    popularity proxy) and one reason per dropped candidate."""
    accepted: list[CatalogPlace] = []
    dropped: list[str] = []
    names: set[str] = set()
    for number, raw in enumerate(candidates[:MAX_CANDIDATES], start=1):
        outcome = check_candidate(geo, raw, number)
        if isinstance(outcome, CatalogPlace) and (
            slugify(outcome.name) in names or _near_twin(outcome, accepted)
        ):
            outcome = "duplicate"
        if isinstance(outcome, str):
            dropped.append(outcome)
            continue
        names.add(slugify(outcome.name))
        accepted.append(outcome)
    dropped += ["beyond the candidate limit"] * max(0, len(candidates) - MAX_CANDIDATES)
    return accepted, dropped


def _near_twin(place: CatalogPlace, accepted: list[CatalogPlace]) -> bool:
    """True when an accepted place within :data:`DUPLICATE_METRES` has a name whose words
    hold all of this one's, or the other way round ("Two Towers", "The Two Towers")."""
    words = set(slugify(place.name).split("-"))
    for other in accepted:
        if haversine_km(other.lat, other.lon, place.lat, place.lon) * 1000 < DUPLICATE_METRES:
            theirs = set(slugify(other.name).split("-"))
            if words <= theirs or theirs <= words:
                return True
    return False


def model_city(geo: GeoFacts, places: list[CatalogPlace]) -> City | None:
    """A plannable city of ``places`` (source ``model``), or None when too few survived:
    fewer than :data:`MIN_ACTIVITIES` sights a ``budget`` trip may visit on some weekday
    (open long enough for a whole visit, at cost level 2 or less), or fewer than
    :data:`MIN_FOOD` places to eat. So any pace, budget and start day plans at least a
    first day, as for a curated city."""
    if sum(p.kind == "food" for p in places) < MIN_FOOD:
        return None
    city = City(
        name=geo.name, slug=geo.slug, country=geo.country, country_code=geo.country_code,
        lat=geo.lat, lon=geo.lon, timezone=geo.timezone, places=places, source="model",
    )
    index = CityIndex.build(city, None)
    for weekday in range(7):
        open_ = [p for p in index.activities
                 if index.affordable(p, "budget") and index.fits_weekday(p, weekday)]
        if len(open_) < MIN_ACTIVITIES:
            return None
    return city


class ProposedCities:
    """This process's model-proposed cities by name (any case), each until its expiry
    (wall-clock seconds, as cached, so every process drops a city at the same time); the
    most recent :data:`limit` kept. The planner looks here after the bundled catalog."""

    def __init__(self, limit: int = 256, clock: Callable[[], float] = time.time) -> None:
        self._cities: OrderedDict[str, tuple[City, float]] = OrderedDict()
        self._limit = limit
        self._clock = clock
        self._lock = threading.Lock()

    def get(self, name: str) -> City | None:
        """The proposed city called ``name``, or None (never proposed, or expired)."""
        entry = self._cities.get(name.casefold())
        if entry is None or entry[1] <= self._clock():
            return None
        return entry[0]

    def add(self, city: City, expires_at: float) -> None:
        """Register (or replace) ``city`` until ``expires_at``; the least recently added
        goes past the limit."""
        with self._lock:
            self._cities.pop(city.name.casefold(), None)
            self._cities[city.name.casefold()] = (city, expires_at)
            while len(self._cities) > self._limit:
                self._cities.popitem(last=False)
