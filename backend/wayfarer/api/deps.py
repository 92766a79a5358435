"""Request dependencies, read from ``request.app.state``: one ``Annotated`` alias each."""

from typing import Annotated

from fastapi import Depends, Request

from wayfarer.config import Settings
from wayfarer.conversation.orchestrator import Orchestrator
from wayfarer.conversation.sharing import Sharing
from wayfarer.sessions import SessionStore
from wayfarer.wiring import Services


def get_services(request: Request) -> Services:
    """The services the lifespan built for this app."""
    services: Services = request.app.state.services
    return services


def get_settings(request: Request) -> Settings:
    """The app's settings."""
    return get_services(request).settings


def get_store(request: Request) -> SessionStore:
    """The session store."""
    return get_services(request).store


ServicesDep = Annotated[Services, Depends(get_services)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[SessionStore, Depends(get_store)]


def get_orchestrator(request: Request) -> Orchestrator:
    """The conversation orchestrator."""
    return get_services(request).orchestrator


def check_rate_limit(request: Request) -> None:
    """Count this request against its client's limit (429 past it)."""
    client = request.client.host if request.client else "unknown"
    get_services(request).rate_limiter.hit(client)


def get_sharing(request: Request) -> Sharing:
    """The share-link service."""
    return get_services(request).sharing


OrchestratorDep = Annotated[Orchestrator, Depends(get_orchestrator)]
SharingDep = Annotated[Sharing, Depends(get_sharing)]
RateLimitDep = Annotated[None, Depends(check_rate_limit)]
