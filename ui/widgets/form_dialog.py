"""The small form dialog the plan, monitoring, staff, staffing and organisation screens share: a form that
also shows errors of fields living elsewhere (RoutedForm), the dialog over it (FormDialog), opening it without
blocking, and the helpers its fields use (moved from ui/views/plans.py, issue 12 point 10)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.i18n import Message, _
from ui.context import Changed, Context
from ui.widgets.forms import EnumCombo, Form, GuardedDialog, attempt
from ui.widgets.rules import set_rule_text

_D = TypeVar("_D", bound=QDialog)  # the dialog shown


def enum_value(combo: EnumCombo):
    """The chosen member of an EnumCombo as the enum itself (Qt hands a str-based enum back as plain str)."""
    value = combo.value()
    return None if value is None else combo.enum_cls(value)


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Open at ``width``×``height`` or the available screen, whichever is smaller (1366×768 laptops)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    avail = screen.availableGeometry()
    widget.resize(min(width, avail.width() - 24), min(height, avail.height() - 48))


def names_completer(names: Iterable[str], parent: QWidget) -> QCompleter:
    c = QCompleter(sorted(set(names)), parent)
    c.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    c.setFilterMode(Qt.MatchFlag.MatchContains)
    return c


class RoutedForm(Form):
    """A Form that also shows a refusal for fields living elsewhere: in another Form (``route_form``) or
    somewhere custom (``route``: a callable that shows the text and returns True)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._routes: dict[str, Callable[[str, str | Message], bool]] = {}
        self._others: list[Form] = []
        self._clearers: list[Callable[[], None]] = []

    def route(self, fields: Iterable[str], show: Callable[[str, str | Message], bool],
              clear: Callable[[], None]) -> None:
        """Errors about ``fields`` go to ``show(field, text)``; ``clear`` removes what it showed. ``text`` is a
        :class:`Message` when the refusal gave one: to be said again after a language switch (``Form.set_error``,
        ``MessageLabel.say``)."""
        for f in fields:
            self._routes[f] = show
        self._clearers.append(clear)

    def route_form(self, other: Form) -> None:
        """Errors about ``other``'s fields show there."""
        self._others.append(other)
        self._clearers.append(other.clear_errors)

    def alias(self, field: str, to: str) -> None:
        """Errors about ``field`` (a service field code) show next to this form's ``to``."""
        self._routes[field] = lambda _f, t: Form.set_error(self, to, t)

    def set_error(self, field: str | None, text: str | Message, focus: bool = True,
                  again: Callable[[], str | None] | None = None) -> bool:
        if field in self._routes:
            return self._routes[field](field, text)
        return super().set_error(field, text, focus, again) or any(o.set_error(field, text, focus, again)
                                                                   for o in self._others)

    def clear_errors(self) -> None:
        super().clear_errors()
        for clear in self._clearers:
            clear()


class FormDialog(GuardedDialog):
    """A small dialog over one form. Save runs ``action`` through the services; on refusal the message
    shows next to its field and everything typed stays. On success: ``ctx.changed(change)`` (about
    ``resident_id``, when one person) and close."""

    def __init__(self, ctx: Context, title: str, change: Changed, action: Callable[[FormDialog], Any],
                 note: str = "", parent: QWidget | None = None, resident_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.title, self.change, self.action, self.note_msgid = ctx, title, change, action, note
        self.resident_id = resident_id
        self.result_value: Any = None
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        self.form = RoutedForm()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.note)
        lay.addWidget(self.form)
        lay.addStretch(1)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(480)
        ctx.translator.language_changed.connect(self._language_changed)

    def field(self, name: str) -> Any:
        return self.form.widget(name)

    def save(self) -> bool:
        def run() -> bool:
            self.result_value = self.action(self)
            return True

        if not attempt(self, run, self.form):  # the messages are shown, the window grown to show them
            return False
        self.ctx.changed(self.change, resident_id=self.resident_id)
        self.accept()
        return True

    def _language_changed(self, _lang: str) -> None:
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_(self.title))
        if self.note_msgid:
            set_rule_text(self.note, _(self.note_msgid))
        self.form.retranslate_ui()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def ready(self) -> FormDialog:
        """Call after the fields are added: texts set, size fitted."""
        self.retranslate_ui()
        self.adjustSize()
        return self


def run_modal(dialog: QDialog) -> int:
    """Show ``dialog`` modally (a menu's or an empty screen's wizard), then let it go; its result code. What it
    changed it announces itself (``ctx.changed``): the screens following those kinds reload."""
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()


def show_dialog(owner: QWidget, dialog: _D, on_done: Callable[[], None] | None = None) -> _D:
    """Open ``dialog`` window-modal without blocking (``owner.dialog`` keeps it for keyboard and tests)."""
    setattr(owner, "dialog", dialog)  # noqa: B010 - whichever widget owns it (a page, a dialog) holds it
    dialog.finished.connect(dialog.deleteLater)
    if on_done is not None:
        dialog.accepted.connect(on_done)
    dialog.open()
    return dialog


def dispose(dialog: QWidget | None) -> None:
    """Let a finished dialog go (the next one replaces it), so closed ones do not pile up."""
    if dialog is not None and shiboken6.isValid(dialog) and not dialog.isVisible():
        dialog.deleteLater()
