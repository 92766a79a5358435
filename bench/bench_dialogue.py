"""Blind sets 2, 3 and 4 (issue 9) through the real HTTP API: slot accuracy of first
messages and expectations held in dialogues (prints figures per set; ``--verbose`` prints
every failure; ``--set 2``, ``--set 3`` or ``--set 4`` plays one set).

Starts the real app (memory store, offline language, ``WAYFARER_ENV=test``) on loopback
with ``tests.support.live_server``. Every first message of a set (``blind2_first.py``,
``blind3_first.py``, ``blind4_first.py``) opens a fresh session and is scored from the
SessionView after it; every dialogue (``blind2_dialogues.py``, ``blind3_dialogues.py``,
``blind4_dialogues.py``) is played on a fresh session, turn by turn, and each check is
evaluated on the reply and the view (see
``tests/language/blind2_scoring.py`` for how both are counted). Deterministic: the app is
deterministic and relative dates resolve against the machine's date, as the server's
interpreter does.

    .venv/bin/python -m bench bench_dialogue [--verbose] [--set 2|3|4]
"""

import logging
import os
import sys
from collections import Counter
from datetime import date

import httpx
from tests.language import (
    blind2_dialogues,
    blind2_first,
    blind3_dialogues,
    blind3_first,
    blind4_dialogues,
    blind4_first,
)
from tests.language.blind2_dialogues import Dialogue
from tests.language.blind2_model import First
from tests.language.blind2_scoring import Miss, Seen, Tally, never_booked, score_first
from tests.support import live_server

from bench.bench_parsing import Api
from wayfarer.config import load_settings

#: The blind sets by number: first messages and dialogues.
SETS: dict[str, tuple[tuple[First, ...], tuple[Dialogue, ...]]] = {
    "2": (blind2_first.FIRST, blind2_dialogues.DIALOGUES),
    "3": (blind3_first.FIRST, blind3_dialogues.DIALOGUES),
    "4": (blind4_first.FIRST, blind4_dialogues.DIALOGUES),
}


def play_first(api: Api, cases: tuple[First, ...], today: date) -> Tally:
    """Every first message on a fresh session, scored slot by slot."""
    tally = Tally()
    for case in cases:
        _, view = api.say(api.new_session(), case.message)
        score_first(case, view, today, tally)
    return tally


def play_dialogue(api: Api, dialogue: Dialogue, tally: Tally) -> bool:
    """Play ``dialogue`` on a fresh session into ``tally``; whether every check held."""
    session = api.new_session()
    before = api.http.get(f"/api/sessions/{session}").json()
    replies: list[str] = []
    passed = True
    for number, turn in enumerate(dialogue.turns, start=1):
        reply, view = api.say(session, turn.message)
        replies.append(reply)
        seen = Seen(reply, view, before)
        for check in turn.checks:
            ok, got = check.held(seen)
            passed &= ok
            where = f"{dialogue.name} / turn {number}: {turn.message}"
            tally.record(check.kind, ok, Miss(where, check.label(), repr(check), got))
        before = view
    ok, got = never_booked(replies)
    tally.record("never 'booked'", ok, Miss(dialogue.name, "never 'booked'", "no", got))
    return passed and ok


def failure_kinds(first: Tally, dialogues: Tally) -> list[tuple[str, int]]:
    """Failures grouped by kind (slot wrong / slot set unstated / check kind), commonest
    first."""
    kinds: Counter[str] = Counter()
    for miss in first.misses:
        how = "set but not stated" if miss.expected == "(not stated)" else "wrong"
        kinds[f"first message: {miss.slot} {how}"] += 1
    for miss in dialogues.misses:
        kinds[f"dialogue: {miss.slot}"] += 1
    return kinds.most_common()


def report(api: Api, number: str, today: date, verbose: bool) -> None:
    """Play blind set ``number`` and print its figures (and failures when ``verbose``)."""
    cases, dialogues = SETS[number]
    turns = sum(len(d.turns) for d in dialogues)
    print(f"blind set {number}: {len(cases)} first messages, {len(dialogues)} dialogues "
          f"({turns} turns); today = {today}")
    first = play_first(api, cases, today)
    held = Tally()
    passing = sum(play_dialogue(api, d, held) for d in dialogues)
    print("\n".join(first.lines("slot accuracy (first messages)")))
    print("\n".join(held.lines("dialogue expectations held")))
    print(f"dialogues fully passing: {passing}/{len(dialogues)}")
    print("failure kinds:")
    for kind, count in failure_kinds(first, held):
        print(f"  {count:>4}  {kind}")
    if verbose:
        print(f"failures ({len(first.misses) + len(held.misses)}):")
        for miss in first.misses + held.misses:
            print(f"  {miss.where!r}: {miss.slot} expected {miss.expected}, got {miss.got}")


def main() -> None:
    args = sys.argv[1:]
    verbose = "--verbose" in args
    chosen = [args[args.index("--set") + 1]] if "--set" in args[:-1] else list(SETS)
    if any(n not in SETS for n in chosen):
        sys.exit(f"bench_dialogue: --set takes one of {', '.join(SETS)}")
    os.environ.setdefault("WAYFARER_ENV", "test")
    settings = load_settings(rate_limit_per_minute=0, log_level="warning")
    today = date.today()
    with live_server(settings) as live, httpx.Client(base_url=live.url, timeout=30) as http:
        logging.getLogger("wayfarer").setLevel(logging.WARNING)
        api = Api(http)
        for number in chosen:
            report(api, number, today, verbose)


if __name__ == "__main__":
    main()
