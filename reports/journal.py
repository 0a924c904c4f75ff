"""Annex 2: the electronic journal of registration in the queue (R-01, R-02, R-09). A4 landscape.

Column 1 is the entry's number in the journal (the 2022 edition's «№»), the same in every printout;
column 12 holds the reason of a discharge and of each temporary departure (a suspension); a
home-care organisation's movements rest on the head's decision, not an order (R-01).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.platypus import Spacer

from app.domain.journal import decided_by_decision
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
    "Entry No.",
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
# Columns 9, 10, 11 and 13 of a home-care organisation: the head's decision instead of an order.
DECISION_COLUMNS = {8: "Date of admission and decision No.", 9: "Date of temporary departure and decision No.",
                    10: "Date of discharge and decision No.", 12: "Date of transfer and decision No."}
# Relative widths of the 14 columns (scaled to the landscape page).
_SHARES = (26, 54, 80, 52, 37, 69, 61, 66, 60, 56, 56, 58, 56, 63)  # column 1 holds five digits at full size
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
            L.order(row.discharge), _reasons(L, row), L.order(row.transfer), row.destination]


def _reasons(L: Lang, row: JournalRow) -> str | None:
    """Column 12 (R-01): the reason of each temporary departure (suspension), dated as in column 10, then
    the reason of the discharge."""
    departures = row.temporary_departure if isinstance(row.temporary_departure, tuple) else \
        (row.temporary_departure,) if row.temporary_departure else ()
    lines = [f"{L.short(ref.on)}: {why}" if ref.on else why
             for ref, why in zip(departures, row.departure_reasons) if why]
    if row.reason is not None:  # dated too when departures' reasons stand above it
        on = row.discharge.on if lines and row.discharge is not None else None
        lines.append(f"{L.short(on)}: {L.label(row.reason)}" if on else L.label(row.reason))
    return "\n".join(lines) or None


def headers(L: Lang, org) -> list[str]:
    """The 14 column captions (FORMS.md), worded for the organisation's type."""
    decision = org is not None and decided_by_decision(org.org_type)
    return [L(DECISION_COLUMNS.get(i, c) if decision else c) for i, c in enumerate(COLUMNS)]


def story(data: Journal | None, L: Lang) -> list:
    data = data or Journal()
    org = data.organisation
    width = usable_width(landscape=True)
    widths = [width * s / sum(_SHARES) for s in _SHARES]
    rows: list[Sequence[str | None]] = [headers(L, org), numbers_row(len(COLUMNS))]
    rows += [_cells(L, i, r) for i, r in enumerate(data.rows, 1)]
    rows += [[None] * 14 for _ in range(0 if data.rows else BLANK_ROWS)]
    return [
        annex_block(L, 2),
        Spacer(1, 4),
        org_names(L, org, width),
        title(cap(L("Electronic journal of registration in the queue of persons receiving special social services "
                    "and persons in need of special social services {in_organisation}",
                    in_organisation=L.org_type(org, "in organisation")))),  # the own type, in the locative
        para(L("Started {date}", date=L.date(data.started_on)), S_BODY),
        para(L("Finished {date}", date=L.date(data.finished_on)), S_BODY),
        Spacer(1, 4),
        grid(rows, widths, header_rows=2, size=SIZE, landscape=True),
    ]


def render(data: Journal | None, lang: str) -> bytes:
    """The journal as PDF bytes; ``None`` or an empty :class:`Journal` gives the blank form."""
    L = lang_of(lang)
    return build_pdf(story(data, L), L, L("Electronic journal"), landscape=True)
