"""Multi-city trips in the conversation (issue 11): leg changes, splits and the trip limit.

Pure functions on :class:`~wayfarer.domain.Leg` lists, used by :mod:`steps`:

- :func:`as_planned` gives a planned trip's legs the days the plan shows where the
  traveller never said them (the planner's default), before a leg change;
- :func:`with_default_days` gives the legs whose days are still unknown, when the trip
  is planned on defaults, :data:`NEW_LEG_DAYS` each;
- :func:`changed_legs` applies a :class:`~wayfarer.domain.ChangeLeg` ("one more day in
  Tokyo", "drop Kyoto", "do Kyoto first", "swap the order");
- :func:`even_split` shares a total over legs that have no days (the default offered when
  the traveller did not say how to split);
- :func:`resized` fits the legs to a new total ("make it 7 days": the last leg takes the
  difference);
- :func:`checked` refuses a trip over :data:`~wayfarer.domain.MAX_TRIP_DAYS` with a
  :class:`LegProblem` the reply phrases kindly (never a 500);
- :func:`carried` keeps the trip constraints that still apply after the legs changed;
- :func:`ask_split` asks how to share a trip's days among legs that have none (the one
  function here that changes the state: it sets the pending confirmation).

A :class:`LegProblem` carries a plain sentence (``reason``) and what to try instead.
"""

from collections.abc import Mapping

from wayfarer.conversation.constraints import for_city
from wayfarer.domain import (
    MAX_TRIP_DAYS,
    ChangeLeg,
    ChangePreferences,
    Itinerary,
    Leg,
    PendingConfirmation,
    Preferences,
    PreferenceUpdate,
    SessionState,
    TripConstraints,
)
from wayfarer.language.events import Confirm
from wayfarer.language.offline.phrasing import join_words, legs_words

#: Days a city added without a number gets ("add Kyoto").
NEW_LEG_DAYS = 2


class LegProblem(ValueError):
    """A leg change or trip that cannot be made: ``reason`` is a plain clause that reads
    after "Nothing changed:" (so it starts with a common word, never a city's name)."""

    def __init__(self, reason: str, suggestion: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.suggestion = suggestion


def describe(legs: list[Leg]) -> str:
    """ "3 days in Tokyo, then 2 in Kyoto" (legs without days: "Tokyo, then Kyoto")."""
    return legs_words([(leg.city, leg.days) for leg in legs])


def even_split(legs: list[Leg], total: int) -> list[Leg]:
    """``legs`` sharing ``total`` days as evenly as whole days allow (earlier legs take the
    odd days; every leg keeps at least one)."""
    share, extra = divmod(max(total, len(legs)), len(legs))
    return [leg.model_copy(update={"days": share + (1 if i < extra else 0)})
            for i, leg in enumerate(legs)]


def resized(legs: list[Leg], total: int) -> list[Leg]:
    """``legs`` fitted to ``total`` days: the last leg takes the difference, then the ones
    before it (each keeps at least one day)."""
    days = [leg.days or 1 for leg in legs]
    change = total - sum(days)
    index = len(days) - 1
    while change < 0 and index >= 0:
        cut = min(days[index] - 1, -change)
        days[index] -= cut
        change += cut
        index -= 1
    days[-1] += max(change, 0)
    return [leg.model_copy(update={"days": d}) for leg, d in zip(legs, days, strict=True)]


def checked(legs: list[Leg]) -> list[Leg]:
    """``legs`` when they fit in a trip; a :class:`LegProblem` when they add up to more
    than :data:`MAX_TRIP_DAYS`."""
    total = sum(leg.days or 0 for leg in legs)
    if total > MAX_TRIP_DAYS:
        raise LegProblem(
            f"that comes to {total} days ({describe(legs)}), and I plan trips of up to "
            f"{MAX_TRIP_DAYS} days",
            "Shall we make some legs shorter, or drop a city?",
        )
    return legs


def as_planned(legs: list[Leg], itinerary: Itinerary) -> list[Leg]:
    """``legs`` with each leg whose days were never said given the days ``itinerary``
    plans for it (matched by position and city), so a leg change keeps the trip the
    traveller was shown: "add 2 days in Kyoto" after a 3-day London plan made on the
    default is London 3, Kyoto 2, not a question about London's days."""
    planned = [(leg.city, len(leg.days)) for leg in itinerary.legs] or [
        (itinerary.city, len(itinerary.days))]
    if all(leg.days is not None for leg in legs) or len(planned) != len(legs):
        return legs
    return [
        leg.model_copy(update={"days": days})
        if leg.days is None and city.casefold() == leg.city.casefold() and days else leg
        for leg, (city, days) in zip(legs, planned, strict=True)
    ]


def with_default_days(prefs: Preferences) -> tuple[Preferences, bool]:
    """``prefs`` with every leg of a multi-city trip whose days are unknown given
    :data:`NEW_LEG_DAYS` (the trip planned on defaults: "whatever you think" before the
    days were said), and whether any was; unchanged for a one-city trip, whose default
    the planner fills."""
    if not prefs.is_multi_city() or all(leg.days is not None for leg in prefs.legs):
        return prefs, False
    legs = [leg if leg.days is not None else leg.model_copy(update={"days": NEW_LEG_DAYS})
            for leg in prefs.legs]
    return prefs.with_leg_days(checked(legs)), True


def changed_legs(legs: list[Leg], act: ChangeLeg, countries: Mapping[str, str]) -> list[Leg]:
    """``legs`` after ``act``; ``countries`` maps each covered city to its country (a city
    outside it cannot become a leg). Raises :class:`LegProblem` for a change that cannot
    be made (a city not in the trip, dropping the last city, too many days)."""
    index = _find(legs, act.city)
    if act.op == "swap_order":
        if len(legs) < 2:
            raise LegProblem("this trip has only one city, so there is no order to swap")
        return list(reversed(legs))
    if act.city is None:
        raise LegProblem("it wasn't clear which city you meant")
    if index is None:
        return checked(_added(legs, act, countries))
    leg = legs[index]
    rest = legs[:index] + legs[index + 1:]
    if act.op == "drop":
        if not rest:
            raise LegProblem(f"this trip's only city is {leg.city}",
                             'Say "new trip" to start over somewhere else.')
        return rest
    if act.op == "first":
        return [leg, *rest]
    if act.op == "last":
        return [*rest, leg]
    days = act.days if act.op == "set_days" else (leg.days or 0) + (act.days or 1)
    changed = [*legs[:index], leg.model_copy(update={"days": days}), *legs[index + 1:]]
    return checked(changed)


def _added(legs: list[Leg], act: ChangeLeg, countries: Mapping[str, str]) -> list[Leg]:
    city = next((name for name in countries if name.casefold() == (act.city or "").casefold()),
                None)
    if city is None:
        raise LegProblem(f"my guide doesn't cover {act.city} yet")
    if act.op == "drop":
        raise LegProblem(f"this trip doesn't include {city}")
    new = Leg(city=city, country=countries[city] or None, days=act.days or NEW_LEG_DAYS)
    return [new, *legs] if act.op == "first" else [*legs, new]


def _find(legs: list[Leg], city: str | None) -> int | None:
    if city is None:
        return None
    return next((i for i, leg in enumerate(legs) if leg.city.casefold() == city.casefold()),
                None)


def _day_cities(legs: list[Leg]) -> list[str] | None:
    """The city of each trip day in order (None while some leg has no days)."""
    if any(leg.days is None for leg in legs):
        return None
    return [leg.city for leg in legs for _ in range(leg.days or 0)]


def carried(
    constraints: TripConstraints, before: list[Leg], after: list[Leg]
) -> tuple[TripConstraints, list[str]]:
    """The constraints that still apply once the trip's legs went from ``before`` to
    ``after``, with a reason for each one dropped. A trip sharing no city with the old one
    keeps only times and meal wishes (as a change of city); otherwise pins of places in a
    city still visited stay (pinned to their day only while that day stays in the same
    city), exclusions stay, and a day's own pace stays while its day keeps its city."""
    cities = {leg.city.casefold() for leg in after}
    if not cities & {leg.city.casefold() for leg in before}:
        return for_city(constraints, after[0].city if after else "")
    old, new = _day_cities(before), _day_cities(after)

    def same_city(day: int | None) -> bool:
        return bool(day and old and new and day <= min(len(old), len(new))
                    and old[day - 1] == new[day - 1])

    kept = constraints.model_copy(deep=True)
    lost: list[str] = []
    kept.pinned = []
    for pin in constraints.pinned:
        city = _city_of(pin.place_id, before)
        if city is not None and city.casefold() not in cities:
            lost.append(f"{pin.name} (it is in {city}, which the trip no longer visits).")
            continue
        kept.pinned.append(pin if same_city(pin.day) else pin.model_copy(update={"day": None}))
    kept.day_pace = [d for d in constraints.day_pace if same_city(d.day)]
    lost += [f"the pace set for day {d.day} (that day is now elsewhere)."
             for d in constraints.day_pace if not same_city(d.day)]
    return kept, lost


def _city_of(place_id: str, legs: list[Leg]) -> str | None:
    """The leg city a catalog place id belongs to ("kyoto-fushimi-inari" -> Kyoto)."""
    for leg in legs:
        if place_id.startswith(leg.city.casefold().replace(" ", "-") + "-"):
            return leg.city
    return None


_LEG_FIELDS: set[str] = {"legs", "days", "city", "country"}


def moved_only(before: Preferences, after: Preferences) -> bool:
    """True when a multi-city trip changed only its legs (so the planner's ``replan``
    keeps the legs that did not move, edits included)."""
    return after.is_multi_city() and (
        before.model_dump(exclude=_LEG_FIELDS) == after.model_dump(exclude=_LEG_FIELDS))


def unsplit(prefs: Preferences) -> bool:
    """A multi-city trip whose total is known but not how it is shared among the legs."""
    return prefs.is_multi_city() and prefs.days is not None and any(
        leg.days is None for leg in prefs.legs)


def fitted(prefs: Preferences, itinerary: Itinerary) -> Preferences:
    """``prefs`` with each leg's days as planned: the planner passes the days a city runs
    out of on to another leg (``planner.legfit``), and the preferences follow the plan."""
    if not prefs.is_multi_city() or len(itinerary.legs) != len(prefs.legs):
        return prefs
    legs = [leg.model_copy(update={"days": len(planned.days)})
            for leg, planned in zip(prefs.legs, itinerary.legs, strict=True)]
    if legs == prefs.legs:
        return prefs
    return prefs.with_leg_days(legs)


def ask_split(state: SessionState, prefs: Preferences, said: PreferenceUpdate) -> Confirm:
    """Ask how to share the trip's days among its legs, offering an even split ("yes"
    takes it; "4 and 2" or "4 in Tokyo" answers it). While gathering the legs are kept in
    the preferences; a planned trip stays as it is until the answer."""
    assert prefs.days is not None
    split = even_split(prefs.legs, prefs.days)
    accept = ChangePreferences(changes=PreferenceUpdate(legs=split))
    state.dialogue.confirmation = PendingConfirmation(
        kind="split", subject=describe(split), on_accept=[accept])
    if state.stage != "planned":
        state.preferences = prefs
    cities = [leg.city for leg in prefs.legs]
    return Confirm(session_id=state.session_id, turn=state.dialogue.turn, about="split",
                   subject=describe(split), current=f"{prefs.days}",
                   alternative=join_words(cities), uncovered=list(said.unsupported_legs),
                   offered=list(said.city_suggestions) if said.unsupported_legs else [])
