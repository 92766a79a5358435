"""The blind set 2 scoring (``blind2_scoring.py``) can fail and can pass: hand-made
SessionViews scored against hand-made expectations. Not a test that today's interpreter
passes the set (``bench/bench_dialogue.py`` measures that)."""

from datetime import date
from typing import Any

from tests.language.blind2_dialogues import DIALOGUES
from tests.language.blind2_first import FIRST
from tests.language.blind2_model import SLOTS, Either, F, on
from tests.language.blind2_scoring import (
    Asks,
    AtMostPerDay,
    Confirms,
    DayLighter,
    Days,
    DaySame,
    Has,
    Lacks,
    OtherDaysSame,
    Pref,
    SaysMoney,
    Seen,
    StartsFrom,
    Tally,
    Tells,
    Unchanged,
    View,
    never_booked,
    score_first,
)

TODAY = date(2026, 12, 2)


def item(name: str, start: str = "10:00", kind: str = "activity",
         category: str = "museum") -> dict[str, Any]:
    return {"start": start, "kind": kind,
            "place": {"id": name.lower(), "name": name, "category": category}}


def view(plan: list[list[dict[str, Any]]] | None = None, **prefs: object) -> View:
    """A SessionView with ``prefs`` set and ``plan`` as the itinerary (none when None)."""
    preferences: dict[str, object] = dict.fromkeys(SLOTS)
    preferences.update(interests=[], avoid_interests=[], country=None)
    preferences.update(prefs)
    itinerary = None if plan is None else {"days": [{"items": d} for d in plan]}
    return {"stage": "planned" if plan else "gathering", "preferences": preferences,
            "itinerary": itinerary, "assumed": []}


PLAN = [[item("Louvre Museum"), item("Musée d'Orsay", "13:00")],
        [item("Eiffel Tower", "09:00", category="tower"), item("Café", kind="meal")]]


def test_first_message_right_wrong_and_unstated_slots() -> None:
    case = F("paris 3 days from 11 jan, museums", city="Paris", days=3,
             start_date=on(1, 11), interests={"museums"})
    right = Tally()
    score_first(case, view(city="Paris", days=3, start_date="2027-01-11",
                           interests=["museums"]), TODAY, right)
    assert (right.correct, right.total) == (4, 4)

    wrong = Tally()
    score_first(case, view(city="Paris", days=2, start_date="2026-01-11",
                           interests=["museums", "food"], budget_amount=30.0), TODAY, wrong)
    assert (wrong.correct, wrong.total) == (1, 5)  # days, date, interests; amount unstated
    assert {m.slot for m in wrong.misses} == {"days", "start_date", "interests",
                                              "budget_amount"}


def test_either_and_defaults_named_in_assumed() -> None:
    case = F("rome, not too pricey", city="Rome", budget=Either(("budget", "moderate")))
    tally = Tally()
    shown = view(PLAN, city="Rome", budget="moderate", days=3, pace="moderate")
    shown["assumed"] = ["days", "pace"]
    score_first(case, shown, TODAY, tally)
    assert (tally.correct, tally.total) == (2, 2)
    score_first(case, view(city="Rome", budget="luxury"), TODAY, tally)
    assert (tally.correct, tally.total) == (3, 4)


def test_place_checks_by_name_and_day() -> None:
    seen = Seen("ok", view(PLAN), view(PLAN))
    assert Has("louvre").held(seen)[0]
    assert Has("Eiffel", day=2).held(seen)[0]
    assert not Has("Eiffel", day=1).held(seen)[0]
    assert not Lacks("orsay").held(seen)[0]
    assert Lacks("Colosseum").held(seen)[0]
    assert Days(2).held(seen)[0] and not Days(3).held(seen)[0]
    assert not AtMostPerDay("museum", 1).held(seen)[0]
    assert AtMostPerDay("museum", 2).held(seen)[0]
    assert not StartsFrom("10:00").held(seen)[0]
    assert StartsFrom("09:00").held(seen)[0]


def test_unchanged_and_scoped_checks_compare_with_the_view_before() -> None:
    lighter = [PLAN[0][:1], PLAN[1]]
    assert Unchanged().held(Seen("", view(PLAN), view(PLAN)))[0]
    moved = Seen("", view(lighter), view(PLAN))
    assert not Unchanged().held(moved)[0]
    assert DayLighter(1).held(moved)[0] and not DayLighter(2).held(moved)[0]
    assert DaySame(2).held(moved)[0] and not DaySame(1).held(moved)[0]
    new_date = Seen("", view(PLAN, start_date="2027-01-12"), view(PLAN))
    assert not Unchanged().held(new_date)[0]
    removed = Seen("", view([PLAN[0][1:], PLAN[1]]), view(PLAN))
    assert OtherDaysSame("Louvre").held(removed)[0]  # only the Louvre's own day changed
    assert not OtherDaysSame("Eiffel").held(removed)[0]


def test_reply_checks() -> None:
    def said(text: str) -> Seen:
        return Seen(text, view(PLAN), view(PLAN))

    assert Tells("closed").held(said("The Louvre is CLOSED on Tuesdays."))[0]
    assert not Tells("closed").held(said("Updated! Your 4-day trip"))[0]
    assert SaysMoney().held(said("About €420 for two."))[0]
    assert SaysMoney().held(said("roughly 1,200 EUR in total"))[0]
    assert not SaysMoney().held(said("It is moderate, 4 days."))[0]
    assert Asks().held(said("Switch to Kyoto, or add Kyoto after Tokyo?"))[0]
    assert not Asks().held(said("Done. Anything else? I can export it."))[0]
    question = "Switch the trip to Kyoto, or add Kyoto after Tokyo?"
    assert Confirms().held(Seen(question, view(PLAN), view(PLAN)))[0]
    assert not Confirms().held(Seen(question, view(PLAN, city="Kyoto"), view(PLAN)))[0]
    assert Pref("city", "Paris").held(Seen("", view(city="Paris"), view()))[0]
    assert not Pref("budget_amount", None).held(Seen("", view(budget_amount=5.0), view()))[0]
    assert never_booked(["Here you go", "Enjoy"])[0]
    assert not never_booked(["Booked dinner at Le Procope"])[0]


def test_the_set_is_the_size_issue_9_asks_for() -> None:
    assert len(FIRST) >= 150
    assert len(DIALOGUES) >= 25
    assert all(3 <= len(d.turns) <= 8 for d in DIALOGUES)
    assert all(set(c.expect) <= set(SLOTS) for c in FIRST)
