"""Issue 9 points 17-23 on the printed forms (Annexes 3-5 of Order 308, FORMS.md)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.domain.enums import ChangeMark, DocumentKind, OrgType, ServiceKind
from reports import casefile, folder, monitoring, plan, samples
from reports.common import lang_of, section_pages
from reports.model import Activity, InventoryItem, MonitoringRow, PersonalFolder
from tests.reports import helpers as h


@pytest.mark.parametrize("lang, wanted", [
    ("kk", "түпнұсқасы қызмет алушының 02.03.2026 жазбаша келісімімен әкімшілікте сақталады"),
    ("ru", "оригинал хранится в администрации с письменного согласия получателя услуг от 02.03.2026"),
])
def test_r11_inventory_note_in_the_print_language_with_the_consent_date(lang, wanted):
    item = InventoryItem(DocumentKind.IDENTITY, date(2019, 6, 4), 1, original=True, consent_on=date(2026, 3, 2))
    assert casefile.note_text(lang_of(lang), item) == wanted
    assert h.norm(wanted) in h.text(casefile.render(replace(samples.case_file(), inventory=(item,)), lang))
    assert "identity document" not in h.text(casefile.render(samples.case_file(), lang))


@pytest.mark.parametrize("org_type, rows", [(OrgType.STATIONARY, 4), (OrgType.TEMPORARY_STAY, 5)])
def test_r12_act_lists_order_inventory_plan_journal_and_for_temporary_stay_the_agreement(org_type, rows):
    org = replace(samples.ORGANISATION, org_type=org_type)
    data = replace(samples.case_file(), organisation=org)
    ru = [r[1] for r in casefile.package_rows(data, lang_of("ru"))]
    kk = [r[1] for r in casefile.package_rows(data, lang_of("kk"))]
    assert ru[:4] == ["Копия приказа о выбытии (переводе)", "Опись документов личного дела",
                      "Индивидуальный план (приложение 4)", "Журнал мониторинга (приложение 5)"]
    assert kk[:4] == ["Шығару (ауыстыру) туралы бұйрықтың көшірмесі", "Жеке істегі құжаттардың тізімдемесі",
                      "Жеке жоспар (4-қосымша)", "Мониторинг журналы (5-қосымша)"]
    assert len(ru) == rows
    if rows == 5:
        assert ru[4] == "Договор о ресоциализации (для организаций временного пребывания)"


def test_r12_act_names_the_receiving_organisation_apart_from_the_region():
    text = h.text(casefile.render(samples.case_file(), "ru"))
    assert "Принимающая организация «Теміртау қаласының медициналық-әлеуметтік мекемесі» КММ" in text
    assert "Куда выбыл (область, город, район) Қарағанды облысы, Теміртау қаласы" in text


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_r13_numbered_and_bound_counts_every_printed_page_bound_and_the_documents(lang):
    """"Нөмірленген және тігілген ___ парақ": cover + inventory + plan + monitoring journal as printed,
    plus each document's sheets (21 in the sample); the act is the hand-over, not bound."""
    L = lang_of(lang)
    cf = replace(samples.case_file(transfer=False), sheets=None, document_sheets=21)
    p, m = samples.plan(per_kind=3), samples.monitoring()
    pages = [len(h.reader(plan.render(p, lang)).pages), len(h.reader(monitoring.render(m, lang)).pages)]
    expected = 1 + 1 + sum(pages) + 21
    assert section_pages(casefile.bound_sections(cf, L), L) == [1, 1]
    counted, bound = folder.counted(PersonalFolder(cf, p, m), L)
    assert counted.case_file.sheets == expected and (bound["plan"], bound["monitoring"]) == tuple(pages)
    word = f"{expected} ({L.words(expected)})"
    assert word in h.text(folder.render(PersonalFolder(cf, p, m), lang))
    assert word in h.text(folder.render_casefile(PersonalFolder(cf, p, m), lang))
    # without a plan, only the case file's own pages and the documents
    assert folder.counted(PersonalFolder(cf), L)[0].case_file.sheets == 1 + 1 + 21


def test_r13_transfer_package_prints_the_act_plan_and_journal():
    pf = PersonalFolder(samples.case_file(), samples.plan(), samples.monitoring())
    text = h.text(folder.render_casefile(pf, "kk"))
    for wanted in ("Жеке істі қабылдау-тапсыру актісі", "Арнаулы әлеуметтік қызметтер көрсету бойынша жеке жоспары",
                   "Арнаулы әлеуметтік қызметтер көрсету бойынша жоспарын орындау (мониторингі) жөніндегі журнал"):
        assert h.norm(wanted) in text
    no_transfer = h.text(folder.render_casefile(replace(pf, case_file=samples.case_file(transfer=False)), "kk"))
    assert "қабылдау-тапсыру актісі" not in no_transfer and "жеке жоспары" not in no_transfer


def test_r18_approval_block_has_the_seeds_two_lines():
    """003 Annex 4: "Бекітемін:" then two ruled lines above the caption of the head's name and signature."""
    block = plan.approval_block(lang_of("kk"), samples.plan())
    ruled = [any(cell.rule for _c, _w, cell, _l in placed) for _row, placed, *_ in block._rows]
    assert ruled[:3] == [False, True, True]


@pytest.mark.parametrize("lang, mark", [("kk", "(жалғасы)"), ("ru", "(продолжение)")])
def test_r16_kind_continued_on_a_new_page_repeats_its_number_and_name(lang, mark):
    pages = h.page_texts(plan.render(samples.plan(per_kind=4, long_texts=True), lang))
    continued = [h.norm(p) for p in pages[1:] if mark in p]
    assert continued
    names = [lang_of(lang).label(k) for k in ServiceKind]
    for page in continued:
        assert any(f"{n} {name} {mark}" in page for n, name in enumerate(names, 1))


@pytest.mark.parametrize("lang, kk_or_ru", [("kk", "kk"), ("ru", "ru")])
def test_r16_catalogue_activity_prints_in_the_print_language(lang, kk_or_ru):
    acts = (Activity(ServiceKind.SOCIAL_HOUSEHOLD, "Жұмсақ инвентарь беру",
                                                   name_kk="Жұмсақ инвентарь беру",
                                                   name_ru="Предоставление мягкого инвентаря"),
            Activity(ServiceKind.SOCIAL_MEDICAL, "Өз сөзіммен"))
    text = h.text(plan.render(replace(samples.plan(), activities=acts), lang))
    assert ("Жұмсақ инвентарь беру" if kk_or_ru == "kk" else "Предоставление мягкого инвентаря") in text
    assert "Өз сөзіммен" in text


@pytest.mark.parametrize("lang, worse, same", [("kk", "нашарлады: ауырды", "өзгерістер жоқ: себебі"),
                                               ("ru", "ухудшилось: ауырды", "изменений нет: себебі")])
def test_r22_column_4_says_no_change_or_worse_before_the_reason(lang, worse, same):
    L = lang_of(lang)
    assert monitoring.column4(L, MonitoringRow(ServiceKind.SOCIAL_LEGAL, no_change="ауырды",
                                               mark=ChangeMark.WORSE)) == worse
    assert monitoring.column4(L, MonitoringRow(ServiceKind.SOCIAL_LEGAL, no_change="себебі",
                                               mark=ChangeMark.NO_CHANGE)) == same
    assert monitoring.column4(L, MonitoringRow(ServiceKind.SOCIAL_LEGAL, positive="жақсы",
                                               mark=ChangeMark.POSITIVE)) is None


@pytest.mark.parametrize(("lang", "decision", "copy"), [("kk", "Шығу туралы шешім", "Ауыстыру туралы шешімнің көшірмесі"),
                                                        ("ru", "Решение о выбытии", "Копия решения о переводе")])
def test_r01_home_care_transfer_act_names_the_heads_decision(lang, decision, copy):
    """R-01: a home-care organisation transfers a person by the head's decision (шешім), not an order."""
    from app.domain.enums import OrgType

    cf = samples.case_file()
    home = replace(cf, organisation=replace(cf.organisation, org_type=OrgType.HOME_CARE))
    text = " ".join(h.text(casefile.render(home, lang)).split())
    assert decision in text and copy in text
    assert "бұйрық" not in text.lower() and "приказ" not in text.lower()
    stationary = " ".join(h.text(casefile.render(cf, lang)).split())
    assert decision not in stationary and copy not in stationary
