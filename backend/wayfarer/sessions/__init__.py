"""Session persistence: the SessionStore protocol and its memory and Redis backends."""

from wayfarer.sessions.base import SessionStore
from wayfarer.sessions.factory import build_store
from wayfarer.sessions.ids import is_session_id, new_session_id
from wayfarer.sessions.memory import MemorySessionStore
from wayfarer.sessions.purge import PurgeScheduler, purge_once
from wayfarer.sessions.redis import RedisSessionStore

__all__ = [
    "MemorySessionStore",
    "PurgeScheduler",
    "RedisSessionStore",
    "SessionStore",
    "build_store",
    "is_session_id",
    "new_session_id",
    "purge_once",
]
