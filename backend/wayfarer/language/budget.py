"""The turn's time budget, shared by every model call of one turn.

The orchestrator opens :func:`turn_budget` around a turn (``WAYFARER_TURN_BUDGET_SECONDS``,
below the turn lease); each model call runs inside :func:`within_budget`, which raises
``TimeoutError`` when the turn's deadline passes, so the LLM layer's usual fallback (the
offline rules) answers the rest of that turn. Outside a turn there is no deadline.
"""

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_deadline: ContextVar[float | None] = ContextVar("wayfarer_turn_deadline", default=None)


@contextmanager
def turn_budget(seconds: float) -> Iterator[None]:
    """Give the model calls made inside the block ``seconds`` in total (event-loop time)."""
    token = _deadline.set(asyncio.get_running_loop().time() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def within_budget() -> asyncio.Timeout:
    """``async with`` a model call: TimeoutError once the turn's budget is spent (at once if
    it already is); no limit outside a turn."""
    return asyncio.timeout_at(_deadline.get())
