"""Itinerary edits (SPEC §5) from plain requests.

Handled here: undo, swap days, add / drop a day ("a 4th day" on a 3-day plan adds one),
replace / remove / add / move a place. Pace and budget steps live in :mod:`pace` and
:mod:`budget`. Place edits are read only when there is an itinerary to edit; a phrase that
is really a city ("visit Rome") or a trip length ("5 days instead of 3") is left to those
readers.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from wayfarer.domain import (
    AddDay,
    AddPlace,
    DropDay,
    Edit,
    Itinerary,
    MovePlace,
    PlaceSelector,
    RemovePlace,
    ReplacePlace,
    SwapDays,
    Undo,
)
from wayfarer.language.offline.dates import WEEKDAY
from wayfarer.language.offline.interests import SYNONYMS
from wayfarer.language.offline.numbers import NUMBER, ORDINAL, ordinal_to_int, to_int
from wayfarer.language.offline.selectors import (
    DayIndex,
    match_place_name,
    read_day_ref,
    read_selector,
)
from wayfarer.language.offline.text import Text

_VERBS = (
    r"(?:replace|swap|switch|change|remove|drop|delete|skip|cut|add|include|make|move|"
    r"export|undo|put|get rid|take out|ditch|lose|fit|squeeze|throw|give|let's|lets|"
    r"can you|could you|also|then|maybe|please|and make|go)"
)
#: Words that open a new clause after a comma ("skip the Louvre, we've been").
_CLAUSE = (
    r"(?:we|i|we've|i've|we're|i'm|we'd|i'd|it's|its|it|that's|thats|they|they're|"
    r"since|because|as|cause|cos|coz|too|already|not|so)"
)
_END = (
    rf"(?=\s*(?:[.!?;(\n]|,?\s+(?:and\s+)?then\b|,?\s+and\s+(?:also\s+)?{_VERBS}\b|"
    rf",\s*{_VERBS}\b|,\s*{_CLAUSE}\b|\s+(?:because|since|cause|cuz|coz|as (?:we|i|it))\b|"
    rf",?\s+(?:please|instead|thanks|thank you)\b|,?\s+if\b|$))"
)
_DAYREF = rf"(?:{NUMBER}|{ORDINAL}|last|final|{WEEKDAY})"

#: A day named by a place on it: "swap the vatican day with day 1", "move the louvre day
#: to day 3", "swap day 2 with the louvre day".
_SWAP_PLACE_DAY = re.compile(
    rf"\b(?:swap|switch|exchange|trade|move|put)\s+(?:the\s+)?(?P<place>[a-z0-9' -]+?)\s+"
    rf"day\s+(?:with|and|for|to|on|as)\s+(?:the\s+)?(?:day\s+)?(?P<b>{_DAYREF})\b"
)
_SWAP_DAY_PLACE = re.compile(
    rf"\b(?:swap|switch|exchange|trade)\s+(?:the\s+)?day\s+(?P<b>{_DAYREF})\s+"
    rf"(?:with|and|for)\s+(?:the\s+)?(?P<place>[a-z0-9' -]+?)\s+day\b"
)

UNDO = re.compile(
    r"\b(?:undo(?: that| it| the last (?:change|edit))?|go back(?! to [a-z])|revert(?: that| it)?|"
    r"put it back|change it back|previous version|back to (?:the )?(?:previous|last|old) "
    r"(?:version|plan|one)|never ?mind(?: that)?|take that back|roll ?back|scratch that|"
    r"forget that|cancel that|put (?:it|that) back)\b"
)
_SWAP_DAYS = re.compile(
    rf"\b(?:swap|switch|exchange|flip|trade|reverse|invert|interchange)\s+(?:around\s+)?"
    rf"(?:the\s+)?(?:order\s+of\s+)?(?:days?\s*)?(?P<a>{_DAYREF})(?:\s+day)?\s*"
    rf"(?:and|with|&|for|,)\s*(?:the\s+)?(?:days?\s*)?(?P<b>{_DAYREF})(?:\s+days?)?\b"
    rf"(?:\s+around)?"
)
_SWAP_DAYS_AFTER = re.compile(
    rf"\bdays?\s*(?P<a>{_DAYREF})\s*(?:and|&)\s*(?:day\s*)?(?P<b>{_DAYREF})\s+"
    r"(?:swapped|switched|the other way round|the other way around|around)\b"
)
_DAY_FIRST = re.compile(
    rf"\b(?:do|have|put|move|start with)\s+day\s*(?P<a>{_DAYREF})\s+(?:first|at the start)\b"
)
_MOVE_DAY = re.compile(
    rf"\b(?:move|put|do)\s+day\s*(?P<a>{_DAYREF})\s+(?:to|before|in place of|as)\s+"
    rf"(?:day\s*)?(?P<b>{_DAYREF})\b"
)
_DROP_DAY = re.compile(
    rf"\b(?:drop|remove|delete|cut|skip|lose|ditch|scrap|cancel|get rid of|take out|"
    rf"eliminate|take off)\s+(?:the\s+)?(?:(?P<last>last|final)\s+day|"
    rf"day\s*(?P<n>{NUMBER})|(?P<ord>{ORDINAL})\s+day|(?P<count>{NUMBER}|a|an)\s+days?)\b"
    r"(?!\s+(?:trip|of|in))"
)
_SHORTER = re.compile(
    rf"\b(?:(?P<n1>{NUMBER}|a) days? (?:less|fewer|shorter)|(?P<n2>{NUMBER}|a) (?:less|fewer) "
    rf"days?|shorten (?:it |the trip |our trip |my trip )?by (?P<n3>{NUMBER}|a) days?|"
    rf"cut (?:it |the trip )?short by (?P<n4>{NUMBER}|a) days?|"
    rf"(?:make it |make the trip )?(?P<n5>{NUMBER}|a) days? shorter)\b"
)
_ADD_THEMED_DAY = re.compile(r"\badd\s+(?:a|an|one)\s+(?P<what>[a-z]+(?:\s[a-z]+)?)\s+day\b")
_ADD_DAY = re.compile(
    rf"\b(?:(?:add|plus)\s+(?:on\s+)?(?P<n1>{NUMBER}|a|an|another)?\s*(?:more\s+|extra\s+|"
    r"additional\s+)?days?(?!\s*\d)|"
    rf"(?P<n2>{NUMBER}|a|an) (?:more|extra|additional) days?|another day|"
    rf"extra day|extend (?:it |the trip |our trip |my trip |our stay |my stay |the stay )?"
    rf"by (?P<n3>{NUMBER}|a|an) days?|(?P<n4>{NUMBER}|a|an) days? longer|"
    rf"stay (?P<n5>{NUMBER}|a|an) (?:more|extra) days?|lengthen (?:it|the trip) by "
    rf"(?P<n6>{NUMBER}|a|an) days?)\b"
)
#: "a 4th day please", "add a fourth day": the trip grows to that day (read only when that
#: day is past the plan's last one).
_ADD_ORDINAL_DAY = re.compile(
    rf"\b(?:(?:add|plus|want|have|get|need)\s+)?(?:a|an)\s+(?P<ord>{ORDINAL})\s+day\b"
    r"(?!\s+(?:trip|of|in))"
)
_REPLACE = re.compile(
    rf"\b(?:replace|swap(?: out)?|switch(?: out)?|change|substitute|exchange|trade|"
    rf"instead of going to)\s+(?P<target>.+?)\s+(?:with|for|by|into|to|for)\s+"
    rf"(?P<repl>.+?){_END}"
)
_REPLACE_ALONE = re.compile(
    rf"\b(?:replace|swap out|switch out|change|substitute)\s+(?P<target>.+?){_END}"
)
_INSTEAD_OF = re.compile(
    rf"\binstead of\s+(?P<target>.+?),\s*(?:can we |could we |let's |lets |how about |"
    rf"maybe |i'd like |we'd like |do |add |visit |see |go to |please )*(?P<repl>.+?){_END}"
)
_INSTEAD_OF_CUED = re.compile(
    rf"\binstead of\s+(?P<target>[^,.;!?]+?)\s+(?:can we|could we|can you|could you|let's|"
    rf"lets|how about|what about|maybe|i'd like|we'd like|i want|we want|please)\s+"
    rf"(?:(?:do|add|visit|see|go to|have|try|to|put in|include)\s+)*(?P<repl>.+?){_END}"
)
_REPL_INSTEAD_OF = re.compile(
    rf"\b(?:(?:can we|could we|let's|lets|i'd like to|we'd like to|i want to|we want to)\s+"
    rf"(?:do|see|visit|go to|have)\s+|(?:do|see|visit|go to)\s+)?"
    rf"(?P<repl>[^,.;!?]+?)\s+(?:instead of|rather than|in place of)\s+(?P<target>.+?){_END}"
)
_MOVE_PLACE = re.compile(
    rf"\b(?:move|shift|push|put|switch|reschedule)\s+(?P<target>(?!day\b).+?)\s+"
    rf"(?:to|on|onto|into|over to)\s+(?:the\s+)?"
    rf"(?P<day>day\s*{_DAYREF}|(?:{ORDINAL}|last|final)\s+day|{WEEKDAY})\b(?:\s+instead)?"
)
_REMOVE = re.compile(
    rf"\b(?:remove|delete|skip|cut|ditch|lose|drop|cancel|scrap|get rid of|take out|"
    rf"take off|eliminate|scratch|nix|no need for|leave out|cross off)\s+"
    rf"(?P<target>.+?){_END}"
)
#: "take the Louvre out", "X can go", "we did X last time, so take it out".
_REMOVE_AFTER = re.compile(
    rf"\b(?:take|cross|leave|cut|knock|strike)\s+(?!it\b|that\b|them\b)(?P<target>.+?)\s+"
    rf"(?:out|off)\b(?:\s+(?:of|from)\s+(?:the\s+)?(?:plan|list|trip|itinerary))?"
    rf"|(?:^|[.,;!?(]\s*|\b(?:and|so|ok|okay)\s+)(?P<target2>[^.,;!?()]+?)\s+"
    rf"(?:can|could|should|must|has to|have to)\s+(?:go|be (?:dropped|removed|cut))\b"
    rf"|\b(?:we|i)\s+(?:already\s+)?(?:did|saw|visited|went to|have done)\s+"
    rf"(?P<target3>.+?)(?=\s+(?:last|before|already|on|in)\b|{_END})"
    rf"(?=.*\b(?:take|cut|cross|leave|knock) (?:it|that|them) (?:out|off)\b"
    rf"|.*\b(?:remove|drop|skip|ditch|lose|cut|scrap) (?:it|that|them)\b)"
)
_NOT_GOING = re.compile(
    rf"\b(?:i|we) (?:don't|do not|dont) (?:want|need|wanna) to (?:go to|visit|see|do)\s+"
    rf"(?P<target>.+?){_END}|\b(?:we've|we have|i've|i have) (?:already )?"
    rf"(?:been to|seen|visited|done)\s+(?P<target2>.+?){_END}"
)
_ADD = re.compile(
    rf"\b(?:add|include|fit in|squeeze in|throw in|put in|insert|"
    rf"(?:can|could) (?:we|you) (?:also )?(?:add|include|fit in|see|visit|go to|do)|"
    rf"(?:i'd|we'd|i would|we would) (?:also )?(?:like|love) to (?:see|visit|go to|do)|"
    rf"(?:i|we) (?:also )?(?:want|wanna) to (?:see|visit|go to|do)|"
    rf"let'?s (?:also )?(?:see|visit|do|go to)|how about adding|what about adding)\s+"
    rf"(?P<query>.+?){_END}"
)
#: "is there a brewery we could add?", "any jazz bar we can fit in on day 2?": the place
#: asked about, then the verb.
_ADD_ASKED = re.compile(
    r"^\W*(?:so |and |ok |okay )?(?:is there|are there|any)\s+(?P<query>.+?)\s+(?:that\s+)?"
    r"(?:we|i|you)\s+(?:could|can|might|should)\s+(?:also\s+)?(?:add|include|fit in|squeeze "
    r"in|visit|go to|do)\b(?P<tail>[^,.;!?]*)"
)
#: "can you fit the Museu Picasso in on day 2", "squeeze X in somewhere".
_FIT_IN = re.compile(
    rf"\b(?:fit|squeeze|slot|work)\s+(?P<query>(?!in\b)[^,.;!?]+?)\s+in\b"
    rf"(?P<tail>\s+(?:on|for)\s+(?:the\s+)?(?:day\s*{_DAYREF}|(?:{ORDINAL}|last|final)\s+day|"
    rf"{WEEKDAY}))?"
)
#: "and the Vatican Museums on day 3": a place named with a day and no verb (the whole
#: message); read as a sight when said with "the" or named by a sight word.
_NAMED_ON_DAY = re.compile(
    rf"^\W*(?:(?:and|also|plus|oh and|then|ok|okay)\s+)*(?P<the>the\s+)?"
    rf"(?!{_VERBS}\b|(?:keep|pin|lock|leave|see|visit|do|what|where|when|how|why|is|are|"
    rf"was|no|not|nothing|only|just|more|less|fewer)\b)"
    rf"(?P<query>[a-z0-9][a-z0-9' -]*?\s+(?:on|for)\s+(?:the\s+)?(?:day\s*{_DAYREF}|"
    rf"(?:{ORDINAL}|last|final)\s+day))(?:\s+(?:too|as well|please|pls|then|if possible))*"
    r"\W*$"
)
_SIGHT_WORD = re.compile(
    r"\b(?:museums?|gallery|galleries|gardens?|palace|cathedral|church|basilica|tower|market|"
    r"square|bridge|castle|fort|temple|shrine|mosque|chapel|monument|park|steps|abbey|"
    r"museu|museo|musee|palazzo|piazza|plaza|placa|mercat|mercado)\b"
)
_NOT_PLACES = re.compile(
    r"^(?:it|that|this|everything|all|them|those|it all|the trip|the plan|the whole thing|"
    r"more|some more|a few more|first|last|(?:(?:some|a few|a lot) )?more (?:activities|"
    r"things|stuff|sights|places|stops)(?: to do)?)$|"
    r"\b(?:dates?|times?|schedule|start|end)\b|"
    r"\b(?:pace|budget|days?|nights?|weeks?|calendar|ics|markdown|json|file|city|trip|"
    r"plan|itinerary|order)\b"
)


#: At most this many days are added by one message ("add 30 days" adds 7).
MAX_ADDED_DAYS = 7


@dataclass
class EditContext:
    """What the edit reader needs to know about the conversation."""

    itinerary: Itinerary | None
    names_place: Callable[[str], bool]
    days: DayIndex = field(init=False)

    def __post_init__(self) -> None:
        self.days = DayIndex.of(self.itinerary)


def _day(text: str, days: DayIndex) -> int | None:
    text = text.strip()
    if text in ("last", "final"):
        return days.count
    value = ordinal_to_int(text)
    if value is not None:
        return value
    match = re.fullmatch(WEEKDAY, text)
    return days.weekday(text) if match else None


def _day_of_place(words: str, context: EditContext) -> int | None:
    """The day of the planned stop ``words`` name ("the vatican" -> the Vatican Museums'
    day), or None."""
    if context.itinerary is None:
        return None
    name = match_place_name(words, context.itinerary, None)
    return next((d.day for d in context.itinerary.days for i in d.items
                 if name is not None and i.place.name == name), None)


def _count(text: str | None) -> int:
    if text in (None, "a", "an", "another"):
        return 1
    return to_int(text or "") or 1


def _first_group(match: re.Match[str], *names: str) -> str | None:
    return next((match[n] for n in names if match[n]), None)


Found = list[tuple[int, Edit]]


def read_edits(text: Text, context: EditContext) -> Found:
    """Every edit in the message with its position; each match is claimed."""
    return _day_edits(text, context) + _place_edits(text, context)


def _day_edits(text: Text, context: EditContext) -> Found:
    """Undo and whole-day edits (swap, add, drop)."""
    edits: Found = []
    undo = text.take(UNDO)
    if undo is not None:
        edits.append((undo.start(), Undo()))
    for match in text.take_all(_DAY_FIRST):
        first = _day(match["a"], context.days)
        if first and first != 1:
            edits.append((match.start(), SwapDays(first=first, second=1)))
    for pattern in (_SWAP_DAYS, _SWAP_DAYS_AFTER, _MOVE_DAY):
        for match in text.take_all(pattern):
            first, second = _day(match["a"], context.days), _day(match["b"], context.days)
            if first and second and first != second:
                edits.append((match.start(), SwapDays(first=first, second=second)))
    for pattern in (_SWAP_PLACE_DAY, _SWAP_DAY_PLACE):
        for match in text.find(pattern):
            first = _day_of_place(match["place"], context)
            second = _day(match["b"], context.days)
            if first and second and first != second:
                text.claim(match.start(), match.end())
                edits.append((match.start(), SwapDays(first=first, second=second)))
    for match in text.take_all(_DROP_DAY):
        if match["last"]:
            edits.append((match.start(), DropDay()))
        elif match["n"] or match["ord"]:
            number = ordinal_to_int(match["n"] or match["ord"])
            edits.append((match.start(), DropDay(day=number) if number else DropDay()))
        else:
            edits += [(match.start(), DropDay()) for _ in range(_count(match["count"]))]
    for match in text.take_all(_SHORTER):
        count = _count(_first_group(match, "n1", "n2", "n3", "n4", "n5"))
        edits += [(match.start(), DropDay()) for _ in range(count)]
    for match in text.find(_ADD_THEMED_DAY):
        interests = SYNONYMS.get(match["what"])
        if interests:
            text.claim(match.start(), match.end())
            edits.append((match.start(), AddPlace(query=PlaceSelector(interest=interests[0]))))
    for match in text.find(_ADD_ORDINAL_DAY):
        wanted, days_now = ordinal_to_int(match["ord"]) or 0, context.days.count
        if days_now is not None and days_now < wanted <= days_now + MAX_ADDED_DAYS:
            text.claim(match.start(), match.end())
            edits += [(match.start(), AddDay()) for _ in range(wanted - days_now)]
    for match in text.take_all(_ADD_DAY):
        count = _count(_first_group(match, "n1", "n2", "n3", "n4", "n5", "n6"))
        edits += [(match.start(), AddDay()) for _ in range(min(count, MAX_ADDED_DAYS))]
    return edits


def _is_place(phrase: str, context: EditContext) -> bool:
    """True when ``phrase`` can point at a place: not a day, a length, a city or "it"."""
    _, rest = read_day_ref(phrase.strip(), context.days)
    if not rest or _NOT_PLACES.search(rest):
        return False
    return not context.names_place(rest)


def _bare_interest(phrase: str) -> bool:
    """True for a bare plural interest ("museums"): a preference, not a place edit."""
    return phrase.strip() in SYNONYMS and not phrase.strip().endswith(("um", "ry"))


def _place_edits(text: Text, context: EditContext) -> Found:
    """Move / replace / remove / add a place (only with an itinerary)."""
    if context.itinerary is None:
        return []
    edits: Found = []
    for match in text.find(_MOVE_PLACE):
        to_day = _day(match["day"].removeprefix("day").strip().removesuffix(" day"),
                      context.days)
        if to_day is None or not _is_place(match["target"], context):
            continue
        raw = text.original(match.start("target"), match.end("target"))
        moved = read_selector(raw, context.itinerary, context.days)
        if moved != PlaceSelector(day=moved.day):
            edits.append((match.start(), MovePlace(target=moved, to_day=to_day)))
            text.claim(match.start(), match.end())
    for pattern in (_INSTEAD_OF, _INSTEAD_OF_CUED, _REPL_INSTEAD_OF, _REPLACE):
        for match in text.find(pattern):
            target, replacement = match["target"], match["repl"]
            if not (_is_place(target, context) and _is_place(replacement, context)):
                continue
            raw_target = text.original(match.start("target"), match.end("target"))
            raw_repl = text.original(match.start("repl"), match.end("repl"))
            edits.append((match.start(), _replace(raw_target, raw_repl, context)))
            text.claim(match.start(), match.end())
    for match in text.find(_REPLACE_ALONE):
        if _is_place(match["target"], context):
            raw_target = text.original(match.start("target"), match.end("target"))
            edits.append((match.start(), _replace(raw_target, "", context)))
            text.claim(match.start(), match.end())
    removals = ((_REMOVE, "target"), (_NOT_GOING, "target"), (_NOT_GOING, "target2"),
                (_REMOVE_AFTER, "target"), (_REMOVE_AFTER, "target2"), (_REMOVE_AFTER, "target3"))
    for pattern, group in removals:
        for match in text.find(pattern):
            if not match[group] or not _is_place(match[group], context):
                continue
            if _bare_interest(match[group]):
                continue
            raw = text.original(match.start(group), match.end(group))
            target = read_selector(raw, context.itinerary, context.days)
            if target != PlaceSelector(day=target.day):
                edits.append((match.start(), RemovePlace(target=target)))
                text.claim(match.start(), match.end())
    for pattern in (_ADD, _ADD_ASKED):
        for match in text.find(pattern):
            if not _is_place(match["query"], context):
                continue
            raw = text.original(match.start("query"), match.end("query"))
            if pattern is _ADD_ASKED:  # "... we could add on day 2": the day is in the tail
                raw += text.original(match.start("tail"), match.end("tail"))
            query = read_selector(raw, context.itinerary, context.days)
            edits.append((match.start(), AddPlace(query=query)))
            text.claim(match.start(), match.end())
    return edits + _unverbed_adds(text, context)


def _unverbed_adds(text: Text, context: EditContext) -> Found:
    """Adds said without "add": "fit X in (on day 2)", "and the X on day 3"."""
    edits: Found = []
    for match in text.find(_FIT_IN):
        if not _is_place(match["query"], context) or _bare_interest(match["query"]):
            continue
        raw = text.original(match.start("query"), match.end("query"))
        if match["tail"]:
            raw += text.original(match.start("tail"), match.end("tail"))
        query = read_selector(raw, context.itinerary, context.days)
        if query != PlaceSelector(day=query.day):
            edits.append((match.start(), AddPlace(query=query)))
            text.claim(match.start(), match.end())
    named = text.find(_NAMED_ON_DAY)
    for match in named:
        place, _ = re.subn(r"\s+(?:on|for)\s+.*$", "", match["query"])
        if not (_is_place(place, context) and (match["the"] or _SIGHT_WORD.search(place))):
            continue
        raw = text.original(match.start("query"), match.end("query"))
        query = read_selector(raw, context.itinerary, context.days)
        if query != PlaceSelector(day=query.day):  # "the rest on day 3" names nothing
            edits.append((match.start(), AddPlace(query=query)))
            text.claim(match.start(), match.end())
    return edits


def _replace(raw_target: str, raw_repl: str, context: EditContext) -> ReplacePlace:
    target = read_selector(raw_target, context.itinerary, context.days)
    replacement = read_selector(raw_repl, None, context.days) if raw_repl else PlaceSelector()
    if replacement.day is not None:
        if target.day is None:
            target = target.model_copy(update={"day": replacement.day})
        replacement = replacement.model_copy(update={"day": None})
    return ReplacePlace(target=target, replacement=replacement)
