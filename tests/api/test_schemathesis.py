"""Generated requests from the published OpenAPI document (schemathesis), positive and
negative, a bounded number per operation: no 5xx, every error in the SPEC's shape, and
responses that honour the published schema (status, content type, body)."""

from collections.abc import Iterator

import httpx
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from tests.support import LiveServer, live_server
from wayfarer.config import load_settings

EXAMPLES_PER_MODE = 40
POSITIVE = GenerationMode.POSITIVE


@pytest.fixture(scope="module")
def api() -> Iterator[LiveServer]:
    with live_server(load_settings(max_message_chars=300)) as live:
        yield live


def assert_spec_error(response: requests.Response) -> None:
    assert response.status_code < 500, (response.status_code, response.text[:300])
    if response.status_code >= 400 and response.request.method != "HEAD":
        body = response.json()
        assert set(body) == {"error"}, body
        assert set(body["error"]) == {"code", "message"}, body
        assert all(isinstance(v, str) and v for v in body["error"].values()), body


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_generated_requests_never_break_the_contract(api: LiveServer) -> None:
    schema = schemathesis.openapi.from_url(f"{api.url}/openapi.json")
    real_session = httpx.post(f"{api.url}/api/sessions").json()["session_id"]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 6
    calls = 0
    with requests.Session() as http:
        for operation in operations:
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

                @settings(
                    max_examples=EXAMPLES_PER_MODE,
                    deadline=None,
                    database=None,
                    derandomize=True,
                    phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=list(HealthCheck),
                )
                @given(case=operation.as_strategy(generation_mode=mode), reuse=st.booleans())
                def check(case: schemathesis.Case, reuse: bool) -> None:
                    nonlocal calls
                    if reuse and "session_id" in (case.path_parameters or {}):
                        case.path_parameters["session_id"] = real_session
                    response = case.call(session=http, timeout=30)
                    calls += 1
                    assert_spec_error(response)
                    if case.meta is not None and case.meta.generation.mode is POSITIVE:
                        case.validate_response(response)

                try:
                    check()
                except Unsatisfiable:
                    assert mode is GenerationMode.NEGATIVE  # nothing to break (no inputs)
    print(f"schemathesis: {calls} requests over {len(operations)} operations")
