"""A bounded memo of the planner's answers: the same question asked again is answered
without planning again (issue 14: a plan costs about 5 ms of CPU, a turn's budget).

Planning and editing are pure functions of their inputs, so a result can be reused for an
equal question; the planner builds the key (the inputs as JSON) and decides what may be
kept (:class:`~wayfarer.planner.service.CatalogPlanner` keeps only results over the
bundled catalog, which never changes). A result is kept as its JSON and decoded afresh on
every hit: callers get a model of their own to change (pydantic models are mutable), and
decoding costs about 3% of planning. The least recently used entry goes first.
"""

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

#: Entries kept per memo (a plan's JSON is about 10 KB).
DEFAULT_SIZE = 256


class ResultMemo(Generic[M]):
    """At most ``size`` results of type ``model`` by key (``size`` 0 keeps none);
    thread-safe."""

    def __init__(self, model: type[M], size: int = DEFAULT_SIZE) -> None:
        self._model = model
        self._size = size
        self._entries: OrderedDict[Hashable, str] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        """False when the memo keeps nothing (then keys need not be built)."""
        return self._size > 0

    def get(self, key: Hashable) -> M | None:
        """A fresh copy of the result kept under ``key``, or None."""
        with self._lock:
            raw = self._entries.get(key)
            if raw is None:
                return None
            self._entries.move_to_end(key)
        return self._model.model_validate_json(raw)

    def put(self, key: Hashable, result: M) -> None:
        """Keep ``result`` under ``key`` (as JSON, so later changes to it do not leak)."""
        if not self.enabled:
            return
        raw = result.model_dump_json()
        with self._lock:
            self._entries[key] = raw
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)
