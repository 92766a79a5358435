"""Budget amounts with their currency: "$2000", "1500 euros", "£800", "300000 yen", "2k".

An amount is only read when something marks it as money: a currency sign, code or word,
a "k"/"grand" suffix, or a budget cue ("budget of 2000"). Amounts in words count with a
currency word or a "thousand"/"grand" ("two thousand euros", "twelve hundred dollars", "a
hundred quid", "three grand"). "2k" = 2000; "1.500", "1,500"
and "1 500" are fifteen hundred; "1.5k" is 1500; "R20 000" is South African rand. The
currency is an ISO 4217 code, or None when the message gave none.

A price said about a thing is not the trip budget and is skipped (claimed, so no other
reader takes its number): "the Louvre is 22 euros", "tickets are like 170 dirhams",
"the colosseum costs 18 euros", "2500 yen for a view", "(200 baht well spent)" -- unless
the clause speaks of a budget or spending ("our budget is 2000 euros"). The thing priced
is claimed too ("the museum ticket is 500 pounds" wishes for no museum).
"""

import re
from dataclasses import dataclass

from wayfarer.language.offline.numbers import FOREIGN_UNITS, TENS, UNITS
from wayfarer.language.offline.text import Text

#: Currency signs and prefixes written before (or after) the amount.
SIGNS = {
    "us$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "hk$": "HKD",
    "s$": "SGD", "nz$": "NZD", "nt$": "TWD", "r$": "BRL", "mx$": "MXN", "$": "USD", "\u20ac": "EUR",
    "\u00a3": "GBP", "\u00a5": "JPY", "\u20b9": "INR", "\u20a9": "KRW", "\u0e3f": "THB",
    "\u20ba": "TRY",
}
CODES = (
    "usd", "eur", "gbp", "jpy", "inr", "krw", "thb", "aud", "cad", "hkd", "sgd", "nzd",
    "brl", "mxn", "chf", "aed", "czk", "egp", "zar", "mad", "cny", "rmb", "sek", "nok",
    "dkk", "huf", "pln", "ars", "idr", "myr", "vnd", "php", "twd", "ntd", "isk", "clp", "cop",
)
#: Currency words written after the amount (longest first when matching).
WORDS = {
    "us dollars": "USD", "american dollars": "USD", "australian dollars": "AUD",
    "aussie dollars": "AUD", "canadian dollars": "CAD", "hong kong dollars": "HKD",
    "singapore dollars": "SGD", "new zealand dollars": "NZD", "nz dollars": "NZD",
    "dollars": "USD", "dollar": "USD", "bucks": "USD", "euros": "EUR", "euro": "EUR",
    "pounds sterling": "GBP", "pounds": "GBP", "pound": "GBP", "quid": "GBP",
    "british pounds": "GBP", "egyptian pounds": "EGP", "yen": "JPY", "japanese yen": "JPY",
    "rupees": "INR", "rupee": "INR", "indian rupees": "INR", "rs": "INR", "baht": "THB",
    "thai baht": "THB", "won": "KRW", "korean won": "KRW", "dirhams": "AED", "dirham": "AED",
    "moroccan dirhams": "MAD", "moroccan dirham": "MAD", "pesos": "MXN", "mexican pesos": "MXN",
    "argentine pesos": "ARS", "argentinian pesos": "ARS", "reais": "BRL", "reals": "BRL",
    "swiss francs": "CHF", "francs": "CHF", "rand": "ZAR", "lira": "TRY", "turkish lira": "TRY",
    "yuan": "CNY", "renminbi": "CNY", "crowns": "CZK", "czech crowns": "CZK", "koruna": "CZK",
    "korun": "CZK", "kc": "CZK", "kronor": "SEK", "krona": "SEK", "kroner": "DKK",
    "krone": "DKK", "kronur": "ISK", "forint": "HUF", "forints": "HUF", "ringgit": "MYR",
    "dong": "VND", "zloty": "PLN", "soles": "PEN",
}
#: A currency word several countries share, read as the trip country's own: the code a
#: word gives -> {country code: that country's currency} ("pesos" in Buenos Aires).
SHARED_WORDS = {
    "MXN": {"AR": "ARS", "CO": "COP", "CL": "CLP", "PH": "PHP", "UY": "UYU"},
    "AED": {"MA": "MAD"}, "GBP": {"EG": "EGP"}, "INR": {"LK": "LKR", "PK": "PKR", "NP": "NPR"},
    "CZK": {"SE": "SEK", "DK": "DKK", "NO": "NOK", "IS": "ISK"}, "SEK": {"IS": "ISK"},
    "DKK": {"NO": "NOK"},
}

_AMOUNT = (
    r"(?P<amount>\d{1,3}(?:[,.]\d{3})+(?!\d)|\d{1,3}(?: \d{3})+(?![\d.,])|\d+(?:[.,]\d+)?)"
)
_SCALE = r"(?:\s*(?P<scale>k|thousand|grand|m|mil|million)\b)?"
_SIGN_ALT = "|".join(re.escape(s) for s in sorted(SIGNS, key=len, reverse=True))
_CODE_ALT = "|".join(CODES)
_WORD_ALT = "|".join(re.escape(w) for w in sorted(WORDS, key=len, reverse=True))

_SIGN_BEFORE = re.compile(rf"(?P<cur>{_SIGN_ALT})\s?{_AMOUNT}{_SCALE}")
_CODE_BEFORE = re.compile(rf"\b(?P<cur>{_CODE_ALT})\s?{_AMOUNT}{_SCALE}")
#: "R20 000" / "R 1500": rand, only as a standalone "R" right before digits.
_RAND_BEFORE = re.compile(
    rf"(?<![\w$.,])r\s?{_AMOUNT}{_SCALE}(?![a-z\d])(?!\s*(?:days?|nights?|weeks?))"
)
_AFTER = re.compile(
    rf"(?<![\w.,]){_AMOUNT}{_SCALE}\s*(?P<cur>{_SIGN_ALT}|(?:{_CODE_ALT}|{_WORD_ALT})\b)"
)
_SCALED = re.compile(rf"(?<![\w.,$]){_AMOUNT}\s*(?P<scale>k|grand)\b")
_CUED = re.compile(
    rf"\b(?:budget|spend|spending|max(?:imum)?|under|below|up to|around|about)"
    rf"(?:\s+(?:is|of|around|about|roughly|approximately|max|maximum|total|:|~))*\s*"
    rf"(?<![\d.,]){_AMOUNT}{_SCALE}(?!\s*(?:days?|nights?|weeks?|people|persons|of us|adults))"
)
_NUMBER_WORDS = sorted((*(w for w in UNITS if w not in FOREIGN_UNITS), *TENS), key=len,
                       reverse=True)
_WORD = rf"(?:{'|'.join(_NUMBER_WORDS)}|hundred|thousand|grand)"
#: An amount in English words: "two thousand", "twelve hundred", "a hundred and fifty".
_IN_WORDS = rf"(?P<words>(?:an?|{_WORD})(?:[\s-]+(?:and[\s-]+)?{_WORD})*)"
_WORDS_WITH_CURRENCY = re.compile(
    rf"(?<![\w']){_IN_WORDS}\s+(?P<cur>(?:{_CODE_ALT}|{_WORD_ALT})\b)")
_WORDS_SCALED = re.compile(rf"(?<![\w']){_IN_WORDS}(?:(?<=thousand)|(?<=grand))\b")
#: A bare number after a budget cue counts as money only from this value ("about 5" is not).
MIN_CUED_AMOUNT = 50


@dataclass(frozen=True)
class Money:
    """An amount of money and its ISO 4217 currency (None when not said)."""

    amount: float
    currency: str | None
    #: The currency came from a word several countries share ("dirhams", "pesos").
    shared: bool = False

    def in_country(self, country_code: str | None) -> str | None:
        """The currency, as the trip country's own when the word is shared by both."""
        if not self.shared or self.currency is None or not country_code:
            return self.currency
        return SHARED_WORDS.get(self.currency, {}).get(country_code, self.currency)


def parse_amount(text: str, scale: str | None) -> float:
    """The number in ``text`` ("1,500", "1.500", "1.5") times its ``scale`` word."""
    if re.fullmatch(r"\d{1,3}(?:[,. ]\d{3})+", text):
        value = float(re.sub(r"[,. ]", "", text))
    else:
        value = float(text.replace(",", "."))
    multiplier = {"k": 1e3, "thousand": 1e3, "grand": 1e3, "m": 1e6, "mil": 1e6, "million": 1e6}
    return value * multiplier.get(scale or "", 1.0)


def words_value(words: str) -> int:
    """The value of an amount in English words ("twelve hundred" = 1200, "a grand" = 1000)."""
    total = current = 0
    for word in re.split(r"[\s-]+", words):
        if word in ("a", "an"):
            current = current or 1
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in ("thousand", "grand"):
            total += (current or 1) * 1000
            current = 0
        elif word != "and":
            current += UNITS.get(word) or TENS.get(word, 0)
    return total + current


def currency_of(written: str) -> str:
    """The ISO code for a sign, code or word as matched."""
    key = written.strip()
    if key in SIGNS:
        return SIGNS[key]
    if key in WORDS:
        return WORDS[key]
    return {"rmb": "CNY", "ntd": "TWD"}.get(key) or key.upper()


#: The clause before an amount says it is the price of something ("entry is like").
_PRICE_OF = re.compile(
    r"\b(?:is|are|was|were|costs?|costing|entry|tickets?|admission|charges?)"
    r"(?:\s+(?:like|about|around|only|just|roughly|maybe|probably|already|really|actually|"
    r"still|even|now))*\s*$"
)
#: What follows an amount says it is the price of something ("for a view", "well spent").
_PRICE_FOR = re.compile(
    r"^\s*(?:well spent|each|a (?:ticket|pop|head|piece)|per (?:ticket|entry|drink|coffee)|"
    r"for (?:an?|the|one) (?!(?:day|days|week|weeks|night|nights|weekend|trip|whole|"
    r"entire|person|couple|family|total|two|three|four|five)\b)[a-z]+)"
)
_BUDGET_TALK = re.compile(r"\b(?:budget|spend|spending|total|afford|have|got|max|under)\b")
#: A question about a thing's price ("is the vatican really 25 euros?").
_PRICE_QUESTION = re.compile(r"^\s*(?:is|are|was|were|does|do|did)\s+[a-z]")
_BUDGET_AFTER = re.compile(
    r"^\s*(?:max|maximum|tops|total|in total|all in|a day|per day|a night|per night|"
    r"per person|pp|a head|for everything)\b"
)
_CLAUSE_EDGE = re.compile(r"[.,;!?()\n]|\s-\s|\b(?:and|but|so)\b")


def _clause_start(text: Text, match: re.Match[str]) -> int:
    """Where the clause holding the amount ``match`` starts."""
    edges = list(_CLAUSE_EDGE.finditer(text.folded[: match.start()]))
    return edges[-1].end() if edges else 0


def _price_aside(text: Text, match: re.Match[str]) -> bool:
    """True when the amount ``match`` is said about a thing, not about the trip."""
    clause = text.folded[_clause_start(text, match) : match.start()]
    if _BUDGET_TALK.search(clause) or _BUDGET_AFTER.match(text.folded[match.end() :]):
        return False
    return bool(_PRICE_OF.search(clause) or _PRICE_QUESTION.match(clause)
                or _PRICE_FOR.match(text.folded[match.end() :]))


def _claim_priced_thing(text: Text, match: re.Match[str]) -> None:
    """Claim the thing a price aside is about, so it is not read as a wish: "for a view"
    after the amount, or the clause before it ("the museum ticket is")."""
    after = _PRICE_FOR.match(text.folded[match.end() :])
    if after is not None:
        text.claim(match.end(), match.end() + after.end())
    else:
        text.claim(_clause_start(text, match), match.start())


def read_money(text: Text) -> Money | None:
    """The first amount of money in the message that is not a price aside, claimed; None
    when there is none."""
    for pattern in (_SIGN_BEFORE, _CODE_BEFORE, _AFTER):
        for match in text.find(pattern):
            text.claim(match.start(), match.end())
            if _price_aside(text, match):
                _claim_priced_thing(text, match)
                continue
            amount = parse_amount(match["amount"], match["scale"])
            return Money(amount, currency_of(match["cur"]), match["cur"].strip() in WORDS)
    for pattern in (_WORDS_WITH_CURRENCY, _WORDS_SCALED):
        for match in text.find(pattern):
            value = words_value(match["words"])
            if value < MIN_CUED_AMOUNT:
                continue
            text.claim(match.start(), match.end())
            written = (match.groupdict().get("cur") or "").strip()
            if not _price_aside(text, match):
                return Money(float(value), currency_of(written) if written else None,
                             written in WORDS)
            _claim_priced_thing(text, match)
    rand = text.take(_RAND_BEFORE)
    if rand is not None:
        return Money(parse_amount(rand["amount"], rand["scale"]), "ZAR")
    scaled = text.take(_SCALED)
    if scaled is not None:
        return Money(parse_amount(scaled["amount"], scaled["scale"]), None)
    for match in text.find(_CUED):
        amount = parse_amount(match["amount"], match["scale"])
        if amount >= MIN_CUED_AMOUNT:
            text.claim(match.start(), match.end())
            return Money(amount, None)
    return None
