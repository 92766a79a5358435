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
_PAIR = r"(?:parents|grandparents|in-laws|in laws|folks|twins|mum and dad|mom and dad|"
_PAIR += r"mother and father|ma and pa)"
_PLURAL = (r"(?:kids|children|sons|daughters|friends|brothers|sisters|cousins|colleagues|family|"
           r"grandkids|grandchildren|boys|girls)")
#: Said after companions that stay behind ("the kids are staying with grandma").
STAYING_BEHIND = re.compile(
    r"^\s*(?:are|is|will be|'re|'s)\s+(?:staying|stopping|left)\s+(?:at home|home|behind|with)\b"
    r"|^\s*(?:are|is|will)?\s*(?:not|n't|aren't|isn't|won't|can't|cannot)\s+"
    r"(?:be )?(?:coming|come|joining|join)\b"
)
_CHILD_WORDS = re.compile(
    rf"\b(?:{_KIDS}|sons?|daughters?|twins|grandkids|grandchildren|family of)\b")

_SOLO = re.compile(
    r"\b(?:solo|alone|by myself|on my own|just me|only me|just myself|single travell?er|"
    r"travell?ing alone|one person|1 person|one traveller|one traveler|myself only|"
    r"party of one|table for one)\b(?!\s*(?:and|&|\+|plus|with)\b)"
)
_COUPLE = re.compile(
    r"\b(?:as a couple|we(?:'re| are) a couple|a couple(?! of)(?!\s+(?:days|nights|weeks))|"
    r"couples?(?: trip| getaway| holiday| vacation)|honeymoon|honeymooners|"
    r"the two of us|two of us|both of us|just us two|us two|the pair of us|"
    r"for two(?!\s*(?:days|nights|weeks|months|years|hours))|"
    r"for 2(?!\s*(?:days|nights|weeks|months|years|hours|\d))|"
    r"romantic getaway|anniversary trip|babymoon)\b"
)
#: "two couples": twice as many people.
_COUPLES = re.compile(rf"\b(?P<n>{NUMBER}) couples\b")
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
    rf"\b(?:my|our|with (?:my|our|a|the|his|her|their)|and (?:my|our|a|his|her|their)|"
    rf"a|the|taking|bringing|(?:taking|bringing) (?:my|our|the)) {_ADJECTIVE}"
    rf"(?:(?P<n>{NUMBER}|two|three) (?:{_KIDS}|{_FRIENDS}|sons|daughters)|"
    rf"(?P<pair>{_PAIR})|(?P<plural>{_PLURAL})|(?P<single>{_SINGLE}))\b"
    rf"(?:[\s,(]*(?:the |all )?(?P<of_them>{NUMBER}|both) of them\b\)?"
    rf"|\s*\((?P<both>both)\))?"
)
#: What follows a relative named in an aside, not a companion ("my cousin lived there",
#: "my grandpa was stationed there", "my sister recommended it").
_ASIDE = re.compile(
    r"\s+(?:(?:also |once |already )?(?:lived|lives|was|were|went|said|says|told|tells|"
    r"loved|loves|recommended|recommends|visited|knows|knew|thinks|swears|works|worked|"
    r"studied|grew|used to|has been|had been|suggested|showed|"
    r"will be (?!joining|coming|along|with|there|travell?ing)[a-z]+|gets? (?:tired|bored))\b)"
)


#: Counted children said without "my" ("my wife and I and two kids"): companions too.
_COUNTED = re.compile(
    rf"\b(?P<n>{NUMBER}) {_ADJECTIVE}(?:{_KIDS}|sons|daughters|grandkids|grandchildren)\b"
)


def kids_stay_behind(text: Text) -> bool:
    """True when the message says the children are not coming ("the kids are staying
    with grandma", "our children can't come")."""
    return any(STAYING_BEHIND.match(text.folded[m.end():])
               for m in _CHILD_WORDS.finditer(text.folded))


@dataclass(frozen=True)
class Travellers:
    """A head count (None when unknown) and whether children come along."""

    count: int | None
    with_kids: bool
    #: The companions join the party already known ("my sister is joining us"): the
    #: count is how many they add to it, not the total.
    joining: bool = False


def _count(text: str) -> int:
    if text in ("a couple", "a couple of", "both"):
        return 2
    if text == "a few":
        return 3
    if text in ("a",):
        return 1
    return to_int(text) or 0


_JOINING = re.compile(r"\b(?:is|are|will be|'s|'re) (?:also )?(?:joining|tagging along|"
                      r"coming (?:too|along|with us))\b|\b(?:joins|join) us\b")


def read_travellers(text: Text) -> Travellers | None:
    """The party described in the message, claimed; None when nothing is said. A count
    above :data:`~wayfarer.domain.MAX_TRAVELERS` is not a travel party ("501 people
    liked it"): the count is dropped, the rest kept."""
    party = _read_party(text)
    if party is not None and party.count is not None and party.count > MAX_TRAVELERS:
        return Travellers(None, party.with_kids)
    return party


def _companions(text: Text) -> list[re.Match[str]]:
    """The companions named (claimed), without relatives named in an aside or ruled out
    ("without the kids" is left to the interests reader)."""
    taken = []
    for match in text.find(_COMPANION):
        before = text.folded[:match.start()]
        if text.is_free(match.start(), match.end()) and not _ASIDE.match(
                text.folded[match.end():]) and not before.endswith(_RULED_OUT):
            text.claim(match.start(), match.end())
            taken.append(match)
    return taken


_RULED_OUT = ("without ", "no ", "not with ", "minus ")


def _stated_total(text: Text) -> int | None:
    """A whole party stated outright ("we're 4 now", "5 of us", "party of 6"), claimed;
    "2 people" is not one (said of companions joining, it is how many they add)."""
    for pattern in (_GROUP_OF, _TOTAL):
        for match in text.find(pattern):
            if pattern is _TOTAL and match["n3"]:
                continue
            text.claim(match.start(), match.end())
            return _count(next(v for v in match.groupdict().values() if v))
    return None


def _heads(match: re.Match[str]) -> int | None:
    """How many people one companion phrase names; None for a plural without a count."""
    counted = match["of_them"] or match["both"]
    if counted:
        return _count(counted)
    if match["plural"]:
        return None
    return 2 if match["pair"] else _count(match["n"]) if match["n"] else 1


def _read_party(text: Text) -> Travellers | None:
    kids = any(not STAYING_BEHIND.match(text.folded[m.end():])
               for m in text.find(_CHILD_WORDS))
    if _JOINING.search(text.folded):
        stated = _stated_total(text)
        if stated:
            _companions(text)
            return Travellers(stated, kids)
        added = sum(_heads(m) or 0 for m in _companions(text))
        if added:
            return Travellers(added, kids, joining=True)
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
    couples = text.take(_COUPLES)
    if couples is not None and _count(couples["n"]) > 0:
        return Travellers(2 * _count(couples["n"]), kids)
    companions = _companions(text)
    counted = text.take_all(_COUNTED)
    if companions or counted:
        total = 1 + sum(_count(match["n"]) for match in counted)
        for match in companions:
            if match["plural"] and STAYING_BEHIND.match(text.folded[match.end():]):
                continue
            heads = _heads(match)
            if heads is None:
                return Travellers(None, kids)
            total += heads
        return Travellers(total, kids)
    if text.take(_COUPLE) is not None:
        return Travellers(2, False)
    return Travellers(None, True) if kids else None
