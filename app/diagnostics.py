"""Diagnostics (issue 10 point 4; ARCHITECTURE practice 11): what went wrong is written down, never shown raw.

- A rotating log file ``qamqor.log`` in the user's log folder (inside ``QAMQOR_DATA_DIR`` when set): the
  windowed Windows program has no console, so the log is the only trace of a failure.
- An uncaught exception is written as a crash report ``crash-….txt`` there (``sys.excepthook``), and a
  fatal error of the interpreter or of Qt (a segmentation fault, an abort) by ``faulthandler`` to
  ``faults.log``. The next start offers to show a report it has not shown yet.
- :func:`describe` is the one place that turns an exception into text for a log or for "Copy details":
  SQL parameters are cut out (they carry people's names, IINs and diagnoses).

Nothing here imports Qt; the GUI shows what :func:`unseen_reports` finds.
"""

from __future__ import annotations

import datetime as dt
import faulthandler
import logging
import logging.handlers
import platform
import re
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from app.paths import log_dir

log = logging.getLogger("qamqor")

LOG_FILE = "qamqor.log"
FAULTS_FILE = "faults.log"
CRASH_PREFIX = "crash-"
SEEN_SUFFIX = ".seen"
#: a log file of 1 MB, and four older ones
LOG_BYTES, LOG_BACKUPS = 1_000_000, 4

#: "[parameters: (…)]" that SQLAlchemy appends to a statement error, up to its closing bracket at a line end
_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\s*(\n|\(Background|$))", re.DOTALL)
#: what a database driver quotes back: "DETAIL:  Key (iin)=(123456789012) already exists."
_DETAIL = re.compile(r"^DETAIL:.*$", re.MULTILINE)

_fault_file = None  # kept open for faulthandler as long as the process lives
_hooked = False


def _version() -> str:
    from app import version

    return version()


def scrub(text: str) -> str:
    """``text`` without SQL parameters or a driver's detail line (they hold personal data)."""
    return _DETAIL.sub("DETAIL: (left out)", _PARAMETERS.sub("[parameters: left out]", text))


def describe(exc: BaseException, tb: TracebackType | None = None) -> str:
    """The traceback of ``exc``, scrubbed, headed by the program's version and the platform."""
    lines = traceback.format_exception(type(exc), exc, tb if tb is not None else exc.__traceback__)
    head = (f"Qamqor {_version()}, Python {platform.python_version()}, {platform.platform()}, "
            f"{dt.datetime.now().isoformat(timespec='seconds')}\n")
    return head + scrub("".join(lines))


class _LogFile(logging.handlers.RotatingFileHandler):
    """The program's own log file (told apart from the handlers that others add to the logger)."""


def setup_logging(level: int = logging.INFO) -> Path:
    """Log to the rotating file in the log folder (again only when that folder changed); returns the folder."""
    folder = log_dir()
    target = str(folder / LOG_FILE)
    for old in [h for h in log.handlers if isinstance(h, _LogFile)]:
        if old.baseFilename == target:
            return folder
        log.removeHandler(old)  # the data folder moved (tests, a portable copy)
        old.close()
    handler = _LogFile(target, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(level)
    log.propagate = False
    return folder


def write_crash_report(exc: BaseException, tb: TracebackType | None = None) -> Path:
    """A crash report file for an exception nobody caught; also logged."""
    folder = setup_logging()
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"{CRASH_PREFIX}{stamp}.txt"
    text = describe(exc, tb)
    path.write_text(text, encoding="utf-8")
    log.error("uncaught exception, report %s\n%s", path.name, text)
    return path


def install_crash_handlers() -> None:
    """``sys.excepthook`` (and the thread hook) write a crash report; ``faulthandler`` writes fatal errors."""
    global _fault_file, _hooked
    setup_logging()
    if _hooked:
        return
    _hooked = True
    previous = sys.excepthook

    def hook(kind, exc, tb):
        try:
            write_crash_report(exc, tb)
        finally:
            if previous is not None and previous is not sys.__excepthook__:
                previous(kind, exc, tb)
            elif sys.stderr is not None:  # the windowed program has none
                sys.__excepthook__(kind, exc, tb)

    sys.excepthook = hook
    threading.excepthook = lambda args: write_crash_report(args.exc_value, args.exc_traceback) \
        if args.exc_value is not None else None
    if _fault_file is None:
        _fault_file = open(log_dir() / FAULTS_FILE, "a", encoding="utf-8")  # noqa: SIM115 - open for life
        faulthandler.enable(_fault_file)


def unseen_reports() -> list[Path]:
    """Crash reports not shown yet (oldest first); a non-empty ``faults.log`` counts as one."""
    folder = log_dir()
    found = sorted(folder.glob(f"{CRASH_PREFIX}*.txt"))
    faults = folder / FAULTS_FILE
    marker = folder / (FAULTS_FILE + SEEN_SUFFIX)
    size = faults.stat().st_size if faults.exists() else 0
    shown = int(marker.read_text()) if marker.exists() and marker.read_text().isdigit() else 0
    if size > shown:
        found.append(faults)
    return found


def mark_seen(reports: list[Path]) -> None:
    """Reports shown to the user are kept, renamed, and not offered again."""
    for path in reports:
        if path.name == FAULTS_FILE:
            (path.parent / (FAULTS_FILE + SEEN_SUFFIX)).write_text(str(path.stat().st_size))
        elif path.exists():
            path.rename(path.with_name(path.name + SEEN_SUFFIX))


def report_text(reports: list[Path]) -> str:
    """The reports' contents, for the "show" dialog (a fault log only from where it was last shown)."""
    parts = []
    for path in reports:
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.name == FAULTS_FILE:
            marker = path.parent / (FAULTS_FILE + SEEN_SUFFIX)
            start = int(marker.read_text()) if marker.exists() and marker.read_text().isdigit() else 0
            text = path.read_bytes()[start:].decode("utf-8", errors="replace")
        parts.append(f"== {path.name} ==\n{text.strip()}")
    return "\n\n".join(parts)
