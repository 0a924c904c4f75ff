"""The printed checklist (Joint Order 401/69, Annex 3) in Kazakh and Russian: the header fields, the four answer
columns, the signature block as ../shared/data/checklist_header_fields.md lists them, the 20 requirements word for
word, the marks in the right columns, and the findings with their degree."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from reports import checklist, samples
from tests.reports.helpers import font_chars, norm, page_texts, text

DATA = Path(__file__).resolve().parents[2] / "resources" / "data"
#: as in the header-fields table (Kazakh "as in source"); Russian as in the Russian edition of the order
CAPTIONS = {
    "kk": ["Тексеруді тағайындаған мемлекеттік орган",
           "Бақылау субъектісіне (объектісіне) бару арқылы тексеру/профилактикалық бақылау тағайындау туралы акт",
           "(№, күні)", "Бақылау субъектісінің (объектісінің) атауы",
           "Бақылау субъектісінің (объектісінің) жеке сәйкестендіру нөмірі, бизнес сәйкестендіру нөмірі",
           "Орналасқан мекенжайы", "Талаптар тізбесі", "Талап етіледі", "Талап етілмейді", "Талапқа сәйкес келеді",
           "Талапқа сәйкес келмейді", "Лауазымды адам (дар)", "(лауазымы) (қолы)",
           "тегі, аты, әкесінің аты (бар болса)", "Бақылау субъектісінің басшысы", "3-қосымша"],
    "ru": ["Государственный орган, назначивший проверку", "(№, дата)", "Наименование субъекта (объекта) контроля",
           "Адрес места нахождения", "Перечень требований", "Требуется", "Не требуется", "Соответствует требованиям",
           "Не соответствует требованиям", "Должностное (ые) лицо (а)", "(должность) (подпись)",
           "фамилия, имя, отчество (при его наличии)", "Руководитель субъекта контроля", "Приложение 3"],
}
DEGREE = {"kk": "елеулі", "ru": "значительная"}


def _texts(lang: str) -> dict[int, str]:
    name = "checklist_stationary_semistationary.csv" if lang == "kk" else "checklist_stationary_semistationary_ru.csv"
    return {int(r["no"]): r[f"requirement_{lang}"] for r in csv.DictReader(open(DATA / name, encoding="utf-8"))}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_checklist_prints_the_layout_of_annex_3(lang):
    sheet = samples.checklist(lang)
    pdf = checklist.render(sheet, lang)
    body = text(pdf)
    for caption in CAPTIONS[lang]:
        assert norm(caption) in body, caption
    for no, requirement in _texts(lang).items():
        assert norm(requirement) in body, no  # every requirement whole: no word broken
    assert sheet.organisation.bin in body and norm(sheet.organisation.address) in body
    assert norm(sheet.organisation.director_name) in body
    for f in sheet.findings:
        assert f.iin in body and norm(f.full_name) in body
    assert body.count(DEGREE[lang]) == len(sheet.findings)
    # the marks: "+" in required and in meets/does not meet for answered items; one in "not required" for item 7
    marks = sum(t.count("+") for t in page_texts(pdf))
    answered = [r for r in sheet.rows if r.status in ("complies", "fails")]
    assert marks == 2 * len(answered) + sum(r.status == "not_required" for r in sheet.rows)
    assert set(re.sub(r"\s", "", body)) <= font_chars()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_blank_checklist_has_twenty_numbered_rows(lang):
    body = text(checklist.render(None, lang))
    assert all(norm(c) in body for c in CAPTIONS[lang])
    assert re.search(r"\b20\b", body)
