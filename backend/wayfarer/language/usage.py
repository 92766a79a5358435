"""What the model calls of one turn cost: calls, tokens and milliseconds.

Every model call reports itself once through :func:`record_call` (Prometheus:
``wayfarer_llm_call_seconds{kind,outcome}`` and ``wayfarer_llm_tokens{kind,direction,
outcome}``, tokens as the API's ``usage`` reports them). The orchestrator opens
:func:`turn_usage` around a turn; on leaving it one ``llm turn`` log line gives the turn's
calls, tokens and model milliseconds -- never message text or a key. Turns without model
calls (the offline provider) log nothing.
"""

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Literal

from wayfarer.observability import Metrics

log = logging.getLogger("wayfarer.language.usage")

CallKind = Literal["interpret", "narrate", "propose"]
#: ok: used; invalid: answered outside the schema; error: failed or timed out.
Outcome = Literal["ok", "invalid", "error"]


@dataclass
class TurnUsage:
    """Totals of one turn's model calls."""

    calls: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    seconds: float = 0.0


_current: ContextVar[TurnUsage | None] = ContextVar("wayfarer_turn_usage", default=None)


def tokens_of(usage: Mapping[str, Any] | None) -> tuple[int, int]:
    """(input, output) tokens from LangChain's ``usage_metadata`` (0, 0 when absent)."""
    if not usage:
        return 0, 0
    return int(usage.get("input_tokens") or 0), int(usage.get("output_tokens") or 0)


def record_call(
    metrics: Metrics,
    kind: CallKind,
    outcome: Outcome,
    seconds: float,
    usage: Mapping[str, Any] | None = None,
) -> None:
    """Count one model call in the metrics and in the running turn's totals."""
    tokens_in, tokens_out = tokens_of(usage)
    metrics.llm_latency.labels(kind, outcome).observe(seconds)
    metrics.llm_tokens.labels(kind, "in", outcome).inc(tokens_in)
    metrics.llm_tokens.labels(kind, "out", outcome).inc(tokens_out)
    turn = _current.get()
    if turn is not None:
        turn.calls += 1
        turn.tokens_in += tokens_in
        turn.tokens_out += tokens_out
        turn.seconds += seconds


@contextmanager
def turn_usage(session_id: str) -> Iterator[TurnUsage]:
    """Collect the model calls made inside the block; log their totals when it ends."""
    usage = TurnUsage()
    token = _current.set(usage)
    try:
        yield usage
    finally:
        _current.reset(token)
        if usage.calls:
            log.info("llm turn", extra={
                "session_id": session_id,
                "llm_calls": usage.calls,
                "tokens_in": usage.tokens_in,
                "tokens_out": usage.tokens_out,
                "llm_ms": round(usage.seconds * 1000),
            })
