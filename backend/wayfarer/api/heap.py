"""The process's garbage-collector set-up for serving: the start-up heap is frozen.

The reference data (the place catalog and the world's cities: about 200,000 objects) lives
as long as the process. Python's full (oldest-generation) collection walks every tracked
object, so with that data in the heap each one paused the event loop for about 200 ms,
every request in flight included: it was the tail of the turn latency (docs/benchmarks.md,
"Start-up heap frozen"). :func:`freeze_startup_heap` collects once and moves every object
alive after start-up into the collector's permanent generation, which it never walks;
garbage made later is collected as before.
"""

import gc

_frozen = False


def freeze_startup_heap() -> bool:
    """Collect, then freeze what is alive (``gc.freeze``), once per process: a process that
    builds several apps (tests) freezes at the first. True when this call froze."""
    global _frozen
    if _frozen:
        return False
    gc.collect()
    gc.freeze()
    _frozen = True
    return True
