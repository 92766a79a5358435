"""Multi-city planning (issue 11): properties over many city pairs and splits, the
transfer rule, travel days, determinism and per-leg re-planning, with the real planner."""

import datetime as dt

import pytest

from wayfarer.domain import Itinerary, Leg, Preferences
from wayfarer.errors import InvalidRequest
from wayfarer.planner import CatalogPlanner
from wayfarer.planner.clock import minutes_of
from wayfarer.planner.items import closed_days_note
from wayfarer.planner.legfit import LegShort, refit
from wayfarer.planner.transfer import CHECK_IN
from wayfarer.planner.travel import arrival_cap

#: (legs as (city, days), start date or None, pace): same-country, neighbouring and
#: intercontinental pairs, three-leg trips and a city visited twice.
TRIPS: list[tuple[list[tuple[str, int]], str | None, str | None]] = [
    ([("Tokyo", 3), ("Kyoto", 2)], None, None),
    ([("Kyoto", 2), ("Tokyo", 3)], "2026-04-06", "relaxed"),
    ([("Tokyo", 2), ("Osaka", 2)], "2026-05-13", "packed"),
    ([("Osaka", 1), ("Kyoto", 1)], None, "relaxed"),
    ([("Paris", 3), ("London", 2)], None, None),
    ([("London", 2), ("Paris", 2)], "2026-06-01", "moderate"),
    ([("London", 2), ("Edinburgh", 2)], "2026-08-10", None),
    ([("Amsterdam", 2), ("Paris", 3)], None, "packed"),
    ([("Rome", 3), ("Florence", 2)], "2026-09-17", None),
    ([("Florence", 2), ("Venice", 2)], None, "relaxed"),
    ([("Milan", 1), ("Venice", 2)], "2026-03-03", None),
    ([("Madrid", 2), ("Barcelona", 3)], None, None),
    ([("Lisbon", 3), ("Porto", 2)], "2026-07-20", "relaxed"),
    ([("Berlin", 2), ("Munich", 2)], None, None),
    ([("Vienna", 2), ("Budapest", 2)], "2026-10-05", None),
    ([("Prague", 2), ("Vienna", 2)], None, "moderate"),
    ([("Delhi", 2), ("Jaipur", 2)], "2026-11-02", None),
    ([("Mumbai", 2), ("Delhi", 2)], None, None),
    ([("London", 2), ("Tokyo", 3)], None, None),
    ([("Tokyo", 3), ("London", 2)], "2026-02-09", None),
    ([("Paris", 2), ("New York", 3)], "2026-05-04", None),
    ([("New York", 3), ("Chicago", 2)], None, "packed"),
    ([("San Francisco", 2), ("Tokyo", 3)], None, None),
    ([("Sydney", 3), ("Singapore", 2)], "2026-01-12", None),
    ([("London", 2), ("Sydney", 3)], None, "relaxed"),
    ([("Bangkok", 3), ("Hong Kong", 2)], None, None),
    ([("Dubai", 2), ("Cairo", 2)], "2026-12-07", None),
    ([("Istanbul", 2), ("Athens", 2)], None, None),
    ([("Marrakech", 2), ("Cape Town", 3)], None, None),
    ([("Mexico City", 3), ("Buenos Aires", 2)], None, None),
    ([("Rio de Janeiro", 2), ("Buenos Aires", 2)], "2026-03-16", None),
    ([("Seoul", 2), ("Tokyo", 2)], None, None),
    ([("Tokyo", 2), ("Kyoto", 2), ("Tokyo", 2)], None, None),
    ([("Paris", 2), ("London", 1), ("Edinburgh", 2)], "2026-04-20", None),
    ([("Rome", 2), ("Florence", 1), ("Venice", 1), ("Milan", 1)], None, "relaxed"),
]


def _prefs(legs: list[tuple[str, int]], start: str | None, pace: str | None) -> Preferences:
    return Preferences.model_validate({
        "legs": [{"city": c, "days": d} for c, d in legs],
        "start_date": start, "pace": pace, "interests": ["food", "history"],
    })


def _check_trip(planner: CatalogPlanner, prefs: Preferences, it: Itinerary) -> None:
    legs = prefs.trip_legs()
    assert planner.verify(it, prefs) == []
    assert [d.day for d in it.days] == list(range(1, sum(leg.days or 0 for leg in legs) + 1))
    assert [leg.city for leg in it.legs] == [leg.city for leg in legs]
    assert it.city == legs[0].city
    if prefs.start_date is not None:
        assert [d.date for d in it.days] == [
            prefs.start_date + dt.timedelta(days=k) for k in range(len(it.days))
        ]
    else:
        assert all(d.date is None for d in it.days)
    ids = [i.place.id for d in it.days for i in d.items]
    assert len(ids) == len(set(ids)), "a place twice in the trip"
    pace = prefs.pace or "moderate"
    for position, leg in enumerate(it.legs):
        assert leg.timezone
        days = [it.days[n - 1] for n in leg.days]
        assert all(d.city == leg.city for d in days)
        first = days[0]
        if position == 0:
            assert all(d.transfer is None for d in days)
            continue
        move = first.transfer
        assert move is not None and move.to_city == leg.city
        assert move.from_city == it.legs[position - 1].city
        assert "estimate" in move.note.casefold()
        assert all(d.transfer is None for d in days[1:])
        arrival = days[min(move.arrive_day_offset, len(days) - 1)]
        ready = minutes_of(move.arrive) + CHECK_IN
        if move.arrive_day_offset < len(days):
            assert all(minutes_of(i.start) >= ready for i in arrival.items)
            assert sum(i.kind == "activity" for i in arrival.items) <= arrival_cap(pace)
        assert all(not d.items for d in days[: move.arrive_day_offset])
        assert it.estimated_cost.amount and len(it.estimated_cost.per_day) == len(it.days)


@pytest.mark.parametrize(("legs", "start", "pace"), TRIPS)
def test_every_leg_keeps_the_rules(
    planner: CatalogPlanner, legs: list[tuple[str, int]], start: str | None, pace: str | None
) -> None:
    prefs = _prefs(legs, start, pace)
    first = planner.plan(prefs).itinerary
    _check_trip(planner, prefs, first)
    assert planner.plan(prefs).itinerary == first  # deterministic


def test_enough_combinations() -> None:
    pairs = {tuple(c for c, _ in legs) for legs, _, _ in TRIPS}
    assert len(TRIPS) >= 30 and len(pairs) >= 30


def test_transfer_modes_follow_the_rail_table(planner: CatalogPlanner) -> None:
    def mode(a: str, b: str) -> tuple[str, int]:
        it = planner.plan(_prefs([(a, 1), (b, 1)], None, None)).itinerary
        move = it.days[1].transfer
        assert move is not None
        return move.mode, move.minutes

    assert mode("Tokyo", "Kyoto")[0] == "rail"
    assert mode("Paris", "London")[0] == "rail"
    assert mode("Madrid", "Barcelona")[0] == "rail"
    assert mode("Delhi", "Jaipur")[0] == "bus"
    assert mode("Paris", "Tokyo")[0] == "flight"
    assert mode("Madrid", "Lisbon")[0] == "flight"  # no fast line between them
    # Tokyo-Kyoto is about 2 h 15 by Shinkansen: with access time, 3-4 h door to door.
    assert 150 <= mode("Tokyo", "Kyoto")[1] <= 240


def test_the_arrival_day_is_lighter_than_a_full_day(planner: CatalogPlanner) -> None:
    it = planner.plan(_prefs([("Paris", 2), ("London", 3)], None, "moderate")).itinerary
    arrival, full = it.days[2], it.days[3]
    assert arrival.transfer is not None
    count = [sum(i.kind == "activity" for i in d.items) for d in (arrival, full)]
    assert count[0] < count[1]
    assert minutes_of(arrival.items[0].start) >= minutes_of(arrival.transfer.arrive) + CHECK_IN


def test_an_eastward_long_haul_arrives_the_next_day(planner: CatalogPlanner) -> None:
    it = planner.plan(_prefs([("London", 2), ("Tokyo", 3)], None, None)).itinerary
    move = it.days[2].transfer
    assert move is not None and move.mode == "flight" and move.arrive_day_offset == 1
    assert it.days[2].items == []  # in the air
    assert "next day" in move.note


def test_replanning_one_leg_keeps_the_others(planner: CatalogPlanner) -> None:
    before = planner.plan(_prefs([("Tokyo", 3), ("Kyoto", 2)], "2026-04-06", None)).itinerary
    longer = planner.plan(_prefs([("Tokyo", 3), ("Kyoto", 3)], "2026-04-06", None)).itinerary
    assert longer.days[:3] == before.days[:3]
    added = planner.plan(
        _prefs([("Tokyo", 3), ("Kyoto", 2), ("Osaka", 2)], "2026-04-06", None)
    ).itinerary
    assert added.days[:3] == before.days[:3]  # Kyoto's last day becomes an eve
    assert added.days[3] == before.days[3]


def test_an_uncovered_leg_is_refused_clearly(planner: CatalogPlanner) -> None:
    with pytest.raises(InvalidRequest, match="Atlantis"):
        planner.plan(_prefs([("Tokyo", 2), ("Atlantis", 2)], None, None))


def test_a_leg_without_days_is_refused_clearly(planner: CatalogPlanner) -> None:
    prefs = Preferences(legs=[Leg(city="Tokyo", days=2), Leg(city="Kyoto")])
    with pytest.raises(InvalidRequest, match="Kyoto"):
        planner.plan(prefs)


def test_currency_is_one_for_the_trip(planner: CatalogPlanner) -> None:
    it = planner.plan(_prefs([("Paris", 2), ("London", 2)], None, None)).itinerary
    assert it.estimated_cost.currency == "EUR"
    assert all(i.cost is not None for d in it.days for i in d.items)
    prefs = _prefs([("Paris", 2), ("London", 2)], None, None).model_copy(
        update={"currency": "USD"}
    )
    assert planner.plan(prefs).itinerary.estimated_cost.currency == "USD"


def test_stop_details_read_each_days_city(planner: CatalogPlanner) -> None:
    prefs = _prefs([("Rome", 2), ("Florence", 2)], "2026-09-14", None)
    it = planner.plan(prefs).itinerary
    details = planner.details(it, prefs)
    items = [(d.day, i.place.id) for d in it.days for i in d.items]
    assert [(x.day, x.place_id) for x in details] == items
    assert all(x.hours != "closed" and x.description for x in details)
    florence = planner.index("Florence")
    assert florence is not None
    assert all((x.place_id in florence.by_id) == (x.day >= 3) for x in details)


def test_a_city_visited_twice_never_repeats_a_place(planner: CatalogPlanner) -> None:
    prefs = Preferences.model_validate({
        "legs": [{"city": "Tokyo", "days": 2}, {"city": "Kyoto", "days": 1},
                 {"city": "Tokyo", "days": 2}],
        "pace": "packed", "interests": ["nightlife", "art"],
    })
    it = planner.plan(prefs).itinerary
    _check_trip(planner, prefs, it)


def test_a_city_twice_in_a_row_is_refused_clearly(planner: CatalogPlanner) -> None:
    with pytest.raises(InvalidRequest, match="Tokyo comes twice in a row"):
        planner.plan(_prefs([("Tokyo", 2), ("Tokyo", 2)], None, None))


def test_verify_reports_a_leg_without_days_instead_of_raising(planner: CatalogPlanner) -> None:
    prefs = _prefs([("Paris", 2), ("London", 2)], None, None)
    it = planner.plan(prefs).itinerary
    unsplit = Preferences(legs=[Leg(city="Paris", days=2), Leg(city="London")])
    assert [v.rule for v in planner.verify(it, unsplit)] == ["legs"]


def test_a_late_arrival_leaves_dinner_at_most(planner: CatalogPlanner) -> None:
    it = planner.plan(_prefs([("Amsterdam", 2), ("Dubai", 2)], None, None)).itinerary
    move = it.days[2].transfer
    assert move is not None and move.arrive_day_offset == 0
    assert minutes_of(move.arrive) >= 20 * 60
    assert [i.kind for i in it.days[2].items] in ([], ["meal"])


def test_the_eve_of_a_transfer_ends_with_dinner_when_it_can(planner: CatalogPlanner) -> None:
    """Paris on its own plans a sight after dinner here; before a morning train to London
    the day ends with dinner (the pace minimum still holds)."""
    interests = ["nightlife", "food"]
    alone = planner.plan(Preferences.model_validate({
        "city": "Paris", "days": 1, "pace": "moderate", "interests": interests,
    })).itinerary.days[0]
    prefs = Preferences.model_validate({
        "legs": [{"city": "Paris", "days": 1}, {"city": "London", "days": 1}],
        "pace": "moderate", "interests": interests,
    })
    eve = planner.plan(prefs).itinerary.days[0]
    assert alone.items[-1].kind == "activity" and eve.items[-1].kind == "meal"
    assert [i.place.id for i in eve.items] == [i.place.id for i in alone.items[:-1]]
    assert sum(i.kind == "activity" for i in eve.items) >= 3


def test_an_undated_trip_names_closed_weekdays_like_a_one_city_trip(
    planner: CatalogPlanner,
) -> None:
    prefs = _prefs([("Rome", 3), ("Florence", 2), ("Venice", 2)], None, None)
    it = planner.plan(prefs).itinerary
    noted = 0
    for day in it.days:
        index = planner.index(day.city or "")
        assert index is not None
        for item in day.items:
            text = closed_days_note(index.by_id[item.place.id])
            if item.kind == "activity" and text:
                assert text in item.note
                noted += 1
    assert noted


def test_a_budget_is_checked_on_the_whole_trip(planner: CatalogPlanner) -> None:
    prefs = _prefs([("Paris", 2), ("London", 2)], None, None).model_copy(
        update={"budget_amount": 50.0, "currency": "EUR"}
    )
    result = planner.plan(Preferences.model_validate(prefs.model_dump()))
    check = result.itinerary.estimated_cost.budget
    assert check is not None and check.per == "trip" and check.amount == 50
    amount = result.itinerary.estimated_cost.amount
    assert amount is not None and check.over_by == pytest.approx(amount - 50, abs=0.01)
    assert any("over your budget of 50 EUR" in note for note in result.notes)


def test_a_city_that_runs_out_passes_its_days_to_the_next_leg(planner: CatalogPlanner) -> None:
    prefs = _prefs([("Tokyo", 7), ("Kyoto", 3)], None, "packed").model_copy(
        update={"budget": "budget", "interests": ["food", "history"]})
    result = planner.plan(prefs)
    it = result.itinerary
    got = [(leg.city, len(leg.days)) for leg in it.legs]
    assert len(it.days) == 10 and got[0][1] < 7 and got[0][1] + got[1][1] == 10
    assert any("Kyoto gets" in note for note in result.notes)
    fitted = Preferences(legs=[Leg(city=c, country="Japan", days=n) for c, n in got],
                         pace="packed", budget="budget", interests=["food", "history"])
    assert planner.verify(it, fitted) == []


def test_with_no_leg_to_take_the_days_the_trip_is_shorter() -> None:
    prefs = Preferences(legs=[Leg(city="Tokyo", days=7), Leg(city="Kyoto", days=3)])
    fitted = refit(prefs, LegShort("Tokyo", 4, 6), full={"kyoto"})
    assert [leg.days for leg in fitted.preferences.legs] == [5, 3]
    assert fitted.preferences.days == 8 and "shorter" in fitted.note
    with pytest.raises(LegShort):
        refit(prefs, LegShort("Kyoto", 0, 3), full=set())
