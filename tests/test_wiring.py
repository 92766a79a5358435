"""The app owns its reference data (issue 15 item 8): the catalog and gazetteer it serves
are the ones its wiring was given or loaded, never a process-wide cache."""

import shutil
from pathlib import Path

import httpx

from tests.conftest import SettingsFactory
from tests.reference import shared_world
from tests.support import live_server
from wayfarer.api.app import create_app
from wayfarer.planner import load_catalog
from wayfarer.planner.catalog import data_dir
from wayfarer.wiring import ReferenceData


def test_an_app_serves_the_catalog_it_is_given(
    tmp_path: Path, make_settings: SettingsFactory
) -> None:
    for name in ("lisbon.json", "porto.json"):
        shutil.copy(data_dir() / name, tmp_path / name)
    reference = ReferenceData(catalog=load_catalog(tmp_path), world=shared_world())
    settings = make_settings()
    with live_server(settings, app=create_app(settings, reference=reference)) as live:
        cities = httpx.get(f"{live.url}/api/cities").json()
        assert [c["name"] for c in cities] == ["Lisbon", "Porto"]
        session = httpx.post(f"{live.url}/api/sessions").json()["session_id"]
        reply = httpx.post(f"{live.url}/api/sessions/{session}/messages",
                           json={"content": "3 days in Rome"}, timeout=30).json()
        assert "Lisbon" in reply["reply"]["content"] or "Porto" in reply["reply"]["content"]
        assert reply["session"]["itinerary"] is None


def test_each_load_is_its_own(tmp_path: Path) -> None:
    shutil.copy(data_dir() / "porto.json", tmp_path / "porto.json")
    assert load_catalog(tmp_path) is not load_catalog(tmp_path)
