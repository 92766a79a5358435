"""Sweeps for what a traveller would call a failure, not a slowdown (fifth session).

1. **Refused plans.** Every bundled city, 1 and 2 days, relaxed and packed, each interest
   alone, undated and four dates (14,400 plans at a moderate budget): how many the planner
   refuses, by reason. A refusal is an InvalidRequest the chat shows as "Wayfarer couldn't
   take that message".
2. **Fuzzed conversations.** Seeded random conversations (an opening and 2-6 follow-ups
   drawn from phrase templates written before the fixes they measure: multi-city moves,
   leg days, pace and budget words, questions, yes / no, chit-chat), through the real
   orchestrator (memory store, offline language). Counted per turn: crashes (any other
   exception), refusals (a Wayfarer error raised by a turn), replies that say they did not
   understand, and new plans whose length differs from the preferences' without a note in
   the reply.

Run: ``.venv/bin/python -m bench bench_sweeps``. Another tree can be measured with the
same client: ``git archive REV | tar -x -C /tmp/old`` then
``PYTHONPATH=/tmp/old/backend:. .venv/bin/python -m bench bench_sweeps``.
"""

import asyncio
import collections
import datetime as dt
import itertools
import random
import re
import time

from wayfarer.config import load_settings
from wayfarer.domain import INTERESTS, Preferences
from wayfarer.errors import WayfarerError
from wayfarer.planner import CatalogPlanner, load_catalog
from wayfarer.wiring import build_services

STARTS = (None, dt.date(2026, 6, 1), dt.date(2026, 6, 7), dt.date(2026, 1, 4),
          dt.date(2026, 1, 12))
SEEDS = (1, 2, 3, 4)
CONVERSATIONS = 300
CITIES = ("Lisbon", "Rome", "Paris", "Kyoto", "Tokyo", "Istanbul", "Barcelona", "London",
          "Copenhagen", "Cairo", "Cusco", "Reykjavik", "Hanoi", "Marrakech", "New York",
          "Mexico City", "Seoul", "Prague", "Vienna", "Budapest", "Edinburgh", "Lima",
          "Taipei", "Dubai", "Sydney", "Madrid", "Porto", "Munich", "Chicago", "Osaka")
OPENINGS = (
    "{d} days in {c}", "we're going to {c} for {d} days, love {i} and {i2}",
    "{c}, {d} nights, {p} pace, {b}", "plan me a trip to {c}", "{d} days {c} with kids, {i}",
    "weekend in {c}", "{c} and {c2}, {d} days total", "{d} days in {c} then {d2} in {c2}",
    "one day in {c}, packed, {i}", "a week in {c} on a shoestring",
    "{c} in march for {d} days, {i} but no {i2}",
    "honeymoon in {c}, {d} days, luxury, slow",
)
FOLLOW_UPS = (
    "more {i}", "no {i} please", "make it {p}", "swap day {n} for something outdoors",
    "add a day", "drop the last day", "can you make day {n} lighter", "undo",
    "we start on {date}", "cheaper please", "{b}", "remove the museum on day {n}",
    "swap the first museum for a park", "move {c2} first", "add {d2} days in {c2}",
    "actually make it {d} days", "what's on day {n}?", "thanks!", "start at 10am",
    "vegetarian dinners please", "no more than 3 things a day", "only {d2} days in {c}",
    "skip {c2}", "yes", "no", "sounds good", "whatever you think",
    "I want to see the highlights", "{i}", "{p}", "2 adults", "budget around 800 euros",
    "is it walkable?", "make day {n} all about {i}", "go ahead",
)
PACE_WORDS = ("slow", "relaxed", "packed", "moderate", "chill", "busy")
BUDGET_WORDS = ("budget", "cheap", "mid-range", "luxury", "splurge")
UNCLEAR = re.compile(r"didn't get that|not sure what you mean|didn't quite catch")
EXPLAINED = re.compile(r"of your \d+ days|only plan|stops there|shorter")


def refused_plans() -> None:
    catalog = load_catalog()
    planner = CatalogPlanner(catalog)
    reasons: collections.Counter[str] = collections.Counter()
    total = 0
    started = time.perf_counter()
    for city in catalog.cities:
        for days, pace, interest, start in itertools.product(
                (1, 2), ("relaxed", "packed"), INTERESTS, STARTS):
            total += 1
            prefs = Preferences.model_validate({
                "city": city.name, "days": days, "pace": pace, "budget": "moderate",
                "interests": [interest], "start_date": start})
            try:
                planner.plan(prefs)
            except Exception as exc:  # every refusal is counted
                reasons[f"{type(exc).__name__}: {str(exc)[:70]}"] += 1
    print(f"refused plans: {sum(reasons.values())} of {total} "
          f"({time.perf_counter() - started:.0f} s)")
    for reason, count in reasons.most_common(6):
        print(f"  {count:5d}  {reason}")


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        d=rng.choice([1, 2, 3, 4, 5, 7, 10]), d2=rng.choice([1, 2, 3]), c=rng.choice(CITIES),
        c2=rng.choice(CITIES), i=rng.choice(INTERESTS), i2=rng.choice(INTERESTS),
        p=rng.choice(PACE_WORDS), b=rng.choice(BUDGET_WORDS), n=rng.choice([1, 2, 3, 4, 8]),
        date=rng.choice(["monday", "12 May", "2027-01-04", "next friday", "the 3rd"]))


async def fuzzed_conversations() -> None:
    settings = load_settings(session_backend="memory", llm_provider="offline",
                             log_level="error", purge_interval_seconds=3600)
    services = await build_services(settings)
    orchestrator = services.orchestrator
    counts: collections.Counter[str] = collections.Counter()
    kinds: collections.Counter[str] = collections.Counter()
    try:
        for seed in SEEDS:
            rng = random.Random(seed)
            for _ in range(CONVERSATIONS):
                session = await orchestrator.start()
                messages = [_fill(rng.choice(OPENINGS), rng)] + [
                    _fill(rng.choice(FOLLOW_UPS), rng) for _ in range(rng.randint(2, 6))]
                before = None
                for message in messages:
                    counts["turns"] += 1
                    try:
                        result = await orchestrator.turn(session.session_id, message)
                    except WayfarerError as exc:
                        counts["refused"] += 1
                        kinds[f"refused: {exc.message[:60]}"] += 1
                        break
                    except Exception as exc:  # a crash is what is counted
                        counts["crashed"] += 1
                        kinds[f"crashed: {type(exc).__name__}"] += 1
                        break
                    reply, state = result.reply.content, result.state
                    if UNCLEAR.search(reply):
                        counts["not understood"] += 1
                        kinds[f"not understood: {re.sub(r'[0-9]', 'N', message)}"] += 1
                    itinerary, prefs = state.itinerary, state.preferences
                    wanted = prefs.days or sum(leg.days or 0 for leg in prefs.legs)
                    if (itinerary is not None and itinerary != before and wanted
                            and len(itinerary.days) != wanted
                            and not EXPLAINED.search(reply)):
                        counts["length unexplained"] += 1
                        kinds[f"length unexplained: {re.sub(r'[0-9]', 'N', message)}"] += 1
                    before = itinerary
    finally:
        await services.close()
    turns = counts["turns"]
    print(f"fuzzed conversations: {len(SEEDS) * CONVERSATIONS} conversations, {turns} turns")
    for key in ("crashed", "refused", "not understood", "length unexplained"):
        print(f"  {key:<19} {counts[key]:5d}  ({counts[key] / turns:.1%} of turns)")
    for kind, count in kinds.most_common(8):
        print(f"  {count:5d}  {kind}")


def main() -> None:
    refused_plans()
    asyncio.run(fuzzed_conversations())


if __name__ == "__main__":
    main()
