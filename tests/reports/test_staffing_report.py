"""The printed staffing comparison (R-29, R-36) in Kazakh and Russian: the numbers of the computation, the rule's
text where the norm is not computed, the shortfall and excess; the text is read back from the PDF."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from app.domain.staffing import StaffingProfile, compute
from reports.model import Organisation
from reports.staffing import StaffingComparison, StaffingLine, render, units
from tests.reports.helpers import fonts, text

ORG = Organisation("Тест ұйымы", "Тестовая организация", director_name="Директоров Д. Д.")


def comparison() -> StaffingComparison:
    result = compute(StaffingProfile(frozenset({5}), 80, nurse_posts=2),
                     {1: Decimal(1), 63: Decimal("5.25"), 40: Decimal("3.5")})
    lines = tuple(StaffingLine(p.no, p.position.render("kk"), p.position.render("ru"), p.required, p.actual,
                               p.rule.render("kk") if p.rule else None, p.rule.render("ru") if p.rule else None)
                  for p in result.positions)
    return StaffingComparison(ORG, None, result.recipients, result.band, result.units, (5,), lines)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_r29_printed_comparison_carries_the_numbers_and_rules(lang):
    data = comparison()
    pdf = render(data, lang)
    got = text(pdf)
    assert {name for name, _embedded in fonts(pdf)} <= {"LiberationSerif", "LiberationSerif-Bold"}
    title = {"kk": "штат кестесін ең төмен штат нормативтерімен салыстыру",
             "ru": "Сопоставление штатного расписания с минимальными штатными нормативами"}[lang]
    assert title in got
    nurse = next(x for x in data.lines if x.no == 63)
    position = nurse.position_kk if lang == "kk" else nurse.position_ru
    # the nurse's row: position, required 10,5, actual 5,25, difference −5,25 (Babel's comma in both languages)
    assert re.search(re.escape(position) + r" 10,5 5,25 −5,25", got), got[:400]
    cook = next(x for x in data.lines if x.no == 40)
    assert f"{units(cook.required, lang)} 3,5 +{units(Decimal('3.5') - cook.required, lang)}" in got
    janitor = next(x for x in data.lines if x.no == 24)  # "according to the model norms": the rule's text
    assert janitor.required is None and (janitor.rule_kk if lang == "kk" else janitor.rule_ru) in got
    short = [x for x in data.lines if x.difference is not None and x.difference < 0]
    assert ({"kk": f"Жетіспейді: {len(short)} лауазым", "ru": f"Недостаёт: должностей – {len(short)}"}[lang]) in got
    band = {"kk": "«51-100» бағаны", "ru": "графа «51-100»"}[lang]
    assert band in got
    assert (ORG.name_kk if lang == "kk" else ORG.name_ru) in got


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_blank_comparison_lists_the_78_positions_to_fill_by_hand(lang):
    from app.domain.staffing import load_norms

    got = text(render(None, lang))
    assert all(r.position.render(lang) in got for r in load_norms() if r.no in (1, 36, 63, 78))
    assert "78" in got and {"kk": "Жетіспейді", "ru": "Недостаёт"}[lang] not in got
