"""Vegetarian and vegan places added to the catalog (issue 9, meal wishes): in every city
that has one, "we're vegetarian" on a planned trip books at least one vegetarian meal
instead of being refused. Every result passes the verifier (``apply_edit`` checks it)."""

import pytest

from tests.planner.plans import plan_of
from wayfarer.domain import MealWish
from wayfarer.planner import Catalog, CatalogPlanner

#: Cities given a vegetarian or vegan restaurant in the third session (docs/catalog.md).
COVERED = ["London", "Paris", "Rome", "Tokyo", "New York", "Barcelona", "Berlin", "Lisbon",
           "Bangkok", "Singapore", "Madrid", "Florence", "Sydney", "Chicago", "Milan",
           "Edinburgh", "Mexico City"]

#: Berlin's and Milan's vegetarian places are starred restaurants, booked only on a luxury
#: trip; Milan's (Joia) opens Wednesday to Saturday, so that trip is dated from a Wednesday.
_PREFS: dict[str, dict[str, object]] = {
    "Berlin": {"budget": "luxury"},
    "Milan": {"budget": "luxury", "start_date": "2026-03-04"},
}


def _veg_ids(catalog: Catalog, city: str) -> set[str]:
    found = catalog.get(city)
    assert found is not None
    return {p.id for p in found.places
            if p.kind == "food" and {"vegetarian", "vegan"} & set(p.diet)}


@pytest.mark.parametrize("city", COVERED)
def test_a_vegetarian_wish_books_a_vegetarian_meal(planner: CatalogPlanner, catalog: Catalog,
                                                   city: str) -> None:
    veg = _veg_ids(catalog, city)
    assert veg
    itinerary, prefs = plan_of(city, **{"days": 2, "pace": "moderate", "budget": "moderate",
                                        **_PREFS.get(city, {})})
    result = planner.apply_edit(itinerary, prefs, MealWish(wish="vegetarian"))
    meals = [i.place.id for d in result.itinerary.days for i in d.items if i.kind == "meal"]
    assert set(meals) & veg
