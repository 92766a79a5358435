"""Catalog schema 2 (docs/catalog.md, "Realism fields"): each field validated on load."""

import json
from pathlib import Path
from typing import Any

import pytest

from tests.reference import bundled_catalog, geonames
from wayfarer.errors import CatalogError
from wayfarer.planner.catalog import data_dir, load_city_file
from wayfarer.planner.index import CityIndex
from wayfarer.planner.rates import UNITS_PER_USD
from wayfarer.planner.schedule import schedule

LISBON = (38.7167, -9.1333)


def _place(place_id: str, **overrides: Any) -> dict[str, Any]:
    place: dict[str, Any] = {
        "id": place_id, "name": place_id.replace("-", " ").title(), "kind": "activity",
        "category": "museum", "interests": ["museums"], "lat": LISBON[0], "lon": LISBON[1],
        "hours": ["10:00-18:00"] * 7, "visit_minutes": 60, "cost_level": 1, "indoor": True,
        "description": "A place used by the schema 2 tests.",
    }
    place.update(overrides)
    return place


def _food(place_id: str, **overrides: Any) -> dict[str, Any]:
    return _place(place_id, kind="food", category="restaurant", interests=["food"],
                  hours=["11:00-23:00"] * 7, **overrides)


PRICES = {"currency": "EUR", "year": 2025, "meal": [8, 15, 30, 60, 120],
          "entry": [0, 5, 12, 20, 35], "transport_day": 7}


def _write(folder: Path, places: list[dict[str, Any]], **top: Any) -> Path:
    path = folder / "lisbon.json"
    path.write_text(json.dumps({"city": "Lisbon", "country_code": "PT", "places": places,
                                **top}))
    return path


def test_every_realism_field_loads(tmp_path: Path) -> None:
    places = [
        _place("t-a", best_time={"from": "18:00", "to": "01:00", "reason": "night market"},
               must_see=1, seasonal_hours=[{"months": [11, 12, 1], "hours": ["closed"] * 7}]),
        _place("t-show", category="show", fixed_times=["11:00", "16:30"]),
        _place("t-far", lat=LISBON[0] + 0.9, excursion={"travel_minutes": 90, "mode": "train"}),
        _food("t-f", serves=["lunch", "dinner"], diet=["vegetarian"]),
    ]
    city = load_city_file(_write(tmp_path, places, prices=PRICES,
                                 meals={"lunch": ["12:30", "15:00"], "dinner": ["20:00", "22:30"]}),
                          geonames())
    a, show, far, food = city.places
    assert a.best_time is not None and a.best_time.minutes() == (18 * 60, 25 * 60)
    assert a.opening_windows(0, month=12) == [] and a.opening_windows(0, month=6) != []
    assert show.fixed_times == ["11:00", "16:30"]
    assert far.excursion is not None and far.excursion.mode == "train"
    assert food.serves == ["lunch", "dinner"] and food.diet == ["vegetarian"]
    assert city.prices is not None and city.prices.meal[2] == 30
    index = CityIndex.build(city)
    assert (index.slots["lunch"].earliest, index.slots["dinner"].latest) == (750, 1350)


@pytest.mark.parametrize(
    ("place", "top", "fragment"),
    [
        (_food("t-x", serves=["brunch"]), {}, "serves"),
        (_food("t-x", serves=[]), {}, "serves"),
        (_place("t-x", serves=["lunch"]), {}, "food places only"),
        (_food("t-x", diet=["paleo"]), {}, "diet"),
        (_place("t-x", best_time={"from": "25:00", "to": "02:00", "reason": "late"}), {},
         "best_time"),
        (_place("t-x", fixed_times=["9am"]), {}, "fixed_times"),
        (_place("t-x", seasonal_hours=[{"months": [13], "hours": ["closed"] * 7}]), {}, "months"),
        (_place("t-x", seasonal_hours=[{"months": [1], "hours": ["closed"] * 6}]), {}, "hours"),
        (_place("t-x", seasonal_hours=[{"months": [1], "hours": ["x"] * 7}]), {}, "bad"),
        (_place("t-x", must_see=0), {}, "must_see"),
        (_place("t-x", excursion={"travel_minutes": 60, "mode": "rocket"}), {}, "mode"),
        (_place("t-x", lat=LISBON[0] + 0.9), {}, "limit 40 km"),
        (_place("t-x", lat=LISBON[0] + 1.6, excursion={"travel_minutes": 60, "mode": "car"}),
         {}, "limit 150 km"),
        (_place("t-x"), {"prices": {**PRICES, "meal": [8, 15, 30, 20, 120]}}, "rise"),
        (_place("t-x"), {"prices": {**PRICES, "entry": [3, 5, 12, 20, 35]}}, "level 0"),
        (_place("t-x"), {"prices": {**PRICES, "currency": "euro"}}, "currency"),
        (_place("t-x"), {"meals": {"lunch": ["15:00", "13:00"], "dinner": ["19:00", "21:00"]}},
         "empty"),
        (_place("t-x"), {"meals": {"lunch": ["12:00", "20:00"], "dinner": ["19:00", "21:00"]}},
         "before dinner"),
    ],
)
def test_a_bad_realism_field_fails_loudly(
    tmp_path: Path, place: dict[str, Any], top: dict[str, Any], fragment: str
) -> None:
    with pytest.raises(CatalogError) as caught:
        load_city_file(_write(tmp_path, [_place("t-ok"), place], **top), geonames())
    assert fragment in str(caught.value)
    assert "lisbon" in str(caught.value)


def test_a_food_place_must_say_which_meals_it_serves(tmp_path: Path) -> None:
    food = _place("t-f", kind="food", category="cafe", interests=["food"])
    with pytest.raises(CatalogError, match="serves"):
        load_city_file(_write(tmp_path, [food]), geonames())
    food["serves"] = ["breakfast", "snack"]
    city = load_city_file(_write(tmp_path, [food]), geonames())
    assert city.places[0].ref().serves == ["breakfast", "snack"]


def test_best_time_and_fixed_times_shape_the_schedule(tmp_path: Path) -> None:
    places = [
        _place("t-day", hours=["09:00-18:00"] * 7),
        _place("t-night", category="market", hours=["10:00-23:59"] * 7, lat=LISBON[0] + 0.002,
               best_time={"from": "19:00", "to": "23:00", "reason": "evening market"}),
        _place("t-show", category="show", hours=["10:00-23:00"] * 7, lat=LISBON[0] + 0.001,
               fixed_times=["16:30"], visit_minutes=90),
    ]
    city = load_city_file(_write(tmp_path, places), geonames())
    index = CityIndex.build(city)
    stops = schedule(index, city.places, 2, [])
    assert stops is not None
    times = {s.place.id: (s.start, s.end) for s in stops}
    assert times["t-show"][0] == 16 * 60 + 30
    assert times["t-night"][0] >= 19 * 60 and times["t-night"][1] <= 23 * 60


def test_every_bundled_city_has_schema_2_facts() -> None:
    for path in sorted(data_dir().glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        assert "prices" in raw and "meals" in raw, path.name
        city = load_city_file(path, geonames())
        assert all(p.serves for p in city.food), city.name
        assert any(p.must_see for p in city.activities), city.name


def test_every_bundled_currency_converts() -> None:
    """A trip priced in another currency converts from every city's own (no silent local
    prices when the traveller asked for dollars: the realism sweep found ISK, PEN, TWD)."""
    local = {c.prices.currency for c in bundled_catalog().cities if c.prices is not None}
    assert local and not local - set(UNITS_PER_USD)
