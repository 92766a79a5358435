"""The shapes of blind set 2 (issue 9): a first message and its expected slots, values
that accept either of two readings, and dates resolved on the scoring day."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

DateSpec = Callable[[date], date]


@dataclass(frozen=True)
class Either:
    """Any of ``values`` is right (a hedge two readings serve equally well)."""

    values: tuple[object, ...]

    def __repr__(self) -> str:
        return " | ".join(repr(v) for v in self.values)


def on(month: int, day: int) -> DateSpec:
    """The next ``month``/``day`` on or after the scoring day."""

    def resolve(today: date) -> date:
        this_year = date(today.year, month, day)
        return this_year if this_year >= today else date(today.year + 1, month, day)

    resolve.__name__ = f"next {month:02d}-{day:02d}"
    return resolve


def after(days: int) -> DateSpec:
    """``days`` after the scoring day ("tomorrow" = 1, "in two weeks" = 14)."""

    def resolve(today: date) -> date:
        return today + timedelta(days=days)

    resolve.__name__ = f"today+{days}"
    return resolve


@dataclass(frozen=True)
class First:
    """One opening message and the slots it states (slot name -> expected value)."""

    message: str
    expect: dict[str, object] = field(default_factory=dict)


def F(message: str, **expect: object) -> First:
    """A table row: the message, then the slots it states."""
    for key in ("interests", "avoid_interests"):
        if key in expect and not isinstance(expect[key], Either):
            expect[key] = frozenset(expect[key])  # type: ignore[call-overload]
    return First(message, expect)


#: Slots a first message can state, in report order.
SLOTS = ("city", "days", "interests", "avoid_interests", "pace", "budget", "budget_amount",
         "currency", "travelers", "start_date")


__all__ = ["SLOTS", "DateSpec", "Either", "F", "First", "after", "on"]
