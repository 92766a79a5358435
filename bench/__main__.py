"""Run every benchmark module ``bench/bench_*.py`` in turn (``make bench``)."""

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> int:
    """Import each ``bench_*`` module and call its ``main()``; print figures only."""
    folder = Path(__file__).parent
    modules = pkgutil.iter_modules([str(folder)])
    names = sorted(m.name for m in modules if m.name.startswith("bench_"))
    only = set(sys.argv[1:])
    for name in names:
        if only and name not in only:
            continue
        print(f"== {name}", flush=True)
        importlib.import_module(f"bench.{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
