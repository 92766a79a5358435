"""A per-client sliding-window limit on conversation turns (429 ``rate_limited``).

In-process by design: it protects one replica from a runaway client; fair limits across
replicas belong to the load balancer. Memory is bounded by evicting the least recently
seen clients.
"""

import math
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from wayfarer.errors import RateLimited

WINDOW_SECONDS = 60.0
MAX_CLIENTS = 10_000


class RateLimiter:
    """Allows ``per_minute`` hits per client key in any 60 s window (0 = unlimited)."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self._limit = per_minute
        self._clock = clock
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()

    def hit(self, key: str) -> None:
        """Record one hit for ``key``; raises RateLimited past the limit."""
        if self._limit <= 0:
            return
        now = self._clock()
        hits = self._hits.pop(key, None) or deque()
        while hits and hits[0] <= now - WINDOW_SECONDS:
            hits.popleft()
        self._hits[key] = hits
        if len(self._hits) > MAX_CLIENTS:
            self._hits.popitem(last=False)
        if len(hits) >= self._limit:
            wait = max(1, math.ceil(hits[0] + WINDOW_SECONDS - now))
            raise RateLimited(
                "Too many messages; please wait a moment and try again.", retry_after=wait
            )
        hits.append(now)
