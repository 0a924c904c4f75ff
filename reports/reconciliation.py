"""The reconciliation of the roster with the portal's (R-30), printed: the counts, then the residents
whose fields differ (field, value here, value on the portal), those only here, those only on the
portal, and those in both without differences."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Spacer

from reports.common import (
    BODY,
    Lang,
    Style,
    build_pdf,
    caption_line,
    grid,
    lang_of,
    para,
    signatures,
    title,
    usable_width,
)
from reports.model import Organisation

#: the fields the reconciliation compares, with their printed captions
FIELD_CAPTIONS = {"iin": "IIN", "last_name": "Last name", "first_name": "First name",
                  "middle_name": "Patronymic (if any)", "birth_date": "Date of birth", "status": "Status",
                  "admission_date": "Date of admission"}
DIFF_COLUMNS = ("No.", "IIN", "Full name (if any)", "Field", "Here", "On the portal")
DIFF_SHARES = (6, 17, 29, 16, 16, 16)
LIST_COLUMNS = ("No.", "IIN", "Full name (if any)")
LIST_SHARES = (6, 22, 72)
S_SECTION = Style(BODY, bold=True, space_before=10, space_after=4)


@dataclass(frozen=True)
class Difference:
    field: str        # a key of FIELD_CAPTIONS
    here: object      # text, a date or a closed-list value
    portal: object


@dataclass(frozen=True)
class ReconEntry:
    iin: str
    full_name: str
    differences: tuple[Difference, ...] = ()


@dataclass(frozen=True)
class ReconciliationSheet:
    organisation: Organisation | None = None
    on_date: date | None = None
    source: str | None = None  # the portal file's name
    differ: tuple[ReconEntry, ...] = ()
    only_here: tuple[ReconEntry, ...] = ()
    only_portal: tuple[ReconEntry, ...] = ()
    both: tuple[ReconEntry, ...] = ()


def _value(L: Lang, value: object) -> str:
    if isinstance(value, date):
        return L.short(value)
    return L.label(value) or "—"


def _section(L: Lang, heading: str, columns, shares, body: list[list]) -> list:
    width = usable_width()
    out = [para(heading, S_SECTION)]
    if not body:
        return out + [para(L("None."))]
    widths = [width * s / sum(shares) for s in shares]
    return out + [grid([[L(c) for c in columns]] + body, widths)]


def _list(L: Lang, entries) -> list[list]:
    return [[str(i), e.iin, e.full_name] for i, e in enumerate(entries, 1)]


def story(data: ReconciliationSheet | None, L: Lang) -> list:
    data = data or ReconciliationSheet()
    width = usable_width()
    diffs = [[str(i), e.iin, e.full_name, L(FIELD_CAPTIONS.get(d.field, d.field)), _value(L, d.here),
              _value(L, d.portal)]
             for i, e in enumerate(data.differ, 1) for d in e.differences]
    matches = not (data.differ or data.only_here or data.only_portal)
    out = [caption_line(L.org_name(data.organisation), L("(name of the organisation)"), width),
           title(L("Reconciliation of the roster of service recipients with the portal as of {date}",
                   date=L.date(data.on_date)))]
    if data.source:
        out.append(para(L("Portal file: {name}", name=data.source)))
    out.append(para(L("The roster matches the portal.") if matches else L("The roster does not match the portal."),
                    Style(BODY, bold=True, space_before=4)))
    out += _section(L, L("Fields differ: {n}", n=len(data.differ)), DIFF_COLUMNS, DIFF_SHARES, diffs)
    out += _section(L, L("Only here, not on the portal: {n}", n=len(data.only_here)), LIST_COLUMNS, LIST_SHARES,
                    _list(L, data.only_here))
    out += _section(L, L("Only on the portal, not here: {n}", n=len(data.only_portal)), LIST_COLUMNS, LIST_SHARES,
                    _list(L, data.only_portal))
    out += _section(L, L("In both, without differences: {n}", n=len(data.both)), LIST_COLUMNS, LIST_SHARES,
                    _list(L, data.both))
    org = data.organisation
    out += [Spacer(1, 16),
            signatures([(L("Head of the organisation"), [(org.director_name if org else None,
                                                          L("(full name (if any), signature)"))])],
                       width, label_width=130)]
    return out


def render(data: ReconciliationSheet | None, lang: str) -> bytes:
    """The reconciliation sheet in ``lang``; ``None`` gives the blank sheet."""
    L = lang_of(lang)
    return build_pdf(story(data, L), L, L("Reconciliation of the roster with the portal"))
