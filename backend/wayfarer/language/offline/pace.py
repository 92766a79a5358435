"""Pace words: an absolute pace ("slow", "packed") or a step ("more relaxed", "pack more in").

Steps matter after planning, where they become a ``ChangePace`` edit; while gathering a
step is read as the pace it points to.
"""

from typing import Literal

from wayfarer.domain import Pace
from wayfarer.language.offline.lexicon import PhraseTable, invert
from wayfarer.language.offline.text import Text

Step = Literal["more_relaxed", "more_packed"]

_STEP_GROUPS: dict[Step, tuple[str, ...]] = {
    "more_relaxed": (
        "more relaxed", "more relaxing", "more chill", "more laid back", "more leisurely",
        "more downtime", "more free time", "more breaks", "more time to relax", "slower",
        "slow it down", "slow down", "slow things down", "less rushed", "less hectic",
        "less busy", "less packed", "less intense", "less crammed", "less full",
        "fewer activities", "fewer things", "fewer stops", "fewer places", "fewer sights",
        "less stuff", "less to do", "too much", "too busy", "too packed", "too hectic",
        "too rushed", "too intense", "too full", "too many things", "too many activities",
        "too many places", "tone it down", "lighter", "calmer", "chiller", "easier",
        "take it easier", "ease off", "ease up", "not so packed", "not so busy",
        "not so rushed", "not so hectic", "a bit more relaxed", "lighten", "lighten it",
        "lighten it up", "lighten things up", "lighten up",
    ),
    "more_packed": (
        "more packed", "pack more in", "pack in more", "pack more", "cram more", "cram in more",
        "squeeze more in", "squeeze in more", "more activities", "more things to do",
        "more things", "more stuff", "more sights", "more stops", "more places", "busier",
        "faster", "faster paced", "more intense", "too slow", "too relaxed", "too empty",
        "too light", "too easy", "too little", "fill it up", "fill the days", "more per day",
        "see more", "do more", "more action", "speed it up", "step it up", "more full",
        "fuller", "not enough to do", "a bit more packed",
    ),
}
_PACE_GROUPS: dict[Pace, tuple[str, ...]] = {
    "relaxed": (
        "relaxed", "relaxing", "relax", "tranquilo", "tranquila", "tranquille", "ruhig",
        "relajado", "slow", "slowly", "slow pace", "slow paced",
        "slow travel", "chill", "chilled", "chilled out", "laid back", "easy", "easygoing",
        "easy going", "easy pace", "take it easy", "taking it easy", "leisurely", "gentle",
        "unhurried", "no rush", "not rushed", "not too rushed", "not rushing", "lazy", "calm",
        "low key", "not too busy", "not too packed", "nothing too packed",
        "nothing too hectic", "not too hectic", "not too much", "not too intense",
        "nothing too intense", "no hurry", "in no hurry", "at our own pace", "slow mornings",
        "lots of downtime", "plenty of downtime", "plenty of rest", "restful",
    ),
    "moderate": (
        "moderate", "moderate pace", "moderately paced", "balanced", "balanced pace",
        "medium pace", "medium", "normal pace", "average pace", "regular pace", "steady pace",
        "steady", "not too slow", "not too fast", "comfortable pace", "reasonable pace",
        "mix of both", "in between", "somewhere in between", "middle", "middle ground",
    ),
    "packed": (
        "packed", "jam packed", "action packed", "busy", "fast", "fast paced", "fast pace",
        "quick pace", "intense", "intensive", "hectic", "full on", "whirlwind",
        "as much as possible", "as much as we can", "as much as i can", "see everything",
        "see it all", "do it all", "everything we can", "non stop", "nonstop", "energetic",
        "lots of activities", "lots to do", "maximize", "maximise", "max out", "cram",
        "cram it all in", "packed schedule", "full schedule", "full days", "busy days",
        "high energy", "tons to do", "as many sights as possible",
    ),
}
STEPS: dict[str, Step] = invert(_STEP_GROUPS)
PACES: dict[str, Pace] = invert(_PACE_GROUPS)
STEP_TABLE = PhraseTable(STEPS)
PACE_TABLE = PhraseTable(PACES)


def read_step(text: Text) -> tuple[Step, int] | None:
    """A relative pace change ("slower", "pack more in") and where it is; claims it."""
    return STEP_TABLE.take_first_at(text)


def read_pace(text: Text) -> tuple[Pace, int] | None:
    """An absolute pace and where it is; the last one said wins ("busy... actually
    relaxed"); claims all."""
    found = PACE_TABLE.take_all(text)
    return (found[-1][0], found[-1][1].start()) if found else None


def stepped(current: Pace | None, step: Step) -> Pace:
    """The pace one step from ``current`` (moderate when unknown) in ``step``'s direction."""
    order: list[Pace] = ["relaxed", "moderate", "packed"]
    index = order.index(current or "moderate")
    index = max(0, index - 1) if step == "more_relaxed" else min(2, index + 1)
    return order[index]
