"""Routing, clustering and travel-time building blocks (property tests)."""

import math
from itertools import pairwise, permutations

from hypothesis import given, settings
from hypothesis import strategies as st

from wayfarer.planner.cluster import balanced_clusters
from wayfarer.planner.geo import travel_minutes_km
from wayfarer.planner.route import path_length, ranked_orders, shortest_path_length

points = st.lists(
    st.tuples(st.floats(0, 10, allow_nan=False), st.floats(0, 10, allow_nan=False)),
    min_size=1,
    max_size=7,
)


def _matrix(pts: list[tuple[float, float]]) -> list[list[float]]:
    return [[math.dist(a, b) for b in pts] for a in pts]


@settings(max_examples=80, deadline=None)
@given(points)
def test_held_karp_is_the_brute_force_optimum(pts: list[tuple[float, float]]) -> None:
    dist = _matrix(pts)
    brute = min(path_length(p, dist) for p in permutations(range(len(pts))))
    assert math.isclose(shortest_path_length(dist), brute, rel_tol=1e-9, abs_tol=1e-9)


@settings(max_examples=80, deadline=None)
@given(points, st.floats(1.0, 1.5))
def test_ranked_orders_are_all_the_orders_within_the_slack(
    pts: list[tuple[float, float]], slack: float
) -> None:
    dist = _matrix(pts)
    orders = ranked_orders(dist, slack)
    best = shortest_path_length(dist)
    lengths = [path_length(o, dist) for o in orders]
    assert math.isclose(lengths[0], best, rel_tol=1e-9, abs_tol=1e-9)
    assert all(b >= a - 1e-9 for a, b in pairwise(lengths))
    assert all(length <= best * slack + 1e-6 for length in lengths)
    expected = sum(
        1 for p in permutations(range(len(pts))) if path_length(p, dist) <= best * slack + 1e-9
    )
    assert len(orders) == expected


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.tuples(st.floats(-20, 20, allow_nan=False), st.floats(-20, 20, allow_nan=False)),
             min_size=2, max_size=40),
    st.integers(1, 8),
)
def test_clusters_have_exact_balanced_sizes(pts: list[tuple[float, float]], k: int) -> None:
    k = min(k, len(pts))
    base, extra = divmod(len(pts), k)
    sizes = [base + 1 if i < extra else base for i in range(k)]
    groups = balanced_clusters(pts, sizes)
    assert [len(g) for g in groups] == sizes
    assert sorted(i for g in groups for i in g) == list(range(len(pts)))
    assert balanced_clusters(pts, sizes) == groups


def test_clusters_keep_areas_together() -> None:
    west = [(0.0 + i * 0.1, 0.0) for i in range(4)]
    east = [(10.0 + i * 0.1, 0.0) for i in range(4)]
    groups = balanced_clusters(west + east, [4, 4])
    assert sorted(map(sorted, groups)) == [[0, 1, 2, 3], [4, 5, 6, 7]]


def test_travel_walks_short_hops_and_rides_long_ones() -> None:
    assert travel_minutes_km(0.0) == 0
    assert travel_minutes_km(1.0) == math.ceil(1.3 / 4.5 * 60)
    walk_limit = 2.0 / 1.3
    assert travel_minutes_km(walk_limit - 0.01) <= 27
    assert travel_minutes_km(5.0) == math.ceil(10 + 5 * 1.3 / 20 * 60)
