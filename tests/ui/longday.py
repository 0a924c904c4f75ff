"""A social worker's day, compressed: the real main window driven the way staff drive it, round after
round, so that what a dozen clicks cannot show — a reference lost on every Qt call, memory that only
grows — shows after thousands (issue 15). Used by tests/ui/test_long_day.py and bench/bench_longday.py.

One round walks down the navigation through every screen with the keyboard, types into each screen's
search boxes and clears them, opens the first resident's card from the residents list with Enter and
closes it with Escape, and opens a print preview of a plan and closes it. Each key press, switch,
opening and closing counts as one action.
"""

from __future__ import annotations

import gc
import sys
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from app.services.printing import PrintService
from ui.dialogs.preview import preview_of
from ui.main_window import PAGES, MainWindow

if TYPE_CHECKING:
    from ui.views.residents import ResidentsPage

#: from Python 3.12 on None, True and False are immortal: their counts say nothing there
SINGLETONS_COUNTED = sys.version_info < (3, 12)


def singleton_counts() -> tuple[int, int, int]:
    gc.collect()
    return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)


def _settle() -> None:
    """What the program's event loop does between two actions, deleting what was let go included."""
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _wait_for(condition) -> None:
    for _i in range(200):
        if condition():
            return
        QTest.qWait(5)
    raise AssertionError("the screen did not get ready in a second")


def _search_boxes(page) -> list[QLineEdit]:
    return [box for box in page.findChildren(QLineEdit)
            if box.isVisibleTo(page) and (box is getattr(page, "search", None) or box.objectName() == "search"
                                          or type(box).__name__ == "SearchBox")]


@dataclass
class Day:
    window: MainWindow
    plan_resident: int
    actions: int = 0
    #: per part of a round and singleton, the change of its reference count summed over the rounds counted:
    #: measured around each part, so that one part's growth (a cache filling) cannot hide another's loss
    drift: Counter = field(default_factory=Counter)
    counting: bool = False

    @classmethod
    def start(cls, ctx) -> Day:
        window = MainWindow(ctx)
        window.show()
        window.activateWindow()  # shortcuts (Enter on a table, Escape) go to the active window
        _wait_for(window.isActiveWindow)
        _total, rows = ctx.services.queries.residents()
        plan = next(r.id for r in rows if r.plan_status is not None)
        return cls(window, plan)

    def key(self, widget, key, text: str = "") -> None:
        if text:  # QTest.keyClicks knows ASCII only; a Kazakh keyboard sends letters as text
            for ch in text:
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
                self.actions += 1
        else:
            QTest.keyClick(widget, key)
            self.actions += 1
        _settle()

    def search(self, page, text: str) -> None:
        for box in _search_boxes(page):
            self.key(box, None, text)
            if hasattr(page, "apply_filter"):
                page.apply_filter()  # what the debounce timer does when typing pauses
            box.selectAll()
            self.key(box, Qt.Key.Key_Backspace)
            if hasattr(page, "apply_filter"):
                page.apply_filter()

    def resident_card(self) -> None:
        page = cast("ResidentsPage", self.window.show_page("ResidentsPage"))
        self.actions += 1
        QTest.qWait(20)  # the screen's deferred work (a refresh once shown) runs first
        self.window.activateWindow()
        _wait_for(self.window.isActiveWindow)
        _wait_for(lambda: page.table.model().rowCount() > 0)
        page.table.setFocus()
        page.table.setCurrentIndex(page.table.model().index(0, 0))
        self.key(page.table, Qt.Key.Key_Return)
        card = page.card
        assert card is not None and card.isVisible(), f"the resident card did not open after {self.actions} actions"
        self.key(card, Qt.Key.Key_Escape)
        assert not card.isVisible(), "Escape did not close the resident card"

    def preview(self) -> None:
        printer = PrintService(self.window.ctx.services.sessions)
        dialog = preview_of(self.window, "Individual plan",  # what every Print… button opens
                            lambda lang: printer.render("plan", lang, resident_id=self.plan_resident), "plan")
        assert dialog is not None, "the plan could not be previewed"
        dialog.open()
        self.actions += 1
        _settle()
        assert dialog.document.pageCount() >= 1, "the preview shows no page"
        self.key(dialog, Qt.Key.Key_Escape)
        assert dialog.result() == QDialog.DialogCode.Rejected

    @contextmanager
    def part(self, name: str):
        before = singleton_counts() if self.counting else None
        yield
        if before is not None:
            for singleton, b, a in zip(("None", "True", "False"), before, singleton_counts(), strict=True):
                self.drift[name, singleton] += a - b

    def screens(self, n: int) -> None:
        nav = self.window.nav
        nav.setFocus()
        self.key(nav, Qt.Key.Key_Home)
        for _i in range(len(PAGES) - 1):
            page = self.window.current_page()
            self.search(page, "аб" if n % 2 else "12")
            self.key(nav, Qt.Key.Key_Down)
        self.search(self.window.current_page(), "ә")

    def round(self, n: int) -> None:
        with self.part("screens and searches"):
            self.screens(n)
        with self.part("resident card"):
            self.resident_card()
        with self.part("print preview"):
            self.preview()

    def lost(self, tolerance: int) -> dict[tuple[str, str], int]:
        """The parts whose singleton counts fell by more than ``tolerance`` over the rounds counted."""
        return {key: d for key, d in self.drift.items() if d < -tolerance}
