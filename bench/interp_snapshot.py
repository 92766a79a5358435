"""A byte-for-byte snapshot of what the offline interpreter reads, and its CPU per message.

``python -m bench.interp_snapshot FILE`` reads every message of the blind sets and tables
(``tests/language``: blind sets 2-4's first messages and dialogues, the first blind set,
the legs blind set, the parsing table ``cases.py``; ``bench/load.py``'s ``TURNS``) and
writes each :class:`~wayfarer.domain.Interpretation` (``model_dump_json``), one line per
reading, to FILE when it does not exist; when it does, it compares and names the readings
that differ (exit status 1). A refactor of the language layer must leave FILE identical.

Readings, each on its own context:

- every message as a first message of a fresh session, on two interpreters: the tests'
  (``plans.COVERED``) and the app's (every catalog city);
- the messages of ``cases.py``, the first blind set and the legs blind set also in their
  table's context (a question just asked, a planned Paris or Tokyo-Kyoto trip);
- every dialogue (and ``TURNS`` for a few cities) played through the real
  :class:`~wayfarer.conversation.orchestrator.Orchestrator` (memory store, real planner
  and narrator), each message read on the state the conversation built.

Dates are read against ``plans.TODAY``. ``--time`` instead prints the interpretation CPU
per message (median over passes, µs) in total by set and for the slowest 15 messages:
"cold" clears the language layer's memo caches before every reading (each message new to
the process; memos of single characters, words or the vocabulary, :data:`WORD_MEMOS`, stay
warm), "warm" does not (the same messages again). Not a benchmark of ``make bench``.
"""

import asyncio
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from tests.language import (
    blind2_dialogues,
    blind2_first,
    blind3_dialogues,
    blind3_first,
    blind4_dialogues,
    blind4_first,
    blind_cases,
    cases,
    legs_blind,
    legs_scoring,
)
from tests.language.blind_scoring import interpreter_state
from tests.language.plans import COVERED, TODAY, gathering, planned
from tests.reference import reference

from bench.load import TURNS
from wayfarer.config import load_settings
from wayfarer.conversation.orchestrator import Orchestrator
from wayfarer.domain import Interpretation, SessionState
from wayfarer.language import OfflineInterpreter, OfflineNarrator
from wayfarer.wiring import build_services

PASSES = 7
SLOWEST = 15
TURN_CITIES = ("Lisbon", "Rome", "Paris", "Kyoto")
#: Memos of single characters, words or the vocabulary, warm in a running process whatever
#: the message: "cold" keeps them (a message new to the process, not a new process).
WORD_MEMOS = frozenset({"fold_char", "_misspelt", "_never_typos"})


@dataclass(frozen=True)
class Reading:
    """One message read on one state by one interpreter, under a stable label."""

    group: str
    label: str
    message: str
    state: SessionState
    interpreter: OfflineInterpreter


class _Recorder:
    """An :class:`~wayfarer.language.Interpreter` that reads with the offline one and keeps
    each message with the state it was read on (a copy: the orchestrator goes on)."""

    def __init__(self, interpreter: OfflineInterpreter) -> None:
        self.interpreter = interpreter
        self.seen: list[tuple[str, SessionState]] = []

    async def interpret(self, message: str, state: SessionState) -> Interpretation:
        self.seen.append((message, state.model_copy(deep=True)))
        return self.interpreter.read(message, state)


def _conversations() -> list[tuple[str, list[str]]]:
    """Every dialogue of blind sets 2-4, then ``TURNS`` for a few cities."""
    played: list[tuple[str, list[str]]] = []
    for number, module in (("2", blind2_dialogues), ("3", blind3_dialogues),
                           ("4", blind4_dialogues)):
        for dialogue in module.DIALOGUES:
            played.append((f"blind{number} {dialogue.name}", [t.message for t in dialogue.turns]))
    for n, city in enumerate(TURN_CITIES):
        days = 2 + n % 4
        played.append((f"turns {city}", [t.format(days=days, city=city) for t in TURNS]))
    return played


async def _played(app: OfflineInterpreter) -> list[Reading]:
    """The conversations through the orchestrator; each message with the state it met."""
    settings = load_settings(session_backend="memory", llm_provider="offline",
                             log_level="error", purge_interval_seconds=3600)
    data = reference()
    services = await build_services(settings, reference=data)
    recorder = _Recorder(app)
    covered = {city.name: city.country for city in data.catalog.cities}
    orchestrator = Orchestrator(services.store, recorder, OfflineNarrator(covered),
                                services.planner, settings, services.metrics)
    readings: list[Reading] = []
    try:
        for name, messages in _conversations():
            session = await orchestrator.start()
            recorder.seen.clear()
            for message in messages:
                await orchestrator.turn(session.session_id, message)
            group = "turns" if name.startswith("turns") else "dialogues"
            for k, (message, state) in enumerate(recorder.seen):
                readings.append(Reading(group, f"{name} #{k}", message, state, app))
    finally:
        await services.close()
    return readings


def _first_messages() -> Iterator[tuple[str, str]]:
    """(set, message) for every message of every set, dialogues' turns included."""
    for number, module in (("2", blind2_first), ("3", blind3_first), ("4", blind4_first)):
        for first in module.FIRST:
            yield f"blind{number}_first", first.message
    for name, messages in _conversations():
        for message in messages:
            yield name.split(" ")[0], message
    for blind in blind_cases.BLIND:
        yield "blind_cases", blind.message
    for leg in legs_blind.LEG_BLIND:
        yield "legs_blind", leg.message
    for case in cases.CASES:
        yield "cases", case.message


def _in_context(tests: OfflineInterpreter, app: OfflineInterpreter) -> Iterator[Reading]:
    """The table messages in their table's context, on the interpreter its test uses."""
    for k, case in enumerate(cases.CASES):
        state = (planned(**case.prefs) if case.stage == "planned"
                 else gathering(case.asked, **case.prefs))
        yield Reading("context", f"cases #{k}", case.message, state, tests)
    for k, blind in enumerate(blind_cases.BLIND):
        yield Reading("context", f"blind_cases #{k} {blind.context}", blind.message,
                      interpreter_state(blind.context), tests)
    for k, leg in enumerate(legs_blind.LEG_BLIND):
        yield Reading("context", f"legs_blind #{k} {leg.context}", leg.message,
                      legs_scoring.state_for(leg), app)


def readings() -> list[Reading]:
    """Every reading of the snapshot, in a fixed order."""
    world = reference().world
    covered = {city.name: city.country for city in reference().catalog.cities}
    tests = OfflineInterpreter(COVERED, today=lambda: TODAY, world=world)
    app = OfflineInterpreter(covered, today=lambda: TODAY, world=world)
    fresh = gathering()
    out: list[Reading] = []
    for k, (group, message) in enumerate(_first_messages()):
        for name, interpreter in (("tests", tests), ("app", app)):
            out.append(Reading(f"first {group}", f"first {group} #{k} {name}", message, fresh,
                               interpreter))
    out += _in_context(tests, app)
    out += asyncio.run(_played(app))
    return out


def _lines(found: list[Reading]) -> list[str]:
    return [f"{r.label}\t{r.message!r}\t{r.interpreter.read(r.message, r.state).model_dump_json()}"
            for r in found]


def _memo_caches(interpreters: list[OfflineInterpreter]) -> list[Callable[[], None]]:
    """``cache_clear`` of every memo of the language package but :data:`WORD_MEMOS`:
    memoized functions of its modules, and memos the interpreters and their parts (the city
    resolver) hold."""
    owners: list[object] = [m for m in list(sys.modules.values())
                            if isinstance(m, ModuleType)
                            and m.__name__.startswith("wayfarer.language")]
    owners += interpreters
    owners += [part for i in interpreters for part in vars(i).values()
               if type(part).__module__.startswith("wayfarer.language")]
    clears: dict[int, Callable[[], None]] = {}
    for owner in owners:
        for value in vars(owner).values():
            clear = None if isinstance(value, type) else getattr(value, "cache_clear", None)
            if callable(clear) and getattr(value, "__name__", "") not in WORD_MEMOS:
                clears[id(value)] = clear
    return list(clears.values())


def _cpu(reading: Reading, clears: list[Callable[[], None]]) -> float:
    for clear in clears:
        clear()
    started = time.process_time()
    reading.interpreter.read(reading.message, reading.state)
    return time.process_time() - started


def timing() -> None:
    """Print the interpretation CPU per message, cold and warm (see the module docstring)."""
    found = [r for r in readings() if not r.label.endswith(" tests")]
    clears = _memo_caches(list({id(r.interpreter): r.interpreter for r in found}.values()))
    print(f"{len(found)} readings (the app's interpreter), {PASSES} passes, "
          f"{len(clears)} memo caches cleared for 'cold'")
    for mode, cleared in (("cold", clears), ("warm", [])):
        passes = [[_cpu(r, cleared) for r in found] for _ in range(PASSES)]
        per = [statistics.median(p[k] for p in passes) * 1e6 for k in range(len(found))]
        groups: dict[str, list[float]] = {}
        for r, us in zip(found, per, strict=True):
            groups.setdefault(r.group.split(" ")[0], []).append(us)
        print(f"{mode}: total {sum(per) / 1000:.1f} ms, mean {statistics.mean(per):.0f} µs, "
              f"median {statistics.median(per):.0f} µs per message; by set: "
              + ", ".join(f"{g} {len(v)} x {statistics.mean(v):.0f} µs"
                          for g, v in groups.items()))
        if mode == "cold":
            ranked = sorted(zip(per, found, strict=True), key=lambda pair: -pair[0])
            for us, r in ranked[:SLOWEST]:
                print(f"  {us:7.0f} µs  {r.label}: {r.message[:70]!r}")


def main() -> int:
    """Write or compare the snapshot; ``--time`` prints CPU per message."""
    args = sys.argv[1:]
    if args == ["--time"]:
        timing()
        return 0
    if len(args) != 1:
        print("usage: python -m bench.interp_snapshot FILE | --time", file=sys.stderr)
        return 2
    path = Path(args[0])
    lines = _lines(readings())
    if not path.exists():
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {len(lines)} readings to {path}")
        return 0
    before = path.read_text(encoding="utf-8").splitlines()
    differ = [new for old, new in zip(before, lines, strict=False) if old != new]
    if len(before) != len(lines):
        print(f"{len(before)} readings in {path}, {len(lines)} now")
    for line in differ[:20]:
        print("differs:", line[:300])
    identical = not differ and len(before) == len(lines)
    print(f"{len(lines)} readings: {'identical' if identical else f'{len(differ)} differ'}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
