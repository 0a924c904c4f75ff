"""The paper application's and the direct admission's dialogs ask before adding a person already here (the same IIN,
or the same name and date of birth with an IIN missing on one side): go back to the form (what was typed kept, the
reason under the name), add another person of the same name, or register the application of the person here."""

from __future__ import annotations

import datetime as dt

from app import i18n
from app.domain.enums import QueueSource, Sex
from app.domain.identity import make_iin
from app.i18n import _
from app.services import PersonInput
from tests.dump import dump
from tests.ui.test_form_errors import answer
from tests.ui.test_queue_journal import dialog, save
from ui.dialogs.queue_dialogs import RegisterDialog

BORN = dt.date(1946, 8, 19)
RECEIVED = dt.datetime.combine(dt.date.today() - dt.timedelta(days=3), dt.time(11, 30))


def kept_without_iin(ctx):
    """Someone waiting without an IIN (no documents when they applied)."""
    return ctx.services.queue.register(ctx.actor, PersonInput(
        "Жұмабаева", "Ләззат", "Ерланқызы", iin_missing_reason="құжаттары жоқ", birth_date=BORN, sex=Sex.FEMALE),
        dt.datetime.combine(dt.date.today() - dt.timedelta(days=40), dt.time(9)), QueueSource.PAPER)


def typed_again(qtbot, ctx, **extra) -> RegisterDialog:
    """The same person typed into a new paper application, now with an IIN."""
    return dialog(qtbot, RegisterDialog, ctx, last_name="Жұмабаева", first_name="Ләззат", middle_name="Ерланқызы",
                  iin=make_iin(BORN, Sex.FEMALE, 517), received_at=RECEIVED, **extra)


def test_going_back_keeps_what_was_typed_and_says_why_under_the_name(ctx, qtbot):
    i18n.set_language("ru")
    first = kept_without_iin(ctx)
    before = dump(ctx.services.engine)
    dlg = typed_again(qtbot, ctx)
    answer(_("&Go back to the form"))
    save(qtbot, dlg)
    assert dlg.result() != dlg.DialogCode.Accepted and dump(ctx.services.engine) == before
    error = dlg.form.errors()["last_name"]
    assert first.full_name in error and "без ИИН" in error
    assert dlg.form.widget("iin").text() == make_iin(BORN, Sex.FEMALE, 517)  # nothing typed is lost


def test_another_person_of_the_same_name_is_added_when_the_user_says_so(ctx, qtbot):
    i18n.set_language("kk")
    first = kept_without_iin(ctx)
    dlg = typed_again(qtbot, ctx)
    answer(_("&Another person: add them"))
    save(qtbot, dlg)
    assert dlg.result() == dlg.DialogCode.Accepted
    assert dlg.outcome.resident_id != first.resident_id and dlg.outcome.iin == make_iin(BORN, Sex.FEMALE, 517)


def test_the_same_person_applying_again_is_registered_on_their_card(ctx, qtbot):
    i18n.set_language("ru")
    first = kept_without_iin(ctx)
    ctx.services.queue.withdraw(ctx.actor, first.application_id, dt.date.today() - dt.timedelta(days=10))
    people = ctx.services.queries.residents()[0]
    dlg = typed_again(qtbot, ctx)
    answer(_("&Register the application of {name}").format(name=first.full_name))
    save(qtbot, dlg)
    assert dlg.result() == dlg.DialogCode.Accepted
    assert dlg.outcome.resident_id == first.resident_id and dlg.outcome.application_id != first.application_id
    assert ctx.services.queries.residents()[0] == people  # no second person
    assert ctx.services.residents.get(first.resident_id).iin == make_iin(BORN, Sex.FEMALE, 517)  # the IIN typed kept


def test_the_admission_dialog_asks_before_admitting_a_namesake_kept_without_an_iin(empty_ctx, qtbot):
    """The direct admission has no "the same person" (a person who left is readmitted from their card): it asks
    whether it is another person, and admits only then."""
    from PySide6.QtWidgets import QDialog

    from app.domain.admission import AdmissionGround
    from app.domain.enums import DirectAdmissionGround, RecipientCategory
    from tests.ui.test_residents import error_text, serve_categories, type_text
    from ui.dialogs.movements import AdmitDialog

    i18n.set_language("ru")
    ctx = empty_ctx
    serve_categories(ctx, RecipientCategory.ELDERLY)
    kept_without_iin(ctx)
    dlg = AdmitDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    f = dlg.form.widget
    type_text(dlg.order_number, "18-ж")
    type_text(f("last_name"), "Жұмабаева")
    type_text(f("first_name"), "Ләззат")
    type_text(f("middle_name"), "Ерланқызы")
    type_text(f("iin"), make_iin(BORN, Sex.FEMALE, 518))
    f("category").set_value(RecipientCategory.ELDERLY)
    f("admission_ground").set_value(AdmissionGround.PENSION_AGE)
    before = dump(ctx.services.engine)
    answer(_("&Go back to the form"))
    dlg.save()
    assert dlg.result() != QDialog.DialogCode.Accepted and dump(ctx.services.engine) == before
    assert "без ИИН" in error_text(f("last_name"))
    dlg.direct_ground.set_value(DirectAdmissionGround.COURT)  # the namesake waits in the queue
    answer(_("&Another person: add them"))
    dlg.save()
    assert dlg.result() == QDialog.DialogCode.Accepted, dlg.form.errors()
    assert ctx.services.queries.occupancy().present == 1
