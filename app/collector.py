"""The cyclic garbage collector paused while a use case makes hundreds of thousands of small objects that
form no cycle: reading an exchange file of 100,000 rows and importing it, the checklist's tuples. The
collector's passes over them, repeated as they pile up, took about a third of a 100,000-row import and half
the checklist's time (bench/RESULTS.md). Reference counting still frees everything at once."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_gc_lock = threading.Lock()
_gc_state = {"pauses": 0, "was_enabled": True}  # the no_cyclic_gc blocks running now, in any thread


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """The collector paused for the block. It resumes when the last block ends (two blocks in two threads
    do not resume it under each other), and only if it was running before the first."""
    with _gc_lock:
        if _gc_state["pauses"] == 0:
            _gc_state["was_enabled"] = gc.isenabled()
            gc.disable()
        _gc_state["pauses"] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_state["pauses"] -= 1
            if _gc_state["pauses"] == 0 and _gc_state["was_enabled"]:
                gc.enable()
