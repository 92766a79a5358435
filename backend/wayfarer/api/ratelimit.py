"""Per-client sliding-window limits (429 ``rate_limited`` with ``Retry-After``), one
window per kind of request: session creation, session reads (read, delete, export) and
conversation turns, each with its own rate (docs/operations.md).

The client is the connection's address as uvicorn reports it: the peer itself, or the
``X-Forwarded-For`` address only when the peer is in ``WAYFARER_TRUSTED_PROXIES``. IPv6
clients are counted per /64, the block one subscriber usually holds.

In-process by design: it protects one replica from a runaway client; fair limits across
replicas belong to the load balancer. Memory is bounded by evicting the least recently
seen clients.
"""

import math
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass
from ipaddress import IPv6Address, IPv6Network, ip_address

from wayfarer.config import Settings
from wayfarer.errors import RateLimited

WINDOW_SECONDS = 60.0
MAX_CLIENTS = 10_000


def client_key(host: str | None) -> str:
    """The rate-limit key for a client address: the address, or its /64 for IPv6."""
    if not host:
        return "unknown"
    try:
        address = ip_address(host)
    except ValueError:
        return host
    if not isinstance(address, IPv6Address):
        return str(address)
    if address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(IPv6Network((address, 64), strict=False))


class RateLimiter:
    """Allows ``per_minute`` hits per client key in any 60 s window (0 = unlimited)."""

    def __init__(
        self,
        per_minute: int,
        clock: Callable[[], float] = time.monotonic,
        what: str = "messages",
    ) -> None:
        self._limit = per_minute
        self._clock = clock
        self._what = what
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
                f"Too many {self._what}; please wait a moment and try again.", retry_after=wait
            )
        hits.append(now)


@dataclass
class RateLimits:
    """One limiter per kind of request, rates from settings."""

    create: RateLimiter
    read: RateLimiter
    messages: RateLimiter

    @classmethod
    def from_settings(cls, settings: Settings) -> "RateLimits":
        """Limits at ``WAYFARER_RATE_LIMIT_{CREATE,READ,}_PER_MINUTE``."""
        return cls(
            create=RateLimiter(settings.rate_limit_create_per_minute, what="new sessions"),
            read=RateLimiter(settings.rate_limit_read_per_minute, what="requests"),
            messages=RateLimiter(settings.rate_limit_per_minute, what="messages"),
        )
