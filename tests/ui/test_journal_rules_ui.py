"""Issue 9 points 12, 13 and 16 through the widgets: the discharge's destination, the reason of a
suspension under its field, the head's decision in a home-care organisation's dialogs and journal, and
column 1 numbered with the entry's own number (R-01, R-09)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from app import i18n
from app.domain.enums import DischargeReason, MovementKind, OrgType
from tests.dump import dump
from tests.services.helpers import admit, days_ago, order, person
from ui.dialogs.movements import DischargeDialog, TemporaryDepartureDialog
from ui.views.journal import JournalPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
SHOTS = "/tmp/rules-journal-{}.png"


def _context(tmp_path, translator, org_type: OrgType):
    from tests.conftest import make_services
    from ui.context import Context

    url = f"sqlite:///{tmp_path / 'ui.sqlite3'}"
    svc, _director, worker = make_services(url, capacity=5, org_type=org_type)
    return Context(svc, worker, translator, url)


@pytest.fixture
def stationary(tmp_path, translator):
    c = _context(tmp_path, translator, OrgType.STATIONARY)
    yield c
    c.services.engine.dispose()


@pytest.fixture
def home_care(tmp_path, translator):
    c = _context(tmp_path, translator, OrgType.HOME_CARE)
    yield c
    c.services.engine.dispose()


def type_text(widget, text: str) -> None:
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def labels(widget) -> str:
    return " | ".join(lab.text().replace("&", "") for lab in widget.findChildren(QLabel) if lab.isVisibleTo(widget))


def error_text(widget) -> str:
    found = [lab for lab in widget.parentWidget().findChildren(QLabel) if lab.isVisibleTo(widget.window())]
    return " ".join(lab.text() for lab in found)


def test_r01_the_discharge_dialog_records_where_the_person_went(stationary, qtbot):
    ctx = stationary
    rid = admit(ctx.services, ctx.actor, 30)
    for lang in ("kk", "ru"):
        ctx.translator.set_language(lang)
        dlg = DischargeDialog(ctx, rid, "Ахметов Асқар")
        qtbot.addWidget(dlg)
        dlg.show()
        assert {"kk": "Қайда шықты (облыс, қала, аудан)", "ru": "Куда выбыл (область, город, район)"}[lang] in labels(dlg)
        dlg.grab().save(SHOTS.format(f"discharge-{lang}"))
    dlg.destination.setFocus()  # reached from its label's Alt letter (a buddy), typed into like the transfer's
    type_text(dlg.order_number, "41-ж")
    dlg.reason.setCurrentIndex(dlg.reason.findData(DischargeReason.TO_FAMILY))
    for part, text in zip(dlg.destination.parts, ("Қарағанды облысы", "Теміртау", "")):
        type_text(part, text)
    dlg.save()
    assert dlg.result() == QDialog.DialogCode.Accepted
    last = ctx.services.movements.history(rid)[-1]
    assert (last.kind, last.destination) == (MovementKind.DISCHARGE, "Қарағанды облысы, Теміртау")


def test_r01_home_care_dialogs_name_the_decision_and_want_the_suspensions_reason(home_care, qtbot):
    ctx = home_care
    rid = admit(ctx.services, ctx.actor, 30)
    wording = {"kk": ("Шешімнің нөмірі *", "Шешімнің күні *", "Себебі *", "Себебі: себебін көрсетіңіз"),
               "ru": ("Номер решения *", "Дата решения *", "Причина *", "Причина: укажите причину")}
    for lang in ("kk", "ru"):
        ctx.translator.set_language(lang)
        dlg = TemporaryDepartureDialog(ctx, rid, "Ахметов Асқар")
        qtbot.addWidget(dlg)
        dlg.show()
        number, day, reason, refusal = wording[lang]
        assert number in labels(dlg) and day in labels(dlg) and reason in labels(dlg)
        assert "Бұйрықтың" not in labels(dlg) and "приказа" not in labels(dlg)
        type_text(dlg.order_number, "7-ш")
        before = dump(ctx.services.engine)
        dlg.save()
        assert dlg.result() != QDialog.DialogCode.Accepted
        assert error_text(dlg.reason).startswith(refusal)  # under the field, in the user's language
        assert dump(ctx.services.engine) == before
        dlg.grab().save(SHOTS.format(f"suspension-{lang}"))
    type_text(dlg.reason, "по заявлению семьи")
    dlg.save()
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert ctx.services.movements.history(rid)[-1].reason_text == "по заявлению семьи"


def test_r09_the_journal_screen_numbers_entries_as_the_journal_does(home_care, qtbot):
    ctx = home_care
    svc, worker = ctx.services, ctx.actor
    early = admit(svc, worker, 200, last="Бұрынғы")
    svc.movements.discharge(worker, early, days_ago(150), order(days_ago(150)), DischargeReason.OWN_REQUEST)
    rid = admit(svc, worker, 40, last="Серікбаев")
    svc.movements.temporary_departure(worker, rid, days_ago(5), order(days_ago(5), "9-ш"), "ауруханаға")
    svc.queue.register(worker, person(last="Кезекова", first="Айгүл"), dt.datetime.combine(days_ago(3), dt.time(9)))
    i18n.set_language("kk")
    page = JournalPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 420)
    page.show()
    page.set_period(days_ago(30), dt.date.today())
    page.refresh()
    model = page.view.model()
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    assert [model.index(i, 0).data() for i in range(2)] == ["2", "3"]  # not 1, 2: the first entry is older
    assert model.headerData(0, Qt.Orientation.Horizontal) == "№"
    assert model.headerData(9, Qt.Orientation.Horizontal) == "Уақытша шыққан күні және шешімнің №"
    assert model.index(0, 11).data() == f"{days_ago(5):%d.%m.%Y}: ауруханаға"
    assert "шешім № 9-ш" in model.index(0, 9).data()
    page.grab().save(SHOTS.format("journal-kk"))
    i18n.set_language("ru")
    page.retranslate_ui()
    assert model.headerData(0, Qt.Orientation.Horizontal) == "№ п/п"
    assert model.headerData(8, Qt.Orientation.Horizontal) == "Дата поступления и № решения"
    page.grab().save(SHOTS.format("journal-ru"))


def test_r01_home_care_admissions_name_the_heads_decision(home_care, qtbot):
    """R-01: a home-care organisation admits by the head's decision — the direct admission and the admission
    from the queue say so, in both languages; a stationary one keeps its order (the other tests)."""
    from ui.dialogs.movements import AdmitDialog as DirectAdmitDialog
    from ui.dialogs.queue_dialogs import AdmitDialog as QueueAdmitDialog

    ctx = home_care
    queued = ctx.services.queue.register(ctx.actor, person(last="Кезекова"),
                                         dt.datetime.combine(days_ago(3), dt.time(10)))
    row = next(r for r in ctx.services.queue.rows() if r.application_id == queued.application_id)
    wording = {"kk": ("Шешімнің нөмірі *", "Шешімнің күні *", "Қабылдау туралы шешім"),
               "ru": ("Номер решения *", "Дата решения *", "Решение о приёме")}
    for lang in ("kk", "ru"):
        ctx.translator.set_language(lang)
        number, day, heading = wording[lang]
        from_queue = QueueAdmitDialog(ctx, row)
        direct = DirectAdmitDialog(ctx)
        for dlg in (from_queue, direct):
            qtbot.addWidget(dlg)
            dlg.show()
            assert number in labels(dlg) and day in labels(dlg)
            assert "Бұйрық" not in labels(dlg) and "приказ" not in labels(dlg).lower()
        assert heading in labels(direct)


def test_r01_home_care_case_file_keeps_a_copy_of_the_discharge_decision(home_care, qtbot):
    """R-01: the document kind a home-care organisation files on discharge is the copy of the head's decision."""
    from app.domain.enums import DocumentKind
    from app.domain.journal import document_kind_text
    from ui.dialogs.resident_card import AddDocumentDialog, document_columns

    ctx = home_care
    for lang, copy in (("kk", "шығу туралы шешімнің көшірмесі"), ("ru", "копия решения о выбытии")):
        ctx.translator.set_language(lang)
        assert document_kind_text(DocumentKind.DISCHARGE_ORDER, OrgType.HOME_CARE) == copy
        assert document_kind_text(DocumentKind.DISCHARGE_ORDER, OrgType.STATIONARY) != copy
        dlg = AddDocumentDialog(ctx, 0)  # the case file is looked up only on saving
        qtbot.addWidget(dlg)
        items = [dlg.kind.itemText(i) for i in range(dlg.kind.count())]
        assert copy in items and not any("приказ" in t or "бұйрық" in t for t in items)
        kind_column = document_columns(OrgType.HOME_CARE)[1]
        assert kind_column.text(type("Doc", (), {"kind": DocumentKind.DISCHARGE_ORDER})()) == copy
