"""Backups of a large institution (issue 10): back up, verify and restore a SQLite database of 10,000
residents (50,000 movement events, their plans and monitoring), plain and encrypted.

    python bench/bench_backup.py [--residents 10000] [--repeat 3]

Prints medians (wall clock) and the sizes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app import backup  # noqa: E402
from app.db.engine import make_engine  # noqa: E402
from bench.bench_gui import cpu_reference  # noqa: E402
from bench.generate import generate  # noqa: E402


def timed(fn):
    t = time.perf_counter()
    result = fn()
    return time.perf_counter() - t, result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--residents", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    reference = cpu_reference()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "big.sqlite3"
        url = f"sqlite:///{db}"
        info = generate(url, a.residents, a.residents * 5)
        folder = Path(tmp) / "backups"
        print(f"{a.residents:,} residents, {info['movements']:,} events; database {db.stat().st_size / 2**20:.1f} MB; "
              f"CPU reference {reference:.2f} s")
        print("| step | median | size |")
        print("|---|---|---|")
        for label, password in (("plain", None), ("encrypted (AES-GCM, scrypt)", "Қамқор-бенч-2026")):
            made, checked, restored, size = [], [], [], 0
            for _ in range(a.repeat):
                t, result = timed(lambda p=password: backup.backup(url, "manual", folder, second=False, password=p))
                made.append(t)
                size = result.path.stat().st_size
                checked.append(timed(lambda r=result, p=password: backup.verify(r.path, p))[0])
                engine = make_engine(url)
                restored.append(timed(lambda r=result, e=engine, p=password:
                                      backup.restore(e, r.path, p, folder=folder))[0])
                engine.dispose()
            print(f"| back up, {label} (written, then verified) | {statistics.median(made):.2f} s | "
                  f"{size / 2**20:.1f} MB |")
            print(f"| verify, {label} | {statistics.median(checked):.2f} s | |")
            print(f"| restore, {label} (verify, back up the current state, copy in) | "
                  f"{statistics.median(restored):.2f} s | |")


if __name__ == "__main__":
    main()
