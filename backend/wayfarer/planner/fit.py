"""A quick necessary test that places can share one day (before trying to schedule it)."""

from collections.abc import Sequence

from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.clock import DAY_START
from wayfarer.planner.index import CityIndex, end_limit

LUNCH_ALLOWANCE = 60
#: At most this many places of these categories share a day (a local spends a beach day
#: at one or two beaches, not three adjoining ones).
SAME_DAY_MAX = {"beach": 2}


def fits_in_day(index: CityIndex, places: Sequence[CatalogPlace], weekday: int) -> bool:
    """Quick necessary test that ``places`` can share one day on ``weekday``.

    Every place must be open that day. Daytime places, taken in order of closing time,
    must each be reachable by their closing time counting all earlier-closing visits, the
    shortest hop into each and lunch; evening-only places must fit after dinner; no more
    places of one category than :data:`SAME_DAY_MAX` allows. A day that passes may still
    fail to schedule; one that fails is never tried.
    """
    for category, most in SAME_DAY_MAX.items():
        if sum(p.category == category for p in places) > most:
            return False
    day: list[tuple[int, CatalogPlace]] = []
    night: list[CatalogPlace] = []
    for place in places:
        if not index.fits_weekday(place, weekday):
            return False
        if index.evening_only(place, weekday):
            night.append(place)
        else:
            day.append((index.latest_end(place, weekday), place))
    ids = [p.id for p in places]
    hop = {
        p.id: min((index.minutes(p.id, o) for o in ids if o != p.id), default=0) for p in places
    }
    day.sort(key=lambda pair: (pair[0], pair[1].id))
    needed = DAY_START
    for position, (close, place) in enumerate(day):
        needed += place.visit_minutes + (hop[place.id] if position else 0)
        lunch = LUNCH_ALLOWANCE if close > index.slots["lunch"].latest else 0
        if needed + lunch > close:
            return False
    if night:
        needed = index.slots["dinner"].ideal + sum(p.visit_minutes + hop[p.id] for p in night)
        if needed > max(end_limit(p) for p in night):
            return False
    return True
