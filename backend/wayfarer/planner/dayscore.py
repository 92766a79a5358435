"""How good a timed day is: the penalty the day solver minimises among feasible placements.

Not money (``cost.py`` estimates prices): waiting, meals away from their ideal times and a
late finish, each with a named weight.
"""

import itertools
from collections.abc import Mapping, Sequence

from wayfarer.planner.clock import DAY_START, MealSlot
from wayfarer.planner.gaps import IDLE_LIMIT, Stop

#: Penalty per minute of waiting between stops (and before the first one).
WAIT_WEIGHT = 1.0
#: Penalty per minute of waiting just before dinner: free evening time, half price.
DINNER_WAIT_WEIGHT = 0.5
#: Penalty added for each wait of gaps.IDLE_LIMIT minutes or more in an arrangement (the
#: day cannot be reshaped around it).
IDLE_PENALTY = 600.0
#: Penalty per minute a meal starts away from its slot's ideal time.
MEAL_TIME_WEIGHT = 0.5
#: Penalty per minute past midnight at which the day ends: a tie-breaker for finishing
#: earlier.
LATE_FINISH_WEIGHT = 0.01


def day_penalty(stops: Sequence[Stop], slots: Mapping[str, MealSlot]) -> float:
    """Lower is better: waiting (:data:`DINNER_WAIT_WEIGHT` per minute before dinner,
    :data:`WAIT_WEIGHT` anywhere else, plus :data:`IDLE_PENALTY` per wait of IDLE_LIMIT or
    more), meals away from their ideal times in ``slots``, a late finish."""
    waiting = WAIT_WEIGHT * (stops[0].start - DAY_START)
    deviation = 0
    for previous, stop in itertools.pairwise(stops):
        gap = stop.start - previous.end
        waiting += gap * (DINNER_WAIT_WEIGHT if stop.slot == "dinner" else WAIT_WEIGHT)
        if gap >= IDLE_LIMIT:
            waiting += IDLE_PENALTY
    for stop in stops:
        if stop.slot is not None:
            deviation += abs(stop.start - slots[stop.slot].ideal)
    return waiting + MEAL_TIME_WEIGHT * deviation + LATE_FINISH_WEIGHT * stops[-1].end
