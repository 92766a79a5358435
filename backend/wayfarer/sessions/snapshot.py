"""The memory store's snapshot file (``WAYFARER_MEMORY_SNAPSHOT_PATH``), so a restart of a
single-process deployment keeps its conversations.

Format (JSON, UTF-8, mode 0600: it holds travellers' messages)::

    {"format": "wayfarer-memory-snapshot", "version": 1, "saved_at": <unix seconds>,
     "sessions": [{"id": str, "expires_at": <unix seconds>, "document": <session JSON>}]}

Sessions are listed least recently used first, so reading them back in order restores the
store's order. :func:`write` is atomic (temporary file in the same folder, fsync, rename):
a crash while writing leaves the previous snapshot. :func:`read` drops sessions whose
``expires_at`` has passed, skips (and counts in ``wayfarer_session_decode_errors_total``)
entries it cannot decode, then deletes the file, so a later crash never resurrects
sessions deleted since; an unreadable file is moved aside to ``<path>.unreadable``.
"""

import json
import logging
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wayfarer.observability import Metrics
from wayfarer.sessions import schema
from wayfarer.sessions.ids import is_session_id

log = logging.getLogger("wayfarer.sessions")

FORMAT = "wayfarer-memory-snapshot"
VERSION = 1


@dataclass
class Restored:
    """What :func:`read` found: sessions to load as (id, document, seconds left)."""

    sessions: list[tuple[str, bytes, float]] = field(default_factory=list)
    expired: int = 0
    undecodable: int = 0


def write(path: Path, sessions: Iterable[tuple[str, bytes, float]]) -> int:
    """Atomically replace ``path`` with ``sessions`` given as (id, document, expires_at in
    unix seconds), least recently used first; returns how many were written."""
    entries = [
        {"id": session_id, "expires_at": expires_at, "document": document.decode()}
        for session_id, document, expires_at in sessions
    ]
    body = json.dumps(
        {"format": FORMAT, "version": VERSION, "saved_at": time.time(), "sessions": entries},
        ensure_ascii=False,
    ).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(body)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
    log.info("memory snapshot written", extra={"path": str(path), "sessions": len(entries)})
    return len(entries)


def read(path: Path, metrics: Metrics) -> Restored:
    """The live, decodable sessions of the snapshot at ``path`` (empty if there is none);
    the file is removed once read (module docstring)."""
    restored = Restored()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return restored
    try:
        doc = json.loads(raw)
        if not (isinstance(doc, dict) and doc.get("format") == FORMAT):
            raise ValueError("not a wayfarer memory snapshot")
        items = doc["sessions"]
        if not isinstance(items, list):
            raise ValueError("sessions is not a list")
    except (ValueError, KeyError) as exc:
        aside = path.with_name(path.name + ".unreadable")
        os.replace(path, aside)
        log.warning("memory snapshot unreadable", extra={"path": str(aside), "error": str(exc)})
        return restored
    now = time.time()
    for item in items:
        _restore_one(item, now, restored, metrics)
    path.unlink(missing_ok=True)
    log.info(
        "memory snapshot loaded",
        extra={
            "path": str(path),
            "sessions": len(restored.sessions),
            "expired": restored.expired,
            "undecodable": restored.undecodable,
        },
    )
    return restored


def _restore_one(item: Any, now: float, restored: Restored, metrics: Metrics) -> None:
    try:
        session_id, expires_at, text = item["id"], item["expires_at"], item["document"]
        if not (is_session_id(session_id) and isinstance(text, str)):
            raise ValueError("malformed entry")
        seconds_left = float(expires_at) - now
        document = text.encode()
        if seconds_left > 0:
            schema.decode(document)
    except (ValueError, KeyError, TypeError) as exc:  # DocumentError is a ValueError
        restored.undecodable += 1
        metrics.session_decode_errors.inc()
        log.warning("undecodable snapshot entry", extra={"error": str(exc)[:200]})
        return
    if seconds_left <= 0:
        restored.expired += 1
        return
    restored.sessions.append((session_id, document, seconds_left))


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
