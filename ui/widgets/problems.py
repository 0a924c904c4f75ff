"""A refused file's problems: the message in red, the problem rows in a red table, and "Save the problem list…"
(moved from ui/dialogs/portal_import.py, issue 12 point 10: the import, export, reconciliation and onboarding
dialogs share them)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from app.i18n import N_, _, ngettext
from app.paths import write_private
from app.portal import Format, Problem, write_problems
from ui.models.table import Column, RowsModel
from ui.widgets.tables import RIGHT, keep_fitted, table_view

ERROR_COLOR = "#c0392b"


PROBLEM_BACKGROUND = QColor("#fde2e1")


PROBLEM_FOREGROUND = QColor("#7b1712")


class MarkedRowsModel(RowsModel):
    """Rows, some of them painted red: ``marked(row)`` says which."""

    def __init__(self, columns, marked: Callable[[Any], bool], parent=None) -> None:
        super().__init__(columns, parent)
        self.marked = marked

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and index.isValid() \
                and 0 <= index.row() < self.rowCount() and self.marked(self.row(index.row())):
            return QBrush(PROBLEM_BACKGROUND if role == Qt.ItemDataRole.BackgroundRole else PROBLEM_FOREGROUND)
        return super().data(index, role)


def _row_number(p: Problem) -> str:
    return str(p.row) if p.row is not None else ""


PROBLEM_COLUMNS: list[Column[Problem]] = [
    Column(N_("Row"), _row_number, lambda p: p.row if p.row is not None else 0, RIGHT),
    Column(N_("Column"), lambda p: p.column or ""),
    Column(N_("Value"), lambda p: p.value or "", tooltip=lambda p: p.value or ""),
    Column(N_("Problem"), lambda p: p.render(), tooltip=lambda p: p.render()),
]


def problems_model(parent=None) -> MarkedRowsModel:
    return MarkedRowsModel(PROBLEM_COLUMNS, lambda _p: True, parent)


class ProblemsPanel(QWidget):
    """A refusal: the message in red, the problems in a red table, "Save the problem list…"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # at the top, under what the page says: without a list under it the label takes the panel's height
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.model = problems_model(self)
        self.view = table_view(self.model, self)
        # the problem's text (what is wrong and what to do) takes the width left and wraps; a long value is cut in its
        # middle (its tooltip holds it whole): a 101-character name hid the message's end, "shorten it"
        keep_fitted(self.view, stretch=len(PROBLEM_COLUMNS) - 1, wrap=True)  # the problem: the last column
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.count = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.count)
        row.addStretch(1)
        row.addWidget(self.save_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.message)
        lay.addWidget(self.view, 1)
        lay.addLayout(row)
        self._text: Callable[[], str] | None = None
        self.show_refusal(None)

    def show_refusal(self, text: Callable[[], str] | None, problems: Sequence[Problem] = ()) -> None:
        """``text`` renders the message (called again on a language switch); None hides the panel."""
        self._text = text
        self.model.set_rows(problems)
        self.view.setVisible(bool(problems))
        self.save_button.setVisible(bool(problems))
        self.count.setVisible(bool(problems))
        self.setVisible(text is not None or bool(problems))
        self.retranslate_ui()

    def problems(self) -> list[Problem]:
        return self.model.rows()

    def save(self) -> None:
        name = _("problems") + ".xlsx"
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the problem list"), name,
                                                    _("Excel workbook (*.xlsx);;CSV UTF-8 (*.csv)"))
        if path:
            self.save_to(path)

    def save_to(self, path: str | os.PathLike) -> Path | None:
        """The list in the interface language: .csv as CSV, anything else as .xlsx."""
        target = Path(path)
        fmt = Format.CSV if target.suffix.lower() in (".csv", ".txt") else Format.XLSX
        if fmt is Format.XLSX and target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        try:
            write_private(target, write_problems(self.problems(), fmt, i18n.current_language()))
        except OSError as exc:
            QMessageBox.warning(self, _("The file was not saved"),
                                _("Could not write {path}: {reason}. Choose another folder.").format(
                                    path=target, reason=exc.strerror or exc))
            return None
        return target

    def retranslate_ui(self) -> None:
        self.message.setText(self._text() if self._text else "")
        self.message.setVisible(self._text is not None)
        n = self.model.rowCount()
        self.count.setText(ngettext("{n} problem", "{n} problems", n).format(n=n))
        self.save_button.setText(_("&Save the problem list…"))
        self.model.retranslate()
