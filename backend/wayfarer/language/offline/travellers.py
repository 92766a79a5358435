"""How many people travel: "solo", "my wife and I", "family of four", "2 adults and 3 kids".

An explicit total ("4 of us", "family of four", "2 adults and 3 kids") wins. Otherwise
companions are counted ("my wife and our 2 kids") and the speaker is added to them; a
plural with no number ("with my kids") leaves the count unknown. Any mention of children
also means the ``family`` interest.
"""

import re
from dataclasses import dataclass

from wayfarer.domain import MAX_TRAVELERS
from wayfarer.language.offline.numbers import NUMBER, to_int
from wayfarer.language.offline.text import Text

_N = rf"(?:{NUMBER}|a couple of|a couple|a few)"
_KIDS = r"(?:kids?|children|child|teens?|teenagers?|toddlers?|babies|baby|infants?|little ones)"
_ADULTS = r"(?:adults?|grown[\s-]?ups)"
_FRIENDS = (
    r"(?:friends?|colleagues?|coworkers?|co-workers?|mates?|buddies|buddy|pals?|girlfriends|"
    r"boyfriends|guys|girls|lads|cousins?|siblings?|brothers?|sisters?|classmates?|people)"
)
_SELF = r"(?:i|me|myself)"
_SINGLE = (
    r"(?:wife|husband|partner|girlfriend|boyfriend|fiance|fiancee|spouse|other half|bf|gf|"
    r"hubby|mom|mum|mother|dad|father|brother|sister|friend|best friend|bestie|son|"
    r"daughter|kid|child|baby|toddler|grandma|grandmother|grandpa|grandfather|aunt|uncle|"
    r"cousin|colleague|boss|niece|nephew|buddy|mate|roommate|flatmate|sibling|teen|"
    r"teenager|mother-in-law|father-in-law|dog)"
)
_PAIR = r"(?:parents|grandparents|in-laws|in laws|folks|twins)"
_PLURAL = r"(?:kids|children|sons|daughters|friends|brothers|sisters|cousins|colleagues|family)"
_CHILD_WORDS = re.compile(rf"\b(?:{_KIDS}|sons?|daughters?|twins|family of)\b")

_SOLO = re.compile(
    r"\b(?:solo|alone|by myself|on my own|just me|only me|just myself|single travell?er|"
    r"travell?ing alone|one person|1 person|one traveller|one traveler|myself only|"
    r"party of one|table for one)\b"
)
_COUPLE = re.compile(
    r"\b(?:as a couple|we(?:'re| are) a couple|a couple(?! of)(?!\s+(?:days|nights|weeks))|"
    r"couples?(?: trip| getaway| holiday| vacation)|honeymoon|honeymooners|"
    r"the two of us|two of us|both of us|just us two|us two|the pair of us|"
    r"for two(?!\s*(?:days|nights|weeks))|for 2(?!\s*(?:days|nights|weeks|\d))|"
    r"romantic getaway|anniversary trip|babymoon)\b"
)
_GROUP_OF = re.compile(
    rf"\b(?:family|group|party|team|gang|crew|bunch) of (?P<n>{NUMBER})\b"
    r"(?!\s*(?:days|nights|weeks))"
)
_ADULTS_KIDS = re.compile(
    rf"\b(?P<a>{_N}) {_ADULTS}(?:\s*(?:,|and|&|\+|with|plus)?\s*(?:our |their |my )?"
    rf"(?P<k>{_N}|a|one) {_KIDS})?"
)
_KIDS_ADULTS = re.compile(
    rf"\b(?P<k>{_N}|a|one) {_KIDS}\s*(?:,|and|&|\+|plus)\s*(?P<a>{_N}) {_ADULTS}"
)
_FRIENDS_AND_ME = re.compile(
    rf"\b(?:(?P<n1>{_N}) (?:other )?{_FRIENDS}\s*(?:,|and|&|\+|plus)\s*{_SELF}\b|"
    rf"{_SELF}\s*(?:,|and|&|\+|plus)\s*(?:my )?(?P<n2>{_N}) {_FRIENDS}|"
    rf"with (?:my )?(?P<n3>{_N}) (?:other )?{_FRIENDS})\b"
)
_TOTAL = re.compile(
    rf"\b(?:(?:there(?:'s| is| are|'re) |we(?:'re| are) |we will be |we'll be |it's |its )"
    rf"(?:a group of |a party of |a family of )?(?P<n1>{NUMBER})(?! (?:days|nights|weeks))"
    rf"(?: of us| people| persons| adults| travell?ers)?\b|"
    rf"(?P<n2>{NUMBER}) of us|"
    rf"(?:for |party of |group of )?(?P<n3>{NUMBER}) (?:people|persons|travell?ers|pax|guests|"
    r"tourists|visitors|ppl)\b)"
)
_ADJECTIVE = r"(?:(?:elderly|old|older|aging|ageing|little|young|younger|teenage|small|dear) )?"
_COMPANION = re.compile(
    rf"\b(?:my|our|with (?:my|our|a|the)|and (?:my|our|a)|a) {_ADJECTIVE}"
    rf"(?:(?P<n>{NUMBER}|two|three) (?:{_KIDS}|{_FRIENDS}|sons|daughters)|"
    rf"(?P<pair>{_PAIR})|(?P<plural>{_PLURAL})|(?P<single>{_SINGLE}))\b"
)


#: Counted children said without "my" ("my wife and I and two kids"): companions too.
_COUNTED = re.compile(
    rf"\b(?P<n>{NUMBER}) {_ADJECTIVE}(?:{_KIDS}|sons|daughters|grandkids|grandchildren)\b"
)


@dataclass(frozen=True)
class Travellers:
    """A head count (None when unknown) and whether children come along."""

    count: int | None
    with_kids: bool


def _count(text: str) -> int:
    if text in ("a couple", "a couple of"):
        return 2
    if text == "a few":
        return 3
    if text in ("a",):
        return 1
    return to_int(text) or 0


def read_travellers(text: Text) -> Travellers | None:
    """The party described in the message, claimed; None when nothing is said. A count
    above :data:`~wayfarer.domain.MAX_TRAVELERS` is not a travel party ("501 people
    liked it"): the count is dropped, the rest kept."""
    party = _read_party(text)
    if party is not None and party.count is not None and party.count > MAX_TRAVELERS:
        return Travellers(None, party.with_kids)
    return party


def _read_party(text: Text) -> Travellers | None:
    kids = any(text.find(_CHILD_WORDS))
    for pattern in (_GROUP_OF, _KIDS_ADULTS, _ADULTS_KIDS, _FRIENDS_AND_ME, _TOTAL):
        match = text.take(pattern)
        if match is None:
            continue
        groups = {k: v for k, v in match.groupdict().items() if v}
        if "a" in groups:
            total = _count(groups["a"]) + (_count(groups["k"]) if "k" in groups else 0)
        elif pattern is _FRIENDS_AND_ME:
            total = _count(next(iter(groups.values()))) + 1
        else:
            total = _count(next(iter(groups.values())))
        if total >= 1:
            return Travellers(total, kids or (pattern is _GROUP_OF and "family" in match.group()))
    if text.take(_SOLO) is not None:
        return Travellers(1, False)
    companions = text.take_all(_COMPANION)
    counted = text.take_all(_COUNTED)
    if companions or counted:
        total = 1 + sum(_count(match["n"]) for match in counted)
        for match in companions:
            if match["plural"]:
                return Travellers(None, kids)
            total += 2 if match["pair"] else _count(match["n"]) if match["n"] else 1
        return Travellers(total, kids)
    if text.take(_COUPLE) is not None:
        return Travellers(2, False)
    return Travellers(None, True) if kids else None
