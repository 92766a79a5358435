"""GET /api/cities over real HTTP: the cities the bundled catalog covers."""

import httpx

from tests.reference import bundled_catalog


async def test_cities_lists_the_catalog(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/cities")
    assert response.status_code == 200
    body = response.json()
    catalog = bundled_catalog()
    assert body == [
        {"name": c.name, "country": c.country, "places": len(c.places),
         "country_code": c.country_code} for c in catalog.cities
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


async def test_cities_grouped_by_country(client: httpx.AsyncClient) -> None:
    flat = (await client.get("/api/cities")).json()
    response = await client.get("/api/cities", params={"group": "country"})
    assert response.status_code == 200
    groups = response.json()
    assert [g["country"] for g in groups] == sorted({c["country"] for c in flat})
    for group in groups:
        assert group["cities"] == [c for c in flat if c["country"] == group["country"]]
        assert {c["country_code"] for c in group["cities"]} == {group["country_code"]}
    assert sum(len(g["cities"]) for g in groups) == len(flat)
    japan = next(g for g in groups if g["country_code"] == "JP")
    assert {"Kyoto", "Tokyo"} <= {c["name"] for c in japan["cities"]}


async def test_cities_rejects_an_unknown_grouping(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/cities", params={"group": "continent"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"
