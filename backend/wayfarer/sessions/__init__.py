"""Session persistence: the store protocols by role (sessions/base.py) and their memory
and Redis backends."""

from wayfarer.sessions.base import (
    CityCache,
    SessionPersistence,
    SessionStore,
    ShareIndex,
    SharingStore,
    StoreUpkeep,
    TurnLocking,
    TurnStore,
)
from wayfarer.sessions.factory import build_store
from wayfarer.sessions.ids import is_session_id, new_session_id
from wayfarer.sessions.memory import MemorySessionStore
from wayfarer.sessions.purge import PurgeScheduler, purge_once
from wayfarer.sessions.redis import RedisSessionStore

__all__ = [
    "CityCache",
    "MemorySessionStore",
    "PurgeScheduler",
    "RedisSessionStore",
    "SessionPersistence",
    "SessionStore",
    "ShareIndex",
    "SharingStore",
    "StoreUpkeep",
    "TurnLocking",
    "TurnStore",
    "build_store",
    "is_session_id",
    "new_session_id",
    "purge_once",
]
