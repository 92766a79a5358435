"""Any city, when a model is configured: places proposed once, checked, cached, reused.

With the ``openai`` provider, a message naming a real city the catalog lacks (the
interpreter's ``unsupported_city``) goes through :meth:`ModelCities.admit` before the
policy decides. The city's places come from, in order:

1. this process's :class:`~wayfarer.planner.proposed.ProposedCities` (the planner's);
2. the session store's city cache (``WAYFARER_MODEL_CITY_TTL_SECONDS``; on Redis shared by
   every process), so the next traveller to the city makes no model call;
3. one model call (:class:`~wayfarer.language.llm.places.PlaceProposer`), whose candidates
   are checked one by one (planner/proposed.py); the accepted set is cached.

When a city results, the act is rewritten as if the traveller had named a covered city, so
the policy plans it like any other (the plan's assumptions say the places are the
model's). Otherwise (the model failed, timed out, or too few candidates survived) the act
is left alone and the traveller gets today's offline answer with covered alternatives.
Concurrent requests for one city in a process share one model call.

:meth:`ModelCities.restore` puts a session's proposed city back into this process from the
cache (after a restart, or on another replica) before its plan is edited, exported or
detailed; it never calls the model. A session whose city has left the cache gets the
planner's usual "not one of the cities I can plan" answer for edits.
"""

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Protocol

from pydantic import BaseModel, ValidationError

from wayfarer.domain import Interpretation, SessionState
from wayfarer.domain.acts import ChangePreferences, DialogueAct
from wayfarer.errors import StoreUnavailable
from wayfarer.planner.catalog import City
from wayfarer.planner.proposed import (
    GeoFacts,
    ProposedCities,
    accept_candidates,
    model_city,
)
from wayfarer.sessions import CityCache

log = logging.getLogger("wayfarer.conversation.model_cities")

#: A city name -> its GeoNames facts, or None when it is not a known city.
Locator = Callable[[str], GeoFacts | None]


class Proposer(Protocol):
    """Where candidate places come from (language/llm/places.PlaceProposer)."""

    async def propose(self, city: str, country: str) -> list[object] | None:
        """Unchecked candidate places of ``city``, or None when none could be had."""
        ...


class CachedCity(BaseModel):
    """The cache's document of one city: its places and when they expire (epoch
    seconds), so every process forgets the proposal at the same moment."""

    expires_at: float
    city: City


class ModelCities:
    """Admits uncovered cities by model-proposed places (see the module docstring)."""

    def __init__(
        self,
        store: CityCache,
        proposer: Proposer,
        proposed: ProposedCities,
        locate: Locator,
        ttl_seconds: float,
        covered: Callable[[str], bool],
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._clock = clock
        self._store = store
        self._proposer = proposer
        self._proposed = proposed
        self._locate = locate
        self._ttl = ttl_seconds
        self._covered = covered
        self._flights: dict[str, asyncio.Lock] = {}

    async def admit(self, interpretation: Interpretation) -> Interpretation:
        """``interpretation`` with each uncovered city it names turned into a plannable
        one when model-proposed places can be had; unchanged otherwise."""
        acts = interpretation.dialogue_acts()
        admitted: list[DialogueAct] = []
        for act in acts:
            changes = act.changes if isinstance(act, ChangePreferences) else None
            if changes is not None and changes.unsupported_city and changes.city is None:
                city = await self.city(changes.unsupported_city)
                if city is not None:
                    act = act.model_copy(update={"changes": changes.model_copy(update={
                        "city": city.name, "country": city.country,
                        "unsupported_city": None, "city_suggestions": [],
                    })})
            admitted.append(act)
        if admitted == acts:
            return interpretation
        return interpretation.model_copy(update={"acts": admitted})

    async def restore(self, state: SessionState) -> None:
        """Register the session's proposed city in this process from the cache, when the
        session has one this process lacks (no model call)."""
        names = {state.preferences.city, state.itinerary.city if state.itinerary else None}
        for name in names:
            if name and not self._covered(name) and self._proposed.get(name) is None:
                located = self._locate(name)
                if located is not None:
                    await self._cached(located)

    async def city(self, name: str) -> City | None:
        """The proposed city called ``name`` from this process, the cache or the model."""
        known = self._proposed.get(name)
        if known is not None:
            return known
        geo = self._locate(name)
        if geo is None:
            return None
        flight = self._flights.setdefault(geo.slug, asyncio.Lock())
        try:
            async with flight:
                return self._proposed.get(geo.name) or await self._cached(
                    geo) or await self._ask(geo)
        finally:
            if not flight.locked():
                self._flights.pop(geo.slug, None)

    async def _cached(self, geo: GeoFacts) -> City | None:
        slug = geo.slug
        try:
            raw = await self._store.model_city(slug)
        except StoreUnavailable:
            return None
        if raw is None:
            return None
        try:
            cached = CachedCity.model_validate_json(raw)
        except (ValidationError, ValueError):
            log.warning("unreadable cached model city", extra={"city": slug})
            return None
        city = cached.city
        if city.source != "model" or city.slug != slug or cached.expires_at <= self._clock():
            return None
        self._proposed.add(city, cached.expires_at)
        log.info("model city", extra={"city": slug, "from": "cache",
                                      "places": len(city.places)})
        return city

    async def _ask(self, geo: GeoFacts) -> City | None:
        candidates = await self._proposer.propose(geo.name, geo.country)
        if candidates is None:
            return None
        places, dropped = accept_candidates(geo, candidates)
        city = model_city(geo, places)
        log.info("model city", extra={
            "city": geo.slug, "from": "model", "places": len(places),
            "dropped": len(dropped), "reasons": sorted(set(dropped))[:10],
            "accepted": city is not None,
        })
        if city is None:
            return None
        cached = CachedCity(expires_at=self._clock() + self._ttl, city=city)
        self._proposed.add(city, cached.expires_at)
        document = cached.model_dump_json(by_alias=True).encode()
        try:
            await self._store.put_model_city(geo.slug, document, self._ttl)
        except StoreUnavailable:
            log.warning("model city not cached: store unavailable", extra={"city": geo.slug})
        return city
