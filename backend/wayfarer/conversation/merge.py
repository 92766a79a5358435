"""Merging a message's preference changes into the trip's preferences (pure).

:func:`merge_preferences` is how every turn applies what was said, including multi-city
trips (issue 11): a stated trip of legs replaces the trip; a new single city on a
multi-city trip replaces the trip with that city (as it does for one city); a new total
on a multi-city trip whose legs all have days is fitted by :func:`legs.resized`. A trip
whose legs add up to more than :data:`~wayfarer.domain.MAX_TRIP_DAYS` raises
:class:`~wayfarer.conversation.legs.LegProblem` (phrased as a kind refusal by the policy).
"""

from collections.abc import Iterable
from typing import Any

from wayfarer.conversation.legs import checked, resized
from wayfarer.domain import MAX_TRIP_DAYS, Preferences, PreferenceUpdate

#: List fields of an update that add up across a message's acts (others: later wins).
_JOINED = frozenset({"add_interests", "remove_interests"})


def merge_preferences(prefs: Preferences, update: PreferenceUpdate) -> Preferences:
    """Apply a message's changes: set fields it mentions, add and remove interests.

    A removed interest is remembered in ``avoid_interests``; adding it again lifts that.
    A new city clears the country unless the update names one; a country named alone
    ("morocco!") is kept while no city is known, so the next question offers its cities.
    A length over :data:`MAX_TRIP_DAYS` (a model may propose one) is taken as the
    longest trip. Legs: see the module docstring.
    """
    data = prefs.model_dump()
    said = update.preference_values()
    city, country = said.pop("city", None), said.pop("country", None)
    if "days" in said:
        said["days"] = min(said["days"], MAX_TRIP_DAYS)
    data.update(said)
    if update.legs:
        _merge_legs(data, update)
    elif city is not None:
        data["city"], data["country"] = city, country
        data["legs"] = []  # a new single city replaces a multi-city trip
    elif country is not None and data["city"] is None:
        data["country"] = country
    elif update.days is not None and prefs.is_multi_city() and all(
            leg.days is not None for leg in prefs.legs):
        data["legs"] = [leg.model_dump() for leg in resized(prefs.legs, update.days)]
    interests = [i for i in prefs.interests if i not in update.remove_interests]
    interests += [i for i in update.add_interests if i not in interests]
    avoid = [i for i in prefs.avoid_interests if i not in update.add_interests]
    avoid += [i for i in update.remove_interests if i not in avoid]
    data["interests"], data["avoid_interests"] = interests, avoid
    return Preferences.model_validate(data)


def _merge_legs(data: dict[str, Any], update: PreferenceUpdate) -> None:
    """The trip becomes ``update.legs`` (one leg: that city, with its days or the total)."""
    legs = update.legs
    first = legs[0]
    data["city"], data["country"] = first.city, first.country
    if len(legs) == 1:
        data["legs"] = []
        data["days"] = first.days or update.days or data["days"]
        return
    data["legs"] = [leg.model_dump() for leg in checked(legs)]
    if any(leg.days is None for leg in legs):
        data["days"] = update.days  # the total said, or not known yet


def merge_updates(updates: Iterable[PreferenceUpdate]) -> PreferenceUpdate:
    """Several preference changes as one (later values win; interest lists join)."""
    merged = PreferenceUpdate()
    for update in updates:
        data = merged.model_dump()
        for name, value in update.model_dump(exclude_defaults=True).items():
            data[name] = data[name] + value if name in _JOINED else value
        merged = PreferenceUpdate.model_validate(data)
    return merged


def changed_fields(update: PreferenceUpdate) -> list[str]:
    """Names of the preference fields a message set, in the model's order, then legs and
    interests."""
    fields = list(update.preference_values())
    if update.legs:
        fields.append("legs")
    if update.add_interests or update.remove_interests:
        fields.append("interests")
    return fields
