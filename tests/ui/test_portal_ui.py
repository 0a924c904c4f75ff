"""Issue 5 point 6: the portal import wizard, the journal export, the reconciliation and the
register onboarding, driven page by page (no exec()), with the background reads awaited."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView

from app import i18n
from app.domain.enums import OrgType, ResidentStatus, Sex
from app.domain.identity import make_iin
from app.domain.queue import portal_claims_notice
from app.portal import Format, Kind, RosterRecord, read_records, write_records
from tests.dump import dump
from tests.portal.portal_samples import journal_records, queue_records, workbook_bytes
from ui.context import Change, Changed
from ui.dialogs.onboarding import RECORD_COLUMNS, OnboardingWizard
from ui.dialogs.portal_export import PortalExportDialog
from ui.dialogs.portal_import import PortalImportWizard
from ui.dialogs.reconcile import ReconcileDialog
from ui.models.table import RowsModel

WAIT = 15_000


def start(qtbot, wizard):
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def advance(qtbot, wizard, page_id: int) -> None:
    """Press Next (the page runs its step in the background) and wait for ``page_id``."""
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == page_id, timeout=WAIT)


def read_into_preview(qtbot, ctx, path, kind=Kind.QUEUE) -> PortalImportWizard:
    wizard = start(qtbot, PortalImportWizard(ctx))
    wizard.choose.set_kind(kind)
    wizard.choose.file.path.setText(str(path))
    assert wizard.choose.isComplete()
    advance(qtbot, wizard, wizard.PREVIEW)
    return wizard


# --- import ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang,fmt", [("ru", Format.XLSX), ("kk", Format.XLSX), ("ru", Format.CSV),
                                      ("kk", Format.JSON)])
def test_a_queue_file_with_russian_or_kazakh_titles_imports_through_the_wizard(empty_ctx, qtbot, tmp_path, lang, fmt):
    path = tmp_path / f"queue-{lang}.{fmt.value}"
    path.write_bytes(write_records(Kind.QUEUE, queue_records(), fmt, lang))
    before = dump(empty_ctx.services.engine)
    wizard = read_into_preview(qtbot, empty_ctx, path)
    preview = wizard.preview
    assert preview.isComplete() and not preview.problems.isVisibleTo(wizard)
    assert preview.changes.rowCount() == 3 and preview.changes.dry_run
    assert {c.full_name.split()[0] for c in preview.changes.rows()} == {"Ахметов", "Иванова", "Жұмабаева"}
    assert "3" in preview.summary.text()
    # the two applications the portal marks out of turn wait in the order of arrival for their ground
    assert portal_claims_notice(OrgType.STATIONARY, 2).render() in preview.summary.text()
    assert dump(empty_ctx.services.engine) == before  # the dry run changed nothing
    with qtbot.waitSignal(empty_ctx.data_changed, timeout=WAIT) as signal:
        advance(qtbot, wizard, wizard.DONE)
    assert signal.args == [Change(frozenset({Changed.QUEUE, Changed.RESIDENTS}))]
    assert wizard.committed.created == 3 and not wizard.committed.dry_run
    assert {r.portal_number for r in empty_ctx.services.queue.rows()} == {"KZ-2024-000101", "KZ-2024-000102", None}
    assert wizard.done_page.changes.rowCount() == 3
    assert portal_claims_notice(OrgType.STATIONARY, 2).render() in wizard.done_page.result.text()
    # done, and not to be undone here: "Finish" alone; the first column says what was done, not what will be
    from PySide6.QtWidgets import QWizard
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()
    assert wizard.done_page.changes.headerData(0, Qt.Orientation.Horizontal) in ("Действие", "Әрекет")

    again = read_into_preview(qtbot, empty_ctx, path)  # the same file twice creates nothing twice
    assert again.preview.isComplete() and again.read_outcome.value[1].unchanged == 3


def test_a_damaged_workbook_is_refused_and_shown(empty_ctx, qtbot, tmp_path):
    path = tmp_path / "queue.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00\x13garbage" * 50)
    before = dump(empty_ctx.services.engine)
    wizard = read_into_preview(qtbot, empty_ctx, path)
    panel = wizard.preview.problems
    assert not wizard.preview.isComplete()
    assert panel.isVisibleTo(wizard) and "Excel" in panel.message.text()
    assert not wizard.preview.changes_view.isVisibleTo(wizard)
    # no list of problems under the message: the page does not point to one
    assert not panel.view.isVisibleTo(wizard) and i18n._("Correct the file as the message below says, then go back "
                                                         "and choose it again.") == wizard.preview.summary.text()
    assert wizard.choose.file.text() == str(path)  # what was typed is kept
    assert dump(empty_ctx.services.engine) == before


def test_a_wrong_iin_refuses_the_file_with_the_problem_list(empty_ctx, qtbot, tmp_path):
    recs = queue_records()
    good_iin = recs[0].iin
    text = write_records(Kind.QUEUE, recs, Format.CSV, "ru").decode("utf-8-sig")
    bad_iin = good_iin[:-1] + str((int(good_iin[-1]) + 1) % 10)
    path = tmp_path / "queue.csv"
    path.write_bytes(text.replace(good_iin, bad_iin).encode("utf-8-sig"))
    before = dump(empty_ctx.services.engine)
    wizard = read_into_preview(qtbot, empty_ctx, path)
    panel = wizard.preview.problems
    assert not wizard.preview.isComplete() and panel.view.isVisibleTo(wizard)
    problems = panel.problems()
    assert problems and problems[0].value.replace(" ", "") == bad_iin and problems[0].column == "ИИН"
    model = panel.model
    assert model.data(model.index(0, 1)) == "ИИН"
    # the problem's text takes the width left and wraps (a long value hid "shorten it" at its end)
    assert panel.view.horizontalHeader().sectionResizeMode(3) == QHeaderView.ResizeMode.Stretch
    assert panel.view.wordWrap() and "(" in wizard.preview.summary.text()
    assert model.data(model.index(0, 3)) == problems[0].render()
    from PySide6.QtCore import Qt
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None  # red
    csv_path, xlsx_path = panel.save_to(tmp_path / "problems.csv"), panel.save_to(tmp_path / "problems.xlsx")
    assert bad_iin in csv_path.read_bytes().decode("utf-8-sig") and "Строка" in csv_path.read_bytes().decode("utf-8-sig")
    assert xlsx_path.read_bytes()[:2] == b"PK"
    assert dump(empty_ctx.services.engine) == before

    i18n.set_language("kk")  # the refusal follows the language switch
    assert panel.message.text() == wizard.read_outcome.refusal.render("kk")
    assert model.data(model.index(0, 3)) == problems[0].render("kk")


def test_a_journal_file_imports_and_announces_movements(empty_ctx, qtbot, tmp_path):
    path = tmp_path / "journal.xlsx"
    path.write_bytes(write_records(Kind.JOURNAL, journal_records(), Format.XLSX, "kk"))
    wizard = read_into_preview(qtbot, empty_ctx, path, Kind.JOURNAL)
    assert wizard.preview.isComplete(), wizard.preview.problems.message.text()
    planned = wizard.read_outcome.value[1]
    assert wizard.preview.changes.rowCount() == len(planned.changes) and planned.created >= 3
    with qtbot.waitSignal(empty_ctx.data_changed, timeout=WAIT) as signal:
        advance(qtbot, wizard, wizard.DONE)
    assert signal.args == [Change(frozenset({Changed.MOVEMENTS, Changed.RESIDENTS}))] and wizard.committed.created == planned.created


# --- export --------------------------------------------------------------------------------------------
def test_export_writes_the_rows_it_announced_then_nothing_new_then_a_re_export(ctx, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog = PortalExportDialog(ctx)
    qtbot.addWidget(dialog)
    expected = dialog.update_count()
    assert expected > 0 and str(expected) in dialog.count.text()
    target = tmp_path / "out" / "journal.csv"
    dialog.file.path.setText(str(target))
    assert "CSV" in dialog.format_label.text()
    dialog.lang.setCurrentIndex(dialog.lang.findData("kk"))
    summary = dialog.export()
    assert summary is not None and summary.rows == expected
    assert len(read_records(target.read_bytes(), Kind.JOURNAL, target.name).records) == expected
    assert str(target) in dialog.result_label.text()
    assert dialog.rows == 0  # everything is marked exported now
    assert dialog.export() is None and not dialog.error.isHidden()  # exported again: refused, the file kept
    assert "ранее" in dialog.error.text() or "бұрын" in dialog.error.text()
    assert len(read_records(target.read_bytes(), Kind.JOURNAL, target.name).records) == expected
    dialog.set_since(dt.date(2000, 1, 1))
    assert dialog.rows == expected
    json_target = tmp_path / "again.json"
    dialog.file.path.setText(str(json_target))
    assert dialog.export().rows == expected
    assert len(read_records(json_target.read_bytes(), Kind.JOURNAL).records) == expected


def test_export_without_a_known_ending_says_why_and_keeps_the_input(ctx, qtbot, tmp_path):
    dialog = PortalExportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.file.path.setText(str(tmp_path / "journal.pdf"))
    assert dialog.export() is None and dialog.error.isVisibleTo(dialog)
    assert dialog.file.text().endswith("journal.pdf") and not (tmp_path / "journal.pdf").exists()


# --- reconciliation ---------------------------------------------------------------------------------------
def planted_roster(ctx, tmp_path):
    roster = ctx.services.queries.roster_on(dt.date.today())
    assert len(roster) >= 3
    recs = [RosterRecord(r.iin, r.last_name, r.first_name, r.birth_date, status, adm, r.middle_name)
            for r, status, adm in roster]
    renamed, dropped = recs[0], recs[1]
    stranger = RosterRecord(make_iin(dt.date(1944, 4, 4), Sex.MALE, 4444), "Порталда", "Ғана",
                            dt.date(1944, 4, 4), ResidentStatus.PRESENT, dt.date(2024, 1, 5))
    recs = [replace(renamed, last_name="Басқаша")] + recs[2:] + [stranger]
    path = tmp_path / "roster.xlsx"
    path.write_bytes(write_records(Kind.ROSTER, recs, Format.XLSX, "ru"))
    return path, renamed, dropped, stranger


def test_reconciliation_finds_the_planted_differences_and_prints(ctx, qtbot, tmp_path):
    path, renamed, dropped, stranger = planted_roster(ctx, tmp_path)
    dialog = ReconcileDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.file.path.setText(str(path))
    with qtbot.waitSignal(ctx.data_changed, timeout=WAIT) as signal:  # the checklist's item 3 and the dashboard
        dialog.compare()                                                  # follow the reconciliation recorded
    assert signal.args == [Change(frozenset({Changed.CHECKLIST}))]
    qtbot.waitUntil(lambda: dialog.reconciliation is not None, timeout=WAIT)
    rec = dialog.reconciliation
    differ = {(r.iin, d.field) for r, d in dialog.models["differ"].rows()}
    assert (renamed.iin, "last_name") in differ
    row = next(i for i, (r, d) in enumerate(dialog.models["differ"].rows()) if d.field == "last_name")
    model = dialog.models["differ"]
    assert model.data(model.index(row, 2)) == "Фамилия" and model.data(model.index(row, 4)) == "Басқаша"
    assert dropped.iin in {r.iin for r in rec.only_here}
    assert [r.iin for r in rec.only_portal] == [stranger.iin]
    counts = dialog.counts()
    assert dialog.tabs.tabText(2).endswith(f"({counts['only_portal']})") and not rec.matches
    assert "не совпадает" in dialog.summary.text()
    # a name looked for in all four lists at once
    assert dialog.search.isVisibleTo(dialog) and not dialog.search.placeholderText().isascii()
    both = dialog.views["both"].model()
    assert both.rowCount() == counts["both"] > 1
    dialog.search.setText(renamed.iin)
    assert dialog.views["differ"].model().rowCount() == 1 and both.rowCount() == 0
    dialog.search.clear()
    assert both.rowCount() == counts["both"]
    i18n.set_language("kk")
    assert model.data(model.index(row, 2)) == "Тегі"
    preview = dialog.preview()
    qtbot.addWidget(preview)
    assert preview.pdf_bytes.startswith(b"%PDF") and preview.document.pageCount() >= 1


def test_reconciliation_of_a_wrong_file_shows_the_refusal(ctx, qtbot, tmp_path):
    path = tmp_path / "roster.json"
    path.write_text('{"format": "qamqor-portal", "version": 1, "kind": "queue", "records": []}', encoding="utf-8")
    dialog = ReconcileDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.file.path.setText(str(path))
    dialog.compare()
    qtbot.waitUntil(lambda: dialog.problems.message.text() != "", timeout=WAIT)
    assert dialog.reconciliation is None and not dialog.print_button.isEnabled()
    assert dialog.file.text() == str(path)


# --- onboarding ---------------------------------------------------------------------------------------
ODD_TITLES = ["п/н", "Кто проживает", "Когда родился(-ась)", "Личный номер", "М/Ж", "Заселён", "Основание"]


def odd_register(tmp_path):
    people = [("Тіркелген Адам Бірінші", dt.date(1945, 2, 1), Sex.MALE, dt.date(2020, 5, 1), "12-к"),
              ("Тіркелген Әйел Екінші", dt.date(1946, 3, 2), Sex.FEMALE, dt.date(2021, 6, 2), "33-к"),
              ("Тіркелген Адам Үшінші", dt.date(1947, 4, 3), Sex.MALE, dt.date(2022, 7, 3), "44-к")]
    rows = [["Реестр проживающих на 2026 год"], [], ODD_TITLES]
    for n, (name, born, sex, admitted, order) in enumerate(people, 1):
        rows.append([n, name, born.strftime("%d.%m.%Y"), make_iin(born, sex, 60 + n), "м" if sex is Sex.MALE else "ж",
                     admitted.strftime("%d.%m.%Y"), order])
    path = tmp_path / "register.xlsx"
    path.write_bytes(workbook_bytes(rows, sheet="Проживающие", extra_sheets=["Примечания"]))
    return path


def test_onboarding_imports_a_register_with_odd_titles_through_a_mapping(empty_ctx, qtbot, tmp_path):
    path = odd_register(tmp_path)
    wizard = start(qtbot, OnboardingWizard(empty_ctx))
    wizard.file_page.file.path.setText(str(path))
    advance(qtbot, wizard, wizard.SHEET)
    sheet_page = wizard.sheet_page
    sheet_page.sheet.setCurrentIndex(sheet_page.sheet.findData("Проживающие"))
    assert sheet_page.row.value() == 3 and "Кто проживает" in sheet_page.titles.text()
    sheet_page.row.setValue(2)  # another row: its titles are not the guessed row's (they were still shown)
    assert "Кто проживает" not in sheet_page.titles.text() and "Строка 2 будет прочитана" in sheet_page.titles.text()
    sheet_page.row.setValue(3)
    assert "Кто проживает" in sheet_page.titles.text()
    advance(qtbot, wizard, wizard.MAPPING)
    mapping = wizard.mapping_page
    assert not mapping.columns()  # nothing recognised by its title
    wizard.next()  # refused mapping: stays, says why under each field to choose, and the first takes the focus
    assert wizard.currentId() == wizard.MAPPING
    shown = {key: error.text() for key, error in mapping.errors.items() if error.isVisibleTo(wizard)}
    assert shown == {"full_name": "Выберите столбец ФИО целиком или столбцы фамилии и имени.",
                     "birth_date": "Выберите столбец даты рождения: людей различают по ФИО и дате рождения."}
    assert mapping.combos["full_name"].hasFocus() and not mapping.error.isVisibleTo(wizard)
    assert mapping.set_column("full_name", "Кто проживает")  # mended: its message goes, the other's stays
    assert not mapping.errors["full_name"].isVisibleTo(wizard) and mapping.errors["birth_date"].isVisibleTo(wizard)
    assert mapping.set_column("birth_date", "Кто проживает")  # the same column twice is said at once
    assert mapping.errors["birth_date"].text() == ("Столбец «Кто проживает» уже выбран для поля «ФИО в одном "
                                                   "столбце»; у каждого поля должен быть свой столбец.")
    empty_ctx.translator.set_language("kk")  # said again in the language chosen
    assert mapping.errors["birth_date"].text().startswith("«Кто проживает» бағаны «Тегі, аты, әкесінің аты бір")
    empty_ctx.translator.set_language("ru")
    mapping.apply({})  # the other way round: the column the date of birth has, given to the name after it
    assert mapping.set_column("birth_date", "Когда родился(-ась)") and mapping.set_column("full_name",
                                                                                        "Когда родился(-ась)")
    assert [k for k, e in mapping.errors.items() if e.isVisibleTo(wizard)] == ["birth_date"]
    # a mapping file of two problems: each under its field, as on Next (not "each line below" with no line)
    bad = tmp_path / "bad.json"
    bad.write_text('{"columns": {"last_name": "Кто проживает", "birth_date": "Нет такого"}}', encoding="utf-8")
    assert not mapping.load_mapping_from(str(bad))
    assert {k for k, e in mapping.errors.items() if e.isVisibleTo(wizard)} == {"first_name", "birth_date"}
    assert mapping.error.text() == "На этом листе нет столбца \"Нет такого\"; выберите эти столбцы сами."
    mapping.apply({})
    for key, title in (("full_name", "Кто проживает"), ("birth_date", "Когда родился(-ась)"),
                       ("iin", "Личный номер"), ("sex", "М/Ж"), ("admission_date", "Заселён"),
                       ("admission_order", "Основание")):
        assert mapping.set_column(key, title)
    assert "12-к" in mapping.samples["admission_order"].full_text()
    assert mapping.samples["admission_order"].text().startswith("12-к")  # as shown: cut to its width, if at all
    assert not any(error.isVisibleTo(wizard) for error in mapping.errors.values())
    saved = tmp_path / "mapping.json"
    assert mapping.save_mapping_to(str(saved))
    mapping.apply({})
    assert mapping.load_mapping_from(str(saved)) and mapping.columns()["iin"] == "Личный номер"
    advance(qtbot, wizard, wizard.PREVIEW)
    preview = wizard.preview_page
    assert preview.records.rowCount() == 3 and preview.isComplete()
    before = dump(empty_ctx.services.engine)
    advance(qtbot, wizard, wizard.DRY_RUN)
    assert wizard.dry_run_page.changes.rowCount() == 3 and dump(empty_ctx.services.engine) == before
    advance(qtbot, wizard, wizard.DONE)
    assert wizard.committed.created == 3
    assert empty_ctx.services.queries.occupancy().present == 3


def test_onboarding_a_csv_register_chooses_what_its_titles_tell(empty_ctx, qtbot, tmp_path):
    """A CSV register (cp1251, as a Russian Excel saves it) whose name column has a title of its own: the sheet
    page does not offer its delimiter as a sheet («Лист: ;»), and the mapping page has chosen the IIN, the sex and
    the date of birth, which their titles tell (it chose none, the name being untold); the user chooses the name."""
    path = tmp_path / "spisok.csv"
    path.write_bytes("ИИН;Пол;ФИО проживающего;Дата рожд.\r\n030405600175;ж;Иванова Мария Петровна;05.04.2003\r\n"
                     .encode("cp1251"))
    wizard = start(qtbot, OnboardingWizard(empty_ctx))
    wizard.file_page.file.path.setText(str(path))
    advance(qtbot, wizard, wizard.SHEET)
    assert not wizard.sheet_page.sheet.isVisibleTo(wizard) and not wizard.sheet_page.sheet_label.isVisibleTo(wizard)
    advance(qtbot, wizard, wizard.MAPPING)
    mapping = wizard.mapping_page
    assert mapping.columns() == {"iin": "ИИН", "sex": "Пол", "birth_date": "Дата рожд."}
    assert mapping.set_column("full_name", "ФИО проживающего")
    advance(qtbot, wizard, wizard.PREVIEW)
    assert wizard.preview_page.records.rowCount() == 1 and wizard.preview_page.isComplete()


def csv_register_at_mapping(qtbot, ctx, tmp_path, rows) -> OnboardingWizard:
    """The onboarding wizard at its mapping page, for a CSV register of ``rows``."""
    path = tmp_path / "register.csv"
    path.write_bytes("\n".join(";".join(r) for r in rows).encode("utf-8"))
    wizard = start(qtbot, OnboardingWizard(ctx))
    wizard.file_page.file.path.setText(str(path))
    advance(qtbot, wizard, wizard.SHEET)
    advance(qtbot, wizard, wizard.MAPPING)
    return wizard


def test_onboarding_preview_highlights_problem_rows(empty_ctx, qtbot, tmp_path):
    rows = [["ФИО", "Дата рождения"], ["Бірінші Адам", "01.02.1945"], ["Екінші Адам", "31.02.1945"],
            ["Үшінші", "1945"]]
    wizard = csv_register_at_mapping(qtbot, empty_ctx, tmp_path, rows)
    assert wizard.mapping_page.columns() == {"full_name": "ФИО", "birth_date": "Дата рождения"}  # suggested
    advance(qtbot, wizard, wizard.PREVIEW)
    page = wizard.preview_page
    assert page.records.rowCount() == 1 and not page.isComplete()
    assert [p.row for p in page.problems.problems()] == [3, 4, 4]
    assert "строк с ошибками: 2" in page.summary.text()  # rows, not problems (row 4 has two)


def test_onboarding_a_register_signed_under_its_table_imports_its_people_and_says_what_it_left(empty_ctx, qtbot,
                                                                                             tmp_path):
    """The director's signature under the table, in the name's column: the preview, the check and the result say the
    row was not read and why; the people are imported."""
    rows = [["ФИО", "Дата рождения"], ["Бірінші Адам", "01.02.1945"], ["Екінші Адам", "02.03.1946"], [],
            ["Директор ___________ Сейітов С."]]
    wizard = csv_register_at_mapping(qtbot, empty_ctx, tmp_path, rows)
    advance(qtbot, wizard, wizard.PREVIEW)
    said = "Строка 5: Директор ___________ Сейітов С."
    assert wizard.preview_page.isComplete() and said in wizard.preview_page.summary.text()
    advance(qtbot, wizard, wizard.DRY_RUN)
    assert said in wizard.dry_run_page.summary.text() and wizard.dry_run_page.changes.rowCount() == 2
    # who each is: an IIN or a name (a register has no portal number, as the portal import's column said)
    assert wizard.dry_run_page.changes.headerData(2, Qt.Orientation.Horizontal) == "Ключ (ИИН; без него — ФИО)"
    advance(qtbot, wizard, wizard.DONE)
    assert wizard.committed.created == 2 and said in wizard.done_page.result.text()
    assert wizard.done_page.changes.headerData(2, Qt.Orientation.Horizontal) == "Ключ (ИИН; без него — ФИО)"
    assert sorted(r.full_name for r in empty_ctx.services.queries.residents()[1]) == ["Бірінші Адам", "Екінші Адам"]


def test_a_file_that_is_not_a_register_is_refused_on_the_first_page(empty_ctx, qtbot, tmp_path):
    path = tmp_path / "register.xlsx"
    path.write_bytes(b"%PDF-1.4 not a workbook")
    wizard = start(qtbot, OnboardingWizard(empty_ctx))
    wizard.file_page.file.path.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.file_page.error.message.text() != "", timeout=WAIT)
    assert wizard.currentId() == wizard.FILE


# --- models ---------------------------------------------------------------------------------------------
def test_every_table_model_passes_the_model_tester(ctx, qtbot, qtmodeltester, tmp_path):
    path = tmp_path / "queue.xlsx"
    path.write_bytes(write_records(Kind.QUEUE, queue_records(), Format.XLSX, "ru"))
    wizard = read_into_preview(qtbot, ctx, path)
    assert wizard.preview.changes.rowCount()
    qtmodeltester.check(wizard.preview.changes)
    bad = tmp_path / "bad.csv"
    bad.write_bytes("ФИО;Дата рождения\nБіреу;31.02.1945\n".encode())
    wizard2 = read_into_preview(qtbot, ctx, bad)
    assert wizard2.preview.problems.model.rowCount()
    qtmodeltester.check(wizard2.preview.problems.model)
    rpath, *_rest = planted_roster(ctx, tmp_path)
    dialog = ReconcileDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.file.path.setText(str(rpath))
    dialog.compare()
    qtbot.waitUntil(lambda: dialog.reconciliation is not None, timeout=WAIT)
    for model in dialog.models.values():
        qtmodeltester.check(model)
    records = RowsModel(RECORD_COLUMNS)
    qtmodeltester.check(records)


def test_the_portal_menu_opens_each_dialog(ctx, qtbot, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from ui.main_window import MainWindow

    opened = []
    monkeypatch.setattr(QDialog, "exec", lambda self: opened.append(type(self).__name__) or 0)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.portal_menu.title() == "&Портал"
    for act in window.portal_actions.values():
        act.trigger()
    assert opened == ["PortalImportWizard", "PortalExportDialog", "ReconcileDialog", "OnboardingWizard"]
    i18n.set_language("kk")
    assert window.portal_actions["register"].text() == "Бұрынғы &тізілімді импорттау…"


def test_a_refused_preview_does_not_import_even_when_next_is_called(ctx, qtbot, tmp_path):
    """Qt's ``QWizard.next()`` validates a page without asking whether it is complete (only the disabled button
    keeps an incomplete page from it): on a refused file's preview it ran the import with the refused reading, and
    the program crashed. The page stays, and nothing changes."""
    rows = [r for r in journal_records() if r.birth_date is not None][:1]
    path = tmp_path / "journal.xlsx"
    path.write_bytes(write_records(Kind.JOURNAL, [replace(rows[0], birth_date=None, iin=None)], Format.XLSX, "kk"))
    wizard = read_into_preview(qtbot, ctx, path, Kind.JOURNAL)
    assert not wizard.preview.isComplete() and wizard.read_outcome.refusal is not None
    before = dump(ctx.services.engine)
    wizard.next()
    qtbot.wait(300)
    assert wizard.currentId() == wizard.PREVIEW and wizard.committed is None
    assert dump(ctx.services.engine) == before
