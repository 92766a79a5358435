"""Scoring the multi-city blind set (:mod:`tests.language.legs_blind`) on an interpreter.

A case holds when the message's acts say exactly the case's legs (covered cities in order
with their days), the total it names, every uncovered city it names, the head count (none
unless the case has one) and, in the planned context, the one leg change expected.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from tests.language.legs_blind import LegCase
from tests.language.plans import TODAY
from tests.reference import bundled_catalog, shared_world
from wayfarer.domain import ChangePreferences, Interpretation, Preferences, SessionState
from wayfarer.language import OfflineInterpreter
from wayfarer.planner import CatalogPlanner

PLANNED_LEGS = ({"city": "Tokyo", "country": "Japan", "days": 3},
                {"city": "Kyoto", "country": "Japan", "days": 2})


@cache
def planner() -> CatalogPlanner:
    """The real planner on the bundled catalog."""
    return CatalogPlanner(bundled_catalog())


def interpreter() -> OfflineInterpreter:
    """The offline interpreter on every covered city, reading against ``TODAY``."""
    covered = {c.name: c.country for c in planner().cities()}
    return OfflineInterpreter(covered, today=lambda: TODAY, world=shared_world())


def planned_state() -> SessionState:
    """A session planned for 3 days in Tokyo, then 2 in Kyoto (by the real planner)."""
    prefs = Preferences.model_validate({"legs": PLANNED_LEGS})
    itinerary = planner().plan(prefs).itinerary
    return SessionState(session_id="s-legs", stage="planned", preferences=prefs,
                        itinerary=itinerary)


def state_for(case: LegCase) -> SessionState:
    """The session ``case``'s message is read in."""
    return planned_state() if case.context == "planned" else SessionState(session_id="s-legs")


def reading(result: Interpretation) -> dict[str, Any]:
    """What the acts say: legs, total days, uncovered cities, head count, leg change."""
    said = [a for a in result.dialogue_acts() if isinstance(a, ChangePreferences)]
    legs: list[tuple[str, int | None]] = []
    total = travelers = None
    uncovered: set[str] = set()
    for act in said:
        changes = act.changes
        found = getattr(changes, "legs", None) or []
        legs = [(leg.city, leg.days) for leg in found] or (
            [(changes.city, changes.days)] if changes.city else legs)
        total = changes.days if found and any(leg.days is None for leg in found) else (
            changes.days if not found else total)
        travelers = changes.travelers or travelers
        uncovered |= set(getattr(changes, "unsupported_legs", None) or [])
        uncovered |= {changes.unsupported_city} if changes.unsupported_city else set()
    change = next(((a.op, a.city, a.days) for a in result.dialogue_acts()
                   if getattr(a, "act", "") == "change_leg"), None)
    return {"legs": legs, "total": total, "uncovered": uncovered, "travelers": travelers,
            "change": change}


def holds(case: LegCase, got: dict[str, Any]) -> bool:
    """Whether the reading ``got`` is what ``case`` means."""
    if case.context == "planned":
        return got["change"] == case.change
    expected_legs, expected_total = list(case.legs), case.total
    if len(expected_legs) == 1 and expected_legs[0][1] is None and expected_total:
        expected_legs = [(expected_legs[0][0], expected_total)]  # one city: its days
    if expected_total is None and all(days is not None for _, days in case.legs):
        expected_total = got["total"] if got["total"] == sum(
            d or 0 for _, d in case.legs) else None
    return (got["legs"] == expected_legs and got["total"] == expected_total
            and got["uncovered"] == set(case.uncovered) and got["travelers"] == case.travelers
            and got["change"] is None)


@dataclass
class LegScore:
    """Cases held, out of all, with the misses for printing."""

    held: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        """Share of cases held."""
        return self.held / self.total if self.total else 0.0


def score(interp: OfflineInterpreter, cases: Iterable[LegCase]) -> LegScore:
    """Read every case's message in its context and count the cases that hold."""
    result = LegScore()
    states = {"new": SessionState(session_id="s-legs"), "planned": planned_state()}
    for case in cases:
        got = reading(interp.read(case.message, states[case.context]))
        result.total += 1
        if holds(case, got):
            result.held += 1
        else:
            result.misses.append(f"{case.message!r}: got {got}")
    return result
