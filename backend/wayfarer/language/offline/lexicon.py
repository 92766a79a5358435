"""Phrase tables: map fixed phrases (with light variation) to values, longest match first."""

import re
from collections.abc import Iterable, Mapping
from typing import Generic, TypeVar

from wayfarer.language.offline.text import Text

V = TypeVar("V")


def words(block: str) -> frozenset[str]:
    """The whitespace-separated words of a text block, as a set."""
    return frozenset(block.split())


def invert(groups: Mapping[V, Iterable[str]]) -> dict[str, V]:
    """``{value: phrases}`` turned into ``{phrase: value}``."""
    return {phrase: value for value, phrases in groups.items() for phrase in phrases}


def phrase_regex(phrases: Iterable[str]) -> str:
    """An alternation of ``phrases`` (longest first) between word boundaries.

    A space in a phrase matches any run of spaces, hyphens or colons ("laid back" =
    "laid-back", "budget moderate" = "budget: moderate").
    """
    ordered = sorted(set(phrases), key=len, reverse=True)
    parts = [re.escape(p).replace(r"\ ", r"[\s:-]+") for p in ordered]
    return r"(?<![\w'])(?:" + "|".join(parts) + r")(?![\w'])"


class PhraseTable(Generic[V]):
    """Phrases mapped to values; :meth:`take_all` claims every occurrence in a text."""

    def __init__(self, table: Mapping[str, V]) -> None:
        self._values = {self._key(k): v for k, v in table.items()}
        self.pattern = re.compile(phrase_regex(table))

    @staticmethod
    def _key(phrase: str) -> str:
        return re.sub(r"[\s:-]+", " ", phrase)

    def value(self, matched: str) -> V:
        """The value of a phrase as matched in the text."""
        return self._values[self._key(matched)]

    def take_all(self, text: Text) -> list[tuple[V, re.Match[str]]]:
        """Every free occurrence, left to right, each claimed."""
        return [(self.value(m.group()), m) for m in text.take_all(self.pattern)]

    def take_first_at(self, text: Text) -> tuple[V, int] | None:
        """The first free occurrence's value and position (claimed), or None."""
        match = text.take(self.pattern)
        return None if match is None else (self.value(match.group()), match.start())

    def take_first(self, text: Text) -> V | None:
        """The first free occurrence's value (claimed); None when there is none."""
        match = text.take(self.pattern)
        return None if match is None else self.value(match.group())
