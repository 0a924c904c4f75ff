"""The built program's start (issue 14): from launching ``dist/Qamqor/Qamqor --demo`` to the sign-in window,
and from the sign-in to the main window, on a demo database of 60 residents. Target: under 3 s together.

    python bench/bench_bundle.py [--bundle dist/Qamqor] [--repeat 5]
    python bench/bench_bundle.py --checkout     # the same from the checkout (python -m app.cli), to compare

Runs the bundle under Xvfb (the real xcb platform, as on a desktop) and signs in with xdotool, so it needs
``Xvfb`` and ``xdotool`` (Debian packages xvfb, xdotool). The times come from the program's own log
(ui/app.py logs "the sign-in window is shown" and "the main window is shown" when they are on screen; the
log's clock has milliseconds). Typing the name and password is not counted: the second part runs from the
Enter key to the main window. Prints medians.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DISPLAY = ":93"


def _log_time(log: Path, what: str, after: float, timeout: float = 60) -> float:
    """The time (epoch seconds) of the first line saying ``what`` logged after ``after``."""
    give_up = time.time() + timeout
    while time.time() < give_up:
        if log.exists():
            for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
                if what in line:
                    stamp = dt.datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f").timestamp()
                    if stamp >= after - 0.01:
                        return stamp
        time.sleep(0.05)
    raise TimeoutError(f"the log never said {what!r}")


def once(program: list[str], data: Path, env: dict) -> tuple[float, float]:
    log = data / "logs" / "qamqor.log"
    started = time.time()
    proc = subprocess.Popen([*program, "--demo", "--lang", "kk"], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        sign_in = _log_time(log, "the sign-in window is shown", started) - started
        time.sleep(0.5)
        subprocess.run(["xdotool", "type", "--delay", "20", "director"], env=env, check=True)
        subprocess.run(["xdotool", "key", "Tab"], env=env, check=True)
        subprocess.run(["xdotool", "type", "--delay", "20", "director1"], env=env, check=True)
        entered = time.time()
        subprocess.run(["xdotool", "key", "Return"], env=env, check=True)
        main = _log_time(log, "the main window is shown", entered) - entered
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    return sign_in, main


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bundle", type=Path, default=ROOT / "dist" / "Qamqor")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--checkout", action="store_true", help="run the checkout's program instead of the bundle")
    args = ap.parse_args()
    gui = [sys.executable, "-m", "app.cli"] if args.checkout else [str(args.bundle / "Qamqor")]
    cli = [sys.executable, "-m", "app.cli"] if args.checkout else [str(args.bundle / "qamqor-cli")]
    for tool in ("Xvfb", "xdotool"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is needed (apt-get install xvfb xdotool)")
    data = Path(tempfile.mkdtemp(prefix="qamqor-bench-bundle-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("QAMQOR_") and k != "QT_QPA_PLATFORM"}
    env.update(QAMQOR_DATA_DIR=str(data), DISPLAY=DISPLAY)
    xvfb = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", "1366x768x24"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        time.sleep(1)
        subprocess.run([*cli, "demo", "--residents", "60"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        once(gui, data, env)  # the first start writes the caches (holiday table): not counted
        runs = [once(gui, data, env) for _ in range(args.repeat)]
    finally:
        xvfb.terminate()
        shutil.rmtree(data, ignore_errors=True)
    sign_in = statistics.median(r[0] for r in runs)
    main_window = statistics.median(r[1] for r in runs)
    total = statistics.median(r[0] + r[1] for r in runs)
    print("checkout" if args.checkout else f"bundle {args.bundle}")
    print(f"start → sign-in window: {sign_in:.2f} s; sign-in → main window: {main_window:.2f} s; "
          f"together: {total:.2f} s (median of {len(runs)}; target < 3 s)")


if __name__ == "__main__":
    main()
