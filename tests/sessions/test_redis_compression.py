"""Compressed documents in Redis (WAYFARER_REDIS_COMPRESSION_LEVEL): smaller, fenced by the
same version check, and readable both ways across a change of the setting (the contract
suite also runs on a compressing store, backend ``redis-zlib``)."""

from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from wayfarer.config import load_settings
from wayfarer.domain import Message, SessionState
from wayfarer.errors import SessionNotFound, VersionConflict
from wayfarer.observability import Metrics
from wayfarer.sessions import RedisSessionStore, new_session_id
from wayfarer.sessions.factory import build_store
from wayfarer.sessions.schema import encode

pytestmark = pytest.mark.redis


@pytest.fixture
async def stores(redis_url: str, redis_prefix: str) -> AsyncIterator[dict[str, RedisSessionStore]]:
    """A plain and a compressing store on the same keys (a deploy that changes the level)."""
    built = {
        name: RedisSessionStore.from_url(
            redis_url, ttl_seconds=30, turn_wait_seconds=1, turn_lease_seconds=5,
            key_prefix=redis_prefix, compression_level=level,
        )
        for name, level in (("plain", 0), ("zlib", 1))
    }
    yield built
    for store in built.values():
        await store.close()


def conversation() -> SessionState:
    said = "Three days in Lisbon with food, viewpoints and a slow pace, please. " * 3
    return SessionState(
        session_id=new_session_id(),
        history=[Message(role="user" if n % 2 else "assistant", content=said) for n in range(12)],
    )


async def test_compressed_documents_are_smaller_and_read_by_both_settings(
    stores: dict[str, RedisSessionStore], raw_redis: Redis
) -> None:
    plain, zlib = stores["plain"], stores["zlib"]
    kept_plain = await plain.create(conversation())
    kept_zlib = await zlib.create(conversation())
    plain_bytes = await raw_redis.get(plain.keys.session(kept_plain.session_id))
    zlib_bytes = await raw_redis.get(zlib.keys.session(kept_zlib.session_id))
    assert plain_bytes == encode(kept_plain)
    assert len(zlib_bytes) < len(plain_bytes) / 2
    # an old uncompressed document loads in a compressing store, and the other way round
    assert (await zlib.get(kept_plain.session_id)).history == kept_plain.history
    assert (await plain.get(kept_zlib.session_id)).history == kept_zlib.history


async def test_a_compressed_document_is_fenced_by_its_version(
    stores: dict[str, RedisSessionStore],
) -> None:
    plain, zlib = stores["plain"], stores["zlib"]
    created = await zlib.create(conversation())
    first = await zlib.get(created.session_id)
    saved = await plain.save(first, expected_version=1)  # plain save over a compressed one
    assert saved.version == 2
    with pytest.raises(VersionConflict):
        await zlib.save(first, expected_version=1)
    async with zlib.turn_lock(created.session_id):
        state = await zlib.get(created.session_id)
        assert (await zlib.save(state, expected_version=state.version)).version == 3
    assert (await plain.get(created.session_id)).version == 3


async def test_a_broken_compressed_document_is_counted_and_not_found(
    redis_url: str, redis_prefix: str, raw_redis: Redis
) -> None:
    metrics = Metrics()
    store = RedisSessionStore.from_url(
        redis_url, ttl_seconds=30, turn_wait_seconds=1, turn_lease_seconds=5,
        key_prefix=redis_prefix, compression_level=1, metrics=metrics,
    )
    try:
        session_id = new_session_id()
        head = b'Z{"schema_version":1,"session_id":"%s","version":1}' % session_id.encode()
        await store.put_document(session_id, head + b"not zlib at all")
        with pytest.raises(SessionNotFound):
            await store.get(session_id)
        assert metrics.registry.get_sample_value("wayfarer_session_decode_errors_total") == 1
    finally:
        await store.close()


def test_the_setting_reaches_the_store(redis_url: str) -> None:
    settings = load_settings(
        session_backend="redis", redis_url=redis_url, redis_compression_level=6
    )
    store = build_store(settings, Metrics())
    assert isinstance(store, RedisSessionStore)
    assert store.compression_level == 6
