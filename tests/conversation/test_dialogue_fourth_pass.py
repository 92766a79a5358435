"""Issue 9, fourth pass, through the real HTTP API: follow-up questions and removals
("and the orsay?", "what about on monday?", "and X"), a kind of thing added as an
interest, "put X on day N" for a place not in the plan, a later day start kept
through a pace change, and an export's link built by the API (the policy knows no URL)."""

import re

import httpx
import pytest

from tests.conversation.conftest import Chat
from tests.conversation.test_dialogue_reading import day_of


def activities(chat: Chat) -> list[list[str]]:
    assert chat.itinerary is not None
    return [[i["place"]["id"] for i in d["items"] if i["kind"] == "activity"]
            for d in chat.itinerary["days"]]


def name_of(chat: Chat, place_id: str) -> str:
    assert chat.itinerary is not None
    return next(i["place"]["name"] for d in chat.itinerary["days"] for i in d["items"]
                if i["place"]["id"] == place_id)


async def test_hours_follow_ups_keep_the_question_and_change_nothing(chat: Chat) -> None:
    await chat.say("paris 3 days from 12 january, museums, moderate, mid-range")
    before = chat.session
    await chat.say("is the louvre open on tuesday?")
    assert "closed" in chat.reply.lower()
    await chat.say("and the orsay?")
    assert "Orsay" in chat.reply and "closed" not in chat.reply.lower()
    await chat.say("what about on monday?")
    assert "Orsay" in chat.reply and "closed" in chat.reply.lower()
    for field in ("itinerary", "preferences", "constraints"):
        assert chat.session[field] == before[field], field


async def test_a_follow_up_removal_removes_that_place_too(chat: Chat) -> None:
    await chat.say("athens 3 days, history food, moderate, budget")
    first, second = activities(chat)[0][0], activities(chat)[1][0]
    second_name = name_of(chat, second)
    await chat.say(f"remove {name_of(chat, first)}")
    await chat.say(f"and {second_name.lower()}")
    assert day_of(chat, first) is None and day_of(chat, second) is None
    excluded = {e["place_id"] for e in chat.session["constraints"]["excluded"]}
    assert {first, second} <= excluded
    await chat.say("undo")
    assert day_of(chat, second) is not None and day_of(chat, first) is None


async def test_a_follow_up_cue_with_its_own_change_is_read_as_said(chat: Chat) -> None:
    await chat.say("athens 3 days, history food, moderate, budget")
    first = activities(chat)[0][0]
    await chat.say(f"remove {name_of(chat, first)}")
    await chat.say("and more relaxed please")
    assert chat.prefs["pace"] == "relaxed" and day_of(chat, first) is None


async def test_a_kind_of_thing_added_is_a_new_interest_and_keeps_removals(chat: Chat) -> None:
    await chat.say("berlin 3 days, history and museums, moderate, mid-range")
    removed = activities(chat)[1][0]
    await chat.say(f"remove {name_of(chat, removed)}")
    assert day_of(chat, removed) is None
    await chat.say("add some nightlife")
    assert "nightlife" in chat.prefs["interests"]
    assert {"history", "museums"} <= set(chat.prefs["interests"])
    assert day_of(chat, removed) is None


async def test_putting_a_place_not_in_the_plan_on_a_day_adds_it_there(chat: Chat) -> None:
    await chat.say("paris 4 days, art and food, moderate, mid-range")
    assert day_of(chat, "paris-sainte-chapelle") is None
    await chat.say("put sainte-chapelle on day 3")
    assert day_of(chat, "paris-sainte-chapelle") == 3
    pins = chat.session["constraints"]["pinned"]
    assert {"place_id": "paris-sainte-chapelle", "name": "Sainte-Chapelle", "day": 3} in pins
    await chat.say("slower pace please")
    assert day_of(chat, "paris-sainte-chapelle") == 3


async def test_a_later_start_lasts_through_a_pace_change(chat: Chat) -> None:
    await chat.say("vienna 3 days, music museums and coffee, relaxed, mid-range")
    await chat.say("we're not morning people, nothing before 10 please")
    await chat.say("a bit more packed actually")
    assert chat.prefs["pace"] == "moderate"
    assert chat.itinerary is not None
    assert min(d["items"][0]["start"] for d in chat.itinerary["days"]) >= "10:00"


async def test_an_export_asked_in_the_chat_links_the_apis_download(
    chat: Chat, client: httpx.AsyncClient
) -> None:
    await chat.say("lisbon 2 days, food, relaxed, mid-range")
    await chat.say("export it to my calendar")
    link = f"/api/sessions/{chat.session_id}/itinerary?format=ics"
    assert link in chat.reply
    response = await client.get(link)
    assert response.status_code == 200 and "BEGIN:VCALENDAR" in response.text


async def test_it_is_the_place_just_added(chat: Chat) -> None:
    await chat.say("barcelona 3 days, architecture beaches food, moderate, mid-range")
    await chat.say("add the museu picasso on day 2")
    before = chat.session
    await chat.say("is it open on mondays?")
    assert "Museu Picasso" in chat.reply and "closed" in chat.reply.lower()
    assert chat.session["itinerary"] == before["itinerary"]


def meal_levels(chat: Chat, meal: str) -> list[int]:
    assert chat.itinerary is not None
    return [i["place"]["cost_level"] for d in chat.itinerary["days"] for i in d["items"]
            if i.get("meal") == meal]


async def test_cheap_eats_on_a_luxury_trip_make_the_dinners_cheap_and_last(chat: Chat) -> None:
    await chat.say("rome 3 days, history and food, moderate pace, luxury")
    assert chat.prefs["budget"] == "luxury" and min(meal_levels(chat, "dinner")) >= 2
    await chat.say("cheap eats please")
    assert chat.prefs["budget"] == "luxury"
    assert meal_levels(chat, "dinner") and max(meal_levels(chat, "dinner")) <= 1
    assert max(meal_levels(chat, "lunch")) <= 1
    await chat.say("make it more relaxed")
    assert chat.prefs["pace"] == "relaxed" and chat.prefs["budget"] == "luxury"
    assert meal_levels(chat, "dinner") and max(meal_levels(chat, "dinner")) <= 1
    assert all(i.get("wish") == "cheap" for d in chat.itinerary["days"] for i in d["items"]
               if i["kind"] == "meal")


async def test_a_day_already_at_the_pace_minimum_gets_lighter_when_asked(chat: Chat) -> None:
    await chat.say("new york 3 days, museums and food, packed pace, mid-range")
    counts = [len(day) for day in activities(chat)]
    assert chat.prefs["pace"] == "packed" and counts[0] == 5  # the packed minimum
    before = activities(chat)
    await chat.say("day 1 looks insane, can you calm that day down")
    after = activities(chat)
    assert len(after[0]) < 5 and set(after[0]) < set(before[0])
    assert after[1:] == before[1:] and chat.prefs["pace"] == "packed"
    assert chat.itinerary is not None and chat.itinerary["days"][0]["pace"] == "moderate"


@pytest.mark.parametrize("messages", [
    ("go ahead", "whatever you think", "up to you"),  # leaving it to us
    ("no", "nope", "no, it's perfect"),  # a bare no to "anything else?"
])
async def test_nothing_to_decide_after_the_plan_agrees_and_changes_nothing(
    chat: Chat, messages: tuple[str, ...]
) -> None:
    await chat.say("rome 3 days, food, relaxed, mid-range")
    before = chat.session
    for message in messages:
        await chat.say(message)
        assert "didn't" not in chat.reply and "not sure" not in chat.reply, message
        assert chat.reply.rstrip().endswith(("?", ".", "!")), message
        for field in ("itinerary", "preferences", "constraints"):
            assert chat.session[field] == before[field], (message, field)


async def test_is_it_walkable_is_answered_from_the_plans_hops(chat: Chat) -> None:
    await chat.say("tokyo 3 days, relaxed, mid-range, food")
    await chat.say("is it walkable?")
    assert chat.itinerary is not None
    before = chat.session
    await chat.say("is it walkable?")
    reply = chat.reply
    assert "walk" in reply and "didn't" not in reply
    assert re.search(r"\d+ of \d+ hops|every hop", reply), reply
    await chat.say("how much walking is there on day 2?")
    assert "day 2" in chat.reply
    for field in ("itinerary", "preferences", "constraints"):
        assert chat.session[field] == before[field], field


async def test_is_it_walkable_before_the_plan_keeps_gathering(chat: Chat) -> None:
    await chat.say("3 days in Lisbon, relaxed")
    await chat.say("is it walkable?")
    assert chat.session["stage"] == "gathering"
    assert "walk" in chat.reply


async def test_a_famous_places_nickname_names_it_and_nothing_else(chat: Chat) -> None:
    await chat.say("new york 4 days, museums and food, moderate pace, mid-range")
    before = chat.session
    names = [name_of(chat, i) for day in activities(chat) for i in day]
    assert "Metropolitan Museum of Art" in names
    # a place of another city, or a letter, must not match some other stop fuzzily
    await chat.say("remove the V&A")
    assert chat.session["itinerary"] == before["itinerary"]
    await chat.say("drop the met")
    after = [name_of(chat, i) for day in activities(chat) for i in day]
    assert "Metropolitan Museum of Art" not in after
    assert len(after) >= len(names) - 1


async def test_is_a_place_in_the_plan_then_put_it_on_a_day(chat: Chat) -> None:
    await chat.say("kyoto 4 days, temples and gardens, relaxed, mid-range")
    assert chat.itinerary is not None
    await chat.say("is the golden pavilion included?")  # Kinkaku-ji's English name
    reply = chat.reply
    assert "Kinkaku-ji" in reply and "Ginkaku-ji" not in reply
    if reply.startswith("No"):
        await chat.say("add it on day 1")
    else:
        await chat.say("put it on day 1")
    assert "Kinkaku-ji" in [name_of(chat, i) for i in activities(chat)[0]]
    await chat.say("is it open on mondays?")
    assert "Kinkaku-ji" in chat.reply and "Which one" not in chat.reply


async def test_a_place_not_in_the_plan_is_offered(chat: Chat) -> None:
    await chat.say("paris 2 days, food, relaxed, budget")
    await chat.say("is the eiffel tower in the plan?")
    assert "Eiffel Tower" in chat.reply
    assert chat.reply.startswith(("Yes", "No"))


def _bounds(chat: Chat) -> list[tuple[str | None, str | None, str, str]]:
    assert chat.itinerary is not None
    return [(d.get("free_from"), d.get("free_until"),
             min((i["start"] for i in d["items"]), default="99:99"),
             max((i["end"] for i in d["items"]), default="00:00"))
            for d in chat.itinerary["days"]]


async def test_arrival_and_departure_hold_through_edits_and_replans(chat: Chat) -> None:
    await chat.say("paris 3 days, food, moderate pace, mid-range")
    await chat.say("we land at 2pm on day 1 and fly home at 6pm on the last day")
    constraints = chat.session["constraints"]
    assert constraints["arrival"] == {"time": "14:00", "mode": "flight"}
    assert constraints["departure"] == {"time": "18:00", "mode": "flight"}
    assert "15:30" in chat.reply and "15:00" in chat.reply
    for message in ("make it more relaxed", "make it 4 days"):
        await chat.say(message)
        bounds = _bounds(chat)
        assert bounds[0][0] == "15:30" and bounds[0][2] >= "15:30", message
        assert bounds[-1][1] == "15:00" and bounds[-1][3] <= "15:00", message
        assert all(b[0] is None and b[1] is None for b in bounds[1:-1]), message
    assert len(_bounds(chat)) == 4


async def test_an_arrival_said_before_the_plan_shapes_its_first_day(chat: Chat) -> None:
    await chat.say("Rome 3 days, our train gets in at 3pm, history, relaxed, mid-range")
    assert chat.session["stage"] == "planned"
    first = _bounds(chat)[0]
    assert first[0] == "15:45" and first[2] >= "15:45"


async def test_places_to_see_or_skip_said_before_the_plan_shape_it(chat: Chat) -> None:
    await chat.say("rome 3 days, we must see the colosseum and the vatican museums")
    await chat.say("we've been to the pantheon already, skip the museums")
    await chat.say("history, moderate pace, mid-range")
    assert chat.session["stage"] == "planned"
    constraints = chat.session["constraints"]
    assert {p["name"] for p in constraints["pinned"]} == {
        "Colosseum", "Vatican Museums and Sistine Chapel"}
    assert [e["name"] for e in constraints["excluded"]] == ["Pantheon"]  # not "the museums"
    names = {name_of(chat, i) for day in activities(chat) for i in day}
    assert {"Colosseum", "Vatican Museums and Sistine Chapel"} <= names
    assert "Pantheon" not in names


async def test_the_cost_answer_splits_the_groups_total_not_doubles_it(chat: Chat) -> None:
    await chat.say("lisbon 4 days for 2 people, food, moderate pace, mid-range")
    assert chat.itinerary is not None
    cost = chat.itinerary["estimated_cost"]
    assert cost["travelers"] == 2
    await chat.say("what's the total cost?")
    money = [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?= EUR)", chat.reply)]
    assert money[:2] == [round(cost["per_person"]), round(cost["amount"])], chat.reply
