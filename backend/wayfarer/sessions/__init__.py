"""Session persistence: the SessionStore protocol and its memory and Redis backends."""

from wayfarer.sessions.base import SessionStore

__all__ = ["SessionStore"]
