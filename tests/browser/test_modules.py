"""The page's pure JavaScript modules, run in the real browser (table tests).

Each case imports a module from the live server (so the CSP applies) and calls it with
inputs the end-to-end tests rarely produce: SSE frames split across chunks, CRLF line
ends, a single-stop route, unusual Content-Disposition headers, every error status.
"""

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.support import live_server
from wayfarer.config import load_settings

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page(browser: Browser) -> Iterator[Page]:
    """One page on one server for every case here (the modules are pure: no state)."""
    with live_server(load_settings()) as server:
        context = browser.new_context(base_url=server.url)
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.goto("/")
        yield tab
        context.close()
        assert not errors


def run(page: Page, module: str, body: str) -> Any:
    """Import ``/js/<module>`` as ``m`` in the page and return ``body``'s value."""
    return page.evaluate(
        f"async () => {{ const m = await import('/js/{module}'); return ({body}); }}"
    )


def test_sse_frames_split_anywhere_are_reassembled(page: Page) -> None:
    events = run(page, "sse.js", """(() => {
        const p = new m.SseParser();
        const out = [];
        const stream = 'event: token\\r\\ndata: {"text":"He"}\\r\\n\\r\\n: keep-alive\\n\\n'
          + 'event: token\\ndata: {"text":"llo"}\\n\\nevent: done\\ndata: {"a":1}\\n'
          + 'data: {"b":2}\\n';
        for (const ch of stream) out.push(...p.feed(ch));
        out.push(...p.flush());
        return out;
    })()""")
    assert events == [
        {"event": "token", "data": '{"text":"He"}'},
        {"event": "token", "data": '{"text":"llo"}'},
        {"event": "done", "data": '{"a":1}\n{"b":2}'},
    ]


def test_route_projection_is_north_up_to_scale_and_inside_its_box(page: Page) -> None:
    box = "{left: 20, top: 20, right: 280, bottom: 170}"
    square = run(page, "route.js", f"""m.projectRoute([
        {{lat: 38.70, lon: -9.15}}, {{lat: 38.71, lon: -9.15}}, {{lat: 38.70, lon: -9.137}}
    ], {box})""")
    south, north, east = square["points"]
    assert north["y"] < south["y"] and east["x"] > south["x"]
    # About 1.1 km north and 1.1 km east: the same length on screen.
    assert abs((south["y"] - north["y"]) - (east["x"] - south["x"])) < 0.05 * (
        south["y"] - north["y"]
    )
    for point in square["points"]:
        assert 20 <= point["x"] <= 280 and 20 <= point["y"] <= 170
    single = run(page, "route.js", f"m.projectRoute([{{lat: 1, lon: 2}}], {box})")
    assert single["points"] == [{"x": 150, "y": 95}]
    assert run(page, "route.js", "m.scaleBarKm(100, 90)") == 0.5


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ('attachment; filename="wayfarer-lisbon.ics"', "wayfarer-lisbon.ics"),
        ("attachment; filename=plan.md", "plan.md"),
        ("attachment; filename*=UTF-8''S%C3%A3o%20Paulo.md", "São Paulo.md"),
        ("attachment", None),
    ],
)
def test_download_names_come_from_content_disposition(
    page: Page, header: str, name: str | None
) -> None:
    assert run(page, "api.js", f"m.filenameFrom({header!r})") == name


@pytest.mark.parametrize(
    ("error", "title", "retryable"),
    [
        ("{status: 409, code: 'turn_in_progress'}", "still working", True),
        ("{status: 429, code: 'rate_limited', retryAfter: 7}", "a lot of messages", True),
        ("{status: 503, code: 'store_unavailable'}", "trip storage", True),
        ("{status: 503, code: 'llm_unavailable'}", "language service", True),
        ("{status: 0, code: 'network'}", "can\u2019t be reached", True),
        ("{status: 422, code: 'invalid_request', message: 'Long.'}", "couldn\u2019t take", False),
        ("{status: 500, code: 'internal_error'}", "Something went wrong", True),
    ],
)
def test_errors_are_described_in_plain_words(
    page: Page, error: str, title: str, retryable: bool
) -> None:
    described = run(page, "errors.js", f"m.describeError({error})")
    assert title in described["title"]
    assert described["retryable"] is retryable
    if "retryAfter" in error:
        assert "7 seconds" in described["detail"]


def test_assumed_preferences_are_marked_on_their_chips(page: Page) -> None:
    chips = run(page, "prefs.js", """m.preferenceChips({
        preferences: {city: 'Lisbon', country: 'Portugal', days: null, interests: ['food'],
                      avoid_interests: ['museums'], pace: null, budget: null, travelers: 2,
                      start_date: '2026-05-04'},
        assumed: ['days', 'pace', 'budget'],
        itinerary: null,
    }, (await (await fetch('/api/config')).json()).defaults)""")
    by_key = {chip["key"]: chip for chip in chips}
    assert [chip["key"] for chip in chips] == [
        "city", "days", "dates", "travellers", "interests", "pace", "budget",
    ]
    assert by_key["days"] == {
        "key": "days", "label": "Days", "value": "3 days", "assumed": True, "empty": False,
    }
    assert by_key["pace"]["value"] == "Moderate" and by_key["pace"]["assumed"]
    assert re.fullmatch(r"4\s?\u2013\s?6 May 2026", by_key["dates"]["value"])
    assert by_key["interests"]["value"] == "Food; not museums"
    assert by_key["travellers"]["value"] == "2 travellers"
    assert not by_key["city"]["assumed"]



def test_an_assumed_chip_without_known_defaults_says_default(page: Page) -> None:
    chips = run(page, "prefs.js", """m.preferenceChips({
        preferences: {city: 'Lisbon'}, assumed: ['days', 'pace'], itinerary: null,
    })""")
    by_key = {chip["key"]: chip for chip in chips}
    assert by_key["days"]["value"] == by_key["pace"]["value"] == "Default"
    assert by_key["days"]["assumed"] and not by_key["budget"]["assumed"]


def test_a_partial_page_configuration_leaves_the_rest_unknown(page: Page) -> None:
    config = run(page, "page-config.js",
                 "m.pageConfig({edit_ops: ['pin'], limits: {message_chars: 10}, vocabulary: 3})")
    assert config["editOps"] == ["pin"]
    assert config["limits"] == {"message_chars": 10}
    assert config["vocabulary"] == {"interests": [], "paces": [], "budgets": []}
    assert config["map"] == {"tiles_url": "", "attribution": ""}
    assert config["exampleCities"] == [] and config["defaults"] == {}

REALISM_ITINERARY = """{
  city: "Rome", country: "Italy",
  estimated_cost: {level: "moderate", amount: 240, currency: "EUR", per_person: false,
    travelers: 2, breakdown: {entries: 60, meals: 150, transport: 30},
    per_day: [{day: 1, amount: 240}], budget: 300, basis: "catalog"},
  assumptions: [],
  days: [{day: 1, date: null, theme: "Centre", items: [
    {start: "09:30", end: "11:30", kind: "activity", note: "", cost: 18, meal: null,
     place: {id: "a", name: "Museum A", category: "museum", interests: ["art"],
             lat: 41.9, lon: 12.5, cost_level: 2}},
    {start: "12:30", end: "13:30", kind: "meal", note: "", cost: 25, meal: "lunch",
     place: {id: "b", name: "Trattoria B", category: "restaurant", interests: ["food"],
             lat: 41.901, lon: 12.501, cost_level: 1, serves: ["lunch", "dinner"]}}]}]
}"""
DRAW = """(() => {
  const ids = ["itinerary-summary", "overview", "days", "empty", "change", "change-text"];
  const root = document.createElement("div");
  for (const id of ids) {
    const el = document.createElement("div");
    el.id = "t-" + id;
    root.append(el);
  }
  const parts = m.itineraryParts((id) => root.querySelector("#t-" + id));
  m.renderItinerary(parts, ITINERARY, null, {map: null, details: null, actions: null});
  return root.innerText;
})()"""


def test_realism_fields_are_shown_when_present(page: Page) -> None:
    text = run(page, "itinerary.js", DRAW.replace("ITINERARY", REALISM_ITINERARY))
    for expected in ("€240 for 2 people", "Meals: about €150", "Your budget: €300",
                     "about €18 per person", "Lunch", "Serves lunch and dinner",
                     "Day 1", "about €240"):
        assert expected in text, expected


def test_without_realism_fields_the_stop_still_reads_well(page: Page) -> None:
    plain = re.sub(r'cost: \d+, meal: (null|"lunch"),\s*', "", REALISM_ITINERARY)
    plain = re.sub(r"estimated_cost: \{.*?basis: \"catalog\"\},", "", plain, flags=re.S)
    plain = plain.replace(', serves: ["lunch", "dinner"]', "")
    text = run(page, "itinerary.js", DRAW.replace("ITINERARY", plain))
    assert "Museum A" in text and "Moderately priced" in text and "Lunch" in text
    assert "per person" not in text and "Serves" not in text and "undefined" not in text


def test_sketch_markers_never_overlap(page: Page) -> None:
    spread = run(page, "route.js", """m.spreadMarkers(
        [{x: 50, y: 50}, {x: 52, y: 50}, {x: 50, y: 50}, {x: 200, y: 10}])""")
    assert spread[3] == {"x": 200, "y": 10}  # far ones stay put
    for i, a in enumerate(spread):
        for b in spread[:i]:
            assert ((a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2) ** 0.5 >= 17.9


def test_keep_appears_when_the_server_accepts_pin_and_sends_it(page: Page) -> None:
    ops = run(page, "itinerary.js", DRAW_WITH_ACTIONS.replace("ITINERARY", REALISM_ITINERARY))
    assert ops["without"] == []
    assert ops["sent"] == [{"op": "pin", "target": {"name": "Museum A", "day": 1}}]


DRAW_WITH_ACTIONS = """(() => {
  const draw = (keep, sent) => {
    const root = document.createElement("div");
    for (const id of ["itinerary-summary", "overview", "days", "empty", "change", "change-text"]) {
      const el = document.createElement("div");
      el.id = "t-" + id;
      root.append(el);
    }
    const parts = m.itineraryParts((id) => root.querySelector("#t-" + id));
    m.renderItinerary(parts, ITINERARY, null,
      {map: null, details: null, actions: {edit: (op) => sent.push(op), keep}});
    return root;
  };
  const keeps = (root) => Array.from(root.querySelectorAll("button"))
    .filter((b) => b.textContent.startsWith("Keep"));
  const none = keeps(draw(false, []));
  const sent = [];
  keeps(draw(true, sent))[0].click();
  return {without: none.map((b) => b.textContent), sent};
})()"""
