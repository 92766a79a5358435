"""Walking order of a day's stops: path lengths, the exact shortest order, ranked orders.

Paths are open (a day has no fixed hotel): any stop may come first or last. Distances come
as a square matrix of kilometres. Everything here is exact; the sizes the planner uses
(at most six activities a day) keep it fast.
"""

import itertools
from collections.abc import Sequence

Matrix = Sequence[Sequence[float]]

#: Largest stop count solved exactly by :func:`shortest_path_length` (Held-Karp).
EXACT_LIMIT = 12
#: Largest stop count :func:`ranked_orders` enumerates (n! orders).
ENUMERATE_LIMIT = 7


def path_length(order: Sequence[int], dist: Matrix) -> float:
    """Length of visiting the stops in ``order``."""
    return sum(dist[a][b] for a, b in itertools.pairwise(order))


def shortest_path_length(dist: Matrix) -> float:
    """Length of the shortest open path through every stop (see :func:`shortest_path`)."""
    return shortest_path(dist)[0]


def shortest_path(dist: Matrix) -> tuple[float, tuple[int, ...]]:
    """The shortest open path through every stop and its length (Held-Karp, exact).

    Exact up to :data:`EXACT_LIMIT` stops; beyond that it returns the path found by
    nearest-neighbour plus 2-opt, an upper bound on the optimum. Ties go to the path
    found first (deterministic).
    """
    n = len(dist)
    if n <= 1:
        return 0.0, tuple(range(n))
    if n > EXACT_LIMIT:
        order = _two_opt(dist)
        return path_length(order, dist), tuple(order)
    full = 1 << n
    inf = float("inf")
    best = [[inf] * n for _ in range(full)]
    parent = [[-1] * n for _ in range(full)]
    for i in range(n):
        best[1 << i][i] = 0.0
    for mask in range(1, full):
        row = best[mask]
        for last in range(n):
            here = row[last]
            if here == inf:
                continue
            dist_last = dist[last]
            for nxt in range(n):
                bit = 1 << nxt
                if mask & bit:
                    continue
                candidate = here + dist_last[nxt]
                target = best[mask | bit]
                if candidate < target[nxt]:
                    target[nxt] = candidate
                    parent[mask | bit][nxt] = last
    last_row = best[full - 1]
    end = min(range(n), key=lambda i: (last_row[i], i))
    order = [end]
    mask = full - 1
    while parent[mask][order[-1]] >= 0:
        previous = parent[mask][order[-1]]
        mask &= ~(1 << order[-1])
        order.append(previous)
    return last_row[end], tuple(reversed(order))


def ranked_orders(
    dist: Matrix, slack: float, shortest: float | None = None
) -> list[tuple[int, ...]]:
    """Every order whose length is within ``slack`` x the shortest, shortest first.

    Depth-first over partial paths, pruned as soon as a prefix plus a lower bound for the
    rest (each remaining stop's shortest edge) exceeds the limit; the shortest length
    comes from Held-Karp. Ties break on the order itself, so the
    ranking is deterministic. Limited to :data:`ENUMERATE_LIMIT` stops. ``shortest`` is
    the known shortest length, if the caller has it.
    """
    n = len(dist)
    if n > ENUMERATE_LIMIT:
        raise ValueError(f"too many stops to enumerate: {n}")
    if n <= 1:
        return [tuple(range(n))]
    best = shortest_path_length(dist) if shortest is None else shortest
    limit = best * slack + 1e-9
    # Every stop still to visit is entered by some edge, at least its shortest one.
    cheapest = [min(dist[i][j] for j in range(n) if j != i) for i in range(n)]
    found: list[tuple[float, tuple[int, ...]]] = []
    path: list[int] = []

    def extend(length: float, left: int, floor: float) -> None:
        if not left:
            found.append((round(length, 9), tuple(path)))
            return
        row = dist[path[-1]]
        for nxt in range(n):
            bit = 1 << nxt
            if left & bit:
                step = length + row[nxt]
                rest = floor - cheapest[nxt]
                if step + rest <= limit:
                    path.append(nxt)
                    extend(step, left & ~bit, rest)
                    path.pop()

    everyone = (1 << n) - 1
    total = sum(cheapest)
    for first in range(n):
        path.append(first)
        extend(0.0, everyone & ~(1 << first), total - cheapest[first])
        path.pop()
    found.sort()
    return [order for _, order in found]


def _two_opt(dist: Matrix) -> list[int]:
    n = len(dist)
    order = [0]
    left = set(range(1, n))
    while left:
        last = order[-1]
        nxt = min(left, key=lambda j: (dist[last][j], j))
        order.append(nxt)
        left.remove(nxt)
    improved = True
    while improved:
        improved = False
        for i in range(n - 1):
            for j in range(i + 1, n):
                candidate = order[:i] + order[i : j + 1][::-1] + order[j + 1 :]
                if path_length(candidate, dist) < path_length(order, dist) - 1e-12:
                    order, improved = candidate, True
    return order
