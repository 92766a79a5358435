"""Choosing places: interest match, popularity, diversity, budget and avoided interests.

Scores are plain numbers so choices are explainable and deterministic; ties always break on
catalog order (the popularity proxy).
"""

from collections import Counter
from collections.abc import Iterable

from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.request import TripRequest

#: Penalty per place of the same category already chosen (keeps days varied).
CATEGORY_PENALTY = 0.4
#: Penalty per kilometre beyond FAR_KM from the centre (outskirts only when they earn it).
FAR_KM, FAR_PENALTY = 5.0, 0.04
AVOIDED_PENALTY = 10.0


def score(request: TripRequest, place: CatalogPlace) -> float:
    """How much the traveller should want ``place`` (higher is better).

    With stated interests a match dominates and popularity orders within; for "top
    sights" popularity dominates. Avoided interests sink a place to the bottom. Cached
    per request.
    """
    cached = request.scores.get(place.id)
    if cached is None:
        cached = request.scores[place.id] = _score(request, place)
    return cached


def _score(request: TripRequest, place: CatalogPlace) -> float:
    index = request.index
    total = len(index.activities) if place.kind == "activity" else len(index.food)
    popularity = 1.0 - index.rank[place.id] / max(total, 1)
    match = len(set(place.interests) & set(request.interests))
    if request.stated:
        value = (2.0 if match else 0.0) + 0.5 * match + popularity
    else:
        value = 2.0 * popularity + 0.25 * match
    far = index.centre_km(place) - FAR_KM
    if far > 0:
        value -= FAR_PENALTY * far
    if request.avoid & set(place.interests):
        value -= AVOIDED_PENALTY
    return value


def is_must_see(request: TripRequest, place: CatalogPlace) -> bool:
    """True when ``place`` is one of the city's must-sees and fits the trip: it shares a
    stated interest (any must-see when none were stated) and none the traveller avoids."""
    if place.must_see is None or request.avoid & set(place.interests):
        return False
    return not request.stated or bool(set(place.interests) & set(request.interests))


def is_avoided(request: TripRequest, place: CatalogPlace) -> bool:
    """True when ``place`` has an interest the traveller ruled out."""
    return bool(request.avoid & set(place.interests))


def in_plan_pool(request: TripRequest, place: CatalogPlace) -> bool:
    """True unless ``place`` is a day trip (``excursion``) the trip has no reason for: a
    day trip is planned when it is a must-see that fits the trip and the trip has a day
    to spare for it (two or more days), when the other places cannot fill the trip
    (:func:`needs_day_trips`), or, elsewhere, when only it shows a stated interest."""
    if place.excursion is None:
        return True
    return (request.days >= 2 and is_must_see(request, place)) or needs_day_trips(request)


def needs_day_trips(request: TripRequest) -> bool:
    """True when the affordable, not avoided places that are not day trips are fewer than
    the trip's days at its pace target (computed once per request)."""
    found = request.facts.get("needs_day_trips")
    if found is None:
        index = request.index
        within = sum(
            1 for p in index.activities
            if p.excursion is None and index.affordable(p, request.budget)
            and not is_avoided(request, p)
        )
        found = request.facts["needs_day_trips"] = within < request.days * request.target
    return found


def activity_pool(request: TripRequest, weekdays: Iterable[int]) -> list[CatalogPlace]:
    """Activities the budget allows that fit at least one of the trip's weekdays (day
    trips only as :func:`in_plan_pool` says)."""
    days = sorted(set(weekdays))
    index = request.index
    return [
        place
        for place in index.activities
        if index.affordable(place, request.budget)
        and in_plan_pool(request, place)
        and place.id not in request.excluded
        and any(index.fits_weekday(place, day) for day in days)
    ]


def ranked(request: TripRequest, places: Iterable[CatalogPlace]) -> list[CatalogPlace]:
    """``places`` best first (score, then catalog order)."""
    rank = request.index.rank
    return sorted(places, key=lambda p: (-score(request, p), rank[p.id]))


def select_activities(
    request: TripRequest, pool: list[CatalogPlace], count: int
) -> list[CatalogPlace]:
    """Choose ``count`` activities from ``pool`` (fewer if the pool is smaller).

    First one place per required interest (the best carrying it), then the must-sees that
    fit the trip (``is_must_see``, by their rank), then the best of the rest with a
    penalty per category already chosen. Places with avoided interests are used only when
    the others run out.
    """
    rank = request.index.rank
    base = {p.id: score(request, p) for p in pool}
    order = sorted(pool, key=lambda p: (-base[p.id], rank[p.id]))
    chosen: list[CatalogPlace] = []
    taken: set[str] = set()
    for interest in request.required:
        if len(chosen) >= count:
            break
        if any(interest in p.interests for p in chosen):
            continue
        carrier = next((p for p in order if interest in p.interests and p.id not in taken), None)
        if carrier is not None:
            chosen.append(carrier)
            taken.add(carrier.id)
    musts = sorted((p for p in pool if is_must_see(request, p)), key=lambda p: p.must_see or 0)
    for place in musts:
        if len(chosen) >= count:
            break
        if place.id not in taken:
            chosen.append(place)
            taken.add(place.id)
    categories = Counter(p.category for p in chosen)
    while len(chosen) < count:
        best: CatalogPlace | None = None
        best_value = 0.0
        for place in order:  # by base score: stop once no later place can beat the best
            if place.id in taken:
                continue
            if best is not None and base[place.id] < best_value:
                break
            value = base[place.id] - CATEGORY_PENALTY * categories[place.category]
            if best is None or value > best_value:
                best, best_value = place, value
        if best is None:
            break
        chosen.append(best)
        taken.add(best.id)
        categories[best.category] += 1
    return chosen
