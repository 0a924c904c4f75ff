"""The printed statistics (issue 13 point 4): ReportLab charts with their numbers, the daily headcount,
in Kazakh and in Russian — the wording from the forms catalogs, months and numbers by Babel, the shipped
font embedded (Kazakh letters)."""

import datetime as dt

import pytest
from babel.dates import format_date

from app.domain.enums import DischargeReason, OrgType, RecipientCategory
from app.domain.statistics import AbsenceGroup, Chart, Series, headcount
from app.i18n import catalog
from reports.model import Organisation
from reports.statistics import StatisticsReport, render
from tests.reports.helpers import reader, text

MONTHS = (dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1))
DATA = StatisticsReport(
    Organisation("«Ақниет» КММ", "КГУ «Акниет»", OrgType.STATIONARY, "Сәрсенбаева Г. С."),
    dt.date(2026, 1, 1), dt.date(2026, 3, 31),
    (Chart("occupancy", "Places held at the end of each month", "line", MONTHS,
           (Series("Places held", (1234, 1240, 1251)), Series("Capacity", (1300, 1300, 1300)))),
     Chart("discharges", "Discharges and transfers by month and reason", "stacked", MONTHS,
           (Series(DischargeReason.DEATH.msgid, (2, 0, 1)), Series("transfer to another organisation", (0, 3, 0)))),
     Chart("on_time", "Plans and monitoring done in time", "share", MONTHS,
           (Series("Plans drawn up, completed and approved in time", (0.5, None, 1.0)),), unit="share"),
     Chart("category", "Residents by category", "hbar", (RecipientCategory.ELDERLY.msgid,),
           (Series("Residents", (7,)),), translate_categories=True)),
    headcount(dt.date(2026, 3, 31), [("Паллиатив палатасы", "elderly", False, None),
                                     (None, "elderly", True, "Ауруханаға жатқызу"),
                                     (None, "elderly", True, "санаторий"), (None, "elderly", False, None)]))


def tr(msgid: str, lang: str) -> str:
    out = catalog(lang, "forms").gettext(msgid)
    assert out != msgid, f"{msgid!r} has no {lang} translation"
    return out


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_statistics_printed_in_each_language(lang):
    pdf = render(DATA, lang)
    words = text(pdf)
    for msgid in ("Places held at the end of each month", "Discharges and transfers by month and reason",
                  "Plans and monitoring done in time", "Residents by category", "Places held", "Capacity",
                  "transfer to another organisation", DischargeReason.DEATH.msgid, AbsenceGroup.HOSPITAL.msgid,
                  "Main part", "Total"):
        assert tr(msgid, lang) in words, msgid
    # the months by Babel in the print language, the numbers grouped in its way (1 234 / 1 234)
    for m in MONTHS:
        assert format_date(m, "LLLL yyyy", locale=lang) in words
    assert "1 234" in words and "50%" in words and "100%" in words
    assert tr("Daily headcount on {date}", lang).split("{date}")[0].strip() in words
    assert "Паллиатив палатасы" in words and "санаторий" in words
    assert ("«31» наурыз" if lang == "kk" else "«31» марта") in words
    # one language only: the other's wording of the same titles is absent
    other = "ru" if lang == "kk" else "kk"
    assert tr("Residents by category", other) not in words
    fonts = {str(f) for p in reader(pdf).pages for f in p["/Resources"]["/Font"].values()}
    assert fonts  # the shipped TTF is embedded (ReportLab names it by its subset)
    assert len(reader(pdf).pages) >= 2


def test_headcount_numbers_printed():
    words = text(render(DATA, "ru"))
    # the unit's row: 1 present; the main part: 1 present, 1 in hospital, 1 other; total 2 present, 4 in all
    h = DATA.headcount
    assert (h.present, h.away(AbsenceGroup.HOSPITAL), h.away(AbsenceGroup.OTHER), h.total) == (2, 1, 1, 4)
    assert "Итого" in words or tr("Total", "ru") in words
    assert tr("Other reasons: {reasons}", "ru").format(reasons="санаторий — 1") in words
