"""Walking orders to try for a day, shortest first (the route rule holds by construction)."""

from collections.abc import Iterator, Sequence

from wayfarer.planner.catalog import CatalogPlace
from wayfarer.planner.index import CityIndex, is_evening_place

#: Each day's walking order stays within this factor of the shortest order (SPEC §6).
ROUTE_SLACK = 1.10


def evening_misplaced(order: Sequence[CatalogPlace]) -> int:
    """Evening places (nightlife, shows) that are not at the end of the order."""
    seen_day = 0
    misplaced = 0
    for place in reversed(order):
        if is_evening_place(place):
            misplaced += seen_day
        else:
            seen_day = 1
    return misplaced


class Orders:
    """Walking orders to try, shortest first: the best order and its reverse (cheap, from
    Held-Karp), then, only if iteration goes on, every other order within ROUTE_SLACK.
    Orders that leave an evening place before a daytime one go last within each tier."""

    def __init__(self, index: CityIndex, activities: Sequence[CatalogPlace], limit: int) -> None:
        self.index = index
        self.activities = activities
        self.limit = limit
        best = index.best_order(activities)
        first = [best] if len(best) < 2 else [best, best[::-1]]
        self.items = sorted(
            ([activities[i] for i in order] for order in first), key=evening_misplaced
        )
        self.expanded = False

    def __iter__(self) -> Iterator[list[CatalogPlace]]:
        k = 0
        while True:
            if k >= len(self.items) and not self.expanded:
                self._expand()
            if k >= len(self.items) or k >= self.limit:
                return
            yield self.items[k]
            k += 1

    def _expand(self) -> None:
        self.expanded = True
        seen = {tuple(p.id for p in order) for order in self.items}
        rest = [
            [self.activities[i] for i in order]
            for order in self.index.orders(self.activities, ROUTE_SLACK)
        ]
        rest = [o for o in rest if tuple(p.id for p in o) not in seen]
        rest.sort(key=evening_misplaced)  # stable: keeps length order within each group
        self.items.extend(rest)
