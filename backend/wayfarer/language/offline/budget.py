"""Budget level words: "cheap", "mid-range", "money is no object", "nothing too pricey".

Situations count too: money said to be no concern ("cost doesn't matter") is luxury,
being broke ("broke students", "we're skint") is budget, a cap on the top and a floor
under it ("nothing crazy expensive but no hostels") is moderate.

A step ("make it cheaper", "fancier") moves one level from the current budget; while
gathering it is read as the level it points to. The bare word "budget" is the level
unless it names an amount ("a $2000 budget", "budget of 900", "our budget is ...").
"""

import re
from typing import Literal

from wayfarer.domain import Budget
from wayfarer.language.offline.lexicon import PhraseTable, invert
from wayfarer.language.offline.text import Text

BudgetStep = Literal["cheaper", "pricier"]

_STEP_GROUPS: dict[BudgetStep, tuple[str, ...]] = {
    "cheaper": (
        "cheaper", "less expensive", "more affordable", "more budget friendly",
        "too expensive", "too pricey", "too costly", "spend less", "save money",
        "save some money", "lower the budget", "lower budget", "reduce the cost",
        "reduce costs", "cut costs", "cut the cost", "less pricey", "less money", "costs less",
        "less fancy", "too fancy", "too posh", "too upscale", "too luxurious", "not so fancy",
        "less posh", "less upscale", "less luxurious", "less high end", "too high end",
    ),
    "pricier": (
        "fancier", "more upscale", "more luxurious", "more luxury", "more expensive",
        "spend more", "upgrade", "posher", "more high end", "raise the budget",
        "higher budget", "bigger budget", "splash out more",
    ),
}
_LEVEL_GROUPS: dict[Budget, tuple[str, ...]] = {
    "budget": (
        "cheap", "cheaply", "pas cher", "barato", "billig", "economico", "bon marche",
        "on a budget", "on a tight budget", "tight budget", "low budget",
        "small budget", "limited budget", "student budget", "shoestring", "on a shoestring",
        "shoestring budget", "budget friendly", "budget trip", "budget travel",
        "budget traveller", "budget traveler", "budget option", "budget options",
        "budget conscious", "backpacker", "backpacking", "backpackers", "affordable",
        "inexpensive", "low cost", "frugal", "economical", "thrifty", "nothing too pricey",
        "nothing too expensive", "nothing pricey", "nothing expensive", "not too pricey",
        "not too expensive", "not expensive", "not pricey", "nothing fancy", "not fancy",
        "not too fancy", "nothing too fancy", "don't want to spend much",
        "don't want to spend too much", "dont want to spend much", "not spend too much",
        "without breaking the bank", "won't break the bank", "not break the bank",
        "doesn't break the bank", "easy on the wallet", "cheap and cheerful", "free stuff",
        "free things", "mostly free", "keep costs down", "keep it cheap", "keep costs low",
        "low spend", "money is tight", "budget is tight", "on the cheap",
        "without spending much", "without spending too much", "watching our money",
        "watching my money", "not much money", "not a lot of money",
    ),
    "moderate": (
        "mid range", "midrange", "mid budget", "middle budget", "medium budget",
        "moderate budget", "moderately priced", "moderate prices", "moderate spending",
        "reasonable", "reasonably priced", "reasonable budget", "average budget",
        "normal budget", "standard budget", "decent budget", "mid priced", "mid price",
        "not too cheap", "comfortable budget", "mid level", "mid tier",
        # "not on a budget" lifts a tight budget without asking for luxury
        "not on a budget", "not on a tight budget", "not really on a budget",
        "not on a strict budget", "budget isn't a concern", "budget is not a concern",
    ),
    "luxury": (
        "luxury", "luxurious", "lux", "splurge", "splurging", "splash out", "high end",
        "upscale", "fancy", "posh", "money is no object", "money no object",
        "money isn't an issue", "money is not an issue", "money's no object",
        "no budget limit", "unlimited budget", "no budget constraints", "big budget",
        "large budget", "generous budget", "high budget", "sky's the limit",
        "sky is the limit", "the sky's the limit", "five star", "5 star", "premium", "lavish",
        "deluxe", "treat ourselves", "treat myself", "spare no expense", "michelin",
        "fine dining", "expensive is fine", "price is no object", "cost is no object",
        "top end", "no expense spared", "vip",
    ),
}
BUDGET_STEPS: dict[str, BudgetStep] = invert(_STEP_GROUPS)
BUDGETS: dict[str, Budget] = invert(_LEVEL_GROUPS)
STEP_TABLE = PhraseTable(BUDGET_STEPS)
# "budget: moderate", "change the budget to medium": the level word names the budget here,
# not the pace, so these phrases must be read before pace words.
for _level, _words in {
    "budget": ("cheap", "low", "tight"),
    "moderate": ("moderate", "medium", "mid range", "midrange", "normal", "average", "middle"),
    "luxury": ("luxury", "high", "luxurious", "high end", "unlimited"),
}.items():
    for _word in _words:
        for _lead in ("budget", "budget to", "budget is", "budget should be", "budget at"):
            BUDGETS.setdefault(f"{_lead} {_word}", _level)  # type: ignore[arg-type]
BUDGET_TABLE = PhraseTable(BUDGETS)

#: Budgets said as a situation rather than a level word: money no concern, a cap on the
#: top ("nothing crazy expensive"), being broke.
_SITUATIONS: tuple[tuple[re.Pattern[str], Budget], ...] = (
    (re.compile(r"\b(?:money|price|prices|cost|costs|budget|expense|expenses)(?:'s|'re| is| are)?"
                r" (?:really |honestly )?(?:no|not an?|not really an?) (?:object|issue|problem|"
                r"concern|worry|factor)\b|\b(?:money|price|prices|cost|costs|budget)"
                r"(?: really)? (?:doesn't|does not|don't|do not|won't) matter\b|"
                r"\bwhatever it costs\b|\bno matter (?:the|what it) (?:cost|price|costs)\b"),
     "luxury"),
    (re.compile(r"\b(?:nothing|not|none) (?:too |crazy |super |very |overly |that |insanely |"
                r"ridiculously |hugely |wildly )?(?:expensive|pricey|fancy|posh|costly|"
                r"extravagant)\b"), "budget"),
    (re.compile(r"\b(?:broke|skint|penniless|poor|struggling) (?:students?|grads?|"
                r"graduates?|backpackers?|travell?ers?)\b|\b(?:we're|we are|i'm|i am|were|im)"
                r" (?:pretty |totally |basically |kinda |kind of |a bit )?(?:broke|skint)\b|"
                r"\b(?:student|students) (?:trip|travel|budget|prices)\b"), "budget"),
)
#: A floor under the level ("no hostels", "not dirt cheap"): at least moderate.
_FLOOR = re.compile(
    r"\b(?:no|not|nothing like|never|rather not|avoid)(?: the| a| any)? (?:hostels?|dorms?|"
    r"dormitories|dirt cheap|the cheapest|super cheap|too basic|basic|bare bones|"
    r"backpacker (?:places|hostels|stuff))\b"
)

_BARE_BUDGET = re.compile(
    r"(?<![\w'])(?<!\d )(?<!\dk )budget(?![\w'])"
    r"(?!\s*(?:of|is|around|about|for|range|wise|:|~|\d|\$|max|limit|per))"
)
_OWNED = re.compile(r"(?:\b(?:a|my|our|the|total|your|what|whats|what's|of|this|that)\s*)$")


#: Time, not money: "spend more time at the Colosseum" is no budget step.
_SPEND_TIME = re.compile(r"\bspend (?:more|less|extra|longer) (?:time|hours?|days?)\b")


def read_budget_step(text: Text) -> tuple[BudgetStep, int] | None:
    """A relative budget change ("make it cheaper") and where it is; claims it."""
    for match in text.find(_SPEND_TIME):
        text.claim(match.start(), match.end())
    return STEP_TABLE.take_first_at(text)


#: A level ruled out, not chosen ("mid-range, not luxury").
_RULED_OUT = re.compile(r"\b(?:not|no|never|rather than|instead of)\s+$")


def read_budget(text: Text) -> tuple[Budget, int] | None:
    """An absolute budget level and where it is; the last one said wins, a level ruled
    out ("not luxury") does not count; claims all."""
    floor = text.take(_FLOOR)
    situations = [(m, level) for pattern, level in _SITUATIONS for m in text.take_all(pattern)]
    phrases = BUDGET_TABLE.take_all(text)
    found: list[tuple[int, Budget]] = [(m.start(), level) for m, level in situations]
    found += [
        (m.start(), v) for v, m in phrases if not _RULED_OUT.search(text.folded[: m.start()])
    ]
    qualified = {m.end() for _, m in phrases}
    for match in text.find(_BARE_BUDGET):
        # "mid-range budget": the bare word only repeats the level just said
        if any(0 <= match.start() - end <= 2 for end in qualified):
            continue
        if not _OWNED.search(text.folded[: match.start()]):
            text.claim(match.start(), match.end())
            found.append((match.start(), "budget"))
    if not found:
        return None if floor is None else ("moderate", floor.start())
    position, level = max(found)
    if floor is not None and level == "budget":
        return "moderate", max(position, floor.start())
    return level, position


def stepped_budget(current: Budget | None, step: BudgetStep) -> Budget:
    """The level one step from ``current`` (moderate when unknown)."""
    order: list[Budget] = ["budget", "moderate", "luxury"]
    index = order.index(current or "moderate")
    index = max(0, index - 1) if step == "cheaper" else min(2, index + 1)
    return order[index]
