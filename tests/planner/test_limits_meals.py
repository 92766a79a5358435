"""Per-day caps and meal wishes that steer restaurants (issue 9, third pass), on the real
planner and catalog: every result passes the verifier (``apply_edit`` checks it)."""

import pytest

from tests.planner.plans import plan_of
from wayfarer.domain import (
    Itinerary,
    LimitPerDay,
    MealWish,
    PlaceSelector,
    Preferences,
    RemovePlace,
)
from wayfarer.errors import EditRejected
from wayfarer.planner import Catalog, CatalogPlanner


def _plan(city: str, **prefs: object) -> tuple[Itinerary, Preferences]:
    return plan_of(city, **{"pace": "moderate", "budget": "moderate", **prefs})


def _per_day(itinerary: Itinerary, category: str | None = None) -> list[int]:
    return [sum(i.kind == "activity" and category in (None, i.place.category) for i in d.items)
            for d in itinerary.days]


def _meals(itinerary: Itinerary, day: int | None = None) -> list[tuple[str, str]]:
    days = itinerary.days if day is None else [itinerary.days[day - 1]]
    return [(i.place.id, i.meal or "") for d in days for i in d.items if i.kind == "meal"]


@pytest.mark.parametrize(("city", "interests", "category"), [
    ("London", ["museums"], "museum"), ("Florence", ["culture", "art"], "church"),
    ("Munich", ["museums", "art"], "museum"),
])
def test_a_category_cap_holds_on_every_day(planner: CatalogPlanner, city: str,
                                           interests: list[str], category: str) -> None:
    itinerary, prefs = _plan(city, interests=interests)
    assert max(_per_day(itinerary, category)) > 1  # the cap has work to do
    result = planner.apply_edit(itinerary, prefs, LimitPerDay(category=category, limit=1))
    assert max(_per_day(result.itinerary, category)) <= 1
    assert len(result.itinerary.days) == len(itinerary.days)


def test_a_cap_on_stops_drops_the_extras_within_the_pace(planner: CatalogPlanner) -> None:
    itinerary, prefs = _plan("Chicago", interests=["museums", "architecture"])
    assert max(_per_day(itinerary)) == 4
    result = planner.apply_edit(itinerary, prefs, LimitPerDay(limit=3))
    assert max(_per_day(result.itinerary)) == 3


def test_a_cap_below_the_pace_minimum_is_refused_with_the_reason(
        planner: CatalogPlanner) -> None:
    itinerary, prefs = _plan("Chicago")
    with pytest.raises(EditRejected, match="relaxed"):
        planner.apply_edit(itinerary, prefs, LimitPerDay(limit=1))


def test_vegetarian_meals_where_the_catalog_has_them(planner: CatalogPlanner,
                                                     catalog: Catalog) -> None:
    city = catalog.get("Mumbai")
    assert city is not None
    veg = {p.id for p in city.places if "vegetarian" in p.diet}
    itinerary, prefs = _plan("Mumbai", days=2, interests=["history", "food"])
    assert not {pid for pid, _ in _meals(itinerary)} <= veg
    result = planner.apply_edit(itinerary, prefs, MealWish(wish="vegetarian"))
    assert {pid for pid, _ in _meals(result.itinerary)} <= veg


def test_a_wish_the_catalog_cannot_serve_is_refused_with_the_reason(
        planner: CatalogPlanner) -> None:
    itinerary, prefs = _plan("Athens")
    with pytest.raises(EditRejected, match="vegetarian"):
        planner.apply_edit(itinerary, prefs, MealWish(wish="vegetarian"))


def test_a_fancy_dinner_on_one_day_leaves_the_other_days(planner: CatalogPlanner,
                                                         catalog: Catalog) -> None:
    itinerary, prefs = _plan("Porto", interests=["viewpoints", "food"])
    result = planner.apply_edit(itinerary, prefs, MealWish(wish="fancy", day=3))
    dinner = [i for i in result.itinerary.days[2].items if i.meal == "dinner"]
    assert dinner and dinner[0].place.cost_level >= 3
    assert result.itinerary.days[0] == itinerary.days[0]
    assert result.itinerary.days[1] == itinerary.days[1]


def test_cheap_eats_pick_the_cheapest_places(planner: CatalogPlanner) -> None:
    itinerary, prefs = _plan("Paris", interests=["museums"])
    result = planner.apply_edit(itinerary, prefs, MealWish(wish="cheap"))
    assert all(i.place.cost_level <= 1 for d in result.itinerary.days for i in d.items
               if i.kind == "meal")


@pytest.mark.parametrize("city", ["Rome", "London"])
def test_cheap_eats_on_a_luxury_trip_make_the_dinners_cheap_too(
        planner: CatalogPlanner, catalog: Catalog, city: str) -> None:
    place = catalog.get(city)
    assert place is not None
    assert any(p.cost_level <= 1 and p.serves_meal("dinner") for p in place.food)
    itinerary, prefs = _plan(city, budget="luxury", interests=["history", "food"])
    assert all(i.place.cost_level >= 2 for d in itinerary.days for i in d.items
               if i.meal == "dinner")
    result = planner.apply_edit(itinerary, prefs, MealWish(wish="cheap"))
    meals = [i for d in result.itinerary.days for i in d.items if i.kind == "meal"]
    assert len(meals) == len(_meals(itinerary))
    assert all(i.place.cost_level <= 1 and i.wish == "cheap" for i in meals)
    assert planner.verify(result.itinerary, result.preferences) == []
    assert result.preferences.budget == "luxury"


def test_a_wished_dinner_stays_when_its_day_is_rebuilt(planner: CatalogPlanner) -> None:
    itinerary, prefs = _plan("Rome", budget="luxury", interests=["history", "food"])
    cheap = planner.apply_edit(itinerary, prefs, MealWish(wish="cheap", day=2))
    dinner = next(i for i in cheap.itinerary.days[1].items if i.meal == "dinner")
    assert dinner.wish == "cheap" and dinner.place.cost_level <= 1
    visit = next(i for i in cheap.itinerary.days[1].items if i.kind == "activity")
    result = planner.apply_edit(cheap.itinerary, cheap.preferences,
                                RemovePlace(target=PlaceSelector(name=visit.place.name, day=2)))
    day = result.itinerary.days[1]
    assert visit.place.id not in {i.place.id for i in day.items}
    assert dinner.model_dump(include={"place", "wish"}) in [
        i.model_dump(include={"place", "wish"}) for i in day.items if i.meal == "dinner"]
    assert planner.verify(result.itinerary, result.preferences) == []
