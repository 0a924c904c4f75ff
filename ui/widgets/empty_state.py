"""An empty list that says what to do next: a table while it has rows, and in its place, while it has none,
a short message and the buttons that fill it (issue 12 point 8).

``EmptyState(ctx, table, model, icon, title, hint, [(caption, icon, slot, use case)])`` wraps ``table``;
put the wrapper where the table was. ``is_empty`` decides (by default: the model has no rows); a list filtered
to nothing by a search is not empty in that sense — it keeps its table, so the search can be changed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QSize, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.permissions import UseCase
from app.i18n import _
from ui.widgets import style
from ui.widgets.icons import icon
from ui.widgets.permissions import guard

#: (caption msgid, icon name, what a click does, the use case a role needs for it or None)
Action = tuple[str, str, Callable[[], Any], UseCase | None]


class EmptyMessage(QFrame):
    """An icon, a title, a hint and buttons, centred: what a page shows when it has nothing yet."""

    def __init__(self, ctx, icon_name: str, title: str, hint: str, actions: Sequence[Action] = (),
                 parent: QWidget | None = None, compact: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.title_msgid, self.hint_msgid = title, hint
        self.picture = QLabel()
        self.picture.setPixmap(icon(icon_name, style.MUTED).pixmap(QSize(20, 20) if compact else QSize(48, 48)))
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title, self.hint = QLabel(), QLabel()
        self.title.setObjectName("emptyTitle")
        self.hint.setObjectName("emptyHint")
        for label in (self.title, self.hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        self.title.setFont(style.font("body", bold=False) if compact else style.font("heading", bold=True))
        style.muted(self.hint)
        if compact:
            style.muted(self.title)
        self.compact = compact
        self.buttons: list[QPushButton] = []
        self.captions: list[str] = []
        row = QHBoxLayout()
        row.addStretch(1)
        for caption, name, slot, use_case in actions:
            button = QPushButton(icon(name), "")
            button.setIconSize(QSize(18, 18))
            button.clicked.connect(lambda _c=False, f=slot: f())
            if use_case is not None:
                guard(button, ctx, use_case)  # a role that may not: disabled, the tooltip says who may
            row.addWidget(button)
            self.buttons.append(button)
            self.captions.append(caption)
        row.addStretch(1)
        if compact:  # one calm line: a small icon and the words, where a table would have stood empty
            self.setObjectName("emptyLine")
            self.title.setObjectName("emptyLineText")  # the body's size, not the heading's
            self.title.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            line = QHBoxLayout(self)
            line.setContentsMargins(style.SPACE["s"], style.SPACE["xs"], style.SPACE["s"], style.SPACE["xs"])
            line.setSpacing(style.SPACE["s"])
            line.addWidget(self.picture)
            line.addWidget(self.title, 1)
            line.addWidget(self.hint)
            line.addLayout(row)
            self.setMinimumHeight(max(self.fontMetrics().lineSpacing(), 20) + 2 * style.SPACE["xs"] + 2)
            self.retranslate_ui()
            return
        lay = QVBoxLayout(self)
        gap = style.SPACE["xl"]
        lay.setContentsMargins(gap, gap, gap, gap)
        lay.setSpacing(style.SPACE["s"])
        lay.addStretch(1)
        lay.addWidget(self.picture)
        lay.addWidget(self.title)
        lay.addWidget(self.hint)
        if self.buttons:
            lay.addSpacing(style.SPACE["s"])
            lay.addLayout(row)
        lay.addStretch(1)
        self.retranslate_ui()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override: a calm panel (the one line: none)
        if not self.compact:
            style.paint_panel(self, style.SURFACE, style.BORDER, dashed=True)

    def retranslate_ui(self) -> None:
        self.title.setText(_(self.title_msgid))
        self.hint.setText(_(self.hint_msgid) if self.hint_msgid else "")
        self.hint.setVisible(bool(self.hint_msgid))
        for button, caption in zip(self.buttons, self.captions, strict=True):
            button.setText(_(caption).replace("&", ""))  # the screen's own button keeps the mnemonic


class EmptyState(QWidget):
    """``content`` while ``is_empty()`` is false, the message otherwise; follows the model's changes. The one
    hidden takes no room (an empty table's minimum height does not stay behind the message)."""

    def __init__(self, ctx, content: QWidget, model: QAbstractItemModel, icon_name: str, title: str, hint: str = "",
                 actions: Sequence[Action] = (), is_empty: Callable[[], bool] | None = None,
                 parent: QWidget | None = None, compact: bool = False) -> None:
        super().__init__(parent)
        self.content, self.model = content, model
        self.is_empty = is_empty or (lambda: model.rowCount() == 0)
        self.message = EmptyMessage(ctx, icon_name, title, hint, actions, self, compact)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(content)
        lay.addWidget(self.message)
        self._showing_message = False
        self._later = QTimer(self)  # a reset and its inserts come in bursts: one look after them
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.update_state)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self._later.start)
        ctx.translator.language_changed.connect(self._language_changed)
        self.update_state()

    @property
    def showing_message(self) -> bool:
        return self._showing_message

    def update_state(self) -> None:
        empty = self.is_empty()
        had_focus = self.content.hasFocus()
        self._showing_message = empty
        self.content.setVisible(not empty)
        self.message.setVisible(empty)
        if empty and had_focus and self.message.buttons:
            self.message.buttons[0].setFocus()

    def _language_changed(self, _lang: str) -> None:
        self.message.retranslate_ui()
