"""Keeping each day in one area: a local search over the day groups after clustering.

Balanced clusters have exact sizes, so an outlying sight (Sintra from Lisbon, Tai O from
Hong Kong) joins the nearest area it can and stretches that day across the city. This
module measures a day's *span* (the largest distance between two of its activities) and
improves the groups with small moves that each remove one end of the worst day's widest
pair:

- **replace** it with an unused place of the pool (the outlier is left out in favour of
  a place near the rest of the day);
- **swap** it with a place of another day (an excursion day forms when far places end up
  together);
- **move** it to another day with room, or **drop** it from a day above the pace minimum
  (an excursion day with fewer stops).

Each move is scored in kilometres: the change in span penalty (:func:`span_penalty`, zero
up to :data:`TIGHT_KM`, steeper beyond :data:`HARD_KM`) plus the score lost divided by
``DISTANCE_WEIGHT`` (the exchange rate the repairs in ``days`` use). A newcomer's higher
score is not counted as a gain: the search only trades score for geography, so it never
undoes the selection's variety for its own sake. A move is kept only
when it lowers the total. A place that alone shows a required interest is never dropped
or replaced by a place without that interest, and places with avoided interests never
come in. Deterministic: candidates are tried in a fixed order and ties keep the first.
"""

import itertools
from collections.abc import Iterable, Sequence

from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.index import CityIndex
from wayfarer.planner.request import TripRequest
from wayfarer.planner.select import is_avoided, score

#: A day whose activities all lie within this many km of each other is tight enough.
TIGHT_KM = 4.0
#: Spans beyond this are penalised three times as hard (a day should never reach it).
HARD_KM = 8.0
HARD_WEIGHT = 3.0
#: km of span worth one point of place score (matches days.DISTANCE_WEIGHT = 0.25).
SCORE_KM = 4.0
#: Moves tried per group on average before the search stops.
ROUNDS_PER_DAY = 3


def span_km(index: CityIndex, ids: Sequence[str]) -> float:
    """Largest great-circle distance in km between two of the places ``ids`` (0 for
    fewer than two)."""
    return index.span(ids)


def span_penalty(span: float) -> float:
    """How much a day of this span costs, in km: nothing up to TIGHT_KM, then 1 per km,
    and HARD_WEIGHT more per km beyond HARD_KM."""
    if span <= TIGHT_KM:  # the common case, without max() calls
        return 0.0
    return span - TIGHT_KM + HARD_WEIGHT * max(0.0, span - HARD_KM)


def _cost(index: CityIndex, group: Sequence[CatalogPlace]) -> float:
    return span_penalty(span_km(index, [p.id for p in group]))


def span_with(index: CityIndex, span: float, ids: Sequence[str], new: str) -> float:
    """Span of the places ``ids`` (whose span is ``span``) with ``new`` added."""
    return max(span, index.farthest_km(new, ids))


def _widest(index: CityIndex, group: Sequence[CatalogPlace]) -> tuple[CatalogPlace, ...]:
    """The two ends of the group's widest pair."""
    km = index.km
    pair = max(
        itertools.combinations(group, 2), key=lambda ab: km(ab[0].id, ab[1].id)
    )
    return pair


def _sole(request: TripRequest, place: CatalogPlace, chosen: Iterable[CatalogPlace]) -> set[str]:
    """Required interests only ``place`` shows among ``chosen``."""
    elsewhere = {i for p in chosen if p.id != place.id for i in p.interests}
    return {i for i in request.required if i in place.interests and i not in elsewhere}


def tighten(
    request: TripRequest,
    groups: list[list[CatalogPlace]],
    pool: Sequence[CatalogPlace],
) -> list[list[CatalogPlace]]:
    """Improve ``groups`` (one per day) so each day stays in one area; returns new groups.

    ``pool`` holds every place the trip may use (the groups' places among them). Group
    sizes stay within the pace bounds; a group may shrink to the pace minimum.
    """
    index = request.index
    low, high = request.bounds
    groups = [list(g) for g in groups]
    rounds = ROUNDS_PER_DAY * len(groups)
    for _ in range(rounds):
        costs = [_cost(index, g) for g in groups]
        worst = max(range(len(groups)), key=lambda k: (costs[k], -k))
        if costs[worst] <= 0:
            break
        move = _best_move(request, groups, costs, worst, pool, low, high)
        if move is None:
            break
        groups = move
    return groups


def _best_move(
    request: TripRequest,
    groups: list[list[CatalogPlace]],
    costs: list[float],
    worst: int,
    pool: Sequence[CatalogPlace],
    low: int,
    high: int,
) -> list[list[CatalogPlace]] | None:
    """The cheapest improving move that takes one end of the worst group's widest pair
    out of it, as new groups; None when no move improves the total."""
    index = request.index
    group = groups[worst]
    chosen = [p for g in groups for p in g]
    used = {p.id for p in chosen}
    spare = [p for p in pool if p.id not in used and not is_avoided(request, p)]
    best: tuple[float, list[list[CatalogPlace]]] | None = None

    def consider(delta: float, changed: dict[int, list[CatalogPlace]]) -> None:
        nonlocal best
        if delta < -1e-9 and (best is None or delta < best[0] - 1e-9):
            best = (delta, [changed.get(k, g) for k, g in enumerate(groups)])

    others = {
        k: ([p.id for p in g], [span_km(index, [q.id for j, q in enumerate(g) if j != m])
                                 for m in range(len(g))])
        for k, g in enumerate(groups)
        if k != worst
    }
    ends = _widest(index, group)
    for out, other_end in (ends, ends[::-1]):
        side = [p for p in group if index.km(p.id, out.id) < index.km(p.id, other_end.id)]
        if len(side) > 1 and not any(_sole(request, p, chosen) for p in side):
            kept = [p for p in group if p not in side]
            trial = _refill(request, kept, spare, len(group), low)
            lost = sum(score(request, p) for p in side) - sum(
                score(request, p) for p in trial if p not in kept
            )
            delta = _cost(index, trial) - costs[worst] + SCORE_KM * max(0.0, lost)
            consider(delta, {worst: trial})
    for out in ends:
        rest = [p for p in group if p.id != out.id]
        rest_ids = [p.id for p in rest]
        rest_span = span_km(index, rest_ids)
        rest_cost = span_penalty(rest_span) - costs[worst]
        need = _sole(request, out, chosen)
        value_out = score(request, out) * SCORE_KM
        if len(group) > low and not need:
            consider(rest_cost + value_out, {worst: rest})
        for new in spare:
            if need - set(new.interests):
                continue
            delta = span_penalty(span_with(index, rest_span, rest_ids, new.id)) - costs[worst]
            delta += max(0.0, value_out - score(request, new) * SCORE_KM)
            consider(delta, {worst: [*rest, new]})
        for other, members in enumerate(groups):
            if other == worst:
                continue
            ids, without = others[other]
            if len(group) > low and len(members) < high:
                moved = span_penalty(span_with(index, span_km(index, ids), ids, out.id))
                consider(rest_cost + moved - costs[other], {worst: rest, other: [*members, out]})
            for k, swap in enumerate(members):
                left = ids[:k] + ids[k + 1 :]
                delta = (
                    span_penalty(span_with(index, rest_span, rest_ids, swap.id)) - costs[worst]
                    + span_penalty(span_with(index, without[k], left, out.id))
                    - costs[other]
                )
                if delta < -1e-9:
                    theirs = [*members[:k], out, *members[k + 1 :]]
                    consider(delta, {worst: [*rest, swap], other: theirs})
    return None if best is None else best[1]


def _refill(
    request: TripRequest,
    kept: list[CatalogPlace],
    spare: Sequence[CatalogPlace],
    size: int,
    low: int,
) -> list[CatalogPlace]:
    """``kept`` plus spare places, one at a time, each the one that adds the most score
    net of span penalty, up to ``size`` places; beyond the pace minimum ``low`` a place is
    added only when it is worth more than the span it adds."""
    index = request.index
    group = list(kept)
    left = list(spare)
    while len(group) < size and left:
        ids = [p.id for p in group]
        span = span_km(index, ids)
        base = span_penalty(span)
        gains = {
            p.id: SCORE_KM * score(request, p)
            - (span_penalty(span_with(index, span, ids, p.id)) - base)
            for p in left
        }
        pick = max(left, key=lambda p: (gains[p.id], -index.rank[p.id]))
        if len(group) >= low and gains[pick.id] <= 0:
            break
        group.append(pick)
        left.remove(pick)
    return group
