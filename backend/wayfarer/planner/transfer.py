"""The move between two legs of a trip: mode, estimated duration and when the traveller
is free again on arrival (docs/planner.md, "Transfers between legs").

Mode: rail when both cities are in one fast-rail region of ``data/transport/rail.json``
and no further apart than its ``max_km``; else a bus under :data:`BUS_MAX_KM`; else a
flight. Minutes = the mode's access overhead (getting to and from stations or airports,
boarding) + great-circle km / the mode's speed, rounded up to 5 minutes. The traveller
leaves at :data:`DEPART` (origin's local time) on the travel day; the arrival is in the
destination's local time, possibly on a later date (an eastward long-haul flight).
Everything here is an *estimate*, never a timetable, and the ``note`` says so.
"""

import datetime as dt
import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from wayfarer.domain import Transfer, TransferMode
from wayfarer.domain.geo import haversine_km
from wayfarer.planner.catalog import City
from wayfarer.planner.clock import STEP, hhmm

#: Departure from the hotel on the travel day, origin's local time (minutes).
DEPART = 9 * 60
#: Door-to-door overhead per mode (minutes): to the station or airport, boarding or
#: security, and from the arrival station or airport.
ACCESS_MINUTES: dict[TransferMode, int] = {"rail": 60, "bus": 45, "flight": 180, "ferry": 60}
#: Average speed over the great-circle distance for modes without a per-region speed.
FLIGHT_KMH = 750
BUS_KMH = 60
#: Below this distance (km), cities without a fast line between them are a bus ride.
BUS_MAX_KM = 300
#: Minutes after arrival before the first stop (hotel check-in, bags dropped).
CHECK_IN = 60
#: Date used for time-zone offsets when the trip has no dates (a Monday; docs/planner.md).
REFERENCE_DATE = dt.date(2024, 1, 1)


@dataclass(frozen=True)
class RailRegion:
    """Cities joined by a fast line that travellers normally take (``rail.json``)."""

    name: str
    cities: frozenset[str]
    kmh: float
    max_km: float


@dataclass(frozen=True)
class Move:
    """A planned transfer and when the traveller is free at the destination: on the
    travel day plus ``arrive_day`` days, from minute ``ready`` (local, after check-in;
    1440 or more means not that day)."""

    transfer: Transfer
    arrive_day: int
    ready: int


@cache
def rail_regions() -> tuple[RailRegion, ...]:
    """The fast-rail regions from ``data/transport/rail.json``."""
    path = Path(__file__).parent / "data" / "transport" / "rail.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    return tuple(
        RailRegion(
            name=str(r["name"]), cities=frozenset(str(c).casefold() for c in r["cities"]),
            kmh=float(r["kmh"]), max_km=float(r["max_km"]),
        )
        for r in raw["regions"]
    )


def _rail(origin: City, destination: City, km: float) -> RailRegion | None:
    names = {origin.name.casefold(), destination.name.casefold()}
    return next(
        (r for r in rail_regions() if names <= r.cities and km <= r.max_km), None
    )


def mode_and_minutes(origin: City, destination: City) -> tuple[TransferMode, int, float, str]:
    """(mode, door-to-door minutes, great-circle km, what the mode rests on)."""
    km = haversine_km(origin.lat, origin.lon, destination.lat, destination.lon)
    region = _rail(origin, destination, km)
    mode: TransferMode
    if region is not None:
        mode, kmh, basis = "rail", region.kmh, f"fast train ({region.name})"
    elif km < BUS_MAX_KM:
        mode, kmh, basis = "bus", BUS_KMH, "bus or car (no fast line)"
    else:
        mode, kmh, basis = "flight", FLIGHT_KMH, "flight"
    raw = ACCESS_MINUTES[mode] + km / kmh * 60
    return mode, math.ceil(raw / STEP) * STEP, round(km, 1), basis


def plan_move(origin: City, destination: City, travel_date: dt.date | None) -> Move:
    """The transfer from ``origin`` to ``destination`` leaving on ``travel_date``
    (:data:`REFERENCE_DATE` for the time zones when the trip has no dates)."""
    mode, minutes, km, basis = mode_and_minutes(origin, destination)
    date = travel_date or REFERENCE_DATE
    leave = dt.datetime.combine(date, dt.time(DEPART // 60, DEPART % 60),
                                tzinfo=ZoneInfo(origin.timezone))
    land = (leave + dt.timedelta(minutes=minutes)).astimezone(ZoneInfo(destination.timezone))
    arrive_day = max(0, (land.date() - date).days)
    arrive = land.hour * 60 + land.minute
    later = "" if arrive_day == 0 else (
        " the next day" if arrive_day == 1 else f" {arrive_day} days later"
    )
    hours, mins = divmod(minutes, 60)
    note = (
        f"Estimate: about {hours} h {mins:02d} min door to door by {basis} for "
        f"{km:,.0f} km, leaving {hhmm(DEPART)} and arriving {hhmm(arrive)}{later} local "
        "time. Check the timetable and book ahead."
    )
    transfer = Transfer(
        from_city=origin.name, to_city=destination.name, mode=mode, depart=hhmm(DEPART),
        arrive=hhmm(arrive), minutes=minutes, km=km, note=note,
        arrive_day_offset=arrive_day,
    )
    return Move(transfer=transfer, arrive_day=arrive_day, ready=arrive + CHECK_IN)
