"""Multi-city trips in a message (issue 11): the legs stated, and answers to "how to split?".

:func:`read_legs` runs before every other reader and claims what it uses, so "Paris for 3
days then London for 2" never becomes a 3-day trip for two travellers:

- **Stated trips.** Two or more cities joined only by connecting words ("then", "and",
  ",", "+", "followed by", "start in ... finish in", "out of") with their days when said:
  before the city ("3 days in Tokyo", "2 in Kyoto", "a day in Milan") or after it
  ("Paris for 3 days", "Berlin 3 days", "Amsterdam (3 days)", "Chicago for two"). A single
  count said after the last city only ("Lisbon and Porto, 5 days") is the trip's total, as
  is any other length left in the message ("Rome, Florence and Venice in a week").
  Cities joined by "or", "instead of", "not", or by other words ("Rome last year, now
  Paris") are not a trip of legs. Uncovered cities are listed with covered ones to offer.
- **Split answers.** While the legs of the trip (or of a pending "split?" question) have
  no days: "4 and 2" gives them in order, "4 in Tokyo" gives Tokyo 4 and shares the rest.

Leg changes on a planned trip ("one more day in Tokyo") are :mod:`leg_changes`.
"""

import itertools
import re
from dataclasses import dataclass, field

from wayfarer.domain import MAX_TRIP_DAYS, ChangePreferences, Leg, PreferenceUpdate, SessionState
from wayfarer.language.offline.cities import CityResolver
from wayfarer.language.offline.dates import read_days
from wayfarer.language.offline.numbers import NUMBER, to_int
from wayfarer.language.offline.text import Text
from wayfarer.language.offline.world import GeoCity

MAX_LEGS = 6
_COUNT = rf"(?P<n>a couple of|a few|{NUMBER}|an?)"
_UNIT = r"(?:days?|nights?)"
#: A count right before a city: "3 days in", "2 in", "first 3 days in", "3 days".
_BEFORE = (
    re.compile(rf"(?:^|[\s:(,])(?:the\s+)?(?:first\s+)?{_COUNT}(?:(?:\s*-\s*|\s+)"
               rf"(?:full\s+)?{_UNIT})?\s+(?:in|at)\s*$"),
    re.compile(rf"(?:^|[\s:(,]){_COUNT}(?:\s*-\s*|\s+){_UNIT}\s*$"),
)
#: A count right after a city: "for 3 days", "3 days", "(3 days)", "for two".
_AFTER = (
    re.compile(rf"\s*[(:,-]?\s*(?:for|with)\s+(?:another\s+)?{_COUNT}(?:\s+{_UNIT})?\)?"),
    re.compile(rf"\s*[(:,-]?\s*{_COUNT}(?:\s*-\s*|\s+){_UNIT}\)?"),
)
#: A count without its unit right after or before a city ("kyoto 2", "then 2 kyoto"),
#: taken as days only beside other legs' counts (:func:`_bare_counts`).
_BARE_AFTER = re.compile(
    r"\s*[(:,-]?\s*(?P<n>\d{1,2})(?![\w:%.])(?!\s*(?:people|persons|adults|kids|children|"
    r"of us|travell?ers|pm|am|h)\b)"
)
_DAY_NUMBER = re.compile(r"\bdays? \d")
_BARE_BEFORE = re.compile(r"(?:^|[\s:(,])(?P<n>\d{1,2})\s+$")
#: Words that may sit between two legs' cities (with counts and day words).
_JOINING = frozenset({
    "then", "and", "after", "that", "afterwards", "followed", "by", "before", "finally",
    "next", "end", "ending", "finish", "finishing", "in", "at", "to", "for", "days", "day",
    "nights", "night", "a", "an", "couple", "of", "few", "first", "plus", "fly", "flying",
    "into", "out", "back", "go", "on", "onwards", "onward", "via", "also", "spend", "stay",
    "full", "the", "with", "train", "over", "i'll", "we'll", "do", "last",
})
#: At least one of these (or a joining sign) must join two cities.
_LINKS = frozenset({"then", "and", "after", "followed", "before", "end", "ending", "finish",
                    "finishing", "out", "plus", "via", "next", "to", "into", "afterwards"})
_SIGNS = re.compile(r"[,+&/;>]|->")
_WORD = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True)
class Mention:
    """A city named in the message: covered (``city``) or not (``world``), with its span."""

    start: int
    end: int
    city: str | None = None
    world: GeoCity | None = None


@dataclass
class LegsReading:
    """What the message says about the trip's legs (empty: nothing)."""

    legs: list[Leg] = field(default_factory=list)
    uncovered: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    total: int | None = None

    def is_empty(self) -> bool:
        """True when the message stated no trip of legs."""
        return not self.legs and not self.uncovered

    def into(self, changes: PreferenceUpdate) -> PreferenceUpdate:
        """``changes`` saying this trip: two or more covered legs as ``legs`` (``days`` the
        total when some leg has none), one as ``city`` and ``days``; uncovered cities as
        ``unsupported_legs`` (the first is also the ``unsupported_city`` when no city of
        the trip is covered)."""
        if self.is_empty():
            return changes
        total = min(self.total, MAX_TRIP_DAYS) if self.total else None
        update: dict[str, object] = {"days": total}
        if len(self.legs) >= 2:
            first = self.legs[0]
            update |= {"legs": self.legs, "city": first.city, "country": first.country}
            if all(leg.days is not None for leg in self.legs):
                update["days"] = None
        elif self.legs:
            leg = self.legs[0]
            update |= {"city": leg.city, "country": leg.country, "days": leg.days or total}
        if self.uncovered:
            update["unsupported_legs"] = self.uncovered
            update["unsupported_city"] = None if self.legs else self.uncovered[0]
            update["city_suggestions"] = self.suggestions[:3]
        return changes.model_copy(update=update)


def mentions(text: Text, cities: CityResolver) -> list[Mention]:
    """Every destination the message names, in order (origins such as "from X" are not);
    nothing is claimed."""
    found = [Mention(start, end, match.city, match.unsupported)
             for start, end, match in cities.destinations(text, MAX_LEGS + 2)]
    return sorted(found, key=lambda m: m.start)


def split_context(state: SessionState) -> tuple[list[Leg], int | None]:
    """The legs waiting for their days and the total to share: those of a pending "how to
    split?" question, else the trip's own legs while some have no days."""
    pending = state.dialogue.confirmation
    if pending is not None and pending.kind == "split":
        for act in pending.on_accept:
            if isinstance(act, ChangePreferences) and act.changes.legs:
                legs = act.changes.legs
                return [leg.model_copy(update={"days": None}) for leg in legs], sum(
                    leg.days or 0 for leg in legs)
    prefs = state.preferences
    if prefs.is_multi_city() and any(leg.days is None for leg in prefs.legs):
        return [leg.model_copy(update={"days": None}) for leg in prefs.legs], prefs.days
    return [], None


def read_legs(text: Text, cities: CityResolver, state: SessionState) -> LegsReading:
    """The trip of legs the message states, or its answer to how to split the trip's legs
    (claimed); empty when it says neither."""
    found = mentions(text, cities)
    waiting, total = split_context(state)
    if waiting:
        answer = _split_answer(text, found, waiting, total)
        if answer:
            return LegsReading(legs=answer)
    return _stated(text, found, cities)


def _stated(text: Text, found: list[Mention], cities: CityResolver) -> LegsReading:
    found = _distinct(found)
    if len(found) < 2 or not all(_joined(text, a, b) for a, b in itertools.pairwise(found)):
        return LegsReading()
    counts = [_count_of(text, found, i) for i in range(len(found))]
    counts = _bare_counts(text, found, counts)
    total = None
    said = [c for c in counts if c is not None]
    if len(said) == 1 and counts[-1] is not None and counts[0] is None:
        total, counts[-1] = counts[-1], None  # "Lisbon and Porto, 5 days"
    for mention in found:
        text.claim(mention.start, mention.end)
    total = total or read_days(text)
    reading = LegsReading(total=total)
    for mention, days in zip(found, counts, strict=True):
        if mention.city:
            country = cities.country_of(mention.city) or None
            reading.legs.append(Leg(city=mention.city, country=country, days=days))
        elif mention.world is not None:
            written = text.original(mention.start, mention.end)
            reading.uncovered.append(written[:1].upper() + written[1:])
            reading.suggestions += cities.suggest(mention.world)
    planned = {leg.city for leg in reading.legs}
    reading.suggestions = list(dict.fromkeys(c for c in reading.suggestions if c not in planned))
    return reading


def _distinct(found: list[Mention]) -> list[Mention]:
    """Each city once, where first named ("Tokyo, Kyoto, then back to Tokyo" keeps two)."""
    seen: set[str] = set()
    kept = []
    for mention in found:
        key = mention.city or (mention.world.name if mention.world else "")
        if key not in seen:
            seen.add(key)
            kept.append(mention)
    return kept[:MAX_LEGS]


def _joined(text: Text, left: Mention, right: Mention) -> bool:
    """True when only connecting words, counts and day words sit between two cities."""
    between = text.folded[left.end:right.start]
    words = _WORD.findall(between)
    if any(w not in _JOINING and to_int(w) is None for w in words):
        return False
    return bool(_SIGNS.search(between)) or any(w in _LINKS for w in words)


def _count_of(text: Text, found: list[Mention], index: int) -> int | None:
    """The days said for the ``index``-th city, before it (up to the previous city) or
    after it (up to the next), claimed."""
    mention = found[index]
    floor = found[index - 1].end if index else 0
    ceiling = found[index + 1].start if index + 1 < len(found) else len(text.folded)
    for pattern in _BEFORE:
        before = pattern.search(text.folded, floor, mention.start)
        if before is not None and text.is_free(before.start("n"), mention.start):
            text.claim(before.start("n"), mention.start)
            return _value(before["n"])
    for pattern in _AFTER:
        after = pattern.match(text.folded, mention.end, ceiling)
        if after is not None and text.is_free(after.start(), after.end()):
            text.claim(after.start(), after.end())
            return _value(after["n"])
    return None


def _bare_counts(text: Text, found: list[Mention], counts: list[int | None]
                 ) -> list[int | None]:
    """``counts`` with a leg's missing count read from a bare number next to its city
    ("tokyo 3 days then kyoto 2", "tokyo 3, kyoto 2"): when another leg's count was said
    with its unit, or when every leg has such a number; claimed. Else unchanged."""
    if all(c is not None for c in counts):
        return counts
    bare: list[re.Match[str] | None] = []
    for index, mention in enumerate(found):
        floor = found[index - 1].end if index else 0
        ceiling = found[index + 1].start if index + 1 < len(found) else len(text.folded)
        match = _BARE_AFTER.match(text.folded, mention.end, ceiling)
        if match is None or not text.is_free(match.start("n"), match.end("n")):
            match = _BARE_BEFORE.search(text.folded, floor, mention.start)
        if match is not None and not text.is_free(match.start("n"), match.end("n")):
            match = None
        bare.append(match)
    missing = [i for i, c in enumerate(counts) if c is None]
    said = any(c is not None for c in counts)
    if not all(bare[i] is not None for i in missing) or not (said or len(missing) >= 2):
        return counts
    out = list(counts)
    for index in missing:
        match = bare[index]
        assert match is not None
        text.claim(match.start("n"), match.end("n"))
        out[index] = _value(match["n"])
    return out


def _value(count: str) -> int | None:
    """Days for a leg: at least one, at most :data:`MAX_TRIP_DAYS` (a longer leg is
    refused by the policy as a trip over the limit)."""
    count = " ".join(count.split())
    special = {"a": 1, "an": 1, "a couple of": 2, "a few": 3}
    value = special.get(count) or to_int(count)
    return min(value, MAX_TRIP_DAYS) if value else None


def _split_answer(
    text: Text, found: list[Mention], waiting: list[Leg], total: int | None
) -> list[Leg]:
    """Days for ``waiting`` legs: "4 and 2" in order, or "4 in Tokyo" (the others share
    what is left of ``total``); empty when the message gives no split."""
    names = [leg.city for leg in waiting]
    ours = [m for m in found if m.city in names]
    if ours:
        counts = {m.city: _count_of(text, ours, i) for i, m in enumerate(ours)}
        given = {city: days for city, days in counts.items() if days is not None}
        if not given:
            return []
        for mention in ours:
            text.claim(mention.start, mention.end)
        return _shared(waiting, given, total)
    if _DAY_NUMBER.search(text.folded):
        return []  # "swap day 1 and day 2" names days of a plan, it shares out none
    numbers = [(t, value) for t in text.free_tokens() if (value := to_int(t.text))]
    if len(numbers) != len(waiting) or not 2 <= len(text.free_tokens()) <= 3 * len(waiting):
        return []
    for token, _ in numbers:
        text.claim(token.start, token.end)
    return [leg.model_copy(update={"days": min(value, MAX_TRIP_DAYS)}) for leg, (_, value) in
            zip(waiting, numbers, strict=True)]


def _shared(waiting: list[Leg], given: dict[str | None, int], total: int | None) -> list[Leg]:
    """``waiting`` with the days ``given``; the other legs share the rest of ``total``
    evenly (earlier legs take the odd day), or stay without days when nothing is left."""
    rest = [leg for leg in waiting if leg.city not in given]
    left = (total or 0) - sum(given.values())
    share, extra = divmod(left, len(rest)) if rest and left >= len(rest) else (0, 0)
    legs = []
    for leg in waiting:
        days = given.get(leg.city)
        if days is None and share:
            days = share + (1 if extra > 0 else 0)
            extra -= 1
        legs.append(leg.model_copy(update={"days": days}))
    return legs
