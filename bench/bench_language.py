"""Offline language layer: construction time and per-message latency (prints figures).

Construction builds the geonames index (``WorldCities``, once per app in the wiring), then
the resolver; interpretation is timed over the parsing table's messages in both stages.
"""

import gc
import statistics
import time
from datetime import date

from tests.language.cases import CASES
from tests.language.plans import COVERED, gathering, paris_itinerary, planned

from wayfarer.domain import Preferences
from wayfarer.language.events import Planned
from wayfarer.language.offline import OfflineInterpreter, OfflineNarrator
from wayfarer.language.offline.world import WorldCities

ROUNDS = 5


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f} ms"


def main() -> None:
    started = time.perf_counter()
    world = WorldCities()
    built = time.perf_counter() - started
    started = time.perf_counter()
    interpreter = OfflineInterpreter(COVERED, today=lambda: date(2026, 4, 10), world=world)
    resolver_built = time.perf_counter() - started
    print(f"geonames index (cold, in-process): {built:.3f} s")
    print(f"interpreter on a built index: {_ms(resolver_built)}")

    states = {"gathering": gathering(), "planned": planned()}
    timings: list[float] = []
    gc.disable()
    try:
        for _ in range(ROUNDS):
            for case in CASES:
                state = states[case.stage]
                t0 = time.perf_counter()
                interpreter.read(case.message, state)
                timings.append(time.perf_counter() - t0)
    finally:
        gc.enable()
    timings.sort()
    print(f"interpret, {len(timings)} messages ({len(CASES)} x {ROUNDS}):")
    print(f"  median {_ms(statistics.median(timings))}, p95 "
          f"{_ms(timings[int(len(timings) * 0.95)])}, max {_ms(timings[-1])}")
    longest = max((c.message for c in CASES), key=len)
    t0 = time.perf_counter()
    interpreter.read(longest * 10, states["gathering"])
    print(f"  a {len(longest) * 10}-character message: {_ms(time.perf_counter() - t0)}")

    narrator = OfflineNarrator(COVERED)
    event = Planned(itinerary=paris_itinerary(), preferences=Preferences(), defaults=["pace"])
    t0 = time.perf_counter()
    for turn in range(1000):
        narrator.text(event.model_copy(update={"turn": turn}))
    print(f"narrate a 3-day plan: {_ms((time.perf_counter() - t0) / 1000)} per reply")


if __name__ == "__main__":
    main()
