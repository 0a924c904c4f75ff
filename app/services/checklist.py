"""The inspector's checklist (Joint Order 401/69, Annex 3; R-30, R-31): its evaluation on a date from
the program's own data (items 1–4) and the staff answers (items 5–20), the staff answer use case, and the
record of each reconciliation with the portal that item 3 judges.

The evaluation reads everything it needs in a handful of queries (residents, movements, plans with their
activity counts, the last reconciliation, the answers) and leaves the judging to app.domain.checklist —
a checklist for 10,000 residents stays well under a second (bench/bench_checklist.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import String, and_, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from app.collector import no_cyclic_gc
from app.db.models import ChecklistAnswer, Movement, Plan, PlanActivity, PortalReconciliation, Resident
from app.domain import checklist as cl
from app.domain.enums import MovementKind, PlanStatus
from app.domain.permissions import UseCase
from app.paths import resources_dir
from app.services.base import Actor, ServiceBase, now, snapshot, today

#: who may answer items 5–20: the director and the social work specialist


@lru_cache(maxsize=1)
def checklist_items() -> tuple[cl.Item, ...]:
    """The 20 items of Annex 3 with their degrees, from the shipped tables (resources/data)."""
    folder = resources_dir() / "data"
    return cl.parse_items((folder / "checklist_stationary_semistationary.csv").read_text("utf-8"),
                          (folder / "checklist_stationary_semistationary_ru.csv").read_text("utf-8"),
                          (folder / "risk_criteria_subjective.csv").read_text("utf-8"))


@dataclass(frozen=True)
class ChecklistHeader:
    """The form's header fields the program knows (the inspecting body and its act are left blank)."""

    name_kk: str
    name_ru: str
    bin: str | None
    address: str | None
    director: str | None


def _raw(col):
    """The column as the database gives it (an enum's value, a date as ISO text on SQLite)."""
    return type_coerce(col, String)


def _day(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _date(value) -> dt.date:
    """A NOT NULL date column (SQLite: ISO text)."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _full_name(r):
    middle = func.coalesce(" " + func.nullif(r.middle_name, ""), "")
    return r.last_name + " " + r.first_name + middle


def record_reconciliation(session: Session, actor: Actor, rec, source: str | None = None) -> PortalReconciliation:
    """Keep a reconciliation's date and the people it found different (R-30; checklist item 3)."""
    diffs = [{"iin": r.iin, "name": r.name_here or r.name_portal, "kind": "differ",
              "fields": [d.field for d in r.differences], "id": r.resident_id} for r in rec.differ]
    diffs += [{"iin": r.iin, "name": r.name_here, "kind": "only_here", "fields": [], "id": r.resident_id}
              for r in rec.only_here]
    diffs += [{"iin": r.iin, "name": r.name_portal, "kind": "only_portal", "fields": []} for r in rec.only_portal]
    at = now()
    row = PortalReconciliation(run_at=at, run_on=at.date(), run_by=actor.username, source=source,
                               in_both=len(rec.both), differences=diffs)
    session.add(row)
    ServiceBase.audit(session, actor, "portal.reconcile", row)
    return row


class ChecklistService(ServiceBase):
    def items(self) -> tuple[cl.Item, ...]:
        return checklist_items()

    def evaluate(self, on: dt.date | None = None) -> cl.ChecklistResult:
        """The checklist on ``on`` (today by default)."""
        on = on or today()
        with self.reading() as s, no_cyclic_gc():
            facts = self._facts(s, on)
            return cl.evaluate(checklist_items(), facts, self.calendar(s), self.rules(s))

    def header(self) -> ChecklistHeader:
        with self.reading() as s:
            org = self.organisation(s)
            return ChecklistHeader(org.name_kk, org.name_ru, org.bin, org.legal_address, org.director_name)

    @staticmethod
    def _facts(s: Session, on: dt.date) -> cl.ChecklistFacts:
        """Everything items 1–4 judge, in five queries of plain columns (no ORM objects, no per-row enum or
        date conversion by the driver layer: SQLite hands back ISO text, parsed here once)."""
        org = ServiceBase.organisation(s)
        r, m, p, a = (Resident.__table__.c, Movement.__table__.c, Plan.__table__.c, PlanActivity.__table__.c)
        kinds = {k.value: k for k in MovementKind}
        statuses = {k.value: k for k in PlanStatus}
        # each resident's last movement up to the date and the admission of the stay (two grouped scans of the
        # index), then only the movements that may lack something: the rest of the journal is complete
        up_to = m.event_date <= on
        last = select(m.resident_id, func.max(m.seq).label("seq")).where(up_to).group_by(m.resident_id).subquery()
        admitted: dict[int, Any] = dict(s.execute(select(m.resident_id, _raw(func.max(m.event_date)))
                                  .where(up_to, m.kind == MovementKind.ADMISSION).group_by(m.resident_id)).all())
        day = _day
        stays = {rid: (kinds[kind], day(admitted.get(rid))) for rid, kind in s.execute(
            select(m.resident_id, _raw(m.kind)).join(last, and_(last.c.resident_id == m.resident_id,
                                                                last.c.seq == m.seq)))}
        blank = lambda col: or_(col.is_(None), func.trim(col) == "")  # noqa: E731
        may_lack = or_(blank(m.order_number), m.order_date.is_(None),
                       and_(m.kind == MovementKind.ADMISSION, m.journal_no.is_(None)),
                       and_(m.kind == MovementKind.TEMPORARY_DEPARTURE, blank(m.reason_text)),
                       and_(m.kind == MovementKind.DISCHARGE, m.discharge_reason.is_(None)),
                       and_(m.kind == MovementKind.TRANSFER, blank(m.destination)),
                       and_(m.kind.in_(cl.ENDING_KINDS), or_(m.doc_kind.is_(None), m.doc_date.is_(None))))
        rows = s.execute(select(m.resident_id, m.seq, _raw(m.kind), _raw(m.event_date), m.order_number,
                                m.order_date.isnot(None), m.journal_no, _raw(m.discharge_reason), m.reason_text,
                                m.destination, and_(m.doc_kind.isnot(None), m.doc_date.isnot(None)), m.id)
                         .where(up_to, may_lack).order_by(m.resident_id, m.seq)).all()
        movements = [cl.MovementFact(x[0], x[1], kinds[x[2]], _date(x[3]), x[4], bool(x[5]), x[6], x[7], x[8], x[9],
                                     bool(x[10]), x[11]) for x in rows]
        people = {row[0]: cl.Person(row[0], row[1], row[2]) for row in s.execute(
            select(r.id, _full_name(r), r.iin).where(r.id.in_(select(m.resident_id).distinct())))}
        counts = select(a.plan_id, func.count().label("n")).group_by(a.plan_id).subquery()
        plans = [cl.PlanFact(x[0], x[1], statuses[x[2]], _date(x[3]), _day(x[4]), _day(x[5]), _date(x[6]),
                             _date(x[7]), x[8], _day(x[9]), _day(x[10]), _day(x[11]), bool(x[12]), x[13], x[14] or 0)
                 for x in s.execute(select(p.id, p.resident_id, _raw(p.status), _raw(p.drawn_up_on),
                                           _raw(p.completed_on), _raw(p.approved_on), _raw(p.period_start),
                                           _raw(p.period_end), p.draw_up_step, _raw(p.draw_up_due),
                                           _raw(p.complete_due), _raw(p.approve_due),
                                           and_(p.observation_start.isnot(None), p.observation_end.isnot(None)),
                                           _raw(p.signatures), counts.c.n)
                                    .outerjoin(counts, counts.c.plan_id == p.id)
                                    .where(p.status != PlanStatus.SUPERSEDED, p.drawn_up_on <= on))]
        latest = s.scalars(select(PortalReconciliation).where(PortalReconciliation.run_on <= on)
                           .order_by(PortalReconciliation.run_on.desc(), PortalReconciliation.id.desc()).limit(1)).first()
        recon = None
        if latest is not None:
            recon = cl.ReconciliationFact(latest.run_on, tuple(
                cl.ReconDifference(d.get("iin") or "", d.get("name") or "", d.get("kind") or "differ",
                                   tuple(d.get("fields") or ()), d.get("id") if isinstance(d.get("id"), int) else None)
                for d in latest.differences or ()))
        answers = {x.item_no: cl.StaffAnswer(x.item_no, cl.Answer(x.answer), x.note, x.answered_on, x.answered_by,
                                             x.answered_at)
                   for x in s.scalars(select(ChecklistAnswer))}
        return cl.ChecklistFacts(on, org.org_type, people, movements, plans, recon, answers, stays)

    # --- printing -----------------------------------------------------------------------------------
    @staticmethod
    def sheet(result: cl.ChecklistResult, header: ChecklistHeader, lang: str):
        """The plain data of the printed checklist in ``lang`` (reports/checklist.py)."""
        from reports import checklist as rc
        from reports.model import Organisation as Org

        org = Org(header.name_kk, header.name_ru, None, header.director, header.bin, header.address)
        rows = tuple(rc.ChecklistRow(i.item.no, i.item.text(lang), i.status.value, i.item.degree.value)
                     for i in result.items)
        findings = tuple(rc.Finding(i.item.no, i.item.degree.value, f.iin, f.name, f.why.render(lang))
                         for i in result.items for f in i.residents)
        notes = []
        for i in result.items:
            if i.answer is not None and i.answer.note and i.note is not None:
                notes.append((i.item.no, f"{i.note.render(lang)}: {i.answer.note}"))
            elif i.note is not None:
                notes.append((i.item.no, i.note.render(lang)))
        return rc.ChecklistSheet(org, result.on, rows, findings, tuple(notes))

    def print_pdf(self, actor: Actor | None, on: dt.date | None, lang: str) -> bytes:
        """The checklist on ``on`` printed in ``lang``; the print is kept in the audit log (it names people)."""
        from app.services.audit import AuditService
        from reports import checklist as rc

        result = self.evaluate(on)
        sheet = self.sheet(result, self.header(), lang)
        pdf = rc.render(sheet, lang)
        if actor is not None:
            with self.unit(actor) as s:
                AuditService.record_read(s, actor, "print.checklist", count=len(sheet.findings), form="checklist",
                                         lang=lang)
        return pdf

    # --- staff answers (items 5–20) -------------------------------------------------------------
    def answer(self, actor: Actor, item_no: int, answer: cl.Answer | str | None, note: str | None,
               answered_on: dt.date | None, expected_version: int | None = None) -> cl.StaffAnswer:
        """Record the staff answer to item ``item_no`` (5–20), with its note and date, who answered and when.
        The director and the social work specialist answer."""
        self.permit(actor, UseCase.CHECKLIST_ANSWER)  # issue 10 point 5: the director and the social worker
        value, text = cl.check_answer(item_no, answer, answered_on, today(), note)
        assert answered_on is not None  # check_answer refuses a missing date
        with self.unit(actor) as s:
            row = s.scalar(select(ChecklistAnswer).where(ChecklistAnswer.item_no == item_no))
            before = None
            if row is None:
                row = ChecklistAnswer(item_no=item_no, version=1)
                s.add(row)
            else:
                self.check_version(row, expected_version)
                before = snapshot(row)
                self.bump(row)
            row.answer, row.note, row.answered_on = value.value, text, answered_on
            row.answered_by, row.username, row.answered_at = actor.full_name or actor.username, actor.username, now()
            self.audit(s, actor, "checklist.answer", row, before=before)
            return cl.StaffAnswer(item_no, value, text, answered_on, row.answered_by, row.answered_at)

    def answer_versions(self) -> dict[int, int]:
        """Each answered item's row version (for optimistic locking of the next answer)."""
        with self.reading() as s:
            return dict(s.execute(select(ChecklistAnswer.item_no, ChecklistAnswer.version)).all())
