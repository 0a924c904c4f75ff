"""The PySide6 6.12 bool reference leak on signal emission stays neutralised (see ui/__init__.py)."""

import gc
import sys

import ui  # noqa: F401 - installs the workaround
from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    text = Signal(str)


def test_emitting_signals_does_not_eat_the_true_singleton(qapp):
    e = Emitter()
    e.text.connect(lambda _s: None)
    gc.collect()
    before = sys.getrefcount(True)
    for _ in range(5000):
        e.text.emit("x")
    gc.collect()
    assert abs(sys.getrefcount(True) - before) < 50
