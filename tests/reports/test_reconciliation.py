"""The printed reconciliation of the roster with the portal (R-30), in Kazakh and Russian."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from app.domain.enums import ResidentStatus
from reports import reconciliation
from reports.model import Organisation
from reports.reconciliation import Difference, ReconciliationSheet, ReconEntry

ORG = Organisation("«Қамқор» медициналық-әлеуметтік мекемесі", "Медико-социальное учреждение «Камкор»",
                   director_name="Директоров Д. Д.")
SHEET = ReconciliationSheet(
    ORG, date(2026, 3, 14), "roster.xlsx",
    differ=(ReconEntry("500304300017", "Ахметов Серік Болатұлы",
                       (Difference("last_name", "Ахметов", "Ахмедов"),
                        Difference("status", ResidentStatus.PRESENT, ResidentStatus.TEMPORARILY_ABSENT),
                        Difference("admission_date", date(2021, 2, 1), date(2021, 2, 3)))),),
    only_here=(ReconEntry("481130400028", "Иванова Мария Петровна"),),
    only_portal=(ReconEntry("440404300041", "Порталда Ғана"),),
    both=(ReconEntry("030405600017", "Жұмабаева Әйгерім"),))

CAPTIONS = {
    "kk": ["қызмет алушылар тізімін порталмен салыстыру", "Деректері ерекшеленеді: 1", "Тек бізде, порталда жоқ: 1",
           "Тек порталда, бізде жоқ: 1", "Екеуінде де, айырмашылықсыз: 1", "Тізім порталмен сәйкес келмейді.",
           "Өріс", "Бізде", "Порталда", "Тегі", "Түскен күні", "ЖСН", "уақытша", "Ұйымның басшысы"],
    "ru": ["Сверка списка получателей услуг с порталом", "Различаются сведения: 1", "Только у нас, на портале нет: 1",
           "Только на портале, у нас нет: 1", "В обоих списках, без расхождений: 1",
           "Список не совпадает с порталом.", "Поле", "У нас", "На портале", "Фамилия", "ИИН", "временно выбыл",
           "Руководитель организации"],
}
NAMES = ["Ахметов Серік Болатұлы", "Ахмедов", "Иванова Мария Петровна", "Порталда Ғана", "Жұмабаева Әйгерім",
         "01.02.2021", "03.02.2021", "roster.xlsx"]


def pdf_text(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return " ".join(out.decode("utf-8").split())


pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_sheet_carries_the_captions_and_the_names(lang):
    text = pdf_text(reconciliation.render(SHEET, lang))
    for caption in CAPTIONS[lang] + NAMES:
        assert caption in text, caption
    assert "last_name" not in text and "present" not in text


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_matching_roster_and_the_blank_sheet(lang):
    matching = ReconciliationSheet(ORG, date(2026, 3, 14), both=SHEET.both)
    text = pdf_text(reconciliation.render(matching, lang))
    assert ("Тізім порталмен сәйкес келеді." if lang == "kk" else "Список совпадает с порталом.") in text
    assert ("Жоқ." if lang == "kk" else "Нет.") in text
    assert reconciliation.render(None, lang).startswith(b"%PDF")


def test_the_same_data_gives_the_same_bytes():
    assert reconciliation.render(SHEET, "ru") == reconciliation.render(SHEET, "ru")
