"""Memory sessions survive a restart with WAYFARER_MEMORY_SNAPSHOT_PATH: a real
``wayfarer serve`` is stopped (SIGTERM) and started again on the same snapshot."""

import json
import time
from pathlib import Path

import httpx

from tests.api.processes import wayfarer_serve
from wayfarer.sessions import new_session_id


def test_a_conversation_continues_after_a_restart(tmp_path: Path) -> None:
    snapshot = tmp_path / "state" / "sessions.json"
    env = {"WAYFARER_MEMORY_SNAPSHOT_PATH": str(snapshot)}
    with wayfarer_serve(env) as served, httpx.Client(base_url=served.url, timeout=30) as http:
        session_id = http.post("/api/sessions").json()["session_id"]
        url = f"/api/sessions/{session_id}"
        planned = http.post(
            f"{url}/messages", json={"content": "3 days in Rome, food and history, relaxed, cheap"}
        )
        before = http.get(url).json()
        served.stop()  # SIGTERM: uvicorn shuts down gracefully, then re-raises it
    assert planned.json()["session"]["itinerary"] is not None
    assert snapshot.stat().st_mode & 0o777 == 0o600
    with wayfarer_serve(env) as served, httpx.Client(base_url=served.url, timeout=30) as http:
        after = http.get(url).json()
        assert after["history"] == before["history"]
        assert after["itinerary"] == before["itinerary"]
        edited = http.post(f"{url}/messages", json={"content": "make it more relaxed"})
        assert edited.status_code == 200
        assert len(edited.json()["session"]["history"]) == len(before["history"]) + 2


def test_expired_and_undecodable_entries_are_dropped_and_counted(tmp_path: Path) -> None:
    snapshot = tmp_path / "sessions.json"
    env = {"WAYFARER_MEMORY_SNAPSHOT_PATH": str(snapshot)}
    with wayfarer_serve(env) as served:  # make one real session to reuse its document
        session_id = httpx.post(f"{served.url}/api/sessions").json()["session_id"]
        served.stop()
    saved = json.loads(snapshot.read_text())
    live = saved["sessions"][0]
    expired = {**live, "id": new_session_id(), "expires_at": time.time() - 1}
    garbage = {**live, "id": new_session_id(), "document": '{"schema_version": 999}'}
    not_json = {**live, "id": new_session_id(), "document": "{not json"}
    saved["sessions"] += [expired, garbage, not_json]
    snapshot.write_text(json.dumps(saved))
    with wayfarer_serve(env) as served:
        assert httpx.get(f"{served.url}/api/sessions/{session_id}").status_code == 200
        for entry in (expired, garbage, not_json):
            assert httpx.get(f"{served.url}/api/sessions/{entry['id']}").status_code == 404
        metrics = httpx.get(f"{served.url}/metrics").text
    assert "wayfarer_session_decode_errors_total 2.0" in metrics


def test_an_unreadable_snapshot_is_set_aside_not_fatal(tmp_path: Path) -> None:
    snapshot = tmp_path / "sessions.json"
    snapshot.write_text("this is not a snapshot")
    with wayfarer_serve({"WAYFARER_MEMORY_SNAPSHOT_PATH": str(snapshot)}) as served:
        assert httpx.post(f"{served.url}/api/sessions").status_code == 201
    assert (tmp_path / "sessions.json.unreadable").read_text() == "this is not a snapshot"
    assert len(json.loads(snapshot.read_text())["sessions"]) == 1


def test_a_turn_on_a_document_whose_itinerary_is_unreadable_is_not_found(tmp_path: Path) -> None:
    """The itinerary is decoded when a turn first reads it (ADR 0081): a stored one that
    cannot be read answers the SPEC's 404, never a 500, and touches no other session."""
    snapshot = tmp_path / "sessions.json"
    env = {"WAYFARER_MEMORY_SNAPSHOT_PATH": str(snapshot)}
    with wayfarer_serve(env) as served, httpx.Client(base_url=served.url, timeout=30) as http:
        ids = [http.post("/api/sessions").json()["session_id"] for _ in range(2)]
        for session_id in ids:
            http.post(f"/api/sessions/{session_id}/messages",
                      json={"content": "3 days in Rome, food and history, relaxed, cheap"})
        served.stop()
    saved = json.loads(snapshot.read_text())
    broken = next(entry for entry in saved["sessions"] if entry["id"] == ids[0])
    assert '"cost_level":' in broken["document"]
    broken["document"] = broken["document"].replace('"cost_level":', '"cost_level":"x",'
                                                    '"ignored":', 1)
    snapshot.write_text(json.dumps(saved))
    with wayfarer_serve(env) as served, httpx.Client(base_url=served.url, timeout=30) as http:
        turn = http.post(f"/api/sessions/{ids[0]}/messages", json={"content": "more relaxed"})
        assert turn.status_code == 404
        assert turn.json()["error"]["code"] == "session_not_found"
        other = http.post(f"/api/sessions/{ids[1]}/messages", json={"content": "more relaxed"})
        assert other.status_code == 200 and other.json()["session"]["itinerary"] is not None
