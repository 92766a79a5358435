"""City and country resolution against the catalog and geonames."""

import pytest

from tests.language.plans import COVERED
from tests.reference import bundled_catalog, shared_world
from wayfarer.language import CityResolver
from wayfarer.language.offline.text import Text


@pytest.fixture(scope="module")
def resolver() -> CityResolver:
    return CityResolver(COVERED, shared_world())


@pytest.mark.parametrize(
    ("name", "city"),
    [
        ("NYC", "New York"), ("New York City", "New York"), ("SF", "San Francisco"),
        ("San Fran", "San Francisco"), ("Rio", "Rio de Janeiro"), ("CDMX", "Mexico City"),
        ("HK", "Hong Kong"), ("BKK", "Bangkok"), ("Tokio", "Tokyo"), ("Lisboa", "Lisbon"),
        ("Roma", "Rome"), ("Wien", "Vienna"), ("Praha", "Prague"), ("Kyōto", "Kyoto"),
        ("Marrakesh", "Marrakech"), ("Bombay", "Mumbai"), ("New Delhi", "Delhi"),
        ("Lissabon", "Lisbon"), ("Barcelonna", "Barcelona"), ("buenos aries", "Buenos Aires"),
        ("Rio de Janiero", "Rio de Janeiro"), ("singapur", "Singapore"),
    ],
)
def test_aliases_and_misspellings_resolve_to_the_catalog_name(
    resolver: CityResolver, name: str, city: str
) -> None:
    update = resolver.resolve(name)
    assert (update.city, update.unsupported_city) == (city, None)
    assert update.country


@pytest.mark.parametrize(
    ("name", "unsupported", "suggestions"),
    [
        ("Porto", "Porto", ["Lisbon"]),
        ("Osaka", "Osaka", ["Kyoto", "Tokyo"]),
        ("Florence", "Florence", ["Rome"]),
        ("Kuala Lumpur", "Kuala Lumpur", ["Singapore", "Bangkok", "Hong Kong"]),
        ("Reykjavik", "Reykjavík", ["London", "Amsterdam", "Paris"]),
    ],
)
def test_uncovered_cities_get_same_country_then_nearest_suggestions(
    resolver: CityResolver, name: str, unsupported: str, suggestions: list[str]
) -> None:
    update = resolver.resolve(name)
    assert update.city is None
    assert update.unsupported_city == unsupported
    assert update.city_suggestions == suggestions


def test_an_unknown_place_resolves_to_nothing(resolver: CityResolver) -> None:
    assert resolver.resolve("Gondor").model_dump(exclude_defaults=True) == {}


@pytest.mark.parametrize(
    "message",
    [
        "swap day 1 and 2", "nice, thanks", "split the day in two", "reading about food",
        "parks and museums", "pairs of shoes", "of course", "mobile friendly please",
        "a male friend", "surprise me", "what a date", "the bath was nice", "normal pace",
        "it's a deal", "independence day", "spring break", "orange juice", "union square",
    ],
)
def test_ordinary_words_are_not_cities(resolver: CityResolver, message: str) -> None:
    match = resolver.read(Text.of(message))
    assert (match.city, match.unsupported, match.country) == (None, None, None)


@pytest.mark.parametrize(
    ("message", "city"),
    [
        ("I want to go to Nice", "Nice"),
        ("a week in Split", "Split"),
        ("going to Reading", "Reading"),
    ],
)
def test_ordinary_words_are_cities_when_capitalised_and_cued(
    resolver: CityResolver, message: str, city: str
) -> None:
    match = resolver.read(Text.of(message))
    assert match.unsupported is not None and match.unsupported.name == city


def test_origin_is_not_the_destination(resolver: CityResolver) -> None:
    assert resolver.read(Text.of("flying from London to Tokyo")).city == "Tokyo"
    assert resolver.read(Text.of("I'm based in Berlin, want to see Rome")).city == "Rome"


def test_a_country_alone_offers_its_covered_cities(resolver: CityResolver) -> None:
    match = resolver.read(Text.of("a week in Japan"))
    assert (match.city, match.country, match.suggestions) == (None, "Japan", ("Tokyo", "Kyoto"))
    assert resolver.read(Text.of("a week in turkey")).country is None
    assert resolver.read(Text.of("a week in Turkey")).country == "Turkey"


def test_the_catalog_cities_all_resolve_to_themselves() -> None:
    catalog = bundled_catalog()
    resolver = CityResolver({c.name: c.country for c in catalog.cities}, shared_world())
    for city in catalog.cities:
        update = resolver.resolve(city.name)
        assert (update.city, update.country) == (city.name, city.country)
        assert resolver.resolve(city.name.lower()).city == city.name


def test_names_place_tells_a_city_from_a_sight(resolver: CityResolver) -> None:
    assert resolver.names_place("Rome")
    assert resolver.names_place("visit porto")
    assert not resolver.names_place("the Palace of Versailles")
    assert not resolver.names_place("something outdoors")
