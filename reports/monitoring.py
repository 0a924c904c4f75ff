"""Annex 5: the journal of the fulfilment (monitoring) of the individual plan (R-20..R-25).

Each quarterly session (R-20) prints its eight kind-of-service rows; with several sessions a
heading row names each one.
"""

from __future__ import annotations

from reportlab.platypus import Spacer

from app.domain.enums import ChangeMark, Role
from reports.common import (
    HAND_ROW,
    Lang,
    Section,
    annex_block,
    build_pdf,
    field,
    footnotes,
    grid,
    kind_rows,
    lang_of,
    numbers_row,
    para,
    signatory_lines,
    title,
    usable_width,
)
from reports.model import MonitoringJournal, MonitoringRow, MonitoringSession, Recipient

TITLE = "Journal on the fulfilment (monitoring) of the plan for the provision of special social services"
_SHARES = (18, 108, 84, 80, 86, 56, 72)
SIGNATORIES = ((Role.SOCIAL_WORKER, "Social work specialist"), (Role.CONSULTANT, "Social work consultant**"))
NOTE = ("Note: * the following positive changes of the service recipient are marked:",
        "- in the somatic, mental, emotional state;",
        "- in the motor, sensory, cognitive, speech development, communicative spheres;",
        "- in forming self-care skills, social-household and labour adaptation and socialisation;",
        "** filled in by home care organisations.")


def _header(L: Lang) -> tuple[list[list], list]:
    top = ["No.", "Kinds of services", "Mark on the condition of the service recipient, including", None,
           "Decision on correcting the individual work plan (state which kind of service is to be revised)",
           "Date of monitoring", "Full name (if any) and signature of the specialist who carried out the monitoring"]
    rows: list[list] = [[L.ctx("monitoring", t) if t == "Kinds of services" else (L(t) if t else None) for t in top],
            [None, None, L("there are positive changes (describe)*"), L("no changes or worsened (state the reason)"),
             None, None, None],
            numbers_row(7)]
    spans = [((2, 0), (3, 0))] + [((c, 0), (c, 1)) for c in (0, 1, 4, 5, 6)]
    return rows, spans


def _cells(L: Lang, r: MonitoringRow | None) -> list:
    if r is None:
        return [None] * 5
    return [r.positive, column4(L, r), r.correction, L.short(r.monitored_on), r.specialist]


def column4(L: Lang, r: MonitoringRow) -> str | None:
    """R-22, R-25: "no changes or worsened (state the reason)": which of the two, then the reason."""
    if r.mark in (ChangeMark.NO_CHANGE, ChangeMark.WORSE):
        mark = L.label(r.mark)
        return f"{mark}: {r.no_change}" if r.no_change else mark
    return r.no_change


def story(data: MonitoringJournal | None, L: Lang) -> list:
    data = data or MonitoringJournal()
    person = data.recipient or Recipient()
    width = usable_width()
    widths = [width * s / sum(_SHARES) for s in _SHARES]
    rows, spans = _header(L)
    starts: list[int] = []
    sessions = data.sessions or (MonitoringSession(),)
    for n, session in enumerate(sessions, 1):
        if len(sessions) > 1:
            heading = L("Monitoring No. {n}", n=n) + (f", {L.short(session.held_on)}" if session.held_on else "")
            spans.append(((0, len(rows)), (6, len(rows))))
            starts.append(len(rows))
            rows.append([heading] + [None] * 6)
        body, kind_starts = kind_rows(L, list(session.rows), lambda r: _cells(L, r))
        starts += [len(rows) + s for s in kind_starts]
        rows += body
    table = grid(rows, widths, header_rows=3, spans=spans, group_starts=starts, center=(0, 5), min_height=HAND_ROW,
                 continued_mark=L("(continued)"))
    return [
        annex_block(L, 5),
        Spacer(1, 6),
        title(L(TITLE)),
        field(L("Full name of the service recipient (if any)"), person.full_name, width),
        field(L("Date and year of birth"), L.short(person.birth_date), width),
        field(L("Diagnosis"), person.diagnosis, width, lines=2),
        Spacer(1, 7),
        para(L.period("Monitoring of the individual plan drawn up for the period from {start} to {end} inclusive",
                      data.plan_start, data.plan_end)),
        para(L.period("Period of observation of the service recipient: from {start} to {end} inclusive",
                      data.observation_start, data.observation_end)),
        Spacer(1, 4),
        table,
        Spacer(1, 8),
        signatory_lines(L, data.signatories, SIGNATORIES, width),
        Spacer(1, 8),
        *footnotes(L(t) for t in NOTE),
    ]


def sections(data: MonitoringJournal | None, L: Lang) -> list[Section]:
    return [(L(TITLE), story(data, L))]


def render(data: MonitoringJournal | None, lang: str) -> bytes:
    """The monitoring journal as PDF bytes; ``None`` or an empty journal gives the blank form."""
    L = lang_of(lang)
    return build_pdf(story(data, L), L, L(TITLE))
