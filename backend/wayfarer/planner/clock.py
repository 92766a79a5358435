"""The planner's day clock: when days start, when meals happen, when days end.

Times are minutes after local midnight. Every schedule the planner writes and every check
the verifier makes uses these constants, so they agree by construction.
"""

import datetime as dt
import math
from dataclasses import dataclass
from functools import lru_cache

DAY_START = 9 * 60
#: Lunch may start anywhere from 11:30 to 15:00 (ideally 12:30), dinner 18:30-20:30.
LUNCH_EARLIEST, LUNCH_LATEST = 11 * 60 + 30, 15 * 60
DINNER_EARLIEST, DINNER_LATEST = 18 * 60 + 30, 20 * 60 + 30
DAY_END = 22 * 60
NIGHT_END = 23 * 60 + 30
LUNCH_MINUTES = (45, 75)
DINNER_MINUTES = (60, 120)
STEP = 5


def round_up(minutes: int, step: int = STEP) -> int:
    """``minutes`` rounded up to a multiple of ``step`` (schedules use 5-minute marks)."""
    return math.ceil(minutes / step) * step


def hhmm(minutes: int) -> str:
    """ "HH:MM" for minutes after midnight (0 <= minutes < 1440)."""
    if not 0 <= minutes < 24 * 60:
        raise ValueError(f"time out of day: {minutes}")
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@lru_cache(maxsize=2048)
def minutes_of(text: str) -> int:
    """Minutes after midnight for an itinerary time "HH:MM" (memoised: the planner and the
    verifier read the same few hundred times over and over)."""
    hours, _, mins = text.partition(":")
    return int(hours) * 60 + int(mins)


def weekday_of(day: int, start_date: dt.date | None) -> int:
    """Weekday (0 = Monday) of trip day ``day`` (1-based).

    With no start date the trip is assumed to start on a Monday, the same assumption the
    ICS export makes when it picks "next Monday", so schedules stay valid on those dates.
    """
    if start_date is None:
        return (day - 1) % 7
    return (start_date + dt.timedelta(days=day - 1)).weekday()


def date_of(day: int, start_date: dt.date | None) -> dt.date | None:
    """Calendar date of trip day ``day`` when the start date is known."""
    return None if start_date is None else start_date + dt.timedelta(days=day - 1)


def next_monday(today: dt.date) -> dt.date:
    """The first Monday strictly after ``today``."""
    return today + dt.timedelta(days=7 - today.weekday())


@dataclass(frozen=True)
class MealSlot:
    """A meal's start window (``earliest``-``latest``), duration bounds and ideal start."""

    name: str
    earliest: int
    latest: int
    minutes: tuple[int, int]
    ideal: int


def meal_slots(lunch: tuple[int, int], dinner: tuple[int, int]) -> dict[str, MealSlot]:
    """A city's lunch and dinner slots from its local start windows (minutes): the ideal
    start is an hour into the window (12:30 and 19:30 for the default windows)."""

    def slot(name: str, window: tuple[int, int], minutes: tuple[int, int]) -> MealSlot:
        low, high = window
        return MealSlot(name, low, high, minutes, min(high, low + 60))

    return {
        "lunch": slot("lunch", lunch, LUNCH_MINUTES),
        "dinner": slot("dinner", dinner, DINNER_MINUTES),
    }


DEFAULT_SLOTS = meal_slots((LUNCH_EARLIEST, LUNCH_LATEST), (DINNER_EARLIEST, DINNER_LATEST))
