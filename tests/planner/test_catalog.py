"""Catalog validation: the bundled data, and each way a city file can be wrong."""

import json
from pathlib import Path
from typing import Any

import pytest

from tests.reference import geonames
from wayfarer.domain import INTERESTS
from wayfarer.errors import CatalogError
from wayfarer.planner import Catalog
from wayfarer.planner.catalog import (
    MAX_DISTANCE_KM,
    MAX_EXCURSION_KM,
    data_dir,
    haversine_km,
    load_catalog,
    load_city_file,
)

LISBON = (38.7167, -9.1333)


def _place(place_id: str, **overrides: Any) -> dict[str, Any]:
    place: dict[str, Any] = {
        "id": place_id,
        "name": place_id.replace("-", " ").title(),
        "kind": "activity",
        "category": "museum",
        "interests": ["museums"],
        "lat": LISBON[0],
        "lon": LISBON[1],
        "hours": ["closed"] + ["10:00-18:00"] * 6,
        "visit_minutes": 60,
        "cost_level": 1,
        "indoor": True,
        "description": "A place used by the catalog validation tests.",
    }
    place.update(overrides)
    return place


def _write(folder: Path, name: str, places: list[dict[str, Any]], city: str = "Lisbon",
           country: str = "PT") -> Path:
    path = folder / f"{name}.json"
    path.write_text(json.dumps({"city": city, "country_code": country, "places": places}))
    return path


def test_a_valid_file_loads_with_geonames_facts(tmp_path: Path) -> None:
    city = load_city_file(_write(tmp_path, "lisbon", [_place("t-a"), _place("t-b")]), geonames())
    assert city.name == "Lisbon"
    assert city.country == "Portugal"
    assert city.timezone == "Europe/Lisbon"
    assert haversine_km(city.lat, city.lon, *LISBON) < 5
    assert [p.id for p in city.places] == ["t-a", "t-b"]


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"lat": LISBON[0] + 0.5}, "km from the centre"),
        ({"interests": ["museums", "sunbathing"]}, "interests"),
        ({"hours": ["25:00-26:00"] + ["10:00-18:00"] * 6}, "bad time"),
        ({"hours": ["9-17"] + ["10:00-18:00"] * 6}, "bad"),
        ({"hours": ["10:00-13:00,12:00-18:00"] + ["10:00-18:00"] * 6}, "overlapping"),
        ({"hours": ["10:00-18:00"] * 6}, "hours"),
        ({"category": "spaceport"}, "unknown activity category"),
        ({"cost_level": 5}, "cost_level"),
        ({"id": "Not A Slug"}, "id"),
    ],
)
def test_a_bad_place_fails_loudly(tmp_path: Path, overrides: dict[str, Any], fragment: str
                                  ) -> None:
    path = _write(tmp_path, "lisbon", [_place("t-a"), _place("t-bad", **overrides)])
    with pytest.raises(CatalogError) as caught:
        load_city_file(path, geonames())
    assert fragment in str(caught.value)
    assert "lisbon" in str(caught.value)


def test_the_distance_limit_is_forty_km(tmp_path: Path) -> None:
    assert MAX_DISTANCE_KM == 40.0
    near = _place("t-near", lat=LISBON[0] + 0.3)  # about 33 km north
    load_city_file(_write(tmp_path, "lisbon", [near]), geonames())


def test_a_duplicate_id_fails(tmp_path: Path) -> None:
    path = _write(tmp_path, "lisbon", [_place("t-a"), _place("t-a")])
    with pytest.raises(CatalogError, match="duplicate place id 't-a'"):
        load_city_file(path, geonames())


def test_an_unknown_city_fails(tmp_path: Path) -> None:
    path = _write(tmp_path, "atlantis", [_place("t-a")], city="Atlantis")
    with pytest.raises(CatalogError, match="Atlantis"):
        load_city_file(path, geonames())


def test_an_id_shared_by_two_cities_fails(tmp_path: Path) -> None:
    _write(tmp_path, "lisbon", [_place("t-shared")])
    _write(tmp_path, "porto", [_place("t-shared", lat=41.15, lon=-8.61)], city="Porto")
    with pytest.raises(CatalogError, match="more than one city"):
        load_catalog(tmp_path)


def test_the_bundled_catalog_meets_the_issue(catalog: Catalog) -> None:
    cities = catalog.cities
    assert len(cities) == len(list(data_dir().glob("*.json"))) >= 30
    assert [c.name for c in cities] == sorted(c.name for c in cities)
    for city in cities:
        assert len(city.activities) >= 30, city.name
        assert len(city.food) >= 10, city.name
        assert city.timezone and city.country
        for place in city.places:
            assert set(place.interests) <= set(INTERESTS)
            limit = MAX_EXCURSION_KM if place.excursion else MAX_DISTANCE_KM
            assert haversine_km(city.lat, city.lon, place.lat, place.lon) <= limit
    ids = [p.id for c in cities for p in c.places]
    assert len(ids) == len(set(ids))


def test_lookup_is_case_insensitive(catalog: Catalog) -> None:
    name = catalog.cities[0].name
    assert catalog.get(name.upper()) is catalog.get(name)
    assert name.lower() in catalog
    assert "Atlantis" not in catalog
