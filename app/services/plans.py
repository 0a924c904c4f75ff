"""Individual plans (Annex 4, R-14…R-19) and the monitoring journal (Annex 5, R-20…R-25)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import (
    ActivityCatalogEntry,
    MonitoringRow,
    MonitoringSession,
    Movement,
    Plan,
    PlanActivity,
    Resident,
)
from app.domain import date_order as dord
from app.domain import deadlines as dl
from app.domain.enums import ActivityTerm, ChangeMark, MovementKind, PlanStatus, ResidentStatus, Role, ServiceKind
from app.domain.errors import DomainError
from app.domain.fields import field_label
from app.domain.limits import clean
from app.domain.permissions import SIGNATURE_OF, UseCase, forbidden, may, require_kinds
from app.i18n import N_, M, Message
from app.services.base import Actor, ServiceBase, not_before, required, snapshot, today

#: the director's comment when returning a plan for changes
RETURN_NOTE_MAX = 2000


@dataclass
class ActivityInput:
    kind: ServiceKind
    title: str
    term: ActivityTerm
    start_on: dt.date
    end_on: dt.date
    specialist: str
    assigned_on: dt.date
    title_kk: str | None = None  # picked from the catalogue: its title in both languages, so a plan printed
    title_ru: str | None = None  # in the other language shows the catalogue's title in that language


@dataclass
class PlanInput:
    drawn_up_on: dt.date
    period_start: dt.date
    period_end: dt.date
    observation_start: dt.date | None = None
    observation_end: dt.date | None = None
    revision_date: dt.date | None = None
    activities: list[ActivityInput] = field(default_factory=list)
    signatures: dict[str, str] = field(default_factory=dict)
    #: R-18: the day each signature was put, as entered (a role without one: kept while its name stays, else
    #: the day the name is entered in the program)
    signature_dates: dict[str, dt.date] = field(default_factory=dict)


@dataclass(frozen=True)
class ActivityView:
    id: int
    kind: ServiceKind
    title: str
    term: ActivityTerm
    start_on: dt.date
    end_on: dt.date
    specialist: str
    assigned_on: dt.date
    title_kk: str | None = None
    title_ru: str | None = None


@dataclass(frozen=True)
class PlanView:
    id: int
    resident_id: int
    version_no: int
    previous_id: int | None
    status: PlanStatus
    drawn_up_on: dt.date
    completed_on: dt.date | None
    approved_on: dt.date | None
    approved_by: str | None
    observation_start: dt.date | None
    observation_end: dt.date | None
    period_start: dt.date
    period_end: dt.date
    revision_date: dt.date | None
    signatures: dict
    correction_note: str | None
    activities: tuple[ActivityView, ...]
    version: int
    #: R-15: the steps (drawn up, completed, approved) done after their deadline, kept with the plan
    late: tuple[dl.Lateness, ...] = ()
    #: the director's last return of the completed plan for changes: the comment, its date and who returned it
    return_note: str | None = None
    returned_on: dt.date | None = None
    returned_by: str | None = None
    #: R-18: the day each signature was put (role → date), printed beside the name
    signature_dates: dict = field(default_factory=dict)


@dataclass
class MonitoringRowInput:
    kind: ServiceKind
    mark: ChangeMark
    positive_text: str | None = None
    no_change_reason: str | None = None
    correction: str | None = None


@dataclass(frozen=True)
class MonitoringView:
    id: int
    plan_id: int
    monitoring_date: dt.date
    recorded_on: dt.date
    recorded_late: bool
    interim: bool
    specialist: str
    rows: tuple[MonitoringRowInput, ...]


@dataclass(frozen=True)
class AwaitingApproval:
    """A completed plan waiting for the head's approval (R-15)."""

    plan_id: int
    resident_id: int
    full_name: str
    iin: str | None
    drawn_up_on: dt.date
    completed_on: dt.date | None
    approve_due: dt.date


def plan_view(p: Plan) -> PlanView:
    acts = tuple(ActivityView(a.id, a.kind, a.title, a.term, a.start_on, a.end_on, a.specialist, a.assigned_on,
                              a.title_kk, a.title_ru) for a in p.activities)
    return PlanView(p.id, p.resident_id, p.version_no, p.previous_id, p.status, p.drawn_up_on, p.completed_on,
                    p.approved_on, p.approved_by, p.observation_start, p.observation_end, p.period_start,
                    p.period_end, p.revision_date, dict(p.signatures or {}), p.correction_note, acts, p.version,
                    plan_lateness(p), p.return_note, p.returned_on, p.returned_by,
                    {role: dt.date.fromisoformat(day) for role, day in (p.signature_dates or {}).items()
                     if day and (p.signatures or {}).get(role)})


def plan_lateness(p: Plan) -> tuple[dl.Lateness, ...]:
    """R-15: the plan's steps done after the due date stored with them."""
    return dl.late_steps((p.draw_up_step, p.draw_up_due, p.drawn_up_on),
                         (dl.DeadlineKind.PLAN_COMPLETE, p.complete_due, p.completed_on),
                         (dl.DeadlineKind.PLAN_APPROVE, p.approve_due, p.approved_on))


def monitoring_view(m: MonitoringSession) -> MonitoringView:
    rows = tuple(MonitoringRowInput(r.kind, r.mark, r.positive_text, r.no_change_reason, r.correction) for r in m.rows)
    return MonitoringView(m.id, m.plan_id, m.monitoring_date, m.recorded_on, m.recorded_late, m.interim,
                          m.specialist, rows)


#: R-18: the plan's signature roles, as the checklist names them (for a refusal about a signature's date)
SIGNATURE_ROLE_LABELS = {"social_worker": N_("social work specialist"), "psychologist": N_("psychologist"),
                         "medical": N_("medical staff specialist"), "specialist": N_("specialist"),
                         "consultant": N_("social work consultant")}


def check_signature_dates(data: PlanInput, on: dt.date) -> None:
    """R-18: a signature's date, when entered, is neither before the plan was drawn up nor after today
    (``on``). Refused under the date (field ``signed_on_<role>``)."""
    for role, day in (data.signature_dates or {}).items():
        if day is None or not clean(data.signatures.get(role)):
            continue
        who = Message(SIGNATURE_ROLE_LABELS.get(role, role))
        if data.drawn_up_on and day < data.drawn_up_on:
            raise DomainError(M("{field} ({role}): {day} is before the plan was drawn up ({drawn}); a plan is signed "
                                "once it is drawn up.", field=field_label("signed_on"), role=who, day=day,
                                drawn=data.drawn_up_on), f"signed_on_{role}")
        if day > on:
            raise DomainError(M("{field} ({role}): {day} is in the future; enter the day the signature was put.",
                                field=field_label("signed_on"), role=who, day=day), f"signed_on_{role}")


def _validate_plan(data: PlanInput, rules: dl.DeadlineRules, admitted_on: dt.date | None) -> None:
    required(data.drawn_up_on, "date")
    dord.check_not_future(data.drawn_up_on, today(), "date", dord.DRAWN_UP_ON)  # its deadlines run from it
    check_signature_dates(data, today())
    dl.check_plan_period(data.period_start, data.period_end, rules)
    if data.observation_start and data.observation_end:
        not_before(data.observation_end, data.observation_start, "observation_end", dord.OBSERVATION_END,
                   dord.OBSERVATION_START)
    if admitted_on:
        not_before(data.drawn_up_on, admitted_on, "date", dord.DRAWN_UP_ON, dord.ADMITTED_ON)
    for a in data.activities:
        _validate_activity(a, data)


def _validate_activity(a: ActivityInput, plan: PlanInput) -> None:
    required(a.title, "activity")
    required(a.specialist, "specialist")
    required(a.assigned_on, "assigned_on")
    if a.term not in ActivityTerm:
        raise DomainError(M("{field}: choose week, month or quarter.", field=field_label("term")), "term")
    required(a.start_on, "activity_start")  # terms shown through concrete dates
    required(a.end_on, "activity_end")
    not_before(a.end_on, a.start_on, "activity_end", dord.ACTIVITY_END, dord.ACTIVITY_START)
    if a.start_on < plan.period_start or a.end_on > plan.period_end:
        raise DomainError(M("{field}: \"{title}\" must fall within the plan period {start} – {end}.",
                            field=field_label("activity"), title=a.title,
                            start=plan.period_start, end=plan.period_end),
                          "activity_start")
    dl.check_activity_term(a.title, a.term, a.start_on, a.end_on)  # the dates agree with the term


def _current_admission(session: Session, resident: Resident) -> dt.date | None:
    from app.db.models import Movement
    from app.domain.enums import MovementKind

    return session.scalar(select(Movement.event_date).where(Movement.resident_id == resident.id,
                                                           Movement.kind == MovementKind.ADMISSION)
                          .order_by(Movement.seq.desc()).limit(1))


def catalogue_titles(a: ActivityInput) -> tuple[str | None, str | None]:
    """The catalogue titles kept with an activity, while its title is still one of them; a title typed
    over (or an activity typed from the start) keeps none and prints as typed."""
    kk, ru = clean(a.title_kk), clean(a.title_ru)
    if kk and ru and a.title.strip() in (kk, ru):
        return kk, ru
    return None, None


def _set_draw_up_due(session: Session, plan: Plan, admitted_on: dt.date | None, cal, rules) -> None:
    """R-15: the draw-up deadline of a stay's plan (not of a correction, R-19), kept with the plan: 1 working
    day after the previous plan of the stay ends, or 5 calendar days after admission for the first (none
    when the plans before it were kept outside the program, see ``plan_draw_up_due``)."""
    if plan.version_no != 1:
        return
    q = select(Plan.period_end).where(Plan.resident_id == plan.resident_id,
                                      Plan.status.in_([PlanStatus.APPROVED, PlanStatus.SUPERSEDED]),
                                      Plan.period_start < plan.period_start)
    if plan.id is not None:
        q = q.where(Plan.id != plan.id)
    if admitted_on is not None:
        q = q.where(Plan.drawn_up_on >= admitted_on)
    previous_end = session.scalar(q.order_by(Plan.period_end.desc()).limit(1))
    due = dl.plan_draw_up_due(admitted_on, previous_end, plan.drawn_up_on, cal, rules)
    plan.draw_up_step, plan.draw_up_due = (due[0].value, due[1]) if due else (None, None)


def _store_activities(plan: Plan, activities: list[ActivityInput]) -> None:
    plan.activities.clear()
    for a in activities:
        kk, ru = catalogue_titles(a)
        plan.activities.append(PlanActivity(kind=a.kind, title=a.title.strip(), title_kk=kk, title_ru=ru,
                                            term=a.term, start_on=a.start_on, end_on=a.end_on,
                                            specialist=a.specialist.strip(), assigned_on=a.assigned_on))


def signature_dates(names: dict, old_names: dict | None, old_dates: dict | None, on: dt.date,
                    entered: dict | None = None) -> dict:
    """R-18: the date each signature (a name under a role) was put: the one ``entered`` for it; else kept while
    the name stays; else ``on`` (the day the name is entered in the program); none for a role left blank."""
    old_names, old_dates, entered = old_names or {}, old_dates or {}, entered or {}
    out = {}
    for role, name in names.items():
        if clean(name):
            same = clean(old_names.get(role)) == clean(name) and old_dates.get(role)
            out[role] = entered[role].isoformat() if entered.get(role) else old_dates[role] if same \
                else on.isoformat()
    return out


def _version_chain(session: Session, plan: Plan) -> list[int]:
    """The ids of ``plan`` and of every earlier version it corrects (R-19)."""
    ids = [plan.id]
    prev = plan.previous_id
    while prev is not None and prev not in ids:
        ids.append(prev)
        prev = session.scalar(select(Plan.previous_id).where(Plan.id == prev))
    return ids


_HEADER = ("drawn_up_on", "period_start", "period_end", "observation_start", "observation_end", "revision_date")


def _activity_key(a) -> tuple:
    return (ServiceKind(a.kind).value, a.title, a.title_kk, a.title_ru, ActivityTerm(a.term).value, a.start_on,
            a.end_on, a.specialist, a.assigned_on)


def _check_own_kinds(role: Role, plan: Plan, data: PlanInput) -> None:
    """A specialist's save of a draft changes only the activities of their own kinds and their signature."""
    own_signature = SIGNATURE_OF.get(role)
    old_signatures = {k: v for k, v in (plan.signatures or {}).items() if k != own_signature and v}
    new_signatures = {k: v for k, v in data.signatures.items() if k != own_signature and v}
    old_dates = {k: v for k, v in (plan.signature_dates or {}).items() if k != own_signature and v}
    new_dates = {k: v.isoformat() for k, v in (data.signature_dates or {}).items() if k != own_signature and v}
    if any(getattr(plan, k) != getattr(data, k) for k in _HEADER) or old_signatures != new_signatures \
            or any(old_dates.get(k) != v for k, v in new_dates.items()):
        raise forbidden(UseCase.PLAN_EDIT)
    old = sorted(_activity_key(a) for a in plan.activities)
    new = sorted(_activity_key(a) for a in data.activities)
    changed = {kind for kind in ServiceKind
               if [k for k in old if k[0] == kind.value] != [k for k in new if k[0] == kind.value]}
    require_kinds(role, changed, UseCase.PLAN_EDIT_OWN_KIND)


class PlanService(ServiceBase):
    def create(self, actor: Actor, resident_id: int, data: PlanInput) -> PlanView:
        self.permit(actor, UseCase.PLAN_CREATE)
        with self.unit(actor) as s:
            r = ServiceBase.get_row(s, Resident, resident_id, "resident")
            if r.status not in (ResidentStatus.PRESENT, ResidentStatus.TEMPORARILY_ABSENT):
                raise DomainError(M("A plan is drawn up for a person receiving services; {name} is \"{status}\".",
                                    name=r.full_name, status=r.status.label), "resident")
            admitted_on = _current_admission(s, r)
            _validate_plan(data, self.rules(s), admitted_on)
            open_draft = s.scalar(select(Plan).where(Plan.resident_id == r.id,
                                                     Plan.status.in_([PlanStatus.DRAFT, PlanStatus.COMPLETED])))
            if open_draft is not None:
                raise DomainError(M("{name} already has a plan that is not approved yet; finish that one first.",
                                    name=r.full_name), "resident")
            plan = Plan(resident_id=r.id, version_no=1, status=PlanStatus.DRAFT, drawn_up_on=data.drawn_up_on,
                        period_start=data.period_start, period_end=data.period_end,
                        observation_start=data.observation_start, observation_end=data.observation_end,
                        revision_date=data.revision_date, signatures=dict(data.signatures),
                        signature_dates=signature_dates(data.signatures, None, None, today(), data.signature_dates),
                        version=1)
            _set_draw_up_due(s, plan, admitted_on, self.calendar(s), self.rules(s))
            _store_activities(plan, data.activities)
            s.add(plan)
            self.audit(s, actor, "plan.create", plan, after=self._audit_doc(plan))
            return plan_view(plan)

    @staticmethod
    def _audit_doc(plan: Plan) -> dict:
        doc = snapshot(plan)
        doc["activities"] = [snapshot(a) for a in plan.activities] if plan.id else []
        return doc

    def update_draft(self, actor: Actor, plan_id: int, data: PlanInput, expected_version: int) -> PlanView:
        """Save a draft. The social work specialist (and the director) edit all of it; the other specialists
        only the activities of their own kinds of service and their own signature (R-16, R-18)."""
        with self.unit(actor) as s:
            plan = ServiceBase.get_row(s, Plan, plan_id, "plan")
            self.check_version(plan, expected_version)
            if plan.status != PlanStatus.DRAFT:
                raise DomainError(M("Only a draft plan can be edited; an approved plan is corrected by a new version."),
                                  "plan")
            if actor.user_id is not None and not may(actor.role, UseCase.PLAN_EDIT):
                _check_own_kinds(actor.role, plan, data)
            before = self._audit_doc(plan)
            r = ServiceBase.get_row(s, Resident, plan.resident_id, "resident")
            admitted_on = _current_admission(s, r) if plan.version_no == 1 else None
            _validate_plan(data, self.rules(s), admitted_on)
            for k in ("drawn_up_on", "period_start", "period_end", "observation_start", "observation_end",
                      "revision_date"):
                setattr(plan, k, getattr(data, k))
            plan.signature_dates = signature_dates(data.signatures, plan.signatures, plan.signature_dates, today(),
                                                   data.signature_dates)
            _set_draw_up_due(s, plan, admitted_on, self.calendar(s), self.rules(s))
            plan.signatures = dict(data.signatures)
            _store_activities(plan, data.activities)
            self.bump(plan)
            s.flush()
            self.audit(s, actor, "plan.update", plan, before=before, after=self._audit_doc(plan))
            return plan_view(plan)

    def complete(self, actor: Actor, plan_id: int, completed_on: dt.date, expected_version: int | None = None) -> PlanView:
        """R-15: the drawn-up plan is completed (filled in) and goes to the head for approval."""
        self.permit(actor, UseCase.PLAN_COMPLETE)
        with self.unit(actor) as s:
            plan = ServiceBase.get_row(s, Plan, plan_id, "plan")
            self.check_version(plan, expected_version)
            if plan.status != PlanStatus.DRAFT:
                raise DomainError(M("Only a draft plan can be marked completed."), "plan")
            if not plan.activities:
                raise DomainError(M("{field}: the plan has no activities; add at least one.",
                                    field=field_label("activity")), "activity")
            not_before(completed_on, plan.drawn_up_on, "date", dord.COMPLETED_ON, dord.DRAWN_UP_ON)
            dord.check_not_future(completed_on, today(), "date", dord.COMPLETED_ON)
            before = snapshot(plan)
            plan.status, plan.completed_on = PlanStatus.COMPLETED, completed_on
            plan.complete_due = dl.plan_complete_due(plan.drawn_up_on, self.calendar(s), self.rules(s))
            self.bump(plan)
            self.audit(s, actor, "plan.complete", plan, before=before)
            return plan_view(plan)

    def approve(self, actor: Actor, plan_id: int, approved_on: dt.date, expected_version: int | None = None) -> PlanView:
        """R-15, R-18: the head approves ("Бекітемін" / "Утверждаю"); only the director's account may."""
        self.permit(actor, UseCase.PLAN_APPROVE)
        with self.unit(actor) as s:
            plan = ServiceBase.get_row(s, Plan, plan_id, "plan")
            self.check_version(plan, expected_version)
            if plan.status != PlanStatus.COMPLETED:
                raise DomainError(M("Only a completed plan can be approved."), "plan")
            not_before(approved_on, plan.completed_on, "date", dord.APPROVED_ON, dord.COMPLETED_ON)
            dord.check_not_future(approved_on, today(), "date", dord.APPROVED_ON)
            before = snapshot(plan)
            plan.status, plan.approved_on, plan.approved_by = PlanStatus.APPROVED, approved_on, actor.full_name
            plan.approve_due = dl.plan_approve_due(plan.drawn_up_on, self.calendar(s), self.rules(s))
            if plan.previous_id:  # the corrected version replaces the one it corrects
                prev = s.get(Plan, plan.previous_id)
                if prev is not None and prev.status == PlanStatus.APPROVED:
                    prev_before = snapshot(prev)
                    prev.status = PlanStatus.SUPERSEDED
                    self.bump(prev)
                    self.audit(s, actor, "plan.superseded", prev, before=prev_before)
            self.bump(plan)
            self.audit(s, actor, "plan.approve", plan, before=before)
            return plan_view(plan)

    def return_for_changes(self, actor: Actor, plan_id: int, returned_on: dt.date, comment: str,
                           expected_version: int | None = None) -> PlanView:
        """The director does not approve the completed plan but returns it to its authors with a comment saying
        what to change: it is a draft again, to be completed anew (R-15's completion deadline applies again)."""
        self.permit(actor, UseCase.PLAN_RETURN)
        comment = (clean(comment) or "")
        if not comment:
            raise DomainError(M("{field}: say what should be changed in the plan.",
                                field=field_label("return_note")), "return_note")
        if len(comment) > RETURN_NOTE_MAX:
            raise DomainError(M("{field}: at most {n} characters.", field=field_label("return_note"),
                                n=RETURN_NOTE_MAX), "return_note")
        with self.unit(actor) as s:
            plan = ServiceBase.get_row(s, Plan, plan_id, "plan")
            self.check_version(plan, expected_version)
            if plan.status != PlanStatus.COMPLETED:
                raise DomainError(M("Only a completed plan can be returned for changes."), "plan")
            not_before(returned_on, plan.completed_on, "date", dord.RETURNED_ON, dord.COMPLETED_ON)
            dord.check_not_future(returned_on, today(), "date", dord.RETURNED_ON)
            before = snapshot(plan)
            plan.status, plan.completed_on, plan.complete_due = PlanStatus.DRAFT, None, None
            plan.return_note, plan.returned_on, plan.returned_by = comment, returned_on, actor.full_name
            self.bump(plan)
            self.audit(s, actor, "plan.return", plan, before=before)
            return plan_view(plan)

    def correct(self, actor: Actor, plan_id: int, drawn_up_on: dt.date, note: str) -> PlanView:
        """R-19: correct an approved plan after monitoring: a new draft version linked to the previous one."""
        self.permit(actor, UseCase.PLAN_CORRECT)
        note = required(note, "reason")
        required(drawn_up_on, "date")
        dord.check_not_future(drawn_up_on, today(), "date", dord.DRAWN_UP_ON)
        with self.unit(actor) as s:
            plan = ServiceBase.get_row(s, Plan, plan_id, "plan")
            if plan.status != PlanStatus.APPROVED:
                raise DomainError(M("Only an approved plan is corrected by a new version; edit the draft instead."),
                                  "plan")
            not_before(drawn_up_on, plan.approved_on, "date", dord.DRAWN_UP_ON, dord.APPROVED_ON)  # after it
            if s.scalar(select(Plan).where(Plan.previous_id == plan.id)):
                raise DomainError(M("A correction of this plan already exists; open it."), "plan")
            new = Plan(resident_id=plan.resident_id, version_no=plan.version_no + 1, previous_id=plan.id,
                       status=PlanStatus.DRAFT, drawn_up_on=drawn_up_on, period_start=plan.period_start,
                       period_end=plan.period_end, observation_start=plan.observation_start,
                       observation_end=plan.observation_end, revision_date=drawn_up_on,
                       signatures=dict(plan.signatures or {}), signature_dates=dict(plan.signature_dates or {}),
                       correction_note=note, version=1)
            for a in plan.activities:
                new.activities.append(PlanActivity(kind=a.kind, title=a.title, title_kk=a.title_kk,
                                                   title_ru=a.title_ru, term=a.term, start_on=a.start_on,
                                                   end_on=a.end_on, specialist=a.specialist,
                                                   assigned_on=a.assigned_on))
            s.add(new)
            self.audit(s, actor, "plan.correct", new, after=self._audit_doc(new))
            return plan_view(new)

    def get(self, plan_id: int) -> PlanView:
        with self.reading() as s:
            return plan_view(ServiceBase.get_row(s, Plan, plan_id, "plan"))

    def for_resident(self, resident_id: int) -> list[PlanView]:
        with self.reading() as s:
            return [plan_view(p) for p in s.scalars(select(Plan).where(Plan.resident_id == resident_id)
                                                     .order_by(Plan.period_start, Plan.version_no))]

    def current_plans(self, resident_ids: list[int]) -> dict[int, list[PlanView]]:
        """The plans not superseded of each resident, oldest first, in two queries (not one per resident)."""
        from sqlalchemy.orm import selectinload

        result: dict[int, list[PlanView]] = {}
        with self.reading() as s:
            for chunk in range(0, len(resident_ids), 500):
                ids = resident_ids[chunk:chunk + 500]
                for p in s.scalars(select(Plan).options(selectinload(Plan.activities))
                                   .where(Plan.resident_id.in_(ids), Plan.status != PlanStatus.SUPERSEDED)
                                   .order_by(Plan.resident_id, Plan.period_start, Plan.version_no)):
                    result.setdefault(p.resident_id, []).append(plan_view(p))
        return result

    def late_plans(self) -> list[PlanView]:
        """R-15 (and R-30's "breaking the deadline for the individual work plan"): every plan with a step
        done after its deadline, for the inspector's checklist."""
        late = (Plan.drawn_up_on > Plan.draw_up_due) | (Plan.completed_on > Plan.complete_due) \
            | (Plan.approved_on > Plan.approve_due)
        with self.reading() as s:
            return [plan_view(p) for p in s.scalars(select(Plan).where(late)
                                                     .order_by(Plan.resident_id, Plan.period_start, Plan.version_no))]

    def awaiting_approval(self) -> list[PlanView]:
        with self.reading() as s:
            return [plan_view(p) for p in s.scalars(select(Plan).where(Plan.status == PlanStatus.COMPLETED)
                                                     .order_by(Plan.completed_on))]

    def awaiting_approval_rows(self) -> list[AwaitingApproval]:
        """The plans completed and waiting for the head's approval, with the person and the approval's due
        date (R-15), oldest first — the director's morning list."""
        with self.reading() as s:
            cal, rules = self.calendar(s), self.rules(s)
            rows = s.execute(select(Plan.id, Plan.resident_id, Resident.last_name, Resident.first_name,
                                    Resident.middle_name, Resident.iin, Plan.drawn_up_on, Plan.completed_on)
                             .join(Resident, Resident.id == Plan.resident_id)
                             .where(Plan.status == PlanStatus.COMPLETED)
                             .order_by(Plan.completed_on, Plan.id)).all()
            return [AwaitingApproval(r[0], r[1], " ".join(p for p in r[2:5] if p), r[5], r[6], r[7],
                                     dl.plan_approve_due(r[6], cal, rules)) for r in rows]

    # --- catalog of standard activities --------------------------------------------------
    def catalog(self, kind: ServiceKind | None = None) -> list[tuple[int, ServiceKind, str, str]]:
        with self.reading() as s:
            q = select(ActivityCatalogEntry).order_by(ActivityCatalogEntry.kind, ActivityCatalogEntry.id)
            if kind is not None:
                q = q.where(ActivityCatalogEntry.kind == kind)
            return [(e.id, e.kind, e.title_kk, e.title_ru) for e in s.scalars(q)]

    def add_catalog_entry(self, actor: Actor, kind: ServiceKind, title_kk: str, title_ru: str) -> int:
        self.permit_kinds(actor, (kind,), UseCase.CATALOG_ADD)
        title_kk = required(title_kk, "activity")
        title_ru = required(title_ru, "activity")
        with self.unit(actor) as s:
            e = ActivityCatalogEntry(kind=kind, title_kk=title_kk, title_ru=title_ru, builtin=False)
            s.add(e)
            self.audit(s, actor, "catalog.add", e)
            return e.id

    # --- monitoring -------------------------------------------------------------------------
    def record_monitoring(self, actor: Actor, plan_id: int, monitoring_date: dt.date, specialist: str,
                          rows: list[MonitoringRowInput], interim: bool = False,
                          recorded_on: dt.date | None = None) -> MonitoringView:
        """R-20…R-25: one quarterly monitoring (or a monthly interim entry) of an approved plan; a specialist
        marks the rows of their own kinds of service (R-16, R-20: "the specialists review changes")."""
        self.permit_kinds(actor, [r.kind for r in rows], UseCase.MONITORING_RECORD)
        specialist = required(specialist, "specialist")
        required(monitoring_date, "monitoring_date")
        dord.check_not_future(monitoring_date, today(), "monitoring_date", dord.MONITORING_DATE)
        recorded_on = recorded_on or today()
        dord.check_not_future(recorded_on, today(), "date", dord.RECORDED_ON)
        not_before(recorded_on, monitoring_date, "date", dord.RECORDED_ON, dord.MONITORING_DATE)
        if not rows:
            raise DomainError(M("{field}: mark the state for at least one kind of service.",
                                field=field_label("kind")), "kind")
        seen = set()
        for r in rows:
            if r.kind in seen:
                raise DomainError(M("{field}: \"{kind}\" is entered twice.", field=field_label("kind"),
                                    kind=r.kind.label), "kind")
            seen.add(r.kind)
            if r.mark == ChangeMark.POSITIVE and not clean(r.positive_text):
                raise DomainError(M("{field}: \"{kind}\": describe the positive changes.",
                                    field=field_label("kind"), kind=r.kind.label), "positive_text")
            if r.mark in (ChangeMark.NO_CHANGE, ChangeMark.WORSE) and not clean(r.no_change_reason):
                raise DomainError(M("{field}: \"{kind}\": give the reason there is no change or it got worse.",
                                    field=field_label("kind"), kind=r.kind.label), "no_change_reason")
        with self.unit(actor) as s:
            plan = ServiceBase.get_row(s, Plan, plan_id, "plan")
            if plan.status != PlanStatus.APPROVED:
                raise DomainError(M("Monitoring is recorded against an approved plan."), "plan")
            rules, cal = self.rules(s), self.calendar(s)
            facts = dl.PlanFacts(plan.id, plan.status, plan.drawn_up_on, plan.completed_on, plan.approved_on,
                                 plan.period_start, plan.period_end)
            # once a quarter of the resident's plan period, across its versions: a correction
            # keeps the period, and the monitorings of the versions it replaces count in its quarters
            chain = _version_chain(s, plan)
            previous = list(s.scalars(select(MonitoringSession).where(MonitoringSession.plan_id.in_(chain))))
            # the plan monitored is one in force: approved by then (its first version, R-19), and the person still
            # served (a monitoring after they left reviews nothing)
            in_force = min(d for d in s.scalars(select(Plan.approved_on).where(Plan.id.in_(chain))) if d is not None)
            not_before(monitoring_date, in_force, "monitoring_date", dord.MONITORING_DATE, dord.APPROVED_ON)
            left = s.execute(select(Movement.kind, Movement.event_date).where(Movement.resident_id == plan.resident_id)
                             .order_by(Movement.seq.desc()).limit(1)).first()
            if left is not None and left.kind in (MovementKind.DISCHARGE, MovementKind.TRANSFER) \
                    and monitoring_date > left.event_date:
                raise DomainError(M("{field}: {day} is after the person left ({left}); a monitoring reviews the "
                                    "services of a person still served.", field=Message(dord.MONITORING_DATE),
                                    day=monitoring_date, left=left.event_date), "monitoring_date")
            if interim:
                dl.check_interim_marks([p.monitoring_date for p in previous if p.interim], monitoring_date,
                                       any(r.mark != ChangeMark.NO_CHANGE for r in rows))
                if not plan.period_start <= monitoring_date <= plan.period_end:
                    dl.check_monitoring_interval([], monitoring_date, facts, rules)
            else:
                dl.check_monitoring_interval([p.monitoring_date for p in previous if not p.interim],
                                             monitoring_date, facts, rules)
            late = recorded_on > dl.monitoring_record_due(monitoring_date, cal, rules)
            m = MonitoringSession(resident_id=plan.resident_id, plan_id=plan.id, monitoring_date=monitoring_date,
                                  recorded_on=recorded_on, recorded_late=late, interim=interim, specialist=specialist)
            for r in rows:
                m.rows.append(MonitoringRow(kind=r.kind, mark=r.mark,
                                            positive_text=clean(r.positive_text),
                                            no_change_reason=clean(r.no_change_reason),
                                            correction=clean(r.correction)))
            s.add(m)
            s.flush()
            doc = snapshot(m)
            doc["rows"] = [snapshot(r) for r in m.rows]
            self.audit(s, actor, "monitoring.record", m, after=doc)
            return monitoring_view(m)

    def monitoring_for(self, plan_id: int) -> list[MonitoringView]:
        with self.reading() as s:
            return [monitoring_view(m) for m in s.scalars(select(MonitoringSession)
                                                          .where(MonitoringSession.plan_id == plan_id)
                                                          .order_by(MonitoringSession.monitoring_date))]
