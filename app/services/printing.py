"""Assembles the plain data of each printed form from the database and renders it with the
renderers in ``reports/`` (which never see the database). One read-only session per form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import CaseFile, MonitoringSession, Movement, Organisation, Plan, Resident
from app.domain.enums import MovementKind, PlanStatus, RecipientCategory, Role
from app.domain.errors import NotFound
from app.domain.journal import journal_is_open
from app.domain.permissions import UseCase
from app.i18n import M
from app.paths import write_private
from app.services.base import Actor, ServiceBase, today
from app.services.queries import QueryService
from app.services.queue import queue_rows
from reports import model as rm

FORMS = ("journal", "casefile", "plan", "monitoring", "folder", "queue", "roster", "staffing")
_SIGNATURE_ROLES = {"social_worker": Role.SOCIAL_WORKER, "psychologist": Role.PSYCHOLOGIST,
                    "medical": Role.MEDICAL, "specialist": Role.SPECIALIST, "consultant": Role.CONSULTANT}


def _org(o: Organisation) -> rm.Organisation:
    return rm.Organisation(o.name_kk, o.name_ru, o.org_type, o.director_name, o.bin, o.legal_address)


def _signed_on(p: Plan, role: str) -> dt.date | None:
    """R-18: the date a signature was recorded, printed beside the name."""
    day = (p.signature_dates or {}).get(role) if (p.signatures or {}).get(role) else None
    return dt.date.fromisoformat(day) if day else None


def _order(m: Movement | None) -> rm.OrderRef | None:
    return rm.OrderRef(m.order_date, m.order_number) if m else None


class PrintService(ServiceBase):
    # --- lookups ----------------------------------------------------------------------------
    def resident_by_iin(self, iin: str) -> int:
        with self.reading() as s:
            rid = s.scalar(select(Resident.id).where(Resident.iin == iin.strip()))
            if rid is None:
                raise NotFound(M("No person with IIN {iin} is registered.", iin=iin), "iin")
            return rid

    # --- assembling plain data ----------------------------------------------------------------
    @staticmethod
    def _recipient(s: Session, r: Resident) -> rm.Recipient:
        adm, ground, unrecorded = s.execute(
            select(Movement.event_date, Movement.admission_ground, Movement.ground_unrecorded)
            .where(Movement.resident_id == r.id, Movement.kind == MovementKind.ADMISSION)
            .order_by(Movement.seq.desc()).limit(1)).first() or (None, None, None)
        return rm.Recipient(r.full_name, r.birth_date, r.diagnosis, r.nationality, adm, r.came_from, r.social_status,
                            r.parents_info, r.address, r.iin, RecipientCategory(r.category) if r.category else None,
                            ground or unrecorded)  # the ground, or why an imported admission has none

    def journal(self, start: dt.date, end: dt.date) -> rm.Journal:
        rows = QueryService(self.sessions).journal(start, end)
        with self.reading() as s:
            org = _org(self.organisation(s))
        out = []
        for i, r in enumerate(rows, start=1):
            temps = tuple(rm.OrderRef(t.date, t.order_number) for t in r.temporary_departures)
            out.append(rm.JournalRow(
                r.number if r.number is not None else i, r.status, r.full_name, r.birth_date, r.age, r.sex, r.address, r.phone, r.ipr_until,
                rm.OrderRef(r.admission.date, r.admission.order_number) if r.admission else None, r.returned,
                temps or None,
                rm.OrderRef(r.discharge.date, r.discharge.order_number) if r.discharge else None,
                r.discharge_reason_text or r.discharge_reason,
                rm.OrderRef(r.transfer.date, r.transfer.order_number) if r.transfer else None, r.destination,
                tuple(t.reason for t in r.temporary_departures)))
        # a journal still kept (its period reaches today) is not finished: the date stays blank
        return rm.Journal(org, start, None if journal_is_open(end, today()) else end, tuple(out))

    def _case_file(self, s: Session, r: Resident) -> rm.CaseFile:
        org = self.organisation(s)
        cf = s.scalar(select(CaseFile).where(CaseFile.resident_id == r.id))
        docs = cf.documents if cf else ()
        inventory = tuple(rm.InventoryItem(d.title, d.received_on, d.sheets, None, d.is_original, d.consent_on, d.kind)
                          for d in docs)
        transfer = None
        last = s.scalar(select(Movement).where(Movement.resident_id == r.id).order_by(Movement.seq.desc()).limit(1))
        if last is not None and last.kind == MovementKind.TRANSFER:  # the file goes with the person
            transfer = rm.TransferAct(cf.number if cf else None, last.event_date, last.receiving_organisation,
                                      _order(last), org.director_name, None, destination=last.destination)
        # R-13: the renderer adds the pages it binds (cover, inventory, plan, journal) to the documents' sheets
        return rm.CaseFile(_org(org), cf.number if cf else None, cf.place if cf else org.location,
                           self._recipient(s, r), None, cf.opened_on if cf else None, inventory, None, transfer,
                           document_sheets=sum(d.sheets for d in docs))

    def case_file(self, resident_id: int) -> rm.CaseFile:
        with self.reading() as s:
            return self._case_file(s, ServiceBase.get_row(s, Resident, resident_id, "resident"))

    @staticmethod
    def _current_plan(s: Session, resident_id: int | None, plan_id: int | None) -> Plan | None:
        if plan_id is not None:
            return ServiceBase.get_row(s, Plan, plan_id, "plan")
        plans = s.scalars(select(Plan).where(Plan.resident_id == resident_id, Plan.status != PlanStatus.SUPERSEDED)
                          .order_by(Plan.period_start, Plan.version_no)).all()
        return plans[-1] if plans else None

    def _plan(self, s: Session, p: Plan) -> rm.Plan:
        org, r = self.organisation(s), ServiceBase.get_row(s, Resident, p.resident_id, "resident")
        acts = tuple(rm.Activity(a.kind, a.title, a.term, a.start_on, a.end_on, a.specialist, a.assigned_on,
                                 a.title_kk, a.title_ru) for a in p.activities)
        approval = rm.Approval(p.approved_by, p.approved_on) if p.status == PlanStatus.APPROVED else \
            rm.Approval(org.director_name, None)
        signatories = tuple(rm.Signatory(role, (p.signatures or {}).get(code), _signed_on(p, code))
                            for code, role in _SIGNATURE_ROLES.items())
        return rm.Plan(_org(org), self._recipient(s, r), p.observation_start, p.observation_end, p.period_start,
                       p.period_end, acts, p.revision_date, approval, signatories)

    def plan(self, resident_id: int | None = None, plan_id: int | None = None) -> rm.Plan | None:
        with self.reading() as s:
            p = self._current_plan(s, resident_id, plan_id)
            return self._plan(s, p) if p else None

    def _monitoring(self, s: Session, p: Plan) -> rm.MonitoringJournal:
        org, r = self.organisation(s), ServiceBase.get_row(s, Resident, p.resident_id, "resident")
        chain, cur = [p.id], p
        while cur.previous_id:  # a corrected plan keeps the journal of the versions before it
            cur = ServiceBase.get_row(s, Plan, cur.previous_id, "plan")
            chain.append(cur.id)
        sessions, written = [], []
        for m in s.scalars(select(MonitoringSession).where(MonitoringSession.plan_id.in_(chain))
                           .order_by(MonitoringSession.monitoring_date)):
            rows = tuple(rm.MonitoringRow(x.kind, x.positive_text, x.no_change_reason, x.correction,
                                          m.monitoring_date, m.specialist, x.mark) for x in m.rows)
            sessions.append(rm.MonitoringSession(m.monitoring_date, rows))
            written.append(m.recorded_on)
        # the social work specialist signs what is written in the journal — dated the day its last
        # monitoring was written; a journal with nothing written in it is not signed (nothing printed)
        sign = (p.signatures or {}).get("social_worker") if sessions else None
        signed_on = max(written) if sign else None
        # the journal's observation period is the one its monitorings cover: from the plan's start to the
        # last monitoring (the plan's own "observation" is the one before the plan was drawn up)
        watched_to = sessions[-1].held_on if sessions else None
        return rm.MonitoringJournal(_org(org), self._recipient(s, r), p.period_start, p.period_end,
                                    p.period_start if sessions else None, watched_to, tuple(sessions),
                                    (rm.Signatory(Role.SOCIAL_WORKER, sign, signed_on),
                                     rm.Signatory(Role.CONSULTANT, None)))

    def monitoring(self, resident_id: int | None = None, plan_id: int | None = None) -> rm.MonitoringJournal | None:
        with self.reading() as s:
            p = self._current_plan(s, resident_id, plan_id)
            return self._monitoring(s, p) if p else None

    def folder(self, resident_id: int) -> rm.PersonalFolder:
        """R-24 / R-12: case file cover, inventory, current plan and its monitoring journal."""
        with self.reading() as s:
            r = ServiceBase.get_row(s, Resident, resident_id, "resident")
            p = self._current_plan(s, resident_id, None)
            return rm.PersonalFolder(self._case_file(s, r), self._plan(s, p) if p else None,
                                     self._monitoring(s, p) if p else None)

    def queue_list(self) -> rm.QueueList:
        with self.reading() as s:
            entries = tuple(rm.QueueEntry(q.position, q.full_name, q.iin, q.received_at,
                                          q.reason.render() if q.rule != "R-03" else q.priority, q.arrival_deadline,
                                          q.outcome) for q in queue_rows(s))
            return rm.QueueList(_org(self.organisation(s)), today(), entries)

    def roster(self, on: dt.date) -> rm.Roster:
        q = QueryService(self.sessions)
        with self.reading() as s:
            org = _org(self.organisation(s))
            entries = tuple(rm.RosterEntry(p.full_name, p.iin, p.birth_date, adm, status, p.room)
                            for p, status, adm in q._roster(s, on))
        return rm.Roster(org, on, entries)

    def staffing(self):
        """R-29, R-36: the staff list against the minimum norms (reports.staffing), each position and rule
        worded in both print languages."""
        from app.services.staffing import StaffingService
        from reports.staffing import StaffingComparison, StaffingLine

        c = StaffingService(self.sessions).comparison()
        with self.reading() as s:
            org = _org(self.organisation(s))
        lines = tuple(StaffingLine(p.no, p.position.render("kk"), p.position.render("ru"), p.required, p.actual,
                                   p.rule.render("kk") if p.rule else None, p.rule.render("ru") if p.rule else None)
                      for p in c.result.positions)
        eff = c.profile.effective
        return StaffingComparison(org, today(), c.result.recipients, c.result.band, c.result.units,
                                  tuple(sorted(eff.notes)), lines)

    def plans_awaiting_approval(self) -> list[int]:
        with self.reading() as s:
            return list(s.scalars(select(Plan.id).where(Plan.status == PlanStatus.COMPLETED)
                                  .order_by(Plan.completed_on, Plan.id)))

    def plans_of_year(self, year: int) -> list[int]:
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        with self.reading() as s:
            return list(s.scalars(select(Plan.id).join(Resident, Resident.id == Plan.resident_id)
                                  .where(Plan.period_start <= end, Plan.period_end >= start,
                                         Plan.status != PlanStatus.DRAFT)
                                  .order_by(Resident.name_key, Resident.id, Plan.version_no)))  # Kazakh order

    def batch_people(self, batch: str, *, year: int | None = None, start: dt.date | None = None,
                     end: dt.date | None = None) -> int:
        """How many people a batch would print (issue 10 point 10: asked and recorded before writing)."""
        if batch == "journal":
            since, until = start or dt.date(today().year, 1, 1), end or today()
            return len({row.resident_id for row in QueryService(self.sessions).journal(since, until)})
        ids = self._batch_plans(batch, year)
        if not ids:
            return 0
        with self.reading() as s:
            return len(set(s.scalars(select(Plan.resident_id).where(Plan.id.in_(ids)))))

    def _batch_plans(self, batch: str, year: int | None) -> list[int]:
        if batch == "awaiting":
            return self.plans_awaiting_approval()
        if batch == "year":
            return self.plans_of_year(year or today().year)
        raise NotFound(M("Unknown batch \"{batch}\"; choose one of: {batches}.", batch=batch,
                         batches=", ".join(BATCHES)), "form")

    def record_batch(self, actor: Actor, batch: str, people: int, folder, **details) -> None:
        """The audit entry of a batch: who printed what, how many people, into which folder."""
        self.permit(actor, UseCase.PRINT)
        with self.unit(actor) as s:
            self.audit(s, actor, "print.batch", entity="resident",
                       after={"batch": batch, "people": people, "folder": str(folder),
                              **{k: v.isoformat() if isinstance(v, dt.date) else v for k, v in details.items()}})

    # --- rendering -----------------------------------------------------------------------------
    def render(self, form: str, lang: str, *, resident_id: int | None = None, plan_id: int | None = None,
               start: dt.date | None = None, end: dt.date | None = None, blank: bool = False,
               actor: Actor | None = None) -> bytes:
        """PDF bytes of ``form`` in ``lang`` (kk or ru); ``blank`` prints the empty form to fill by hand.
        With ``actor``: the print is recorded in the audit log ("print.<form>": who, which form, how many
        people) — a blank form holds nobody's data and is not."""
        from reports import folder, journal, monitoring, plan, queue, staffing

        renderers: dict[str, tuple[Callable, Callable[[], object]]] = {
            "journal": (journal.render, lambda: self.journal(start or dt.date(today().year, 1, 1), end or today())),
            # the case file with what is bound in it (and the whole package on a transfer)
            "casefile": (folder.render_casefile, lambda: self.folder(self._need(resident_id))),
            "plan": (plan.render, lambda: self.plan(resident_id, plan_id)),
            "monitoring": (monitoring.render, lambda: self.monitoring(resident_id, plan_id)),
            "folder": (folder.render, lambda: self.folder(self._need(resident_id))),
            "queue": (queue.render, self.queue_list),
            "roster": (queue.render, lambda: self.roster(end or start or today())),
            "staffing": (staffing.render, self.staffing),
        }
        if form not in renderers:
            raise NotFound(M("Unknown form \"{form}\"; choose one of: {forms}.", form=form, forms=", ".join(FORMS)),
                           "form")
        render, data = renderers[form]
        if form in ("plan", "monitoring") and not blank and resident_id is None and plan_id is None:
            self._need(None)
        payload = None if blank else data()
        if payload is None and not blank:
            raise NotFound(M("This person has no individual plan yet; draw one up first, or print the blank form."),
                           "plan")
        pdf = render(payload, lang)
        if actor is not None and payload is not None:
            self.record_print(actor, form, payload, lang, resident_id=resident_id, plan_id=plan_id)
        return pdf

    def record_print(self, actor: Actor, form: str, payload: object, lang: str, *, resident_id: int | None = None,
                     plan_id: int | None = None) -> None:
        """The audit entry of one printed form: a list counts its rows' people, a person's form files
        the entry under that person."""
        from app.services.audit import AuditService

        self.permit(actor, UseCase.PRINT)

        rows = getattr(payload, "rows", None) or getattr(payload, "entries", None)
        with self.unit(actor) as s:
            if form in ("journal", "queue", "roster", "staffing"):  # a list: staffing names nobody
                AuditService.record_read(s, actor, f"print.{form}", count=len(rows or ()), form=form, lang=lang)
                return
            if resident_id is None and plan_id is not None:
                resident_id = s.scalar(select(Plan.resident_id).where(Plan.id == plan_id))
            AuditService.record_read(s, actor, f"print.{form}", resident_ids=(resident_id,) if resident_id else (),
                                     count=1, form=form, lang=lang)

    @staticmethod
    def _need(resident_id: int | None) -> int:
        if resident_id is None:
            raise NotFound(M("Choose the person (for the command line: --resident IIN)."), "resident")
        return resident_id


BATCHES = ("awaiting", "year", "journal")


def _safe(text: str) -> str:
    keep = "".join(c if c.isalnum() or c in " -_." else "_" for c in text)
    return "_".join(keep.split())[:80] or "form"


def run_batch(printer: PrintService, batch: str, lang: str, out_dir, *, actor: Actor, year: int | None = None,
              start: dt.date | None = None, end: dt.date | None = None,
              progress: Callable[[int, int], None] | None = None) -> list:
    """Batch printing (issue 4): every plan awaiting approval; every plan and monitoring journal of a
    year; the whole journal for a period. The plans go into one PDF (each numbered from its own first
    page), the monitoring journals one PDF each, into ``out_dir``; returns the paths.
    ``progress(done, total)`` may raise to cancel (files written so far stay). The batch is recorded in
    the audit log (by ``actor``: what, how many people, where) before anything is written (issue 10 point 10)."""
    from pathlib import Path

    from reports import journal as journal_form
    from reports import monitoring as monitoring_form
    from reports import plan as plan_form

    if batch not in BATCHES:
        printer._batch_plans(batch, year)  # refuses an unknown batch
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    people = printer.batch_people(batch, year=year, start=start, end=end)
    printer.record_batch(actor, batch, people, out.resolve(), lang=lang,
                         **({"year": year or today().year} if batch == "year" else {}),
                         **({"start": start or dt.date(today().year, 1, 1), "end": end or today()}
                            if batch == "journal" else {}))
    written: list[Path] = []
    if batch == "journal":
        s, e = start or dt.date(today().year, 1, 1), end or today()
        if progress:
            progress(0, 1)
        path = out / f"journal_{s.isoformat()}_{e.isoformat()}_{lang}.pdf"
        data = printer.journal(s, e)
        write_private(path, journal_form.render(data, lang))
        if progress:
            progress(1, 1)
        return [path]
    if batch == "awaiting":
        ids, with_monitoring, stem = printer.plans_awaiting_approval(), False, "plans_awaiting_approval"
    elif batch == "year":
        y = year or today().year
        ids, with_monitoring, stem = printer.plans_of_year(y), True, f"plans_{y}"
    else:
        raise NotFound(M("Unknown batch \"{batch}\"; choose one of: {batches}.", batch=batch,
                         batches=", ".join(BATCHES)), "form")
    total = len(ids) * (2 if with_monitoring else 1)

    def plans():  # assembled one at a time, reporting progress (and letting the user cancel)
        for n, pid in enumerate(ids):
            if progress:
                progress(n, total)
            yield printer.plan(plan_id=pid)

    path = out / f"{stem}_{lang}.pdf"  # one PDF, each plan numbered from its own first page
    write_private(path, plan_form.render_batch(plans(), lang))
    written.append(path)
    if with_monitoring:
        for n, pid in enumerate(ids):
            if progress:
                progress(len(ids) + n, total)
            watched = printer.monitoring(plan_id=pid)
            assert watched is not None and watched.recipient is not None  # the plan exists (or NotFound)
            name = _safe(f"{watched.recipient.full_name}_{watched.recipient.iin or pid}_{watched.plan_start}")
            path = out / f"monitoring_{name}_{lang}.pdf"
            write_private(path, monitoring_form.render(watched, lang))
            written.append(path)
    if progress:
        progress(total, total)
    return written

