"""The agent frameworks' session stores as turn cycles, for bench/session_cycles.py.

Installed only through the bench-only extra (``pip install -e '.[bench]'``), never a
runtime dependency; without it :func:`peer_cases` returns no cases and says so once.

- starsessions' ``RedisStore`` (the document as a JSON session, starsessions'
  ``JsonSerializer``): GET, decode, append, encode, SET; no lease, no version check, last
  writer wins; on the same Redis server as ours.
- LangGraph's ``InMemorySaver`` (the ``SessionState`` as a graph channel value): latest
  checkpoint, append, a new checkpoint; no lock, no version check, no TTL, every
  checkpoint kept (the thread is deleted after each document).
"""

import importlib.util
from collections.abc import Awaitable, Callable
from typing import Any

from wayfarer.domain import SessionState

Cycle = Callable[[], Awaitable[None]]
Appender = Callable[[SessionState, int], SessionState]
MISSING = "peers skipped (install the bench extra: pip install -e '.[bench]')"


def available() -> bool:
    """True when starsessions and langgraph are importable."""
    return all(importlib.util.find_spec(name) for name in ("starsessions", "langgraph"))


class StarsessionsPeer:
    """starsessions' RedisStore holding the document as its session data."""

    def __init__(self, url: str, prefix: str, state: SessionState, keep: int) -> None:
        from starsessions.serializers import JsonSerializer
        from starsessions.stores.redis import RedisStore

        self.store = RedisStore(url=url, prefix=prefix)
        self.serializer = JsonSerializer()
        self.session_id = state.session_id
        self.seed = self.serializer.serialize(state.model_dump(mode="json"))
        self.keep = keep
        self.turn = [
            {"role": "user", "content": "Could you move the museum to the afternoon?"},
            {"role": "assistant", "content": "Done: the museum is now at 15:00 on day 2."},
        ]

    async def start(self) -> None:
        await self.store.write(self.session_id, self.seed, lifetime=3600, ttl=3600)

    async def cycle(self) -> None:
        data = self.serializer.deserialize(await self.store.read(self.session_id, 3600))
        data["history"] = [*data["history"][: self.keep], *self.turn]
        await self.store.write(
            self.session_id, self.serializer.serialize(data), lifetime=3600, ttl=3600
        )

    async def close(self) -> None:
        await self.store.remove(self.session_id)
        await self.store._connection.aclose()


class LangGraphPeer:
    """LangGraph's InMemorySaver holding the SessionState as a channel value."""

    def __init__(self, state: SessionState, keep: int, appended: Appender) -> None:
        from langgraph.checkpoint.memory import InMemorySaver
        from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

        allowed = [(SessionState.__module__, SessionState.__name__)]
        self.saver = InMemorySaver(serde=JsonPlusSerializer(allowed_msgpack_modules=allowed))
        self.state = state
        self.keep = keep
        self.appended = appended
        self.config: Any = {"configurable": {"thread_id": state.session_id, "checkpoint_ns": ""}}
        self.step = 0

    async def _put(self, state: SessionState, parent: Any) -> None:
        from langgraph.checkpoint.base import empty_checkpoint

        self.step += 1
        checkpoint = empty_checkpoint()
        checkpoint["channel_values"] = {"session": state}
        checkpoint["channel_versions"] = {"session": self.step}
        await self.saver.aput(
            parent, checkpoint, {"source": "loop", "step": self.step}, {"session": self.step}
        )

    async def start(self) -> None:
        await self._put(self.state, self.config)

    async def cycle(self) -> None:
        latest = await self.saver.aget_tuple(self.config)
        assert latest is not None
        state = latest.checkpoint["channel_values"]["session"]
        await self._put(self.appended(state, self.keep), latest.config)

    async def close(self) -> None:
        await self.saver.adelete_thread(self.state.session_id)
