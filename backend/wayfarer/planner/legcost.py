"""The cost estimate of a multi-city trip: the legs' estimates (all in the trip's one
currency, ``legs.trip_currency``) added up, and the stated budget checked on the total.
Transfers between legs are not priced (docs/planner.md)."""

from collections.abc import Sequence

from wayfarer.domain import CostBreakdown, DayCost, EstimatedCost, Preferences
from wayfarer.planner.cost import budget_check, money


def joined_estimate(
    preferences: Preferences, parts: Sequence[tuple[EstimatedCost, int]]
) -> EstimatedCost:
    """The whole trip's estimate from each leg's (estimate, day shift)."""
    first = parts[0][0]
    currency = first.currency or "USD"
    amount = per_person = entries = meals = transport = 0.0
    per_day: list[DayCost] = []
    basis: list[str] = []
    for cost, shift in parts:
        amount += cost.amount or 0.0
        per_person += cost.per_person or 0.0
        if cost.breakdown is not None:
            entries += cost.breakdown.entries
            meals += cost.breakdown.meals
            transport += cost.breakdown.transport
        per_day += [d.model_copy(update={"day": d.day + shift}) for d in cost.per_day]
        if cost.basis and cost.basis not in basis:
            basis.append(cost.basis)
    basis.append("Transfers between the cities are not included.")
    return EstimatedCost(
        level=first.level,
        amount=money(amount, currency),
        currency=currency,
        per_person=money(per_person, currency),
        travelers=first.travelers,
        breakdown=CostBreakdown(
            entries=money(entries, currency), meals=money(meals, currency),
            transport=money(transport, currency),
        ),
        per_day=per_day,
        budget=budget_check(preferences.budget_amount, preferences.currency,
                            preferences.budget_per, amount, len(per_day), currency),
        basis=" ".join(basis),
    )


def over_budget(cost: EstimatedCost) -> str | None:
    """A note when the whole trip's estimate goes over the stated budget, else None."""
    check = cost.budget
    if check is None or check.over_by <= 0 or cost.amount is None or cost.currency is None:
        return None
    per = " a day" if check.per == "day" else ""
    spent = cost.amount / max(len(cost.per_day), 1) if check.per == "day" else cost.amount
    return (
        f"The estimate for the whole trip, about {spent:,.0f} {cost.currency}{per}, is "
        f"{check.over_by:,.0f} {cost.currency}{per} over your budget of "
        f"{check.amount:,.0f} {cost.currency}{per}. A cheaper budget level, a day fewer or "
        "simpler places to eat would bring it down."
    )
