"""The composition root: builds every long-lived service from settings, and closes them.

The API lifespan and the CLI both use :func:`build_services`, so the terminal chat runs on
exactly the components the web service runs on. Only this module picks implementations.
The read-only data they are built on (:class:`ReferenceData`) is loaded here too, once per
app, and passed to the planner and the language layer: no module keeps a cache of its own.
"""

from dataclasses import dataclass
from functools import partial

import httpx

from wayfarer.config import Settings
from wayfarer.conversation.model_cities import ModelCities
from wayfarer.conversation.orchestrator import ExportLink, Orchestrator
from wayfarer.conversation.sharing import Sharing
from wayfarer.language import Interpreter, Narrator, OfflineInterpreter, OfflineNarrator
from wayfarer.language.offline import WorldCities
from wayfarer.language.offline.text import name_key
from wayfarer.observability import Metrics
from wayfarer.planner import Catalog, CatalogPlanner, Planner, load_catalog
from wayfarer.planner.catalog import ACTIVITY_CATEGORIES, FOOD_CATEGORIES
from wayfarer.planner.proposed import GeoFacts, ProposedCities
from wayfarer.sessions import PurgeScheduler, SessionStore
from wayfarer.sessions.factory import open_store


@dataclass(frozen=True)
class ReferenceData:
    """The read-only data the services are built on: the place catalog and the world's
    cities (seconds to load). Built once per app; a process running several apps (the
    CLI's check before serving, tests) may build it once and pass it to each."""

    catalog: Catalog
    world: WorldCities

    @classmethod
    def load(cls) -> "ReferenceData":
        """Load both; CatalogError when the bundled catalog is invalid."""
        return cls(catalog=load_catalog(), world=WorldCities())


@dataclass
class Services:
    """Everything a request or a CLI command needs; owned by whoever built it."""

    settings: Settings
    metrics: Metrics
    store: SessionStore
    purge_scheduler: PurgeScheduler
    planner: Planner
    orchestrator: Orchestrator
    sharing: Sharing
    llm_http: httpx.AsyncClient | None = None

    async def close(self) -> None:
        """Stop background jobs and release connections (idempotent)."""
        await self.purge_scheduler.shutdown()
        await self.store.close()
        if self.llm_http is not None:
            await self.llm_http.aclose()


async def build_services(
    settings: Settings, metrics: Metrics | None = None, reference: ReferenceData | None = None,
    export_link: ExportLink | None = None,
) -> Services:
    """Build and start every service for ``settings`` on ``reference`` (loaded here when not
    given); ``export_link`` is the server's download link for an export asked for in the
    chat (the API's route). Raises WayfarerError on a bad set-up."""
    metrics = metrics or Metrics()
    reference = reference or ReferenceData.load()  # CatalogError stops start-up
    proposed = ProposedCities()
    planner = CatalogPlanner(reference.catalog, proposed=proposed)
    llm_http = httpx.AsyncClient() if settings.llm_provider == "openai" else None
    interpreter, narrator = build_language(settings, reference, metrics, llm_http)
    store = await _open_store(settings, metrics)
    purge_scheduler = PurgeScheduler(store, metrics, settings.purge_interval_seconds)
    purge_scheduler.start()
    model_cities = None
    if llm_http is not None:
        model_cities = build_model_cities(
            settings, store, planner, proposed, reference.world, metrics, llm_http)
    orchestrator = Orchestrator(
        store, interpreter, narrator, planner, settings, metrics, model_cities, export_link
    )
    return Services(
        settings=settings,
        metrics=metrics,
        store=store,
        purge_scheduler=purge_scheduler,
        planner=planner,
        orchestrator=orchestrator,
        sharing=Sharing(store, planner, settings,
                        restore=model_cities.restore if model_cities else None),
        llm_http=llm_http,
    )


def build_language(
    settings: Settings,
    reference: ReferenceData,
    metrics: Metrics,
    http: httpx.AsyncClient | None,
) -> tuple[Interpreter, Narrator]:
    """The offline interpreter and narrator, wrapped by the LLM ones for ``openai``.

    The offline pair stays underneath as the fallback and as the city resolver, so a model
    can only ever plan a covered city (docs/adr/0003).
    """
    covered = {city.name: city.country for city in reference.catalog.cities}
    interpreter = OfflineInterpreter(covered, world=reference.world)
    narrator = OfflineNarrator(covered)
    if settings.llm_provider == "offline" or http is None:
        return interpreter, narrator
    from wayfarer.language.llm import LLMInterpreter, LLMNarrator, build_chat_model

    model = build_chat_model(settings, http)
    return (
        LLMInterpreter(
            model, interpreter.resolve_city, metrics, fallback=interpreter,
            method=settings.llm_structured_method, context_tokens=settings.llm_context_tokens,
        ),
        LLMNarrator(model, narrator, metrics),
    )


def build_model_cities(
    settings: Settings, store: SessionStore, planner: Planner, proposed: ProposedCities,
    world: WorldCities, metrics: Metrics, http: httpx.AsyncClient,
) -> ModelCities:
    """Uncovered cities planned on model-proposed places, cached in ``store``
    (conversation/model_cities.py; docs/adr/0070)."""
    from wayfarer.language.llm import build_chat_model
    from wayfarer.language.llm.places import PlaceProposer

    proposer = PlaceProposer(
        build_chat_model(settings, http), metrics, (ACTIVITY_CATEGORIES, FOOD_CATEGORIES),
        method=settings.llm_structured_method,
    )
    return ModelCities(
        store, proposer, proposed, partial(locate_city, world),
        settings.model_city_ttl_seconds, planner.covers,
    )


def locate_city(world: WorldCities, name: str) -> GeoFacts | None:
    """GeoNames' facts of the biggest city called ``name`` (the one the city resolver
    reads), from ``world``, the gazetteer the offline interpreter already holds."""
    found = world.lookup(name_key(name))
    if not found or not found[0].timezone:
        return None
    city = found[0]
    return GeoFacts(name=city.name, country=city.country, country_code=city.country_code,
                    lat=city.lat, lon=city.lon, timezone=city.timezone,
                    population=city.population)


async def _open_store(settings: Settings, metrics: Metrics) -> SessionStore:
    """The configured session store, checked before serving (see sessions.open_store)."""
    return await open_store(settings, metrics)
