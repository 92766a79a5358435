"""The ``wayfarer`` console script as a user runs it: a subprocess with real stdin/stdout."""

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _run(args: list[str], stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("WAYFARER_")}
    environment.update({"WAYFARER_ENV": "test", **env})
    return subprocess.run(
        [sys.executable, "-m", "wayfarer.cli", *args],
        input=stdin, env=environment, capture_output=True, text=True, timeout=120, cwd=REPO,
    )


def test_chat_plans_and_edits_in_the_terminal() -> None:
    result = _run(
        ["chat"], stdin="3 days in Rome, food and history, relaxed, cheap\nswap day 1 and 2\nquit\n"
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("wayfarer> ")
    assert "Rome, Italy" in out
    assert out.count("Day 1 — ") >= 2  # the plan, then the table
    before, after = (_table_titles(table) for table in out.split("Rome, Italy\n")[1:3])
    assert len(before) == 3
    assert after == [before[1], before[0], before[2]]  # days 1 and 2 traded places


def _table_titles(table: str) -> list[str]:
    """The day headings of one printed itinerary table, in order."""
    return re.findall(r"^Day \d+ — (.+)$", table.split("\nyou> ")[0], flags=re.MULTILINE)


def test_chat_ends_cleanly_at_end_of_input() -> None:
    result = _run(["chat"], stdin="Lisbon\n")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    replies = result.stdout.split("wayfarer> ")[1:]
    assert len(replies) == 2  # the greeting, then the answer to the one message
    assert "Lisbon" in replies[1]  # the city was understood
    assert result.stdout.rstrip().endswith("you>")  # waiting for more when input ended


def test_purge_reports_a_count() -> None:
    result = _run(["purge"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "purged 0 expired sessions"
