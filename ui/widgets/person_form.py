"""The Annex 3 person form (the admission dialog and the resident card share it) and the admission fields the
movement and queue dialogs share: recipient category, ground of admission (R-33), unit (R-36) and the R-03
ground of a direct admission; a form in side-by-side columns and an enum choice. Moved from
ui/dialogs/movements.py (issue 12 point 10)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.admission import AdmissionGround, require_ground
from app.domain.enums import (
    DirectAdmissionGround,
    RecipientCategory,
    Sex,
)
from app.domain.errors import KnownPerson
from app.domain.fields import field_label
from app.domain.typed_dates import DateKind
from app.i18n import N_, M, _
from app.services import PersonInput
from app.services.residents import ResidentView
from ui.widgets.date_field import DateField
from ui.widgets.forms import EnumCombo, Form, line, set_bold, text_box
from ui.widgets.iin import follow_iin
from ui.widgets.rules import set_rule_text


class ColumnsForm(Form):
    """A Form laid out in side-by-side columns (fits 1366×768), with translated section headings.
    ``column(i)`` chooses where the next ``add`` goes."""

    def __init__(self, columns: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout()
        row.setSpacing(24)
        self.columns: list[QFormLayout] = []
        for _i in range(columns):
            col = QFormLayout()
            col.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
            col.setHorizontalSpacing(self.layout_.horizontalSpacing())  # not the 24 between the columns
            col.setVerticalSpacing(self.layout_.verticalSpacing())
            stack = QVBoxLayout()  # rows keep their height; spare room goes below them
            stack.addLayout(col)
            stack.addStretch(1)
            row.addLayout(stack, 1)
            self.columns.append(col)
        self.layout_.addRow(row)
        self.layout_ = self.columns[0]
        self._headings: list[tuple[QLabel, str]] = []

    def column(self, index: int) -> ColumnsForm:
        self.layout_ = self.columns[index]
        return self

    def heading(self, msgid: str) -> QLabel:
        label = set_bold(QLabel())
        label.setContentsMargins(0, 6 if self.layout_.rowCount() else 0, 0, 2)
        self.layout_.addRow(label)
        self._headings.append((label, msgid))
        return label

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        for label, msgid in self._headings:
            set_rule_text(label, _(msgid))


class Choice(EnumCombo):
    """An EnumCombo whose value is the enum member (Qt hands a str-based enum back as a plain str)."""

    def value(self):
        data = self.currentData()
        return None if data is None else self.enum_cls(data)


def text_of(widget: QLineEdit | QPlainTextEdit) -> str | None:
    """The stripped text of a line or text box; None when empty."""
    text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
    return text.strip() or None


def required_message(field: str) -> str:
    return M("{field}: this field is required.", field=field_label(field)).render()


def live_required(form: Form, field: str) -> None:
    """Say so under the field as soon as the user empties a required line."""

    def check(text: str) -> None:
        if not text.strip():
            form.set_error(field, required_message(field))

    form.widget(field).textChanged.connect(check)


class PersonForm(ColumnsForm):
    """The Annex 3 fields of a person (PersonInput) in two columns. The IIN is checked as it is
    typed (R-32) and fills in the date of birth and sex it encodes."""

    def __init__(self, with_fields: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(2, parent)
        self.unit_choice: UnitChoice | None = None
        if with_fields:
            self.add_person_fields()

    def add_person_fields(self, admission: bool = False, services=None) -> None:
        """``admission``: the category is required and the ground of admission follows it (R-33), then, given
        ``services`` of an organisation with units, the unit the person is admitted to (R-36)."""
        self.column(0).heading(N_("Personal data (Annex 3)"))
        add = self.add
        add("last_name", N_("Last name"), line(max_length=100), required=True)
        add("first_name", N_("First name"), line(max_length=100), required=True)
        add("middle_name", N_("Patronymic"), line(max_length=100))
        iin = add("iin", N_("IIN"), line(max_length=12))
        iin.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,12}"), iin))
        add("iin_missing_reason", N_("Reason the IIN is missing"), line(max_length=300))
        add("birth_date", N_("Date of birth"), DateField(optional=True, kind=DateKind.BIRTH))
        add("sex", N_("Sex"), Choice(Sex, optional=True))
        add("nationality", N_("Nationality"), line(max_length=100))
        add("room", N_("Room"), line(max_length=50))
        self.column(1)
        category = add("category", N_("Recipient category"), Choice(RecipientCategory, optional=True),
                       required=admission)
        category.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        category.setMinimumContentsLength(24)
        if admission:
            add_ground_field(self)
            self.unit_choice = add_unit_field(self, services) if services is not None else None
        group = add("disability_group", N_("Disability group"), QComboBox())
        group.addItem("", None)
        for g in (1, 2, 3):
            group.addItem(str(g), g)
        add("ipr_until", N_("IPR valid until"), DateField(optional=True))
        add("social_status", N_("Social status"), line(max_length=300))
        add("came_from", N_("Came from"), line(max_length=300))
        add("address", N_("Home address"), line(max_length=500))
        add("phone", N_("Phone number"), line(max_length=100))
        add("diagnosis", N_("Diagnosis"), text_box(52))
        add("parents_info", N_("Information about the parents"), text_box(52))
        live_required(self, "last_name")
        live_required(self, "first_name")
        follow_iin(self)

    def value(self) -> PersonInput:
        w = self.widget
        return PersonInput(
            last_name=w("last_name").text(), first_name=w("first_name").text(),
            middle_name=text_of(w("middle_name")), iin=text_of(w("iin")),
            iin_missing_reason=text_of(w("iin_missing_reason")), birth_date=w("birth_date").value(),
            sex=w("sex").value(), nationality=text_of(w("nationality")), diagnosis=text_of(w("diagnosis")),
            address=text_of(w("address")), phone=text_of(w("phone")), social_status=text_of(w("social_status")),
            came_from=text_of(w("came_from")), parents_info=text_of(w("parents_info")),
            category=w("category").value(), disability_group=w("disability_group").currentData(),
            ipr_until=w("ipr_until").value(), room=text_of(w("room")))

    def set_person(self, p: ResidentView) -> None:
        w = self.widget
        for f in ("last_name", "first_name", "middle_name", "iin", "iin_missing_reason", "nationality", "room",
                  "social_status", "came_from", "address", "phone"):
            w(f).setText(getattr(p, f) or "")
        for f in ("diagnosis", "parents_info"):
            w(f).setPlainText(getattr(p, f) or "")
        w("birth_date").set_value(p.birth_date)
        w("ipr_until").set_value(p.ipr_until)
        w("sex").set_value(p.sex)
        w("category").set_value(RecipientCategory(p.category) if p.category else None)
        group = w("disability_group")
        group.setCurrentIndex(max(group.findData(p.disability_group), 0))
        self.clear_errors()


def person_input(p: ResidentView) -> PersonInput:
    """What the person form holds for ``p`` when nothing was changed."""
    return PersonInput(p.last_name, p.first_name, p.middle_name, p.iin, p.iin_missing_reason, p.birth_date, p.sex,
                       p.nationality, p.diagnosis, p.address, p.phone, p.social_status, p.came_from,
                       p.parents_info, RecipientCategory(p.category) if p.category else None, p.disability_group,
                       p.ipr_until, p.room)


def add_direct_ground(form: ColumnsForm) -> tuple[Choice, QLineEdit]:
    """R-03: the ground for admitting a person directly while others wait in the queue (the "Other"
    ground is typed)."""
    form.heading(N_("While people wait in the queue (R-03)"))  # over short labels: the column stays narrow
    ground = form.add("direct_ground", N_("Ground"), Choice(DirectAdmissionGround, optional=True))
    text = form.add("direct_ground_text", N_("Other ground"), line(max_length=500))
    return ground, text


def narrow_choice(enum_cls) -> Choice:
    """A Choice of long labels that does not widen its dialog (the list still shows them whole)."""
    combo = Choice(enum_cls, optional=True)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(24)
    return combo


def add_category_field(form: Form) -> Choice:
    """R-33: the recipient category confirmed at admission."""
    return form.add("category", N_("Recipient category"), narrow_choice(RecipientCategory), required=True)


def add_ground_field(form: Form) -> Choice:
    """R-33: the ground of admission, chosen from the grounds of Order 308."""
    choice = form.add("admission_ground", N_("Ground of admission"), narrow_choice(AdmissionGround), required=True)
    form.add_check(lambda: require_ground(choice.value()))
    return choice


class UnitChoice(QComboBox):
    """R-36: the part of the organisation a person is admitted to — the main part (None, first) or one of
    its units — each with its vacant places when the dialog opened; the service checks them again."""

    def __init__(self, services, current: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)
        self.retranslate_ui()
        self.set_value(current)

    def retranslate_ui(self) -> None:
        current = self.value() if self.count() else None
        units = {u.id: u for u in self.services.units.units()}
        self.blockSignals(True)
        self.clear()
        rows = self.services.units.occupancy()
        for o in [rows[-1], *rows[:-1]]:  # the main part first: the usual choice
            name = _("main part") if o.unit_id is None else f"{o.name} ({units[o.unit_id].kind.text()})"
            self.addItem(_("{unit}: {vacant} vacant of {places} places").format(unit=name, vacant=o.vacant,
                                                                               places=o.places), o.unit_id)
        self.set_value(current)
        self.blockSignals(False)

    def value(self) -> int | None:
        return self.currentData()

    def set_value(self, unit_id: int | None) -> None:
        self.setCurrentIndex(max(self.findData(unit_id), 0))


def add_unit_field(form: Form, services, current: int | None = None) -> UnitChoice | None:
    """R-36: in an organisation with units, the unit (or the main part) the person is admitted to; no field
    while it has none (everyone lives in the main part)."""
    if not services.units.units():
        return None
    return form.add("unit", N_("Unit"), UnitChoice(services, current))


def chosen_unit(choice: UnitChoice | None) -> int | None:
    return choice.value() if choice is not None else None


def chosen_ground(form: Form) -> AdmissionGround:
    """The ground the user chose; refused under the field when none was (R-33)."""
    ground = form.widget("admission_ground").value()
    require_ground(ground)
    return ground


_T = TypeVar("_T")


def asking_about_known_person(parent: QWidget, call: Callable[[int | None, bool], _T], same: str | None,
                              same_note: str) -> _T:
    """``call(resident_id, another_person)`` as a form adding a person makes it: first as typed; when the person may
    be one already here (``KnownPerson``: the same IIN, or the same name and date of birth with an IIN missing on one
    side) the user is asked. ``same`` (a msgid with ``{name}``): the button that goes on with the person already here
    (``call(their id, False)``) — None when the action cannot, and not offered for one who receives services now or
    when several people are alike; ``same_note``: what choosing the same person means here. "Another person"
    (``call(None, True)``) is offered unless the IIN is theirs. "Go back" (or nothing to choose) raises the refusal:
    the form shows it under the field, with what was typed."""
    try:
        return call(None, False)
    except KnownPerson as exc:
        can_continue = same is not None and exc.resident_id is not None and not exc.served
        if exc.certain and not can_continue:
            raise
        box = QMessageBox(QMessageBox.Icon.Question, _("Already in the program?"), exc.render(), parent=parent)
        with_them = box.addButton(_(same).format(name=exc.name), QMessageBox.ButtonRole.AcceptRole) \
            if can_continue and same is not None else None
        another = None
        if not exc.certain:
            another = box.addButton(_("&Another person: add them"), QMessageBox.ButtonRole.ActionRole)
        back = box.addButton(_("&Go back to the form"), QMessageBox.ButtonRole.RejectRole)
        box.setInformativeText(_(same_note))  # the refusal above says when to add another person
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.exec()
        if with_them is not None and box.clickedButton() is with_them:
            return call(exc.resident_id, False)
        if another is not None and box.clickedButton() is another:
            return call(None, True)
        raise
