"""Liveness, readiness and metrics endpoints."""

from ipaddress import ip_address, ip_network

from fastapi import APIRouter, HTTPException, Request, Response
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


@router.get("/metrics", response_class=Response, include_in_schema=False)
async def metrics(services: ServicesDep, request: Request) -> Response:
    """Prometheus text exposition of every ``wayfarer_`` metric, only to clients in
    ``WAYFARER_METRICS_ALLOW`` (loopback by default); 404 to everyone else."""
    host = request.client.host if request.client else ""
    if not address_in(host, services.settings.metrics_allow):
        raise HTTPException(status_code=404, detail="Not Found")
    return Response(generate_latest(services.metrics.registry), media_type=CONTENT_TYPE_LATEST)


def address_in(host: str, networks: list[str]) -> bool:
    """True when ``host`` is an IP address inside one of ``networks``."""
    try:
        address = ip_address(host)
    except ValueError:
        return False
    return any(address in ip_network(network) for network in networks)
