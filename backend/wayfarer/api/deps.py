"""Request dependencies, read from ``request.app.state``: one ``Annotated`` alias each.

Each is ``async def`` though none awaits: FastAPI runs a plain ``def`` dependency in its
thread pool, a thread hop per dependency per request for what is an attribute read or a
counter (docs/benchmarks.md, "Fourth session")."""

from typing import Annotated

from fastapi import Depends, Request

from wayfarer.api.ratelimit import RateLimits, client_key
from wayfarer.config import Settings
from wayfarer.conversation.orchestrator import Orchestrator
from wayfarer.conversation.sharing import Sharing
from wayfarer.sessions import SessionPersistence
from wayfarer.wiring import Services


async def get_services(request: Request) -> Services:
    """The services the lifespan built for this app."""
    return _services(request)


def _services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


async def get_settings(request: Request) -> Settings:
    """The app's settings."""
    return _services(request).settings


async def get_store(request: Request) -> SessionPersistence:
    """The session store, for reading and forgetting sessions."""
    return _services(request).store


ServicesDep = Annotated[Services, Depends(get_services)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[SessionPersistence, Depends(get_store)]


async def get_orchestrator(request: Request) -> Orchestrator:
    """The conversation orchestrator."""
    return _services(request).orchestrator


def _client(request: Request) -> str:
    return client_key(request.client.host if request.client else None)


def _limits(request: Request) -> RateLimits:
    """The app's per-client limits (built with the app: they are the API's, not a service)."""
    limits: RateLimits = request.app.state.rate_limits
    return limits


async def check_rate_limit(request: Request) -> None:
    """Count this conversation turn against its client's limit (429 past it)."""
    _limits(request).messages.hit(_client(request))


async def check_create_limit(request: Request) -> None:
    """Count this session creation against its client's limit (429 past it)."""
    _limits(request).create.hit(_client(request))


async def check_read_limit(request: Request) -> None:
    """Count this session read, delete or export against its client's limit (429 past it)."""
    _limits(request).read.hit(_client(request))


async def get_sharing(request: Request) -> Sharing:
    """The share-link service."""
    return _services(request).sharing


OrchestratorDep = Annotated[Orchestrator, Depends(get_orchestrator)]
SharingDep = Annotated[Sharing, Depends(get_sharing)]
RateLimitDep = Annotated[None, Depends(check_rate_limit)]
CreateLimitDep = Annotated[None, Depends(check_create_limit)]
ReadLimitDep = Annotated[None, Depends(check_read_limit)]
