"""The queue list (R-03, R-06: position and its reason) and the roster of recipients on a date."""

from __future__ import annotations

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
from reports.model import QueueList, Roster

QUEUE_COLUMNS = ("Position in the queue", "Full name (if any)", "IIN", "Application received",
                 "Reason for the position", "Arrival deadline", "Status")
QUEUE_SHARES = (11, 30, 17, 14, 17, 12, 14)
ROSTER_COLUMNS = ("No.", "Full name (if any)", "IIN", "Date of birth", "Date of admission", "Status", "Room")
ROSTER_SHARES = (7, 33, 17, 13, 13, 17, 10)
BLANK_ROWS = 20


def _story(L: Lang, org, heading: str, columns, shares, body: list[list], total: int | None) -> list:
    width = usable_width()
    widths = [width * s / sum(shares) for s in shares]
    rows = [[L(c) for c in columns]] + body
    rows += [[None] * len(columns) for _ in range(0 if body else BLANK_ROWS)]
    out = [caption_line(L.org_name(org), L("(name of the organisation)"), width),
           title(heading),
           grid(rows, widths)]
    if total is not None:
        out.append(para(L("Total: {n}", n=total), Style(BODY, space_before=6)))
    out += [Spacer(1, 16),
            signatures([(L("Head of the organisation"), [(org.director_name if org else None,
                                                          L("(full name (if any), signature)"))])],
                       width, label_width=130)]
    return out


def queue_story(data: QueueList | None, L: Lang) -> list:
    data = data or QueueList()
    body = [[str(e.position) if e.position is not None else str(i), e.full_name, e.iin, L.short(e.received_at),
             L.label(e.reason), L.short(e.arrival_deadline), L.label(e.status)] for i, e in enumerate(data.entries, 1)]
    heading = L("List of persons in the queue as of {date}", date=L.date(data.as_of))
    return _story(L, data.organisation, heading, QUEUE_COLUMNS, QUEUE_SHARES, body,
                  len(data.entries) if data.entries else None)


def roster_story(data: Roster | None, L: Lang) -> list:
    data = data or Roster()
    body = [[str(i), e.full_name, e.iin, L.short(e.birth_date), L.short(e.admission_date), L.label(e.status), e.room]
            for i, e in enumerate(data.entries, 1)]
    heading = L("List of service recipients as of {date}", date=L.date(data.on_date))
    return _story(L, data.organisation, heading, ROSTER_COLUMNS, ROSTER_SHARES, body,
                  len(data.entries) if data.entries else None)


def render(data: QueueList | Roster | None, lang: str) -> bytes:
    """The queue list or, given a :class:`Roster`, the roster on its date; ``None`` gives a blank queue list."""
    L = lang_of(lang)
    if isinstance(data, Roster):
        return build_pdf(roster_story(data, L), L, L("List of service recipients"))
    return build_pdf(queue_story(data, L), L, L("List of persons in the queue"))
