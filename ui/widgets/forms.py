"""Form building blocks: labelled fields with inline errors (all of a form's errors at once, each under its
field), and one place that turns a refused service call into a message next to the field at fault.
The date field lives in ui.widgets.date_field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError, SessionEnded
from app.i18n import N_, M, Message, _
from ui.i18n import without_rules
from ui.widgets.date_field import DateField, DateTimeField

_W = TypeVar("_W", bound=QWidget)  # the widget a form row holds
_T = TypeVar("_T")

ERROR_STYLE = "border: 1px solid #c0392b;"


class EnumCombo(QComboBox):
    """A combo over a LabelledEnum, labels in the current language; ``optional`` adds an empty first item."""

    def __init__(self, enum_cls, optional: bool = False, parent: QWidget | None = None,
                 text: Callable[[Any], str] | None = None) -> None:
        super().__init__(parent)
        self.enum_cls, self.optional = enum_cls, optional
        self.text_of = text or (lambda member: member.text())  # how a member reads (some depend on the type)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        current = self.value()
        self.blockSignals(True)
        self.clear()
        if self.optional:
            self.addItem("", None)
        for member in self.enum_cls:
            self.addItem(self.text_of(member), member)
        self.set_value(current)
        self.blockSignals(False)
        self._fit_list()

    def _fit_list(self) -> None:
        """The list opens as wide as its longest choice (a category of R-33 is a sentence): each read whole,
        though the closed field, narrower, shows its start."""
        metrics = self.view().fontMetrics()
        widest = max((metrics.horizontalAdvance(self.itemText(i)) for i in range(self.count())), default=0)
        self.view().setMinimumWidth(widest + 40)  # the item's margins and the scroll bar

    def value(self):
        """The enum member (Qt hands str-based enums back as plain strings)."""
        data = self.currentData()
        return None if data is None else self.enum_cls(data)

    def set_value(self, member) -> None:
        idx = self.findData(member)
        self.setCurrentIndex(max(idx, 0))


class Form(QWidget):
    """Rows of (field code, label msgid, widget) with an error label under each.

    ``problems()`` checks every field at once before a service is called: required fields, date fields
    whose text is not a date, and the checks added with ``add_check`` (domain validators that raise
    DomainError); ``attempt`` shows them all, each under its field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._rows: dict[str, tuple[str, QLabel, QWidget, QLabel]] = {}
        self._mnemonics: dict[str, str] = {}  # field → its Alt letter, unique within the form
        self._checks: list[Callable[[], object]] = []
        self._again: dict[str, Callable[[], str | None]] = {}  # field → its shown message, said in the language now

    def add(self, field: str, label: str, widget: _W, required: bool = False) -> _W:
        lab = QLabel()
        lab.setBuddy(widget)
        err = QLabel()
        err.setStyleSheet("color: #c0392b;")
        err.setWordWrap(True)
        err.hide()
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(2)
        v.addWidget(widget)
        v.addWidget(err)
        box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.layout_.addRow(lab, box)
        widget.setObjectName(field)
        self._rows[field] = (label + (" *" if required else ""), lab, widget, err)
        self._label_text(field)
        for signal in ("textChanged", "dateChanged", "currentIndexChanged", "valueChanged"):
            if hasattr(widget, signal):
                getattr(widget, signal).connect(lambda *_a, f=field: self.clear_error(f))
                break
        return widget

    def add_check(self, check: Callable[[], object]) -> None:
        """A check run with the others before saving: it raises DomainError naming its field when the values
        typed break a rule (the domain's own validators, so the form and the service agree)."""
        self._checks.append(check)

    def _label_text(self, field: str) -> None:
        label, lab, _w, _e = self._rows[field]
        star = label.endswith(" *")
        full = _(label[:-2] if star else label)
        text = without_rules(full)  # the rule's code goes to the tooltip of the label and of its field
        tip = full if text != full else ""
        lab.setToolTip(tip)
        if not _w.toolTip() or _w.property("ruleTip") == _w.toolTip():
            _w.setToolTip(tip)
            _w.setProperty("ruleTip", tip)
        used = {v for f, v in self._mnemonics.items() if f != field}
        pos = next((i for i, c in enumerate(text) if c.isalpha() and c.casefold() not in used), None)
        if pos is None:
            self._mnemonics.pop(field, None)
        else:
            self._mnemonics[field] = text[pos].casefold()
            text = text[:pos] + "&" + text[pos:]
        lab.setText(text + (" *" if star else ""))

    def widget(self, field: str) -> Any:
        """The widget added as ``field``: a line edit, a date field, a choice… (the caller knows which)."""
        return self._rows[field][2]

    def fields(self) -> list[str]:
        return list(self._rows)

    def retranslate_ui(self) -> None:
        self._mnemonics.clear()
        for field, (_label, _lab, widget, err) in self._rows.items():
            self._label_text(field)
            if hasattr(widget, "retranslate_ui"):
                widget.retranslate_ui()
            again = self._again.get(field)
            if again is not None and not err.isHidden():  # a message still shown is said in the new language
                err.setText(again() or err.text())

    def set_error(self, field: str | None, text: str | Message, focus: bool = True,
                  again: Callable[[], str | None] | None = None) -> bool:
        """Show ``text`` under the field; returns False when the form has no such field. A :class:`Message` is
        said again in the language chosen later (a language switch); for a text, ``again`` gives the same message
        anew, when the caller can."""
        if isinstance(text, Message):
            again, text = text.render, text.render()
        if field not in self._rows:
            return False
        _l, _lab, widget, err = self._rows[field]
        if again is None:
            self._again.pop(field, None)
        else:
            self._again[field] = again
        err.setText(text)
        err.show()
        _error_target(widget).setStyleSheet(ERROR_STYLE)
        if focus:
            widget.setFocus()
            scroll_into_view(err.parentWidget())  # the field and its message, on a page that scrolls
        return True

    def error(self, field: str) -> str:
        """The message shown under ``field`` ("" when none is), the date field's own included."""
        _l, _lab, widget, err = self._rows[field]
        own = widget.shown_problem() if hasattr(widget, "shown_problem") else ""
        return err.text() if not err.isHidden() else own

    def errors(self) -> dict[str, str]:
        """Every message shown, by field."""
        return {f: text for f in self._rows if (text := self.error(f))}

    def clear_error(self, field: str) -> None:
        _l, _lab, widget, err = self._rows[field]
        err.hide()
        own = widget.shown_problem() if hasattr(widget, "shown_problem") else ""
        _error_target(widget).setStyleSheet(ERROR_STYLE if own else "")

    def clear_errors(self) -> None:
        for f in self._rows:
            self.clear_error(f)

    # --- every error at once -----------------------------------------------------------------------
    def required_fields(self) -> list[str]:
        return [f for f, (label, *_r) in self._rows.items() if label.endswith(" *")]

    def label_msgid(self, field: str) -> str:
        label = self._rows[field][0]
        return label[:-2] if label.endswith(" *") else label

    def problems(self) -> dict[str, str]:
        """What is wrong with the values typed, by field, in the order of the form (one message per field):
        what the added checks refuse, a date that is not a date, a required field left empty."""
        found: dict[str, str] = {}
        for check in self._checks:  # the domain's own words first, where it has them
            try:
                check()
            except DomainError as exc:
                if exc.field in self._rows and exc.field not in found:
                    found[exc.field] = exc.render()
        required = set(self.required_fields())
        for field, (_label, _lab, widget, _err) in self._rows.items():
            if field in found or not widget.isEnabled():
                continue
            problem = widget.problem() if hasattr(widget, "problem") else None
            if problem:
                found[field] = problem
            elif field in required and is_empty(widget):
                found[field] = M("{field}: this field is required.", field=Message(self.label_msgid(field))).render()
        return {f: found[f] for f in self._rows if f in found}

    def show_problems(self, problems: dict[str, str]) -> None:
        """Each message under its field; the first field takes the focus."""
        def again(field: str) -> Callable[[], str | None]:
            return lambda: self.problems().get(field)

        for i, (field, text) in enumerate(problems.items()):
            widget = self.widget(field)
            if hasattr(widget, "commit") and widget.problem():
                widget.commit()  # the date field says it under itself
                if i == 0:
                    widget.setFocus()
            else:
                self.set_error(field, text, focus=i == 0, again=again(field))

    def snapshot(self) -> tuple:
        """What the fields hold, to tell whether the user changed anything."""
        return tuple(field_state(w) for _l, _lab, w, _e in self._rows.values())


def scroll_into_view(widget: QWidget | None) -> None:
    """Scroll the page (the nearest QScrollArea holding ``widget``) to show ``widget`` whole, once the layout
    has placed what was just shown in it (an error under a field near the bottom of a long form)."""
    area = widget.parentWidget() if widget is not None else None
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    if widget is not None and area is not None:
        QTimer.singleShot(0, widget, lambda: area.ensureWidgetVisible(widget, 0, 8))


class MessageLabel(QLabel):
    """A refusal shown under something that is not one of a form's fields (a table, a group of boxes): hidden
    until :meth:`say`, and said again in the language chosen while it shows (``retranslate_ui``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet("color: #c0392b;")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # a message may quote a file's text: «<i>ФИО</i>» is shown as typed
        self.hide()
        self._message: Message | None = None

    def say(self, text: str | Message) -> None:
        self._message = text if isinstance(text, Message) else None
        self.setText(text.render() if isinstance(text, Message) else text)
        self.show()

    def retranslate_ui(self) -> None:
        if self._message is not None and not self.isHidden():
            self.setText(self._message.render())


def _error_target(widget: QWidget) -> QWidget:
    """The part of a field that turns red (the text of a date field, not its calendar button)."""
    return widget.edit if isinstance(widget, (DateField, DateTimeField)) else widget


def field_state(widget: QWidget) -> object:
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    for getter in ("text", "value", "isChecked"):
        if hasattr(widget, getter):
            try:
                return getattr(widget, getter)()
            except TypeError:
                continue
    return None


def is_empty(widget: QWidget) -> bool:
    """A required field left empty: no text, no choice, no date."""
    if isinstance(widget, QPlainTextEdit):
        return not widget.toPlainText().strip()
    if isinstance(widget, QSpinBox):
        return False
    if hasattr(widget, "text") and not isinstance(widget, QComboBox):
        return not widget.text().strip()
    if hasattr(widget, "value"):
        value = widget.value()
        return value is None or (isinstance(value, str) and not value.strip())
    if isinstance(widget, QComboBox):
        return widget.currentData() is None and not widget.currentText().strip()
    return False


def line(text: str = "", placeholder: str | None = None, max_length: int | None = None) -> QLineEdit:
    w = QLineEdit(text)
    if placeholder:
        w.setPlaceholderText(placeholder)
    if max_length:
        w.setMaxLength(max_length)
    return w


def text_box(height: int = 60) -> QPlainTextEdit:
    w = QPlainTextEdit()
    w.setFixedHeight(height)
    w.setTabChangesFocus(True)
    return w


def spin(lo: int, hi: int, value: int = 0) -> QSpinBox:
    w = QSpinBox()
    w.setRange(lo, hi)
    w.setValue(value)
    return w


def offer_sign_in(parent: QWidget | None, exc: BaseException) -> bool:
    """A write refused because the user's session ended (e.g. the director reset their password): the
    window that owns the session (an ancestor with ``session_ended``) offers to sign in again, keeping
    what was typed. Returns whether it was handled that way."""
    if not isinstance(exc, SessionEnded):
        return False
    widget = parent
    while widget is not None:
        handler = getattr(widget, "session_ended", None)
        if callable(handler):
            handler(exc.render())
            return True
        widget = widget.parentWidget()
    return False


def show_refusal(parent: QWidget, exc: BaseException, form: Form | None = None) -> None:
    """A refused call: next to the field when the form has it, else a message box. Never a traceback."""
    if offer_sign_in(parent, exc):
        return
    if isinstance(exc, DomainError):
        text = exc.render()
        if form is not None and form.set_error(exc.field, exc.message):
            return
        QMessageBox.warning(parent, _("The change was not saved"), text)
    else:
        from ui.widgets.failures import show_unexpected

        show_unexpected(parent, exc)


def attempt(parent: QWidget, action: Callable[[], _T], form: Form | None = None) -> _T | None:
    """Run a service call; on refusal show why and return None (the dialog keeps what was typed).

    With a ``form``, every field is checked first and all its problems are shown at once, each under its
    field, without calling the service; the dialog then grows to show them whole."""
    if form is not None:
        form.clear_errors()
        problems = form.problems()
        if problems:
            form.show_problems(problems)
            fit_height(parent.window())
            return None
    try:
        return action()
    except Exception as exc:  # shown to the user; the service already rolled back
        show_refusal(parent, exc, form)
        if form is not None:
            fit_height(parent.window())
        return None


def fit_height(dialog: QWidget) -> None:
    """Grow ``dialog`` to the height its layout wants at its width (wrapped messages under the fields), up
    to the screen's height; a window that is not a dialog is left alone."""
    lay = dialog.layout()
    if lay is None or not isinstance(dialog, QDialog):
        return
    for form in dialog.findChildren(Form):  # a form short of its wrapped lines keeps them (Qt gives it its
        wanted = form.heightForWidth(form.width()) if form.hasHeightForWidth() else form.sizeHint().height()
        if wanted > form.height():  # size hint, not its height for the width)
            form.setMinimumHeight(wanted)
    lay.activate()
    wanted = max(lay.totalHeightForWidth(dialog.width()), lay.totalMinimumSize().height())
    screen = dialog.screen().availableGeometry().height() if dialog.screen() else wanted
    wanted = min(wanted, screen - 40)
    if wanted > dialog.height():
        dialog.resize(dialog.width(), wanted)


class GuardedDialog(QDialog):
    """A dialog around forms: Escape or the close button on a form the user changed asks before throwing
    the changes away (issue 12, point 2). What the forms held when the dialog was first shown is the
    starting point; ``discard_question`` can be changed by a subclass."""

    discard_title = N_("Discard the changes?")
    discard_question = N_("What you typed in this window has not been saved. Close it and lose the changes?")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._baseline: tuple | None = None

    def _forms(self) -> list[Form]:
        return self.findChildren(Form)

    def _state(self) -> tuple:
        return tuple(f.snapshot() for f in self._forms())

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._baseline is None:
            self._baseline = self._state()
        super().showEvent(event)

    def changed(self) -> bool:
        return self._baseline is not None and self._state() != self._baseline

    def ask_discard(self) -> bool:
        """Whether the user agrees to lose the changes (the default answer keeps them)."""
        box = QMessageBox(QMessageBox.Icon.Question, _(self.discard_title), _(self.discard_question), parent=self)
        discard = box.addButton(_("Discard the changes"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(_("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier \
                and self.changed() and not self.ask_discard():
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - the window's close button
        if event.spontaneous() and self.isVisible() and self.changed() and not self.ask_discard():
            event.ignore()
            return
        super().closeEvent(event)


def set_bold(label: QLabel, size_delta: int = 0) -> QLabel:
    f = label.font()
    f.setBold(True)
    f.setPointSize(f.pointSize() + size_delta)
    label.setFont(f)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
