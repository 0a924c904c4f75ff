"""Interpreter settings changed while an import of 100,000 rows runs, and put back after it.

``no_cyclic_gc``: the cyclic garbage collector paused while a use case makes hundreds of thousands of small
objects that form no cycle (reading an exchange file and importing it, the checklist's tuples): its passes over
them, repeated as they pile up, took about a third of a 100,000-row import and half the checklist's time
(bench/RESULTS.md). Reference counting still frees everything at once.

``short_switches``: the switch interval at 0.5 ms while a writer thread works beside the checking one (the
PostgreSQL import): at the usual 5 ms the writer, taking the interpreter lock back after each wait for the
server, waited for the checks most of the time.

Both are counted: two blocks in two threads do not put the setting back under each other; it comes back, as
it was before the first, when the last ends."""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


class _Counted:
    """A process-wide setting changed by ``change`` (which returns what to put back) when the first block
    begins, and put back by ``restore`` when the last ends."""

    def __init__(self, change: Callable[[], Any], restore: Callable[[Any], None]) -> None:
        self._change, self._restore = change, restore
        self._lock = threading.Lock()
        self._blocks = 0
        self._saved: Any = None

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._blocks == 0:
                self._saved = self._change()
            self._blocks += 1
        try:
            yield
        finally:
            with self._lock:
                self._blocks -= 1
                if self._blocks == 0:
                    self._restore(self._saved)


def _pause_gc() -> bool:
    was = gc.isenabled()
    gc.disable()
    return was


def _resume_gc(was: bool) -> None:
    if was:
        gc.enable()


def _shorten_switches() -> float:
    usual = sys.getswitchinterval()
    sys.setswitchinterval(min(usual, 0.0005))
    return usual


no_cyclic_gc = _Counted(_pause_gc, _resume_gc)
short_switches = _Counted(_shorten_switches, sys.setswitchinterval)
