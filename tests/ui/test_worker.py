"""Slow work off the GUI thread (ui.worker): the result and a failure come back on the GUI thread, Cancel
stops the work, and the worker thread has ended before any handler of the end runs — so the job, whose
signals are a QObject of the GUI thread, is never freed on the worker thread (a QRunnable in QThreadPool
was, and crashed the program later at random)."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QThread

from ui.worker import Cancelled, Job, run_with_progress


def test_the_result_arrives_on_the_gui_thread_after_the_worker_ended(qtbot):
    seen = {}
    job = Job(lambda report: (report(1, 2), threading.current_thread().name)[1])

    def finished(result):
        seen["result"], seen["alive"] = result, job.thread.is_alive()
        seen["gui"] = QThread.currentThread() is qtbot_app_thread()

    job.signals.finished.connect(finished)
    with qtbot.waitSignal(job.signals.finished, timeout=5000):
        job.start()
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen == {"result": "qamqor-job", "alive": False, "gui": True}


def qtbot_app_thread():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance().thread()


def test_a_failure_and_a_cancel_come_back_as_such(qtbot):
    outcome = {}
    run_with_progress(None, "x", lambda _r: 1 / 0, lambda r: outcome.update(done=r),
                      lambda exc: outcome.update(error=type(exc).__name__))
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert outcome == {"error": "ZeroDivisionError"}

    def slow(report):
        for i in range(500):
            report(i, 500)
            time.sleep(0.01)

    cancelled = []
    job = run_with_progress(None, "x", slow, lambda r: None, lambda e: None, lambda: cancelled.append(True))
    job.cancel_event.set()
    qtbot.waitUntil(lambda: bool(cancelled), timeout=5000)
    assert not job.thread.is_alive()
    assert issubclass(Cancelled, Exception)
