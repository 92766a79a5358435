"""A message prepared for rule matching: folded text, word tokens and claimed spans.

Every extractor matches regular expressions against :attr:`Text.folded` (lower case,
accents stripped, typographic quotes and dashes made plain) and *claims* the span it used,
so a later extractor never reads the same words twice ("swap day 1 and 2" is claimed by the
day swap before the number or city readers look at it). :meth:`Text.is_capitalised` looks
back at the original spelling, which city recognition needs.
"""

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

_CHAR_MAP = {
    "\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"',
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    "&": " and ", "\u00df": "ss", "\u00e6": "ae", "\u0153": "oe", "\u00f8": "o", "\u0142": "l",
}
# Currency signs survive folding untouched (NFKD would not change them, but keep it explicit).
_KEEP = frozenset("$\u20ac\u00a3\u00a5\u20b9\u20a9\u0e3f\u20ba")

WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
#: Messages whose folding is remembered (a message is folded several times per reading).
FOLD_MEMO = 64
#: Names whose lookup key is remembered (least recently used go first).
NAME_MEMO = 4096
#: ASCII characters :func:`fold_char` changes other than by lower-casing.
_ASCII_MAPPED = frozenset(c for c in _CHAR_MAP if c.isascii())


@cache
def fold_char(char: str) -> str:
    """One character lower-cased, without accents, with quotes and dashes made plain
    (memoised: a pure function of one character)."""
    if char in _KEEP:
        return char
    mapped = _CHAR_MAP.get(char)
    if mapped is not None:
        return mapped
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base.lower()


_TRANSLATION = str.maketrans(_CHAR_MAP)


def fold(text: str) -> str:
    """``text`` folded as :class:`Text` folds it (for building lookup keys)."""
    text = text.translate(_TRANSLATION)
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return text.lower()


@lru_cache(maxsize=NAME_MEMO)
def name_key(text: str) -> str:
    """A lookup key for place names: folded, punctuation to spaces, single-spaced
    (memoised: the planned places' names are keyed many times per reading)."""
    return " ".join(WORD_RE.findall(fold(text).replace("-", " ").replace(".", " ")))


@dataclass(frozen=True)
class Token:
    """A word of the folded text with its span; ``index`` is its position among tokens."""

    index: int
    start: int
    end: int
    text: str


@lru_cache(maxsize=FOLD_MEMO)
def _folded(raw: str) -> tuple[str, tuple[int, ...], tuple[Token, ...]]:
    """``raw`` folded, each folded character's position in ``raw``, and the folded words
    (memoised: a pure function of the message, read several times per interpretation)."""
    if raw.isascii() and _ASCII_MAPPED.isdisjoint(raw):
        text = raw.lower()
        origin: tuple[int, ...] = tuple(range(len(raw)))
    else:
        parts: list[str] = []
        positions: list[int] = []
        for position, char in enumerate(raw):
            folded = fold_char(char)
            parts.append(folded)
            positions.extend([position] * len(folded))
        text, origin = "".join(parts), tuple(positions)
    tokens = tuple(
        Token(i, m.start(), m.end(), m.group()) for i, m in enumerate(WORD_RE.finditer(text))
    )
    return text, origin, tokens


@dataclass
class Text:
    """A message ready for extraction. Build it with :meth:`of`."""

    raw: str
    folded: str
    origin: tuple[int, ...]
    tokens: tuple[Token, ...]
    claimed: list[bool] = field(default_factory=list)

    @classmethod
    def of(cls, raw: str) -> "Text":
        """Fold ``raw`` keeping a map from each folded character back to the original."""
        folded, origin, tokens = _folded(raw)
        return cls(raw, folded, origin, tokens, [False] * len(folded))

    def is_free(self, start: int, end: int) -> bool:
        """True when no character of ``[start, end)`` has been claimed."""
        return not any(self.claimed[start:end])

    def claim(self, start: int, end: int) -> None:
        """Mark ``[start, end)`` as used by an extractor."""
        for i in range(start, min(end, len(self.claimed))):
            self.claimed[i] = True

    def find(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """Matches of ``pattern`` that touch no claimed character, left to right."""
        for match in pattern.finditer(self.folded):
            if match.end() > match.start() and self.is_free(match.start(), match.end()):
                yield match

    # take and take_all run :meth:`find`'s loop inline: they run some 70 times a reading.

    def take(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """The first free match of ``pattern``, claimed; None when there is none."""
        claimed = self.claimed
        for match in pattern.finditer(self.folded):
            start, end = match.span()
            if end > start and True not in claimed[start:end]:
                self.claim(start, end)
                return match
        return None

    def take_all(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        """Every free, non-overlapping match of ``pattern``, each claimed."""
        taken = []
        claimed = self.claimed
        for match in pattern.finditer(self.folded):
            start, end = match.span()
            if end > start and True not in claimed[start:end]:
                self.claim(start, end)
                taken.append(match)
        return taken

    def free_tokens(self) -> list[Token]:
        """Tokens no extractor has claimed."""
        return [t for t in self.tokens if self.is_free(t.start, t.end)]

    def original(self, start: int, end: int) -> str:
        """The original spelling of the folded span ``[start, end)``."""
        if start >= end or start >= len(self.origin):
            return ""
        first = self.origin[start]
        last = self.origin[min(end, len(self.origin)) - 1]
        return self.raw[first : last + 1]

    def is_capitalised(self, token: Token) -> bool:
        """True when the token was written with an upper-case first letter."""
        return self.raw[self.origin[token.start]].isupper()

    def starts_sentence(self, token: Token) -> bool:
        """True for the first word of the message or of a sentence."""
        before = self.folded[: token.start].rstrip()
        return not before or before[-1] in ".!?\n:;-\"("
