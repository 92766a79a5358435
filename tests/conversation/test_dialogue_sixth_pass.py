"""Questions that rank or filter the plan's days, bars, and empty travel days, through the
real HTTP API (sixth session): "what will day 2 set us back?", "the priciest day?", "the
busiest day?", "anything for the kids on day 2?" are answered from the plan without
changing it; "add a cocktail bar" / "is there a brewery we could add?" add a bar or an
evening sight (never "no matching restaurant"); a day travel leaves empty says why."""

import re

from tests.conversation.conftest import Chat


def money(reply: str, currency: str) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(rf"\d[\d,]*(?= {currency})", reply)]


async def asked(chat: Chat, text: str) -> str:
    """Say ``text``; assert the plan, preferences and constraints did not change."""
    before = chat.session
    await chat.say(text)
    for field in ("itinerary", "preferences", "constraints"):
        assert chat.session[field] == before[field], (text, field, chat.reply)
    return chat.reply


async def test_a_days_cost_and_the_priciest_and_cheapest_days(chat: Chat) -> None:
    await chat.say("rome 4 days for 2 people, history and food, moderate pace, mid-range")
    assert chat.itinerary is not None
    per_day = {d["day"]: round(d["amount"]) for d in chat.itinerary["estimated_cost"]["per_day"]}
    reply = await asked(chat, "what will day 2 set us back?")
    assert money(reply, "EUR")[0] == per_day[2], reply
    dearest = max(per_day, key=lambda n: (per_day[n], -n))
    cheapest = min(per_day, key=lambda n: (per_day[n], n))
    reply = await asked(chat, "which day is the priciest?")
    assert reply.startswith(f"Day {dearest} ") and money(reply, "EUR")[0] == per_day[dearest]
    reply = await asked(chat, "and what's our cheapest day?")
    assert reply.startswith(f"Day {cheapest} "), reply
    assert "no day 9" in await asked(chat, "how much is day 9?")


async def test_the_busiest_and_lightest_days(chat: Chat) -> None:
    await chat.say("paris 3 days, museums and food, moderate pace, mid-range")
    assert chat.itinerary is not None
    sights = {d["day"]: sum(i["kind"] == "activity" for i in d["items"])
              for d in chat.itinerary["days"]}
    reply = await asked(chat, "which day is the busiest?")
    named = int(re.search(r"fullest is day (\d)", reply)[1])  # type: ignore[index]
    assert sights[named] == max(sights.values()), reply
    reply = await asked(chat, "which day is the most relaxed?")
    named = int(re.search(r"lightest is day (\d)", reply)[1])  # type: ignore[index]
    assert sights[named] == min(sights.values()), reply


async def test_what_a_day_has_for_an_interest_is_answered_not_replanned(chat: Chat) -> None:
    await chat.say("barcelona 4 days with our two kids, moderate pace, mid-range")
    assert chat.itinerary is not None
    for n in (1, 2, 3):
        day = chat.itinerary["days"][n - 1]
        for_kids = [i["place"]["name"] for i in day["items"] if "family" in i["place"]["interests"]]
        reply = await asked(chat, f"anything for the kids on day {n}?")
        if for_kids:
            assert reply.startswith(f"On day {n}, for the kids:") and for_kids[0] in reply
        else:
            assert reply.startswith(f"Nothing on day {n}") and "add " in reply, reply
    reply = await asked(chat, "is there anything for foodies?")
    assert "food" in reply and "Day " not in reply[:4], reply


async def test_bars_are_added_as_bars_or_evening_sights(chat: Chat) -> None:
    await chat.say("amsterdam 3 days, museums and nightlife, moderate budget, relaxed, 2 of us")
    interests = chat.prefs["interests"]
    before = {i["place"]["id"] for d in chat.itinerary["days"] for i in d["items"]}  # type: ignore[index]
    await chat.say("add a cocktail bar on day 2")
    assert "restaurant" not in chat.reply, chat.reply
    day2 = chat.itinerary["days"][1]["items"]  # type: ignore[index]
    added = [i for i in day2 if i["place"]["id"] not in before]
    assert added and "nightlife" in added[0]["place"]["interests"], chat.reply
    await chat.say("is there a brewery we could add?")
    after = {i["place"]["id"] for d in chat.itinerary["days"] for i in d["items"]}  # type: ignore[index]
    assert after - before - {added[0]["place"]["id"]}, chat.reply
    assert chat.prefs["interests"] == interests  # an edit, not a re-plan for more nightlife


async def test_a_day_travel_leaves_empty_says_why(chat: Chat) -> None:
    await chat.say("2 days in lisbon, viewpoints and food, cheap, relaxed, we fly out at 9am "
                   "on the last day")
    assert chat.itinerary is not None and chat.itinerary["days"][1]["items"] == []
    reply = await asked(chat, "what do we do on the last day?")
    assert "before you leave" in reply, reply


async def test_a_place_asked_about_with_the_trips_details_is_answered(chat: Chat) -> None:
    await chat.say("paris for 3 days - is the louvre open on mondays?")
    assert chat.prefs["city"] == "Paris" and chat.prefs["days"] == 3
    assert "Louvre" in chat.reply and "Monday" in chat.reply, chat.reply
    await chat.say("thinking about rome for 4 days. is the colosseum free?")
    assert "Colosseum" in chat.reply and "free" in chat.reply, chat.reply


async def test_a_removed_restaurant_does_not_come_back_for_that_meal(chat: Chat) -> None:
    await chat.say("rome 3 days, history, moderate, relaxed, mid-range")
    day2 = chat.itinerary["days"][1]["items"]  # type: ignore[index]
    lunch = next(i["place"] for i in day2 if i.get("meal") == "lunch")
    await chat.say("skip lunch on day 2")
    after = chat.itinerary["days"][1]["items"]  # type: ignore[index]
    assert lunch["id"] not in {i["place"]["id"] for i in after}, chat.reply
    now = next((i["place"]["name"] for i in after if i.get("meal") == "lunch"), None)
    assert now is None or f"lunch is now at {now}" in chat.reply, chat.reply


async def test_where_they_stay_and_tickets_they_hold_are_not_destinations(chat: Chat) -> None:
    await chat.say("tokyo 4 days, food and temples, moderate pace, mid-range")
    for said in ("we're staying in Shinjuku", "our hotel is near Asakusa",
                 "we have tickets to Hamilton on day 2"):
        reply = await asked(chat, said)
        assert "isn't one of my cities" not in reply and "didn't" not in reply, reply
    await chat.say("what if it rains on day 2?")
    assert "weather" in chat.reply or "forecast" in chat.reply, chat.reply


async def test_routes_to_places_not_planned_and_accessibility(chat: Chat) -> None:
    await chat.say("tokyo 3 days, food and temples, moderate pace, mid-range")
    planned = {i["place"]["name"] for d in chat.itinerary["days"] for i in d["items"]}  # type: ignore[index]
    assert "Tokyo Skytree" not in planned
    reply = await asked(chat, "what's the best way to get from senso-ji to tokyo skytree?")
    assert "Tokyo Skytree" in reply and "km" in reply and "Tokyo to Tokyo" not in reply, reply
    reply = await asked(chat, "how far is the skytree from our hotel?")
    assert "where you're staying" in reply, reply
    reply = await asked(chat, "is the meiji shrine wheelchair accessible?")
    assert "accessibility" in reply, reply
    reply = await asked(chat, "can we spend more time at meiji jingu?")
    assert chat.prefs["budget"] == "moderate"  # time, not money
    assert "Meiji" in reply and "more relaxed" in reply, reply


async def test_which_meals_suit_a_diet(chat: Chat) -> None:
    await chat.say("rome 3 days, food and history, moderate pace, mid-range")
    reply = await asked(chat, "what vegetarian options are on day 1?")
    assert "day 1" in reply and "vegetarian" in reply.lower(), reply
    await chat.say("vegetarian meals please")
    reply = await asked(chat, "any vegetarian places to eat on day 1?")
    day1 = [i["place"]["name"] for i in chat.itinerary["days"][0]["items"]  # type: ignore[index]
            if i["kind"] == "meal"]
    assert reply.startswith("Vegetarian-friendly on day 1:") and any(n in reply for n in day1)
