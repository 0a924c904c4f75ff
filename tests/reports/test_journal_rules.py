"""Issue 9 points 12-16 on the printed Annex 2 journal (R-01, R-09); expected wording from FORMS.md
and the seeds, not from the code."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.domain.enums import DischargeReason, OrgType, ResidentStatus
from reports import journal, samples
from reports.common import FONT
from reports.layout import Shrunk, fit_lines, text_width
from reports.model import Journal, JournalRow, OrderRef, Organisation
from tests.reports import helpers as h

ORG = replace(samples.ORGANISATION, org_type=OrgType.STATIONARY)


def _journal(org=ORG, rows=(), finished=None) -> Journal:
    return Journal(org, date(2026, 1, 1), finished, tuple(rows))


@pytest.mark.parametrize("org_type, kk, ru", [
    # FORMS.md: "стационарлық үлгідегі ұйымда", not "ұйымында", when one type is printed
    (OrgType.STATIONARY, "Стационарлық үлгідегі ұйымда арнаулы әлеуметтік қызметтерді алатын",
     "нуждающихся в специальных социальных услугах, в организации стационарного типа"),
    (OrgType.SEMI_STATIONARY, "Жартылай стационарлық үлгідегі ұйымда арнаулы",
     "в организации полустационарного типа"),
    (OrgType.HOME_CARE, "Үйде қызмет көрсететін ұйымда арнаулы", "в организации надомного обслуживания"),
    (OrgType.TEMPORARY_STAY, "Уақытша болу ұйымында арнаулы", "в организации временного пребывания"),
])
def test_r09_title_names_the_own_type_in_the_form_the_sentence_needs(org_type, kk, ru):
    org = replace(ORG, org_type=org_type)
    kk_text, ru_text = h.text(journal.render(_journal(org), "kk")), h.text(journal.render(_journal(org), "ru"))
    assert kk in kk_text and ru in ru_text
    assert "/" not in kk_text.split("журналы")[0].split("(орыс немесе өзге тілде)")[1]
    if org_type != OrgType.TEMPORARY_STAY:
        assert "ұйымында" not in kk_text


def test_r09_the_blank_form_keeps_all_four_types_as_the_seed_prints_them():
    text = h.text(journal.render(None, "kk"))
    # 003 Annex 2: "Стационарлық/жартылай стационарлық үлгідегі/ үйде қызмет көрсететін/уақытша болу ұйымында"
    assert "Стационарлық/жартылай стационарлық үлгідегі/үйде қызмет көрсететін/уақытша болу ұйымында арнаулы" in text


def test_r09_column_1_is_numbered_with_the_entrys_own_number():
    rows = [JournalRow(number=57, status=ResidentStatus.PRESENT, full_name="Ахметов Асқар"),
            JournalRow(number=112, status=ResidentStatus.IN_QUEUE, full_name="Бекова Гүл")]
    for lang, caption in (("kk", "№ Мәртебесі"), ("ru", "№ п/п Статус")):
        text = h.text(journal.render(_journal(rows=rows), lang))
        assert caption in text  # FORMS.md column 1: «№» (kk) — «№ п/п» (ru)
        assert "57 " in text and "112 " in text
        assert "Р/с" not in text


def test_r09_finished_stays_blank_when_not_given_and_is_printed_when_closed():
    kk_open = h.text(journal.render(_journal(), "kk"))
    assert "20__ жылғы «__» ________ аяқталды" in kk_open
    ru_closed = h.text(journal.render(_journal(finished=date(2026, 3, 31)), "ru"))
    assert "Окончен «31» марта 2026 года" in ru_closed


def test_r01_column_12_holds_the_reason_of_a_temporary_departure_and_of_a_discharge():
    row = JournalRow(number=1, status=ResidentStatus.DISCHARGED, full_name="Ахметов Асқар",
                     admission=OrderRef(date(2026, 1, 5), "1-ж"),
                     temporary_departure=(OrderRef(date(2026, 2, 1), "5-ж"), OrderRef(date(2026, 2, 20), "9-ж")),
                     departure_reasons=("ауруханаға", None),
                     discharge=OrderRef(date(2026, 3, 1), "12-ж"), reason=DischargeReason.TO_FAMILY,
                     destination="Қарағанды облысы, Теміртау қаласы")
    kk = h.text(journal.render(_journal(rows=[row]), "kk"))
    assert "01.02.2026: ауруханаға" in kk
    assert "Теміртау қаласы" in kk  # column 14 for a discharge (FORMS.md)
    ru = h.text(journal.render(_journal(rows=[row]), "ru"))
    assert "01.02.2026: ауруханаға" in ru


@pytest.mark.parametrize("lang, captions", [
    ("kk", ["Түскен күні және шешімнің №", "Уақытша шыққан күні және шешімнің №", "Шыққан күні және шешімнің №",
            "Ауыстырылған күні және шешімнің №"]),
    ("ru", ["Дата поступления и № решения", "Дата временного выбытия и № решения", "Дата выбытия и № решения",
            "Дата перевода и № решения"]),
])
def test_r01_home_care_journal_names_the_heads_decision_not_an_order(lang, captions):
    # 000 item 26 1): "шешімнің нөмірі мен күнін" — the decision's number and date
    text = h.text(journal.render(_journal(replace(ORG, org_type=OrgType.HOME_CARE)), lang))
    assert all(c in text for c in captions)
    assert "бұйрықтың" not in text and "приказа" not in text
    stationary = h.text(journal.render(_journal(), lang))
    assert "шешімнің" not in stationary and "решения" not in stationary


def test_r09_words_are_never_cut_between_letters_in_a_narrow_column():
    word = "психоневрологиялық"
    room = text_width(word, 7.5, FONT) * 0.8  # narrower than the word at the journal's size
    lines = fit_lines(f"Алматы облысы, {word} интернат-үйі", room, 7.5, FONT)
    assert isinstance(lines, Shrunk) and lines.size < 7.5
    assert word in " ".join(lines).split()
    assert all(text_width(line, lines.size, FONT) <= room for line in lines)
    # a compound word still breaks after its hyphen first, at the table's own size
    compound = fit_lines("әлеуметтік-тұрмыстық", text_width("әлеуметтік-", 7.5, FONT) + 1, 7.5, FONT)
    assert compound == ("әлеуметтік-", "тұрмыстық") and not isinstance(compound, Shrunk)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_r09_words_are_never_cut_in_the_printed_journal(lang):
    org = Organisation("«Мейірім» психоневрологиялық медициналық-әлеуметтік мекемесі",
                       "Психоневрологическое медико-социальное учреждение «Мейірім»", OrgType.STATIONARY)
    row = JournalRow(number=3, status=ResidentStatus.TRANSFERRED, full_name="Нұрмағамбетова Гүлжанат Ерболатқызы",
                     address="Ақмола облысы, Көкшетау қаласы, Абай көшесі, 12-пәтер",
                     admission=OrderRef(date(2026, 1, 5), "1-ж"), transfer=OrderRef(date(2026, 3, 1), "12-ж"),
                     destination="Қарағанды облысы, психоневрологиялық медициналық-әлеуметтік мекеме")
    text = h.text(journal.render(Journal(org, date(2026, 1, 1), None, (row,)), lang))
    for word in ("психоневрологиялық", "Нұрмағамбетова", "Ерболатқызы", "медициналық-әлеуметтік"):
        assert word in text, word
