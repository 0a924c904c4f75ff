"""Annex 2: the electronic journal of registration in the queue (R-01, R-02, R-09). A4 landscape."""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Spacer

from reports.common import (
    NBSP,
    S_BODY,
    SMALL,
    Lang,
    annex_block,
    build_pdf,
    cap,
    grid,
    lang_of,
    numbers_row,
    org_names,
    para,
    title,
    usable_width,
)
from reports.model import Journal, JournalRow

COLUMNS = (
    "Item No.",
    "Status",
    "Surname, first name, patronymic (if any)",
    "Date of birth, age",
    "Sex",
    "Home address",
    "Phone number",
    "Term of the individual habilitation and rehabilitation programme of the person with disability",
    "Date of admission and order No.",
    "Date of temporary departure and order No.",
    "Date of discharge and order No.",
    "Reason for discharge",
    "Date of transfer and order No.",
    "Where discharged to (region, city, district)",
)
# Relative widths of the 14 columns (scaled to the landscape page).
_SHARES = (20, 54, 80, 52, 37, 72, 61, 66, 60, 56, 56, 58, 56, 66)
SIZE = SMALL + 0.5
BLANK_ROWS = 16


def _cells(L: Lang, n: int, row: JournalRow) -> list:
    born = ", ".join(p for p in (L.short(row.birth_date),
                                 L.plural("{n} year old", "{n} years old", row.age).replace(" ", NBSP)
                                 if row.age is not None else "")
                     if p)
    admission = ", ".join(p for p in (L.order(row.admission), L("returned") if row.returned else "") if p)
    ipr = L.short(row.ipr_term) if isinstance(row.ipr_term, date) else row.ipr_term
    return [str(row.number if row.number is not None else n), L.label(row.status), row.full_name, born,
            L.label(row.sex), row.address, row.phone, ipr, admission, L.order(row.temporary_departure),
            L.order(row.discharge), L.label(row.reason), L.order(row.transfer), row.destination]


def story(data: Journal | None, L: Lang) -> list:
    data = data or Journal()
    org = data.organisation
    width = usable_width(landscape=True)
    widths = [width * s / sum(_SHARES) for s in _SHARES]
    rows = [[L(c) for c in COLUMNS], numbers_row(len(COLUMNS))]
    rows += [_cells(L, i, r) for i, r in enumerate(data.rows, 1)]
    rows += [[None] * 14 for _ in range(0 if data.rows else BLANK_ROWS)]
    return [
        annex_block(L, 2),
        Spacer(1, 4),
        org_names(L, org, width),
        title(cap(L("Electronic journal of registration in the queue of persons receiving special social services "
                    "and persons in need of special social services in the {type} organisation",
                    type=L.org_type(org, "org type")))),
        para(L("Started {date}", date=L.date(data.started_on)), S_BODY),
        para(L("Finished {date}", date=L.date(data.finished_on)), S_BODY),
        Spacer(1, 4),
        grid(rows, widths, header_rows=2, size=SIZE, landscape=True),
    ]


def render(data: Journal | None, lang: str) -> bytes:
    """The journal as PDF bytes; ``None`` or an empty :class:`Journal` gives the blank form."""
    L = lang_of(lang)
    return build_pdf(story(data, L), L, L("Electronic journal"), landscape=True)
