"""One planner and one memo of its plans for the whole test run.

Planning is most of the planner tests' time, and several tests check different rules on
the same plans (the verifier's rules, one area a day, meals in their local windows). The
shared planner builds each city's tables once per run, and :func:`planned` plans each
distinct request once per run; every caller gets its own copy (read back from JSON), so a
test that changes a plan cannot change what another test reads. Plans are deterministic
(test_planner.py checks it with fresh planners, repeats and other hash seeds), so reading
a memoised plan checks the same rules as planning again.
"""

import datetime as dt
from functools import cache

from tests.reference import bundled_catalog
from wayfarer.domain import Itinerary, Preferences
from wayfarer.planner import CatalogPlanner, PlanResult

#: A Saturday, so "next Monday" is 2026-03-02.
FIXED_NOW = dt.datetime(2026, 2, 28, 12, 0, tzinfo=dt.UTC)

#: Plans by request, as JSON: a string per plan costs the garbage collector nothing and
#: reads back (``model_validate_json``) far faster than a deep copy of the model.
_PLANS: dict[str, str] = {}


@cache
def shared_planner() -> CatalogPlanner:
    """The real planner over the bundled catalog; exports see ``FIXED_NOW``."""
    return CatalogPlanner(bundled_catalog(), clock=lambda: FIXED_NOW)


def planned(preferences: Preferences) -> PlanResult:
    """The shared planner's plan for ``preferences``, planned once per run (a refusal,
    InvalidRequest, is raised every time and not kept)."""
    key = preferences.model_dump_json()
    if key not in _PLANS:
        _PLANS[key] = shared_planner().plan(preferences).model_dump_json()
    return PlanResult.model_validate_json(_PLANS[key])


def plan_of(city: str, **prefs: object) -> tuple[Itinerary, Preferences]:
    """The itinerary for ``city`` (3 days unless ``prefs`` say otherwise) and the
    preferences it was planned from."""
    preferences = Preferences.model_validate({"city": city, "days": 3, **prefs})
    return planned(preferences).itinerary, preferences
