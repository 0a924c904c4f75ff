"""Every screen and the main dialogs fit a 1366×768 screen in both languages (issue 12 point 2): the window and
each dialog ask for at most 1366×740 px (the screen less the task bar), and at that size no label, button or
check box is narrower than its text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize

from tests.ui import windows

LIMIT = QSize(windows.SCREEN_WIDTH, windows.AVAILABLE_HEIGHT)


def _fits(size: QSize) -> bool:
    return size.width() <= LIMIT.width() and size.height() <= LIMIT.height()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_screen_and_dialog_fits_1366x768(qtbot, director_ctx, lang):
    from ui.main_window import MainWindow

    director_ctx.translator.set_language(lang)
    window = MainWindow(director_ctx)
    qtbot.addWidget(window)
    window.resize(LIMIT)
    window.show()
    wrong: list[str] = []
    for name, page in windows.screens(window):
        if not _fits(window.minimumSizeHint()):
            wrong.append(f"{name}: the window needs at least {window.minimumSizeHint().toTuple()}")
        wrong += [f"{name}: {c}" for c in windows.clipped(window)]
        for tab in windows.each_tab(page):
            wrong += [f"{name} tab {tab}: {c}" for c in windows.clipped(window)]
    for name, dialog in windows.dialogs(director_ctx, window):
        for what, size in (("sizeHint", dialog.sizeHint()), ("minimumSizeHint", dialog.minimumSizeHint())):
            if not _fits(size):
                wrong.append(f"{name}: {what} {size.toTuple()}")
        wrong += [f"{name} as it opens: {c}" for c in windows.clipped(dialog)]  # the size a user first sees
        dialog.resize(dialog.sizeHint().expandedTo(dialog.minimumSizeHint()).boundedTo(LIMIT))
        qtbot.wait(1)
        wrong += [f"{name}: {c}" for c in windows.clipped(dialog)]
        for tab in windows.each_tab(dialog):
            wrong += [f"{name} tab {tab}: {c}" for c in windows.clipped(dialog)]
    assert wrong == [], "\n".join(wrong)


def test_the_check_sees_a_clipped_label(qtbot):
    from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

    box = QWidget()
    qtbot.addWidget(box)
    lay = QHBoxLayout(box)
    label, button = QLabel("Қызмет алушылардың санаттары мен ұйымның толық атауы"), QPushButton("Сақтау және жабу")
    label.setMinimumWidth(10)
    button.setMinimumWidth(10)
    lay.addWidget(label)
    lay.addWidget(button)
    box.setFixedWidth(120)
    box.show()
    label.resize(40, label.height())
    button.resize(40, button.height())
    found = windows.clipped(box)
    assert any(f.startswith("label") for f in found) and any(f.startswith("QPushButton") for f in found)
