"""Movements of the electronic journal (R-01, R-02): admission, temporary departure, return,
discharge, transfer and readmission — each with the order's number and date and the event's
date, checked as the user types and saved through ``svc.movements``.

Also here: the row of movement buttons, enabled by the selected resident's status (the Residents page and
the card). The Annex 3 person form and the admission fields it shares live in ui/widgets/person_form.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.checklist import MovementDocKind
from app.domain.date_order import check_movement_date
from app.domain.enums import (
    DischargeReason,
    MovementKind,
    RecipientCategory,
    ResidentStatus,
)
from app.domain.errors import DomainError
from app.domain.journal import (
    DEPARTURE_REASON_REQUIRED,
    authority_labels,
    check_departure_reason,
    check_discharge_reason,
    decided_by_decision,
)
from app.domain.permissions import UseCase
from app.i18n import N_, _
from app.services import OrderRef
from app.services.movements import MovementDoc, MovementView
from ui.context import MOVEMENT, Changed, Context
from ui.forms import DateField, Form, GuardedDialog, attempt, fit_height, line, set_bold, text_box
from ui.i18n import fdate
from ui.widgets.form_dialog import dispose
from ui.widgets.icons import set_icons
from ui.widgets.permissions import guard
from ui.widgets.person_form import (
    Choice,
    ColumnsForm,
    PersonForm,
    add_category_field,
    add_direct_ground,
    add_ground_field,
    add_unit_field,
    asking_about_known_person,
    chosen_ground,
    chosen_unit,
    live_required,
    text_of,
)
from ui.widgets.rules import set_rule_text

# --- the dialogs ------------------------------------------------------------------------------
#: the confirmation of each kind of movement (MovementDialog.confirmation)
RECORDED = {
    MovementKind.ADMISSION: N_("Admission recorded"),
    MovementKind.TEMPORARY_DEPARTURE: N_("Temporary departure recorded"),
    MovementKind.RETURN: N_("Return recorded"),
    MovementKind.DISCHARGE: N_("Discharge recorded"),
    MovementKind.TRANSFER: N_("Transfer recorded"),
}
READMITTED = N_("Readmission recorded")
ORDER_REF, DECISION_REF = N_("order No. {number} of {date}"), N_("decision No. {number} of {date}")


class MovementDialog(GuardedDialog):
    """Event date, order number and order date, then the fields of the kind; ``perform`` calls the
    service. A refusal is shown under its field and everything typed stays."""

    title = ""
    #: the movement's icon (resources/icons): on its Save button and on the button that opens it (MOVEMENT_ICONS)
    icon_name = "save"
    kind = MovementKind.ADMISSION  # the movement recorded: its date is called by it (MOVEMENT_DATE_LABELS)
    event_label = N_("Date")
    note = ""

    def __init__(self, ctx: Context, resident_id: int | None = None, full_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.resident_id = ctx, resident_id
        self.movement: MovementView | None = None
        history = ctx.services.movements.history(resident_id) if resident_id else []
        self.last = history[-1] if history else None
        self.org_type = ctx.services.organisation.get().org_type
        self.form = self.make_form()
        f = self.form
        self.event_date = f.add("event_date", self.event_label, DateField(), required=True)
        number_label, date_label = authority_labels(self.org_type)  # a home-care head's decision
        self.order_number = f.add("order_number", number_label, line(max_length=50), required=True)
        self.order_date = f.add("order_date", date_label, DateField(), required=True)
        self.add_fields(f)
        live_required(f, "order_number")
        self.event_date.dateChanged.connect(self._check_event_date)
        f.add_check(lambda: check_movement_date(self.kind, self.event_date.value(), self.last.kind if self.last else None,
                                                self.last.event_date if self.last else None, dt.date.today()))
        self.heading = set_bold(QLabel(full_name), 2)
        self.heading.setVisible(bool(full_name))
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setVisible(bool(self.note))
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.setDefault(True)
        set_icons({self.save_button: self.icon_name, self.cancel_button: "x"})
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.note_label)
        lay.addWidget(f)
        lay.addStretch(1)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(560)
        ctx.translator.language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()
        self.order_number.setFocus()

    def make_form(self) -> Form:
        return Form()

    def add_fields(self, form: Form) -> None:
        """Fields of the particular movement."""

    def perform(self, event_date: dt.date, order: OrderRef) -> MovementView:
        raise NotImplementedError

    def _check_event_date(self) -> None:
        """R-01, R-02 as the date is typed, with the service's own check and words."""
        try:
            check_movement_date(self.kind, self.event_date.value(), self.last.kind if self.last else None,
                                self.last.event_date if self.last else None, dt.date.today())
        except DomainError as exc:
            self.form.set_error("event_date", exc.message, focus=False)

    def save(self) -> None:
        event_date, order_date = self.event_date.value(), self.order_date.value()
        assert event_date is not None and order_date is not None  # not optional: never empty
        order = OrderRef(self.order_number.text(), order_date)
        movement = attempt(self, lambda: self.perform(event_date, order), self.form)
        if movement is None:
            fit_height(self)  # room for the message under the field
            return
        self.movement = movement
        self.ctx.changed(*MOVEMENT, resident_id=movement.resident_id)
        self.ctx.tell(self.confirmation(), movement.resident_id)
        self.accept()

    def confirmation(self) -> str:
        """What was recorded, with the order (or decision, R-01) that authorises it: for the status bar."""
        m = self.movement
        assert m is not None  # said once saved
        name = self.ctx.services.residents.get(m.resident_id).full_name
        what = READMITTED if m.kind == MovementKind.ADMISSION and m.returned else RECORDED[m.kind]
        authority = DECISION_REF if decided_by_decision(self.org_type) else ORDER_REF
        return _("{what}: {name}; {authority}.").format(
            what=_(what), name=name, authority=_(authority).format(number=m.order_number, date=fdate(m.order_date)))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_(self.title))
        set_rule_text(self.note_label, _(self.note) if self.note else "")
        self.save_button.setText(_("&Save"))
        self.cancel_button.setText(_("Cancel"))
        self.form.retranslate_ui()


class AdmitDialog(MovementDialog):
    """Admission without a queue application, when a place is vacant (svc.movements.admit_direct)."""
    form: PersonForm

    title = N_("Admission")
    icon_name = "user-plus"
    event_label = N_("Date of admission")
    note = N_("A new person is admitted directly when a place is vacant (a place offered to a person in the "
              "queue is held for them); while people wait in the queue, choose the ground (R-03). The personal "
              "case file is opened at the same time (R-10).")

    def make_form(self) -> PersonForm:
        form = PersonForm(with_fields=False)
        form.heading(N_("Admission decision") if decided_by_decision(self.org_type) else N_("Admission order"))
        return form

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent=parent)
        self.resize(1060, self.sizeHint().height())

    def add_fields(self, form: Form) -> None:
        assert isinstance(form, PersonForm)  # make_form's
        form.add_person_fields(admission=True, services=self.ctx.services)
        self.direct_ground, self.direct_ground_text = add_direct_ground(form.column(1))

    def perform(self, event_date, order):
        def admit(_resident_id: int | None, another: bool):
            return self.ctx.services.movements.admit_direct(
                self.ctx.actor, self.form.value(), event_date, order, self.direct_ground.value(),
                text_of(self.direct_ground_text), admission_ground=chosen_ground(self.form),
                unit_id=chosen_unit(self.form.unit_choice), another_person=another)
        # a namesake already here, one of the two without an IIN: asked (the same person is not admitted from here)
        return asking_about_known_person(self, admit, None, N_(
            "If it is the same person, go back: a person who left is readmitted from their card, a person in the "
            "queue is admitted from the queue."))


def add_document_fields(form: Form) -> tuple[Choice, QLineEdit, DateField]:
    """The document proving a suspension or termination (checklist item 4): kind, number, date — optional
    here (it may come later), but without it the checklist names the movement."""
    kind = form.add("doc_kind", N_("Proving document"), Choice(MovementDocKind, optional=True))
    number = form.add("doc_number", N_("Document number"), line(max_length=100))
    day = form.add("doc_date", N_("Document date"), DateField(optional=True))
    return kind, number, day


def document_of(fields: tuple[Choice, QLineEdit, DateField]) -> MovementDoc | None:
    kind, number, day = fields
    if kind.value() is None and day.value() is None and not number.text().strip():
        return None
    return MovementDoc(kind.value(), day.value(), number.text())


class MovementDocumentDialog(QDialog):
    """The proving document of a departure, discharge or transfer already in the journal (checklist item 4)."""

    def __init__(self, ctx: Context, movement_id: int, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.movement_id = ctx, movement_id
        self.what = QLabel(what)
        self.what.setWordWrap(True)
        self.form = Form()
        self.document = add_document_fields(self.form)
        self.document[0].setFocus()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.setDefault(True)
        set_icons({self.save_button: "save", self.cancel_button: "x"})
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.what)
        lay.addWidget(self.form)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.retranslate_ui()

    def save(self) -> None:
        doc = document_of(self.document) or MovementDoc(None, None)
        done = attempt(self, lambda: self.ctx.services.movements.set_document(self.ctx.actor, self.movement_id, doc),
                       self.form)
        if done is not None:
            self.ctx.changed(Changed.MOVEMENTS, resident_id=done.resident_id)
            self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Proving document"))
        self.save_button.setText(_("&Save"))
        self.cancel_button.setText(_("Cancel"))
        self.form.retranslate_ui()


class TemporaryDepartureDialog(MovementDialog):
    resident_id: int  # the person moved (only an admission has none yet)
    kind = MovementKind.TEMPORARY_DEPARTURE
    title = N_("Temporary departure")
    icon_name = "log-out"
    event_label = N_("Date of departure")
    note = N_("The place is kept while the resident is away (hospital, family visit).")

    def add_fields(self, form):
        # printed in the journal's column 12; required where the journal must hold it
        self.reason = form.add("reason_text", N_("Reason"), text_box(60),
                               required=self.org_type in DEPARTURE_REASON_REQUIRED)
        self.document = add_document_fields(form)
        form.add_check(lambda: check_departure_reason(self.org_type, text_of(self.reason)))

    def perform(self, event_date, order):
        return self.ctx.services.movements.temporary_departure(self.ctx.actor, self.resident_id, event_date, order,
                                                               text_of(self.reason), document_of(self.document))


class ReturnDialog(MovementDialog):
    resident_id: int  # the person moved (only an admission has none yet)
    kind = MovementKind.RETURN
    title = N_("Return from temporary departure")
    icon_name = "log-in"
    event_label = N_("Date of return")

    def perform(self, event_date, order):
        return self.ctx.services.movements.return_(self.ctx.actor, self.resident_id, event_date, order)


class DischargeDialog(MovementDialog):
    resident_id: int  # the person moved (only an admission has none yet)
    kind = MovementKind.DISCHARGE
    title = N_("Discharge")
    icon_name = "user-minus"
    event_label = N_("Date of discharge")

    def add_fields(self, form):
        self.reason = form.add("reason", N_("Reason for discharge"), Choice(DischargeReason, optional=True),
                               required=True)
        self.details = form.add("reason_text", N_("Details"), text_box(60))
        # column 14 of the journal, as for a transfer (FORMS.md Annex 2); optional: not always known
        self.destination = form.add("destination", N_("Where the person went (region, city, district)"),
                                    DestinationField())
        self.document = add_document_fields(form)
        form.add_check(lambda: check_discharge_reason(self.reason.value(), text_of(self.details)))

    def perform(self, event_date, order):
        return self.ctx.services.movements.discharge(self.ctx.actor, self.resident_id, event_date, order,
                                                     self.reason.value(), text_of(self.details),
                                                     self.destination.text() or None, document_of(self.document))


class DestinationField(QWidget):
    """Where the person is transferred: region, city, district (Annex 2 column 14)."""

    textChanged = Signal(str)  # noqa: N815 - like QLineEdit, so the form clears its error

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.parts = [line(max_length=160) for _i in range(3)]
        for part in self.parts:
            row.addWidget(part, 1)
            part.textChanged.connect(lambda _t: self.textChanged.emit(self.text()))
        self.setFocusProxy(self.parts[0])
        self.retranslate_ui()

    def text(self) -> str:
        return ", ".join(p.text().strip() for p in self.parts if p.text().strip())

    def retranslate_ui(self) -> None:
        for part, msgid in zip(self.parts, (N_("Region"), N_("City"), N_("District"))):
            part.setPlaceholderText(_(msgid))


class TransferDialog(MovementDialog):
    resident_id: int  # the person moved (only an admission has none yet)
    kind = MovementKind.TRANSFER
    title = N_("Transfer to another organisation")
    icon_name = "arrow-right-left"
    event_label = N_("Date of transfer")
    note = N_("The case file goes with the person with its inventory, under an acceptance-transfer act (R-12).")

    def add_fields(self, form):
        self.destination = form.add("destination", N_("Destination (region, city, district)"), DestinationField(),
                                    required=True)
        self.receiving = form.add("receiving_organisation", N_("Receiving organisation"), line(max_length=500),
                                  required=True)  # named on the acceptance-transfer act
        self.document = add_document_fields(form)

    def perform(self, event_date, order):
        return self.ctx.services.movements.transfer(self.ctx.actor, self.resident_id, event_date, order,
                                                    self.destination.text(), text_of(self.receiving),
                                                    document_of(self.document))


class ReadmitDialog(MovementDialog):
    resident_id: int  # the person moved (only an admission has none yet)
    title = N_("Readmission")
    icon_name = "user-check"
    event_label = N_("Date of admission")
    note = N_("A person who left earlier is admitted again; the journal marks the admission \"returned\" and the "
              "case file continues (R-02, R-10). As for any direct admission, a place must be vacant, and while "
              "people wait in the queue, choose the ground (R-03).")

    def make_form(self) -> Form:
        return ColumnsForm(1)  # one column that can carry the heading of the R-03 ground

    def add_fields(self, form):
        self.category = add_category_field(form)
        add_ground_field(form)
        category = self.ctx.services.residents.get(self.resident_id).category if self.resident_id else None
        self.category.set_value(RecipientCategory(category) if category else None)
        self.unit_choice = add_unit_field(form, self.ctx.services)
        self.direct_ground, self.direct_ground_text = add_direct_ground(form)

    def perform(self, event_date, order):
        return self.ctx.services.movements.readmit(self.ctx.actor, self.resident_id, event_date, order,
                                                   self.direct_ground.value(), text_of(self.direct_ground_text),
                                                   admission_ground=chosen_ground(self.form),
                                                   category=self.category.value(),
                                                   unit_id=chosen_unit(self.unit_choice))


# --- the buttons -------------------------------------------------------------------------------
#: kind → (dialog, button text, tooltip, statuses in which it applies)
ACTIONS: dict[str, tuple[type[MovementDialog], str, str, frozenset[ResidentStatus]]] = {
    "departure": (TemporaryDepartureDialog, N_("Temporary &departure…"),
                  N_("Record that the resident left for a while; the place is kept."),
                  frozenset({ResidentStatus.PRESENT})),
    "return": (ReturnDialog, N_("&Return…"), N_("Record the return of a temporarily absent resident."),
               frozenset({ResidentStatus.TEMPORARILY_ABSENT})),
    "discharge": (DischargeDialog, N_("Dis&charge…"), N_("Record that the resident left for good, with the reason."),
                  frozenset({ResidentStatus.PRESENT, ResidentStatus.TEMPORARILY_ABSENT})),
    "transfer": (TransferDialog, N_("&Transfer…"), N_("Record a transfer to another organisation of the same type."),
                 frozenset({ResidentStatus.PRESENT, ResidentStatus.TEMPORARILY_ABSENT})),
    "readmit": (ReadmitDialog, N_("Read&mit…"), N_("Admit again a person who was discharged or transferred."),
                frozenset({ResidentStatus.DISCHARGED, ResidentStatus.TRANSFERRED})),
}


#: issue 10 point 5: the use case of each button
USE_CASES = {"departure": UseCase.DEPART, "return": UseCase.RETURN, "discharge": UseCase.DISCHARGE,
             "transfer": UseCase.TRANSFER, "readmit": UseCase.READMIT}


#: the icon of each movement's button, the same as on its dialog's Save: the card and the residents list take
#: their movement buttons (and so their icons) from MovementActions
MOVEMENT_ICONS: dict[str, str] = {kind: action[0].icon_name for kind, action in ACTIONS.items()}


class MovementActions(QObject):
    """One button per movement of an existing resident, enabled by the resident's status; each
    opens its dialog (window-modal, not blocking). ``done`` carries the resident's id."""

    done = Signal(int)

    def __init__(self, ctx: Context, owner: QWidget) -> None:
        super().__init__(owner)
        self.ctx, self.owner = ctx, owner
        self.target: tuple[int, str, ResidentStatus] | None = None
        self.dialog: MovementDialog | None = None
        self.buttons: dict[str, QPushButton] = {}
        for kind in ACTIONS:
            button = QPushButton()
            button.clicked.connect(lambda _c=False, k=kind: self.start(k))
            self.buttons[kind] = button
            guard(button, ctx, USE_CASES[kind])
        set_icons({self.buttons[kind]: name for kind, name in MOVEMENT_ICONS.items()})
        self.set_target(None)

    def set_target(self, resident_id: int | None, full_name: str = "", status: ResidentStatus | None = None) -> None:
        self.target = (resident_id, full_name, status) if resident_id is not None and status is not None else None
        for kind, button in self.buttons.items():
            button.setEnabled(self.target is not None and status in ACTIONS[kind][3])

    def start(self, kind: str) -> MovementDialog | None:
        if self.target is None or not self.buttons[kind].isEnabled():
            return None
        resident_id, name, _status = self.target
        dispose(self.dialog)
        self.dialog = ACTIONS[kind][0](self.ctx, resident_id, name, self.owner)
        self.dialog.accepted.connect(lambda: self.done.emit(resident_id))
        self.dialog.open()
        return self.dialog

    def retranslate_ui(self) -> None:
        for kind, button in self.buttons.items():
            _cls, text, tip, _st = ACTIONS[kind]
            button.setText(_(text))
            button.setToolTip(_(tip))


def open_admission(ctx: Context, owner: QWidget, on_done: Callable[[int], None],
                   previous: AdmitDialog | None = None) -> AdmitDialog:
    """Open the admission dialog (replacing ``previous``); ``on_done(resident_id)`` after a successful save."""
    dispose(previous)
    dialog = AdmitDialog(ctx, parent=owner)

    def done() -> None:
        if dialog.movement is not None:
            on_done(dialog.movement.resident_id)

    dialog.accepted.connect(done)
    dialog.open()
    return dialog

