"""Changes to one leg of a trip (issue 11): "one more day in Tokyo", "drop Kyoto".

:func:`read_leg_change` reads one :class:`~wayfarer.domain.ChangeLeg` once the trip has a
city, and claims its words so the day and place readers do not also read "add 2 days" as
a day added or "drop Kyoto" as a place removed. Each city named (a covered one) is tried
in turn as the leg the message is about, with the other cities named standing aside:

- add: "add 2 days in Kyoto (at the end)", "one more day in Tokyo", "an extra day in X",
  "give X one more day", "add X", "also do X";
- set days: "only 1 day in X", "make X 4 days", "cut X to 2 days", "one day less in X";
- drop: "drop / skip / remove / cut X", "X can go", "without X" (a leg of a multi-city
  trip only: dropping the only city is not a leg change);
- first / last: "do X first", "start with X", "end the trip in X" (one city named);
- swap the order: "swap the order", "the other way round", "swap Tokyo and Kyoto".

Replies to a pending question that are not a plain yes / no ("just split it", "i need
BOTH") are :func:`confirmation_reply`.
"""

import re

from wayfarer.domain import (
    ChangeLeg,
    ConfirmationAnswer,
    DialogueAct,
    Leg,
    LegOp,
    PendingConfirmation,
    SessionState,
)
from wayfarer.language.offline.cities import CityResolver
from wayfarer.language.offline.legs import Mention, mentions
from wayfarer.language.offline.numbers import NUMBER, to_int
from wayfarer.language.offline.text import Text

_N = rf"(?P<n>{NUMBER}|an?|another)"
_CITY = "@city"
#: (op, pattern) in the order tried; ``n`` is the days when the pattern has it.
_RULES: tuple[tuple[LegOp, str], ...] = (
    ("add", rf"\b(?:add|spend|stay)\s+(?:{_N}\s+)?(?:more\s+|extra\s+|additional\s+)?days?"
            rf"\s+(?:more\s+)?(?:in|at|to|for)\s+{_CITY}"),
    ("add", rf"\b(?:{_N}\s+)?(?:more|extra|additional)\s+days?\s+(?:in|at|to|for)\s+{_CITY}"),
    ("add", rf"\b(?:another|one more)\s+days?\s+(?:in|at|to|for)\s+{_CITY}"),
    ("add", rf"\bgive\s+{_CITY}\s+(?:{_N}\s+)?(?:more|extra|additional|another)\b"),
    ("add", rf"\b(?:add|include|throw in|also (?:do|visit|see|go to))\s+"
            rf"(?:{_N}\s+days?\s+(?:in|at|of)\s+)?{_CITY}"),
    ("set_days", rf"\b(?:only|just)\s+{_N}\s+days?\s+(?:in|at|for)\s+{_CITY}"),
    ("set_days", rf"\bmake\s+{_CITY}\s+{_N}\s+days?"),
    ("set_days", rf"\b(?:cut|shorten|reduce|trim)\s+{_CITY}\s+(?:down\s+)?to\s+{_N}"),
    ("set_days", rf"\b{_N}\s+days?\s+in\s+{_CITY}\s+instead"),
    ("set_days", rf"{_CITY}\s+(?:for\s+)?(?:only|just)\s+{_N}\s+days?"),
    ("set_days", rf"\b(?P<less>one|a|1)\s+(?:day\s+less|less\s+day|fewer\s+day)"
                 rf"\s+(?:in|at|for)\s+{_CITY}"),
    ("drop", rf"\b(?:drop|skip|remove|cut|ditch|lose|scrap|forget(?: about)?|get rid of|take out"
             rf"|no longer (?:want|need))\s+(?:the\s+)?{_CITY}\b"
             rf"|{_CITY}\s+(?:is out|can go|has to go)|\bwithout\s+{_CITY}"),
    ("first", rf"{_CITY}\s+first\b|\b(?:start|begin)\s+(?:the trip\s+)?(?:with|in|at)\s+"
              rf"{_CITY}|\bmove\s+{_CITY}\s+to\s+the\s+(?:start|beginning|front)"),
    ("last", rf"\b(?:end|finish)\s+(?:the trip\s+)?(?:with|in|at)\s+{_CITY}"
             rf"|{_CITY}\s+(?:last|at the end)\b|\bmove\s+{_CITY}\s+to\s+the\s+end"),
)
_PATTERNS = tuple((op, re.compile(rule)) for op, rule in _RULES)
_SWAP_ORDER = re.compile(
    r"\b(?:swap|switch|reverse|flip|invert|change)\s+(?:the\s+)?(?:order|cities|legs|city "
    r"order)\b|\b(?:the\s+)?other way (?:round|around)\b|\breverse order\b"
)
_SWAP_CITIES = re.compile(r"\b(?:swap|switch)\s+@city\s+(?:and|with)\s+@other\b")
_EVEN = re.compile(
    r"\b(?:split it|just split|evenly|even split|equal(?:ly| split| days)?|half and half|"
    r"fifty[ -]fifty|50/50|same (?:in|for) each|either way|whatever you think|your call|"
    r"go with that|that works|sounds (?:good|great|fine))\b"
)
_BOTH = re.compile(r"\b(?:both|the two of them|add (?:it|them)|keep both|why not both)\b")
DEFAULT_ADD_DAYS = 1


def read_leg_change(
    text: Text, cities: CityResolver, state: SessionState
) -> ChangeLeg | None:
    """The one leg change the message asks for on the trip in ``state`` (claimed)."""
    legs = state.preferences.trip_legs()
    if not legs:
        return None
    multi = len(legs) >= 2
    swap = text.take(_SWAP_ORDER) if multi else None
    if swap is not None:
        return ChangeLeg(op="swap_order")
    found = [m for m in mentions(text, cities) if m.city]
    for mention in found:
        shape, where = _shape(text.folded, mention, found)
        swapped = _SWAP_CITIES.search(shape)
        if multi and len(found) == 2 and swapped is not None:
            _claim(text, where, swapped, mention)
            _claim_all(text, found)
            return ChangeLeg(op="swap_order")
        for op, pattern in _PATTERNS:
            if op in ("first", "last") and len(found) > 1:
                continue
            match = pattern.search(shape)
            if match is None or not _fits(op, mention, legs, multi):
                continue
            change = _change(op, match, mention, legs)
            if change is not None:
                _claim(text, where, match, mention)
                _claim_all(text, found)  # "add Osaka after Kyoto": Kyoto is no new city
                return change
    return None


def confirmation_reply(text: Text, pending: PendingConfirmation) -> DialogueAct | None:
    """A reply to a pending question that is not a plain yes / no: "just split it" takes
    the even split offered; "both" / "I need both" to "switch the trip to X?" adds X as a
    leg."""
    short = len(text.tokens) <= 8
    if pending.kind == "split" and short and _EVEN.search(text.folded):
        return ConfirmationAnswer(accept=True)
    if pending.kind == "change_city" and short and _BOTH.search(text.folded):
        return ChangeLeg(op="add", city=pending.subject)
    return None


def _shape(folded: str, mention: Mention, found: list[Mention]) -> tuple[str, list[int]]:
    """``folded`` with ``mention`` as "@city" and the other cities as "@other", and for
    each character of the result the position it stands for in ``folded``."""
    out: list[str] = []
    where: list[int] = []
    last = 0
    for other in found:
        out.append(folded[last:other.start])
        where += range(last, other.start)
        placeholder = _CITY if other is mention else "@other"
        out.append(placeholder)
        where += [other.start] * (len(placeholder) - 1) + [other.end - 1]
        last = other.end
    out.append(folded[last:])
    where += range(last, len(folded))
    return "".join(out), where


def _fits(op: LegOp, mention: Mention, legs: list[Leg], multi: bool) -> bool:
    """Drops and days of a city need it in the trip; a drop needs another leg left."""
    inside = any(leg.city == mention.city for leg in legs)
    if op == "drop":
        return inside and multi
    if op == "set_days":
        return inside
    if op in ("first", "last"):
        return (inside and multi) or not inside
    return multi or not inside  # "one more day" on a one-city trip is an added day


def _change(op: LegOp, match: re.Match[str], mention: Mention, legs: list[Leg]) -> ChangeLeg | None:
    count = match.groupdict().get("n")
    days = _days(count) if count else None
    if op == "set_days" and match.groupdict().get("less"):
        current = next((leg.days for leg in legs if leg.city == mention.city), None)
        if current is None or current <= 1:
            return None
        days = current - 1
    if op == "set_days" and days is None:
        return None
    if op == "add" and days is None and any(leg.city == mention.city for leg in legs):
        days = DEFAULT_ADD_DAYS
    return ChangeLeg(op=op, city=mention.city, days=days)


def _days(count: str) -> int | None:
    if count in ("a", "an", "another"):
        return 1
    value = to_int(count)
    return value if value and value <= 14 else None


def _claim(text: Text, where: list[int], match: re.Match[str], mention: Mention) -> None:
    """Claim the words of ``match`` (found in the shaped text) in ``text``."""
    text.claim(where[match.start()], where[match.end() - 1] + 1)
    text.claim(mention.start, mention.end)


def _claim_all(text: Text, found: list[Mention]) -> None:
    for mention in found:
        text.claim(mention.start, mention.end)
