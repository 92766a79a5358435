"""Splitting chosen places into days by geography: balanced clusters, one area per day.

Capacitated k-means on a local flat projection: farthest-point seeds (starting from the
best place), greedy nearest assignment that respects each day's exact size and centre
updates until stable, then pairwise swaps between days while they shorten the total
distance to the centres. Deterministic: every tie breaks on the point's position.
"""

import math
from collections.abc import Sequence

Point = tuple[float, float]

MAX_ROUNDS = 8


def project(lat: float, lon: float, lat0: float, lon0: float) -> Point:
    """Kilometre coordinates of (lat, lon) on a flat map centred at (lat0, lon0)."""
    return ((lon - lon0) * math.cos(math.radians(lat0)) * 111.32, (lat - lat0) * 110.57)


def _distance(a: Point, b: Point) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def balanced_clusters(points: Sequence[Point], sizes: Sequence[int]) -> list[list[int]]:
    """Partition point indices into ``len(sizes)`` groups of exactly ``sizes[k]`` points.

    Point 0 seeds the first group (pass the best place first); the result lists each
    group's indices in ascending order, group k having ``sizes[k]`` members.
    """
    n, k = len(points), len(sizes)
    if sum(sizes) != n:
        raise ValueError("sizes must add up to the number of points")
    if k == 1:
        return [list(range(n))]
    centres = _seeds(points, k)
    groups: list[list[int]] = []
    for _ in range(MAX_ROUNDS):
        new_groups = _assign(points, centres, sizes)
        if new_groups == groups:
            break
        groups = new_groups
        centres = [_mean([points[i] for i in group]) for group in groups]
    return _improve(points, groups)


def _seeds(points: Sequence[Point], k: int) -> list[Point]:
    chosen = [0]
    nearest = [_distance(p, points[0]) for p in points]
    while len(chosen) < k:
        far = max(range(len(points)), key=lambda i: (nearest[i], -i))
        chosen.append(far)
        nearest = [min(nearest[i], _distance(points[i], points[far])) for i in range(len(points))]
    return [points[i] for i in chosen]


def _assign(points: Sequence[Point], centres: Sequence[Point], sizes: Sequence[int]) -> list[
    list[int]
]:
    hypot = math.hypot
    pairs = sorted(
        (hypot(p[0] - c[0], p[1] - c[1]), i, g)
        for i, p in enumerate(points)
        for g, c in enumerate(centres)
    )
    room = list(sizes)
    owner = [-1] * len(points)
    left = len(points)
    for _, i, g in pairs:
        if owner[i] < 0 and room[g] > 0:
            owner[i] = g
            room[g] -= 1
            left -= 1
            if not left:
                break
    return [sorted(i for i in range(len(points)) if owner[i] == g) for g in range(len(centres))]


def _improve(points: Sequence[Point], groups: list[list[int]]) -> list[list[int]]:
    owner = {i: g for g, group in enumerate(groups) for i in group}
    indices = sorted(owner)
    for _ in range(3):
        centres = [
            _mean([points[i] for i in indices if owner[i] == g]) for g in range(len(groups))
        ]
        near = {i: [_distance(points[i], c) for c in centres] for i in indices}
        swapped = False
        for a_pos, a in enumerate(indices):
            for b in indices[a_pos + 1 :]:
                ga, gb = owner[a], owner[b]
                if ga == gb:
                    continue
                if near[a][gb] + near[b][ga] < near[a][ga] + near[b][gb] - 1e-9:
                    owner[a], owner[b] = gb, ga
                    swapped = True
        if not swapped:
            break
    return [sorted(i for i in indices if owner[i] == g) for g in range(len(groups))]


def _mean(points: Sequence[Point]) -> Point:
    if not points:
        return (0.0, 0.0)
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
