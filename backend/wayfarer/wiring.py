"""The composition root: builds every long-lived service from settings, and closes them.

The API lifespan and the CLI both use :func:`build_services`, so the terminal chat runs on
exactly the components the web service runs on. Only this module picks implementations.
The read-only data they are built on (:class:`ReferenceData`) is loaded here too, once per
app, and passed to the planner and the language layer: no module keeps a cache of its own.
"""

from dataclasses import dataclass

import httpx

from wayfarer.config import Settings
from wayfarer.conversation.orchestrator import Orchestrator
from wayfarer.conversation.sharing import Sharing
from wayfarer.language import Interpreter, Narrator, OfflineInterpreter, OfflineNarrator
from wayfarer.language.offline import WorldCities
from wayfarer.observability import Metrics
from wayfarer.planner import Catalog, CatalogPlanner, Planner, load_catalog
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
    settings: Settings, metrics: Metrics | None = None, reference: ReferenceData | None = None
) -> Services:
    """Build and start every service for ``settings`` on ``reference`` (loaded here when not
    given); raises WayfarerError on a bad set-up."""
    metrics = metrics or Metrics()
    reference = reference or ReferenceData.load()  # CatalogError stops start-up
    planner = CatalogPlanner(reference.catalog)
    llm_http = httpx.AsyncClient() if settings.llm_provider == "openai" else None
    interpreter, narrator = build_language(settings, reference, metrics, llm_http)
    store = await _open_store(settings, metrics)
    purge_scheduler = PurgeScheduler(store, metrics, settings.purge_interval_seconds)
    purge_scheduler.start()
    orchestrator = Orchestrator(store, interpreter, narrator, planner, settings, metrics)
    return Services(
        settings=settings,
        metrics=metrics,
        store=store,
        purge_scheduler=purge_scheduler,
        planner=planner,
        orchestrator=orchestrator,
        sharing=Sharing(store, planner, settings),
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


async def _open_store(settings: Settings, metrics: Metrics) -> SessionStore:
    """The configured session store, checked before serving (see sessions.open_store)."""
    return await open_store(settings, metrics)
