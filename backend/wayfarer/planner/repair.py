"""Repairing a day that cannot be scheduled as chosen: swap a place for an unused one,
trade it with a day not built yet, or drop one (:func:`fit_day`, used by planning and
editing alike).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from wayfarer.domain import ItineraryDay
from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.days import (
    DISTANCE_WEIGHT,
    candidates,
    count_kind,
    rebuild,
    sole_interests,
    spread_cost,
    weekday,
)
from wayfarer.planner.fit import fits_in_day
from wayfarer.planner.request import TripRequest
from wayfarer.planner.select import score
from wayfarer.planner.tighten import HARD_KM, span_km, span_penalty, span_with

#: Candidates tried per place being swapped out while repairing a day.
REPAIR_CANDIDATES = 4
#: Schedules tried while repairing one day.
MAX_REPAIRS = 8
#: Schedules tried to make room for a meal in a day that can be scheduled without it.
MEAL_REPAIRS = 3
#: Cost (km) added to every option that replaces a place closed on the day's weekday, so
#: those come before any other.
CLOSED_FIRST = -1000.0


#: A scheduled day and its activities in visiting order.
Fitted = tuple[ItineraryDay, list[CatalogPlace]]


class Change(NamedTuple):
    """One way to change a day: put ``new`` at ``position``; ``source`` is (later day
    index, slot) when ``new`` comes from a day not yet built (a trade), else None."""

    cost: float
    position: int
    new: CatalogPlace
    source: tuple[int, int] | None = None


def replacement_options(
    request: TripRequest,
    group: Sequence[CatalogPlace],
    day: int,
    used: set[str],
    per_place: int = 2 * REPAIR_CANDIDATES,
) -> list[Change]:
    """Ways to swap one place of ``group`` (day ``day``) for an unused one, cheapest first.

    Cost is in kilometres: the newcomer's distance to the rest of the day minus the
    leaver's, plus the score lost (divided by :data:`DISTANCE_WEIGHT`). Places closed that
    weekday come first. A newcomer keeps every required interest the leaver alone showed.
    """
    index = request.index
    wd = weekday(request, day)
    options: list[Change] = []
    for position, out in enumerate(group):
        rest = [p.id for p in group if p.id != out.id]
        base = index.centroid_km(out.id, rest) + spread_cost(index, [*rest, out.id])
        urgent = 0.0 if index.fits_weekday(out, wd) else CLOSED_FIRST
        need = sole_interests(request, out, used)
        for new in candidates(request, [index.by_id[i] for i in rest], day, used, need)[
            :per_place
        ]:
            loss = (score(request, out) - score(request, new)) / DISTANCE_WEIGHT
            cost = urgent + index.centroid_km(new.id, rest) - base + loss
            cost += spread_cost(index, [*rest, new.id])
            options.append(Change(round(cost, 9), position, new))
    options.sort(key=lambda o: (o.cost, o.position, index.rank[o.new.id]))
    return options


def trade_options(
    request: TripRequest,
    group: Sequence[CatalogPlace],
    day: int,
    later: Sequence[tuple[int, list[CatalogPlace]]],
) -> list[Change]:
    """Ways to trade one place of ``group`` with a place of a day not built yet, each open
    on the other's weekday; cost is the change in kilometres to each day's other places."""
    index = request.index
    wd = weekday(request, day)
    options: list[Change] = []
    for position, out in enumerate(group):
        rest = [p.id for p in group if p.id != out.id]
        rest_span = span_km(index, rest)
        base = index.centroid_km(out.id, rest)
        urgent = 0.0 if index.fits_weekday(out, wd) else CLOSED_FIRST
        for slot, (other_day, other) in enumerate(later):
            if not index.fits_weekday(out, weekday(request, other_day)):
                continue
            for k, swap in enumerate(other):
                if not index.fits_weekday(swap, wd):
                    continue
                others = [p.id for p in other if p.id != swap.id]
                others_span = span_km(index, others)
                cost = (
                    urgent
                    + index.centroid_km(swap.id, rest) - base
                    + index.centroid_km(out.id, others) - index.centroid_km(swap.id, others)
                    + span_penalty(span_with(index, rest_span, rest, swap.id))
                    - span_penalty(span_with(index, rest_span, rest, out.id))
                    + span_penalty(span_with(index, others_span, others, out.id))
                    - span_penalty(span_with(index, others_span, others, swap.id))
                )
                options.append(Change(round(cost, 9), position, swap, (slot, k)))
    options.sort(key=lambda o: (o.cost, o.position, index.rank[o.new.id]))
    return options


@dataclass
class _Draft:
    """One day being fitted and the trip state a repair may write into.

    ``used`` (every place id of the trip) and ``later`` (days not built yet) belong to the
    caller: only :meth:`commit` (a swap or a trade) and :meth:`drop_one` write them.
    """

    request: TripRequest
    day: int
    activities: list[CatalogPlace]
    used: set[str]
    taken_food: set[str]
    later: Sequence[tuple[int, list[CatalogPlace]]]
    meals: int

    @property
    def weekday(self) -> int:
        return weekday(self.request, self.day)

    def build(self, activities: list[CatalogPlace]) -> ItineraryDay | None:
        """``activities`` scheduled as this day, or None (also when they cannot fit)."""
        if not fits_in_day(self.request.index, activities, self.weekday):
            return None
        return rebuild(self.request, self.day, activities, self.taken_food, meals=self.meals)

    def commit(self, change: Change, out: CatalogPlace) -> None:
        """Record that ``change`` replaced ``out``: a swap frees ``out`` and uses the
        newcomer; a trade writes ``out`` into the later day it took the newcomer from."""
        if change.source is None:
            self.used.discard(out.id)
            self.used.add(change.new.id)
        else:
            slot, k = change.source
            self.later[slot][1][k] = out

    def try_changes(
        self, options: Sequence[Change], fallback: Fitted | None, limit: int
    ) -> Fitted | None:
        """The first of ``options`` (in order, at most ``limit`` schedules tried) that
        gives a schedulable day with more meals than ``fallback``; committed."""
        tries = 0
        for change in options:
            trial = list(self.activities)
            out = trial[change.position]
            trial[change.position] = change.new
            if not fits_in_day(self.request.index, trial, self.weekday):
                continue
            tries += 1
            built = rebuild(self.request, self.day, trial, self.taken_food, meals=self.meals)
            if built is not None and (
                fallback is None or count_kind(built, "meal") > count_kind(fallback[0], "meal")
            ):
                self.commit(change, out)
                return built, trial
            if tries >= limit:
                break
        return None

    def drop_one(self) -> Fitted | None:
        """The day without its longest place that no required interest needs alone (then
        catalog rank) that can be scheduled; the dropped place is freed."""
        index = self.request.index
        for out in sorted(self.activities, key=lambda p: (-p.visit_minutes, index.rank[p.id])):
            if sole_interests(self.request, out, self.used):
                continue
            trial = [p for p in self.activities if p.id != out.id]
            built = self.build(trial)
            if built is not None:
                self.used.discard(out.id)
                return built, trial
        return None

    def split_by_span(self, options: Sequence[Change]) -> tuple[list[Change], list[Change]]:
        """``options`` that keep the day within its current span (or ``HARD_KM``), and
        those that stretch it."""
        index = self.request.index
        acts = self.activities
        widest = max(span_km(index, [p.id for p in acts]), HARD_KM)
        rests = [[p.id for j, p in enumerate(acts) if j != k] for k in range(len(acts))]
        rest_spans = [span_km(index, ids) for ids in rests]
        tight: list[Change] = []
        wide: list[Change] = []
        for option in options:
            k = option.position
            stretched = span_with(index, rest_spans[k], rests[k], option.new.id) > widest
            (wide if stretched else tight).append(option)
        return tight, wide


def fit_day(
    request: TripRequest,
    day: int,
    activities: list[CatalogPlace],
    used: set[str],
    taken_food: set[str],
    keep_count: bool = False,
    later: Sequence[tuple[int, list[CatalogPlace]]] = (),
    meals: int = 2,
) -> Fitted | None:
    """Schedule ``activities`` as day ``day``, swapping or dropping a place if needed.

    ``used`` holds every place id of the trip (this day's included) and is updated;
    ``taken_food`` the restaurants used on other days. Swaps take an unused place (which
    keeps any required interest the leaver alone showed) or trade with a day in ``later``
    (not built yet; the trade is written into it). A place is dropped only above the pace
    minimum (never when ``keep_count``), and before any swap that would stretch the day
    past its current span or ``HARD_KM``. ``meals`` as in ``rebuild``; a day that can be
    scheduled but misses a meal tries a few swaps that make room for it. Returns the day
    and its activities.
    """
    index = request.index
    draft = _Draft(request, day, activities, used, taken_food, later, meals)
    fallback: Fitted | None = None
    built = draft.build(activities)
    if built is not None:
        if count_kind(built, "meal") >= meals:
            return built, activities
        fallback = (built, activities)  # schedulable, but a meal did not fit
    options = replacement_options(request, activities, day, used)
    options += trade_options(request, activities, day, later)
    options.sort(key=lambda o: (o.cost, o.position, index.rank[o.new.id]))
    tight, wide = draft.split_by_span(options)
    swapped = draft.try_changes(tight, fallback, MEAL_REPAIRS if fallback else MAX_REPAIRS)
    if swapped is not None:
        return swapped
    if fallback is not None:
        return fallback
    if not keep_count and len(activities) > request.bounds[0]:
        dropped = draft.drop_one()
        if dropped is not None:
            return dropped
    return draft.try_changes(wide, None, MAX_REPAIRS)
