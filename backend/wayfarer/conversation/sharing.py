"""Read-only share links for a trip (docs/spec.md, "Share links").

A share link is a token of 128 random bits, distinct from the session id, recorded in the
session document (``share``) and indexed by the store (token -> session id). It opens the
trip read-only while the session lives, and at most ``share_max_seconds`` after it was
made; revoking it clears the document's ``share`` and drops the index entry. Making and
revoking a link are saved under the session's turn lease with the same compare-and-set as
a turn, so they never race a message or a click.

Reading a shared trip reads the session through the store, so, like a visit by its owner,
it counts as activity for the sliding expiry (bounded by the share's own maximum).
"""

from collections.abc import Awaitable, Callable
from datetime import timedelta

from wayfarer.config import Settings
from wayfarer.domain import ExportFormat, SessionState, ShareLink, utcnow
from wayfarer.errors import ItineraryNotFound, SessionNotFound, ShareNotFound
from wayfarer.planner import Export, Planner
from wayfarer.sessions import SharingStore
from wayfarer.sessions.shares import is_share_token, new_share_token

GONE = "This shared trip is no longer available: the link was turned off or has expired."


class Sharing:
    """Makes, revokes and opens share links; holds no state of its own."""

    def __init__(
        self, store: SharingStore, planner: Planner, settings: Settings,
        restore: Callable[[SessionState], Awaitable[None]] | None = None,
    ) -> None:
        """``restore`` brings a session's model-proposed city into this process
        (conversation/model_cities.py) before its plan is detailed or exported."""
        self._store = store
        self._planner = planner
        self._restore = restore
        self._max_seconds = settings.share_max_seconds

    async def share(self, session_id: str) -> SessionState:
        """The session with a share link (the existing one while it is still valid).
        Raises ItineraryNotFound before a plan, and the store's errors."""
        async with self._store.turn_lock(session_id):
            state = await self._store.get(session_id)
            if state.itinerary is None:
                raise ItineraryNotFound("There is no itinerary to share yet.")
            now = utcnow()
            if state.share is not None and state.share.expires_at > now:
                return state
            token = new_share_token()
            await self._store.put_share(token, session_id, self._max_seconds)
            state.share = ShareLink(
                token=token, created_at=now,
                expires_at=now + timedelta(seconds=self._max_seconds),
            )
            return await self._store.save(state, expected_version=state.version)

    async def revoke(self, session_id: str) -> SessionState:
        """The session without a share link (the old token stops working at once)."""
        async with self._store.turn_lock(session_id):
            state = await self._store.get(session_id)
            if state.share is None:
                return state
            await self._store.drop_share(state.share.token)
            state.share = None
            return await self._store.save(state, expected_version=state.version)

    async def open(self, token: str) -> SessionState:
        """The shared session; raises ShareNotFound when the token is unknown, revoked or
        expired, or its session is gone (StoreUnavailable passes through)."""
        session_id = await self._store.share_target(token) if is_share_token(token) else None
        if session_id is None:
            raise ShareNotFound(GONE)
        try:
            state = await self._store.get(session_id)
        except SessionNotFound:
            raise ShareNotFound(GONE) from None
        share = state.share
        if share is None or share.token != token or share.expires_at <= utcnow():
            raise ShareNotFound(GONE)
        if state.itinerary is None:
            raise ShareNotFound(GONE)
        if self._restore is not None:
            await self._restore(state)
        return state

    async def view(self, token: str) -> dict[str, object]:
        """What a share link shows: the trip only (itinerary, preferences, per-stop
        details and when the link ends), never the session id, history or bookkeeping."""
        state = await self.open(token)
        assert state.itinerary is not None and state.share is not None
        details = self._planner.details(state.itinerary, state.preferences)
        return {
            "itinerary": state.itinerary.model_dump(mode="json"),
            "preferences": state.preferences.model_dump(mode="json"),
            "details": [d.model_dump(mode="json") for d in details],
            "expires_at": min(state.share.expires_at, state.expires_at).isoformat(),
        }

    async def export(self, token: str, fmt: ExportFormat) -> Export:
        """The shared itinerary as a file."""
        state = await self.open(token)
        assert state.itinerary is not None
        return self._planner.export(state.itinerary, state.preferences, fmt)

