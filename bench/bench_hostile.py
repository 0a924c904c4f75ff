"""Hostile exchange files (issue 11): the generator of tests/portal/hostile.py over many cases.

    python bench/bench_hostile.py [--cases 10000] [--seed 1] [--batch 500]

Each case is read as a journal (read_records) and, with --database, when it reads, imported through the
service into a SQLite database; the outcome must be a result or ImportRefused (a DomainError from the
import's rules), within 10 s and 500 MB. Cases run in child processes of --batch cases each, so that a crash of native
code (calamine is Rust) would show as a lost batch instead of ending the run. Prints, per kind and in
all: cases, outcomes, the slowest case and the largest growth of the resident memory (its high-water
mark, reset before each case).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def run_batch(first: int, count: int, seed: int, database: bool) -> None:
    import random

    from app.domain.errors import DomainError
    from app.portal import ImportRefused, Kind, read_records
    from app.services.exchange import ExchangeService
    from tests.conftest import make_services
    from tests.portal.hostile import hostile_file, peak_rss_mb, peak_rss_reset, rss_mb

    with tempfile.TemporaryDirectory() as folder:
        svc, _director, worker = make_services(f"sqlite:///{folder}/hostile.db")
        exchange = ExchangeService(svc.sessions)
        for case in range(first, first + count):
            kind, data = hostile_file(random.Random(seed * 1_000_003 + case))
            base = rss_mb()
            peak_rss_reset()
            started = time.perf_counter()
            try:
                result = read_records(data, Kind.JOURNAL, "hostile.xlsx")
                outcome = "read"
                if database:
                    try:
                        exchange.import_journal(worker, result)
                        outcome = "imported"
                    except DomainError:
                        outcome = "import refused"
            except ImportRefused:
                outcome = "refused"
            except Exception as exc:  # the property broken: reported, not hidden
                outcome = f"RAISED {type(exc).__name__}: {str(exc)[:80]}"
            elapsed, memory = time.perf_counter() - started, peak_rss_mb() - base
            print(json.dumps({"case": case, "kind": kind, "bytes": len(data), "outcome": outcome,
                              "seconds": round(elapsed, 4), "mb": round(memory, 1)}), flush=True)
        svc.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--worker", nargs=2, type=int, help=argparse.SUPPRESS)
    parser.add_argument("--database", action="store_true", help="import each file that reads into SQLite too")
    parser.add_argument("--summarise", nargs="+", metavar="LOG", help="the table of cases logged by --log runs")
    parser.add_argument("--log", help="append each case as a JSON line to this file (to read a run still going)")
    args = parser.parse_args()
    if args.worker:
        run_batch(args.worker[0], args.worker[1], args.seed, args.database)
        return
    if args.summarise:
        rows = [json.loads(line) for path in args.summarise for line in Path(path).read_text().splitlines()]
        summarise(rows, [], 0.0)
        return
    started = time.perf_counter()
    rows, lost = [], []
    for first in range(0, args.cases, args.batch):
        count = min(args.batch, args.cases - first)
        command = [sys.executable, __file__, "--seed", str(args.seed), "--worker", str(first), str(count)]
        done = subprocess.run(command + (["--database"] if args.database else []), capture_output=True, text=True)
        batch = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
        rows += batch
        if args.log:
            with open(args.log, "a") as log:
                log.writelines(line + "\n" for line in done.stdout.splitlines() if line.startswith("{"))
        if done.returncode != 0 or len(batch) != count:
            lost.append((first, count, done.returncode, done.stderr[-300:]))
        print(f"{len(rows)} cases, {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    summarise(rows, lost, time.perf_counter() - started)


def summarise(rows: list[dict], lost: list, seconds: float) -> None:
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_kind[row["kind"]].append(row)
    print("| kind | cases | outcomes | max time | max memory growth |")
    print("|---|---|---|---|---|")
    for kind, items in sorted(by_kind.items()):
        outcomes = Counter(i["outcome"] for i in items)
        print(f"| {kind} | {len(items)} | " + ", ".join(f"{k} {v}" for k, v in outcomes.most_common()) +
              f" | {max(i['seconds'] for i in items):.2f} s | {max(i['mb'] for i in items):.0f} MB |")
    outcomes = Counter(r["outcome"] for r in rows)
    print(f"| all | {len(rows)} | " + ", ".join(f"{k} {v}" for k, v in outcomes.most_common()) +
          f" | {max(r['seconds'] for r in rows):.2f} s | {max(r['mb'] for r in rows):.0f} MB |")
    print(f"\nlost batches: {lost or 'none'}; broken property (other exceptions): "
          f"{sum(v for k, v in outcomes.items() if k.startswith('RAISED'))}; "
          f"over 10 s: {sum(r['seconds'] > 10 for r in rows)}; over 500 MB: {sum(r['mb'] > 500 for r in rows)}; "
          f"total {seconds:.0f} s")


if __name__ == "__main__":
    main()
