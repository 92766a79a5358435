"""Scripted conversations of SPEC §5 through the real HTTP API (memory store, offline)."""

import asyncio
import json
from datetime import date

import httpx
from icalendar import Calendar

from tests.conversation.conftest import Chat


def activities(day: dict[str, object]) -> list[dict[str, object]]:
    return [i for i in day["items"] if i["kind"] == "activity"]  # type: ignore[index,union-attr]


async def test_new_session_holds_the_greeting(chat: Chat) -> None:
    history = chat.session["history"]
    assert [m["role"] for m in history] == ["assistant"]
    assert history[0]["content"]
    assert chat.session["stage"] == "gathering"
    assert "version" not in chat.session


async def test_complete_first_message_plans_in_the_same_turn(chat: Chat) -> None:
    await chat.say("3 days in Rome, food and history, relaxed, cheap")
    assert chat.session["stage"] == "planned"
    assert chat.session["clarifying_questions_count"] == 0
    prefs = chat.prefs
    assert prefs["city"] == "Rome" and prefs["days"] == 3
    assert set(prefs["interests"]) >= {"food", "history"}
    assert prefs["pace"] == "relaxed" and prefs["budget"] == "budget"
    itinerary = chat.itinerary
    assert itinerary is not None and len(itinerary["days"]) == 3
    for day in itinerary["days"]:
        assert 2 <= len(activities(day)) <= 3
        assert all(i["place"]["cost_level"] <= 2 for i in day["items"])
    assert "Day 1" in chat.reply


async def test_gradual_gathering_asks_one_question_at_a_time(chat: Chat) -> None:
    await chat.say("Hi there!")
    assert chat.session["stage"] == "gathering"
    assert chat.session["clarifying_questions_count"] == 1
    await chat.say("Lisbon please")
    assert chat.prefs["city"] == "Lisbon"
    assert chat.session["clarifying_questions_count"] == 2
    await chat.say("4 days")
    assert chat.prefs["days"] == 4
    assert chat.session["clarifying_questions_count"] == 3
    # the cap (3) is reached: the next message plans on defaults and names them
    await chat.say("food and viewpoints")
    assert chat.session["stage"] == "planned"
    assert chat.session["clarifying_questions_count"] == 3
    assumptions = " ".join(chat.itinerary["assumptions"]).lower()  # type: ignore[index]
    assert "pace" in assumptions and "budget" in assumptions
    assert "moderate" in chat.reply.lower()


async def test_missing_city_is_asked_past_the_cap(chat: Chat) -> None:
    for text in ("hello", "hmm", "not sure yet", "ok"):
        await chat.say(text)
    assert chat.session["stage"] == "gathering"
    assert chat.session["clarifying_questions_count"] == 3
    await chat.say("Kyoto")
    assert chat.session["stage"] == "planned"
    assert set(chat.session["assumed"]) >= {"days", "pace", "budget"}
    assert len(chat.itinerary["days"]) == 3  # type: ignore[index]


async def test_unknown_city_is_answered_not_planned(chat: Chat) -> None:
    await chat.say("3 days in Lyon")
    assert chat.session["stage"] == "gathering"
    assert chat.prefs["city"] is None
    assert "Lyon" in chat.reply
    assert "Paris" in chat.reply
    await chat.say("ok, Paris then")
    assert chat.prefs["city"] == "Paris"
    assert chat.prefs["days"] == 3  # what came with the uncovered city is kept


async def test_edits_undo_and_locality(chat: Chat) -> None:
    await chat.say("4 days in Paris, museums and food, moderate pace, mid-range budget")
    before = chat.itinerary
    assert before is not None
    await chat.say("swap day 1 and 2")
    after = chat.itinerary
    assert after is not None
    assert chat.session["last_edit"]["days"] == [1, 2]
    # a place closed on its new weekday may be replaced; the edit summary names it
    replaced = set(chat.session["last_edit"]["place_ids"])

    def ids(day: dict[str, object]) -> set[str]:
        return {i["place"]["id"] for i in day["items"]}  # type: ignore[index,union-attr]

    assert ids(after["days"][0]) - replaced <= ids(before["days"][1])
    assert ids(after["days"][1]) - replaced <= ids(before["days"][0])
    assert len(ids(after["days"][0]) - replaced) >= 2
    assert after["days"][2:] == before["days"][2:]
    await chat.say("undo")
    assert chat.itinerary == before
    await chat.say("make it more relaxed")
    assert chat.prefs["pace"] == "relaxed"
    for day in chat.itinerary["days"]:  # type: ignore[index]
        assert 2 <= len(activities(day)) <= 3
    await chat.say("add a day")
    assert len(chat.itinerary["days"]) == 5  # type: ignore[index]
    await chat.say("drop the last day")
    assert len(chat.itinerary["days"]) == 4  # type: ignore[index]


async def test_replace_museum_with_something_outdoors(chat: Chat) -> None:
    await chat.say("3 days in London, museums and history, packed, luxury")
    day2 = chat.itinerary["days"][1]  # type: ignore[index]
    museums = [i for i in activities(day2) if i["place"]["category"] == "museum"]
    if not museums:
        return
    await chat.say("swap the museum on day 2 for something outdoors")
    assert chat.session["last_edit"] is not None
    assert 2 in chat.session["last_edit"]["days"]


async def test_change_of_city_replans(chat: Chat) -> None:
    await chat.say("2 days in Vienna, art and music, relaxed, moderate budget")
    assert chat.itinerary["city"] == "Vienna"  # type: ignore[index]
    await chat.say("actually let's do Prague instead")
    assert chat.itinerary["city"] == "Prague"  # type: ignore[index]
    assert len(chat.itinerary["days"]) == 2  # type: ignore[index]


async def test_start_over(chat: Chat) -> None:
    await chat.say("3 days in Tokyo, food, relaxed, cheap")
    await chat.say("new trip")  # mid-plan: confirmed first, as the page's button does
    assert chat.session["stage"] == "planned"
    assert chat.itinerary is not None
    await chat.say("yes")
    assert chat.session["stage"] == "gathering"
    assert chat.session["itinerary"] is None
    assert chat.prefs["city"] is None
    assert chat.session["clarifying_questions_count"] == 0


async def test_exports(chat: Chat, client: httpx.AsyncClient) -> None:
    url = f"/api/sessions/{chat.session_id}/itinerary"
    assert (await client.get(url, params={"format": "ics"})).status_code == 404
    await chat.say("2 days in Barcelona from 3 to 4 May, beaches and architecture, relaxed, cheap")
    ics = await client.get(url, params={"format": "ics"})
    assert ics.status_code == 200
    assert ics.headers["content-type"].startswith("text/calendar")
    assert "attachment" in ics.headers["content-disposition"]
    calendar = Calendar.from_ical(ics.content)
    events = calendar.walk("VEVENT")
    assert len(events) == sum(len(d["items"]) for d in chat.itinerary["days"])  # type: ignore[index]
    starts = sorted(e.decoded("DTSTART").date() for e in events)
    assert starts[0].month == 5 and starts[0].day == 3
    markdown = await client.get(url, params={"format": "markdown"})
    assert markdown.status_code == 200 and "Day 1" in markdown.text
    as_json = await client.get(url, params={"format": "json"})
    assert as_json.json()["city"] == "Barcelona"
    bad = await client.get(url, params={"format": "pdf"})
    assert bad.status_code == 422
    assert bad.json()["error"]["code"] == "invalid_request"
    await chat.say("export it to my calendar")
    assert "format=ics" in chat.reply or "calendar" in chat.reply.lower()


async def test_question_about_a_day(chat: Chat) -> None:
    await chat.say("3 days in Seoul, food and culture, moderate, moderate budget")
    day2 = chat.itinerary["days"][1]  # type: ignore[index]
    await chat.say("what's on day 2?")
    first_place = day2["items"][0]["place"]["name"]
    assert first_place in chat.reply


async def test_idempotent_retry(chat: Chat, client: httpx.AsyncClient) -> None:
    first = await chat.say("2 days in Rome, food, relaxed, cheap", client_message_id="m-1")
    count = len(chat.session["history"])
    again = await chat.say("2 days in Rome, food, relaxed, cheap", client_message_id="m-1")
    assert again["reply"] == first["reply"]
    assert len(chat.session["history"]) == count


async def test_history_limit_is_enforced(make_settings, ) -> None:  # type: ignore[no-untyped-def]
    from tests.support import live_server

    with live_server(make_settings(history_limit=4)) as live:
        async with httpx.AsyncClient(base_url=live.url) as http:
            session_id = (await http.post("/api/sessions")).json()["session_id"]
            for text in ("hi", "Rome", "2 days", "food"):
                response = await http.post(
                    f"/api/sessions/{session_id}/messages", json={"content": text}
                )
                assert response.status_code == 200
            history = response.json()["session"]["history"]
            assert len(history) == 4
            assert history[-2]["content"] == "food"


async def test_validation_errors(chat: Chat, client: httpx.AsyncClient) -> None:
    url = f"/api/sessions/{chat.session_id}/messages"
    for body in ({"content": ""}, {"content": "   "}, {"content": "x" * 2001}, {},
                 {"content": 5}, {"content": "hi", "client_message_id": "x" * 500}):
        response = await client.post(url, json=body)
        assert response.status_code == 422, body
        assert response.json()["error"]["code"] == "invalid_request"
    response = await client.post(
        url, content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    for raw in (b"\xff\xfe\xfa", b"[1, 2]", b"null"):
        response = await client.post(url, content=raw, headers={"content-type": "application/json"})
        assert response.status_code == 422, raw
        assert response.json()["error"]["code"] == "invalid_request"
    missing = await client.post("/api/sessions/nope/messages", json={"content": "hi"})
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "session_not_found"


async def test_sse_framing(chat: Chat, client: httpx.AsyncClient) -> None:
    url = f"/api/sessions/{chat.session_id}/messages"
    events: list[tuple[str, dict[str, object]]] = []
    async with client.stream(
        "POST", url, json={"content": "2 days in Paris, art, relaxed, cheap"},
        headers={"Accept": "text/event-stream"},
    ) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        raw = (await response.aread()).decode()
    for frame in raw.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in frame.splitlines())
        events.append((lines["event"], json.loads(lines["data"])))
    kinds = [kind for kind, _ in events]
    assert kinds[-1] == "done" and set(kinds[:-1]) == {"token"} and len(kinds) > 2
    text = "".join(str(data["text"]) for kind, data in events if kind == "token")
    done = events[-1][1]
    assert done["reply"]["content"] == text  # type: ignore[index]
    assert done["session"]["stage"] == "planned"  # type: ignore[index]


async def test_sse_errors_before_streaming_are_json(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/sessions/unknown/messages", json={"content": "hi"},
        headers={"Accept": "text/event-stream"},
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "session_not_found"


async def test_concurrent_turns_are_serialized(chat: Chat, client: httpx.AsyncClient) -> None:
    url = f"/api/sessions/{chat.session_id}/messages"
    texts = [f"message {n}" for n in range(8)]
    responses = await asyncio.gather(*(client.post(url, json={"content": t}) for t in texts))
    assert all(r.status_code == 200 for r in responses)
    history = (await client.get(f"/api/sessions/{chat.session_id}")).json()["history"]
    users = [m["content"] for m in history if m["role"] == "user"]
    assert sorted(users) == sorted(texts)
    assert len(history) == 1 + 2 * len(texts)


async def test_dates_set_days_and_start(chat: Chat) -> None:
    year = date.today().year
    await chat.say("Amsterdam from 3 to 6 May, museums and art, relaxed, moderate budget")
    prefs = chat.prefs
    assert prefs["days"] == 4
    start = date.fromisoformat(prefs["start_date"])
    assert (start.month, start.day) == (5, 3) and start.year in (year, year + 1)
    assert chat.itinerary["days"][0]["date"] == prefs["start_date"]  # type: ignore[index]


async def test_sse_disconnect_does_not_lose_the_turn(chat: Chat, client: httpx.AsyncClient) -> None:
    url = f"/api/sessions/{chat.session_id}/messages"
    body = {"content": "2 days in Vienna, art, relaxed, cheap", "client_message_id": "sse-1"}
    async with client.stream(
        "POST", url, json=body, headers={"Accept": "text/event-stream"}
    ) as response:
        assert response.status_code == 200
        async for line in response.aiter_lines():
            if line.startswith("event: token"):
                break  # hang up after the first chunk
    for _ in range(50):
        history = (await client.get(f"/api/sessions/{chat.session_id}")).json()["history"]
        if len(history) == 3:
            break
        await asyncio.sleep(0.1)
    assert [m["role"] for m in history] == ["assistant", "user", "assistant"]
    retry = await chat.say(body["content"], client_message_id="sse-1")
    assert retry["reply"]["content"] == history[-1]["content"]
    assert len(chat.session["history"]) == 3
