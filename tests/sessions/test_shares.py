"""The share-link part of the SessionStore contract, on every backend: a token points at
its session for at most the given time, and not once dropped."""

import asyncio
from datetime import timedelta
from pathlib import Path

from tests.sessions.conftest import Store
from wayfarer.domain import SessionState, ShareLink, utcnow
from wayfarer.sessions import MemorySessionStore, new_session_id
from wayfarer.sessions.shares import is_share_token, new_share_token


async def test_a_share_points_at_its_session_until_dropped(store: Store) -> None:
    token, session_id = new_share_token(), new_session_id()
    assert await store.share_target(token) is None
    await store.put_share(token, session_id, 60)
    assert await store.share_target(token) == session_id
    await store.drop_share(token)
    assert await store.share_target(token) is None
    await store.drop_share(token)  # dropping twice is fine


async def test_a_share_expires_after_its_time(store: Store) -> None:
    token = new_share_token()
    await store.put_share(token, new_session_id(), 0.2)
    await asyncio.sleep(0.3)
    assert await store.share_target(token) is None


async def test_unknown_and_malformed_tokens_have_no_target(store: Store) -> None:
    for token in [new_share_token(), "", "x" * 300, "../../etc", "a b" * 8]:
        assert await store.share_target(token) is None


def test_tokens_are_unguessable_and_distinct() -> None:
    tokens = {new_share_token() for _ in range(1000)}
    assert len(tokens) == 1000
    assert all(is_share_token(t) and len(t) == 22 for t in tokens)  # 128 random bits


async def test_memory_snapshot_keeps_share_links_across_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "sessions.json"

    def memory() -> MemorySessionStore:
        return MemorySessionStore(ttl_seconds=60, max_sessions=10, turn_wait_seconds=1,
                                  snapshot_path=path)

    first = memory()
    created = await first.create(SessionState(session_id=new_session_id()))
    token = new_share_token()
    created.share = ShareLink(token=token, expires_at=utcnow() + timedelta(hours=1))
    await first.save(created, expected_version=created.version)
    await first.put_share(token, created.session_id, 3600)
    await first.close()  # writes the snapshot
    second = memory()
    second.restore()
    assert await second.share_target(token) == created.session_id
    await second.close()
