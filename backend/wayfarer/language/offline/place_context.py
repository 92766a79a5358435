"""What surrounds a place name in a message: the words that make it a destination or an
origin, a trip length after it, the signs that may join the words of one name.

Pure functions of the folded text and a window of its words, for :mod:`cities`.
"""

import itertools
import re

from wayfarer.language.offline.lexicon import words
from wayfarer.language.offline.numbers import NUMBER
from wayfarer.language.offline.text import Text, Token

_DESTINATION_CUES = words(
    """
    in to visit visiting around explore exploring about go going travel travelling traveling
    trip fly flying heading head see seeing off at near for try tour touring discover
    discovering check do doing plan planning into towards toward than
    """
)
_ORIGIN_CUES = ("from", "live in", "living in", "based in", "leaving", "departing", "home in")
_TRAILING_CUES = ("instead", "then", "please", "pls", "it is", "it's", "for ", "trip")
_JOINERS = re.compile(r"^[\s\-.']*$")
#: Matched at the window's end (``match`` anchors there; no "^").
_LENGTH_AFTER = re.compile(rf"[\s,]*(?:for\s+)?(?:{NUMBER}|a|an)[\s-]*(?:days?|nights?|weeks?|"
                           r"weekend)\b")


def joined(text: Text, window: tuple[Token, ...]) -> bool:
    """True when only spaces, dashes, dots or apostrophes sit between the window's words."""
    return all(_JOINERS.match(text.folded[left.end : right.start])
               for left, right in itertools.pairwise(window))


def cues(text: Text, window: tuple[Token, ...]) -> tuple[bool, bool, bool]:
    """(any destination cue, a cue word right before, origin cue) for ``window``."""
    before = text.folded[: window[0].start].rstrip(" ,")
    origin = any(before.endswith(cue) for cue in _ORIGIN_CUES)
    last = before.rsplit(None, 1)
    leading = (last[-1] if last else "") in _DESTINATION_CUES
    after = text.folded[window[-1].end :]
    trailing = after.lstrip(" ,.!?").startswith(_TRAILING_CUES) or length_after(text, window)
    return leading or trailing, leading, origin


def length_after(text: Text, window: tuple[Token, ...]) -> bool:
    """True when a trip length follows the window ("kl for 3 days")."""
    return _LENGTH_AFTER.match(text.folded, window[-1].end) is not None


#: "We're staying in Shinjuku", "our hotel is near the Louvre", "we have tickets to (see)
#: Hamilton": what the traveller tells about their stay or bookings (acts.py answers it);
#: the place named right after is not a destination (:func:`lodging`).
STAY_OR_TICKETS = re.compile(
    r"\b(?:(?P<stay>(?:staying|sleeping|based|lodging)\s+(?:in|at|near|by|around)|"
    r"(?:hotel|hostel|airbnb|apartment|accommodation)(?:'s|\s+is)?\s+(?:is\s+)?"
    r"(?:in|near|by|around))|(?P<tickets>tickets?\s+(?:to|for)(?:\s+(?:see|the))?))\b"
)


def lodging(text: Text, window: tuple[Token, ...]) -> bool:
    """True when the window follows "staying in", "our hotel is in", "tickets to"... and
    no trip length follows it ("staying in Nice for 3 days" names the destination); a
    covered city is read before this is asked ("staying in Paris")."""
    before = text.folded[: window[0].start].rstrip(" ,")
    cue = _STAY_OR_TICKETS_AT_END.search(before)
    return cue is not None and not length_after(text, window)


_STAY_OR_TICKETS_AT_END = re.compile(rf"(?:{STAY_OR_TICKETS.pattern})$")
