"""Statistics for a period (issue 13 point 4): occupancy by month, the queue's length, admissions and
discharges by month and reason, plans and monitoring done in time, the age and category structure, and
the daily headcount — each from a few SQL aggregates, never from a status flag.

Occupancy is derived from the movement events (R-01): a stay starts with an admission and ends with a
discharge or a transfer, so the places held at a month's end are the admissions up to that day less the
discharges and transfers (a temporary departure keeps the place). The structure and the headcount on a
date read each person's last event on or before it (``queries.last_events``), as the roster does.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import MonitoringSession, Movement, OrgUnit, Plan, QueueApplication, Resident
from app.domain import statistics as st
from app.domain.age import age_on
from app.domain.enums import DischargeReason, MovementKind, QueueOutcome, RecipientCategory, ResidentStatus, Sex
from app.domain.errors import DomainError
from app.domain.roster import HOLDS_PLACE, STATUS_AFTER
from app.domain.statistics import CHARTS, Chart, Headcount, Series
from app.i18n import N_, M, _, fmonth
from app.services.base import ServiceBase, today
from app.services.queries import last_events

_ByMonth = defaultdict[tuple[int, int], int]  # (year, month) → a count

#: the longest period one request covers (ten years of months)
MAX_MONTHS = 120

_CLOSED = [QueueOutcome.ADMITTED, QueueOutcome.NO_SHOW, QueueOutcome.WITHDRAWN]


def _ym(col):
    return func.extract("year", col), func.extract("month", col)


def check_period(start: dt.date | None, end: dt.date | None) -> list[dt.date]:
    """The months of the period [start, end]; refuses a missing, reversed or too long one."""
    if start is None:
        raise DomainError(M("{field}: enter the first month of the period.", field=M("Period start")),
                          "period_start")
    if end is None:
        raise DomainError(M("{field}: enter the last month of the period.", field=M("Period end")), "period_end")
    if end < start:
        raise DomainError(M("{field}: the period ends before it starts.", field=M("Period end")), "period_end")
    months = st.months(start, end)
    if len(months) > MAX_MONTHS:
        raise DomainError(M("{field}: a period of at most {n} months is shown at once.", field=M("Period end"),
                            n=MAX_MONTHS), "period_end")
    return months


class StatisticsService(ServiceBase):
    def charts(self, start: dt.date, end: dt.date, keys: tuple[str, ...] | None = None) -> dict[str, Chart]:
        """The charts of the period (every one, or those of ``keys``), in one read."""
        months = check_period(start, end)
        wanted = [k for k in CHARTS if keys is None or k in keys]
        with self.reading() as s:
            out: dict[str, Chart] = {}
            events = self._events(s, months[-1]) if {"occupancy", "admissions", "discharges"} & set(wanted) else {}
            people = self._holding(s, end) if {"age", "category"} & set(wanted) else []
            for key in wanted:
                if key == "occupancy":
                    out[key] = self._occupancy(s, months, events)
                elif key == "queue":
                    out[key] = self._queue(s, months)
                elif key == "admissions":
                    out[key] = self._admissions(months, events)
                elif key == "discharges":
                    out[key] = self._discharges(months, events)
                elif key == "on_time":
                    out[key] = self._on_time(s, months)
                elif key == "age":
                    out[key] = self._age(people, end)
                elif key == "category":
                    out[key] = self._category(people)
            return out

    def chart(self, key: str, start: dt.date, end: dt.date) -> Chart:
        return self.charts(start, end, (key,))[key]

    def headcount(self, day: dt.date) -> Headcount:
        """The daily headcount on ``day``: present by unit and category, away by reason."""
        if day is None:
            raise DomainError(M("{field}: enter the date of the headcount.", field=M("Date")), "day")
        with self.reading() as s:
            units = dict(s.execute(select(OrgUnit.id, OrgUnit.name)).all())
            return st.headcount(day, ((units.get(unit_id), category, away, reason)
                                      for _rid, away, reason, _birth, _sex, category, unit_id
                                      in self._holding(s, day)))

    def report(self, start: dt.date | None, end: dt.date, day: dt.date | None = None):
        """The plain data of the printed statistics: every chart of the period and the headcount on ``day``
        (the period's end, or today when that is earlier)."""
        from reports.model import Organisation as PrintedOrganisation
        from reports.statistics import StatisticsReport

        charts = self.charts(start, end) if start is not None else {}
        head = self.headcount(day or min(end, today()))
        with self.reading() as s:
            o = self.organisation(s)
            org = PrintedOrganisation(o.name_kk, o.name_ru, o.org_type, o.director_name, o.bin, o.legal_address)
        return StatisticsReport(org, start or head.day, end, tuple(charts.values()), head)

    def headcount_report(self, day: dt.date):
        """The plain data of the printed daily headcount alone (no charts)."""
        return self.report(None, day, day)

    # --- the reads -----------------------------------------------------------------------------
    @staticmethod
    def _events(s: Session, last_month: dt.date) -> dict[tuple, int]:
        """(kind, discharge reason, returned, year, month) → number of admissions, discharges and transfers up to
        the period's end (temporary departures and returns keep the place: not read). Counted per day by the
        database (the (kind, date) index serves it), folded into months here."""
        m = Movement.__table__.c
        q = (select(m.kind, m.discharge_reason, m.returned, m.event_date, func.count())
             .where(m.kind.in_([MovementKind.ADMISSION, MovementKind.DISCHARGE, MovementKind.TRANSFER]),
                    m.event_date <= st.month_end(last_month))
             .group_by(m.kind, m.discharge_reason, m.returned, m.event_date))
        out: dict[tuple, int] = defaultdict(int)
        for k, r, ret, day, n in s.execute(q):
            out[(MovementKind(k), DischargeReason(r) if r else None, bool(ret), day.year, day.month)] += n
        return out

    @staticmethod
    def _holding(s: Session, day: dt.date) -> list[tuple]:
        """(id, away?, departure reason, birth date, sex, category, unit id) of each resident holding a place
        on ``day``: each person's last event up to that day (``last_events``). From today on, while no event is
        dated later, that is the resident's status, which every movement recomputes from the events in its own
        transaction (app/services/movements.py): read from it, with the reason of each absent one's departure."""
        r, m = Resident.__table__.c, Movement.__table__.c
        if day >= today() and not s.scalar(select(func.count()).select_from(Movement.__table__)
                                           .where(m.event_date > today())):
            rows = s.execute(select(r.id, r.status, r.birth_date, r.sex, r.category, r.unit_id)
                             .where(r.status.in_(HOLDS_PLACE))).all()
            absent = [row[0] for row in rows if row[1] == ResidentStatus.TEMPORARILY_ABSENT]
            reasons = dict(s.execute(last_events(day).where(Movement.resident_id.in_(absent))
                                     .with_only_columns(Movement.resident_id, Movement.reason_text)).all()) \
                if absent else {}
            return [(rid, status == ResidentStatus.TEMPORARILY_ABSENT, reasons.get(rid), birth, sex, category, unit)
                    for rid, status, birth, sex, category, unit in rows]
        last = last_events(day).subquery()
        lasts = s.execute(select(last.c.resident_id, last.c.kind, last.c.reason_text, r.birth_date, r.sex,
                                 r.category, r.unit_id).join(Resident.__table__, r.id == last.c.resident_id)).all()
        return [(rid, MovementKind(k) == MovementKind.TEMPORARY_DEPARTURE, reason, birth, sex, category, unit)
                for rid, k, reason, birth, sex, category, unit in lasts if STATUS_AFTER[MovementKind(k)] in HOLDS_PLACE]

    # --- the charts -----------------------------------------------------------------------------
    def _occupancy(self, s: Session, months: list[dt.date], events: dict[tuple, int]) -> Chart:
        delta: dict[tuple[int, int], int] = defaultdict(int)
        for (kind, _r, _ret, y, m), n in events.items():
            if kind == MovementKind.ADMISSION:
                delta[(y, m)] += n
            elif kind in (MovementKind.DISCHARGE, MovementKind.TRANSFER):
                delta[(y, m)] -= n
        first = (months[0].year, months[0].month)
        base = sum(n for ym, n in delta.items() if ym < first)
        held = st.running(base, [delta.get((m.year, m.month), 0) for m in months])
        capacity = self.organisation(s).capacity
        return Chart("occupancy", CHARTS["occupancy"], "line", tuple(months),
                     (Series(N_("Places held"), tuple(held)), Series(N_("Capacity"), (capacity,) * len(months))))

    @staticmethod
    def _queue(s: Session, months: list[dt.date]) -> Chart:
        q = QueueApplication.__table__.c
        y, m = _ym(q.received_at)
        came = {(int(a), int(b)): n for a, b, n in s.execute(select(y, m, func.count()).group_by(y, m))}
        y, m = _ym(q.outcome_on)
        left = {(int(a), int(b)): n for a, b, n in s.execute(
            select(y, m, func.count()).where(q.outcome.in_(_CLOSED), q.outcome_on.isnot(None)).group_by(y, m))}
        delta: dict[tuple[int, int], int] = defaultdict(int)
        for ym, n in came.items():
            delta[ym] += n
        for ym, n in left.items():
            delta[ym] -= n
        first = (months[0].year, months[0].month)
        base = sum(n for ym, n in delta.items() if ym < first)
        length = st.running(base, [delta.get((mm.year, mm.month), 0) for mm in months])
        return Chart("queue", CHARTS["queue"], "line", tuple(months),
                     (Series(N_("In the queue"), tuple(length)),
                      Series(N_("Applications received"), tuple(came.get((mm.year, mm.month), 0) for mm in months))))

    @staticmethod
    def _admissions(months: list[dt.date], events: dict[tuple, int]) -> Chart:
        new: _ByMonth = defaultdict(int)
        again: _ByMonth = defaultdict(int)
        for (kind, _r, returned, y, m), n in events.items():
            if kind == MovementKind.ADMISSION:
                (again if returned else new)[(y, m)] += n
        keys = [(mm.year, mm.month) for mm in months]
        return Chart("admissions", CHARTS["admissions"], "stacked", tuple(months),
                     (Series(N_("First admission"), tuple(new[k] for k in keys)),
                      Series(N_("Readmission (returned)"), tuple(again[k] for k in keys))))

    @staticmethod
    def _discharges(months: list[dt.date], events: dict[tuple, int]) -> Chart:
        by: dict[str, dict[tuple[int, int], int]] = {r.msgid: defaultdict(int) for r in DischargeReason}
        by[N_("transfer to another organisation")] = defaultdict(int)
        unstated = N_("discharge, reason not recorded")
        by[unstated] = defaultdict(int)
        for (kind, reason, _ret, y, m), n in events.items():
            if kind == MovementKind.DISCHARGE:
                by[reason.msgid if reason else unstated][(y, m)] += n
            elif kind == MovementKind.TRANSFER:
                by[N_("transfer to another organisation")][(y, m)] += n
        keys = [(mm.year, mm.month) for mm in months]
        series = tuple(Series(name, tuple(counts[k] for k in keys)) for name, counts in by.items()
                       if any(counts[k] for k in keys))
        return Chart("discharges", CHARTS["discharges"], "stacked", tuple(months), series)

    @staticmethod
    def _on_time(s: Session, months: list[dt.date]) -> Chart:
        """R-15: a plan (its first version) drawn up in the month is in time when each step done so far was done
        by its due date (drawing up, completion, approval); R-21: a monitoring in time when it was written
        into the journal within its working day."""
        lo, hi = months[0], st.month_end(months[-1])
        p = Plan.__table__.c
        plans_done: _ByMonth = defaultdict(int)
        plans_all: _ByMonth = defaultdict(int)
        for drawn, d_due, completed, c_due, approved, a_due in s.execute(
                select(p.drawn_up_on, p.draw_up_due, p.completed_on, p.complete_due, p.approved_on, p.approve_due)
                .where(p.previous_id.is_(None), p.drawn_up_on >= lo, p.drawn_up_on <= hi)):
            key = (drawn.year, drawn.month)
            plans_all[key] += 1
            late = any(done is not None and due is not None and done > due
                       for done, due in ((drawn, d_due), (completed, c_due), (approved, a_due)))
            plans_done[key] += not late
        mo = MonitoringSession.__table__.c
        y, m = _ym(mo.monitoring_date)
        mon_done: _ByMonth = defaultdict(int)
        mon_all: _ByMonth = defaultdict(int)
        for yy, mm, late, n in s.execute(select(y, m, mo.recorded_late, func.count())
                                         .where(mo.interim.is_(False), mo.monitoring_date >= lo,
                                                mo.monitoring_date <= hi)
                                         .group_by(y, m, mo.recorded_late)):
            key = (int(yy), int(mm))
            mon_all[key] += n
            if not late:
                mon_done[key] += n
        keys = [(mm.year, mm.month) for mm in months]
        return Chart("on_time", CHARTS["on_time"], "share", tuple(months),
                     (Series(N_("Plans drawn up, completed and approved in time"),
                             tuple(st.share(plans_done[k], plans_all[k]) for k in keys)),
                      Series(N_("Monitoring written into the journal in time"),
                             tuple(st.share(mon_done[k], mon_all[k]) for k in keys))),
                     unit="share",
                     extra={"plans": tuple((plans_done[k], plans_all[k]) for k in keys),
                            "monitoring": tuple((mon_done[k], mon_all[k]) for k in keys)})

    @staticmethod
    def _age(people: list[tuple], on: dt.date) -> Chart:
        counts = {sex: [0] * len(st.AGE_BANDS) for sex in (Sex.MALE, Sex.FEMALE, None)}
        unknown = 0
        for _rid, _away, _reason, birth, sex, _cat, _unit in people:
            band = st.age_band(None if birth is None else age_on(birth, on))
            if band is None:
                unknown += 1
                continue
            counts[Sex(sex) if sex else None][band] += 1
        series = [Series(Sex.MALE.msgid, tuple(counts[Sex.MALE])), Series(Sex.FEMALE.msgid, tuple(counts[Sex.FEMALE]))]
        if any(counts[None]):
            series.append(Series(N_("sex not recorded"), tuple(counts[None])))
        return Chart("age", CHARTS["age"], "stacked", tuple(label for _lo, _hi, label in st.AGE_BANDS),
                     tuple(series), extra={"unknown_age": unknown, "on": on})

    @staticmethod
    def _category(people: list[tuple]) -> Chart:
        counts: dict[str, int] = defaultdict(int)
        for _rid, _away, _reason, _birth, _sex, cat, _unit in people:
            counts[cat or ""] += 1
        order = [c.value for c in RecipientCategory] + [""]
        cats = [c for c in order if counts.get(c)]
        labels = tuple(RecipientCategory(c).msgid if c else N_("category not recorded") for c in cats)
        return Chart("category", CHARTS["category"], "hbar", labels,
                     (Series(N_("Residents"), tuple(counts[c] for c in cats)),), translate_categories=True)


def category_text(chart: Chart, value: dt.date | str, lang: str | None = None, wide: bool = False) -> str:
    """A chart's category label in ``lang``: a month by Babel, a msgid translated, or data as it is."""
    if isinstance(value, dt.date):
        return fmonth(value, lang, wide)
    return _(value, lang) if chart.translate_categories else value


def series_text(series: Series, lang: str | None = None) -> str:
    return _(series.name, lang) if series.translate else series.name


def chart_table(chart: Chart, lang: str | None = None) -> tuple[list[str], list[list]]:
    """The chart as a table — header and rows: the category (month, age band, category) then one column per
    series; a share as a number 0 … 1 (the XLSX keeps it a number), counts as whole numbers."""
    first = _("Month", lang) if chart.categories and isinstance(chart.categories[0], dt.date) else \
        _("Age", lang) if chart.key == "age" else _("Category", lang)
    header = [first, *(series_text(x, lang) for x in chart.series)]
    rows = [[category_text(chart, c, lang, wide=True), *(x.values[i] for x in chart.series)]
            for i, c in enumerate(chart.categories)]
    return header, rows


def headcount_table(h: Headcount, units: dict | None = None, lang: str | None = None) -> tuple[list[str], list[list]]:
    """The daily headcount as a table: unit, category, present, away by each reason, total; a total row last."""
    groups = list(st.AbsenceGroup)
    header = [_("Unit", lang), _("Category", lang), _("Present", lang), *(g.text(lang) for g in groups),
              _("Total", lang)]
    rows = [[r.unit or _("Main part", lang),
             RecipientCategory(r.category).text(lang) if r.category in _CATEGORY_VALUES else
             (r.category or _("category not recorded", lang)),
             r.present, *(r.away.get(g, 0) for g in groups), r.total] for r in h.rows]
    rows.append([_("Total", lang), "", h.present, *(h.away(g) for g in groups), h.total])
    return header, rows


_CATEGORY_VALUES = {c.value for c in RecipientCategory}
