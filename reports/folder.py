"""The recipient's personal folder (R-12, R-24): case file cover, inventory (and transfer act),
the current plan and the monitoring journal bound as one PDF behind a contents page."""

from __future__ import annotations

from reportlab.platypus import Spacer

from reports import casefile, monitoring, plan
from reports.common import (
    BODY,
    Lang,
    Section,
    build_pdf,
    caption_line,
    field,
    grid,
    join_sections,
    lang_of,
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


def render(data: PersonalFolder | None, lang: str) -> bytes:
    """The folder as one PDF; ``None`` gives the blank set. Built twice: the first pass finds
    the page each section starts on, the second prints those numbers on the contents page."""
    L = lang_of(lang)
    data = data or PersonalFolder()

    def parts() -> list[Section]:  # fresh flowables for each pass: ReportLab consumes them
        return [*casefile.sections(data.case_file, L), *plan.sections(data.plan, L),
                *monitoring.sections(data.monitoring, L)]

    first = parts()
    names = [name for name, _ in first]
    pages: dict[str, int] = {}
    doc_title = L("Personal folder of the service recipient")
    build_pdf(join_sections([("", _contents(L, data, names, {}))] + first, pages), L, doc_title)
    return build_pdf(join_sections([("", _contents(L, data, names, pages))] + parts()), L, doc_title)
