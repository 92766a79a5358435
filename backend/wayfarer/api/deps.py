"""Request dependencies, read from ``request.app.state``: one ``Annotated`` alias each."""

from typing import Annotated

from fastapi import Depends, Request

from wayfarer.config import Settings
from wayfarer.wiring import Services


def get_services(request: Request) -> Services:
    """The services the lifespan built for this app."""
    services: Services = request.app.state.services
    return services


def get_settings(request: Request) -> Settings:
    """The app's settings."""
    return get_services(request).settings


ServicesDep = Annotated[Services, Depends(get_services)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
