"""The recipient's personal folder (R-12, R-24): case file cover, inventory (and transfer act),
the current plan and the monitoring journal bound as one PDF behind a contents page."""

from __future__ import annotations

from dataclasses import replace

from reportlab.platypus import Spacer

from reports import casefile, monitoring, plan
from reports.common import (
    BLANK_SHORT,
    BODY,
    Lang,
    Section,
    build_pdf,
    caption_line,
    field,
    grid,
    join_sections,
    lang_of,
    section_pages,
    title,
    usable_width,
)
from reports.model import PersonalFolder, Recipient


def _contents(L: Lang, data: PersonalFolder, names: list[str], pages: dict) -> list:
    width = usable_width()
    person = (data.case_file.recipient if data.case_file else None) or (data.plan.recipient if data.plan else None)
    org = data.case_file.organisation if data.case_file else (data.plan.organisation if data.plan else None)
    rows = [[L("No."), L("Section"), L("Page")]]
    rows += [[str(i), name, str(pages.get(name, ""))] for i, name in enumerate(names, 1)]
    return [caption_line(L.org_name(org), L("(name of the organisation)"), width),
            title(L("Personal folder of the service recipient")),
            field(L("Full name (if any)"), (person or Recipient()).full_name, width),
            Spacer(1, 12),
            title(L("Contents")),
            grid(rows, [0.08 * width, 0.78 * width, 0.14 * width], size=BODY, center=(0, 2))]


def _plan_parts(data: PersonalFolder, L: Lang) -> list[Section]:
    """The plan and its monitoring journal bound in the folder: the current ones, or the blank forms
    in the blank set (a resident with no plan yet has none bound)."""
    if data.plan is None and data.case_file is not None:
        return []
    return [*plan.sections(data.plan, L), *monitoring.sections(data.monitoring, L)]


def counted(data: PersonalFolder, L: Lang) -> tuple[PersonalFolder, dict]:
    """R-13: the case file's "numbered and bound" count is every sheet of the folder: its cover and
    inventory, the plan and the monitoring journal as printed (one layout pass), and each document's
    sheets. Returns the folder with that count and the pages of each bound part (for the transfer act)."""
    cf = data.case_file
    if cf is None:
        return data, {}
    pages = section_pages([*casefile.bound_sections(cf, L), *_plan_parts(data, L)], L) + [0, 0]
    if cf.sheets is None and cf.document_sheets is not None:
        cf = replace(cf, sheets=sum(pages) + cf.document_sheets)
    p = data.plan
    note = f"{L.short(p.period_start, BLANK_SHORT)} – {L.short(p.period_end, BLANK_SHORT)}" if p else None
    return replace(data, case_file=cf), {"inventory": pages[1], "plan": pages[2] or None,
                                         "monitoring": pages[3] or None,
                                         "plan_note": note}


def render_casefile(data: PersonalFolder | None, lang: str) -> bytes:
    """The case file as printed from a resident's folder: cover and inventory, counting the plan and the
    journal bound in it (R-13); on a transfer the whole package that goes with the person (R-12):
    the act, the plan (Annex 4) and the monitoring journal (Annex 5)."""
    if data is None or data.case_file is None:
        return casefile.render(None if data is None else data.case_file, lang)
    L = lang_of(lang)
    data, bound = counted(data, L)
    parts = casefile.sections(data.case_file, L, bound)
    if data.case_file is not None and data.case_file.transfer is not None:
        parts += _plan_parts(data, L)
    return build_pdf(join_sections(parts), L, L("Personal case file (cover)"))


def render(data: PersonalFolder | None, lang: str) -> bytes:
    """The folder as one PDF; ``None`` gives the blank set. Built twice: the first pass finds
    the page each section starts on, the second prints those numbers on the contents page."""
    L = lang_of(lang)
    data, bound = counted(data or PersonalFolder(), L)

    def parts() -> list[Section]:  # fresh flowables for each pass: ReportLab consumes them
        return [*casefile.sections(data.case_file, L, bound), *_plan_parts(data, L)]

    first = parts()
    names = [name for name, _ in first]
    pages: dict[str, int] = {}
    doc_title = L("Personal folder of the service recipient")
    build_pdf(join_sections([("", _contents(L, data, names, {}))] + first, pages), L, doc_title)
    return build_pdf(join_sections([("", _contents(L, data, names, pages))] + parts()), L, doc_title)
