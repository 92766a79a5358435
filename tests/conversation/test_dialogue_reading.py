"""Issue 9, second pass: misspelt words, price asides, removals said after the place,
pins to a day across re-plans and confirming questions, through the real HTTP API."""

from tests.conversation.conftest import Chat


def day_of(chat: Chat, place_id: str) -> int | None:
    assert chat.itinerary is not None
    for day in chat.itinerary["days"]:
        if any(i["place"]["id"] == place_id for i in day["items"]):
            return int(day["day"])
    return None


def first_activity(chat: Chat, day: int) -> tuple[str, str]:
    assert chat.itinerary is not None
    item = next(i for i in chat.itinerary["days"][day - 1]["items"] if i["kind"] == "activity")
    return item["place"]["id"], item["place"]["name"]


async def test_misspelt_and_foreign_words_are_read(chat: Chat) -> None:
    await chat.say("rome cuatro dias, archaeolgy and resturants, tranquilo, barato")
    assert chat.prefs["city"] == "Rome" and chat.prefs["days"] == 4
    assert set(chat.prefs["interests"]) >= {"history", "food"}
    assert chat.prefs["pace"] == "relaxed" and chat.prefs["budget"] == "budget"
    assert chat.session["stage"] == "planned"


async def test_a_price_aside_is_not_the_budget(chat: Chat) -> None:
    await chat.say("prague 3 days, castles - is the castle really 15 euros?")
    assert chat.prefs["days"] == 3 and "history" in chat.prefs["interests"]
    assert chat.prefs["budget_amount"] is None and chat.prefs["currency"] is None


async def test_removal_with_a_price_aside_lasts_through_every_replan(chat: Chat) -> None:
    await chat.say("paris 3 days, museums and food, moderate pace, mid-range")
    place_id, name = first_activity(chat, 2)
    await chat.say(f"{name} can go, 20 euros for that?? no thanks")
    assert day_of(chat, place_id) is None
    assert chat.prefs["budget_amount"] is None
    excluded = [e["place_id"] for e in chat.session["constraints"]["excluded"]]
    assert place_id in excluded
    for message in ("make it 4 days", "cheaper please", "add a day", "more relaxed",
                    "from 3 june to 7 june"):
        await chat.say(message)
        assert day_of(chat, place_id) is None, message


async def test_a_named_sight_pinned_to_a_day_stays_on_it(chat: Chat) -> None:
    await chat.say("london 3 days, museums and history, moderate pace, mid-range")
    await chat.say("add the sky garden on day 2")
    assert day_of(chat, "london-sky-garden") == 2
    for message in ("make it 4 days", "cheaper please", "add a day", "more packed"):
        await chat.say(message)
        assert day_of(chat, "london-sky-garden") == 2, message


async def test_tentative_start_over_asks_and_keeps_everything(chat: Chat) -> None:
    await chat.say("vienna 3 days, history and food, relaxed, mid-range")
    before = chat.itinerary, chat.prefs
    await chat.say("hmm, should we maybe start over?")
    assert chat.reply.rstrip().endswith("?")
    assert (chat.itinerary, chat.prefs) == before
    await chat.say("no")
    assert (chat.itinerary, chat.prefs) == before
    await chat.say("perhaps just 2 days?")
    assert chat.reply.rstrip().endswith("?")
    assert (chat.itinerary, chat.prefs) == before


async def test_a_companion_joining_adds_to_the_known_party(chat: Chat) -> None:
    await chat.say("seoul 3 days, food, me and my husband and our 3 kids")
    assert chat.prefs["travelers"] == 5
    await chat.say("oh, my father-in-law is joining us too")
    assert chat.prefs["travelers"] == 6


async def test_children_staying_behind_drop_the_family_interest(chat: Chat) -> None:
    await chat.say("amsterdam 3 days with our kids, museums, moderate pace, mid-range")
    assert "family" in chat.prefs["interests"]
    await chat.say("update: the kids are staying at home with their aunt, just us two")
    assert "family" not in chat.prefs["interests"] and chat.prefs["travelers"] == 2


async def test_a_country_alone_offers_its_cities(chat: Chat) -> None:
    await chat.say("egypt!")
    assert "Cairo" in chat.reply and chat.prefs["city"] is None
    await chat.say("yes please, 4 days")
    assert chat.prefs["city"] == "Cairo" and chat.prefs["days"] == 4


async def test_a_change_and_a_question_in_one_message_do_both(chat: Chat) -> None:
    await chat.say("paris 3 days, museums and food, moderate pace, mid-range")
    await chat.say("make it 4 days, and what's on day 4 then?")
    assert chat.itinerary is not None and len(chat.itinerary["days"]) == 4
    day_four = [i["place"]["name"] for i in chat.itinerary["days"][3]["items"]]
    assert any(name in chat.reply for name in day_four)
    await chat.say("go cheaper - how much is it now?")
    assert chat.prefs["budget"] == "budget"
    assert "EUR" in chat.reply or "€" in chat.reply


async def test_can_we_see_a_place_on_a_weekday_is_an_hours_answer(chat: Chat) -> None:
    await chat.say("munich 3 days, art and museums, moderate pace, mid-range")
    before = chat.itinerary
    await chat.say("could we fit in the pinakothek der moderne on a monday?")
    assert chat.itinerary == before
    assert "Pinakothek der Moderne" in chat.reply and "closed" in chat.reply
