"""Scoring the blind set (``blind_cases.py``): slot by slot, for the interpreter and the API.

A case scores one point per expected slot. Interests are compared as sets; money as
numbers; place selectors in edits by what they pick, not by how they are spelled: an
actual selector is right when the places it matches are a non-empty subset of those the
expected one matches (in the plan for targets, in the city's catalog for replacements and
additions). So "category=museum" and "interest=museums" agree when they pick the same
places, and "the last day" is day 3 of a 3-day plan.
"""

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tests.language.blind_cases import CONTEXTS, PLANNED_DAYS, Blind
from tests.language.plans import PARIS_START, gathering, planned
from tests.reference import bundled_catalog
from wayfarer.domain import (
    AddPlace,
    ChangeBudget,
    ChangePace,
    DropDay,
    Edit,
    Interpretation,
    Itinerary,
    PlaceSelector,
    RemovePlace,
    ReplacePlace,
    SessionState,
    SwapDays,
)
from wayfarer.language import OfflineInterpreter
from wayfarer.planner import CatalogPlace
from wayfarer.planner.match import place_matches

#: Slots in the order they are reported.
SLOTS = ("intent", "city", "unsupported", "days", "start", "add", "remove", "pace", "budget",
         "amount", "currency", "travelers", "edits", "export", "day")


@dataclass(frozen=True)
class Miss:
    """One wrong slot: what was expected and what came out."""

    message: str
    context: str
    slot: str
    expected: str
    got: str


def _empty_slots() -> dict[str, list[int]]:
    return {slot: [0, 0] for slot in SLOTS}


@dataclass
class Score:
    """Correct / expected slots, overall and per slot (``[correct, expected]``), and misses."""

    correct: int = 0
    total: int = 0
    per_slot: dict[str, list[int]] = field(default_factory=_empty_slots)
    misses: list[Miss] = field(default_factory=list)

    def record(self, case: Blind, slot: str, ok: bool, got: object) -> None:
        """Count one expected slot of ``case``; ``got`` is what was read."""
        self.total += 1
        self.per_slot[slot][1] += 1
        if ok:
            self.correct += 1
            self.per_slot[slot][0] += 1
        else:
            self.misses.append(Miss(case.message, case.context, slot,
                                    show(case.expect[slot]), show(got)))

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def report(self) -> str:
        """Overall and per-slot accuracy, then the misses, one per line."""
        lines = [f"slot accuracy: {self.correct}/{self.total} = {self.accuracy:.1%}"]
        others = [(c, t) for s, (c, t) in self.per_slot.items() if s != "intent"]
        c, t = sum(c for c, _ in others), sum(t for _, t in others)
        lines.append(f"  without intent: {c}/{t} = {c / t:.1%}")
        for slot, (ok, n) in self.per_slot.items():
            if n:
                lines.append(f"  {slot:<11} {ok:>3}/{n:<3} {ok / n:.1%}")
        lines.append(f"misses ({len(self.misses)}):")
        lines.extend(f"  [{m.context}] {m.message!r}: {m.slot} expected {m.expected}, "
                     f"got {m.got}" for m in self.misses)
        return "\n".join(lines)


def show(value: object) -> str:
    """A short readable form of a slot value (dates specs are shown by name)."""
    if callable(value):
        return str(getattr(value, "__name__", value))
    if isinstance(value, list):
        return "[" + ", ".join(show(v) for v in value) + "]"
    if hasattr(value, "model_dump"):
        fields = value.model_dump(exclude_none=True)
        return " ".join(f"{k}={v}" for k, v in fields.items() if v not in ({}, []))
    return repr(value)


def plain(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(kept.split())


# --- the interpreter side ---------------------------------------------------------------


def interpreter_state(context: str) -> SessionState:
    """The session a case's message is read in, for the interpreter (see ``Context``)."""
    spec = CONTEXTS[context]
    if spec.planned:
        return planned(start_date=PARIS_START, **spec.prefs)
    return gathering(spec.asked, **spec.prefs)


def interpreter_slots(result: Interpretation) -> dict[str, Any]:
    """What the interpretation says for each slot (pace/budget folded from edits)."""
    changes = result.changes
    pace = changes.pace
    budget = changes.budget
    edits: list[Edit] = []
    for edit in result.edits:
        if isinstance(edit, ChangePace) and edit.pace is not None:
            pace = pace or edit.pace
        elif isinstance(edit, ChangeBudget):
            budget = budget or edit.budget
        else:
            edits.append(edit)
    return {
        "intent": result.intent,
        "city": changes.city,
        "unsupported": changes.unsupported_city,
        "days": changes.days,
        "start": changes.start_date,
        "add": set(changes.add_interests),
        "remove": set(changes.remove_interests),
        "pace": pace,
        "budget": budget,
        "amount": changes.budget_amount,
        "currency": changes.currency,
        "travelers": changes.travelers,
        "edits": edits,
        "export": result.export_format,
        "day": result.question_day,
    }


def slot_ok(slot: str, expected: Any, got: Any, today: date) -> bool:
    """Whether ``got`` is right for ``slot`` (edits are compared by :func:`edits_ok`)."""
    if slot == "start":
        return bool(got == expected(today))
    if slot in ("add", "remove"):
        return set(got or ()) == set(expected)
    if slot == "unsupported":
        return got is not None and plain(got) == plain(expected)
    if slot == "amount":
        return got is not None and abs(float(got) - float(expected)) < 0.005
    return bool(got == expected)


def score_interpreter(interpreter: OfflineInterpreter, cases: Iterable[Blind],
                      today: date) -> Score:
    """Run every case through ``interpreter`` (whose clock says ``today``) and score it."""
    paris = catalog_places("Paris")
    fixture = planned().itinerary
    assert fixture is not None
    score = Score()
    for case in cases:
        got = interpreter_slots(interpreter.read(case.message, interpreter_state(case.context)))
        for slot, expected in case.expect.items():
            if slot == "edits":
                ok = edits_ok(expected, got["edits"], fixture, paris)
            else:
                ok = slot_ok(slot, expected, got[slot], today)
            score.record(case, slot, ok, got[slot])
    return score


# --- edits ------------------------------------------------------------------------------


def catalog_places(city: str) -> dict[str, CatalogPlace]:
    """The city's catalog places by id."""
    found = bundled_catalog().get(city)
    assert found is not None
    return {p.id: p for p in found.places}


def in_plan(selector: PlaceSelector, itinerary: Itinerary,
            places: dict[str, CatalogPlace]) -> set[str]:
    """Ids of the plan's places ``selector`` matches (on its day, when it names one)."""
    return {
        item.place.id
        for day in itinerary.days
        if selector.day is None or day.day == selector.day
        for item in day.items
        if item.place.id in places and place_matches(selector, places[item.place.id])
    }


def in_catalog(selector: PlaceSelector, places: dict[str, CatalogPlace]) -> set[str]:
    """Ids of the catalog places ``selector`` matches (its day ignored)."""
    return {pid for pid, place in places.items() if place_matches(selector, place)}


def _narrower(expected: set[str], got: set[str]) -> bool:
    return bool(got) and got <= expected


def edit_ok(expected: Edit, got: Edit, itinerary: Itinerary,
            places: dict[str, CatalogPlace]) -> bool:
    """Whether ``got`` does what ``expected`` asks, in ``itinerary``."""
    if expected.op != got.op:
        return False
    if isinstance(expected, SwapDays) and isinstance(got, SwapDays):
        return {expected.first, expected.second} == {got.first, got.second}
    if isinstance(expected, DropDay) and isinstance(got, DropDay):
        last = len(itinerary.days)
        return (expected.day or last) == (got.day or last)
    if isinstance(expected, ChangePace) and isinstance(got, ChangePace):
        return (expected.pace, expected.step) == (got.pace, got.step)
    if isinstance(expected, ReplacePlace) and isinstance(got, ReplacePlace):
        wanted = expected.replacement
        target_ok = _narrower(in_plan(expected.target, itinerary, places),
                              in_plan(got.target, itinerary, places))
        if wanted == PlaceSelector():
            return target_ok
        return target_ok and _narrower(in_catalog(wanted, places),
                                       in_catalog(got.replacement, places))
    if isinstance(expected, RemovePlace) and isinstance(got, RemovePlace):
        return _narrower(in_plan(expected.target, itinerary, places),
                         in_plan(got.target, itinerary, places))
    if isinstance(expected, AddPlace) and isinstance(got, AddPlace):
        return expected.query.day == got.query.day and _narrower(
            in_catalog(expected.query, places), in_catalog(got.query, places))
    return True  # add_day, undo: the op says it all


def edits_ok(expected: list[Edit], got: list[Edit], itinerary: Itinerary,
             places: dict[str, CatalogPlace]) -> bool:
    """Same number of edits, each expected one matched by a distinct actual one."""
    if len(expected) != len(got):
        return False
    left = list(got)
    for want in expected:
        match = next((g for g in left if edit_ok(want, g, itinerary, places)), None)
        if match is None:
            return False
        left.remove(match)
    return True


__all__ = [
    "PLANNED_DAYS",
    "SLOTS",
    "Miss",
    "Score",
    "catalog_places",
    "edits_ok",
    "in_catalog",
    "in_plan",
    "interpreter_slots",
    "interpreter_state",
    "plain",
    "score_interpreter",
    "show",
    "slot_ok",
]
