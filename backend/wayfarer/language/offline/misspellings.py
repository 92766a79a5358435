"""Misspelt covered city names: the covered city a word (or a few words) misspells.

Distance 1, or 2 for names of eight letters or more ("Barcelonna", "Buenos Aries"); a
four-letter word only as a five-letter name with one letter dropped ("seul"); never a
stop word. The tables are built once; the answers for recent words are remembered.
"""

from collections.abc import Iterable, Mapping
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from wayfarer.language.offline.text import name_key

#: Words whose misspelling check is remembered (least recently used go first).
FUZZY_MEMO = 4096


def _allowed(length: int) -> int:
    """The edit distance a misspelling of ``length`` letters may have."""
    return 1 if length < 8 else 2


class Misspellings:
    """The covered city a key misspells: ``keys`` maps lookup keys (names and aliases) to
    covered names, ``covered`` lists the names; ``stop`` words are never misspellings."""

    def __init__(self, keys: Mapping[str, str], covered: Iterable[str],
                 stop: frozenset[str]) -> None:
        self._keys = dict(keys)
        self._stop = stop
        fuzzy = [k for k in self._keys if len(k) >= 5]
        longest = max((len(k) for k in fuzzy), default=0)
        # The keys within reach of a word of each length (an edit changes the length by at
        # most one), in the keys' order so that ties resolve as over all the keys.
        self._near = {n: [k for k in fuzzy if abs(len(k) - n) <= _allowed(n)]
                      for n in range(5, longest + 3)}
        # Five-letter names by each of their one-letter-short spellings, first name first.
        self._dropped: dict[str, str] = {}
        for name in covered:
            if len(name) == 5:
                for i in range(5):
                    self._dropped.setdefault(name_key(name[:i] + name[i + 1:]), name)
        self.of = lru_cache(maxsize=FUZZY_MEMO)(self._misspelt)

    def _misspelt(self, key: str) -> str | None:
        """The covered city ``key`` misspells, if any; called through ``self.of``, its
        memo."""
        if key in self._stop:
            return None
        if len(key) == 4 and key.isalpha():
            return self._dropped.get(key)
        choices = self._near.get(len(key))
        if not choices:
            return None
        found = process.extractOne(
            key, choices, scorer=OSA.distance, score_cutoff=_allowed(len(key))
        )
        return self._keys[found[0]] if found else None
