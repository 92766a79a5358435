"""The interpreter's speed-ups keep their contracts: bounded memos, and the one-pass city
scan of the legs reader finds what reading the message once per city found."""

import pytest

from tests.language.blind2_first import FIRST as FIRST_2
from tests.language.blind4_first import FIRST as FIRST_4
from tests.language.cases import CASES
from tests.language.legs_blind import LEG_BLIND
from tests.reference import bundled_catalog, shared_world
from wayfarer.language import CityResolver
from wayfarer.language.offline.memo import Memo
from wayfarer.language.offline.text import Text

MESSAGES = sorted({c.message for c in CASES} | {c.message for c in LEG_BLIND}
                  | {f.message for f in (*FIRST_2, *FIRST_4)})


@pytest.fixture(scope="module")
def resolver() -> CityResolver:
    return CityResolver({c.name: c.country for c in bundled_catalog().cities}, shared_world())


def test_a_memo_keeps_at_most_its_size_and_drops_the_oldest_first() -> None:
    memo: Memo[str, int] = Memo(3)
    for n, key in enumerate("abcd"):
        memo.put(key, n)
    assert [memo.get(k, -1) for k in "abcd"] == [-1, 1, 2, 3]
    memo.cache_clear()
    assert memo.get("d", -1) == -1


def _read_one_by_one(text: Text, cities: CityResolver, limit: int) -> list[tuple[object, ...]]:
    """The cities found by calling ``read`` on a copy until it finds none (the legs
    reader's former way), with the span each claimed."""
    scratch = Text.of(text.raw)
    scratch.claimed = list(text.claimed)
    found: list[tuple[object, ...]] = []
    for _ in range(limit):
        before = list(scratch.claimed)
        match = cities.read(scratch)
        taken = [i for i, (was, now) in enumerate(zip(before, scratch.claimed, strict=True))
                 if now and not was]
        if not taken or not (match.city or match.unsupported):
            break
        found.append((taken[0], taken[-1] + 1, match.city, match.unsupported))
    return found


@pytest.mark.parametrize("claimed_words", [0, 2])
def test_destinations_in_one_pass_match_reading_the_message_once_per_city(
    resolver: CityResolver, claimed_words: int
) -> None:
    for message in MESSAGES:
        text = Text.of(message)
        for token in text.tokens[:claimed_words]:  # words an earlier reader took
            text.claim(token.start, token.end)
        claims = list(text.claimed)
        one_pass = [(start, end, m.city, m.unsupported)
                    for start, end, m in resolver.destinations(text, 8)]
        assert text.claimed == claims, message
        assert one_pass == _read_one_by_one(text, resolver, 8), message


def test_a_message_read_again_reads_the_same(resolver: CityResolver) -> None:
    first = [resolver.read(Text.of(m)) for m in MESSAGES]
    assert [resolver.read(Text.of(m)) for m in MESSAGES] == first


def test_texts_of_one_message_share_no_claims() -> None:
    first, second = Text.of("4 days in Lisbon"), Text.of("4 days in Lisbon")
    first.claim(0, 6)
    assert not any(second.claimed)
    assert (second.folded, second.tokens) == (first.folded, first.tokens)
