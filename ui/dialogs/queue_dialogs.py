"""Dialogs of the queue: register a paper application, out of turn (R-06), re-certification
(R-05), offer a place (R-03), postpone arrival (R-07), no-show (R-08), admit, withdraw.

Each dialog is one service call: Save calls it; a refusal shows the translated reason next
to the field at fault (or in a message box) and the dialog stays open with what was typed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import NoticeSender, OutOfTurnGround, PostponementCause, QueueSource, RecipientCategory, Sex
from app.domain.errors import DomainError
from app.domain.journal import authority_labels, decided_by_decision
from app.domain.queue import POSTPONEMENT_MAX_DAYS, OutOfTurn, PostponementNotice, check_out_of_turn
from app.domain.typed_dates import DateKind
from app.i18n import N_, _
from app.services import OrderRef, PersonInput
from app.services.queue import QueueRow
from ui.context import MOVEMENT, Changed, Context
from ui.forms import DateField, EnumCombo, Form, GuardedDialog, attempt, fit_height, line, set_bold, spin
from ui.i18n import fdate
from ui.widgets.date_field import DateTimeField
from ui.widgets.icons import set_icons
from ui.widgets.iin import follow_iin
from ui.widgets.person_form import (
    add_category_field,
    add_ground_field,
    add_unit_field,
    asking_about_known_person,
    chosen_ground,
    chosen_unit,
)
from ui.widgets.rules import set_rule_text


class OptionalDateTime(QWidget):
    """A date and time that applies only when its box is ticked."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = caption
        self.check, self.moment = QCheckBox(), DateTimeField()
        self.moment.setEnabled(False)
        self.check.toggled.connect(self.moment.setEnabled)
        self.dateChanged = self.moment.dateChanged  # lets the form clear the error as the value changes
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.check)
        lay.addWidget(self.moment)
        self.setFocusProxy(self.check)

    def value(self) -> dt.datetime | None:
        return self.moment.value() if self.check.isChecked() else None

    def retranslate_ui(self) -> None:
        self.check.setText(_(self.caption))


class ActionDialog(GuardedDialog):
    """One queue action over ``row``: an explanation, a form, Save and Cancel."""

    title = ""            # msgid of the window title
    #: the action's icon (resources/icons): on the queue screen's button that opens the dialog and on its Save
    icon_name = "save"
    #: what ``ctx.changed`` announces after a successful save: the queue and the person's status in it
    changes: tuple[Changed, ...] = (Changed.QUEUE, Changed.RESIDENTS)

    def __init__(self, ctx: Context, row: QueueRow | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.row = ctx, row
        self.outcome: object = None
        self.person = set_bold(QLabel())
        self.person.setVisible(row is not None)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.form = Form()
        self.build(self.form)
        for i in range(self.form.layout_.rowCount()):  # full-width fields: a wrapped message gets its height
            item = self.form.layout_.itemAt(i, QFormLayout.ItemRole.FieldRole)
            if item is not None and (box := item.widget()) is not None:
                box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        set_icons({self.buttons.button(QDialogButtonBox.StandardButton.Save): self.icon_name,
                   self.buttons.button(QDialogButtonBox.StandardButton.Cancel): "x"})
        lay = QVBoxLayout(self)
        lay.addWidget(self.person)
        lay.addWidget(self.info)
        lay.addWidget(self.form)
        lay.addStretch(1)
        lay.addWidget(self.buttons)
        # the explanation sets the floor; the layout keeps every label whole above it (an explicit minimum width
        # on the dialog would let the form's Russian labels be cut)
        self.info.setMinimumWidth(520)
        ctx.translator.language_changed.connect(self._language_changed)
        self.retranslate_ui()

    # --- for subclasses -----------------------------------------------------------------------------
    def build(self, form: Form) -> None:
        raise NotImplementedError

    def perform(self) -> object:
        """The service call; its return value becomes ``self.outcome``."""
        raise NotImplementedError

    def explanation(self) -> str:
        return ""

    # --- behaviour ----------------------------------------------------------------------------------
    @property
    def svc(self):
        return self.ctx.services

    @property
    def version(self) -> int | None:
        return self.row.version if self.row else None

    def save(self) -> bool:
        done = attempt(self, lambda: [self.perform()], self.form)  # a list: a None result still means success
        if done is None:
            self.adjustSize()  # room for the message under the field …
            fit_height(self)  # … all its wrapped lines
            return False
        self.outcome = done[0]
        self.accept()
        self.ctx.changed(*self.changes, resident_id=self.row.resident_id if self.row else None)
        return True

    def _language_changed(self, _lang: str) -> None:
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_(self.title))
        if self.row is not None:
            self.person.setText(_("{position}. {name}, IIN {iin}").format(
                position=self.row.position, name=self.row.full_name, iin=self.row.iin or "—"))
        set_rule_text(self.info, self.explanation())
        self.info.setVisible(bool(self.info.text()))
        self.form.retranslate_ui()


class RegisterDialog(ActionDialog):
    title = N_("Register a paper application")
    icon_name = "file-plus"
    outcome: QueueRow  # the application registered

    def build(self, f: Form) -> None:
        f.add("last_name", N_("Last name"), line(max_length=100), required=True)
        f.add("first_name", N_("First name"), line(max_length=100), required=True)
        f.add("middle_name", N_("Patronymic"), line(max_length=100))
        f.add("iin", N_("IIN"), line(max_length=12))
        f.add("iin_missing_reason", N_("Reason the IIN is missing"), line(max_length=300))
        f.add("birth_date", N_("Date of birth"), DateField(optional=True, kind=DateKind.BIRTH))
        f.add("sex", N_("Sex"), EnumCombo(Sex, optional=True))
        f.add("address", N_("Home address"), line(max_length=500))
        f.add("phone", N_("Phone number"), line(max_length=100))
        f.add("ipr_until", N_("IPR valid until"), DateField(optional=True))
        f.add("received_at", N_("Received"), DateTimeField(), required=True)
        f.add("out_of_turn_ground", N_("Out of turn (R-06), if the ground applies"),
              EnumCombo(OutOfTurnGround, optional=True))
        f.add("out_of_turn_from", N_("Children's organisation the person comes from"), line(max_length=300))
        f.add("out_of_turn_left_on", N_("Left (or will leave) the children's organisation on"),
              DateField(optional=True))
        f.add("reason", N_("Out-of-turn note"), line(max_length=500))
        follow_iin(f)  # the date of birth and sex as the IIN is typed

    def explanation(self) -> str:
        return _("Applications are registered in the order in which they arrive (R-03). Applications filed on "
                 "the portal come in through the portal exchange, not here (R-04). Out of turn: only an orphan or "
                 "a child left without parental care who has turned 18, in a stationary organisation (R-06).")

    def perform(self) -> QueueRow:
        w = self.form.widget
        person = PersonInput(
            last_name=w("last_name").text(), first_name=w("first_name").text(), middle_name=w("middle_name").text(),
            iin=w("iin").text(), iin_missing_reason=w("iin_missing_reason").text(),
            birth_date=w("birth_date").value(), sex=w("sex").value(), address=w("address").text(),
            phone=w("phone").text(), ipr_until=w("ipr_until").value())
        claim = out_of_turn_claim(self.form)

        def register(resident_id: int | None, another: bool) -> QueueRow:
            return self.svc.queue.register(self.ctx.actor, person, w("received_at").value(),
                                           QueueSource.PAPER, resident_id=resident_id, ipr_until=person.ipr_until,
                                           out_of_turn=claim if claim.ground or claim.came_from or claim.note
                                           or claim.left_on else None, another_person=another)
        # a person already here (a discharged resident applying again, a namesake kept without an IIN): asked
        return asking_about_known_person(self, register, N_("&Register the application of {name}"), N_(
            "The application of the person already in the program: what their card lacks, such as the IIN, is taken "
            "from this form; what it has stays."))


def out_of_turn_claim(form: Form) -> OutOfTurn:
    """R-06: the ground, the children's organisation, the note and the day the person left it, as typed."""
    w = form.widget
    return OutOfTurn(w("out_of_turn_ground").value(), w("out_of_turn_from").text().strip() or None,
                     w("reason").text().strip() or None, w("out_of_turn_left_on").value())


class OutOfTurnDialog(ActionDialog):
    title = N_("Out of turn")
    icon_name = "chevrons-up"
    row: QueueRow  # an action on an application (only registering has none)

    def build(self, f: Form) -> None:
        f.add("out_of_turn_ground", N_("Out-of-turn ground"), EnumCombo(OutOfTurnGround, optional=True),
              required=True)
        f.add("out_of_turn_from", N_("Children's organisation the person comes from"), line(max_length=300),
              required=True)
        f.add("out_of_turn_left_on", N_("Left (or will leave) the children's organisation on"),
              DateField(optional=True), required=True)
        f.add("out_of_turn_on", N_("Age checked on"), DateField(), required=True)
        f.add("reason", N_("Note (confirming document)"), line(max_length=500))
        f.add_check(self._check)

    def _check(self) -> None:
        """R-06 as the service checks it, before saving; the age is shown under the date it is checked on."""
        on = self.form.widget("out_of_turn_on").value()
        if self.row is None or on is None:
            return
        try:
            check_out_of_turn(self.svc.organisation.get().org_type, self.row.birth_date, on,
                              out_of_turn_claim(self.form), applied_on=self.row.standing_since.date())
        except DomainError as exc:
            if exc.field == "birth_date":
                exc.field = "out_of_turn_on"
            raise

    def explanation(self) -> str:
        born = _("date of birth {day}").format(day=fdate(self.row.birth_date)) if self.row.birth_date else \
            _("no date of birth recorded")
        return _("Orphans and children left without parental care who have turned 18 while living in a stationary "
                 "organisation are admitted out of turn to a stationary organisation for adults (R-06); nobody "
                 "else. The person must be 18 on the date the age is checked ({born}), and still live in the "
                 "children's organisation when applying, at 18 or older.").format(born=born)

    def perform(self) -> QueueRow:
        try:
            return self.svc.queue.mark_out_of_turn(self.ctx.actor, self.row.application_id,
                                                   out_of_turn_claim(self.form),
                                                   self.form.widget("out_of_turn_on").value(),
                                                   expected_version=self.version)
        except DomainError as exc:
            if exc.field == "birth_date":  # the age on the date: shown under the date it is checked on
                exc.field = "out_of_turn_on"
            raise


class RecertificationDialog(ActionDialog):
    title = N_("Re-certification")
    icon_name = "refresh-cw"
    row: QueueRow  # an action on an application (only registering has none)

    def build(self, f: Form) -> None:
        f.add("date", N_("Re-certification date"), DateField(), required=True)
        f.add("ipr_until", N_("New IPR valid until"), DateField(optional=True), required=True)
        f.add("received_at", N_("Renewed portal application"), OptionalDateTime(N_("registered at a new time")))

    def explanation(self) -> str:
        return _("An applicant whose IPR expired and who passed re-certification keeps the earlier place in the "
                 "queue (R-05), even when the portal registers the renewed application with a new time.")

    def perform(self) -> QueueRow:
        w = self.form.widget
        return self.svc.queue.record_recertification(self.ctx.actor, self.row.application_id, w("date").value(),
                                                     w("ipr_until").value(), w("received_at").value(),
                                                     expected_version=self.version)


class OfferDialog(ActionDialog):
    title = N_("Offer a place")
    icon_name = "bed"
    row: QueueRow  # an action on an application (only registering has none)

    def build(self, f: Form) -> None:
        f.add("date", N_("Offered on"), DateField(), required=True)

    def explanation(self) -> str:
        occ, org = self.svc.queries.occupancy(), self.svc.organisation.get()
        return _("A vacant place goes to the first person waiting in the legal order (R-03, R-06). Vacant places: "
                 "{vacant}. The person has {days} calendar days to arrive.").format(vacant=occ.vacant,
                                                                                  days=org.arrival_days)

    def perform(self) -> QueueRow:
        return self.svc.queue.offer_place(self.ctx.actor, self.row.application_id, self.form.widget("date").value(),
                                          expected_version=self.version)


class PostponeDialog(ActionDialog):
    title = N_("Postpone arrival")
    icon_name = "calendar-arrow-up"
    row: QueueRow  # an action on an application (only registering has none)

    def build(self, f: Form) -> None:
        f.add("postpone_days", N_("Postponement (days)"), spin(1, 365, 10), required=True)
        f.add("notice_received_on", N_("Notice received on"), DateField(), required=True)
        f.add("notice_from", N_("Notice signed by"), EnumCombo(NoticeSender, optional=True), required=True)
        f.add("postponement_cause", N_("Illness or hospitalisation"), EnumCombo(PostponementCause, optional=True),
              required=True)
        f.add("postpone_reason", N_("Details of the notice"), line(max_length=500))

    def explanation(self) -> str:
        limit = POSTPONEMENT_MAX_DAYS.get(self.svc.organisation.get().org_type)
        rule = _("The arrival date may be moved once, on the notice of the recipient or the legal representative "
                 "received by that date, because of illness or hospitalisation, by up to {limit} calendar days "
                 "(R-07).").format(limit=limit) if limit else \
            _("The rules give no postponement of arrival for this type of organisation (R-07).")
        return _("Current arrival deadline: {day}.").format(day=fdate(self.row.arrival_deadline)) + " " + rule

    def perform(self) -> QueueRow:
        w = self.form.widget
        notice = PostponementNotice(w("notice_received_on").value(), w("notice_from").value(),
                                    w("postponement_cause").value(), w("postpone_reason").text())
        return self.svc.queue.postpone_arrival(self.ctx.actor, self.row.application_id, w("postpone_days").value(),
                                               notice, expected_version=self.version)


class NoShowDialog(ActionDialog):
    """R-08; ``outcome`` is the next application in line (or None)."""

    title = N_("Did not arrive")
    icon_name = "user-x"
    row: QueueRow  # an action on an application (only registering has none)
    outcome: QueueRow | None

    def build(self, f: Form) -> None:
        f.add("arrival_deadline", N_("Recorded on"), DateField(), required=True)

    def explanation(self) -> str:
        return _("The person did not arrive by {day}. The place then goes to the next person in the queue (R-08).") \
            .format(day=fdate(self.row.arrival_deadline))

    def perform(self) -> QueueRow | None:
        return self.svc.queue.record_no_show(self.ctx.actor, self.row.application_id,
                                             self.form.widget("arrival_deadline").value(),
                                             expected_version=self.version)


class AdmitDialog(ActionDialog):
    title = N_("Admit from the queue")
    icon_name = "user-plus"
    row: QueueRow  # an action on an application (only registering has none)
    changes = (Changed.QUEUE, *MOVEMENT)

    def build(self, f: Form) -> None:
        number_label, date_label = authority_labels(self.svc.organisation.get().org_type)  # home care decides
        f.add("order_number", number_label, line(max_length=50), required=True)
        f.add("order_date", date_label, DateField(), required=True)
        f.add("event_date", N_("Arrival date"), DateField(), required=True)
        f.add("room", N_("Room"), line(max_length=50))
        self.category = add_category_field(f)
        add_ground_field(f)
        category = self.svc.residents.get(self.row.resident_id).category if self.row else None
        self.category.set_value(RecipientCategory(category) if category else None)
        self.unit_choice = add_unit_field(f, self.svc, self.svc.units.unit_of(self.row.resident_id)
                                          if self.row else None)

    def explanation(self) -> str:
        if decided_by_decision(self.svc.organisation.get().org_type):
            return _("The admission is written in the electronic journal with the number and date of the head's "
                     "decision (R-01), and a personal case file is opened (R-10).")
        return _("The admission is written in the electronic journal with the order number and date (R-01), "
                 "and a personal case file is opened (R-10).")

    def perform(self):
        w = self.form.widget
        return self.svc.movements.admit_from_queue(self.ctx.actor, self.row.application_id, w("event_date").value(),
                                                   OrderRef(w("order_number").text(), w("order_date").value()),
                                                   room=w("room").text() or None,
                                                   admission_ground=chosen_ground(self.form),
                                                   category=self.category.value(),
                                                   unit_id=chosen_unit(self.unit_choice))


class WithdrawDialog(ActionDialog):
    title = N_("Withdraw the application")
    icon_name = "archive"
    row: QueueRow  # an action on an application (only registering has none)

    def build(self, f: Form) -> None:
        f.add("date", N_("Withdrawn on"), DateField(), required=True)

    def explanation(self) -> str:
        return _("The application leaves the queue; the journal keeps it for the period in which it stood.")

    def perform(self) -> None:
        self.svc.queue.withdraw(self.ctx.actor, self.row.application_id, self.form.widget("date").value(),
                                expected_version=self.version)
