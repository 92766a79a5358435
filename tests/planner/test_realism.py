"""Realism rules (issue 10) checked independently of the verifier, over random requests,
and the cost estimate's arithmetic."""

import datetime as dt
import json
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.planner.plans import planned
from tests.reference import bundled_catalog
from wayfarer.domain import BUDGETS, INTERESTS, PACES, ChangeBudget, Itinerary, Preferences
from wayfarer.planner import CatalogPlanner, load_catalog
from wayfarer.planner.catalog import data_dir
from wayfarer.planner.clock import minutes_of
from wayfarer.planner.index import CityIndex

_CITIES = [c.name for c in bundled_catalog().cities]


def _check_realism(index: CityIndex, itinerary: Itinerary, prefs: Preferences) -> None:
    pace = prefs.pace or "moderate"
    for day in itinerary.days:
        spans = [(minutes_of(i.start), minutes_of(i.end)) for i in day.items]
        if pace != "relaxed":
            waits = [b[0] - a[1] for a, b in pairwise(spans)]
            assert all(w < 180 for w in waits), (day.day, waits)
        for item, (start, end) in zip(day.items, spans, strict=True):
            place = index.by_id[item.place.id]
            if item.kind == "meal":
                assert item.meal in ("lunch", "dinner")
                assert place.serves is not None and item.meal in place.serves, place.name
                assert item.place.serves == place.serves
                slot = index.slots[item.meal]
                assert slot.earliest <= start <= slot.latest
                if prefs.budget == "luxury":
                    assert place.cost_level >= (2 if item.meal == "dinner" else 1), place.name
            if place.best_time is not None:
                low, high = place.best_time.minutes()
                assert any(low + s <= start and end <= high + s for s in (0, -1440)), place.name
            if place.fixed_times:
                assert item.start in place.fixed_times, place.name
    _check_estimate(itinerary, prefs)


def _check_estimate(itinerary: Itinerary, prefs: Preferences) -> None:
    cost = itinerary.estimated_cost
    assert cost.amount is not None and cost.amount > 0
    assert cost.currency is not None and len(cost.currency) == 3
    assert cost.per_person is not None and cost.breakdown is not None
    travelers = prefs.travelers or 1
    assert cost.travelers == travelers
    tolerance = 0.02 * cost.amount + 2
    assert abs(cost.per_person * travelers - cost.amount) <= tolerance
    parts = cost.breakdown.entries + cost.breakdown.meals + cost.breakdown.transport
    assert abs(parts - cost.amount) <= tolerance
    assert [d.day for d in cost.per_day] == [d.day for d in itinerary.days]
    assert abs(sum(d.amount for d in cost.per_day) - cost.amount) <= tolerance
    assert cost.basis
    for day in itinerary.days:
        for item in day.items:
            assert item.cost is not None and item.cost >= 0


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    city=st.sampled_from(_CITIES),
    days=st.integers(min_value=1, max_value=7),
    pace=st.sampled_from(PACES),
    budget=st.sampled_from(BUDGETS),
    interests=st.lists(st.sampled_from(INTERESTS), max_size=4, unique=True),
    travelers=st.none() | st.integers(min_value=1, max_value=6),
    currency=st.none() | st.sampled_from(["USD", "EUR", "GBP", "JPY", "INR"]),
    start=st.none() | st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2027, 12, 31)),
)
def test_any_plan_keeps_the_realism_rules(
    planner: CatalogPlanner, city: str, days: int, pace: str, budget: str,
    interests: list[str], travelers: int | None, currency: str | None, start: dt.date | None,
) -> None:
    prefs = Preferences.model_validate({
        "city": city, "days": days, "pace": pace, "budget": budget, "interests": interests,
        "travelers": travelers, "currency": currency, "start_date": start,
    })
    itinerary = planner.plan(prefs).itinerary
    index = planner.index(city, start)
    assert index is not None
    _check_realism(index, itinerary, prefs)
    if currency is not None:
        assert itinerary.estimated_cost.currency == currency


def test_the_group_pays_per_person_times_travellers(planner: CatalogPlanner) -> None:
    one = planner.plan(Preferences(city="Rome", days=2, travelers=1)).itinerary.estimated_cost
    four = planner.plan(Preferences(city="Rome", days=2, travelers=4)).itinerary.estimated_cost
    assert one.per_person == four.per_person
    assert four.amount is not None and one.amount is not None
    assert four.amount == pytest.approx(4 * one.amount, abs=1)


def test_a_stated_currency_converts_with_the_dated_table(planner: CatalogPlanner) -> None:
    city = next(c for c in bundled_catalog().cities
                if c.prices is not None and c.prices.currency in ("INR", "JPY", "MXN", "THB"))
    local = planner.plan(Preferences(city=city.name, days=2)).itinerary.estimated_cost
    usd = planner.plan(Preferences(city=city.name, days=2, currency="USD")
                       ).itinerary.estimated_cost
    assert local.currency == city.prices.currency and usd.currency == "USD"  # type: ignore[union-attr]
    assert local.amount is not None and usd.amount is not None
    assert 0 < usd.amount < local.amount
    assert "USD" in usd.basis and "2025" in usd.basis


def test_going_over_a_stated_budget_says_by_how_much_and_what_helps(
    planner: CatalogPlanner,
) -> None:
    prefs = Preferences(city="Paris", days=3, budget="luxury", budget_amount=50, currency="EUR")
    result = planner.plan(prefs)
    cost = result.itinerary.estimated_cost
    assert cost.budget is not None and cost.budget.amount == 50 and cost.budget.per == "trip"
    assert cost.amount is not None and cost.budget.over_by == pytest.approx(cost.amount - 50)
    note = next(n for n in result.notes if "over your budget" in n)
    assert "EUR" in note and "simpler places" in note
    roomy = planner.plan(prefs.model_copy(update={"budget_amount": 100000}))
    assert roomy.itinerary.estimated_cost.budget is not None
    assert roomy.itinerary.estimated_cost.budget.over_by == 0
    assert not any("over your budget" in n for n in roomy.notes)


def test_exports_carry_the_estimate(planner: CatalogPlanner) -> None:
    prefs = Preferences(city="Lisbon", days=2, travelers=2, currency="EUR")
    itinerary = planner.plan(prefs).itinerary
    cost = itinerary.estimated_cost
    assert cost.amount is not None
    shown = f"{cost.amount:,.0f}"
    markdown = planner.export(itinerary, prefs, "markdown").content
    assert shown in markdown and "EUR" in markdown and "per person" in markdown
    ics = planner.export(itinerary, prefs, "ics").content.replace("\r\n ", "")
    assert shown in ics and "EUR" in ics
    assert '"per_person"' in planner.export(itinerary, prefs, "json").content


def test_luxury_dines_upscale_and_budget_cheap(planner: CatalogPlanner) -> None:
    levels: dict[str, list[int]] = {"budget": [], "luxury": []}
    for city in _CITIES:
        for budget, found in levels.items():
            plan = planned(Preferences(city=city, days=3, budget=budget)).itinerary
            found += [i.place.cost_level for d in plan.days for i in d.items if i.kind == "meal"]
    assert sum(level <= 1 for level in levels["luxury"]) <= 0.15 * len(levels["luxury"])
    assert sum(level <= 1 for level in levels["budget"]) >= 0.6 * len(levels["budget"])


def test_seasonal_hours_apply_when_the_dates_are_known(tmp_path: Path) -> None:
    city = bundled_catalog().cities[0]
    data = json.loads((data_dir() / f"{city.slug}.json").read_text(encoding="utf-8"))
    top = next(p for p in data["places"] if p["kind"] == "activity")
    top["seasonal_hours"] = [{"months": [12, 1], "hours": ["10:00-11:00"] * 7}]
    (tmp_path / f"{city.slug}.json").write_text(json.dumps(data), encoding="utf-8")
    planner = CatalogPlanner(load_catalog(tmp_path))

    def visit(start: dt.date | None) -> tuple[str, str] | None:
        prefs = Preferences(city=city.name, days=2, start_date=start)
        itinerary = planner.plan(prefs).itinerary
        assert planner.verify(itinerary, prefs) == []
        return next(((i.start, i.end) for d in itinerary.days for i in d.items
                     if i.place.id == top["id"]), None)

    assert top["visit_minutes"] > 60  # cannot fit the one winter hour
    assert visit(dt.date(2026, 12, 7)) is None
    assert visit(dt.date(2026, 6, 8)) is not None


def test_an_undated_trip_names_a_must_see_closed_on_its_assumed_day(
    planner: CatalogPlanner,
) -> None:
    catalog = bundled_catalog()
    found = 0
    for city in catalog.cities:
        result = planned(Preferences(city=city.name, days=1))
        scheduled = {i.place.id for d in result.itinerary.days for i in d.items}
        for place in city.activities:
            if place.must_see is not None and place.must_see <= 2 and place.excursion is None \
                    and place.hours[0] == "closed" and place.id not in scheduled:
                found += 1
                assert any(place.name in n and "closed on Mondays" in n for n in result.notes)
        dated = planned(Preferences(city=city.name, days=1, start_date=dt.date(2026, 6, 2)))
        assert not any("closed on Mondays" in n for n in dated.notes)
        for day in result.itinerary.days:
            for item in day.items:
                place = city.places[[p.id for p in city.places].index(item.place.id)]
                if item.kind == "activity" and "closed" in place.hours:
                    assert "Closed on" in item.note or "Open only on" in item.note
    assert found >= 1


def test_relaxed_days_name_their_free_time(planner: CatalogPlanner) -> None:
    named = 0
    for city in _CITIES:
        prefs = Preferences(city=city, days=2, pace="relaxed")
        itinerary = planned(prefs).itinerary
        for day in itinerary.days:
            for item, after in pairwise(day.items):
                if minutes_of(after.start) - minutes_of(item.end) >= 90:
                    assert f"free time until {after.start}" in item.note
                    named += 1
        again = planner.apply_edit(itinerary, prefs, ChangeBudget(budget="luxury")).itinerary
        assert all(i.note.count("free time until") <= 1 for d in again.days for i in d.items)
    assert named > 0


def test_a_budget_per_day_is_compared_with_the_average_day(planner: CatalogPlanner) -> None:
    prefs = Preferences(city="Barcelona", days=3, budget="luxury", budget_amount=40,
                        budget_per="day", currency="EUR")
    result = planner.plan(prefs)
    cost = result.itinerary.estimated_cost
    assert cost.budget is not None and cost.budget.per == "day"
    assert cost.amount is not None
    assert cost.budget.over_by == pytest.approx(cost.amount / 3 - 40, abs=0.01)
    note = next(n for n in result.notes if "over your budget" in n)
    assert "a day" in note and "40 EUR" in note


def test_a_beach_day_does_not_stack_three_beaches(planner: CatalogPlanner) -> None:
    catalog = bundled_catalog()
    for city in catalog.cities:
        if sum(p.category == "beach" for p in city.activities) < 3:
            continue
        for pace in PACES:
            prefs = Preferences(city=city.name, days=3, pace=pace, interests=["beaches"])
            itinerary = planned(prefs).itinerary
            for day in itinerary.days:
                assert sum(i.place.category == "beach" for i in day.items) <= 2, city.name


def test_more_interests_than_sights_plans_what_fits_and_says_what_did_not(
    planner: CatalogPlanner,
) -> None:
    prefs = Preferences(city="Bangkok", days=1, pace="relaxed", budget="moderate",
                        interests=["culture", "nature", "shopping", "art"])
    result = planner.plan(prefs)
    assert planner.verify(result.itinerary, prefs) == []
    sights = [i for d in result.itinerary.days for i in d.items if i.kind == "activity"]
    shown = {x for i in sights for x in i.place.interests} & set(prefs.interests)
    assert len(shown) >= len(sights) == 3
    missing = sorted(set(prefs.interests) - shown)
    assert any(f"{m} place" in note and "more packed" in note
               for m in missing for note in result.notes), result.notes
    fuller = prefs.model_copy(update={"pace": "moderate"})  # four sights: every interest
    sights = [i for d in planner.plan(fuller).itinerary.days for i in d.items
              if i.kind == "activity"]
    assert set(fuller.interests) <= {x for i in sights for x in i.place.interests}
