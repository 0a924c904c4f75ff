"""R-09, R-12, R-13, R-24: the printed forms assembled from the database (text extracted with pdftotext)."""

import datetime as dt
import subprocess

import pytest

from app.domain.enums import DocumentKind
from app.domain.errors import DomainError
from app.services.printing import PrintService, run_batch
from tests.services.helpers import admit, approved_plan, days_ago, order, rows


def text_of(pdf: bytes, tmp_path, name="f.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def sqlite_org(sqlite_url):
    from tests.conftest import make_services

    svc, director, worker = make_services(sqlite_url)
    yield svc, director, worker
    svc.engine.dispose()


def test_r09_journal_carries_both_names_the_type_title_and_14_columns(sqlite_org, tmp_path):
    svc, director, worker = sqlite_org
    admit(svc, worker, 20, last="Жұмабеков")
    printer = PrintService(svc.sessions)
    kk = text_of(printer.render("journal", "kk", start=days_ago(30), end=dt.date.today()), tmp_path, "kk.pdf")
    ru = text_of(printer.render("journal", "ru", start=days_ago(30), end=dt.date.today()), tmp_path, "ru.pdf")
    for text in (kk, ru):
        assert "Тест ұйымы" in text and "Тестовая организация" in text and "Жұмабеков" in text
        assert all(str(n) in text for n in range(1, 15))
    assert "стационарного типа" in ru and "Электронный журнал" in ru
    assert "стационарлық" in kk.lower() and "электрондық журналы" in kk


def test_r12_transfer_prints_the_acceptance_transfer_act_with_the_order(sqlite_org, tmp_path):
    svc, director, worker = sqlite_org
    rid = admit(svc, worker, 200, last="Қасымов")
    cf = svc.casefiles.get_for(rid)
    svc.casefiles.add_document(worker, cf.id, DocumentKind.IDENTITY, "Жеке куәлік", days_ago(200), 2)
    approved_plan(svc, director, worker, rid, days_ago(190))
    svc.movements.transfer(worker, rid, days_ago(1), order(days_ago(1), "77-ж"), "Павлодар облысы, Екібастұз қаласы")
    printer = PrintService(svc.sessions)
    data = printer.case_file(rid)
    assert data.transfer is not None and data.transfer.discharge_order.number == "77-ж"
    text = text_of(printer.render("casefile", "ru", resident_id=rid), tmp_path)
    assert "Екібастұз" in text and "77-ж" in text and "Жеке куәлік" in text
    folder = printer.folder(rid)
    assert folder.plan is not None and folder.monitoring is not None  # the plan and journal go with the file


def test_r13_sheets_numbered_and_bound_in_digits_and_words(sqlite_org, tmp_path):
    svc, director, worker = sqlite_org
    rid = admit(svc, worker, 20)
    cf = svc.casefiles.get_for(rid)
    svc.casefiles.add_document(worker, cf.id, DocumentKind.IDENTITY, "Жеке куәлік", days_ago(20), 2)
    svc.casefiles.add_document(worker, cf.id, DocumentKind.MEDICAL_RECORD, "Медкарта", days_ago(20), 21)
    printer = PrintService(svc.sessions)
    assert printer.case_file(rid).sheets == 23
    ru = text_of(printer.render("casefile", "ru", resident_id=rid), tmp_path, "ru.pdf")
    kk = text_of(printer.render("casefile", "kk", resident_id=rid), tmp_path, "kk.pdf")
    assert "23" in ru and "двадцать три" in ru
    assert "23" in kk and "жиырма үш" in kk


def test_r24_personal_folder_binds_the_plan_and_its_monitoring_journal(sqlite_org, tmp_path):
    svc, director, worker = sqlite_org
    rid = admit(svc, worker, 200, last="Оспанова")
    plan = approved_plan(svc, director, worker, rid, days_ago(190))
    svc.plans.record_monitoring(worker, plan.id, days_ago(120), "Маманова", rows(), recorded_on=days_ago(120))
    text = text_of(PrintService(svc.sessions).render("folder", "kk", resident_id=rid), tmp_path)
    assert "Оспанова" in text and "Бекітемін" in text and "мониторинг" in text.lower()


def test_plan_print_needs_a_plan_and_blank_forms_print_without_data(sqlite_org, tmp_path):
    svc, director, worker = sqlite_org
    rid = admit(svc, worker, 3)
    printer = PrintService(svc.sessions)
    with pytest.raises(DomainError):
        printer.render("plan", "kk", resident_id=rid)
    for form in ("journal", "casefile", "plan", "monitoring", "folder", "queue", "roster"):
        assert printer.render(form, "ru", blank=True).startswith(b"%PDF")


def test_batch_of_plans_awaiting_approval_and_of_a_year(sqlite_org, tmp_path):
    from tests.services.helpers import plan_input

    svc, director, worker = sqlite_org
    a, b = admit(svc, worker, 200), admit(svc, worker, 100)
    approved_plan(svc, director, worker, a, days_ago(190))
    p = svc.plans.create(worker, b, plan_input(days_ago(90)))
    svc.plans.complete(worker, p.id, days_ago(89))
    printer = PrintService(svc.sessions)
    seen = []
    paths = run_batch(printer, "awaiting", "kk", tmp_path / "awaiting", progress=lambda d, t: seen.append((d, t)))
    assert len(paths) == 1 and seen[-1] == (1, 1)
    paths = run_batch(printer, "year", "ru", tmp_path / "year", year=dt.date.today().year)
    assert len(paths) == 3 and all(p.read_bytes().startswith(b"%PDF") for p in paths)

    def cancel(done, total):
        if done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(printer, "year", "ru", tmp_path / "cancelled", year=dt.date.today().year, progress=cancel)


def test_r01_every_temporary_departure_of_the_period_is_printed(sqlite_org, tmp_path):
    svc, director, worker = sqlite_org
    rid = admit(svc, worker, 60, last="Кетіп-Келуші")
    for out, back, number in ((50, 45, "11-ж"), (30, 25, "22-ж")):
        svc.movements.temporary_departure(worker, rid, days_ago(out), order(days_ago(out), number))
        svc.movements.return_(worker, rid, days_ago(back), order(days_ago(back)))
    text = text_of(PrintService(svc.sessions).render("journal", "ru", start=days_ago(90), end=dt.date.today()),
                   tmp_path)
    assert "11-ж" in text and "22-ж" in text
