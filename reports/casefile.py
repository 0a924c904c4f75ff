"""Annex 3: the personal case file cover (R-10, R-13), with the inventory of its documents and,
on transfer, the acceptance-transfer act (R-11, R-12) as plain numbered, signed tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reportlab.platypus import Spacer

from app.domain.enums import DocumentKind, OrgType
from app.domain.journal import decided_by_decision
from reports.common import (
    BLANK,
    BODY,
    FONT,
    S_BODY,
    S_CENTER,
    SMALL,
    Lang,
    Lines,
    Section,
    Style,
    annex_block,
    build_pdf,
    caption_line,
    field,
    grid,
    join_sections,
    lang_of,
    org_names,
    para,
    plain,
    row,
    ruled,
    ruled_row,
    section_pages,
    signatures,
    text_width,
    title,
    usable_width,
)
from reports.model import CaseFile, InventoryItem, Recipient, TransferAct

S_COVER_TITLE = Style(14, bold=True, align="C", space_before=18, space_after=10)
INVENTORY_COLUMNS = ("Item No.", "Document", "Document date", "Sheets", "Note")
_INVENTORY_SHARES = (8, 50, 16, 12, 26)
BLANK_ROWS = 12


def sheets_text(L: Lang, n: int | None) -> tuple[str | None, str]:
    """('23 (жиырма үш)', 'парақ') — the count in digits and in words, and the word for sheets."""
    word = L.plural("sheet", "sheets", n if n is not None else 0)
    return (f"{n} ({L.words(n)})" if n is not None else None), word


def _spaced(flowables: list, gap: float) -> list:
    return [x for f in flowables for x in (f, Spacer(1, gap))][:-1]


def cover(data: CaseFile, L: Lang) -> list:
    width = usable_width()
    person = data.recipient or Recipient()
    org = data.organisation
    label = L("Numbered and bound")
    count, word = sheets_text(L, data.sheets)
    label_w = text_width(label, BODY, FONT) + 6
    line_w = width - label_w - 64
    bound = Lines([label_w, line_w, 4, 60],
                  [ruled_row(plain(label), ruled(count), None, plain(word), blank=count is None),
                   row(None, plain(L("(in words)"), "C"), size=SMALL)])
    head = org.director_name if org else None
    return [
        annex_block(L, 3),
        Spacer(1, 8),
        org_names(L, org, width),
        para(f"{L('Personal case file of the service recipient No.')} {data.number or BLANK}", S_COVER_TITLE),
        caption_line(data.place, L("(place of drawing up)"), 300, h_align="CENTER"),
        Spacer(1, 10),
        *_spaced([
            field(L("Full name (if any)"), person.full_name, width, lines=2),
            field(L("Date of birth (day, month, year)"), L.short(person.birth_date), width),
            field(L("Diagnosis"), person.diagnosis, width),
            field(L("Nationality"), person.nationality, width),
            field(L("Date of admission"), L.short(person.admission_date), width),
            field(L("Arrived from"), person.arrived_from, width),
            field(L("Social status"), person.social_status, width),
            field(L("Information about the parents (for children with disabilities) (full name (if any), date of "
                    "birth, reason for their absence and the kind of the confirming document)"),
                  person.parents_info, width, lines=2),
            field(L("Home address"), person.home_address, width)], 4),
        Spacer(1, 10),
        bound,
        Spacer(1, 14),
        signatures([(L("Head of the organisation"), [(head, L("(full name (if any), signature)"))])], width,
                   label_width=130),
        Spacer(1, 6),
        para(L.date(data.signed_on)),
        Spacer(1, 6),
        para(L("Place of seal")),
    ]


def note_text(L: Lang, item: InventoryItem) -> str | None:
    """The inventory's note in the print language: where the original is kept, with the consent's date (R-11)."""
    parts = []
    if item.original:
        parts.append(L("the original is kept by the administration with the written consent of {date}",
                       date=L.short(item.consent_on, BLANK)))
    if item.note:
        parts.append(item.note)
    return "; ".join(parts) or None


def inventory_table(L: Lang, items: tuple[InventoryItem, ...], by_decision: bool = False) -> list:
    """``by_decision``: a home-care organisation, whose discharge rests on the head's decision (R-01)."""
    width = usable_width()
    widths = [width * s / sum(_INVENTORY_SHARES) for s in _INVENTORY_SHARES]

    def title_of(it: InventoryItem) -> str:
        if by_decision and it.title == DocumentKind.DISCHARGE_ORDER:
            return L("copy of the discharge decision")
        return L.label(it.title)

    rows: list[Sequence[str | None]] = [[L(c) for c in INVENTORY_COLUMNS]]
    rows += [[str(i), title_of(it), L.short(it.dated), "" if it.sheets is None else str(it.sheets),
              note_text(L, it)] for i, it in enumerate(items, 1)]
    rows += [[None] * 5 for _ in range(0 if items else BLANK_ROWS)]
    known = [it.sheets for it in items if it.sheets is not None]
    total = str(sum(known)) if known else None
    rows.append([None, L("Total"), None, total, None])
    return [grid(rows, widths, center=(0, 2, 3))]


def inventory(data: CaseFile, L: Lang) -> list:
    width = usable_width()
    person = data.recipient or Recipient()
    return [
        title(L("Inventory of the documents of the personal case file")),
        field(L("Service recipient"), person.full_name, width),
        field(L("Personal case file No."), data.number, width),
        field(L("Recipient category"), L.label(person.category), width),
        field(L("Ground of admission"), L.label(person.admission_ground), width, lines=2),
        Spacer(1, 8),
        *inventory_table(L, data.inventory, _by_decision(data.organisation)),
        Spacer(1, 14),
        signatures([(L("Inventory drawn up by"),
                     [(data.inventory_by, L("(position, full name (if any), signature)"))])], width, label_width=130),
        Spacer(1, 6),
        para(L.date(data.signed_on)),
    ]


def _by_decision(org) -> bool:
    """R-01: a home-care organisation's movements rest on the head's decision, not an order."""
    return org is not None and decided_by_decision(org.org_type)


def package_rows(data: CaseFile, L: Lang, bound: dict | None = None) -> list[list]:
    """R-12 (R-35): what goes with the person on a transfer: the copy of the transfer order, the inventory,
    the individual plan (Annex 4), the monitoring journal (Annex 5) and, for a temporary-stay organisation,
    the resocialisation agreement; with the sheets of each where they are known."""
    bound = bound or {}
    a = data.transfer or TransferAct()
    org = data.organisation
    by_kind = {it.kind or it.title: it for it in data.inventory}

    def sheets(n):
        return "" if n is None else str(n)

    order = by_kind.get(DocumentKind.DISCHARGE_ORDER)
    copy = "Copy of the decision on the transfer" if _by_decision(org) else "Copy of the transfer order"
    rows = [[L(copy), sheets(order.sheets if order else None), L.order(a.discharge_order)],
            [L("Inventory of the documents of the personal case file"), sheets(bound.get("inventory")),
             L.plural("{n} document", "{n} documents", len(data.inventory)) if data.inventory else None],
            [L("Individual plan (Annex 4)"), sheets(bound.get("plan")), bound.get("plan_note")],
            [L("Monitoring journal (Annex 5)"), sheets(bound.get("monitoring")), None]]
    if org is None or org.org_type in (None, OrgType.TEMPORARY_STAY):
        agreement = by_kind.get(DocumentKind.RESOCIALISATION_AGREEMENT)
        rows.append([L("Resocialisation agreement (temporary stay organisations)"),
                     sheets(agreement.sheets if agreement else None), L.short(agreement.dated) if agreement else None])
    return [[str(i), *r] for i, r in enumerate(rows, 1)]


_PACKAGE_SHARES = (8, 62, 12, 44)


def act(data: CaseFile, L: Lang, bound: dict | None = None) -> list:
    width = usable_width()
    a = data.transfer or TransferAct()
    person = data.recipient or Recipient()
    sig_caption = L("(position, full name (if any), signature)")
    widths = [width * s / sum(_PACKAGE_SHARES) for s in _PACKAGE_SHARES]
    package = grid([[L("Item No."), L("Document"), L("Sheets"), L("Note")], *package_rows(data, L, bound)],
                   widths, center=(0, 2))
    return [
        title(f"{L('Acceptance-transfer act of the personal case file No.')} {a.number or BLANK}"),
        para(L.date(a.act_date), S_CENTER),
        Spacer(1, 8),
        field(L("Service recipient"), person.full_name, width),
        field(L("Personal case file No."), data.number, width),
        field(L("Transferring organisation"), L.org_name(data.organisation), width),
        field(L("Receiving organisation"), a.receiving_organisation, width, lines=2),
        field(L("Where to (region, city, district)"), a.destination, width),
        field(L("Discharge decision" if _by_decision(data.organisation) else "Discharge order"),
              L.order(a.discharge_order) or None, width),
        Spacer(1, 8),
        para(L("The personal case file of the service recipient has been handed over and accepted together with:"),
             S_BODY),
        package,
        Spacer(1, 8),
        para(L("The documents of the personal case file, by its inventory:"), S_BODY),
        *inventory_table(L, data.inventory, _by_decision(data.organisation)),
        Spacer(1, 14),
        signatures([(L("Handed over"), [(a.handed_over_by, sig_caption)]),
                    (L("Accepted"), [(a.accepted_by, sig_caption)])], width, label_width=130),
        Spacer(1, 8),
        para(L("Place of seal")),
    ]


def sections(data: CaseFile | None, L: Lang, bound: dict | None = None) -> list[Section]:
    """Cover and inventory; the act when the file is transferred (always on the blank form)."""
    blank = data is None
    data = data or CaseFile()
    out = [(L("Personal case file (cover)"), cover(data, L)),
           (L("Inventory of the documents of the personal case file"), inventory(data, L))]
    if blank or data.transfer is not None:
        out.append((L("Acceptance-transfer act of the personal case file"), act(data, L, bound)))
    return out


def bound_sections(data: CaseFile, L: Lang) -> list[Section]:
    """The case file's own bound pages (R-13): cover and inventory; the act is the hand-over, not bound."""
    return sections(replace(data, transfer=None), L)[:2]


def with_sheets(data: CaseFile, L: Lang, other_pages: int = 0) -> tuple[CaseFile, list[int]]:
    """R-13 "numbered and bound N sheets": every sheet of the folder — the cover and the inventory as
    printed, ``other_pages`` (the plan and the monitoring journal as printed) and each document's
    sheets. A count given in ``data.sheets`` is printed as given. Returns the file and the pages of
    its cover and inventory."""
    if data.sheets is not None or data.document_sheets is None:
        return data, []
    own = section_pages(bound_sections(data, L), L)
    return replace(data, sheets=sum(own) + other_pages + data.document_sheets), own


def render(data: CaseFile | None, lang: str) -> bytes:
    """Case file cover + inventory (+ act) as PDF bytes; ``None`` gives the blank forms."""
    L = lang_of(lang)
    bound = None
    if data is not None:
        data, own = with_sheets(data, L)
        bound = {"inventory": own[1]} if own else None
    return build_pdf(join_sections(sections(data, L, bound)), L, L("Personal case file (cover)"))
