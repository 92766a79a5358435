"""Trip length and start date: "4 days", "a week", "long weekend", "from 3 to 6 May".

Month names are read in English, Spanish, French and German ("el 12 de agosto", "le 3
mai", "am 14. Juni", "del 2 al 5 de abril", "1er octobre").

Dates without a year are the next occurrence on or after ``today`` (injected, never read
from the clock here). A date range gives both the start and the length (inclusive:
3-6 May is 4 days). Nights count as days ("5 nights" plans 5 days of sightseeing); a
range of lengths ("3-4 days") takes the longer.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from wayfarer.language.offline.numbers import NUMBER, to_int
from wayfarer.language.offline.text import Text

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
#: Month names in Spanish, French and German (folded: no accents), by number.
FOREIGN_MONTHS = {
    "enero": 1, "janvier": 1, "januar": 1, "febrero": 2, "fevrier": 2, "februar": 2,
    "marzo": 3, "mars": 3, "marz": 3, "maerz": 3, "abril": 4, "avril": 4, "mayo": 5, "mai": 5,
    "junio": 6, "juin": 6, "juni": 6, "julio": 7, "juillet": 7, "juli": 7, "agosto": 8,
    "aout": 8, "septiembre": 9, "setiembre": 9, "septembre": 9, "octubre": 10, "octobre": 10,
    "oktober": 10, "noviembre": 11, "novembre": 11, "diciembre": 12, "decembre": 12,
    "dezember": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    + "|".join(sorted(FOREIGN_MONTHS, key=len, reverse=True))
    + r")\.?"
)
WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|er|\.(?=\s))?"
_TO = r"\s*(?:-|to|until|till|thru|through|and|al|au|bis)\s*"
#: "of" between a day and its month, in English, Spanish and French ("12 de agosto").
_OF = r"(?:(?:of|de)\s+)?"
_FROM = r"(?:from\s+|between\s+|del\s+|du\s+|vom\s+)?"
_NOT_COUNT = r"(?!\s*(?:days?|nights?|weeks?|people|persons|adults|kids|children|friends|of us))"
_YEAR = r"(?:,?\s+(?P<y>20\d\d))?"

_RANGE_DAY_FIRST = re.compile(
    rf"\b{_FROM}(?:the\s+)?(?P<d1>{_DAY})(?:\s+{_OF}(?P<m1>{MONTH}))?"
    rf"{_TO}(?:the\s+)?(?P<d2>{_DAY})\s+{_OF}(?P<m2>{MONTH})(?![a-z]){_YEAR}"
)
_RANGE_MONTH_FIRST = re.compile(
    rf"\b{_FROM}(?P<m1>{MONTH})\s+(?:the\s+)?(?P<d1>{_DAY})\b"
    rf"{_TO}(?:(?P<m2>{MONTH})\s+)?(?:the\s+)?(?P<d2>{_DAY})\b{_NOT_COUNT}{_YEAR}"
)
_SINGLE_DAY_FIRST = re.compile(
    rf"\b(?:the\s+)?(?P<d>{_DAY})\s+{_OF}(?P<m>{MONTH})(?![a-z]){_YEAR}"
)
_SINGLE_MONTH_FIRST = re.compile(
    rf"\b(?P<m>{MONTH})\s+(?:the\s+)?(?P<d>{_DAY})\b{_NOT_COUNT}{_YEAR}"
)
_ISO = re.compile(r"\b(?P<y>20\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")
_SLASHED = re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?P<y>(?:20)?\d\d))?\b")
_SLASHED_RANGE = re.compile(
    rf"\b(?:from\s+|between\s+)?(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}}){_TO}"
    r"(?P<c>\d{1,2})/(?P<d>\d{1,2})(?:/(?P<y>(?:20)?\d\d))?\b"
)
_RELATIVE_DAY = re.compile(r"\b(?P<w>today|tomorrow|tonight|day after tomorrow)\b")
_WEEKDAY_CUED = re.compile(
    rf"\b(?:from|starting|start|on|this|next|coming|arriving|arrive|leaving|leave)"
    rf"\s+(?:on\s+)?(?:this\s+|next\s+)?(?P<w>{WEEKDAY})\b"
)
#: "we arrive the 14th", "we get in on the 2nd": a day of the month alone, cued by arriving
#: or starting (a bare "the 14th" is not read).
_ARRIVAL_DAY = re.compile(
    r"\b(?:arriv(?:e|es|ing)|land(?:s|ing)?|get(?:ting)? in|fly(?:ing)? in|get(?:ting)? "
    r"there|start(?:s|ing)?|begin(?:s|ning)?)\s+(?:on\s+)?(?:(?:the\s+)(?P<d>[12]\d|3[01]|"
    r"0?[1-9])(?:st|nd|rd|th)?|(?P<d2>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))\b"
    r"(?!\s*(?:days?|nights?|weeks?|of\b|:|am\b|pm\b|h\b))"
)
_WEEKEND = re.compile(r"\b(?P<which>this|next|coming)\s+(?P<long>long\s+)?weekend\b")
_NEXT_WEEK = re.compile(r"\b(?:next|the following)\s+week\b(?!\s*(?:end|-end))")
#: "in two weeks", "in 10 days' time", "a month from now": a start offset, not a length.
_OFFSET = re.compile(
    rf"\b(?:in\s+(?P<n>{NUMBER}|a|one|a couple of|a few)\s+(?P<unit>days?|weeks?|fortnights?)"
    rf"(?P<time>\s*(?:'s|s'|')?\s+time)?|"
    rf"(?P<n2>{NUMBER}|a|one|a couple of|a few)\s+(?P<unit2>days?|weeks?|fortnights?)"
    rf"\s+from\s+(?:now|today))\b"
)
_IN_FORTNIGHT = re.compile(r"\bin\s+a\s+fortnight(?:'s\s+time)?\b")

_DURATIONS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"\b(?:a|one)\s+(?:full\s+)?week\s+and\s+a\s+half\b"), 10),
    (re.compile(r"\b(?:a\s+)?week\s+and\s+a\s+half\b"), 10),
    (re.compile(r"\blong[\s-]+weekend\b"), 3),
    (re.compile(r"\bweek[\s-]*end\b"), 2),
    (re.compile(r"\b(?:a|one)\s+fortnight\b|\bfortnight\b"), 14),
    (re.compile(r"\b(?:a|one|an\s+entire|a\s+whole|a\s+full)\s+week\b|\bweek[\s-]*long\b"), 7),
    (re.compile(r"\b(?:a\s+)?couple\s+(?:of\s+)?(?:days|nights)\b"), 2),
    (re.compile(r"\b(?:a\s+)?few\s+(?:days|nights)\b"), 3),
    (re.compile(r"\bseveral\s+(?:days|nights)\b"), 4),
    (re.compile(r"\b(?:for|just|only|spend|spending)\s+(?:a|one)\s+(?:single\s+)?day\b"), 1),
    (re.compile(r"\bday[\s-]*trip\b|\ba\s+day\s+in\b"), 1),
)
#: Words between a count and its unit ("7 packed days", "5 lazy days"); a pace word among
#: them is left unclaimed so the pace reader still sees it.
_DESCRIBED = (
    r"(?P<adj>(?:(?:jam|action)[\s-])?(?:packed|busy|relaxed|relaxing|lazy|slow|easy|chill"
    r"|leisurely|fun|short|quick|great|amazing|sunny|glorious|perfect|wonderful)\s+)?"
)
_COUNTED = re.compile(
    rf"\b(?P<n>{NUMBER})(?:-?ish)?(?:\s*(?:-|to|or)\s*(?P<n2>{NUMBER}))?\s*(?:-\s*|\s+)?"
    + _DESCRIBED
    + r"(?:full\s+|whole\s+|entire\s+)?(?P<unit>days?|dyas|dys|nights?|weeks?|dias|jours?|tage|"
    r"tagen|giorni|noches|nuits|semanas?|semaines?|wochen?)\b"
)
_COMPACT = re.compile(r"\b(?P<n>\d{1,2})\s?(?P<unit>d|n|w)\b")
_HOURS = re.compile(r"\b(?P<n>24|48|72|96)\s*(?:hours|hrs|h)\b")


@dataclass(frozen=True)
class Timing:
    """What a message says about when and how long (``None`` = not said)."""

    start: date | None = None
    days: int | None = None


def next_occurrence(month: int, day: int, today: date, year: int | None = None) -> date | None:
    """The date ``day``/``month`` on or after ``today`` (or in ``year``); None if invalid."""
    try:
        if year is not None:
            return date(year, month, day)
        candidate = date(today.year, month, day)
        if candidate < today:
            candidate = date(today.year + 1, month, day)
    except ValueError:
        return None
    return candidate


def _next_day_of_month(day: int, today: date) -> date | None:
    """The first date on or after ``today`` that falls on ``day`` of its month."""
    for ahead in range(13):
        month = (today.month - 1 + ahead) % 12 + 1
        found = next_occurrence(month, day, today, today.year + (today.month - 1 + ahead) // 12)
        if found is not None and found >= today:
            return found
    return None


def _month(text: str) -> int:
    name = text.rstrip(".")
    return FOREIGN_MONTHS.get(name) or MONTHS[name[:3]]


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _weekday(text: str) -> int:
    return next(i for i, name in enumerate(WEEKDAYS) if name.startswith(text[:3]))


def upcoming_weekday(weekday: int, today: date) -> date:
    """The next ``weekday`` (0 = Monday) strictly after ``today``."""
    ahead = (weekday - today.weekday()) % 7 or 7
    return today + timedelta(days=ahead)


def _range(match: re.Match[str], today: date) -> Timing | None:
    year = int(match.group("y")) if match.group("y") else None
    month2 = _month(match.group("m2")) if match.group("m2") else None
    month1 = _month(match.group("m1")) if match.group("m1") else month2
    if month1 is None:
        return None
    month2 = month2 or month1
    start = next_occurrence(month1, _day(match.group("d1")), today, year)
    if start is None:
        return None
    end = next_occurrence(month2, _day(match.group("d2")), start, year)
    if end is None or end < start:
        return None
    return Timing(start=start, days=(end - start).days + 1)


def _slashed_range(match: re.Match[str], today: date) -> Timing | None:
    """"10/15 to 10/19" (month first, as one of the days is over 12) or "3/5-6/5" (day
    first, the default when both readings are possible)."""
    a, b, c, d = (int(match[k]) for k in "abcd")
    month_first = (b > 12 or d > 12) and a <= 12 and c <= 12
    (d1, m1), (d2, m2) = ((b, a), (d, c)) if month_first else ((a, b), (c, d))
    if m1 > 12 or m2 > 12:
        return None
    year = int(match["y"]) if match["y"] else None
    if year is not None and year < 100:
        year += 2000
    start = next_occurrence(m1, d1, today, year)
    end = next_occurrence(m2, d2, start, year) if start else None
    if start is None or end is None or end < start or (end - start).days > 60:
        return None
    return Timing(start=start, days=(end - start).days + 1)


def _single(match: re.Match[str], today: date) -> date | None:
    year = int(match.group("y")) if match.group("y") else None
    return next_occurrence(_month(match.group("m")), _day(match.group("d")), today, year)


def read_timing(text: Text, today: date, trip_start: date | None = None) -> Timing:
    """Start date and/or length from explicit dates; claims what it reads. A day of the
    month said alone ("we arrive the 14th") is read in ``trip_start``'s month when a start
    is already known (a correction), else from ``today``."""
    for pattern in (_RANGE_DAY_FIRST, _RANGE_MONTH_FIRST):
        for match in text.find(pattern):
            timing = _range(match, today)
            if timing is not None:
                text.claim(match.start(), match.end())
                return timing
    for match in text.find(_SLASHED_RANGE):
        timing = _slashed_range(match, today)
        if timing is not None:
            text.claim(match.start(), match.end())
            return timing
    for match in text.find(_ISO):
        try:
            start = date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            continue
        text.claim(match.start(), match.end())
        return Timing(start=start)
    for pattern in (_SINGLE_DAY_FIRST, _SINGLE_MONTH_FIRST):
        for match in text.find(pattern):
            single = _single(match, today)
            if single is not None:
                text.claim(match.start(), match.end())
                return Timing(start=single)
    for match in text.find(_SLASHED):
        first, second = int(match["a"]), int(match["b"])
        day, month = (second, first) if second > 12 else (first, second)
        year = int(match["y"]) if match["y"] else None
        if year is not None and year < 100:
            year += 2000
        slashed = next_occurrence(month, day, today, year) if month <= 12 else None
        if slashed is not None:
            text.claim(match.start(), match.end())
            return Timing(start=slashed)
    return _relative(text, today, trip_start)


def _relative(text: Text, today: date, trip_start: date | None = None) -> Timing:
    arrival = text.take(_ARRIVAL_DAY)
    if arrival is not None:
        month_start = trip_start.replace(day=1) if trip_start else today
        return Timing(start=_next_day_of_month(int(arrival["d"] or arrival["d2"]),
                                               max(today, month_start)))
    weekend = text.take(_WEEKEND)
    if weekend is not None:
        saturday = today if today.weekday() == 5 else upcoming_weekday(5, today)
        if weekend["which"] == "next" and (saturday - today).days < 3:
            saturday += timedelta(days=7)
        start = saturday - timedelta(days=1) if weekend["long"] else saturday
        return Timing(start=start, days=3 if weekend["long"] else 2)
    relative = text.take(_RELATIVE_DAY)
    if relative is not None:
        offset = {"today": 0, "tonight": 0, "tomorrow": 1, "day after tomorrow": 2}
        return Timing(start=today + timedelta(days=offset[relative["w"]]))
    cued = text.take(_WEEKDAY_CUED)
    if cued is not None:
        return Timing(start=upcoming_weekday(_weekday(cued["w"]), today))
    if text.take(_NEXT_WEEK) is not None:
        return Timing(start=upcoming_weekday(0, today))
    ahead = _offset(text)
    if ahead is not None:
        return Timing(start=today + timedelta(days=ahead))
    return Timing()


def _offset(text: Text) -> int | None:
    """Days from today in "in two weeks" / "in 10 days' time" / "3 weeks from now"; claimed.

    "in N weeks" alone is ambiguous ("Japan in two weeks" is often a trip length), so it
    is a start only with "time" / "from now", or when the message gives the length
    elsewhere ("vienna in two weeks, 3 days"). "in N days" needs "time" / "from now"
    ("Rome in 3 days" is a length).
    """
    if text.take(_IN_FORTNIGHT) is not None:
        return 14
    for match in text.find(_OFFSET):
        count_text = match["n"] or match["n2"]
        unit = match["unit"] or match["unit2"]
        explicit = bool(match["time"] or match["n2"])
        if not explicit and (unit.startswith("day") or not _length_elsewhere(text, match)):
            continue
        count = {"a": 1, "one": 1, "a couple of": 2, "a few": 3}.get(count_text)
        count = count or to_int(count_text) or 0
        if count <= 0:
            continue
        text.claim(match.start(), match.end())
        per = 14 if unit.startswith("fortnight") else 7 if unit.startswith("week") else 1
        return count * per
    return None


def _length_elsewhere(text: Text, match: re.Match[str]) -> bool:
    """True when the message states a trip length outside ``match``."""
    rest = text.folded[: match.start()] + " | " + text.folded[match.end() :]
    if _COUNTED.search(rest) or _COMPACT.search(rest):
        return True
    return any(pattern.search(rest) for pattern, _ in _DURATIONS)


def read_days(text: Text) -> int | None:
    """Trip length in days from a duration phrase ("4 days", "a week"); claims it."""
    for match in text.find(_COUNTED):
        first = to_int(match["n"])
        second = to_int(match["n2"]) if match["n2"] else None
        count = max(first or 0, second or 0)
        if count <= 0:
            continue
        if match["adj"]:
            text.claim(match.start(), match.start("adj"))
            text.claim(match.end("adj"), match.end())
        else:
            text.claim(match.start(), match.end())
        return count * 7 if match["unit"].startswith(("week", "sema", "woch")) else count
    for pattern, days in _DURATIONS:
        if text.take(pattern) is not None:
            return days
    compact = text.take(_COMPACT)
    if compact is not None and int(compact["n"]) > 0:
        count = int(compact["n"])
        return count * 7 if compact["unit"] == "w" else count
    hours = text.take(_HOURS)
    if hours is not None:
        return int(hours["n"]) // 24
    return None
