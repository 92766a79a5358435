"""Prometheus metrics (all prefixed ``wayfarer_``) on a per-app registry, log setup, and
the request id of the request being served.

A registry per app keeps tests that build several apps from clashing on metric names. The
request id lives in a context variable the edge middleware sets (:func:`request_scope`), so
code below the API (the turn log) can name the request without being handed it; tasks a
request starts (a streamed turn) copy it.
"""

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram


class Metrics:
    """Every metric Wayfarer exports. Built once per app in the lifespan."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.http_requests = Counter(
            "wayfarer_http_requests", "HTTP requests served", ["method", "route", "status"],
            registry=r,
        )
        self.http_latency = Histogram(
            "wayfarer_http_request_seconds", "HTTP request latency", ["route"], registry=r
        )
        self.sessions_active = Gauge(
            "wayfarer_sessions_active", "Live sessions in the store", registry=r
        )
        self.sessions_created = Counter(
            "wayfarer_sessions_created", "Sessions created", registry=r
        )
        self.sessions_purged = Counter(
            "wayfarer_sessions_purged", "Expired sessions removed by the purge job", registry=r
        )
        self.sessions_evicted = Counter(
            "wayfarer_sessions_evicted", "Sessions evicted past WAYFARER_MAX_SESSIONS", registry=r
        )
        self.session_decode_errors = Counter(
            "wayfarer_session_decode_errors", "Stored documents that could not be read", registry=r
        )
        self.turn_lock_waits = Counter(
            "wayfarer_turn_lock_waits", "Turns that had to wait for the session lease", registry=r
        )
        self.turn_lock_conflicts = Counter(
            "wayfarer_turn_lock_conflicts", "Turns refused with turn_in_progress", registry=r
        )
        self.store_latency = Histogram(
            "wayfarer_store_operation_seconds", "Session store operation latency", ["op"],
            registry=r,
        )
        self.store_unavailable = Counter(
            "wayfarer_store_unavailable", "Store operations failed, by cause", ["cause"],
            registry=r,
        )
        self.turns = Counter(
            "wayfarer_turns", "Conversation turns by interpreted intent", ["intent"], registry=r
        )
        self.llm_calls = Counter(
            "wayfarer_llm_calls", "LLM calls by outcome", ["outcome"], registry=r
        )
        self.llm_latency = Histogram(
            "wayfarer_llm_call_seconds", "Model call latency by call kind and outcome",
            ["kind", "outcome"], registry=r,
            buckets=(0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60),
        )
        self.llm_tokens = Counter(
            "wayfarer_llm_tokens", "Model tokens as the API reports them (direction in/out)",
            ["kind", "direction", "outcome"], registry=r,
        )
        self.interpret_latency = Histogram(
            "wayfarer_interpret_seconds",
            "Time to read a message (the model's calls in LLM mode)", registry=r,
        )
        self.plan_latency = Histogram(
            "wayfarer_plan_seconds",
            "Time to decide a turn and plan or edit its itinerary (reading excluded)",
            registry=r,
        )


_request_id: ContextVar[str | None] = ContextVar("wayfarer_request_id", default=None)


@contextmanager
def request_scope(request_id: str) -> Iterator[None]:
    """Within the block, :func:`current_request_id` is ``request_id``."""
    token = _request_id.set(request_id)
    try:
        yield
    finally:
        _request_id.reset(token)


def current_request_id() -> str | None:
    """The id of the HTTP request being served, or None outside one (the CLI)."""
    return _request_id.get()


class JsonFormatter(logging.Formatter):
    """One JSON object per line; ``extra`` fields (session_id, request_id, ...) included."""

    _skip = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        payload.update({k: v for k, v in record.__dict__.items() if k not in self._skip})
        if record.exc_info:
            payload["exc"] = self.formatException(record.exc_info)
        return json.dumps(payload, default=str)


def configure_logging(level: str) -> None:
    """Send ``wayfarer.*`` logs to stderr as JSON lines at ``level``."""
    logger = logging.getLogger("wayfarer")
    logger.setLevel(level.upper())
    if not any(isinstance(h.formatter, JsonFormatter) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        logger.addHandler(handler)
    logger.propagate = False
