"""Scoring blind set 2 (issue 9) from what the HTTP API returns: a SessionView and a reply.

First messages (``blind2_first.py``): one point per slot the message states, right when the
session's preferences after the turn hold the expected value. A slot the message does not
state but the session shows set (non-null, non-empty) is one more point, always wrong
(reported as expected ``(not stated)``), except fields the plan lists in ``assumed``
(defaults the product names) and ``budget`` when the message states an amount (a level
derived from it is fine either way). ``accuracy = correct / (stated + spurious)``.

Dialogues (``blind2_dialogues.py``): each turn lists checks on the reply and the view
after it, some against the view before the turn. One check holds or not; a dialogue passes
when all its checks hold, plus one implicit check per dialogue: no reply says "booked".
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tests.language.blind2_model import SLOTS, Either, First
from tests.language.blind_scoring import plain

View = dict[str, Any]


# --- comparing one value ------------------------------------------------------------------


def matches(expected: object, got: object, today: date) -> bool:
    """Whether ``got`` (as the SessionView shows it) is ``expected``."""
    if isinstance(expected, Either):
        return any(matches(v, got, today) for v in expected.values)
    if callable(expected):
        return got is not None and str(got) == expected(today).isoformat()
    if isinstance(expected, frozenset):
        return set(got if isinstance(got, list) else ()) == expected
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return isinstance(got, (int, float)) and abs(float(got) - float(expected)) < 0.005
    return bool(got == expected)


def is_set(value: object) -> bool:
    """A slot value the session shows as stated (not null, not an empty list)."""
    return value is not None and value != []


def show(value: object) -> str:
    """A short readable form of an expected or seen value."""
    if callable(value) and not isinstance(value, Either):
        return str(getattr(value, "__name__", value))
    if isinstance(value, (frozenset, set)):
        return "{" + ", ".join(sorted(map(str, value))) + "}"
    return repr(value)


# --- first messages -----------------------------------------------------------------------


@dataclass(frozen=True)
class Miss:
    """One failed slot or check: where, what was expected, what was seen."""

    where: str
    slot: str
    expected: str
    got: str


@dataclass
class Tally:
    """Correct / total overall and per key (slot or check kind), with the misses."""

    correct: int = 0
    total: int = 0
    per_key: dict[str, list[int]] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)

    def record(self, key: str, ok: bool, miss: Miss | None = None) -> None:
        """Count one point under ``key``; ``miss`` is kept when it failed."""
        counts = self.per_key.setdefault(key, [0, 0])
        self.total += 1
        counts[1] += 1
        if ok:
            self.correct += 1
            counts[0] += 1
        elif miss is not None:
            self.misses.append(miss)

    @property
    def rate(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def lines(self, label: str) -> list[str]:
        """The overall figure, then one line per key."""
        out = [f"{label}: {self.correct}/{self.total} = {self.rate:.1%}"]
        for key, (ok, n) in self.per_key.items():
            if n:
                out.append(f"  {key:<22} {ok:>4}/{n:<4} {ok / n:.1%}")
        return out


def score_first(case: First, view: View, today: date, tally: Tally) -> None:
    """Score the session ``view`` after ``case``'s message into ``tally``."""
    prefs = view["preferences"]
    assumed = set(view.get("assumed") or ())
    for slot in SLOTS:
        got = prefs.get(slot)
        if slot in case.expect:
            expected = case.expect[slot]
            ok = matches(expected, got, today)
            tally.record(slot, ok, Miss(case.message, slot, show(expected), show(got)))
        elif is_set(got) and slot not in assumed and not (
                slot == "budget" and "budget_amount" in case.expect):
            tally.record(slot, False, Miss(case.message, slot, "(not stated)", show(got)))
    for key in SLOTS:
        tally.per_key.setdefault(key, [0, 0])


# --- reading a view -----------------------------------------------------------------------


def day_items(view: View, kind: str | None = None) -> list[list[dict[str, Any]]]:
    """Items per day of the view's itinerary (only ``kind`` when given); [] without one."""
    itinerary = view.get("itinerary")
    if not itinerary:
        return []
    return [[i for i in d["items"] if kind is None or i["kind"] == kind]
            for d in itinerary["days"]]


def names(items: Iterable[dict[str, Any]]) -> list[str]:
    return [plain(i["place"]["name"]) for i in items]


def fingerprint(view: View) -> tuple[object, ...]:
    """What a question must not change: stage, preferences, each day's places in order."""
    days = tuple(tuple(i["place"]["id"] for i in d) for d in day_items(view))
    prefs = tuple(sorted((k, str(v)) for k, v in view["preferences"].items()))
    return view["stage"], prefs, days


MONEY = re.compile(
    r"(?:[€$£¥₩฿₹]|\b(?:[A-Z]{3}|R|HK\$|S\$|A\$)\b)\s?\d|\d[\d,.\s]*\s?"
    r"(?:[€$£¥₩฿₹]|\b[A-Z]{3}\b|\b(?:euros?|dollars?|pounds?|yen|baht|won|rupees?|pesos?"
    r"|dirhams?|rand|reais|crowns?|koruna|lira|dinars?)\b)")


# --- dialogue checks ----------------------------------------------------------------------


@dataclass(frozen=True)
class Seen:
    """One turn as the client saw it: the reply, the view after, the view before."""

    reply: str
    view: View
    before: View


class Check:
    """One expectation about a turn; :meth:`held` says whether it held and what was seen."""

    kind = "check"

    def held(self, seen: Seen) -> tuple[bool, str]:
        raise NotImplementedError

    def label(self) -> str:
        """The failure kind this check reports when it does not hold."""
        return self.kind


@dataclass(frozen=True)
class Stage(Check):
    value: str
    kind = "stage"

    def held(self, seen: Seen) -> tuple[bool, str]:
        return seen.view["stage"] == self.value, str(seen.view["stage"])


@dataclass(frozen=True)
class Pref(Check):
    """A preference field equals ``value`` (see :func:`matches`)."""

    name: str
    value: object
    kind = "preference"

    def held(self, seen: Seen) -> tuple[bool, str]:
        got = seen.view["preferences"].get(self.name)
        return matches(self.value, got, date.today()), f"{self.name}={show(got)}"

    def label(self) -> str:
        return f"preference {self.name}"

    def __repr__(self) -> str:
        return f"Pref({self.name}={show(self.value)})"


@dataclass(frozen=True)
class PrefHas(Check):
    """A list preference (interests, avoid_interests) contains ``item`` (or not)."""

    name: str
    item: str
    present: bool = True
    kind = "preference"

    def held(self, seen: Seen) -> tuple[bool, str]:
        got = seen.view["preferences"].get(self.name) or []
        return (self.item in got) == self.present, f"{self.name}={got}"

    def label(self) -> str:
        return f"preference {self.name}"


@dataclass(frozen=True)
class Planned(Check):
    """An itinerary is present (or absent)."""

    present: bool = True
    kind = "itinerary present"

    def held(self, seen: Seen) -> tuple[bool, str]:
        has = bool(seen.view.get("itinerary"))
        return has == self.present, "itinerary" if has else "no itinerary"


@dataclass(frozen=True)
class Days(Check):
    """The itinerary has ``count`` days."""

    count: int
    kind = "number of days"

    def held(self, seen: Seen) -> tuple[bool, str]:
        got = len(day_items(seen.view))
        return got == self.count, f"{got} days"


@dataclass(frozen=True)
class Has(Check):
    """A place whose name contains ``name`` is in the itinerary (on ``day`` when given);
    ``present=False`` asks for its absence."""

    name: str
    day: int | None = None
    present: bool = True
    kind = "place present/absent"

    def held(self, seen: Seen) -> tuple[bool, str]:
        days = day_items(seen.view)
        if not days:
            return not self.present, "no itinerary"
        chosen = days if self.day is None else days[self.day - 1:self.day]
        found = sorted({n for d in chosen for n in names(d) if plain(self.name) in n})
        where = f"day {self.day}" if self.day else "trip"
        return bool(found) == self.present, f"{where}: {found or 'not there'}"

    def label(self) -> str:
        if self.present:
            return "place asked for missing" if self.day is None else "place not on its day"
        return "removed place present" if self.day is None else "moved place on old day"


def Lacks(name: str, day: int | None = None) -> Has:
    """No place named like ``name`` in the itinerary (on ``day`` when given)."""
    return Has(name, day, present=False)


@dataclass(frozen=True)
class Unchanged(Check):
    """Stage, preferences and every day's places are as before the turn."""

    kind = "unchanged"

    def held(self, seen: Seen) -> tuple[bool, str]:
        same = fingerprint(seen.view) == fingerprint(seen.before)
        return same, "unchanged" if same else "changed"


@dataclass(frozen=True)
class DaySame(Check):
    """Day ``day``'s places are as before the turn (a scoped edit left it alone)."""

    day: int
    kind = "day unchanged"

    def held(self, seen: Seen) -> tuple[bool, str]:
        now, was = day_items(seen.view), day_items(seen.before)
        if len(now) < self.day or len(was) < self.day:
            return False, "day missing"
        same = names(now[self.day - 1]) == names(was[self.day - 1])
        return same, "same" if same else f"now {names(now[self.day - 1])}"


@dataclass(frozen=True)
class OtherDaysSame(Check):
    """Every day that did not hold a place named like ``name`` before the turn has the
    same places after it (a removal touches only the removed place's own day, whichever
    day the plan put it on)."""

    name: str
    kind = "day unchanged"

    def held(self, seen: Seen) -> tuple[bool, str]:
        now, was = day_items(seen.view), day_items(seen.before)
        if len(now) != len(was):
            return False, f"{len(was)} -> {len(now)} days"
        moved = [n for n, (a, b) in enumerate(zip(now, was, strict=True), start=1)
                 if not any(plain(self.name) in x for x in names(b)) and names(a) != names(b)]
        return not moved, f"changed days {moved}" if moved else "same"


@dataclass(frozen=True)
class DayLighter(Check):
    """Day ``day`` has fewer activities than before the turn."""

    day: int
    kind = "day lighter"

    def held(self, seen: Seen) -> tuple[bool, str]:
        now, was = day_items(seen.view, "activity"), day_items(seen.before, "activity")
        if len(now) < self.day or len(was) < self.day:
            return False, "day missing"
        a, b = len(now[self.day - 1]), len(was[self.day - 1])
        return a < b, f"{b} -> {a} activities"


@dataclass(frozen=True)
class AtMostPerDay(Check):
    """No day has more than ``limit`` activities of ``category`` (e.g. ``museum``)."""

    category: str
    limit: int
    kind = "at most per day"

    def held(self, seen: Seen) -> tuple[bool, str]:
        counts = [sum(i["place"]["category"] == self.category for i in d)
                  for d in day_items(seen.view, "activity")]
        return bool(counts) and max(counts) <= self.limit, f"per day {counts}"


@dataclass(frozen=True)
class StartsFrom(Check):
    """Every day's first item starts at ``earliest`` ("HH:MM") or later."""

    earliest: str
    kind = "day start"

    def held(self, seen: Seen) -> tuple[bool, str]:
        firsts = [d[0]["start"] for d in day_items(seen.view) if d]
        return bool(firsts) and min(firsts) >= self.earliest, f"first starts {firsts}"


@dataclass(frozen=True)
class Says(Check):
    """The reply contains one of ``texts`` (case-, accent-, punctuation-insensitive)."""

    texts: tuple[str, ...]
    kind = "reply fact"

    def held(self, seen: Seen) -> tuple[bool, str]:
        reply = plain(seen.reply)
        return any(plain(t) in reply for t in self.texts), seen.reply[:120]


def Tells(*texts: str) -> Says:
    """The reply contains one of ``texts``."""
    return Says(texts)


@dataclass(frozen=True)
class SaysMoney(Check):
    """The reply states an amount with its currency (a sign, code or word)."""

    kind = "reply amount"

    def held(self, seen: Seen) -> tuple[bool, str]:
        return bool(MONEY.search(seen.reply)), seen.reply[:120]


@dataclass(frozen=True)
class SaysDayPlace(Check):
    """The reply names an activity of day ``day`` of the current itinerary."""

    day: int
    kind = "reply fact"

    def held(self, seen: Seen) -> tuple[bool, str]:
        days = day_items(seen.view, "activity")
        if len(days) < self.day:
            return False, "day missing"
        reply = plain(seen.reply)
        return any(n in reply for n in names(days[self.day - 1])), seen.reply[:120]


@dataclass(frozen=True)
class Asks(Check):
    """The reply is a question (ends with ``?``)."""

    kind = "asks"

    def held(self, seen: Seen) -> tuple[bool, str]:
        return seen.reply.rstrip().endswith("?"), seen.reply[-80:]


@dataclass(frozen=True)
class Confirms(Check):
    """A confirming question before discarding work: the reply ends with ``?`` and the
    turn changed nothing (a question asked after acting does not count)."""

    kind = "confirming question"

    def held(self, seen: Seen) -> tuple[bool, str]:
        same = fingerprint(seen.view) == fingerprint(seen.before)
        asks = seen.reply.rstrip().endswith("?")
        return same and asks, ("asked: " if asks else "no question: ") + (
            "nothing changed" if same else "but the trip changed")


def never_booked(replies: Iterable[str]) -> tuple[bool, str]:
    """The implicit check of a dialogue: no reply claims a booking."""
    said = [r for r in replies if "booked" in r.casefold()]
    return not said, said[0][:120] if said else "never"

