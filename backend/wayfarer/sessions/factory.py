"""Picks the session store from settings: the one place that knows both backends."""

from wayfarer.config import Settings
from wayfarer.observability import Metrics
from wayfarer.sessions.base import SessionStore
from wayfarer.sessions.memory import MemorySessionStore
from wayfarer.sessions.redis import RedisSessionStore


def build_store(settings: Settings, metrics: Metrics) -> SessionStore:
    """The store ``WAYFARER_SESSION_BACKEND`` names, configured from ``settings``.

    Nothing is connected yet: call ``ping()`` to check a Redis store is reachable.
    """
    if settings.session_backend == "redis":
        return RedisSessionStore.from_url(
            settings.redis_url,
            ttl_seconds=settings.session_ttl_seconds,
            turn_wait_seconds=settings.turn_wait_seconds,
            turn_lease_seconds=settings.turn_lease_seconds,
            key_prefix=settings.redis_key_prefix,
            metrics=metrics,
        )
    store = MemorySessionStore(
        ttl_seconds=settings.session_ttl_seconds,
        max_sessions=settings.max_sessions,
        turn_wait_seconds=settings.turn_wait_seconds,
        metrics=metrics,
        snapshot_path=settings.memory_snapshot_path,
    )
    store.restore()  # the sessions saved by the last shutdown, if a snapshot is configured
    return store
