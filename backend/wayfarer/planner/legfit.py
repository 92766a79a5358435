"""Legs the catalog cannot fill (issue 11): move the days a city runs out of to another leg.

A one-city trip that runs out of places ends early with a note. A leg cannot simply end
early, since the later legs' dates would move under them, so when a leg's city runs out
(:class:`LegShort`) the missing days go to the next leg (else the previous one) and the
trip is planned again; a leg that already ran out never takes days. When no leg can take
them, the short leg keeps what it can fill and the trip is shorter, said in a note.
"""

from dataclasses import dataclass

from wayfarer.domain import Leg, Preferences
from wayfarer.errors import InvalidRequest


class LegShort(InvalidRequest):
    """Leg ``city`` could fill only ``planned`` of the ``asked`` days it had to plan."""

    def __init__(self, city: str, planned: int, asked: int) -> None:
        super().__init__(
            f"I could only plan {planned} of {asked} days in {city} that keep every rule; "
            "try a more relaxed pace or fewer days there."
        )
        self.city, self.planned, self.asked = city, planned, asked

    @property
    def missing(self) -> int:
        """How many days the leg could not fill."""
        return self.asked - self.planned


@dataclass(frozen=True)
class Refit:
    """Preferences with the days moved, and the sentence that tells the traveller."""

    preferences: Preferences
    note: str


def refit(preferences: Preferences, short: LegShort, full: set[str]) -> Refit:
    """Move ``short.missing`` days out of ``short.city``'s leg (the last one of that city
    with enough days) to the next leg, else the previous one, skipping cities in
    ``full`` (which ran out already); with no taker the trip loses those days. Re-raises
    ``short`` when the leg would keep no day at all."""
    legs = list(preferences.legs)
    full.add(short.city.casefold())
    mine = [k for k, leg in enumerate(legs)
            if leg.city.casefold() == short.city.casefold() and (leg.days or 0) > short.missing]
    if not mine:
        raise short
    k = mine[-1]
    legs[k] = _days(legs[k], -short.missing)
    takers = [j for j in (k + 1, k - 1)
              if 0 <= j < len(legs) and legs[j].city.casefold() not in full]
    if takers:
        legs[takers[0]] = _days(legs[takers[0]], short.missing)
        note = (f"{short.city} has enough for {legs[k].days} days at this pace, so "
                f"{legs[takers[0]].city} gets {_count(short.missing)} more.")
    else:
        note = (f"I could only fill {legs[k].days} days in {short.city} at this pace, so "
                f"the trip is {_count(short.missing)} shorter; try a more relaxed pace "
                "for more days there.")
    return Refit(preferences.with_leg_days(legs), note)


def _days(leg: Leg, change: int) -> Leg:
    return leg.model_copy(update={"days": (leg.days or 0) + change})


def _count(days: int) -> str:
    return "one day" if days == 1 else f"{days} days"
