"""Messages that change the trip *and* ask something ("make it 4 days -- and what's on
the last day?", "go mid-range, how much would that come to?").

A typed question is read alone so nothing inside it becomes a change (``acts.py``). When
the whole message reads as questions only, :func:`clauses` splits it at strong clause
boundaries (a dash, ``;``, ``.``, ``!``, after a ``?`` (kept with its clause, which it
marks as asking), or a comma or "and" / "also" before a question word); :func:`combine`
then keeps the question clauses' acts and adds the acts the other clauses carry on their
own, when those change something. A comma before anything but a question word is not a
boundary ("is the Louvre open on Tuesday, 5 May?" stays one question). This is how a
first message that plans and asks ("Rome 3 days, history. how far is the Vatican from the
Colosseum?") keeps its details and its question.
"""

import re
from collections.abc import Callable, Sequence

from wayfarer.domain import (
    AskCost,
    AskOpeningHours,
    AskPlaceFact,
    ChangePreferences,
    DialogueAct,
    EditTrip,
    Interpretation,
    Preferences,
    UndoAct,
)
from wayfarer.domain.acts import is_question

_QUESTION_WORD = (r"(?:what|what's|whats|how|is|are|when|why|where|which|can|could|do|does|"
                  r"will|would|should)\b")
_BOUNDARY = re.compile(
    rf"\s*(?:[\u2014\u2013;!]+|(?<!\d)\.(?!\d)|\s-\s)\s*|(?<=\?)(?!\?)\s*"
    rf"|\s*,\s*(?=(?:(?:and|also|plus|but|oh|so)\s+)?{_QUESTION_WORD})"
    rf"|\s+(?=(?:and|also|plus)\s+{_QUESTION_WORD})",
    re.IGNORECASE,
)
_LEADING = re.compile(r"^(?:and|also|plus|but|oh|so|then)\b\s*", re.IGNORECASE)

Reader = Callable[[str], Interpretation]


def clauses(message: str) -> list[str]:
    """The message's clauses (see the module docstring), without empty ones."""
    parts = (_LEADING.sub("", part.strip()) for part in _BOUNDARY.split(message))
    return [part for part in parts if part and re.search(r"\w", part)]


def _changes_something(act: DialogueAct, prefs: Preferences) -> bool:
    """An act that changes the trip: an edit, an undo, or a preference that differs from
    what is already set ("we're in Tokyo" said of the Tokyo trip changes nothing)."""
    if isinstance(act, EditTrip | UndoAct):
        return True
    if not isinstance(act, ChangePreferences):
        return False
    said = act.changes.model_dump(exclude_defaults=True)
    current = prefs.model_dump()
    return any(key not in current or current[key] != value for key, value in said.items()
               if key not in ("country", "city_suggestions"))


def combine(
    message: str, whole: Interpretation, read: Reader, prefs: Preferences
) -> Interpretation:
    """``whole`` (the message read at once) when it is not questions only or has one
    clause; otherwise the other clauses' changing acts followed by the questions."""
    acts = whole.dialogue_acts()
    if not acts or not all(is_question(a) for a in acts):
        return whole
    parts = clauses(message)
    if len(parts) < 2:
        return whole
    asked: list[DialogueAct] = []
    said: list[str] = []
    for part in parts:
        found = read(part).dialogue_acts()
        if found and all(is_question(a) for a in found):
            asked += found
        else:
            said.append(part)
    if not asked or not said:
        return whole
    rest = read(", ".join(said))
    changing: Sequence[DialogueAct] = [a for a in rest.dialogue_acts()
                                        if _changes_something(a, prefs)]
    if not changing:
        return whole
    return rest.model_copy(update={"acts": [*changing, *asked]})


def place_questions(message: str, read: Reader) -> list[DialogueAct]:
    """The questions about one place asked in a message that also gives the trip's details
    ("we're thinking of paris, is the Louvre worth it?", "paris 3 days - is the louvre
    open on mondays?"): the clauses that read, on their own, as such questions only.
    ``read`` reads a clause knowing the city the message names."""
    if "?" not in message:
        return []
    parts = clauses(message)
    if len(parts) < 2:
        return []
    asked: list[DialogueAct] = []
    for part in parts:
        found = read(part).dialogue_acts()
        if found and all(isinstance(a, AskOpeningHours | AskPlaceFact | AskCost)
                         and a.place for a in found):
            asked += found
    return asked
