"""Issue 11 points 1 and 2 in the import wizard: what the file holds is recognised and said in the
preview; the program's own journal export (demo database, people without an IIN among them) imports
back changing nothing; a file it cannot tell asks for the choice."""

from __future__ import annotations

import datetime as dt

import pytest

from app import i18n
from app.domain.enums import Sex
from app.domain.identity import make_iin
from app.portal import Format, Kind, write_records
from app.portal.formats import MAX_BYTES, too_large
from app.services.exchange import ExchangeService
from tests.dump import dump
from tests.portal.portal_samples import roster_records, workbook_bytes
from tests.ui.test_portal_ui import WAIT, advance, read_into_preview
from ui.dialogs.portal_import import ELSEWHERE


def test_point2_the_demo_journal_export_is_recognised_and_imports_back_changing_nothing(ctx, qtbot, tmp_path):
    path = tmp_path / "journal.csv"
    ExchangeService(ctx.services.sessions).export_journal(ctx.actor, path, "kk", since=None)
    before = dump(ctx.services.engine)
    wizard = read_into_preview(qtbot, ctx, path, kind=None)
    preview = wizard.preview
    assert preview.isComplete(), preview.problems.message.text()
    assert wizard.kind is Kind.JOURNAL and "журнал" in preview.summary.text()
    assert wizard.read_outcome.value[1].created == 0
    advance(qtbot, wizard, wizard.DONE)
    assert wizard.committed.created == 0 and dump(ctx.services.engine) == before
    wizard.preview.grab().save("/tmp/exb-import-preview-ru.png")
    i18n.set_language("kk")


def test_point2_a_file_it_cannot_tell_asks_for_the_choice(empty_ctx, qtbot, tmp_path):
    path = tmp_path / "odd.xlsx"
    iin = make_iin(dt.date(1950, 2, 1), Sex.MALE, 1)
    path.write_bytes(workbook_bytes([["Статус", "ФИО", "Дата рождения", "Дата поступления и № приказа",
                                      "Время поступления заявки", "ИИН"],
                                     ["в очереди", "Ким Олег", "01.02.1950", "", "01.03.2024 10:00", iin]]))
    wizard = read_into_preview(qtbot, empty_ctx, path, kind=None)
    assert not wizard.preview.isComplete()
    assert "заявки" in wizard.preview.problems.message.text() and "первую страницу" in wizard.preview.summary.text()
    i18n.set_language("kk")
    assert wizard.preview.problems.message.text() == wizard.read_outcome.refusal.render("kk")
    wizard.grab().save("/tmp/exb-import-ask-kk.png")
    wizard.back()
    wizard.choose.grab().save("/tmp/exb-import-choose-kk.png")
    qtbot.waitUntil(lambda: wizard.currentId() == wizard.CHOOSE, timeout=WAIT)
    wizard.choose.set_kind(Kind.QUEUE)
    advance(qtbot, wizard, wizard.PREVIEW)
    assert wizard.preview.isComplete() and wizard.kind is Kind.QUEUE


def test_point2_a_roster_points_to_the_reconciliation(empty_ctx, qtbot, tmp_path):
    path = tmp_path / "roster.json"
    path.write_bytes(write_records(Kind.ROSTER, roster_records(), Format.JSON))
    wizard = read_into_preview(qtbot, empty_ctx, path, kind=None)
    assert not wizard.preview.isComplete() and "…" in wizard.preview.problems.message.text()
    assert "первую страницу" not in wizard.preview.summary.text()  # choosing "journal" there would import it wrongly


@pytest.mark.parametrize("kind", [Kind.JOURNAL, Kind.QUEUE])
def test_point2_a_roster_chosen_as_the_journal_or_the_queue_is_not_made_people_of(empty_ctx, qtbot, tmp_path, kind):
    """A roster's columns are the journal's first ones: read as a journal, each of its people was admitted."""
    path = tmp_path / "roster.xlsx"
    path.write_bytes(write_records(Kind.ROSTER, roster_records(), Format.XLSX, "kk"))
    before = dump(empty_ctx.services.engine)
    wizard = read_into_preview(qtbot, empty_ctx, path, kind=kind)
    assert not wizard.preview.isComplete()
    assert wizard.read_outcome.refusal.message.msgid == ELSEWHERE[Kind.ROSTER]
    assert dump(empty_ctx.services.engine) == before


def test_a_file_too_large_is_refused_before_it_is_read(empty_ctx, qtbot, tmp_path, monkeypatch):
    """A disk image chosen by mistake: refused on its size, not read into memory first (100 MB, docs/portal-exchange.md)."""
    import pathlib

    path = tmp_path / "big.xlsx"
    with open(path, "wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: no disk used
    monkeypatch.setattr(pathlib.Path, "read_bytes", lambda self: pytest.fail("the whole file was read"))
    wizard = read_into_preview(qtbot, empty_ctx, path, kind=None)
    assert wizard.read_outcome.refusal.message.msgid == too_large().message.msgid


def test_a_file_that_is_not_there_is_said_in_the_users_language(empty_ctx, qtbot, tmp_path):
    wizard = read_into_preview(qtbot, empty_ctx, tmp_path / "нет.xlsx", kind=None)
    text = wizard.read_outcome.refusal.render("ru")
    assert "такого файла нет" in text and "No such file" not in text
