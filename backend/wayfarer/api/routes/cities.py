"""``GET /api/cities`` (SPEC §4): the cities the offline catalog covers."""

from fastapi import APIRouter

from wayfarer.api.deps import ServicesDep
from wayfarer.planner import CitySummary

router = APIRouter(prefix="/api", tags=["catalog"])


@router.get("/cities")
async def list_cities(services: ServicesDep) -> list[CitySummary]:
    """Covered cities sorted by name, each with its country and number of places."""
    return services.planner.cities()
