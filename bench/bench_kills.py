"""Pull the plug, 50 times (issue 10 point 3): SIGKILL at random points of admissions one by one and of
10,000-row queue imports on a SQLite database; then the integrity check, the reported commits and
all-or-nothing imports are checked (tests/durability.py). Records lost must be 0.

    python bench/bench_kills.py [--writes 30] [--imports 20] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.durability import Outcome, kill_imports, kill_writes, new_database  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--writes", type=int, default=30)
    ap.add_argument("--imports", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/kills.sqlite3"
        new_database(url)
        outcome, rng, began = Outcome(), random.Random(a.seed), time.perf_counter()
        kill_writes(url, a.writes, rng, outcome)
        kill_imports(url, a.imports, rng, outcome, Path(tmp))
    print("| kills | commits reported | commits lost | imports of 10,000 rows finished / killed | "
          "imports found half-done | integrity check failed | seconds |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {outcome.kills} | {len(outcome.reported):,} | {len(outcome.lost)} | "
          f"{outcome.imports_done} / {a.imports - outcome.imports_done} | {len(outcome.partial_imports)} | "
          f"{len(outcome.damaged)} | {time.perf_counter() - began:.0f} |")


if __name__ == "__main__":
    main()
