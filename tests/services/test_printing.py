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
    svc.movements.transfer(worker, rid, days_ago(1), order(days_ago(1), "77-ж"), "Павлодар облысы, Екібастұз қаласы",
                           "«Екібастұз медициналық-әлеуметтік мекемесі» КММ")
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
    assert printer.case_file(rid).document_sheets == 23
    # every sheet of the folder is bound: the cover (1) and the inventory (1) as printed + 23 of the documents
    ru = text_of(printer.render("casefile", "ru", resident_id=rid), tmp_path, "ru.pdf")
    kk = text_of(printer.render("casefile", "kk", resident_id=rid), tmp_path, "kk.pdf")
    assert "25 (двадцать пять)" in ru
    assert "25 (жиырма бес)" in kk


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
    paths = run_batch(printer, "awaiting", "kk", tmp_path / "awaiting", actor=worker, progress=lambda d, t: seen.append((d, t)))
    assert len(paths) == 1 and seen[-1] == (1, 1)
    paths = run_batch(printer, "year", "ru", tmp_path / "year", actor=worker, year=dt.date.today().year)
    assert len(paths) == 3 and all(p.read_bytes().startswith(b"%PDF") for p in paths)

    def cancel(done, total):
        if done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(printer, "year", "ru", tmp_path / "cancelled", actor=worker, year=dt.date.today().year, progress=cancel)


def test_r01_every_temporary_departure_of_the_period_is_printed(sqlite_org, tmp_path):
    svc, director, worker = sqlite_org
    rid = admit(svc, worker, 60, last="Кетіп-Келуші")
    for out, back, number in ((50, 45, "11-ж"), (30, 25, "22-ж")):
        svc.movements.temporary_departure(worker, rid, days_ago(out), order(days_ago(out), number))
        svc.movements.return_(worker, rid, days_ago(back), order(days_ago(back)))
    text = text_of(PrintService(svc.sessions).render("journal", "ru", start=days_ago(90), end=dt.date.today()),
                   tmp_path)
    assert "11-ж" in text and "22-ж" in text


def test_r12_transfer_act_lists_the_package_and_names_the_receiving_organisation(sqlite_org, tmp_path):
    """003 item 11 2) part 6: the file goes with the inventory under the act, with the copy of the order on
    the discharge, the individual plan (Annex 4) and the monitoring journal (Annex 5); the receiving
    organisation's name is apart from the region / city / district of journal column 14."""
    svc, director, worker = sqlite_org
    rid = admit(svc, worker, 200, last="Қасымов")
    plan = approved_plan(svc, director, worker, rid, days_ago(190))
    svc.plans.record_monitoring(worker, plan.id, days_ago(100), "Маманова", rows(), recorded_on=days_ago(100))
    mv = svc.movements.transfer(worker, rid, days_ago(1), order(days_ago(1), "77-ж"),
                                "Павлодар облысы, Екібастұз қаласы", "«Екібастұз медициналық-әлеуметтік мекемесі» КММ")
    assert mv.receiving_organisation == "«Екібастұз медициналық-әлеуметтік мекемесі» КММ"
    assert mv.destination == "Павлодар облысы, Екібастұз қаласы"
    printer = PrintService(svc.sessions)
    act = printer.case_file(rid).transfer
    assert act.receiving_organisation == "«Екібастұз медициналық-әлеуметтік мекемесі» КММ"
    assert act.destination == "Павлодар облысы, Екібастұз қаласы"
    ru = " ".join(text_of(printer.render("casefile", "ru", resident_id=rid), tmp_path, "ru.pdf").split())
    for wanted in ("Принимающая организация «Екібастұз медициналық-әлеуметтік мекемесі» КММ",
                   "Куда выбыл (область, город, район) Павлодар облысы, Екібастұз қаласы",
                   "Копия приказа о выбытии (переводе)", "Опись документов личного дела",
                   "Индивидуальный план (приложение 4)", "Журнал мониторинга (приложение 5)",
                   # the package itself: the plan and the monitoring journal printed behind the act
                   "Индивидуальный план по оказанию специальных социальных услуг",
                   "Журнал по выполнению (мониторингу) плана по оказанию специальных социальных услуг"):
        assert wanted in ru, wanted
    assert "ресоциализации" not in ru  # a stationary organisation: no resocialisation agreement
    kk = " ".join(text_of(printer.render("casefile", "kk", resident_id=rid), tmp_path, "kk.pdf").split())
    assert "Қабылдаушы ұйым «Екібастұз медициналық-әлеуметтік мекемесі» КММ" in kk
    assert "Жеке жоспар (4-қосымша)" in kk and "Мониторинг журналы (5-қосымша)" in kk


def test_r35_temporary_stay_transfer_lists_the_resocialisation_agreement(tmp_path):
    """003 item 35 3): for a temporary-stay organisation the file also holds the resocialisation agreement."""
    from app.domain.enums import OrgType
    from tests.conftest import make_services

    svc, director, worker = make_services(f"sqlite:///{tmp_path / 't.sqlite3'}", org_type=OrgType.TEMPORARY_STAY)
    rid = admit(svc, worker, 50)
    cf = svc.casefiles.get_for(rid)
    svc.casefiles.add_document(worker, cf.id, DocumentKind.RESOCIALISATION_AGREEMENT, "Шарт № 5", days_ago(50), 3)
    svc.movements.transfer(worker, rid, days_ago(1), order(days_ago(1)), "Астана қаласы", "«Үміт» орталығы")
    printer = PrintService(svc.sessions)
    ru = " ".join(text_of(printer.render("casefile", "ru", resident_id=rid), tmp_path, "ru.pdf").split())
    kk = " ".join(text_of(printer.render("casefile", "kk", resident_id=rid), tmp_path, "kk.pdf").split())
    assert "Договор о ресоциализации" in ru and "Ресоциализация туралы шарт" in kk
    from reports import casefile
    from reports.common import lang_of

    data = printer.case_file(rid)
    assert casefile.package_rows(data, lang_of("ru"))[-1][:3] == [
        "5", "Договор о ресоциализации (для организаций временного пребывания)", "3"]
    assert casefile.package_rows(data, lang_of("kk"))[-1][:3] == [
        "5", "Ресоциализация туралы шарт (уақытша болу ұйымдары үшін)", "3"]
    svc.engine.dispose()


def test_r11_inventory_note_in_the_print_language_with_the_consent_date(sqlite_org, tmp_path):
    svc, director, worker = sqlite_org
    rid = admit(svc, worker, 20)
    cf = svc.casefiles.get_for(rid)
    consent = days_ago(19)
    svc.casefiles.add_document(worker, cf.id, DocumentKind.IDENTITY, "Жеке куәлік", days_ago(20), 1,
                               is_original=True, consent_on=consent)
    printer = PrintService(svc.sessions)
    ru = " ".join(text_of(printer.render("casefile", "ru", resident_id=rid), tmp_path, "ru.pdf").split())
    kk = " ".join(text_of(printer.render("casefile", "kk", resident_id=rid), tmp_path, "kk.pdf").split())
    day = consent.strftime("%d.%m.%Y")
    assert f"оригинал хранится в администрации с письменного согласия получателя услуг от {day}" in ru
    assert f"түпнұсқасы қызмет алушының {day} жазбаша келісімімен әкімшілікте сақталады" in kk
    assert "identity document" not in ru and "identity document" not in kk


def test_r13_bound_sheets_count_the_plan_and_journal_pages_as_printed(sqlite_org, tmp_path):
    """Annex 3 "Нөмірленген және тігілген ___ парақ": cover + inventory + plan + journal pages + documents."""
    from pypdf import PdfReader

    svc, director, worker = sqlite_org
    rid = admit(svc, worker, 200)
    cf = svc.casefiles.get_for(rid)
    svc.casefiles.add_document(worker, cf.id, DocumentKind.MEDICAL_RECORD, "Медкарта", days_ago(200), 10)
    plan = approved_plan(svc, director, worker, rid, days_ago(190))
    svc.plans.record_monitoring(worker, plan.id, days_ago(100), "Маманова", rows(), recorded_on=days_ago(100))
    printer = PrintService(svc.sessions)
    import io
    pages = {f: len(PdfReader(io.BytesIO(printer.render(f, "ru", resident_id=rid))).pages)
             for f in ("plan", "monitoring")}
    expected = 1 + 1 + pages["plan"] + pages["monitoring"] + 10
    ru = " ".join(text_of(printer.render("casefile", "ru", resident_id=rid), tmp_path, "ru.pdf").split())
    assert f"Пронумеровано и прошнуровано {expected} (" in ru
    folder = " ".join(text_of(printer.render("folder", "ru", resident_id=rid), tmp_path, "f.pdf").split())
    assert f"Пронумеровано и прошнуровано {expected} (" in folder


def test_r16_catalogue_activity_prints_in_the_print_language_and_typed_one_as_typed(sqlite_org, tmp_path):
    from dataclasses import replace

    from tests.services.helpers import plan_input

    svc, director, worker = sqlite_org
    rid = admit(svc, worker, 30)
    entry = next(e for e in svc.plans.catalog() if e[2] == "Жұмсақ инвентарь беру")
    data = plan_input(days_ago(20))
    picked = replace(data.activities[0], title=entry[2], title_kk=entry[2], title_ru=entry[3])
    typed_over = replace(data.activities[1], title="Өз сөзіммен", title_kk=entry[2], title_ru=entry[3])
    p = svc.plans.create(worker, rid, replace(data, activities=[picked, typed_over, *data.activities[2:]]))
    assert (p.activities[0].title_kk, p.activities[0].title_ru) == ("Жұмсақ инвентарь беру",
                                                                    "Предоставление мягкого инвентаря")
    assert (p.activities[1].title_kk, p.activities[1].title_ru) == (None, None)
    printer = PrintService(svc.sessions)
    ru = " ".join(text_of(printer.render("plan", "ru", resident_id=rid), tmp_path, "ru.pdf").split())
    kk = " ".join(text_of(printer.render("plan", "kk", resident_id=rid), tmp_path, "kk.pdf").split())
    assert "Предоставление мягкого инвентаря" in ru and "Жұмсақ инвентарь беру" not in ru
    assert "Жұмсақ инвентарь беру" in kk
    assert "Өз сөзіммен" in ru and "Өз сөзіммен" in kk
    # a correction keeps both titles
    p = svc.plans.complete(worker, p.id, days_ago(20))
    p = svc.plans.approve(director, p.id, days_ago(20))
    new = svc.plans.correct(worker, p.id, days_ago(1), "мониторинг бойынша")
    assert new.activities[0].title_ru == "Предоставление мягкого инвентаря"


def test_r18_signature_dates_printed_when_recorded_and_two_approval_lines(sqlite_org, tmp_path):
    from dataclasses import replace

    from tests.services.helpers import plan_input

    svc, director, worker = sqlite_org
    rid = admit(svc, worker, 30)
    data = replace(plan_input(days_ago(20)), signatures={"social_worker": "Маманова М. М."})
    p = svc.plans.create(worker, rid, data)
    printer = PrintService(svc.sessions)
    signed = printer.plan(plan_id=p.id).signatories
    assert [(s.name, s.signed_on) for s in signed if s.name] == [("Маманова М. М.", dt.date.today())]
    assert all(s.signed_on is None for s in signed if not s.name)
    ru = " ".join(text_of(printer.render("plan", "ru", plan_id=p.id), tmp_path, "ru.pdf").split())
    assert f"Маманова М. М., {dt.date.today():%d.%m.%Y}" in ru
    # the name unchanged on a later edit keeps its date
    p2 = svc.plans.update_draft(worker, p.id, replace(data, signatures={"social_worker": "Маманова М. М.",
                                                                          "psychologist": "Психологова П."}),
                                p.version)
    assert p2.signatures["psychologist"] == "Психологова П."


def test_r22_monitoring_column_4_says_no_change_or_worse_and_the_observation_period(sqlite_org, tmp_path):
    from app.domain.enums import ChangeMark, ServiceKind
    from app.services import MonitoringRowInput

    svc, director, worker = sqlite_org
    rid = admit(svc, worker, 200)
    plan = approved_plan(svc, director, worker, rid, days_ago(190))
    marks = [MonitoringRowInput(ServiceKind.SOCIAL_HOUSEHOLD, ChangeMark.WORSE, no_change_reason="ауырып қалды"),
             MonitoringRowInput(ServiceKind.SOCIAL_MEDICAL, ChangeMark.NO_CHANGE, no_change_reason="жасына байланысты")]
    svc.plans.record_monitoring(worker, plan.id, days_ago(100), "Маманова", marks, recorded_on=days_ago(100))
    printer = PrintService(svc.sessions)
    data = printer.monitoring(plan_id=plan.id)
    assert (data.observation_start, data.observation_end) == (days_ago(190), days_ago(100))
    ru = " ".join(text_of(printer.render("monitoring", "ru", plan_id=plan.id), tmp_path, "ru.pdf").split())
    kk = " ".join(text_of(printer.render("monitoring", "kk", plan_id=plan.id), tmp_path, "kk.pdf").split())
    assert (f"Период наблюдения за получателем услуг: с {days_ago(190):%d.%m.%Y} по {days_ago(100):%d.%m.%Y} "
            "включительно") in ru
    assert "ухудшилось:" in ru and "изменений нет:" in ru and "нашарлады:" in kk and "өзгерістер жоқ:" in kk
    from reports import monitoring
    from reports.common import lang_of

    first = data.sessions[0].rows
    assert [monitoring.column4(lang_of("ru"), r) for r in first] == ["ухудшилось: ауырып қалды",
                                                                     "изменений нет: жасына байланысты"]
    assert [monitoring.column4(lang_of("kk"), r) for r in first] == ["нашарлады: ауырып қалды",
                                                                     "өзгерістер жоқ: жасына байланысты"]
