"""Maps and stop details: Leaflet over tiles from a local tile server (a numbered marker
per stop, a trip overview), the SVG sketch when tiles are off, and what each stop says."""

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.pages import ChatPage
from tests.browser.tiles import TileServer, tile_server
from tests.conftest import SettingsFactory
from tests.support import LiveServer, free_port, live_server

pytestmark = pytest.mark.browser

OpenPage = Callable[..., ChatPage]
TRIP = "3 days in Rome, history and food, relaxed, cheap"


@pytest.fixture
def tiles() -> Iterator[TileServer]:
    with tile_server() as served:
        yield served


@pytest.fixture
def tiled(make_settings: SettingsFactory, tiles: TileServer) -> Iterator[LiveServer]:
    with live_server(make_settings(map_tiles_url=tiles.template)) as live:
        yield live


def _stop_counts(chat: ChatPage) -> list[int]:
    cards = chat.itinerary.get_by_role("article")
    return [cards.nth(i).locator(".stop").count() for i in range(cards.count())]


def test_each_day_has_a_map_with_one_numbered_marker_per_stop(
    open_page: OpenPage, tiled: LiveServer, tiles: TileServer
) -> None:
    chat = open_page(at=tiled)
    chat.send(TRIP)
    expect(chat.day_heading(3)).to_be_visible()
    for day, stops in enumerate(_stop_counts(chat), start=1):
        card = chat.day_card(day)
        expect(card.get_by_role("region", name=f"Map of day {day}")).to_be_visible()
        markers = card.locator(".leaflet-marker-icon")
        expect(markers).to_have_count(stops)
        expect(markers.first).to_have_text("1")
        assert card.locator(".map-stop--meal").count() == card.locator(".stop--meal").count()
        expect(card.locator("path.map-route")).to_have_count(1)
    overview = chat.page.get_by_role("region", name="Map of the whole trip")
    expect(overview).to_be_visible()
    expect(chat.page.locator("#overview path.map-route")).to_have_count(3)
    expect(chat.page.locator("#overview .legend__item")).to_have_count(3)
    expect(chat.page.locator(".leaflet-control-attribution").first).to_contain_text(
        "OpenStreetMap contributors")
    expect(chat.page.locator(".leaflet-tile-loaded").first).to_be_attached()
    assert tiles.served
    csp = chat.page.request.get(tiled.url + "/").headers["content-security-policy"]
    assert tiles.template.split("/{z}")[0] in csp


def test_without_tiles_the_route_sketch_is_drawn(open_page: OpenPage) -> None:
    chat = open_page()
    chat.send(TRIP)
    expect(chat.day_heading(3)).to_be_visible()
    expect(chat.page.locator(".leaflet-container")).to_have_count(0)
    for day in (1, 2, 3):
        expect(chat.day_card(day).get_by_role(
            "img", name=re.compile(f"Route sketch for day {day}"))).to_be_visible()
    whole = chat.page.get_by_role("img", name=re.compile("Sketch of the whole trip"))
    expect(whole).to_be_visible()


def test_a_dead_tile_host_falls_back_to_the_sketch(
    open_page: OpenPage, make_settings: SettingsFactory
) -> None:
    # Nothing listens on a fresh free port: every tile fails, so the maps give way. The
    # browser logs each failed request itself; the page adds no error of its own.
    dead = f"http://127.0.0.1:{free_port()}/{{z}}/{{x}}/{{y}}.png"
    with live_server(make_settings(map_tiles_url=dead)) as live:
        chat = open_page(at=live, network_errors=True)
        chat.send(TRIP)
        expect(chat.day_card(1).get_by_role(
            "img", name=re.compile("Route sketch for day 1"))).to_be_visible()
        expect(chat.page.locator(".leaflet-container")).to_have_count(0)


def test_stops_show_hours_reason_travel_and_map_links(open_page: OpenPage) -> None:
    chat = open_page()
    chat.send(TRIP)
    first = chat.day_card(1).locator(".stop").first
    expect(first.locator(".stop__hours")).to_contain_text(
        re.compile(r"Open \d\d:\d\d\u2013\d\d:\d\d that day|Closed that day|open 24 hours"))
    expect(first.locator(".stop__why")).not_to_be_empty()
    expect(first.locator(".stop__price")).not_to_be_empty()
    expect(first.locator(".stop__travel")).to_contain_text(
        re.compile(r"Next stop: [\d.]+ (m|km), about \d+ (min|h).*(on foot|by public transport)"))
    geo = first.get_by_role("link", name=re.compile("^Open in maps"))
    assert re.match(r"geo:-?\d+\.\d+,-?\d+\.\d+\?q=", geo.get_attribute("href") or "")
    osm = first.get_by_role("link", name=re.compile("^OpenStreetMap"))
    assert (osm.get_attribute("href") or "").startswith("https://www.openstreetmap.org/?mlat=")
    last = chat.day_card(1).locator(".stop").last
    expect(last.locator(".stop__travel")).to_have_count(0)
