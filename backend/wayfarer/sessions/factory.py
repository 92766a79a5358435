"""Picks the session store from settings: the one place that knows both backends."""

from wayfarer.config import Settings, redacted_url
from wayfarer.errors import ConfigError, StoreUnavailable
from wayfarer.observability import Metrics
from wayfarer.sessions.base import SessionStore
from wayfarer.sessions.memory import MemorySessionStore
from wayfarer.sessions.redis import RedisSessionStore
from wayfarer.sessions.redis_client import ClientOptions


def build_store(settings: Settings, metrics: Metrics) -> SessionStore:
    """The store ``WAYFARER_SESSION_BACKEND`` names, configured from ``settings``.

    Nothing is connected yet: :func:`open_store` also checks it.
    """
    if settings.session_backend == "redis":
        return RedisSessionStore.from_url(
            settings.redis_url,
            ClientOptions(
                pool_size=settings.redis_pool_size,
                pool_timeout=settings.redis_pool_timeout_seconds,
                socket_timeout=settings.redis_socket_timeout_seconds,
            ),
            ttl_seconds=settings.session_ttl_seconds,
            turn_wait_seconds=settings.turn_wait_seconds,
            turn_lease_seconds=settings.turn_lease_seconds,
            key_prefix=settings.redis_key_prefix,
            metrics=metrics,
            ping_timeout=settings.ready_timeout_seconds,
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


async def open_store(settings: Settings, metrics: Metrics) -> SessionStore:
    """:func:`build_store`, checked before serving: Redis must answer, and a Redis Cluster
    node needs a cluster URL. Raises ConfigError (one line naming WAYFARER_REDIS_URL)."""
    store = build_store(settings, metrics)
    try:
        if isinstance(store, RedisSessionStore):
            await store.check()
        else:
            await store.ping()
    except StoreUnavailable as exc:
        await store.close()
        reason = exc.__cause__ or exc
        raise ConfigError(
            f"invalid configuration: WAYFARER_REDIS_URL: cannot reach Redis at "
            f"{redacted_url(settings.redis_url)} ({type(reason).__name__}: {exc.cause})"
        ) from None
    except ConfigError:
        await store.close()
        raise
    return store
