"""Numbers as people write them: digits, words ("twenty one"), ordinals ("3rd", "third").

:data:`NUMBER` and :data:`ORDINAL` are regular-expression fragments (no groups) for the
other readers to embed; :func:`to_int` and :func:`ordinal_to_int` read what they matched.
"""

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
#: Small numbers in Spanish, French and German ("cinco dias", "trois jours", "drei Tage"),
#: folded (no accents); "sept", "six" and "un"/"ein" stay out (a month, English, a word).
FOREIGN_UNITS = {
    "una": 1, "une": 1, "eine": 1, "dos": 2, "deux": 2, "zwei": 2, "tres": 3, "trois": 3,
    "drei": 3, "cuatro": 4, "quatre": 4, "vier": 4, "cinco": 5, "cinq": 5, "funf": 5,
    "fuenf": 5, "seis": 6, "sechs": 6, "siete": 7, "sieben": 7, "ocho": 8, "huit": 8,
    "acht": 8, "diez": 10, "dix": 10, "zehn": 10,
}
UNITS.update(FOREIGN_UNITS)
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14,
}

_UNIT_ALT = "|".join(sorted(UNITS, key=len, reverse=True))
_TENS_ALT = "|".join(TENS)
#: A cardinal number in digits or words ("4", "four", "twenty-one", "a dozen").
NUMBER = rf"(?:\d+|(?:{_TENS_ALT})(?:[- ](?:{_UNIT_ALT}))?|{_UNIT_ALT}|a dozen|dozen)"
#: An ordinal ("3rd", "third").
ORDINAL = r"(?:\d+(?:st|nd|rd|th)|" + "|".join(ORDINALS) + ")"

_NUMBER_RE = re.compile(rf"^{NUMBER}$")


def to_int(text: str) -> int | None:
    """The value of a cardinal written in digits or words; None when it is not one."""
    text = text.strip().lower()
    if not text or not _NUMBER_RE.match(text):
        return None
    if text.isdigit():
        return int(text)
    if text in ("a dozen", "dozen"):
        return 12
    if text in UNITS:
        return UNITS[text]
    head, _, tail = text.replace("-", " ").partition(" ")
    return TENS[head] + (UNITS[tail] if tail else 0)


def ordinal_to_int(text: str) -> int | None:
    """The value of an ordinal ("2nd", "second"), or of a cardinal; None otherwise."""
    text = text.strip().lower()
    if text in ORDINALS:
        return ORDINALS[text]
    digits = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", text)
    if digits:
        return int(digits.group(1))
    return to_int(text)
