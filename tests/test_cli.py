"""The ``wayfarer`` console script as a user runs it: a subprocess with real stdin/stdout."""

import os
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
    assert "Swapped days 1 and 2" in out or "swapped" in out.lower()


def test_chat_ends_cleanly_at_end_of_input() -> None:
    result = _run(["chat"], stdin="Lisbon\n")
    assert result.returncode == 0, result.stderr


def test_purge_reports_a_count() -> None:
    result = _run(["purge"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "purged 0 expired sessions"
