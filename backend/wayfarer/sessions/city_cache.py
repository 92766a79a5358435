"""Model-proposed city catalogs cached in the session stores, beside the sessions.

When a language model proposes places for a city the bundled catalog lacks, the accepted
set is kept here (one opaque JSON document per city slug) for
``WAYFARER_MODEL_CITY_TTL_SECONDS``, so the next traveller to that city makes no model
call. The store only keeps bytes; what they mean is the caller's
(:mod:`wayfarer.conversation.model_cities`). An entry is never refreshed by reading it:
it expires that long after it was proposed, so a proposal is re-asked at most once per
period.

Each backend gets its part as a small mixin, as share links do: :class:`MemoryCityCache`
(a dict on the store's monotonic clock; a memory store's entries live as long as its
process) and :class:`RedisCityCache` (one string key per city,
``<prefix>model-city:<slug>``, expiring natively, so every process sharing the Redis
reuses it).
"""

import re
from collections.abc import Callable

from wayfarer.sessions.shares import ExpiringValues, drop_expired, unexpired

#: Slugs the cache accepts: lower-case words joined by ``-`` (anything else is unknown).
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
#: The memory cache keeps at most this many cities (the oldest proposal is dropped).
MAX_MEMORY_CITIES = 256


def is_city_slug(value: str) -> bool:
    """True when ``value`` can name a cached city (at most 80 characters)."""
    return len(value) <= 80 and _SLUG.fullmatch(value) is not None


class MemoryCityCache:
    """City cache of :class:`~wayfarer.sessions.MemorySessionStore`."""

    _clock: Callable[[], float]
    _model_cities: dict[str, tuple[bytes, float]]

    async def put_model_city(self, slug: str, document: bytes, ttl_seconds: float) -> None:
        """Keep ``document`` for city ``slug`` for ``ttl_seconds``."""
        if not is_city_slug(slug):
            return
        now = self._clock()
        drop_expired(self._model_cities, now)
        self._model_cities.pop(slug, None)
        while len(self._model_cities) >= MAX_MEMORY_CITIES:
            del self._model_cities[next(iter(self._model_cities))]
        self._model_cities[slug] = (document, now + ttl_seconds)

    async def model_city(self, slug: str) -> bytes | None:
        """The document kept for city ``slug``, or None (never stored or expired)."""
        return unexpired(self._model_cities, slug, self._clock())


class RedisCityCache(ExpiringValues):
    """City cache of :class:`~wayfarer.sessions.RedisSessionStore` (native expiry)."""

    async def put_model_city(self, slug: str, document: bytes, ttl_seconds: float) -> None:
        """Keep ``document`` for city ``slug`` for ``ttl_seconds``."""
        if is_city_slug(slug):
            await self._put_value(
                "put_model_city", self._model_city_key(slug), document, ttl_seconds
            )

    async def model_city(self, slug: str) -> bytes | None:
        """The document kept for city ``slug``, or None (never stored or expired)."""
        if not is_city_slug(slug):
            return None
        return await self._value("model_city", self._model_city_key(slug))

    def _model_city_key(self, slug: str) -> str:
        return f"{self._keys.prefix}model-city:{slug}"
