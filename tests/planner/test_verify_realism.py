"""The verifier's realism rules, each broken on purpose in a real planned itinerary."""

from collections.abc import Callable

import pytest

from wayfarer.domain import EstimatedCost, Itinerary, ItineraryItem, Preferences
from wayfarer.planner import Catalog, CatalogPlace, CatalogPlanner
from wayfarer.planner.clock import hhmm, minutes_of


def _rules(planner: CatalogPlanner, itinerary: Itinerary, prefs: Preferences) -> set[str]:
    return {v.rule for v in planner.verify(itinerary, prefs)}


def _replace_item(itinerary: Itinerary, kind: str,
                  change: Callable[[ItineraryItem], ItineraryItem]) -> Itinerary:
    days = [d.model_copy(deep=True) for d in itinerary.days]
    for day in days:
        for k, item in enumerate(day.items):
            if item.kind == kind:
                day.items[k] = change(item)
                return itinerary.model_copy(update={"days": days})
    raise AssertionError(f"no {kind} item")


@pytest.fixture(scope="module")
def planned(planner: CatalogPlanner) -> tuple[Itinerary, Preferences]:
    prefs = Preferences(city="Rome", days=3, pace="moderate", budget="luxury")
    itinerary = planner.plan(prefs).itinerary
    assert planner.verify(itinerary, prefs) == []
    return itinerary, prefs


def _food(catalog: Catalog, test: Callable[[CatalogPlace], bool]) -> CatalogPlace:
    city = catalog.get("Rome")
    assert city is not None
    return next(p for p in city.food if test(p))


def test_a_meal_where_that_meal_is_not_served(
    planner: CatalogPlanner, catalog: Catalog, planned: tuple[Itinerary, Preferences]
) -> None:
    itinerary, prefs = planned
    bar = _food(catalog, lambda p: not p.serves_meal("lunch") and p.cost_level >= 1)
    broken = _replace_item(itinerary, "meal", lambda i: i.model_copy(
        update={"place": bar.ref(), "meal": "lunch" if i.meal == "lunch" else "dinner"}))
    meal = next(i for d in broken.days for i in d.items if i.kind == "meal")
    if not bar.serves_meal(meal.meal or ""):
        assert "meal_served" in _rules(planner, broken, prefs)


def test_a_meal_outside_the_local_window(
    planner: CatalogPlanner, planned: tuple[Itinerary, Preferences]
) -> None:
    itinerary, prefs = planned

    def early(item: ItineraryItem) -> ItineraryItem:
        return item.model_copy(update={"start": "10:00", "end": "10:45", "meal": "lunch"})

    assert "meal_window" in _rules(planner, _replace_item(itinerary, "meal", early), prefs)


def _with_dinner(itinerary: Itinerary, place: CatalogPlace, wish: str | None) -> Itinerary:
    """``itinerary`` with its first dinner at ``place``, chosen by ``wish`` (None: by the
    planner)."""
    dinner = next(i for d in itinerary.days for i in d.items if i.meal == "dinner")
    days = [d.model_copy(update={"items": [
        i.model_copy(update={"place": place.ref(), "wish": wish}) if i is dinner else i
        for i in d.items
    ]}) for d in itinerary.days]
    return itinerary.model_copy(update={"days": days})


def test_a_cheap_dinner_the_planner_chose_on_a_luxury_trip(
    planner: CatalogPlanner, catalog: Catalog, planned: tuple[Itinerary, Preferences]
) -> None:
    itinerary, prefs = planned
    cheap = _food(catalog, lambda p: p.cost_level == 1 and p.serves_meal("dinner"))
    assert "dining_level" in _rules(planner, _with_dinner(itinerary, cheap, None), prefs)
    assert "dining_level" in _rules(planner, _with_dinner(itinerary, cheap, "vegetarian"), prefs)


def test_a_cheap_dinner_the_travellers_wish_chose_on_a_luxury_trip(
    planner: CatalogPlanner, catalog: Catalog, planned: tuple[Itinerary, Preferences]
) -> None:
    itinerary, prefs = planned
    cheap = _food(catalog, lambda p: p.cost_level == 1 and p.serves_meal("dinner"))
    assert "dining_level" not in _rules(planner, _with_dinner(itinerary, cheap, "cheap"), prefs)


def test_a_wish_never_lifts_a_meal_above_the_budget_ceiling(
    planner: CatalogPlanner, catalog: Catalog, planned: tuple[Itinerary, Preferences]
) -> None:
    itinerary, prefs = planned
    frugal = prefs.model_copy(update={"budget": "budget"})
    fancy = _food(catalog, lambda p: p.cost_level >= 3 and p.serves_meal("dinner"))
    for wish in ("cheap", "fancy"):
        assert "dining_level" in _rules(planner, _with_dinner(itinerary, fancy, wish), frugal)


def test_a_long_wait_in_a_moderate_day(
    planner: CatalogPlanner, planned: tuple[Itinerary, Preferences]
) -> None:
    itinerary, prefs = planned
    day = itinerary.days[0]
    last = day.items[-1]
    late = minutes_of(day.items[-2].end) + 200
    moved = last.model_copy(update={"start": hhmm(late), "end": hhmm(late + 30)})
    broken = itinerary.model_copy(update={"days": [
        day.model_copy(update={"items": [*day.items[:-1], moved]}), *itinerary.days[1:]]})
    rules = _rules(planner, broken, prefs)
    assert "idle_gap" in rules
    relaxed = prefs.model_copy(update={"pace": "relaxed"})
    assert "idle_gap" not in _rules(planner, broken, relaxed)


def test_a_missing_estimate(planner: CatalogPlanner, planned: tuple[Itinerary, Preferences]
                            ) -> None:
    itinerary, prefs = planned
    bare = itinerary.model_copy(update={"estimated_cost": EstimatedCost(level="luxury")})
    assert "estimate" in _rules(planner, bare, prefs)


def test_best_time_and_fixed_time(planner: CatalogPlanner, catalog: Catalog) -> None:
    for city in catalog.cities:
        timed = [p for p in city.activities if p.best_time or p.fixed_times]
        for place in timed[:2]:
            item = ItineraryItem(start="05:00", end="05:30", kind="activity", place=place.ref())
            prefs = Preferences(city=city.name, days=1, pace="relaxed")
            planned = planner.plan(prefs).itinerary
            day = planned.days[0].model_copy(update={"items": [item, *planned.days[0].items]})
            broken = planned.model_copy(update={"days": [day]})
            rules = _rules(planner, broken, prefs)
            assert ("best_time" if place.best_time else "fixed_time") in rules, place.name


def test_a_named_meal_place_must_serve_it_at_the_trips_level(
    planner: CatalogPlanner, catalog: Catalog
) -> None:
    from wayfarer.domain import AddPlace, PlaceSelector
    from wayfarer.errors import EditRejected

    city = catalog.get("Rome")
    assert city is not None
    prefs = Preferences(city="Rome", days=2, budget="luxury")
    itinerary = planner.plan(prefs).itinerary
    bar = next(p for p in city.food if not p.serves_meal("dinner") and p.cost_level >= 1)
    with pytest.raises(EditRejected, match="doesn't serve dinner"):
        planner.apply_edit(itinerary, prefs, AddPlace(query=PlaceSelector(
            name=bar.name, category="dinner")))
    cheap = next(p for p in city.food if p.serves_meal("dinner") and p.cost_level == 1)
    with pytest.raises(EditRejected, match="change the budget"):
        planner.apply_edit(itinerary, prefs, AddPlace(query=PlaceSelector(
            name=cheap.name, category="dinner")))
