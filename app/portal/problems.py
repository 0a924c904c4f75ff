"""The problems found in an imported file, written out for the staff to fix the file."""

from __future__ import annotations

from collections.abc import Sequence

from app.i18n import N_, M, check_language
from app.portal.formats import write_csv
from app.portal.records import Format, Problem
from app.portal.xlsx import write_xlsx

PROBLEM_COLUMNS = (N_("Row"), N_("Column"), N_("Value"), N_("Problem"))


def write_problems(problems: Sequence[Problem], fmt: Format, lang: str) -> bytes:
    """The problem list as CSV (UTF-8 with BOM, semicolons) or XLSX, in ``lang``."""
    check_language(lang)
    header = [M(title).render(lang) for title in PROBLEM_COLUMNS]
    rows = [[p.row, p.column or "", p.value, p.render(lang)] for p in problems]
    if fmt is Format.CSV:
        return write_csv(header, rows)
    if fmt is Format.XLSX:
        return write_xlsx(header, rows, sheet=M("Problems").render(lang), widths=(8, 32, 28, 90))
    raise ValueError(f"problems are written as CSV or XLSX, not {fmt}")
