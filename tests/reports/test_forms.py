"""Every printed form in both languages: captions, data, fonts, page size, blank forms, determinism."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app.domain.enums import OrgType, ServiceKind
from reports import casefile, folder, journal, monitoring, plan, queue, samples
from reports.model import (
    CaseFile,
    Journal,
    JournalRow,
    MonitoringJournal,
    OrderRef,
    Plan,
    QueueList,
    Roster,
)
from tests.reports import helpers as h

LANGS = ("kk", "ru")
A4 = (595.28, 841.89)
ROOT = Path(__file__).resolve().parents[2]
SPEC_FILES = [ROOT.parent / "shared" / "domain" / name for name in ("FORMS.md", "RULES.md")]  # kinds: R-16

FORMS = {  # name -> (render, filled sample, blank input)
    "journal": (journal.render, lambda: samples.journal(12), None),
    "casefile": (casefile.render, samples.case_file, None),
    "plan": (plan.render, samples.plan, None),
    "monitoring": (monitoring.render, samples.monitoring, None),
    "queue": (queue.render, samples.queue, None),
    "roster": (queue.render, samples.roster, Roster()),
    "folder": (folder.render, samples.folder, None),
}
CAPTIONS_OF = {  # (form, filled or blank) -> the caption sets it prints
    ("casefile", "filled"): ("casefile", "inventory", "act"), ("casefile", "blank"): ("casefile", "inventory", "act"),
    ("folder", "filled"): ("casefile", "inventory", "plan", "monitoring"),  # the sample folder has no transfer
    ("folder", "blank"): ("casefile", "inventory", "act", "plan", "monitoring"),
}


@pytest.fixture(scope="module")
def rendered():
    """Each form, filled and blank, in each language — rendered once for the module."""
    out = {}
    for name, (render, sample, blank) in FORMS.items():
        for lang in LANGS:
            out[name, lang, "filled"] = render(sample(), lang)
            out[name, lang, "blank"] = render(blank, lang)
    return out


def _forms_and_langs():
    return [(f, lang, kind) for f in FORMS for lang in LANGS for kind in ("filled", "blank")]


def test_spec_captions_are_verbatim():
    """The expected captions are copied from FORMS.md (kinds of service from RULES.md), not invented."""
    if not all(f.exists() for f in SPEC_FILES):
        pytest.skip("shared/domain/ not beside the checkout")
    spec = h.norm(" ".join(f.read_text(encoding="utf-8") for f in SPEC_FILES).replace('"', " "))
    missing = [c for form in h.SPEC.values() for lang in form.values() for c in lang if h.norm(c) not in spec]
    assert missing == []


@pytest.mark.parametrize("form, lang, kind", _forms_and_langs())
def test_every_caption_printed_with_words_intact(rendered, form, lang, kind):
    text = h.text(rendered[form, lang, kind])
    wanted = [c for part in CAPTIONS_OF.get((form, kind), (form,)) for c in h.expected(part, lang)]
    assert wanted
    missing = [c for c in wanted if h.norm(c) not in text]
    assert missing == []


@pytest.mark.parametrize("form, lang, kind", _forms_and_langs())
def test_only_the_shipped_font_and_every_glyph_in_it(rendered, form, lang, kind):
    pdf = rendered[form, lang, kind]
    assert h.fonts(pdf) <= {("LiberationSerif", True), ("LiberationSerif-Bold", True)}
    assert b"Helvetica" not in pdf
    chars = set("".join(h.page_texts(pdf))) - set(" \n\t")
    assert "■" not in chars
    assert chars - h.font_chars() == set()


@pytest.mark.parametrize("form, lang, kind", _forms_and_langs())
def test_a4_and_orientation(rendered, form, lang, kind):
    for page in h.reader(rendered[form, lang, kind]).pages:
        size = (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2))
        assert size == (A4[::-1] if form == "journal" else A4)


@pytest.mark.parametrize("form", FORMS)
def test_same_input_same_bytes(rendered, form):
    render, sample, _ = FORMS[form]
    assert render(sample(), "kk") == rendered[form, "kk", "filled"]


def test_same_bytes_in_a_fresh_process(rendered):
    code = ("import hashlib, sys; from reports import plan, samples; "
            "sys.stdout.write(hashlib.sha256(plan.render(samples.plan(), 'ru')).hexdigest())")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out == hashlib.sha256(rendered["plan", "ru", "filled"]).hexdigest()


@pytest.mark.parametrize("lang", LANGS)
def test_page_numbers(rendered, lang):
    pages = h.page_texts(rendered["folder", lang, "filled"])
    assert len(pages) > 3
    for n, page in enumerate(pages, 1):
        label = f"{n}-бет, барлығы {len(pages)}" if lang == "kk" else f"Страница {n} из {len(pages)}"
        assert label in h.norm(page)


# ---------------------------------------------------------------- data on the forms
def _one_person_forms(person):
    return {
        "casefile": casefile.render(samples.case_file(person), "ru"),
        "plan": plan.render(samples.plan(person), "ru"),
        "monitoring": monitoring.render(samples.monitoring(person), "ru"),
        "folder": folder.render(samples.folder(person), "ru"),
    }


@pytest.mark.parametrize("form", ["casefile", "plan", "monitoring", "folder"])
def test_resident_data_printed_and_nobody_elses(form):
    me, other = samples.RESIDENT, samples.OTHER_RESIDENT
    text = h.text(_one_person_forms(me)[form])
    assert me.full_name in text and "12.05.1948" in text
    assert h.norm(me.diagnosis) in text
    assert other.full_name not in text and "03.11.1941" not in text and other.diagnosis not in text


def test_case_file_fields_and_dates():
    pdf = casefile.render(samples.case_file(), "kk")
    text = h.text(pdf)
    r = samples.RESIDENT
    for value in (r.nationality, r.arrived_from, r.social_status, r.home_address, "Алматы қаласы",
                  "Қызмет алушының ЖЕКЕ ІСІ № 2026/017", "2026 жылғы «02» наурыз", "2026 жылғы «23» қараша",
                  "20.11.2026, № 212-ж", "Сәрсенбаева Гүлнәр Қайратқызы"):
        assert h.norm(value) in text


@pytest.mark.parametrize("sheets, kk, ru", [
    (23, "тігілген 23 (жиырма үш) парақ (жазбаша)", "прошнуровано 23 (двадцать три) листа (прописью)"),
    (21, "тігілген 21 (жиырма бір) парақ (жазбаша)", "прошнуровано 21 (двадцать один) лист (прописью)"),
    (115, "тігілген 115 (жүз он бес) парақ (жазбаша)", "прошнуровано 115 (сто пятнадцать) листов (прописью)"),
    (None, "Нөмірленген және тігілген парақ (жазбаша)", "Пронумеровано и прошнуровано листов (прописью)"),
])
def test_sheets_in_digits_and_words(sheets, kk, ru):
    """R-13: the count on its line in digits and in words, then the word for sheets; '(in words)' under the line."""
    data = replace(samples.case_file(), sheets=sheets)
    assert kk in h.text(casefile.render(data, "kk"))
    assert ru in h.text(casefile.render(data, "ru"))


def test_plan_data_dates_and_approval():
    data = samples.plan()
    for lang, approved, period in (
            ("kk", "2026 жылғы «09» наурыз", "09.03.2026 бастап 08.03.2027 қоса алғанға дейінгі кезеңге әзірленді"),
            ("ru", "«09» марта 2026 года", "разработан на период с 09.03.2026 по 08.03.2027 включительно")):
        text = h.text(plan.render(data, lang))
        assert approved in text and period in text
        assert data.approval.director_name in text
        for a in data.activities:
            assert h.norm(a.name) in text and a.specialist in text
        assert ("Мерзімі: апта (09.03.2026 – 15.03.2026)" if lang == "kk"
                else "Срок: неделя (09.03.2026 – 15.03.2026)") in text


@pytest.mark.parametrize("org_type, kk, ru", [
    (OrgType.STATIONARY, "стационарлық үлгідегі ұйым басшысының", "руководителя организации стационарного типа)"),
    (OrgType.SEMI_STATIONARY, "жартылай стационарлық үлгідегі ұйым басшысының",
     "руководителя организации полустационарного типа)"),
    (OrgType.HOME_CARE, "үйде қызмет көрсететін ұйым басшысының", "руководителя организации надомного обслуживания)"),
    (OrgType.TEMPORARY_STAY, "уақытша болу ұйым басшысының", "руководителя организации временного пребывания)"),
])
def test_only_the_organisations_own_type_is_printed(org_type, kk, ru):
    org = replace(samples.ORGANISATION, org_type=org_type)
    data = samples.plan(organisation=org)
    kk_text, ru_text = h.text(plan.render(data, "kk")), h.text(plan.render(data, "ru"))
    assert kk in kk_text and ru in ru_text
    assert "/" not in kk_text.split("Бекітемін:")[1].split("Арнаулы")[0]
    assert "стационарного/полустационарного" not in ru_text.split("Утверждаю:")[1].split("Индивидуальный")[0]
    title_kk = h.text(journal.render(Journal(org), "kk"))
    # R-09 (FORMS.md): "стационарлық үлгідегі ұйымда", not "ұйымында", when one type is printed; a verbal
    # noun before it takes the izafet, as the seed writes "үйде қызмет көрсету ұйымында" (003 item 26 1))
    ending = " ұйымында арнаулы" if org_type == OrgType.TEMPORARY_STAY else " ұйымда арнаулы"
    assert h.norm(kk.split(" ұйым ")[0]).capitalize() + ending in title_kk


def test_blank_plan_names_all_four_types():
    text = h.text(plan.render(None, "kk"))
    assert ("(стационарлық/жартылай стационарлық үлгідегі/үйде қызмет көрсететін/уақытша болу ұйым басшысының"
            in text)
    assert "20__ жылғы «__» ________" in text and "__________ бастап __________ қоса алғанға дейін" in text
    ru = h.text(plan.render(Plan(), "ru"))
    assert "«__» ________ 20__ года" in ru and "с __________ по __________ включительно" in ru


@pytest.mark.parametrize("lang", LANGS)
def test_blank_forms_keep_all_rows_and_no_data(rendered, lang):
    for form in FORMS:
        text = h.text(rendered[form, lang, "blank"])
        assert samples.RESIDENT.full_name not in text and samples.ORGANISATION.director_name not in text
    for form in ("journal", "monitoring", "queue", "roster"):  # a blank to fill by hand fits one sheet
        assert len(h.page_texts(rendered[form, lang, "blank"])) == 1
    for form in ("plan", "monitoring"):
        text = h.text(rendered[form, lang, "blank"])
        assert [k in text for k in h.KINDS[lang]] == [True] * 8


def test_journal_rows_and_readmission_mark():
    row = JournalRow(status="қызмет алуда", full_name="Оспанов Ерлан Серікұлы", birth_date=date(1950, 2, 1), age=76,
                     phone="+7 701 555 12 34", admission=OrderRef(date(2026, 4, 1), "77-ж"), returned=True,
                     temporary_departure=OrderRef(date(2026, 5, 3), "80-ж"), destination="Ақмола облысы")
    data = Journal(samples.ORGANISATION, date(2026, 1, 5), date(2026, 12, 31), (row,))
    kk, ru = h.text(journal.render(data, "kk")), h.text(journal.render(data, "ru"))
    assert "01.04.2026, № 77-ж, қайта оралды" in kk and "01.04.2026, № 77-ж, вернулся" in ru
    assert "01.02.1950, 76 жас" in kk and "01.02.1950, 76 лет" in ru
    assert "2026 жылғы «05» қаңтар басталды" in kk and "2026 жылғы «31» желтоқсан аяқталды" in kk
    assert "Начат «05» января 2026 года" in ru and "Окончен «31» декабря 2026 года" in ru
    for value in ("Оспанов Ерлан Серікұлы", "+7 701 555 12 34", "03.05.2026, № 80-ж", "Ақмола облысы"):
        assert value in kk
    assert samples.ORGANISATION.name_kk in kk and samples.ORGANISATION.name_ru in kk


def test_long_journal_repeats_header_on_every_page():
    pages = h.page_texts(journal.render(samples.journal(120), "ru"))
    assert len(pages) >= 4
    for page in pages:
        assert "Дата временного выбытия и № приказа" in h.norm(page)
    text = h.norm("\n".join(pages))
    assert all(samples.journal(120).rows[i].full_name in text for i in (0, 59, 119))


@pytest.mark.parametrize("lang", LANGS)
def test_long_plan_spans_pages_with_header_repeated(lang):
    data = samples.plan(per_kind=6, long_texts=True)
    pages = h.page_texts(plan.render(data, lang))
    assert len(pages) >= 4
    header = "Қызмет көлемі (жеке жүргізілетін іс-шаралардың атауы)" if lang == "kk" else \
        "Объём услуг (наименование индивидуально проводимых мероприятий)"
    table_pages = [p for p in pages if "(" in p and ("Мерзімі:" in p or "Срок:" in p)]
    assert len(table_pages) >= 3
    assert all(header in h.norm(p) for p in table_pages)
    text = h.norm("\n".join(pages))
    assert all(h.norm(a.name) in text for a in data.activities)  # nothing lost across page breaks
    last = h.norm(pages[-1])
    consultant = "Әлеуметтік жұмыс жөніндегі консультант**" if lang == "kk" else "Консультант по социальной работе**"
    assert consultant in last


def test_monitoring_sessions_each_print_eight_rows():
    data = samples.monitoring(sessions=3)
    text = h.text(monitoring.render(data, "ru"))
    for n, s in enumerate(data.sessions, 1):
        assert f"Мониторинг № {n}, {s.held_on:%d.%m.%Y}" in text
    assert text.count("социально-правовые") == 3
    assert text.count("Өзіне-өзі қызмет көрсету дағдылары жақсарды") == 3 * 5
    kk = h.text(monitoring.render(data, "kk"))
    assert "2-мониторинг" in kk and kk.count("әлеуметтік-құқықтық") == 3


def test_monitoring_single_session_has_no_session_heading():
    text = h.text(monitoring.render(samples.monitoring(sessions=1), "ru"))
    assert "Мониторинг № 1" not in text and text.count("социально-бытовые") == 1


def test_kind_without_activity_keeps_its_row():
    data = samples.plan()
    data = replace(data, activities=tuple(a for a in data.activities if a.kind is not ServiceKind.SOCIAL_LABOUR))
    text = h.text(plan.render(data, "ru"))
    assert "5 социально-трудовые" in text and "Еңбек терапиясы" not in text


def test_queue_and_roster_data():
    q = samples.queue(5)
    text = h.text(queue.render(q, "ru"))
    assert "Список лиц, состоящих в очереди, по состоянию на «22» ноября 2026 года" in text
    assert all(e.full_name in text and e.iin in text for e in q.entries)
    assert "вне очереди" in text and "в порядке поступления" in text and "Всего: 5" in text
    r = samples.roster(7)
    kk = h.text(queue.render(r, "kk"))
    assert "2026 жылғы «22» қараша жағдай бойынша қызмет алушылардың тізімі" in kk
    assert all(e.full_name in kk and e.iin in kk for e in r.entries) and "Барлығы: 7" in kk
    assert h.text(queue.render(QueueList(), "kk")).count("«__»") == 1


@pytest.mark.parametrize("lang", LANGS)
def test_folder_contents_point_at_the_right_pages(lang):
    pdf = folder.render(samples.folder(), lang)
    pages = [h.norm(p) for p in h.page_texts(pdf)]
    contents = pages[0]
    titles = {"casefile": "Қызмет алушының ЖЕКЕ ІСІ" if lang == "kk" else "ЛИЧНОЕ ДЕЛО получателя услуг",
              "plan": h.SPEC["plan"][lang][2], "monitoring": h.SPEC["monitoring"][lang][0]}
    for key, title in titles.items():
        page = next(i for i, p in enumerate(pages[1:], 2) if title in p)
        section = {"casefile": "Жеке іс (мұқабасы)" if lang == "kk" else "Личное дело (обложка)",
                   "plan": title, "monitoring": title}[key]
        assert f"{section} {page}" in contents
    assert ("Мазмұны" if lang == "kk" else "Содержание") in contents


def test_blank_case_file_has_blank_act_and_filled_without_transfer_has_none():
    assert "Акт приёма-передачи личного дела №" in h.text(casefile.render(None, "ru"))
    text = h.text(casefile.render(samples.case_file(transfer=False), "ru"))
    assert "Акт приёма-передачи" not in text and "Опись документов личного дела" in text


def test_empty_dataclasses_are_blank_forms():
    for render, data, blank in ((casefile.render, CaseFile(), "Қызмет алушының ЖЕКЕ ІСІ № __________"),
                                (monitoring.render, MonitoringJournal(), "__________ бастап __________ қоса алғанда"),
                                (journal.render, Journal(), "20__ жылғы «__» ________ басталды")):
        assert blank in h.text(render(data, "kk"))


def test_batch_of_plans_numbers_each_plan_on_its_own():
    people = [replace(samples.RESIDENT, full_name=name) for name in ("Әлиев Нұрлан", "Серікова Ғалия", "Ким Олег")]
    pdf = plan.render_batch([samples.plan(p) for p in people], "ru")
    pages = [h.norm(p) for p in h.page_texts(pdf)]
    per_plan = len(h.page_texts(plan.render(samples.plan(people[0]), "ru")))
    assert len(pages) == 3 * per_plan
    for k, person in enumerate(people):
        mine = pages[k * per_plan:(k + 1) * per_plan]
        assert person.full_name in mine[0] and all(p.full_name not in mine[0] for p in people if p is not person)
        assert [f"Страница {n} из {per_plan}" in page for n, page in enumerate(mine, 1)] == [True] * per_plan
    assert h.fonts(pdf) <= {("LiberationSerif", True), ("LiberationSerif-Bold", True)}


def test_an_activity_longer_than_a_page_is_split_inside_its_row():
    words = " ".join(f"қадам-{i} әлеуметтік-тұрмыстық" for i in range(700))
    data = replace(samples.plan(), activities=(
        replace(samples.plan().activities[0], name=words), *samples.plan().activities[1:]))
    pages = h.page_texts(plan.render(data, "kk"))
    assert len(pages) >= 4
    text = h.norm("\n".join(pages))
    assert "қадам-0 әлеуметтік-тұрмыстық" in text and "қадам-699 әлеуметтік-тұрмыстық" in text
    assert all("Тағайындау күні" in h.norm(p) for p in pages[1:3])  # the header repeats over the split row
