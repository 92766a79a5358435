"""Per-day caps and meal wishes as lasting trip constraints (issue 9, third pass),
through the real HTTP API: said before or after the plan, kept across re-plans and edits,
shown in the SessionView."""

from tests.conversation.conftest import Chat
from tests.reference import bundled_catalog


def per_day(chat: Chat, category: str | None = None) -> list[int]:
    assert chat.itinerary is not None
    return [sum(i["kind"] == "activity" and category in (None, i["place"]["category"])
                for i in d["items"]) for d in chat.itinerary["days"]]


def meal_ids(chat: Chat) -> set[str]:
    assert chat.itinerary is not None
    return {i["place"]["id"] for d in chat.itinerary["days"] for i in d["items"]
            if i["kind"] == "meal"}


async def test_a_category_cap_lasts_through_replans_and_edits(chat: Chat) -> None:
    await chat.say("munich 3 days, art and museums, moderate pace, mid-range")
    assert max(per_day(chat, "museum")) > 1
    await chat.say("two museums a day is plenty, honestly")
    assert chat.session["constraints"]["day_limits"] == [{"category": "museum", "limit": 2}]
    assert max(per_day(chat, "museum")) <= 2
    for message in ("make it 4 days", "more packed", "cheaper please"):
        await chat.say(message)
        assert max(per_day(chat, "museum")) <= 2, message
    assert "museums" not in chat.prefs["avoid_interests"]


async def test_a_cap_on_stops_said_first_shapes_the_first_plan(chat: Chat) -> None:
    await chat.say("chicago 3 days, architecture, no more than 3 stops a day, mid-range")
    assert chat.session["stage"] == "planned"
    assert max(per_day(chat)) <= 3
    await chat.say("add a day")
    assert max(per_day(chat)) <= 3


async def test_a_vegetarian_wish_steers_every_meal_and_lasts(chat: Chat) -> None:
    city = bundled_catalog().get("Jaipur")
    assert city is not None
    veg = {p.id for p in city.places if "vegetarian" in p.diet}
    await chat.say("jaipur 2 days, forts and food, moderate pace, mid-range")
    await chat.say("we don't eat meat, vegetarian places only please")
    assert meal_ids(chat) <= veg
    await chat.say("more relaxed")
    assert meal_ids(chat) <= veg
    assert {"wish": "vegetarian", "day": None} in chat.session["constraints"]["meals"]


async def test_a_wish_the_city_cannot_serve_is_said_and_kept(chat: Chat) -> None:
    await chat.say("athens 2 days, food, moderate pace, mid-range")
    before = chat.itinerary
    await chat.say("we're vegetarian")
    assert "vegetarian" in chat.reply
    assert chat.itinerary == before
    assert {"wish": "vegetarian", "day": None} in chat.session["constraints"]["meals"]
