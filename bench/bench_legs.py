"""Multi-city reading on the legs blind set (issue 11): share of messages read exactly.

Reads every message of ``tests/language/legs_blind.py`` with the offline interpreter in its
context (a new session, or a planned "3 days in Tokyo, then 2 in Kyoto") and prints the
share whose legs, total, uncovered cities, head count and leg change all hold
(``tests/language/legs_scoring.py``). ``--verbose`` prints the misses.

    .venv/bin/python -m bench bench_legs [--verbose]
"""

import sys

from tests.language.legs_blind import LEG_BLIND
from tests.language.legs_scoring import interpreter, score


def main() -> None:
    """Print the legs blind set's accuracy (and the misses with ``--verbose``)."""
    result = score(interpreter(), LEG_BLIND)
    print(f"legs blind set: {result.held}/{result.total} = {result.accuracy:.1%}")
    if "--verbose" in sys.argv:
        for miss in result.misses:
            print("  miss", miss)


if __name__ == "__main__":
    main()
