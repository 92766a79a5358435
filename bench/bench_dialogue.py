"""Blind set 2 (issue 9) through the real HTTP API: slot accuracy of first messages and
expectations held in dialogues (prints figures; ``--verbose`` prints every failure).

Starts the real app (memory store, offline language, ``WAYFARER_ENV=test``) on loopback
with ``tests.support.live_server``. Every first message of ``blind2_first.py`` opens a
fresh session and is scored from the SessionView after it; every dialogue of
``blind2_dialogues.py`` is played on a fresh session, turn by turn, and each check is
evaluated on the reply and the view (see ``tests/language/blind2_scoring.py`` for how
both are counted). Deterministic: the app is deterministic and relative dates resolve
against the machine's date, as the server's interpreter does.

    .venv/bin/python -m bench bench_dialogue [--verbose]
"""

import logging
import os
import sys
from collections import Counter
from datetime import date

import httpx
from tests.language.blind2_dialogues import DIALOGUES, Dialogue
from tests.language.blind2_first import FIRST
from tests.language.blind2_scoring import Miss, Seen, Tally, never_booked, score_first
from tests.support import live_server

from bench.bench_parsing import Api
from wayfarer.config import load_settings


def play_first(api: Api, today: date) -> Tally:
    """Every first message on a fresh session, scored slot by slot."""
    tally = Tally()
    for case in FIRST:
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


def main() -> None:
    verbose = "--verbose" in sys.argv[1:]
    os.environ.setdefault("WAYFARER_ENV", "test")
    settings = load_settings(rate_limit_per_minute=0, log_level="warning")
    today = date.today()
    turns = sum(len(d.turns) for d in DIALOGUES)
    print(f"blind set 2: {len(FIRST)} first messages, {len(DIALOGUES)} dialogues "
          f"({turns} turns); today = {today}")
    with live_server(settings) as live, httpx.Client(base_url=live.url, timeout=30) as http:
        logging.getLogger("wayfarer").setLevel(logging.WARNING)
        api = Api(http)
        first = play_first(api, today)
        dialogues = Tally()
        passing = sum(play_dialogue(api, d, dialogues) for d in DIALOGUES)
    print("\n".join(first.lines("slot accuracy (first messages)")))
    print("\n".join(dialogues.lines("dialogue expectations held")))
    print(f"dialogues fully passing: {passing}/{len(DIALOGUES)}")
    print("failure kinds:")
    for kind, count in failure_kinds(first, dialogues):
        print(f"  {count:>4}  {kind}")
    if verbose:
        print(f"failures ({len(first.misses) + len(dialogues.misses)}):")
        for miss in first.misses + dialogues.misses:
            print(f"  {miss.where!r}: {miss.slot} expected {miss.expected}, got {miss.got}")


if __name__ == "__main__":
    main()
