"""Multi-city conversations (issue 11) through the real HTTP API (memory store, offline).

Build a trip of legs, answer "how to split?", extend, drop and reorder legs, edit inside
one leg, undo a leg change, refuse a trip over 14 days, and name uncovered cities. The
preferences are the policy's side; checks of each day's city need the planner to plan
every leg (branch legs-plan), and are marked with ``needs_leg_planner``.
"""

from typing import Any

from tests.conversation.conftest import Chat


def legs(chat: Chat) -> list[tuple[str, int | None]]:
    """The session's legs as (city, days)."""
    return [(leg["city"], leg["days"]) for leg in chat.prefs["legs"]]


def day_cities(chat: Chat) -> list[str | None]:
    """The city of each planned day."""
    assert chat.itinerary is not None
    return [day.get("city") for day in chat.itinerary["days"]]


def day_places(chat: Chat, number: int) -> list[str]:
    assert chat.itinerary is not None
    day: dict[str, Any] = chat.itinerary["days"][number - 1]
    return [i["place"]["id"] for i in day["items"]]


async def test_a_stated_trip_of_legs_is_planned_with_every_leg(chat: Chat) -> None:
    await chat.say("5 days: 3 in Tokyo then 2 in Kyoto, food and temples, relaxed, mid-range")
    assert legs(chat) == [("Tokyo", 3), ("Kyoto", 2)]
    assert chat.prefs["city"] == "Tokyo" and chat.prefs["days"] == 5
    assert chat.session["stage"] == "planned"
    assert day_cities(chat) == ["Tokyo"] * 3 + ["Kyoto"] * 2
    assert "Kyoto" in chat.reply


async def test_days_after_each_city_are_not_travellers(chat: Chat) -> None:
    await chat.say("Paris for 3 days then London for 2")
    assert legs(chat) == [("Paris", 3), ("London", 2)]
    assert chat.prefs["travelers"] is None
    assert chat.prefs["days"] == 5


async def test_an_unsaid_split_is_asked_with_an_even_default(chat: Chat) -> None:
    await chat.say("Tokyo and Kyoto, 6 days, surprise me, moderate pace and budget")
    assert chat.session["stage"] == "gathering"
    assert "3 days in Tokyo, then 3 in Kyoto" in chat.reply
    assert chat.reply.rstrip().endswith("?")
    await chat.say("just split it")
    assert legs(chat) == [("Tokyo", 3), ("Kyoto", 3)]
    assert chat.session["stage"] == "planned"


async def test_a_split_can_be_given_for_one_city(chat: Chat) -> None:
    await chat.say("Tokyo and Kyoto, 6 days, surprise me, moderate pace and budget")
    await chat.say("4 in tokyo")
    assert legs(chat) == [("Tokyo", 4), ("Kyoto", 2)]
    assert chat.session["stage"] == "planned"


async def test_a_split_can_be_given_in_order(chat: Chat) -> None:
    await chat.say("Lisbon and Porto, 5 days, surprise me, relaxed, cheap")
    await chat.say("3 and 2")
    assert legs(chat) == [("Lisbon", 3), ("Porto", 2)]


async def test_cities_without_a_length_ask_for_it_then_the_split(chat: Chat) -> None:
    await chat.say("starting in Lisbon, ending in Porto")
    assert legs(chat) == [("Lisbon", None), ("Porto", None)]
    assert "how many days" in chat.reply.lower() or "how long" in chat.reply.lower()
    await chat.say("a week")
    assert "4 days in Lisbon, then 3 in Porto" in chat.reply
    await chat.say("yes")
    assert legs(chat) == [("Lisbon", 4), ("Porto", 3)]


async def _tokyo_kyoto(chat: Chat) -> None:
    await chat.say("3 days in Tokyo then 2 in Kyoto, surprise me, moderate pace and budget")
    assert chat.session["stage"] == "planned"


async def test_extend_a_leg_and_undo_it(chat: Chat) -> None:
    await _tokyo_kyoto(chat)
    await chat.say("one more day in Tokyo")
    assert legs(chat) == [("Tokyo", 4), ("Kyoto", 2)]
    assert chat.prefs["days"] == 6
    await chat.say("undo")
    assert legs(chat) == [("Tokyo", 3), ("Kyoto", 2)]


async def test_add_days_in_a_new_city_at_the_end(chat: Chat) -> None:
    await _tokyo_kyoto(chat)
    await chat.say("add 2 days in Osaka at the end")
    assert legs(chat) == [("Tokyo", 3), ("Kyoto", 2), ("Osaka", 2)]


async def test_drop_a_leg(chat: Chat) -> None:
    await _tokyo_kyoto(chat)
    await chat.say("drop Kyoto")
    assert legs(chat) == [("Tokyo", 3)]
    assert chat.prefs["city"] == "Tokyo" and chat.prefs["days"] == 3
    assert day_cities(chat) == ["Tokyo"] * 3


async def test_reorder_the_legs(chat: Chat) -> None:
    await _tokyo_kyoto(chat)
    await chat.say("do Kyoto first")
    assert legs(chat) == [("Kyoto", 2), ("Tokyo", 3)]
    assert chat.prefs["city"] == "Kyoto"
    await chat.say("swap the order")
    assert legs(chat) == [("Tokyo", 3), ("Kyoto", 2)]


async def test_an_edit_of_a_kyoto_day_stays_in_that_day(chat: Chat) -> None:
    await _tokyo_kyoto(chat)
    tokyo_days = [day_places(chat, n) for n in (1, 2, 3)]
    await chat.say("make day 4 more relaxed")
    assert chat.session["last_edit"]["days"] == [4]
    assert [day_places(chat, n) for n in (1, 2, 3)] == tokyo_days
    assert legs(chat) == [("Tokyo", 3), ("Kyoto", 2)]


async def test_a_trip_over_fourteen_days_is_refused_kindly(chat: Chat) -> None:
    await _tokyo_kyoto(chat)
    before = chat.session["itinerary"]
    await chat.say("add 10 days in Osaka")
    assert legs(chat) == [("Tokyo", 3), ("Kyoto", 2)]
    assert chat.session["itinerary"] == before
    assert "14 days" in chat.reply


async def test_a_stated_trip_over_fourteen_days_is_refused_kindly(chat: Chat) -> None:
    await chat.say("10 days in Rome then 6 in Venice")
    assert chat.session["stage"] == "gathering"
    assert "14 days" in chat.reply and "16" in chat.reply


async def test_an_uncovered_leg_is_named_with_covered_cities_nearby(chat: Chat) -> None:
    await chat.say("3 days in Tokyo then 2 in Hiroshima, surprise me, moderate pace and budget")
    assert chat.prefs["city"] == "Tokyo" and chat.prefs["days"] == 3
    assert chat.session["stage"] == "planned"
    assert "Hiroshima" in chat.reply
    assert "Osaka" in chat.reply or "Kyoto" in chat.reply


async def test_every_leg_uncovered_is_an_unsupported_city(chat: Chat) -> None:
    await chat.say("Nagoya then Hiroshima, 5 days")
    assert chat.session["stage"] == "gathering"
    assert chat.prefs["city"] is None
    assert "Nagoya" in chat.reply


async def test_both_after_a_city_question_adds_the_leg(chat: Chat) -> None:
    await chat.say("3 days in Tokyo, surprise me, moderate pace and budget")
    await chat.say("what about kyoto?")
    assert "both" in chat.reply
    await chat.say("i need BOTH")
    assert legs(chat) == [("Tokyo", 3), ("Kyoto", 2)]


async def test_a_question_about_another_city_stays_a_question(chat: Chat) -> None:
    await _tokyo_kyoto(chat)
    await chat.say("how do i get from tokyo to kyoto after?")
    assert legs(chat) == [("Tokyo", 3), ("Kyoto", 2)]


async def test_a_new_single_city_replaces_a_multi_city_trip(chat: Chat) -> None:
    await _tokyo_kyoto(chat)
    await chat.say("Paris instead")
    assert legs(chat) == [("Paris", 5)]
    assert chat.prefs["city"] == "Paris"


async def test_a_new_total_on_a_trip_of_legs_goes_to_the_last_leg(chat: Chat) -> None:
    await _tokyo_kyoto(chat)
    await chat.say("make it 7 days instead")
    assert legs(chat) == [("Tokyo", 3), ("Kyoto", 4)]


async def test_where_is_a_leg_keeps_the_trip_and_shows_it(chat: Chat) -> None:
    await _tokyo_kyoto(chat)
    await chat.say("where is kyoto??")
    assert legs(chat) == [("Tokyo", 3), ("Kyoto", 2)]
    assert chat.session["stage"] == "planned"
    assert "Day 4" in chat.reply  # the Kyoto leg's first day (needs the leg planner)


async def test_odd_leg_lengths_never_fail_the_turn(chat: Chat) -> None:
    await chat.say("Tokyo for 0 days then Kyoto for 30 days")  # 200 (Chat.say asserts it)
    assert chat.session["stage"] == "gathering"
    await chat.say("Rome, Florence and Venice in 3 weeks, surprise me, moderate pace and budget")
    assert chat.prefs["days"] == 14
    assert "14 days between Rome, Florence and Venice" in chat.reply
    await chat.say("40 and 2 and 1")
    assert "14 days" in chat.reply


async def test_a_click_to_add_a_day_extends_the_last_leg(chat: Chat) -> None:
    await _tokyo_kyoto(chat)
    edits = f"/api/sessions/{chat.session_id}/edits"
    response = await chat.http.post(edits, json={"op": "add_day"})
    assert response.status_code == 200, response.text
    chat.session = response.json()["session"]
    assert legs(chat) == [("Tokyo", 3), ("Kyoto", 3)]
    for _ in range(8):  # up to 14 days
        assert (await chat.http.post(edits, json={"op": "add_day"})).status_code == 200
    refused = await chat.http.post(edits, json={"op": "add_day"})
    assert refused.status_code == 422
    assert "14 days" in refused.json()["error"]["message"]


async def test_questions_about_a_later_legs_stop_are_answered_from_its_city(chat: Chat) -> None:
    await chat.say("5 days: 3 in Tokyo then 2 in Kyoto, food and temples, relaxed, mid-range")
    assert chat.itinerary is not None
    kyoto_day = chat.itinerary["days"][4]
    stop = next(i["place"]["name"] for i in kyoto_day["items"] if i["kind"] == "activity")
    await chat.say(f"why did you pick {stop}?")
    assert f"I picked {stop}" in chat.reply
    assert "Kyoto's" in chat.reply or "interest" in chat.reply
    await chat.say(f"is {stop} open on monday?")
    assert stop in chat.reply


async def test_a_per_day_cap_holds_in_every_leg(chat: Chat) -> None:
    await chat.say("5 days: 3 in Tokyo then 2 in Kyoto, food and temples, moderate, mid-range")
    before = chat.itinerary
    await chat.say("max 3 stops a day please")
    assert chat.itinerary != before
    assert chat.itinerary is not None
    assert day_cities(chat) == ["Tokyo"] * 3 + ["Kyoto"] * 2
    for day in chat.itinerary["days"]:
        assert sum(i["kind"] == "activity" for i in day["items"]) <= 3, day["day"]


async def test_a_city_added_to_a_trip_planned_on_default_days_keeps_those_days(
    chat: Chat,
) -> None:
    # the trip's days were never said: the plan's three are what the traveller saw
    await chat.say("plan me a trip to London, family things, moderate pace and budget")
    await chat.say("whatever you think")
    assert chat.session["stage"] == "planned" and chat.itinerary is not None
    planned = len(chat.itinerary["days"])
    await chat.say("add 2 days in Kyoto")
    assert legs(chat) == [("London", planned), ("Kyoto", 2)]
    assert day_cities(chat) == ["London"] * planned + ["Kyoto"] * 2
    await chat.say("do Paris first")
    assert [city for city, _ in legs(chat)] == ["Paris", "London", "Kyoto"]
    assert legs(chat)[1] == ("London", planned)


async def test_legs_without_days_planned_on_defaults_get_a_default_each(chat: Chat) -> None:
    await chat.say("a trip to Dubai")
    await chat.say("do Copenhagen first")
    assert chat.session["stage"] == "gathering"
    await chat.say("whatever you think")
    assert chat.session["stage"] == "planned"
    assert [city for city, _ in legs(chat)] == ["Copenhagen", "Dubai"]
    assert all(days for _, days in legs(chat))
    assert "days" in chat.session["assumed"]
    total = sum(days or 0 for _, days in legs(chat))
    assert f"{total} days" in chat.reply  # said as an assumption (phrasings vary)
