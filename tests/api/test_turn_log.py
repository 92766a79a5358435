"""The turn log over real HTTP (issue 15 item 3): one line per turn naming the request (the
middleware's request id, through a context variable, streamed turns included) with the
time spent reading the message and the time spent planning, apart."""

import logging

import httpx

from tests.conftest import SettingsFactory
from tests.support import live_server


class _Records(logging.Handler):
    """Keeps every record logged to the logger it is added to."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_each_turn_logs_its_request_id_and_its_reading_and_planning_times(
    make_settings: SettingsFactory,
) -> None:
    kept = _Records()
    logger = logging.getLogger("wayfarer.conversation")
    logger.addHandler(kept)
    try:
        with live_server(make_settings()) as live, httpx.Client(
            base_url=live.url, timeout=60
        ) as http:
            session = http.post("/api/sessions").json()["session_id"]
            messages = f"/api/sessions/{session}/messages"
            planned = http.post(messages, json={"content": "3 days in Rome, food, relaxed"},
                                headers={"X-Request-ID": "trace-plan"})
            assert planned.status_code == 200
            with http.stream("POST", messages, json={"content": "make it 4 days"},
                             headers={"X-Request-ID": "trace-stream",
                                      "Accept": "text/event-stream"}) as streamed:
                assert "event: done" in streamed.read().decode()
            http.post(messages, json={"content": "thanks"})
            metrics = http.get("/metrics").text
    finally:
        logger.removeHandler(kept)
    turns = [r for r in kept.records if r.getMessage() == "turn"]
    assert len(turns) == 3
    assert turns[0].request_id == "trace-plan"
    assert turns[1].request_id == "trace-stream"
    assert len(turns[2].request_id) == 16  # the one the middleware made up
    for turn in turns:
        assert turn.session_id == session
        assert isinstance(turn.interpret_ms, float) and turn.interpret_ms >= 0
        assert isinstance(turn.plan_ms, float) and turn.plan_ms >= 0
    assert turns[0].plan_ms > 0  # a whole itinerary was planned
    assert "wayfarer_interpret_seconds_count 3.0" in metrics
    assert "wayfarer_plan_seconds_count 3.0" in metrics
