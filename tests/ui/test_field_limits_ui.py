"""Issue 11 point 6 in the forms: a one-line field takes no more characters than its column holds; a long
text or a control character is refused under the field at fault, what was typed kept, nothing changed."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from app import i18n
from app.db.models import Resident
from app.domain.enums import ResidentStatus
from app.domain.limits import LONG_TEXT
from tests.ui.test_residents import dump, error_text, first_with
from ui.dialogs.resident_card import ResidentCard


def card_of(ctx, qtbot) -> ResidentCard:
    card = ResidentCard(ctx, first_with(ctx, ResidentStatus.PRESENT).id)
    qtbot.addWidget(card)
    return card


def test_point6_each_line_of_the_person_form_holds_what_its_column_holds(ctx, qtbot):
    card = card_of(ctx, qtbot)
    columns = Resident.__table__.c
    lines = {f: card.form.widget(f) for f in ("last_name", "first_name", "middle_name", "iin", "iin_missing_reason",
                                             "nationality", "room", "social_status", "came_from", "address", "phone")}
    for field, widget in lines.items():
        assert isinstance(widget, QLineEdit) and widget.maxLength() == columns[field].type.length, field


def test_point6_a_diagnosis_beyond_its_length_is_refused_under_the_field(ctx, qtbot):
    card = card_of(ctx, qtbot)
    card.resize(1366, 768)
    card.show()
    diagnosis = card.form.widget("diagnosis")
    diagnosis.setPlainText("д" * (LONG_TEXT + 1))
    before = dump(ctx)
    card.save_person()
    assert "4001" in error_text(diagnosis) and "4000" in error_text(diagnosis)
    assert len(diagnosis.toPlainText()) == LONG_TEXT + 1 and dump(ctx) == before
    card.grab().save("/tmp/exb-card-limit-ru.png")
    i18n.set_language("kk")
    card.save_person()
    assert "4001" in error_text(diagnosis)
    card.grab().save("/tmp/exb-card-limit-kk.png")


def test_point6_a_nul_in_the_address_is_refused_under_the_field(ctx, qtbot):
    card = card_of(ctx, qtbot)
    address = card.form.widget("address")
    address.setText("Абай көшесі\x00 5")
    before = dump(ctx)
    card.save_person()
    assert "U+0000" in error_text(address) and dump(ctx) == before
