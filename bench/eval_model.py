"""The model scorecard (``wayfarer eval-model``, ``make eval-model``): the configured model
next to the offline interpreter on the project's own language sets.

- **slot accuracy**: blind set 2's first messages (``tests/language/blind2_first.py``),
  each read on a fresh session; the preference changes of the acts are merged into empty
  preferences as the conversation does (``conversation.merge.merge_preferences``) and
  scored by ``blind2_scoring.score_first`` (stated slots right, unstated ones left empty).
- **act accuracy**: the messages -> acts table (``tests/language/test_acts_table.py``),
  each row in its state; a row counts when every expected act and field holds.
- **fallbacks**: interpreter calls the model did not answer usably (error, timeout, reply
  outside the schema), which the offline rules answered instead.
- **latency** p50 / p99 of one interpretation, and **tokens per turn** (in + out, from the
  API's ``usage``). ``--verbose`` adds slot accuracy per slot.

Slot accuracy here is the interpreter's reading alone (no policy: no defaults, no budget
level derived from an amount), so it differs from ``bench_dialogue``'s figure, which is
read from the SessionView after a whole turn.

The model is the one the settings name (``OPENAI_BASE_URL``, ``WAYFARER_OPENAI_MODEL``,
``OPENAI_API_KEY``, ``WAYFARER_LLM_STRUCTURED_METHOD``), whatever ``WAYFARER_LLM_PROVIDER``
says. Multi-turn dialogues are scored through the whole app by ``bench/bench_dialogue.py``
(run it with ``WAYFARER_LLM_PROVIDER=openai`` for the model). Run from the repository root::

    .venv/bin/wayfarer eval-model [--limit N] [--concurrency K] [--verbose]
"""

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

import httpx
from tests.language.blind2_first import FIRST
from tests.language.blind2_scoring import Tally, score_first
from tests.language.plans import COVERED, TODAY
from tests.language.test_acts_table import ROWS, check, state_for

from wayfarer.config import Settings
from wayfarer.conversation.merge import merge_preferences, merge_updates
from wayfarer.domain import ChangePreferences, Interpretation, Preferences, SessionState
from wayfarer.language import Interpreter, OfflineInterpreter
from wayfarer.language.llm import LLMInterpreter, build_chat_model
from wayfarer.language.offline import WorldCities
from wayfarer.language.usage import turn_usage
from wayfarer.observability import Metrics

#: An interpreter for a given "today" (the two sets resolve dates against different days).
Factory = Callable[[date], Interpreter]


@dataclass
class Score:
    """One interpreter's figures on both sets."""

    name: str
    slots: Tally = field(default_factory=Tally)
    acts: Tally = field(default_factory=Tally)
    seconds: list[float] = field(default_factory=list)
    tokens: list[int] = field(default_factory=list)
    fallbacks: float = 0.0


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q`` quantile (0..1) by nearest rank; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


async def _timed(
    score: Score, call: Awaitable[Interpretation], gate: asyncio.Semaphore
) -> Interpretation:
    async with gate:
        with turn_usage("eval-model") as usage:
            started = time.perf_counter()
            result = await call
            score.seconds.append(time.perf_counter() - started)
        score.tokens.append(usage.tokens_in + usage.tokens_out)
        return result


def _preferences(interpretation: Interpretation) -> Preferences:
    updates = [a.changes for a in interpretation.dialogue_acts()
               if isinstance(a, ChangePreferences)]
    return merge_preferences(Preferences(), merge_updates(updates))


async def evaluate(name: str, make: Factory, limit: int | None, concurrency: int) -> Score:
    """Run both sets through the interpreters ``make`` builds."""
    score = Score(name)
    gate = asyncio.Semaphore(concurrency)
    today = date.today()
    firsts, rows = FIRST[:limit], ROWS[:limit]
    first_reader, acts_reader = make(today), make(TODAY)
    read = await asyncio.gather(*(
        _timed(score, first_reader.interpret(c.message, SessionState(session_id="eval")), gate)
        for c in firsts))
    for case, interpretation in zip(firsts, read, strict=True):
        view = {"preferences": _preferences(interpretation).model_dump(mode="json")}
        score_first(case, view, today, score.slots)
    acted = await asyncio.gather(*(
        _timed(score, acts_reader.interpret(message, state_for(kind)), gate)
        for kind, message, _ in rows))
    for (_, _, expected), interpretation in zip(rows, acted, strict=True):
        try:
            check(interpretation.dialogue_acts(), expected)
            held = True
        except AssertionError:
            held = False
        score.acts.record("acts", held)
    return score


def scorecard(scores: Sequence[Score], calls: int) -> list[str]:
    """The figures side by side, one line each."""
    rows: list[tuple[str, Callable[[Score], str]]] = [
            ("slot accuracy", lambda s: f"{s.slots.rate:.1%}"),
            ("act accuracy", lambda s: f"{s.acts.rate:.1%}"),
            ("fallbacks", lambda s: f"{int(s.fallbacks)}/{calls}"),
            ("latency p50 ms", lambda s: f"{percentile(s.seconds, 0.5) * 1000:.0f}"),
            ("latency p99 ms", lambda s: f"{percentile(s.seconds, 0.99) * 1000:.0f}"),
            ("tokens per turn", lambda s: f"{sum(s.tokens) / max(1, len(s.tokens)):.0f}")]
    lines = [f"{'':<18}" + "".join(f"{s.name:>14}" for s in scores)]
    lines += [f"{label:<18}" + "".join(f"{show(s):>14}" for s in scores)
              for label, show in rows]
    return lines


async def run(
    settings: Settings, limit: int | None = None, concurrency: int = 4, verbose: bool = False
) -> str:
    """Score the offline interpreter and the configured model; the printable report."""
    logging.getLogger("wayfarer").setLevel(logging.ERROR)  # fallbacks are counted instead
    metrics = Metrics()
    world = WorldCities()

    def offline(today: date) -> Interpreter:
        return OfflineInterpreter(COVERED, today=lambda: today, world=world)

    async with httpx.AsyncClient() as http:
        model = build_chat_model(settings, http)

        def llm(today: date) -> Interpreter:
            rules = OfflineInterpreter(COVERED, today=lambda: today, world=world)
            return LLMInterpreter(
                model, rules.resolve_city, metrics, fallback=rules, today=lambda: today,
                method=settings.llm_structured_method,
                context_tokens=settings.llm_context_tokens,
            )

        scores = [await evaluate("offline", offline, limit, concurrency),
                  await evaluate(settings.openai_model[:13], llm, limit, concurrency)]
    scores[1].fallbacks = metrics.registry.get_sample_value(
        "wayfarer_llm_calls_total", {"outcome": "fallback"}) or 0.0
    calls = len(scores[1].seconds)
    head = [f"model {settings.openai_model} at {settings.openai_base_url or 'api.openai.com'}"
            f" ({settings.llm_structured_method}); {len(FIRST[:limit])} first messages, "
            f"{len(ROWS[:limit])} act rows"]
    per_slot = [line for score in scores for line in score.slots.lines(f"slots, {score.name}")]
    return "\n".join(head + scorecard(scores, calls) + (["", *per_slot] if verbose else []))
