"""The staff list against the minimum staffing norms of Order 308 Annex 1 (R-29, R-36), printed for the
director's meeting or the inspector: each of the 78 positions with its minimum, the units on the staff list,
the shortfall or excess, and the rule's text where the program cannot compute the minimum.

Plain data in, PDF bytes out (A4 landscape: the rule texts are long). The data is defined here, as the
service assembles it: each position's wording in both print languages, already chosen from the act.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from babel.numbers import format_decimal
from reportlab.platypus import Spacer

from reports.common import (
    BODY,
    S_NOTE,
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

COLUMNS = ("No.", "Position (Order 308, Annex 1)", "Minimum norm, staff units", "On the staff list, staff units",
           "Difference (− shortfall, + excess)", "What sets the norm when it is not computed")
SHARES = (4, 33, 9, 9, 10, 35)
BAND_WORDS = {"up-to-25": "up to 25", "over-500": "more than 500"}


@dataclass(frozen=True)
class StaffingLine:
    no: int
    position_kk: str
    position_ru: str
    required: Decimal | None   # None: not computed, see the rule
    actual: Decimal
    rule_kk: str | None = None
    rule_ru: str | None = None

    @property
    def difference(self) -> Decimal | None:
        return None if self.required is None else self.actual - self.required


@dataclass(frozen=True)
class StaffingComparison:
    organisation: Organisation | None = None
    on_date: date | None = None
    recipients: int = 0
    band: str = "up-to-25"
    units: int = 0
    notes: tuple[int, ...] = ()
    lines: tuple[StaffingLine, ...] = field(default_factory=tuple)


def units(value: Decimal | None, lang: str, signed: bool = False) -> str:
    """Staff units the language's way (Babel): 5,25; with ``signed`` a difference: −1,5 / +0,5 / 0."""
    if value is None:
        return "—"
    text = format_decimal(abs(value) if signed else value, "#,##0.##", locale=lang)
    if signed and value:
        return ("−" if value < 0 else "+") + text
    return text


def _band(L: Lang, code: str) -> str:
    return L(BAND_WORDS[code]) if code in BAND_WORDS else code


def blank_lines() -> tuple[StaffingLine, ...]:
    """The 78 positions of Annex 1 with nothing computed: the blank form, filled by hand."""
    from app.domain.staffing import load_norms

    return tuple(StaffingLine(r.no, r.position.render("kk"), r.position.render("ru"), None, Decimal(0))
                 for r in load_norms())


def staffing_story(data: StaffingComparison | None, L: Lang) -> list:
    width = usable_width(landscape=True)
    widths = [width * s / sum(SHARES) for s in SHARES]
    kk = L.code == "kk"
    if data is None:  # the blank form: the positions listed, every number and rule left to write by hand
        body = [[str(x.no), x.position_kk if kk else x.position_ru, None, None, None, None] for x in blank_lines()]
        return [caption_line(None, L("(name of the organisation)"), width),
                title(L("The staff list against the minimum staffing norms as of {date}", date=L.date(None))),
                para(L("Order No. 308 of 11.08.2022, Annex 1: minimum staffing norms of stationary organisations."),
                     S_NOTE),
                grid([[L(c) for c in COLUMNS], *body], widths, landscape=True, center=(0, 2, 3, 4)),
                Spacer(1, 14),
                signatures([(L("Head of the organisation"), [(None, L("(full name (if any), signature)"))])],
                           width, label_width=160)]
    body = [[str(x.no), x.position_kk if kk else x.position_ru, units(x.required, L.code),
             units(x.actual, L.code), units(x.difference, L.code, signed=True),
             (x.rule_kk if kk else x.rule_ru) if x.required is None else None] for x in data.lines]
    short = [x for x in data.lines if x.difference is not None and x.difference < 0]
    over = [x for x in data.lines if x.difference is not None and x.difference > 0]
    open_ = [x for x in data.lines if x.required is None]
    notes = ", ".join(str(n) for n in data.notes) or "—"
    return [
        caption_line(L.org_name(data.organisation), L("(name of the organisation)"), width),
        title(L("The staff list against the minimum staffing norms as of {date}", date=L.date(data.on_date))),
        para(L("Order No. 308 of 11.08.2022, Annex 1: minimum staffing norms of stationary organisations."), S_NOTE),
        para(L("Recipients: {n} (column \"{band}\"); supported independent-living units: {units}; notes of Annex 1 "
               "that apply: {notes}.", n=data.recipients, band=_band(L, data.band), units=data.units, notes=notes),
             Style(BODY, space_before=4, space_after=6)),
        grid([[L(c) for c in COLUMNS], *body], widths, landscape=True, center=(0, 2, 3, 4)),
        para(L("Shortfall: {n} positions, {units} staff units. Excess: {m} positions, {more} staff units. "
               "Not computed (see the rule): {k} positions.", n=len(short),
               units=units(-sum((x.difference or Decimal(0) for x in short), Decimal(0)), L.code), m=len(over),
               more=units(sum((x.difference or Decimal(0) for x in over), Decimal(0)), L.code), k=len(open_)),
             Style(BODY, space_before=6)),
        Spacer(1, 14),
        signatures([(L("Head of the organisation"), [(data.organisation.director_name if data.organisation else None,
                                                      L("(full name (if any), signature)"))])],
                   width, label_width=160),
    ]


def render(data: StaffingComparison | None, lang: str) -> bytes:
    L = lang_of(lang)
    return build_pdf(staffing_story(data, L), L, L("Staffing norms"), landscape=True)
