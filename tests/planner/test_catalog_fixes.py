"""One test per audited catalog entry issue 10 listed, against the bundled data: the fact
as corrected, and where it matters, what the planner does with it."""

import datetime as dt

import pytest

from wayfarer.domain import Preferences
from wayfarer.domain.geo import haversine_km
from wayfarer.planner import Catalog, CatalogPlace, CatalogPlanner
from wayfarer.planner.catalog import parse_day_hours


def _place(catalog: Catalog, place_id: str) -> CatalogPlace:
    found = {p.id: p for c in catalog.cities for p in c.places}
    return found[place_id]


def _closes(place: CatalogPlace, month: int, weekday: int = 2) -> int:
    windows = place.opening_windows(weekday, month)
    return max(end for _, end in windows) if windows else 0


@pytest.mark.parametrize("place_id", ["rome-colosseum", "rome-roman-forum"])
def test_rome_ancient_sites_close_early_in_winter(
    catalog: Catalog, planner: CatalogPlanner, place_id: str
) -> None:
    place = _place(catalog, place_id)
    assert _closes(place, 12) <= 16 * 60 + 30 < _closes(place, 6)
    prefs = Preferences(city="Rome", days=3, interests=["history"],
                        start_date=dt.date(2026, 12, 7))
    itinerary = planner.plan(prefs).itinerary
    assert planner.verify(itinerary, prefs) == []
    for day in itinerary.days:
        for item in day.items:
            if item.place.id == place_id:
                assert item.end <= "16:30"


def test_sainte_chapelle_closes_at_five_october_to_march(catalog: Catalog) -> None:
    place = _place(catalog, "paris-sainte-chapelle")
    for month in (10, 11, 12, 1, 2, 3):
        assert _closes(place, month) == 17 * 60
    assert _closes(place, 7) > 17 * 60


def test_padrao_has_winter_hours_and_closes_on_winter_mondays(catalog: Catalog) -> None:
    place = _place(catalog, "lisbon-padrao")
    for month in (10, 11, 12, 1, 2):
        assert place.opening_windows(0, month) == []
    assert place.opening_windows(0, 6) != []


def test_hagia_sophia_visits_skip_friday_mornings_and_end_early_evening(
    catalog: Catalog,
) -> None:
    place = _place(catalog, "istanbul-hagia-sophia")
    friday = parse_day_hours(place.hours[4])
    assert friday and min(start for start, _ in friday) >= 12 * 60
    assert all(_closes(place, 6, day) <= 20 * 60 for day in range(7))


def test_johari_bazaar_is_open_on_sundays(catalog: Catalog) -> None:
    assert parse_day_hours(_place(catalog, "jaipur-johari-bazaar").hours[6])


def test_egyptian_museum_says_where_the_mummies_and_tutankhamun_went(catalog: Catalog) -> None:
    text = _place(catalog, "cairo-egyptian-museum").description
    assert "mummies" in text and "Grand Egyptian Museum" in text
    assert "Tutankhamun" in _place(catalog, "cairo-grand-egyptian-museum").description


def test_the_two_marrakech_restaurants_have_their_own_coordinates(catalog: Catalog) -> None:
    a = _place(catalog, "marrakech-chez-lamine")
    b = _place(catalog, "marrakech-chez-chegrouni")
    assert haversine_km(a.lat, a.lon, b.lat, b.lon) > 0.02


MEAL_LESS = [
    "cairo-el-fishawy", "cairo-horreya", "rome-sant-eustachio", "jaipur-lassiwala",
    "paris-rue-cler", "lisbon-pasteis-de-belem", "istanbul-hafiz-mustafa",
    "mexico-city-cafe-el-jarocho", "barcelona-mirablau",
]


@pytest.mark.parametrize("place_id", MEAL_LESS)
def test_a_place_without_meals_is_never_lunch_or_dinner(
    catalog: Catalog, planner: CatalogPlanner, place_id: str
) -> None:
    place = _place(catalog, place_id)
    assert place.serves is not None
    assert "lunch" not in place.serves and "dinner" not in place.serves
    city = next(c for c in catalog.cities if place in c.places)
    for budget in ("budget", "moderate", "luxury"):
        itinerary = planner.plan(Preferences(city=city.name, days=5, budget=budget,
                                             interests=["food"])).itinerary
        assert place_id not in {i.place.id for d in itinerary.days for i in d.items}


def test_enfants_rouges_is_a_lunch_place_only(catalog: Catalog, planner: CatalogPlanner) -> None:
    place = _place(catalog, "paris-marche-des-enfants-rouges")
    assert place.serves is not None and "dinner" not in place.serves
    for budget in ("budget", "moderate"):
        itinerary = planner.plan(Preferences(city="Paris", days=5, budget=budget,
                                             interests=["food"])).itinerary
        for day in itinerary.days:
            for item in day.items:
                if item.place.id == place.id:
                    assert item.meal == "lunch"
