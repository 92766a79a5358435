"""The share-link part of the SessionStore contract, on every backend: a token points at
its session for at most the given time, and not once dropped."""

import asyncio

from tests.sessions.conftest import Store
from wayfarer.sessions import new_session_id
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
