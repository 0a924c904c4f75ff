"""Correct a journal entry: a typo in the number or date of its order (or decision, R-01), or the reason of a
temporary departure or a discharge (column 12). The user picks which of the person's entries; the service
(``MovementService.correct_entry``) checks, audits before and after, and refuses a change made meanwhile.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.domain.enums import DischargeReason, MovementKind
from app.domain.journal import authority_labels, decided_by_decision
from app.i18n import N_, _
from app.services import OrderRef
from app.services.movements import MovementView
from ui.context import Changed, Context
from ui.forms import DateField, Form, attempt, line, set_bold, text_box
from ui.i18n import fdate
from ui.widgets.person_form import Choice

#: the entries whose reason the journal prints (column 12)
WITH_REASON = (MovementKind.TEMPORARY_DEPARTURE, MovementKind.DISCHARGE)


class CorrectEntryDialog(QDialog):
    def __init__(self, ctx: Context, resident_id: int, full_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.resident_id, self.full_name = ctx, resident_id, full_name
        self.corrected: MovementView | None = None
        self.org_type = ctx.services.organisation.get().org_type
        self.entries = ctx.services.movements.history(resident_id)
        self.heading = set_bold(QLabel(full_name), 2)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.entry = QComboBox()
        self.form = Form()
        self.form.add("entry", N_("Entry"), self.entry)
        number_label, date_label = authority_labels(self.org_type)
        self.order_number = self.form.add("order_number", number_label, line(max_length=50), required=True)
        self.order_date = self.form.add("order_date", date_label, DateField(), required=True)
        self.reason = self.form.add("reason", N_("Reason for discharge"), Choice(DischargeReason, optional=True))
        self.reason_text = self.form.add("reason_text", N_("Reason"), text_box(60))
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        for w in (self.heading, self.note, self.form):
            lay.addWidget(w)
        lay.addStretch(1)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(600)
        self.entry.currentIndexChanged.connect(lambda _i: self._show_entry())
        ctx.translator.language_changed.connect(lambda _l: self.retranslate_ui())
        self.retranslate_ui()
        self.entry.setCurrentIndex(len(self.entries) - 1)  # the latest entry: the one a typo is usually in
        self._show_entry()
        self.order_number.setFocus()

    def current(self) -> MovementView | None:
        i = self.entry.currentIndex()
        return self.entries[i] if 0 <= i < len(self.entries) else None

    def _entry_text(self, m: MovementView) -> str:
        kind = _("readmission") if m.kind == MovementKind.ADMISSION and m.returned else m.kind.text()
        return _("{kind} on {date}, No. {number} of {order_date}").format(
            kind=kind, date=fdate(m.event_date), number=m.order_number, order_date=fdate(m.order_date))

    def _show_entry(self) -> None:
        m = self.current()
        if m is None:
            return
        self.form.clear_errors()
        self.order_number.setText(m.order_number)
        self.order_date.set_value(m.order_date)
        discharge = m.kind == MovementKind.DISCHARGE
        self._show_row("reason", discharge)
        self._show_row("reason_text", m.kind in WITH_REASON)
        if discharge:
            self.reason.setCurrentIndex(self.reason.findData(m.discharge_reason))
        self.reason_text.setPlainText(m.reason_text or "")

    def _show_row(self, field: str, visible: bool) -> None:
        self.form.layout_.setRowVisible(self.form.widget(field).parentWidget(), visible)

    def save(self) -> bool:
        m = self.current()
        if m is None:
            return False
        services, actor = self.ctx.services, self.ctx.actor
        reason = self.reason.value() if m.kind == MovementKind.DISCHARGE else None
        text = self.reason_text.toPlainText() if m.kind in WITH_REASON else None
        order_date = self.order_date.value()
        assert order_date is not None  # not optional: never empty
        done = attempt(self, lambda: services.movements.correct_entry(
            actor, m, OrderRef(self.order_number.text(), order_date), reason, text), self.form)
        if done is None:
            self.resize(self.width(), max(self.height(), self.sizeHint().height()))
            return False
        self.corrected = done
        self.ctx.changed(Changed.MOVEMENTS, resident_id=self.resident_id)
        self.ctx.tell(_("Journal entry corrected: {name}; {entry}.").format(
            name=self.full_name, entry=self._entry_text(done)), self.resident_id)
        self.accept()
        return True

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Correct a journal entry"))
        self.note.setText(_("Correct a typo in the number or date of the decision, or in the reason. The change is "
                            "kept in the audit log with the old and new values; an entry already sent to the portal "
                            "goes again with the next export.") if decided_by_decision(self.org_type) else
                          _("Correct a typo in the number or date of the order, or in the reason. The change is "
                            "kept in the audit log with the old and new values; an entry already sent to the portal "
                            "goes again with the next export."))
        index = self.entry.currentIndex()
        self.entry.blockSignals(True)
        self.entry.clear()
        for m in self.entries:
            self.entry.addItem(self._entry_text(m))
        self.entry.setCurrentIndex(index)
        self.entry.blockSignals(False)
        self.form.retranslate_ui()
        self.save_button.setText(_("&Save"))
        self.cancel_button.setText(_("Cancel"))
