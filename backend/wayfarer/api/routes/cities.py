"""``GET /api/cities`` (SPEC §4): the cities the curated catalog covers, optionally by
country (cities proposed by a language model are never listed: they are not curated)."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel

from wayfarer.api.deps import ServicesDep
from wayfarer.planner import CitySummary

router = APIRouter(prefix="/api", tags=["catalog"])


class CountryCities(BaseModel):
    """One country's covered cities (``GET /api/cities?group=country``)."""

    country: str
    country_code: str
    cities: list[CitySummary]


def by_country(cities: list[CitySummary]) -> list[CountryCities]:
    """``cities`` grouped by country: countries by name, cities by name within each."""
    groups: dict[str, CountryCities] = {}
    for city in sorted(cities, key=lambda c: c.name):
        group = groups.setdefault(city.country, CountryCities(
            country=city.country, country_code=city.country_code, cities=[]))
        group.cities.append(city)
    return [groups[name] for name in sorted(groups)]


@router.get("/cities")
async def list_cities(
    services: ServicesDep,
    group: Annotated[Literal["country"] | None, Query(
        description="`country`: the same cities grouped by country")] = None,
) -> list[CitySummary] | list[CountryCities]:
    """Covered cities sorted by name, each with its country, country code and number of
    places; with ``group=country``, one entry per country (sorted by name) holding its
    cities."""
    cities = services.planner.cities()
    return by_country(cities) if group == "country" else cities
