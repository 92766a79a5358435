"""Slot accuracy on the blind parsing set, measured through the real HTTP API (prints figures).

Starts the real app (memory store, offline language) with ``tests.support.live_server``.
For each case of ``tests/language/blind_cases.py`` it opens a session, sends the case's
context set-up messages (e.g. the Paris planning message before an edit), snapshots the
session, sends the case's message and reads the slots back:

- preferences from the SessionView (interests added = new ``interests``; removed = new
  ``avoid_interests`` plus interests dropped); an unsupported city from the reply, which
  must name it while the session's city stays unchanged;
- edits by their effect on the itinerary (days swapped, a day gone or added, the pace
  stepped, the targeted place gone, a place matching the replacement or query added, the
  plan before the last edit restored);
- ``intent``, ``export`` and ``day`` (question day) are not visible through the API: those
  slots are read from the offline interpreter directly, on the same message and context.

The start dates expected are resolved against the machine's date (what the server's
interpreter uses). The interpreter-only figure (``plans.TODAY``) is printed too; it is the
one ``tests/language/test_blind_cases.py`` asserts on.
"""

import logging
import os
from datetime import date
from typing import Any

import httpx
from tests.language.blind_cases import BLIND, CONTEXTS, Blind
from tests.language.blind_scoring import (
    Score,
    catalog_places,
    in_catalog,
    in_plan,
    interpreter_slots,
    interpreter_state,
    plain,
    score_interpreter,
    slot_ok,
)
from tests.language.plans import TODAY
from tests.reference import bundled_catalog, shared_world
from tests.support import live_server

from wayfarer.config import load_settings
from wayfarer.domain import (
    AddDay,
    AddPlace,
    ChangePace,
    DropDay,
    Edit,
    Itinerary,
    RemovePlace,
    ReplacePlace,
    SwapDays,
    Undo,
)
from wayfarer.language import OfflineInterpreter
from wayfarer.planner import CatalogPlace

#: Slots the API cannot show; read from the interpreter instead.
INTERPRETER_ONLY = ("intent", "export", "day")
PACE_ORDER = {"relaxed": 0, "moderate": 1, "packed": 2}

View = dict[str, Any]


class Api:
    """A thin client for one conversation at a time."""

    def __init__(self, http: httpx.Client) -> None:
        self.http = http

    def new_session(self) -> str:
        response = self.http.post("/api/sessions")
        response.raise_for_status()
        return str(response.json()["session_id"])

    def say(self, session_id: str, content: str) -> tuple[str, View]:
        """Send one message; the reply text and the session view after it."""
        response = self.http.post(f"/api/sessions/{session_id}/messages",
                                  json={"content": content})
        response.raise_for_status()
        body = response.json()
        return str(body["reply"]["content"]), body["session"]


def _activities(view: View) -> list[set[str]]:
    """Activity place ids per day of the view's itinerary (empty list without one)."""
    itinerary = view.get("itinerary")
    if not itinerary:
        return []
    return [{i["place"]["id"] for i in d["items"] if i["kind"] == "activity"}
            for d in itinerary["days"]]


def _all_ids(view: View) -> set[str]:
    return set().union(*_activities(view)) if view.get("itinerary") else set()


def _ids_by_day(view: View) -> list[set[str]]:
    itinerary = view.get("itinerary") or {"days": []}
    return [{i["place"]["id"] for i in d["items"]} for d in itinerary["days"]]


def edit_effect_ok(edit: Edit, before: View, after: View, earlier: View | None,
                   places: dict[str, CatalogPlace]) -> bool:
    """Whether ``after`` shows the effect of ``edit`` on ``before``."""
    old, new = _activities(before), _activities(after)
    if not old or not new:
        return False
    gone = set().union(*_ids_by_day(before)) - set().union(*_ids_by_day(after))
    added = set().union(*_ids_by_day(after)) - set().union(*_ids_by_day(before))
    plan = Itinerary.model_validate(before["itinerary"])
    match edit:
        case SwapDays(first=a, second=b):
            if max(a, b) > min(len(old), len(new)):
                return False
            na, nb, oa, ob = new[a - 1], new[b - 1], old[a - 1], old[b - 1]
            return len(na & ob) > len(na & oa) and len(nb & oa) > len(nb & ob)
        case DropDay(day=day):
            number = day or len(old)
            return len(new) == len(old) - 1 and len(old[number - 1] - _all_ids(after)) > len(
                old[number - 1]) / 2
        case AddDay():
            return len(new) == len(old) + 1
        case ChangePace(step=step) if step is not None:
            was = PACE_ORDER.get(before["preferences"]["pace"] or "moderate", 1)
            now = PACE_ORDER.get(after["preferences"]["pace"] or "moderate", 1)
            return now < was if step == "more_relaxed" else now > was
        case Undo():
            return earlier is not None and _ids_by_day(after) == _ids_by_day(earlier)
        case RemovePlace(target=target):
            return bool(gone & in_plan(target, plan, places))
        case ReplacePlace(target=target, replacement=replacement):
            if not gone & in_plan(target, plan, places):
                return False
            if replacement.model_dump(exclude_none=True) == {}:
                return bool(added)
            return bool(added & in_catalog(replacement, places))
        case AddPlace(query=query):
            wanted = added & in_catalog(query, places)
            if query.day is None:
                return bool(wanted)
            days = _ids_by_day(after)
            return query.day <= len(days) and bool(wanted & days[query.day - 1])
    return False


def api_slot(slot: str, case: Blind, reply: str, before: View, after: View,
             earlier: View | None, places: dict[str, CatalogPlace]) -> tuple[bool, object]:
    """(right?, what was seen) for one slot of one case, read from the API."""
    expected = case.expect[slot]
    was, now = before["preferences"], after["preferences"]
    if slot == "edits":
        oks = [edit_effect_ok(e, before, after, earlier, places) for e in expected]
        return all(oks), (after.get("last_edit") or {}).get("description") or reply[:80]
    if slot == "unsupported":
        named = plain(expected) in plain(reply)
        return named and now["city"] == was["city"], reply[:80]
    if slot == "add":
        got: object = set(now["interests"]) - set(was["interests"])
    elif slot == "remove":
        got = (set(now["avoid_interests"]) - set(was["avoid_interests"])) | (
            set(was["interests"]) - set(now["interests"]))
    elif slot == "start":
        got = date.fromisoformat(now["start_date"]) if now["start_date"] else None
    elif slot == "amount":
        got = now["budget_amount"]
    else:
        got = now[slot]
    return slot_ok(slot, expected, got, date.today()), got


def score_api(api: Api, interpreter: OfflineInterpreter) -> Score:
    """Every blind case through the API (interpreter for the slots the API cannot show)."""
    places = catalog_places("Paris")
    score = Score()
    for case in BLIND:
        session = api.new_session()
        views: list[View] = [api.http.get(f"/api/sessions/{session}").json()]
        for setup in CONTEXTS[case.context].setup:
            views.append(api.say(session, setup)[1])
        reply, after = api.say(session, case.message)
        before = views[-1]
        earlier = views[-2] if len(views) >= 2 else None
        direct = interpreter_slots(interpreter.read(case.message,
                                                    interpreter_state(case.context)))
        for slot in case.expect:
            if slot in INTERPRETER_ONLY:
                ok, got = direct[slot] == case.expect[slot], direct[slot]
            else:
                ok, got = api_slot(slot, case, reply, before, after, earlier, places)
            score.record(case, slot, ok, got)
    return score


def main() -> None:
    os.environ.setdefault("WAYFARER_ENV", "test")
    settings = load_settings(
        rate_limit_per_minute=0,
        rate_limit_create_per_minute=0,
        rate_limit_read_per_minute=0,
        log_level="warning",
    )
    print(f"blind set: {len(BLIND)} messages, "
          f"{sum(len(c.expect) for c in BLIND)} expected slots")
    with live_server(settings) as live, httpx.Client(base_url=live.url, timeout=30) as http:
        logging.getLogger("wayfarer").setLevel(logging.WARNING)
        covered = tuple(city.name for city in bundled_catalog().cities)  # what the app serves
        interpreter = OfflineInterpreter(covered, world=shared_world())
        api = score_api(Api(http), interpreter)
    print(f"-- through the HTTP API (today = {date.today()}; intent/export/day from the "
          f"interpreter)")
    print(api.report())
    reader = OfflineInterpreter(covered, today=lambda: TODAY, world=shared_world())
    direct = score_interpreter(reader, BLIND, TODAY)
    print(f"-- interpreter directly (today = {TODAY})")
    print(direct.report().split("\nmisses")[0])
