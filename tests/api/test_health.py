"""Health, readiness, metrics, and the JSON error shape for FastAPI's own errors."""

import gc

import httpx

from wayfarer.api.heap import freeze_startup_heap


async def test_healthz(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response.headers["x-request-id"]


async def test_readyz_with_memory_store(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200


async def test_metrics_are_prometheus_text_with_prefix(client: httpx.AsyncClient) -> None:
    await client.get("/healthz")
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    names = {
        line.split()[2]
        for line in response.text.splitlines()
        if line.startswith("# TYPE ")
    }
    assert names and all(name.startswith("wayfarer_") for name in names)
    assert 'wayfarer_http_requests_total{method="GET",route="/healthz",status="200"}' in (
        response.text
    )


async def test_unknown_path_is_json_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


async def test_wrong_method_is_json_405(client: httpx.AsyncClient) -> None:
    response = await client.delete("/healthz")
    assert response.status_code == 405
    body = response.json()
    assert body["error"]["code"] == "method_not_allowed"
    assert set(body["error"]) == {"code", "message"}


async def test_security_headers(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


async def test_openapi_document(client: httpx.AsyncClient) -> None:
    response = await client.get("/openapi.json")
    assert response.status_code == 200
    assert "/healthz" in response.json()["paths"]


async def test_the_start_up_heap_is_frozen(client: httpx.AsyncClient) -> None:
    # the reference data sits in the collector's permanent generation, so a full
    # collection no longer walks it (docs/benchmarks.md, "Start-up heap frozen")
    assert (await client.get("/healthz")).status_code == 200
    assert gc.get_freeze_count() > 100_000
    assert not freeze_startup_heap()  # once per process
