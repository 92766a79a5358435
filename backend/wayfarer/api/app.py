"""The FastAPI app factory. ``create_app(settings)`` builds an app whose lifespan owns every
resource (store, scheduler, LLM client) through :func:`wayfarer.wiring.build_services`.
Nothing is created at import time.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from wayfarer import __version__
from wayfarer.api.errors import install_error_handlers
from wayfarer.api.heap import freeze_startup_heap
from wayfarer.api.middleware import content_security_policy, install_middleware
from wayfarer.api.openapi import install_openapi
from wayfarer.api.ratelimit import RateLimits
from wayfarer.api.routes import cities, config, edits, health, messages, sessions, share
from wayfarer.api.serving import transport_bounds
from wayfarer.config import Settings, load_settings
from wayfarer.observability import Metrics, configure_logging
from wayfarer.wiring import ReferenceData, build_services


def default_web_dir() -> Path:
    """The repository's ``web/`` folder (the chat page)."""
    return Path(__file__).resolve().parents[3] / "web"


def create_app(
    settings: Settings | None = None,
    web_dir: Path | None = None,
    reference: ReferenceData | None = None,
) -> FastAPI:
    """Build the Wayfarer API (and the page at ``/`` when ``web_dir`` exists). Its lifespan
    loads the catalog and gazetteer unless ``reference`` gives them."""
    settings = settings or load_settings()
    configure_logging(settings.log_level)
    metrics = Metrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[dict[str, float]]:
        services = await build_services(settings, metrics, reference, messages.export_path)
        app.state.services = services
        freeze_startup_heap()
        try:
            yield transport_bounds(settings)  # read by serving.HeaderTimeoutProtocol
        finally:
            # uvicorn has stopped accepting and waited for open requests; detached
            # (streamed) turns get the grace period to finish before the store closes.
            await services.orchestrator.drain(settings.shutdown_grace_seconds)
            await services.close()

    app = FastAPI(
        title="Wayfarer",
        version=__version__,
        summary="A conversational travel-itinerary planner.",
        lifespan=lifespan,
    )
    install_error_handlers(app)
    install_openapi(app, settings)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Content-Type", "Accept", "X-Request-ID"],
        )
    app.include_router(health.router)
    app.include_router(sessions.router)
    app.include_router(cities.router)
    app.include_router(messages.router)
    app.include_router(edits.router)
    app.include_router(share.router)
    app.include_router(config.router)
    app.state.rate_limits = RateLimits.from_settings(settings)
    web = web_dir or default_web_dir()
    app.state.web_dir = web
    if web.is_dir():
        # The page answers whatever no route matched (not a mount at "/", which would
        # swallow a wrong method on an API path as a 404 instead of a 405).
        app.router.default = StaticFiles(directory=web, html=True)
    install_middleware(
        app,
        metrics,
        max_body_bytes=settings.max_body_bytes,
        body_timeout=settings.body_timeout_seconds,
        csp=content_security_policy(settings.map_tiles_url),
    )  # last: the outermost, so CORS answers and every error carry its headers too
    return app
