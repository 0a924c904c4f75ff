"""Slow work off the GUI thread, with progress and cancel (the worker opens its own sessions)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.i18n import _


class Cancelled(Exception):
    """Raised inside a job when the user pressed Cancel."""


class JobSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class Job(QRunnable):
    """Runs ``fn(report)`` where ``report(done, total)`` updates progress and raises Cancelled."""

    def __init__(self, fn: Callable[[Callable[[int, int], None]], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = JobSignals()
        self.cancel_event = threading.Event()

    def report(self, done: int, total: int) -> None:
        if self.cancel_event.is_set():
            raise Cancelled()
        self.signals.progress.emit(done, total)

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn(self.report)
        except BaseException as exc:  # handed to the GUI thread, which shows it
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


def run_with_progress(parent: QWidget, title: str, fn: Callable[[Callable[[int, int], None]], Any],
                      on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
                      on_cancel: Callable[[], None] | None = None) -> Job:
    """Start ``fn`` in the thread pool behind a modal progress dialog with a Cancel button;
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
    QThreadPool.globalInstance().start(job)
    return job
