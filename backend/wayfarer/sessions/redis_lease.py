"""Turn leases on Redis that survive stalls and lost replies.

A lease is ``<prefix>lock:<id>`` holding the holder's random token, with a PX expiry:

- **taking** is a script that sets a free lease *or re-takes one this token already holds*,
  so when a reply is lost (a timeout while Redis stalls) and the client retries, the retry
  recognises the lease as its own instead of waiting on a key nobody owns;
- if taking fails anyway (Redis unreachable, or the caller cancelled) the token is
  **released in the background**, retried until Redis answers or the lease would have
  expired by itself, because the lost command may still have run on the server;
- while the turn runs, the lease is **renewed** at least every third of its life, so a
  long turn never loses it, and a turn is bounded (``WAYFARER_TURN_BUDGET_SECONDS``), so
  no lease outlives its turn by more than one lease period. One task per store renews
  every held lease each third of the lease's life (started by the first lease taken,
  ending once none is held), so a turn arms no timer of its own;
- **releasing** deletes the key only while the token still holds it.

A turn is two round trips (issue 14): taking the lease also returns the session's document
(:data:`~wayfarer.sessions.redis_scripts.TAKE_READ`), which the turn's first ``get`` uses,
and the turn's save releases the lease in the same script
(:data:`~wayfarer.sessions.redis_scripts.SAVE_RELEASE`); a turn that ends without saving
releases the lease alone.
"""

import asyncio
import logging
import random
import secrets
import time
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass

from wayfarer.errors import StoreUnavailable, TurnInProgress
from wayfarer.observability import Metrics
from wayfarer.sessions.redis_client import Client
from wayfarer.sessions.redis_scripts import RELEASE, RENEW, TAKE_READ

log = logging.getLogger("wayfarer.sessions")

Guard = Callable[[str], AbstractAsyncContextManager[None]]
"""The store's ``_call``: bounds and times an operation and turns Redis errors into
StoreUnavailable (redis_client.Operations)."""

RELEASE_RETRY_SECONDS = 0.2


@dataclass(eq=False)
class Lease:
    """A held turn lease: its key and token, the document read when it was taken (until
    the turn's first ``get`` takes it) and whether the turn's save released it."""

    key: str
    token: str
    document: bytes | None = None
    released: bool = False
    lost: bool = False  # a renewal found the key gone or another token in it

    def take_document(self) -> bytes | None:
        """The document read with the lease, once (later reads go to Redis)."""
        document, self.document = self.document, None
        return document

    def saved_and_released(self) -> None:
        """The save script released the lease: no more renewals, no release."""
        self.released = True


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
        self._take = client.register_script(TAKE_READ)
        self._renew = client.register_script(RENEW)
        self._release = client.register_script(RELEASE)
        self._pending: set[asyncio.Task[None]] = set()
        self._held: set[Lease] = set()
        self._renewer: asyncio.Task[None] | None = None

    async def take(self, key: str, document_key: str, ttl_ms: int) -> Lease:
        """Take the lease ``key``, reading ``document_key`` (its TTL set to ``ttl_ms``) in
        the same round trip; TurnInProgress after the turn wait. Hand it to :meth:`end`
        when the turn ends, whatever happens."""
        lease = Lease(key, secrets.token_hex(16))
        try:
            lease.document = await self._acquire(key, lease.token, document_key, ttl_ms)
        except TurnInProgress:
            raise
        except BaseException:
            self._release_later(key, lease.token)
            raise
        self._held.add(lease)
        if self._renewer is None:
            self._renewer = asyncio.create_task(self._renew_held())
        return lease

    async def end(self, lease: Lease) -> None:
        """The turn is over: stop renewing ``lease`` and release it unless its save did."""
        self._held.discard(lease)
        if lease.released:
            return
        if lease.lost:  # known only now: a renewal racing the save's release is no loss
            log.warning("turn lease lost while the turn ran", extra={"key": lease.key})
        await self._release_now(lease.key, lease.token)

    async def _release_now(self, key: str, token: str) -> None:
        """Release at the end of a turn that did not save; in the background if Redis
        does not answer or the caller is cancelled."""
        try:
            async with self._guard("unlock"):
                await self._release(keys=[key], args=[token])
        except StoreUnavailable:
            self._release_later(key, token)
        except asyncio.CancelledError:
            self._release_later(key, token)
            raise

    async def settle(self, timeout: float) -> None:
        """Give background releases up to ``timeout`` seconds to finish, then drop them
        (their leases expire by themselves). Called before the client closes."""
        if self._renewer is not None:
            self._renewer.cancel()
        if self._pending:
            await asyncio.wait(set(self._pending), timeout=timeout)
        for task in list(self._pending):
            task.cancel()

    async def _acquire(
        self, key: str, token: str, document_key: str, ttl_ms: int
    ) -> bytes | None:
        """Take the lease (retrying until the turn wait ends); returns the document read
        with it, None when there is none."""
        deadline = time.monotonic() + self._wait
        delay = 0.002
        waited = False
        while True:
            async with self._guard("lock"):
                taken = await self._take(
                    keys=[key, document_key], args=[token, self._lease_ms, ttl_ms]
                )
            if taken:
                return bytes(taken[1]) or None
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self._metrics.turn_lock_conflicts.inc()
                raise TurnInProgress()
            if not waited:
                waited = True
                self._metrics.turn_lock_waits.inc()
            await asyncio.sleep(min(delay * random.uniform(0.5, 1.5), remaining))
            delay = min(delay * 2, 0.05)

    async def _renew_held(self) -> None:
        """Every third of the lease's life, renew each lease still held; end once none
        is (the next lease taken starts this task again)."""
        try:
            while self._held:
                await asyncio.sleep(self._lease / 3)
                held = [lease for lease in self._held if not lease.released]
                await asyncio.gather(*(self._renew_one(lease) for lease in held))
        finally:
            self._renewer = None

    async def _renew_one(self, lease: Lease) -> None:
        try:
            async with self._guard("renew"):
                held = await self._renew(keys=[lease.key], args=[lease.token, self._lease_ms])
        except StoreUnavailable:
            return  # not known: try again next period
        if not held:
            lease.lost = True
            self._held.discard(lease)

    def _release_later(self, key: str, token: str) -> None:
        task = asyncio.create_task(self._release_until_answered(key, token))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _release_until_answered(self, key: str, token: str) -> None:
        deadline = time.monotonic() + self._lease
        while time.monotonic() < deadline:
            try:
                async with self._guard("unlock"):
                    await self._release(keys=[key], args=[token])
                return
            except StoreUnavailable:
                await asyncio.sleep(RELEASE_RETRY_SECONDS)
        log.warning("turn lease not released; it expires by itself", extra={"key": key})
