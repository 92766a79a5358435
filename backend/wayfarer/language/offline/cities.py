"""Cities and countries in messages: covered cities, real but uncovered ones, countries.

:class:`CityResolver` knows which cities the catalog covers and reads a message against
them and the world's cities (:class:`~wayfarer.language.offline.world.WorldCities`, built
once by the app's wiring and passed in; a resolver given none builds its own):

- a covered city is recognised in any case, by name, alias ("NYC", "Tokio", "Bombay",
  "Rio"), geonames' own spelling ("Marrakesh") or a misspelling (edit distance 1, or 2 for
  long names: "Barcelonna", "Buenos Aries"; a four-letter word only as a five-letter name
  with a letter dropped: "seul"), never fuzzily from an ordinary word ("pairs", "parks");
  written in lower case, a misspelling beats a real town of under 300,000 people
  ("edinburg" is Edinburgh, "Edinburg" the Texan town); an abbreviation ("KL", "NY")
  counts in capitals, or in lower case right before a trip length ("kl for 3 days");
- a real city the catalog does not cover needs a capital letter or a cue ("in porto",
  "visit Nice"), a population threshold, and must not be an ordinary word unless it is
  both capitalised and cued ("to Split" yes, "split day 2" no);
- a country ("Japan", "the UK") is read when no city is; a place after "from" / "live in"
  is the traveller's origin, not the destination.

:meth:`CityResolver.suggest` offers covered cities for an uncovered place: the same
country first, else the nearest by great-circle distance.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from wayfarer.domain import PreferenceUpdate
from wayfarer.domain.geo import haversine_km
from wayfarer.language.offline.memo import Memo
from wayfarer.language.offline.misspellings import Misspellings
from wayfarer.language.offline.place_context import cues, joined, length_after, lodging
from wayfarer.language.offline.text import Text, Token, fold, name_key
from wayfarer.language.offline.words import COMMON_WORDS
from wayfarer.language.offline.world import (
    CAPITALISED_COUNTRIES,
    COVERED_ALIASES,
    MIN_POPULATION_ALTERNATES,
    UPPERCASE_ALIASES,
    UPPERCASE_COUNTRIES,
    UPPERCASE_WORLD,
    GeoCity,
    GeoCountry,
    WorldCities,
)

#: Smallest population for an uncovered city written in lower case after a cue.
MIN_POPULATION_CUED = 50_000
#: Smallest population for a capitalised uncovered city with no cue.
MIN_POPULATION_CAPITALISED = 100_000
#: A real town smaller than this loses to a misspelt covered city ("Sidney" -> Sydney);
#: written in lower case, one smaller than :data:`MIN_POPULATION_ALTERNATES` does
#: ("edinburg" -> Edinburgh, not Edinburg, Texas).
MIN_POPULATION_OVER_MISSPELLING = 50_000
#: Word windows of messages whose reading as a place is remembered (oldest go first).
WINDOW_MEMO = 2048
#: An uncovered town this close to the planned city is a day-trip sight ("Versailles").
DAY_TRIP_KM = 40.0
_PLACE_FILLERS = frozenset({"the", "a", "to", "in", "of", "city", "instead", "please", "visit",
                            "go", "trip"})


@dataclass(frozen=True)
class CityMatch:
    """What a message says about where: at most one of ``city`` / ``unsupported``, and
    ``country`` (the city's, or a country named on its own)."""

    city: str | None = None
    unsupported: GeoCity | None = None
    country: str | None = None
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Candidate:
    tokens: tuple[Token, ...]
    covered: str | None = None
    world: GeoCity | None = None
    country: GeoCountry | None = None
    destination: bool = False
    origin: bool = False

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


_UNREAD = _Candidate(())  # not in the windows' memo


class CityResolver:
    """Finds the destination in a message against the covered cities and the world.

    ``covered`` is the catalog's city names, or a mapping of name -> country name (the
    country is otherwise taken from geonames). ``stopwords`` are extra ordinary words the
    interpreter's own vocabulary knows ("parks", "museums").
    """

    def __init__(
        self,
        covered: Iterable[str] | Mapping[str, str],
        world: WorldCities | None = None,
        stopwords: Iterable[str] = (),
    ) -> None:
        self.world = world or WorldCities()
        self._stop = COMMON_WORDS | {name_key(w) for w in stopwords}
        given = dict(covered) if isinstance(covered, Mapping) else dict.fromkeys(covered, "")
        self._covered: dict[str, GeoCity] = {}
        # geonames' own spelling -> catalog name ("Marrakesh" -> "Marrakech"); not a
        # shorter name the catalog qualifies ("Washington" is not "Washington DC")
        self._by_geo: dict[tuple[str, str], str] = {}
        for name, country in given.items():
            geo = self._geo_for(name)
            if geo is not None and len(geo.name.split()) == len(name.split()):
                self._by_geo[(geo.name, geo.country_code)] = name
            if geo is None:
                geo = GeoCity(name, "", country, 0.0, 0.0, 0)
            elif country:
                geo = GeoCity(name, geo.country_code, country, geo.lat, geo.lon, geo.population)
            else:
                geo = GeoCity(name, geo.country_code, geo.country, geo.lat, geo.lon, geo.population)
            self._covered[name] = geo
        self._by_geo.update({(g.name, g.country_code): n for n, g in self._covered.items()})
        self._keys: dict[str, str] = {name_key(n): n for n in self._covered}
        for alias, name in COVERED_ALIASES.items():
            if name in self._covered:
                self._keys.setdefault(alias, name)
        self._upper = {k: v for k, v in UPPERCASE_ALIASES.items() if v in self._covered}
        # Pure lookups over tables that never change, memoised / built once:
        self._fuzzy = Misspellings(self._keys, self._covered, self._stop).of
        self._windows: Memo[tuple[str, int, int, bool, bool], _Candidate | None] = Memo(
            WINDOW_MEMO)
        #: The covered cities' country names by their folded spelling (read only).
        self.countries = {fold(c): c for c in map(self.country_of, self._covered) if c}

    @property
    def covered(self) -> list[str]:
        """Covered city names in catalog spelling."""
        return list(self._covered)

    def country_of(self, city: str) -> str:
        """The country name of a covered city ("" when unknown)."""
        geo = self._covered.get(city)
        return geo.country if geo else ""

    def country_code_of(self, city: str) -> str:
        """The ISO country code of a covered city ("" when unknown)."""
        geo = self._covered.get(city)
        return geo.country_code if geo else ""

    def currency_of(self, city: str) -> str | None:
        """The currency of a covered city's country (None when the city is unknown)."""
        return self.world.currency_of(self.country_code_of(city))

    def _geo_for(self, name: str) -> GeoCity | None:
        found = self.world.lookup(name_key(name))
        if not found:
            key = name_key(name)
            alias = next((a for a, n in COVERED_ALIASES.items() if n == name), None)
            found = self.world.lookup(alias) if alias else []
            if not found and key == "new york":
                found = self.world.lookup("new york city")
        return found[0] if found else None

    # --- reading a message -------------------------------------------------------------

    def read(self, text: Text, *, answer: bool = False) -> CityMatch:
        """The destination named in ``text`` (claimed). ``answer`` means the message
        answers "where to?", so a lone lower-case name counts as cued."""
        candidates = self._candidates(text, answer)
        destinations = [c for c in candidates if not c.origin] or (
            candidates if answer else []
        )
        covered = [c for c in destinations if c.covered]
        if covered:
            best = next((c for c in covered if c.destination), covered[0])
            text.claim(best.start, best.end)
            name = best.covered or ""
            return CityMatch(city=name, country=self.country_of(name) or None)
        world = [c for c in destinations if c.world]
        if world:
            best = next((c for c in world if c.destination), world[0])
            text.claim(best.start, best.end)
            assert best.world is not None
            return CityMatch(unsupported=best.world, suggestions=tuple(self.suggest(best.world)))
        countries = [c for c in destinations if c.country]
        if countries:
            best = countries[0]
            text.claim(best.start, best.end)
            assert best.country is not None
            return CityMatch(
                country=best.country.name, suggestions=tuple(self.in_country(best.country.code))
            )
        return CityMatch()

    def destinations(self, text: Text, limit: int) -> list[tuple[int, int, CityMatch]]:
        """The cities (covered or not) :meth:`read` would find in ``text`` if called up to
        ``limit`` times, each time claiming what it found, with their spans, in the order
        found; nothing is claimed. One reading of the words: claiming a found city takes
        it out of the candidates and changes no other (a window's reading depends on the
        text alone, not on what is claimed, unless it answers "where to?")."""
        candidates = [c for c in self._candidates(text, False) if not c.origin]
        found: list[tuple[int, int, CityMatch]] = []
        while len(found) < limit:
            pool = [c for c in candidates if c.covered] or [c for c in candidates if c.world]
            if not pool:
                break
            best = next((c for c in pool if c.destination), pool[0])
            candidates = [c for c in candidates if c is not best]
            match = CityMatch(city=best.covered, unsupported=best.world)
            found.append((best.start, best.end, match))
        return found

    def _candidates(self, text: Text, answer: bool) -> list[_Candidate]:
        free = text.free_tokens()
        found: list[_Candidate] = []
        i = 0
        while i < len(free):
            first = free[i].index
            for size in (4, 3, 2, 1):
                # consecutive words only (no claimed word inside)
                if i + size > len(free) or free[i + size - 1].index - first != size - 1:
                    continue
                # "a bare answer" below depends on the words left free, hence in the key
                whole_answer = answer and len(free) <= size + 2
                candidate = self._window(text, first, size, answer, whole_answer)
                if candidate is not None:
                    found.append(candidate)
                    i += size
                    break
            else:
                i += 1
        return found

    def _window(self, text: Text, first: int, size: int, answer: bool,
                whole_answer: bool) -> _Candidate | None:
        """The candidate the ``size`` words from word ``first`` make, if joined; remembered
        (a message is read for places 2-4 times: legs, destination, acts)."""
        key = (text.raw, first, size, answer, whole_answer)
        found = self._windows.get(key, _UNREAD)
        if found is _UNREAD:
            window = text.tokens[first : first + size]
            found = self._candidate(text, window, answer, whole_answer) if size == 1 or joined(
                text, window) else None
            self._windows.put(key, found)
        return found

    def _candidate(
        self, text: Text, window: tuple[Token, ...], answer: bool, whole_answer: bool
    ) -> _Candidate | None:
        key = window[0].text if len(window) == 1 else " ".join(t.text for t in window)
        if self._names_nothing(key, window):
            return None
        written = text.original(window[0].start, window[-1].end)
        capitalised = text.is_capitalised(window[0])
        cue, leading, origin = cues(text, window)
        cued = cue or answer
        # an abbreviation ("KL", "NY") counts in capitals, or right before a trip length
        abbreviation = written.isupper() or length_after(text, window)
        covered = self._keys.get(key)
        if covered is None and abbreviation and key in self._upper:
            covered = self._upper[key]
        if covered:
            return _Candidate(window, covered=covered, destination=leading, origin=origin)
        if any(t.text.isdigit() for t in window) or lodging(text, window):
            return None
        common = key in self._stop
        world = self.world.lookup(key)
        if world and not (key in UPPERCASE_WORLD and not abbreviation):
            city = world[0]
            known = self._by_geo.get((city.name, city.country_code))
            if known is not None and not common:  # an alternate name ("Istambul", "Lissabon")
                return _Candidate(window, covered=known, destination=leading, origin=origin)
            # A bare answer ("Nice") may be an ordinary word only when it is the whole answer.
            if common:
                accepted = capitalised and (cue or whole_answer)
            else:
                accepted = self._accept_world(text, window, city, capitalised, cued)
            if accepted:
                fuzzy = None if common else self._fuzzy(key)
                smaller = (MIN_POPULATION_OVER_MISSPELLING if capitalised
                           else MIN_POPULATION_ALTERNATES)
                if fuzzy is not None and city.population < smaller:
                    return _Candidate(window, covered=fuzzy, destination=leading, origin=origin)
                return _Candidate(window, world=city, destination=leading, origin=origin)
        country = self.world.country(key)
        if country is not None and self._accept_country(key, written, capitalised, cued):
            return _Candidate(window, country=country, destination=leading, origin=origin)
        fuzzy = self._fuzzy(key)
        if fuzzy is not None and not common:
            return _Candidate(window, covered=fuzzy, destination=leading, origin=origin)
        return None

    def _names_nothing(self, key: str, window: tuple[Token, ...]) -> bool:
        """True when the words ``key`` can name no place whatever surrounds them, which
        :meth:`_candidate` decides first: most windows of a message are ordinary words."""
        if key in self._keys or key in self._upper:
            return False
        if any(t.text.isdigit() for t in window):
            return True
        if self.world.lookup(key) or self.world.country(key) is not None:
            return False
        return key in self._stop or self._fuzzy(key) is None

    @staticmethod
    def _accept_world(
        text: Text, window: tuple[Token, ...], city: GeoCity, capitalised: bool, cued: bool
    ) -> bool:
        """Whether a real, uncovered city that is not an ordinary word counts."""
        if cued and (capitalised or city.population >= MIN_POPULATION_CUED):
            return True
        if capitalised and not text.starts_sentence(window[0]):
            return city.population >= MIN_POPULATION_CAPITALISED
        return capitalised and city.population >= 5 * MIN_POPULATION_CAPITALISED

    def _accept_country(self, key: str, written: str, capitalised: bool, cued: bool) -> bool:
        if key in UPPERCASE_COUNTRIES:
            return written.replace(".", "").isupper()
        if key in CAPITALISED_COUNTRIES or key in self._stop:
            return capitalised
        return True

    def names_place(self, phrase: str, near: str | None = None) -> bool:
        """True when ``phrase`` is just a city or country ("Rome", "visit porto"), as
        opposed to a sight that contains one ("the Palace of Versailles").

        With ``near`` (the covered city being planned), an uncovered town within
        :data:`DAY_TRIP_KM` of it is a sight of that trip, not a place to go instead
        ("add Versailles" to a Paris plan)."""
        text = Text.of(phrase)
        match = self.read(text, answer=True)
        if not (match.city or match.unsupported or match.country):
            return False
        if near is not None and match.unsupported is not None and match.city is None:
            base = self._covered.get(near)
            town = match.unsupported
            if base is not None and base.population and haversine_km(
                base.lat, base.lon, town.lat, town.lon
            ) <= DAY_TRIP_KM:
                return False
        rest = {t.text for t in text.free_tokens()}
        return rest <= _PLACE_FILLERS

    # --- for other callers ---------------------------------------------------------------

    def resolve(self, name: str) -> PreferenceUpdate:
        """Resolve a free-form place name (e.g. proposed by a model) as an answer to
        "where to?": a covered city, else an uncovered one with suggestions, else nothing."""
        match = self.read(Text.of(name), answer=True)
        return PreferenceUpdate(
            city=match.city,
            country=match.country if match.city or not match.unsupported else None,
            unsupported_city=match.unsupported.name if match.unsupported else None,
            city_suggestions=list(match.suggestions),
        )

    def in_country(self, code: str) -> list[str]:
        """Covered cities in the country with ISO code ``code``, biggest first."""
        inside = [g for g in self._covered.values() if g.country_code == code]
        return [g.name for g in sorted(inside, key=lambda g: -g.population)]

    def suggest(self, place: GeoCity, limit: int = 3) -> list[str]:
        """Covered cities to offer instead of ``place``: same country (nearest first),
        else the nearest covered cities anywhere."""

        def distance(geo: GeoCity) -> float:
            return haversine_km(place.lat, place.lon, geo.lat, geo.lon)

        located = [g for g in self._covered.values() if g.population]
        same = [g for g in located if g.country_code == place.country_code]
        pool = same or located
        return [g.name for g in sorted(pool, key=distance)[:limit]]

