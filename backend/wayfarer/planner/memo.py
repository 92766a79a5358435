"""A per-object memo for methods whose arguments are not hashable as they are.

:func:`memo_by` caches a method's results on the object it is called on, under a key that
a small function builds from the call's arguments (place ids rather than place objects),
so a solver's memo lives and dies with the solver and the rule for "same question" is
written once, next to the method.
"""

from collections.abc import Callable, Hashable
from functools import wraps
from typing import Concatenate, ParamSpec, TypeVar

S = TypeVar("S")
P = ParamSpec("P")
R = TypeVar("R")


def memo_by(
    key: Callable[P, Hashable],
) -> Callable[[Callable[Concatenate[S, P], R]], Callable[Concatenate[S, P], R]]:
    """Decorate a method so each distinct ``key(*args, **kwargs)`` is computed once per
    object; later calls with an equal key return the first result (None included)."""

    def decorate(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
        slot = f"_memo_{method.__name__}"

        @wraps(method)
        def cached(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
            store: dict[Hashable, R] = self.__dict__.setdefault(slot, {})
            k = key(*args, **kwargs)
            if k in store:
                return store[k]
            value = store[k] = method(self, *args, **kwargs)
            return value

        return cached

    return decorate
