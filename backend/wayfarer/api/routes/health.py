"""Liveness, readiness and metrics endpoints."""

from fastapi import APIRouter, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from wayfarer.api.deps import ServicesDep

router = APIRouter(tags=["operations"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The process is alive (no dependency is checked)."""
    return {"status": "ok"}


@router.get("/readyz", responses={503: {"description": "session store unreachable"}})
async def readyz(services: ServicesDep) -> dict[str, str]:
    """The session store is reachable; 503 ``store_unavailable`` otherwise."""
    await services.store.ping()
    return {"status": "ready"}


@router.get("/metrics", response_class=Response)
async def metrics(services: ServicesDep) -> Response:
    """Prometheus text exposition of every ``wayfarer_`` metric."""
    return Response(generate_latest(services.metrics.registry), media_type=CONTENT_TYPE_LATEST)
