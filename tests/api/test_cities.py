"""GET /api/cities over real HTTP: the cities the bundled catalog covers."""

import httpx

from tests.reference import bundled_catalog


async def test_cities_lists_the_catalog(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/cities")
    assert response.status_code == 200
    body = response.json()
    catalog = bundled_catalog()
    assert body == [
        {"name": c.name, "country": c.country, "places": len(c.places)} for c in catalog.cities
    ]
    assert [c["name"] for c in body] == sorted(c["name"] for c in body)
    assert len(body) >= 30


async def test_cities_is_in_the_openapi_document(client: httpx.AsyncClient) -> None:
    response = await client.get("/openapi.json")
    assert "/api/cities" in response.json()["paths"]


async def test_cities_rejects_other_methods_with_json(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/cities")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
