"""The composition root: builds every long-lived service from settings, and closes them.

The API lifespan and the CLI both use :func:`build_services`, so the terminal chat runs on
exactly the components the web service runs on. Only this module picks implementations.
"""

from dataclasses import dataclass

from wayfarer.config import Settings
from wayfarer.observability import Metrics


@dataclass
class Services:
    """Everything a request or a CLI command needs; owned by whoever built it."""

    settings: Settings
    metrics: Metrics

    async def close(self) -> None:
        """Stop background jobs and release connections (idempotent)."""


async def build_services(settings: Settings, metrics: Metrics | None = None) -> Services:
    """Build and start every service for ``settings``; raises WayfarerError on a bad set-up."""
    return Services(settings=settings, metrics=metrics or Metrics())
