"""The inspector's checklist (Joint Order 401/69, Annex 3: stationary and semi-stationary conditions),
printed in the checklist's layout — the annex reference, the title, the five header fields
(../shared/data/checklist_header_fields.md), the table of 20 requirements with the four answer columns
(required, not required, meets, does not meet), and the signature block (the official(s) and the head of
the controlled subject). The program's self-inspection marks the columns; what it found (the residents
failing an item and why, the staff notes) follows the signatures, each item with its violation degree."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.platypus import KeepTogether, Spacer

from reports.common import (
    ANNEX,
    BODY,
    SMALL,
    Lang,
    Lines,
    Style,
    build_pdf,
    field,
    grid,
    lang_of,
    para,
    plain,
    row,
    signatures,
    title,
    usable_width,
)
from reports.model import Organisation

COLUMNS = ("No.", "List of requirements", "Required", "Not required", "Meets the requirement",
           "Does not meet the requirement")
SHARES = (6, 54, 10, 10, 10, 10)
FINDING_COLUMNS = ("Item", "Degree of violation", "IIN", "Full name (if any)", "What was found")
FINDING_SHARES = (7, 13, 16, 24, 40)
MARK = "+"
S_SECTION = Style(BODY, bold=True, space_before=8, space_after=4)


@dataclass(frozen=True)
class ChecklistRow:
    no: int
    text: str                       # in the print language
    status: str                     # complies / fails / not_required / unanswered
    degree: str                     # gross / significant / minor


@dataclass(frozen=True)
class Finding:
    no: int
    degree: str
    iin: str
    full_name: str
    why: str                        # in the print language


@dataclass(frozen=True)
class ChecklistSheet:
    organisation: Organisation | None = None
    on_date: date | None = None
    rows: tuple[ChecklistRow, ...] = ()
    findings: tuple[Finding, ...] = ()
    notes: tuple[tuple[int, str], ...] = ()   # (item, note): the reconciliation's age, the staff notes


DEGREES = {"gross": "gross", "significant": "significant", "minor": "minor"}


def _marks(status: str) -> list[str]:
    """The four answer columns: required / not required / meets / does not meet."""
    return {"complies": [MARK, "", MARK, ""], "fails": [MARK, "", "", MARK],
            "not_required": ["", MARK, "", ""]}.get(status, ["", "", "", ""])


def _annex(L: Lang) -> Lines:
    return Lines([230], [row(plain(L("Annex 3 to the joint order of the Minister of Healthcare and Social "
                                     "Development of the Republic of Kazakhstan of 25 December 2015 No. 1021 and the "
                                     "Minister of National Economy of the Republic of Kazakhstan of 28 December 2015 "
                                     "No. 807"), "C"), size=ANNEX)], h_align="RIGHT")


def story(data: ChecklistSheet | None, L: Lang) -> list:
    data = data or ChecklistSheet()
    org = data.organisation
    width = usable_width()
    out = [_annex(L), Spacer(1, 8),
           title(L("Checklist in the field of state control over the provision of special social services in "
                   "respect of local executive bodies (or the state bodies they authorise) and subjects "
                   "providing special social services"))]
    if data.on_date is not None:
        out.append(para(L("Self-inspection by the organisation's own data as of {date}", date=L.date(data.on_date)),
                        Style(BODY, align="C", space_after=6)))
    out += [field(L("State body that ordered the inspection"), None, width),
            field(L("Act ordering the inspection / preventive control with a visit to the controlled subject "
                    "(object)"), None, width),
            Lines([width], [row(plain(L("(No., date)"), "C"), size=SMALL)]),
            field(L("Name of the controlled subject (object)"), L.org_name(org), width, lines=2),
            field(L("Individual identification number, business identification number of the controlled subject "
                    "(object)"), org.bin if org else None, width),
            field(L("Location address"), org.address if org else None, width, lines=2),
            Spacer(1, 8)]
    widths = [width * s / sum(SHARES) for s in SHARES]
    body = [[str(r.no), r.text, *_marks(r.status)] for r in data.rows]
    if not body:
        body = [[str(n), "", "", "", "", ""] for n in range(1, 21)]
    out.append(grid([[L(c) for c in COLUMNS]] + body, widths, center=(0, 2, 3, 4, 5)))
    out += [Spacer(1, 14), *_signature_block(L, org, width)]
    if data.findings or data.notes:
        out += [Spacer(1, 18), title(L("What the self-inspection found, item by item"))]
        for no, note in data.notes:
            out.append(para(L("Item {n}: {note}", n=no, note=note)))
        if data.findings:
            fw = [width * s / sum(FINDING_SHARES) for s in FINDING_SHARES]
            rows = [[str(f.no), L(DEGREES[f.degree]), f.iin, f.full_name, f.why] for f in data.findings]
            out += [para(L("Residents failing an item: {n}", n=len(data.findings)), S_SECTION),
                    grid([[L(c) for c in FINDING_COLUMNS]] + rows, fw)]
    return out


def _signature_block(L: Lang, org: Organisation | None, width: float) -> list:
    """As Annex 3 prints it: the official(s) with position and signature and their full names, then the
    head of the controlled subject likewise."""
    head = org.director_name if org else None
    rows: list[tuple[str, Sequence[tuple[str | None, str]]]] = [(L("Official(s)"), [(None, L("(position) (signature)")),
                                (None, L("surname, first name, patronymic (if any)"))]),
            ("", [(None, L("(position) (signature)")), (None, L("surname, first name, patronymic (if any)"))]),
            (L("Head of the controlled subject"), [(None, L("(position) (signature)")),
                                                   (head, L("surname, first name, patronymic (if any)"))])]
    return [KeepTogether([signatures(rows, width, label_width=120, shares=[0.45, 0.55])])]


def render(data: ChecklistSheet | None, lang: str) -> bytes:
    """The checklist in ``lang``; ``None`` gives the blank form."""
    L = lang_of(lang)
    return build_pdf(story(data, L), L, L("Checklist"))
