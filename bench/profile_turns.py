"""Where a conversation turn's CPU goes, by kind of turn (issue 14's re-plans and edits).

Runs bench/load.py's ``TURNS`` conversation (plan, relaxed pace, swap a museum, thanks)
in-process (memory store, offline language, no HTTP) for the bench_turns cities, a few
more, and two multi-city trips, one conversation after another. Prints each turn kind's
CPU µs per turn (``time.process_time``; the median over passes of the mean over
conversations), then a cProfile top-25 (cumulative) for one turn kind.

``--dump OUT.json`` writes, instead, what each turn of each conversation left behind (the
itinerary, preferences, constraints and the reply) so two trees can be compared byte for
byte (``cmp``), as ``bench.snapshot`` does for the planner alone (session ids are then
numbered, not random, since the offline narrator's phrasing follows them).

Run: ``.venv/bin/python -m bench.profile_turns [--kind pace|swap|plan|thanks]
[--passes N] [--dump OUT.json]``.
"""

import argparse
import asyncio
import cProfile
import io
import itertools
import json
import pstats
import statistics
import sys
import time
from typing import Any

from bench.load import TURNS
from wayfarer.config import load_settings
from wayfarer.conversation import orchestrator as orchestrator_module
from wayfarer.conversation.orchestrator import Orchestrator
from wayfarer.wiring import build_services

KINDS = ("plan", "pace", "swap", "thanks")
#: bench_turns' cities first, then more; a conversation's first turn for each.
CITIES = ("Lisbon", "Rome", "Paris", "Kyoto", "Tokyo", "Istanbul", "Barcelona", "London")
TRIPS = ("2 days in Tokyo and 2 days in Kyoto", "3 days in Rome and 2 days in Florence")


def openings() -> list[str]:
    """The first message of every conversation: TURNS[0] per city, then the trips."""
    single = [TURNS[0].format(days=2 + n % 4, city=city) for n, city in enumerate(CITIES)]
    return single + list(TRIPS)


async def _conversation(
    orchestrator: Orchestrator, opening: str, spent: dict[str, list[float]],
    profile: cProfile.Profile | None = None, kind: str = "",
    dump: list[dict[str, Any]] | None = None,
) -> None:
    session = await orchestrator.start()
    for turn_kind, text in zip(KINDS, [opening, *TURNS[1:]], strict=True):
        profiled = profile if turn_kind == kind else None
        if profiled is not None:
            profiled.enable()
        started = time.process_time()
        result = await orchestrator.turn(session.session_id, text)
        spent[turn_kind].append(time.process_time() - started)
        if profiled is not None:
            profiled.disable()
        if dump is not None:
            state = result.state
            dump.append({
                "opening": opening, "turn": turn_kind, "reply": result.reply.content,
                "itinerary": None if state.itinerary is None
                else state.itinerary.model_dump(mode="json"),
                "preferences": state.preferences.model_dump(mode="json"),
                "constraints": state.constraints.model_dump(mode="json"),
                "assumed": state.assumed,
            })


async def _run(args: argparse.Namespace) -> None:
    settings = load_settings(session_backend="memory", llm_provider="offline",
                             log_level="error", purge_interval_seconds=3600)
    services = await build_services(settings)
    orchestrator = services.orchestrator
    try:
        if args.dump:
            # the offline narrator picks its phrasing from the session id: fixed ids keep
            # replies comparable between two trees
            counter = itertools.count()
            orchestrator_module.new_session_id = (  # type: ignore[attr-defined]
                lambda: f"profile-turns-{next(counter):06d}")
            dump: list[dict[str, Any]] = []
            for opening in openings():
                await _conversation(orchestrator, opening, {k: [] for k in KINDS}, dump=dump)
            with open(args.dump, "w", encoding="utf-8") as handle:
                json.dump(dump, handle, indent=1, sort_keys=True)
                handle.write("\n")
            return
        warm: dict[str, list[float]] = {k: [] for k in KINDS}
        for opening in openings():  # imports, city indexes, first plans
            await _conversation(orchestrator, opening, warm)
        passes: list[dict[str, float]] = []
        for _ in range(args.passes):
            spent: dict[str, list[float]] = {k: [] for k in KINDS}
            for opening in openings():
                await _conversation(orchestrator, opening, spent)
            passes.append({k: statistics.mean(v) for k, v in spent.items()})
        count = len(openings())
        print(f"CPU µs per turn ({args.passes} passes of {count} conversations, median "
              "of the pass means):")
        for kind, text in zip(KINDS, TURNS, strict=True):
            values = [p[kind] * 1e6 for p in passes]
            print(f"  {kind:<7} {statistics.median(values):8.0f}  "
                  f"[{min(values):.0f}-{max(values):.0f}]  {text!r}")
        total = [sum(p.values()) * 1e6 for p in passes]
        print(f"  {'all':<7} {statistics.median(total):8.0f}  (sum of the four)")
        profile = cProfile.Profile()
        for opening in openings():
            await _conversation(orchestrator, opening, {k: [] for k in KINDS}, profile,
                                args.kind)
    finally:
        await services.close()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(25)
    print(f"cProfile, {args.kind!r} turns of {count} conversations (cumulative):")
    print(out.getvalue())


def main() -> int:
    """Parse the arguments and print the figures (or write the dump)."""
    parser = argparse.ArgumentParser(prog="python -m bench.profile_turns")
    parser.add_argument("--kind", choices=KINDS, default="pace")
    parser.add_argument("--passes", type=int, default=7)
    parser.add_argument("--dump", metavar="OUT.json")
    asyncio.run(_run(parser.parse_args()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
