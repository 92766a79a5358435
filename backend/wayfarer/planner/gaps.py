"""Idle time inside a day: finding it, and closing it by reshaping the day.

A moderate or packed day must not wait :data:`IDLE_LIMIT` minutes or more between two
stops (the verifier's ``idle_gap`` rule). :func:`close_gaps` reshapes a scheduled day
without changing its places: it first lets the visit before a long wait run longer (up
to half its usual length, at most :data:`STRETCH_MAX` minutes, inside its opening
hours), then starts a run of stops before the wait later together (the shortest run that
works without making the wait before it too long; else the whole morning, so the day
begins later; meals stay in their windows). Filling a wait with another place is the trip
builder's job (``fill``).
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.clock import STEP

IDLE_LIMIT = 180
#: The longest a visit is stretched to shorten a wait after it.
STRETCH_MAX = 60
#: A reshaped wait is aimed at this length (anything under IDLE_LIMIT passes).
TARGET_GAP = 90


@dataclass(frozen=True)
class Stop:
    """A scheduled visit in minutes after midnight; ``slot`` names a meal."""

    place: CatalogPlace
    start: int
    end: int
    slot: str | None = None


#: Whether a stop may take place at [start, end] (opening hours, best time, meal window).
Fits = Callable[[Stop, int, int], bool]


def idle_gaps(spans: Sequence[tuple[int, int]], limit: int = IDLE_LIMIT) -> list[int]:
    """Positions ``k`` where the wait between span ``k`` and span ``k + 1`` is at least
    ``limit`` minutes (spans are (start, end) in time order)."""
    return [
        k for k in range(len(spans) - 1) if spans[k + 1][0] - spans[k][1] >= limit
    ]


def close_gaps(stops: Sequence[Stop], fits: Fits, travel: Mapping[int, int]) -> list[Stop]:
    """``stops`` with each wait of :data:`IDLE_LIMIT`+ shortened where ``fits`` allows.

    ``travel[k]`` is the travel time from stop ``k`` to stop ``k + 1``; only times
    change.
    """
    out = list(stops)
    for k in reversed(idle_gaps([(s.start, s.end) for s in out])):
        out = _stretch(out, k, fits, travel)
        if out[k + 1].start - out[k].end >= IDLE_LIMIT:
            out = _shift(out, k, fits, travel)
    return out


def _stretch(stops: list[Stop], k: int, fits: Fits, travel: Mapping[int, int]) -> list[Stop]:
    stop = stops[k]
    if stop.slot is not None:
        return stops
    length = stop.end - stop.start
    room = stops[k + 1].start - travel.get(k, 0) - stop.end - TARGET_GAP
    extra = min(room, STRETCH_MAX, length // 2) // STEP * STEP
    while extra > 0 and not fits(stop, stop.start, stop.end + extra):
        extra -= STEP
    if extra <= 0:
        return stops
    return [*stops[:k], replace(stop, end=stop.end + extra), *stops[k + 1 :]]


def _shift(stops: list[Stop], k: int, fits: Fits, travel: Mapping[int, int]) -> list[Stop]:
    """Move a run of stops ending at ``k`` later together so the wait after ``k`` drops
    under IDLE_LIMIT without the wait before the run reaching it (the two waits evened
    out): the shortest run that can, else everything before the wait as far as it fits.
    Travel time to the stop after the wait is always kept."""
    wait = stops[k + 1].start - stops[k].end
    slack = wait - travel.get(k, 0)
    need = max(wait - IDLE_LIMIT + STEP, STEP)
    for first in range(k, -1, -1):
        if first == 0:
            most = min(slack, wait - TARGET_GAP)
        else:
            before = stops[first].start - stops[first - 1].end
            most = min(slack, (before + wait) // 2 - before, IDLE_LIMIT - STEP - before)
        moved = _moved(stops, first, k, most // STEP * STEP, need, fits)
        if moved is not None:
            return moved
    partial = _moved(stops, 0, k, min(slack, wait - TARGET_GAP) // STEP * STEP, STEP, fits)
    return stops if partial is None else partial


def _moved(
    stops: list[Stop], first: int, last: int, most: int, least: int, fits: Fits
) -> list[Stop] | None:
    """Stops ``first..last`` moved later by the largest delta in [least, most] (5-minute
    steps) at which each still fits; None when none does."""
    delta = most
    block = stops[first : last + 1]
    checks = list(range(len(block)))  # the stop that failed last is checked first
    while delta >= least:
        failed = next((k for k in checks
                       if not fits(block[k], block[k].start + delta, block[k].end + delta)), None)
        if failed is None:
            moved = [replace(s, start=s.start + delta, end=s.end + delta) for s in block]
            return [*stops[:first], *moved, *stops[last + 1 :]]
        if failed != checks[0]:
            checks.remove(failed)
            checks.insert(0, failed)
        delta -= STEP
    return None
