"""A bounded memo for pure functions whose arguments lru_cache cannot key on.

:class:`Memo` remembers at most ``size`` results, dropping the oldest first. It serves the
readers' per-message work (a message is read several times: for legs, for the
destination, for the acts), keyed on the message text and plain values, so a hostile
client's arbitrary text costs bounded memory and no session's data is kept beyond it.
"""

from collections.abc import Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(Generic[K, V]):
    """Results of a pure computation by key; at most ``size`` kept, oldest dropped first."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._results: dict[K, V] = {}

    def get(self, key: K, default: V) -> V:
        """The result remembered for ``key``, else ``default``."""
        return self._results.get(key, default)

    def put(self, key: K, result: V) -> None:
        """Remember ``result`` for ``key`` (dropping the oldest result when full)."""
        if len(self._results) >= self._size:
            self._results.pop(next(iter(self._results)), None)
        self._results[key] = result

    def cache_clear(self) -> None:
        """Forget every result (as ``functools.lru_cache`` spells it)."""
        self._results.clear()
