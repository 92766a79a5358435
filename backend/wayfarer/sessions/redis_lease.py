"""Turn leases on Redis that survive stalls and lost replies.

A lease is ``<prefix>lock:<id>`` holding the holder's random token, with a PX expiry:

- **taking** is a script that sets a free lease *or re-takes one this token already holds*,
  so when a reply is lost (a timeout while Redis stalls) and the client retries, the retry
  recognises the lease as its own instead of waiting on a key nobody owns;
- if taking fails anyway (Redis unreachable, or the caller cancelled) the token is
  **released in the background**, retried until Redis answers or the lease would have
  expired by itself, because the lost command may still have run on the server;
- while the turn runs, the lease is **renewed** every third of its life, so a long turn
  never loses it, and a turn is bounded (``WAYFARER_TURN_BUDGET_SECONDS``), so no lease
  outlives its turn by more than one lease period;
- **releasing** deletes the key only while the token still holds it.
"""

import asyncio
import logging
import random
import secrets
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractContextManager, asynccontextmanager

from wayfarer.errors import StoreUnavailable, TurnInProgress
from wayfarer.observability import Metrics
from wayfarer.sessions.redis_client import Client
from wayfarer.sessions.redis_scripts import RELEASE, RENEW, TAKE

log = logging.getLogger("wayfarer.sessions")

Guard = Callable[[str], AbstractContextManager[None]]
"""The store's ``_call``: times an operation and turns Redis errors into StoreUnavailable."""

RELEASE_RETRY_SECONDS = 0.2


class TurnLeases:
    """Takes, renews and releases turn leases (see the module docstring)."""

    def __init__(
        self,
        client: Client,
        *,
        lease_seconds: float,
        wait_seconds: float,
        metrics: Metrics,
        guard: Guard,
    ) -> None:
        self._lease_ms = max(1, int(lease_seconds * 1000))
        self._lease = lease_seconds
        self._wait = wait_seconds
        self._metrics = metrics
        self._guard = guard
        self._take = client.register_script(TAKE)
        self._renew = client.register_script(RENEW)
        self._release = client.register_script(RELEASE)
        self._pending: set[asyncio.Task[None]] = set()

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        """Hold the lease ``key`` for the body; TurnInProgress after the turn wait."""
        token = secrets.token_hex(16)
        try:
            await self._acquire(key, token)
        except TurnInProgress:
            raise
        except BaseException:
            self._release_later(key, token)
            raise
        renewer = asyncio.create_task(self._keep(key, token))
        try:
            yield
        finally:
            renewer.cancel()
            try:
                with self._guard("unlock"):
                    await self._release(keys=[key], args=[token])
            except StoreUnavailable:
                self._release_later(key, token)
            except asyncio.CancelledError:
                self._release_later(key, token)
                raise

    async def settle(self, timeout: float) -> None:
        """Give background releases up to ``timeout`` seconds to finish, then drop them
        (their leases expire by themselves). Called before the client closes."""
        if self._pending:
            await asyncio.wait(set(self._pending), timeout=timeout)
        for task in list(self._pending):
            task.cancel()

    async def _acquire(self, key: str, token: str) -> None:
        deadline = time.monotonic() + self._wait
        delay = 0.002
        waited = False
        while True:
            with self._guard("lock"):
                if await self._take(keys=[key], args=[token, self._lease_ms]):
                    return
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self._metrics.turn_lock_conflicts.inc()
                raise TurnInProgress(
                    "Another message on this conversation is still being answered."
                )
            if not waited:
                waited = True
                self._metrics.turn_lock_waits.inc()
            await asyncio.sleep(min(delay * random.uniform(0.5, 1.5), remaining))
            delay = min(delay * 2, 0.05)

    async def _keep(self, key: str, token: str) -> None:
        """Renew the lease every third of its life while the turn runs."""
        while True:
            await asyncio.sleep(self._lease / 3)
            try:
                with self._guard("renew"):
                    held = await self._renew(keys=[key], args=[token, self._lease_ms])
            except StoreUnavailable:
                continue
            if not held:
                log.warning("turn lease lost while the turn ran", extra={"key": key})
                return

    def _release_later(self, key: str, token: str) -> None:
        task = asyncio.create_task(self._release_until_answered(key, token))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _release_until_answered(self, key: str, token: str) -> None:
        deadline = time.monotonic() + self._lease
        while time.monotonic() < deadline:
            try:
                with self._guard("unlock"):
                    await self._release(keys=[key], args=[token])
                return
            except StoreUnavailable:
                await asyncio.sleep(RELEASE_RETRY_SECONDS)
        log.warning("turn lease not released; it expires by itself", extra={"key": key})
