"""``wayfarer eval-model`` end to end: the console script, run as a process from the
repository root, scores the offline rules and a model served by the loopback
OpenAI-protocol server, and prints the scorecard."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conversation.llm_support import data_of, is_interpretation
from tests.fake_openai import fake_openai
from tests.language.blind2_first import FIRST

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 6
GARBLED = {case.message for case in FIRST[:LIMIT]}


def _model(messages: list[dict[str, Any]]) -> str:
    """Prose for the first messages (each falls back), an empty reading for the rest."""
    assert is_interpretation(messages)  # the scorecard only interprets
    if data_of(messages)["message"] in GARBLED:
        return "Lovely trip! I'd suggest the museums."
    return json.dumps({"acts": [{"act": "unclear"}]})


def _columns(output: str) -> dict[str, list[str]]:
    rows = {}
    for line in output.splitlines():
        label, _, values = line.partition("  ")
        rows[label.strip()] = values.split()
    return rows


def test_eval_model_prints_a_scorecard_against_the_configured_model() -> None:
    with fake_openai(_model) as fake:
        env = {**os.environ, "OPENAI_BASE_URL": fake.base_url, "OPENAI_API_KEY": "sk-test",
               "WAYFARER_OPENAI_MODEL": "loopback", "WAYFARER_ENV": "test",
               "WAYFARER_LLM_STRUCTURED_METHOD": "function_calling"}
        script = Path(sys.executable).with_name("wayfarer")
        done = subprocess.run([str(script), "eval-model", "--limit", str(LIMIT), "--verbose"],
                              cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "loopback" in done.stdout.splitlines()[0]
    card, _, per_slot = done.stdout.split("\n", 1)[1].partition("\n\n")
    rows = _columns(card)
    assert "slots, offline:" in per_slot and "slots, loopback:" in per_slot
    assert rows[""] == ["offline", "loopback"]
    calls = 2 * LIMIT
    assert rows["fallbacks"] == [f"0/{calls}", f"{LIMIT}/{calls}"]
    assert rows["act accuracy"][1] == "0.0%"  # "unclear" is never the expected reading
    assert float(rows["slot accuracy"][0].rstrip("%")) > 0
    assert rows["tokens per turn"][0] == "0" and int(rows["tokens per turn"][1]) > 0
    assert all(float(v) >= 0 for v in rows["latency p50 ms"] + rows["latency p99 ms"])
    assert {"tools"} <= set(fake.requests[0])  # the configured structured method was used


def test_eval_model_outside_a_checkout_says_so(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("wayfarer")
    env = {**os.environ, "OPENAI_API_KEY": "sk-test", "WAYFARER_ENV": "test"}
    done = subprocess.run([str(script), "eval-model"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "repository root" in done.stderr
