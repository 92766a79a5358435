"""The purge job: an APScheduler 3 ``AsyncIOScheduler`` that removes expired sessions.

It runs every ``WAYFARER_PURGE_INTERVAL_SECONDS`` on the app's event loop with
``max_instances=1`` and ``coalesce=True``, so a slow pass never overlaps the next one and
missed runs collapse into one. Each pass first takes the store's purge lease (always granted
in memory; a short Redis lease in Redis mode, so N replicas purge once per interval), then
purges, then refreshes the ``wayfarer_sessions_active`` gauge. A pass never raises: a store
outage is logged and the next interval tries again. The memory store purges in chunks and
yields between them, so the event loop keeps answering while it works.
"""

import asyncio
import logging
from datetime import UTC
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from wayfarer.errors import StoreUnavailable
from wayfarer.observability import Metrics
from wayfarer.sessions.base import StoreUpkeep

log = logging.getLogger("wayfarer.sessions")

JOB_ID = "purge-expired-sessions"
LEASE_SHARE = 0.8
"""The purge lease lasts this share of the interval: long enough that other replicas skip
this interval, short enough to be free again when the next one starts."""


async def purge_once(store: StoreUpkeep, metrics: Metrics, interval_seconds: float) -> int | None:
    """One guarded pass: the number of sessions purged, or None when another replica holds
    the lease or the store is unreachable."""
    try:
        if not await store.acquire_purge_lease(interval_seconds * LEASE_SHARE):
            return None
        removed = await store.purge_expired()
        metrics.sessions_active.set(await store.count())
    except StoreUnavailable as exc:
        log.warning("purge skipped: session store unavailable", extra={"error": exc.message})
        return None
    if removed:
        log.info("expired sessions purged", extra={"count": removed})
    return removed


class PurgeScheduler:
    """Owns the AsyncIOScheduler running :func:`purge_once`; start it inside the event loop
    (the app lifespan), and :meth:`shutdown` it before closing the store."""

    def __init__(self, store: StoreUpkeep, metrics: Metrics, interval_seconds: float) -> None:
        self._store = store
        self._metrics = metrics
        self._interval = interval_seconds
        self._scheduler = AsyncIOScheduler(timezone=UTC)

    @property
    def job(self) -> Any:
        """The scheduled APScheduler ``Job`` (None before :meth:`start`)."""
        return self._scheduler.get_job(JOB_ID)

    @property
    def running(self) -> bool:
        """True between :meth:`start` and :meth:`shutdown`."""
        return bool(self._scheduler.running)

    def start(self) -> None:
        """Schedule the job (first run one interval from now); needs a running loop."""
        self._scheduler.add_job(
            purge_once,
            "interval",
            args=[self._store, self._metrics, self._interval],
            seconds=self._interval,
            id=JOB_ID,
            max_instances=1,
            coalesce=True,
            replace_existing=True,
        )
        self._scheduler.start()

    async def shutdown(self) -> None:
        """Stop scheduling and cancel a pass in progress (idempotent)."""
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
            # AsyncIOScheduler.shutdown is scheduled on the loop; let it happen now.
            await asyncio.sleep(0)
