"""First steps on an empty database (no resident and no one in the queue): the three ways to fill it, each a
button that opens the dialog doing it — import the queue from the portal, import an existing register, add
the staff. The dashboard shows it; the screen that owns it passes the actions (a widget opens no dialog of
its own: the rooms' rule)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.permissions import UseCase
from app.i18n import _
from ui.widgets import style
from ui.widgets.icons import icon
from ui.widgets.permissions import guard

#: (key, button caption msgid, explanation msgid, icon, use case, what a click does)
Step = tuple[str, str, str, str, UseCase, Callable[[], Any]]


class FirstSteps(QFrame):
    """Shown while ``is_empty()`` is true; ``steps`` numbered in order."""

    def __init__(self, ctx, parent: QWidget | None = None, steps: Sequence[Step] = (),
                 is_empty: Callable[[], bool] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("firstSteps")
        self.is_empty = is_empty or (lambda: False)
        self.title, self.hint = QLabel(), QLabel()
        self.title.setObjectName("firstStepsTitle")
        self.title.setFont(style.font("heading", bold=True))
        self.hint.setObjectName("firstStepsHint")
        style.muted(self.hint)
        self.hint.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        self.notes: dict[str, QLabel] = {}
        self.steps = list(steps)
        grid = QGridLayout()
        grid.setHorizontalSpacing(style.SPACE["l"])
        grid.setVerticalSpacing(style.SPACE["xs"])
        for column, (key, _caption, _note, icon_name, use_case, slot) in enumerate(self.steps):
            button = QPushButton(icon(icon_name), "")
            button.setIconSize(QSize(20, 20))
            button.setMinimumHeight(36)
            button.clicked.connect(lambda _c=False, f=slot: f())
            guard(button, ctx, use_case)  # a role that may not: disabled, the tooltip says who may
            note = QLabel()
            note.setWordWrap(True)
            note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            note.setObjectName("firstStepsHint")
            style.muted(note)
            grid.addWidget(button, 0, column)
            grid.addWidget(note, 1, column)
            grid.setColumnStretch(column, 1)
            self.buttons[key], self.notes[key] = button, note
        lay = QVBoxLayout(self)
        m = style.SPACE["l"]
        lay.setContentsMargins(m, m, m, m)
        lay.setSpacing(style.SPACE["s"])
        lay.addWidget(self.title)
        lay.addWidget(self.hint)
        lay.addLayout(grid)
        ctx.translator.language_changed.connect(self._language_changed)
        self.retranslate_ui()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        style.paint_panel(self, style.SURFACE, style.BORDER)

    def update_state(self) -> None:
        self.setVisible(bool(self.steps) and self.is_empty())

    def _language_changed(self, _lang: str) -> None:
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(_("First steps"))
        self.hint.setText(_("The database has no residents and no one in the queue yet. Start with one of these:"))
        for number, (key, caption, note, *_rest) in enumerate(self.steps, start=1):
            self.buttons[key].setText(f"{number}. {_(caption)}")
            self.notes[key].setText(_(note))
