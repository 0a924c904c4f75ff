"""The PySide6 desktop program. Views hold layout only; every change goes through app.services.

PySide6 6.12.0 (the only release PySide6-Pdf is published for) drops one reference to the
``True``/``False`` singleton on every ``SignalInstance.emit()`` and ``disconnect()`` called
from Python; after a few thousand signals the interpreter aborts ("Fatal Python error:
bool_dealloc"). Until a fixed release, the two methods give back the reference they take.
tests/ui/test_signals.py fails as soon as the workaround is unneeded or insufficient.
"""

from __future__ import annotations

import ctypes

import PySide6
from PySide6.QtCore import SignalInstance

BOOL_REFCOUNT_BUG = PySide6.__version__.startswith("6.12.")


def _keep_bool(fn):
    def wrapper(self, *args):
        result = fn(self, *args)
        if result is True or result is False:
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
        return result

    wrapper.__wrapped__ = fn
    return wrapper


if BOOL_REFCOUNT_BUG and not hasattr(SignalInstance.emit, "__wrapped__"):
    SignalInstance.emit = _keep_bool(SignalInstance.emit)
    SignalInstance.disconnect = _keep_bool(SignalInstance.disconnect)
