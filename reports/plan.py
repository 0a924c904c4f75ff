"""Annex 4: the individual plan for the provision of special social services (R-14..R-18)."""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.platypus import Spacer

from app.domain.enums import Role
from reports.common import (
    BLANK_SHORT,
    HAND_ROW,
    S_BODY,
    SMALL,
    Lang,
    Lines,
    Section,
    annex_block,
    build_batch,
    build_pdf,
    cap,
    field,
    footnotes,
    grid,
    kind_rows,
    lang_of,
    para,
    plain,
    row,
    ruled,
    ruled_row,
    signatory_lines,
    title,
    usable_width,
)
from reports.model import Activity, Approval, Plan, Recipient

TITLE = "Individual plan for the provision of special social services"
COLUMNS = ("No.", "Kinds of services", "Volume of services (names of individually conducted activities)",
           "Full name (if any) and signature of the specialist who made the assignment", "Date of assignment")
_SHARES = (20, 108, 200, 118, 58)
SIGNATORIES = ((Role.SOCIAL_WORKER, "Social work specialist"), (Role.PSYCHOLOGIST, "Psychologist*"),
               (Role.MEDICAL, "Medical staff specialist*"), (Role.SPECIALIST, "Specialist"),
               (Role.CONSULTANT, "Social work consultant**"))
FOOTNOTES = ("* filled in by stationary, semi-stationary and temporary stay organisations;",
             "** filled in by home care organisations.")
APPROVAL_WIDTH = 250


def _activity_text(L: Lang, a: Activity) -> str:
    lines = [a.name_in(L.code) or ""]  # a catalogue activity in the print language
    if a.term is not None or a.start is not None or a.end is not None:
        lines.append(L("Term: {term} ({start} – {end})", term=L.label(a.term) or BLANK_SHORT,
                       start=L.short(a.start, BLANK_SHORT), end=L.short(a.end, BLANK_SHORT)))
    return "\n".join(line for line in lines if line)


def approval_block(L: Lang, data: Plan) -> Lines:
    """'Approved:' with the head's name and signature, the date, and the organisation's name (R-18)."""
    org = data.organisation
    ap = data.approval or Approval()
    kind = L.org_type(org, "org type")
    return Lines([APPROVAL_WIDTH], [
        row(plain(L("Approved:"))),
        ruled_row(ruled(ap.director_name), blank=not ap.director_name),  # the seed's two lines: the name …
        ruled_row(ruled(None), blank=True),  # … and the signature
        row(plain(L("(full name (if any) and signature of the head of the {type} organisation)", type=kind), "C"),
            size=SMALL),
        row(plain(L.date(ap.approved_on)), pad=4),
        ruled_row(ruled(L.org_name(org)), blank=not L.org_name(org)),
        row(plain(L("(name of the {type} organisation)", type=kind), "C"), size=SMALL)], h_align="RIGHT")


def story(data: Plan | None, L: Lang) -> list:
    data = data or Plan()
    person = data.recipient or Recipient()
    width = usable_width()
    widths = [width * s / sum(_SHARES) for s in _SHARES]
    body, starts = kind_rows(L, list(data.activities), lambda a: [
        _activity_text(L, a), a.specialist, L.short(a.assigned_on)] if a else [None, None, None])
    table = grid([[L(c) for c in COLUMNS]] + body, widths, group_starts=[s + 1 for s in starts], center=(0, 4),
                 min_height=HAND_ROW, continued_mark=L("(continued)"))
    admitted = cap(L("Date of admission {to_org}", to_org=L.org_type(data.organisation, "admitted to")))
    return [
        annex_block(L, 4),
        Spacer(1, 6),
        approval_block(L, data),
        Spacer(1, 6),
        title(L(TITLE)),
        field(L("Full name of the service recipient (if any)"), person.full_name, width),
        field(L("Date and year of birth"), L.short(person.birth_date), width),
        field(L("Diagnosis"), person.diagnosis, width, lines=2),
        Spacer(1, 7),
        para(f"{admitted} {L.date(person.admission_date)}"),
        para(L.period("Observation of the service recipient was carried out from {start} to {end} inclusive",
                      data.observation_start, data.observation_end)),
        para(L.period("The individual work plan was drawn up for the period from {start} to {end} inclusive",
                      data.period_start, data.period_end)),
        para(L("Activities assigned according to the individual need of the service recipient (stating the kinds "
               "and volumes of the services provided):"), S_BODY),
        table,
        Spacer(1, 8),
        para(f"{L('Date of revision of the individual plan')} {L.date(data.revision_date)}"),
        signatory_lines(L, data.signatories, SIGNATORIES, width),
        Spacer(1, 8),
        *footnotes(L(t) for t in FOOTNOTES),
    ]


def sections(data: Plan | None, L: Lang) -> list[Section]:
    return [(L(TITLE), story(data, L))]


def render(data: Plan | None, lang: str) -> bytes:
    """The plan as PDF bytes; ``None`` or an empty :class:`Plan` gives the blank form."""
    L = lang_of(lang)
    return build_pdf(story(data, L), L, L(TITLE))


def render_batch(plans: Iterable[Plan | None], lang: str) -> bytes:
    """Many plans in one PDF for batch printing, each numbered from its own first page."""
    L = lang_of(lang)
    return build_batch((story(p, L) for p in plans), L, L(TITLE))
