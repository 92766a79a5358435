"""The itinerary's cost estimate from the city's typical prices (``prices`` in its file).

Per person, each activity costs its entry price at its cost level, each booked meal the
meal price at its place's level, and each day a day of local transport (two on a day
with an excursion place: the trip out and back). A day without a booked lunch or dinner
is given the meal at the trip's usual dining level (:data:`USUAL_MEAL_LEVEL`), since the
traveller still eats. Breakfast is not counted (often with the room). The group pays
``travelers`` times as much (one traveller unless the preferences say more).

Amounts are in the traveller's currency when they gave one and the static table knows
it (``rates``), else in the city's; ``basis`` names the price year, the rate and its date.
A city without a price table uses :data:`GENERIC_PRICES` (USD), and says so.
"""

from collections.abc import Sequence

from wayfarer.domain import (
    BudgetCheck,
    CostBreakdown,
    DayCost,
    EstimatedCost,
    ItineraryDay,
    ItineraryItem,
)
from wayfarer.planner.catalog import City
from wayfarer.planner.facts import CityPrices
from wayfarer.planner.rates import RATES_DATE, UNITS_PER_USD, convert, rate_text
from wayfarer.planner.request import TripRequest, budget_level, join_words

#: Rough world-average prices per person, used only for a city without its own table.
GENERIC_PRICES = CityPrices(
    currency="USD", year=2025, meal=[6, 15, 30, 60, 120], entry=[0, 8, 16, 25, 40],
    transport_day=8,
)
#: Cost level of a meal the plan leaves unbooked, per budget level.
USUAL_MEAL_LEVEL = {"budget": 1, "moderate": 2, "luxury": 3}


def prices_of(city: City) -> CityPrices:
    """The city's price table, or the generic one."""
    return city.prices or GENERIC_PRICES


def output_currency(city: City, wanted: str | None) -> str:
    """The traveller's currency when the rate table knows it, else the city's."""
    source = prices_of(city).currency
    return wanted if wanted and wanted in UNITS_PER_USD and source in UNITS_PER_USD else source


def money(amount: float, currency: str) -> float:
    """``amount`` rounded as shown: whole units for small-unit currencies (yen, won,
    rupees, ...), cents otherwise."""
    return float(round(amount)) if UNITS_PER_USD.get(currency, 1.0) >= 20 else round(amount, 2)


class Pricer:
    """Prices of one city in one currency."""

    def __init__(self, city: City, currency: str) -> None:
        self.prices = prices_of(city)
        self.currency = currency
        rate = convert(1.0, self.prices.currency, currency)
        self.rate = 1.0 if rate is None else rate

    def meal(self, level: int) -> float:
        """One meal per person at cost ``level``."""
        return self.prices.meal[level] * self.rate

    def entry(self, level: int) -> float:
        """One entry ticket per person at cost ``level``."""
        return self.prices.entry[level] * self.rate

    def transport(self) -> float:
        """One day of local transport per person."""
        return self.prices.transport_day * self.rate

    def item(self, item: ItineraryItem) -> float:
        """Per-person price of one itinerary item."""
        level = item.place.cost_level
        return self.meal(level) if item.kind == "meal" else self.entry(level)


def priced_days(days: Sequence[ItineraryDay], pricer: Pricer) -> list[ItineraryDay]:
    """``days`` with every item's per-person ``cost`` set (new days and item lists; an
    item already at its price, as on the days an edit did not touch, is kept as it is)."""
    currency = pricer.currency

    def priced(item: ItineraryItem) -> ItineraryItem:
        cost = money(pricer.item(item), currency)
        return item if item.cost == cost else item.model_copy(update={"cost": cost})

    return [
        day.model_copy(update={"items": [priced(item) for item in day.items]})
        for day in days
    ]


def estimate(
    request: TripRequest, days: Sequence[ItineraryDay], excursions: frozenset[str]
) -> EstimatedCost:
    """The estimate for ``days`` (items already priced by :func:`priced_days`);
    ``excursions`` are the ids of day-trip places."""
    city = request.index.city
    currency = output_currency(city, request.currency)
    pricer = Pricer(city, currency)
    group = request.travelers
    usual = pricer.meal(USUAL_MEAL_LEVEL[request.budget])
    entries = meals = transport = 0.0
    per_day: list[DayCost] = []
    for day in days:
        day_entries = sum(pricer.item(i) for i in day.items if i.kind == "activity")
        booked = {i.meal for i in day.items if i.kind == "meal"}
        day_meals = sum(pricer.item(i) for i in day.items if i.kind == "meal")
        day_meals += usual * len({"lunch", "dinner"} - booked)
        trips = 2 if any(i.place.id in excursions for i in day.items) else 1
        day_transport = pricer.transport() * trips
        entries, meals, transport = entries + day_entries, meals + day_meals, (
            transport + day_transport
        )
        per_day.append(DayCost(
            day=day.day, amount=money((day_entries + day_meals + day_transport) * group, currency)
        ))
    per_person = entries + meals + transport
    total = per_person * group
    return EstimatedCost(
        level=budget_level(request.budget),
        amount=money(total, currency),
        currency=currency,
        per_person=money(per_person, currency),
        travelers=group,
        breakdown=CostBreakdown(
            entries=money(entries * group, currency),
            meals=money(meals * group, currency),
            transport=money(transport * group, currency),
        ),
        per_day=per_day,
        budget=_budget(request, total, len(days), currency),
        basis=_basis(city, pricer, group),
    )


def _budget(
    request: TripRequest, total: float, day_count: int, currency: str
) -> BudgetCheck | None:
    """The stated budget (for the group; for the whole trip, or a day when ``budget_per``
    is "day", then compared with the average day) against the estimate."""
    return budget_check(request.budget_amount, request.currency, request.budget_per,
                        total, day_count, currency)


def budget_check(
    amount: float | None, given: str | None, per_text: str | None, total: float,
    day_count: int, currency: str,
) -> BudgetCheck | None:
    """A stated budget ``amount`` (in ``given``, else ``currency``; per "trip" or "day")
    against an estimate of ``total`` over ``day_count`` days; None without an amount or
    a known rate."""
    if amount is None:
        return None
    stated = convert(amount, given or currency, currency)
    if stated is None:
        return None
    per = "day" if per_text == "day" else "trip"
    spent = total / max(day_count, 1) if per == "day" else total
    return BudgetCheck(
        amount=money(stated, currency), per=per, over_by=money(max(0.0, spent - stated), currency)
    )


def _basis(city: City, pricer: Pricer, group: int) -> str:
    prices = pricer.prices
    who = "1 traveller" if group == 1 else f"{group} travellers"
    source = (
        f"typical {prices.year} prices in {city.name} ({prices.currency})"
        if city.prices else f"rough generic {prices.year} prices (no local table for {city.name})"
    )
    text = (
        f"Estimate from {source}: entry tickets, lunch and dinner at each place's price level "
        f"(breakfast not included) and a day of local transport, for {who}."
    )
    if pricer.currency != prices.currency:
        text += (
            f" Converted at {rate_text(prices.currency, pricer.currency)} "
            f"(static table, {RATES_DATE})."
        )
    return text


def over_budget_note(request: TripRequest, cost: EstimatedCost,
                     days: Sequence[ItineraryDay]) -> str | None:
    """When the estimate exceeds the stated budget: by how much, and what would bring it
    under (simpler places to eat, the dearest tickets, a day fewer), with amounts."""
    check = cost.budget
    if check is None or check.over_by <= 0 or cost.amount is None or cost.currency is None:
        return None
    currency = cost.currency
    pricer = Pricer(request.index.city, currency)
    group = cost.travelers
    cheap = pricer.meal(1)
    dining = sum(
        max(0.0, pricer.item(i) - cheap) for d in days for i in d.items if i.kind == "meal"
    ) * group
    options: list[str] = []
    if dining > 0:
        options.append(f"eating at simpler places (saves about {_show(dining, currency)} in all)")
    tickets = sorted(
        ((pricer.item(i) * group, i.place.name) for d in days for i in d.items
         if i.kind == "activity" and pricer.item(i) > 0),
        reverse=True,
    )
    saved, names = 0.0, list[str]()
    for price, name in tickets:
        if saved >= check.over_by or len(names) == 3:
            break
        saved, names = saved + price, [*names, name]
    if names:
        options.append(
            f"skipping {join_words(names)} (saves about {_show(saved, currency)} in all)"
        )
    if len(cost.per_day) > 1:
        dearest = max(d.amount for d in cost.per_day)
        options.append(f"one day fewer (up to {_show(dearest, currency)} a day)")
    who = "" if group == 1 else f" for {group} people"
    per = " a day" if check.per == "day" else ""
    if check.per == "day" and cost.per_day:
        spent = _show(cost.amount / len(cost.per_day), currency)
        head = f"The estimate, about {spent} a day{who}, is"
    else:
        head = f"The estimate, about {_show(cost.amount, currency)}{who}, is"
    return (
        f"{head} {_show(check.over_by, currency)}{per} over your budget of "
        f"{_show(check.amount, currency)}{per}. "
        f"What would bring it down: {'; '.join(options) or 'a cheaper budget level'}."
    )


def _show(amount: float, currency: str) -> str:
    return f"{money(amount, currency):,.0f} {currency}"
