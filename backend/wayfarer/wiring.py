"""The composition root: builds every long-lived service from settings, and closes them.

The API lifespan and the CLI both use :func:`build_services`, so the terminal chat runs on
exactly the components the web service runs on. Only this module picks implementations.
"""

from dataclasses import dataclass

from wayfarer.config import Settings
from wayfarer.errors import ConfigError, StoreUnavailable
from wayfarer.observability import Metrics
from wayfarer.planner import CatalogPlanner, Planner, load_catalog
from wayfarer.sessions import PurgeScheduler, SessionStore, build_store
from wayfarer.sessions.redis import redacted_url


@dataclass
class Services:
    """Everything a request or a CLI command needs; owned by whoever built it."""

    settings: Settings
    metrics: Metrics
    store: SessionStore
    purge_scheduler: PurgeScheduler
    planner: Planner

    async def close(self) -> None:
        """Stop background jobs and release connections (idempotent)."""
        await self.purge_scheduler.shutdown()
        await self.store.close()


async def build_services(settings: Settings, metrics: Metrics | None = None) -> Services:
    """Build and start every service for ``settings``; raises WayfarerError on a bad set-up."""
    metrics = metrics or Metrics()
    planner = CatalogPlanner(load_catalog())  # CatalogError stops start-up
    store = await _open_store(settings, metrics)
    purge_scheduler = PurgeScheduler(store, metrics, settings.purge_interval_seconds)
    purge_scheduler.start()
    return Services(
        settings=settings, metrics=metrics, store=store, purge_scheduler=purge_scheduler,
        planner=planner,
    )


async def _open_store(settings: Settings, metrics: Metrics) -> SessionStore:
    """The configured session store, checked reachable (Redis: PING) before serving."""
    store = build_store(settings, metrics)
    try:
        await store.ping()
    except StoreUnavailable as exc:
        await store.close()
        reason = exc.__cause__ or exc
        raise ConfigError(
            f"invalid configuration: WAYFARER_REDIS_URL: cannot reach Redis at "
            f"{redacted_url(settings.redis_url)} ({reason})"
        ) from None
    return store
