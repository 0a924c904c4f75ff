"""Slow work off the GUI thread, with progress and cancel (the worker opens its own sessions)."""

from __future__ import annotations

import functools
import threading
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.i18n import _


class Cancelled(Exception):
    """Raised inside a job when the user pressed Cancel."""


class JobSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


def _joined(ref: weakref.ref) -> None:
    """On the GUI thread, before any handler of the job's end runs: wait the moment the worker thread needs
    to return, so that the job (and its signals, a QObject of the GUI thread) is let go on the GUI thread."""
    job = ref()
    if job is not None:
        job.thread.join()


class Job:
    """Runs ``fn(report)`` on a thread of its own, where ``report(done, total)`` updates progress and raises
    Cancelled. ``start()`` starts it; the caller keeps the job until ``finished`` or ``failed`` arrives.

    Not a QRunnable: QThreadPool deletes a finished runnable on its own thread, and with it the Python
    wrapper and the signals object, a QObject that lives on the GUI thread — deleting it there is undefined
    behaviour in Qt, and crashed the program at random moments afterwards (a bus error, a segmentation fault
    in another thread). The worker thread is joined on the GUI thread as the end is delivered."""

    def __init__(self, fn: Callable[[Callable[[int, int], None]], Any]) -> None:
        self.fn = fn
        self.signals = JobSignals()
        self.cancel_event = threading.Event()
        self.thread = threading.Thread(target=self.run, name="qamqor-job", daemon=True)
        ref = weakref.ref(self)  # no cycle through the connection: the job is freed by reference counting
        self.signals.finished.connect(functools.partial(_joined_on_end, ref))
        self.signals.failed.connect(functools.partial(_joined_on_end, ref))

    def start(self) -> Job:
        self.thread.start()
        return self

    def report(self, done: int, total: int) -> None:
        if self.cancel_event.is_set():
            raise Cancelled()
        self.signals.progress.emit(done, total)

    def run(self) -> None:
        try:
            result = self.fn(self.report)
        except BaseException as exc:  # handed to the GUI thread, which shows it
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


def _joined_on_end(ref: weakref.ref, _outcome: object) -> None:
    _joined(ref)


def run_with_progress(parent: QWidget | None, title: str, fn: Callable[[Callable[[int, int], None]], Any],
                      on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
                      on_cancel: Callable[[], None] | None = None) -> Job:
    """Start ``fn`` on a thread of its own behind a modal progress dialog with a Cancel button;
    exactly one of ``on_done``, ``on_error`` or ``on_cancel`` is called when it ends."""
    dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    job = Job(fn)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))

    def finished(result: Any) -> None:
        dialog.close()
        on_done(result)

    def failed(exc: BaseException) -> None:
        dialog.close()
        if not isinstance(exc, Cancelled):
            on_error(exc)
        elif on_cancel is not None:
            on_cancel()

    job.signals.progress.connect(progress)
    job.signals.finished.connect(finished)
    job.signals.failed.connect(failed)
    dialog.canceled.connect(job.cancel_event.set)
    return job.start()
