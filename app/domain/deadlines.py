"""Plan and monitoring deadlines for any date, each with the rule that set it.

The numbers come from Order 308 item 35 4)-5) (stated there for temporary-stay
organisations; the product applies them to every type). An organisation may make the
R-15 and R-21 numbers stricter (fewer days), never looser, by the head's order or
decision, which is kept with each number and shown beside the deadline:
- R-14 the plan covers up to one year — binding, not a setting;
- R-15 drawn up within 5 calendar days of admission, or within 1 working day after
  the previous plan's term ends; completed within the next 2 working days; approved
  by the head (the seed sets no separate term for approval: it falls within the same
  2 working days, so completion + approval together take at most 2);
- R-17 an activity's dates agree with its term (week, month, quarter);
- R-20 monitoring once a quarter — binding, not a setting; R-21 written into the
  journal within 1 working day.
A term of months ends the day before the same date that many months later, or on the
last day of that month when it has no such date (29.02, 31.01 …).

Beyond the plan steps (issue 13 point 1, at the end of this module): the plan's end (R-14), a monitoring
written into the journal late (R-21), the IPR expiring (R-05 for an applicant, R-11 for a resident), the arrival
date of a person offered a place (R-08, R-07 once postponed), admission documents missing (R-11), the licence
and the service contract running out (R-28). How near any deadline is — overdue, today, in 7 days, in 14 days,
later — is decided in one place, :func:`bucket`.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from app.domain.calendar import WorkCalendar
from app.domain.enums import ActivityTerm, DeadlineKind, LabelledEnum, PlanStatus
from app.domain.errors import DomainError
from app.domain.fields import field_label
from app.domain.limits import clean
from app.i18n import N_, M, Message


class SourceKind(LabelledEnum):
    """What set an organisation's deadline number (R-15): the head's order or decision."""

    ORDER = "order", N_("head's order")
    DECISION = "decision", N_("head's decision")


@dataclass(frozen=True)
class RuleSource:
    """The head's order or decision that set a deadline number: its number and date (R-15)."""

    kind: SourceKind
    number: str
    date: dt.date

    def text(self) -> Message:
        if self.kind == SourceKind.DECISION:
            return M("the head's decision No. {number} of {date}", number=self.number, date=self.date)
        return M("the head's order No. {number} of {date}", number=self.number, date=self.date)

    def as_json(self) -> dict:
        return {"kind": self.kind.value, "number": self.number, "date": self.date.isoformat()}

    @classmethod
    def from_json(cls, doc: dict) -> RuleSource:
        return cls(SourceKind(doc["kind"]), str(doc["number"]), dt.date.fromisoformat(doc["date"]))


#: the source of the default numbers (kept as a msgid: shown translated)
ACT_SOURCE = N_("Order 308 of 11.08.2022, item 35 4)-5)")


@dataclass(frozen=True)
class DeadlineRules:
    """The deadline numbers: the acts' numbers by default; an organisation may make them stricter
    (fewer days), never looser, each change with the head's order or decision that made it (R-15)."""

    plan_draw_up_calendar_days: int = 5
    plan_renew_working_days: int = 1
    plan_complete_working_days: int = 2
    plan_approve_working_days: int = 0       # R-15 (no separate term in the seed)
    monitoring_record_working_days: int = 1
    source: str = ACT_SOURCE
    #: setting name → the order or decision that set it (a setting not listed keeps the act's number)
    sources: tuple[tuple[str, RuleSource], ...] = ()

    @classmethod
    def from_settings(cls, settings: dict | None) -> DeadlineRules:
        if not settings:
            return cls()
        # a stored number looser than the act's is not applied: the act wins
        known: dict[str, Any] = {k: min(v, act_limit(k)) for k, v in settings.items()
                 if k in SETTING_LABELS and isinstance(v, int) and v >= 0}
        complete = known.get("plan_complete_working_days", cls.plan_complete_working_days)
        if "plan_approve_working_days" in known:
            known["plan_approve_working_days"] = min(known["plan_approve_working_days"],
                                                     COMPLETE_AND_APPROVE_WORKING_DAYS - complete)
        sources = tuple((k, RuleSource.from_json(v)) for k, v in sorted((settings.get("sources") or {}).items())
                        if k in SETTING_LABELS)
        return replace(cls(), **known, sources=sources)

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in SETTING_LABELS}

    def source_of(self, name: str) -> RuleSource | None:
        """The head's order or decision that set ``name``; None while it keeps the act's number."""
        return dict(self.sources).get(name)

    def source_text(self, name: str) -> Message:
        src = self.source_of(name)
        return src.text() if src is not None else Message(self.source)


#: the organisation's deadline settings (R-15, R-21) → label msgid; R-14's year and R-20's quarter are
#: binding and not among them
SETTING_LABELS = {
    "plan_draw_up_calendar_days": N_("Draw up the plan within, calendar days after admission (R-15)"),
    "plan_renew_working_days": N_("Next plan within, working days after the period ends (R-15)"),
    "plan_complete_working_days": N_("Complete the plan within, working days after drawing up (R-15)"),
    "plan_approve_working_days": N_("Approve the plan within, working days after completion (R-15)"),
    "monitoring_record_working_days": N_("Record the monitoring within, working days (R-21)"),
}
#: terms the acts fix for every organisation (not settings): label msgid and rule
_BINDING = {"plan_max_months": (N_("Longest plan period, months (R-14)"), "R-14"),
            "monitoring_interval_months": (N_("Monitoring once every, months (R-20)"), "R-20")}
#: the numbers of the acts (003 item 35 4)-5)): an organisation's setting may be at most these
ACT_RULES = DeadlineRules()
#: R-15 "кейінгі екі жұмыс күні ішінде толтырылады және ... басшысы бекітеді": completion and the head's
#: approval both fall within the two working days after the plan is drawn up
COMPLETE_AND_APPROVE_WORKING_DAYS = 2
#: the approval may take part of those two days if completion takes fewer (checked as a sum below)
_ACT_LIMITS = {"plan_approve_working_days": COMPLETE_AND_APPROVE_WORKING_DAYS}


def act_limit(name: str) -> int:
    """The most days the acts allow for the setting ``name`` (an organisation may set fewer)."""
    return _ACT_LIMITS.get(name, getattr(ACT_RULES, name))


def check_deadline_settings(values: dict, current: DeadlineRules = ACT_RULES) -> DeadlineRules:
    """R-15, R-21: the organisation's numbers are whole days, at most the act's (stricter, never looser);
    R-14's one year and R-20's quarter are not settings. Returns the rules with ``values`` applied."""
    for name, value in values.items():
        if name not in SETTING_LABELS:
            if name in _BINDING:
                msgid, rule = _BINDING[name]
                raise DomainError(M("{field}: this term is set by the act ({rule}) and cannot be changed by the "
                                    "organisation.", field=Message(msgid), rule=rule), name)
            raise DomainError(M("{field}: there is no such deadline setting.", field=name), name)
        label = Message(SETTING_LABELS[name])
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise DomainError(M("{field}: enter a whole number of days, 0 or more.", field=label), name)
        limit = act_limit(name)
        if value > limit:
            raise DomainError(M("{field}: {source} allows at most {n} days; the organisation may set fewer days, "
                                "never more.", field=label, source=Message(ACT_SOURCE), n=limit), name)
    rules = replace(current, **values)
    total = rules.plan_complete_working_days + rules.plan_approve_working_days
    if total > COMPLETE_AND_APPROVE_WORKING_DAYS:
        name = "plan_approve_working_days" if "plan_approve_working_days" in values else "plan_complete_working_days"
        raise DomainError(M("{field}: the plan is completed and approved within {n} working days after it is drawn "
                            "up (R-15); completion {complete} + approval {approve} is more. Enter fewer days.",
                            field=Message(SETTING_LABELS[name]), n=COMPLETE_AND_APPROVE_WORKING_DAYS,
                            complete=rules.plan_complete_working_days, approve=rules.plan_approve_working_days),
                          name)
    return rules


def check_rule_source(source: RuleSource | None, today: dt.date | None = None) -> RuleSource:
    """R-15: every change of a deadline number records the head's order or decision, its number and date — a
    date that has come (not after ``today``): an order dated in the future does not set anything yet."""
    if source is None or source.kind not in [k.value for k in SourceKind]:
        raise DomainError(M("{field}: choose whether the head's order or decision sets the new deadlines.",
                            field=Message("Set by")), "source_kind")
    if not clean(source.number):
        raise DomainError(M("{field}: enter the number of the head's order or decision that sets the new "
                            "deadlines.", field=Message("Order or decision number")), "source_number")
    if source.date is None:
        raise DomainError(M("{field}: enter the date of the head's order or decision that sets the new "
                            "deadlines.", field=Message("Order or decision date")), "source_date")
    if today is not None and source.date > today:
        raise DomainError(M("{field}: {day} is in the future; enter the date the head's order or decision was "
                            "signed (today, {today}, at the latest).", field=Message("Order or decision date"),
                            day=source.date, today=today), "source_date")
    return RuleSource(SourceKind(source.kind), source.number.strip(), source.date)


@lru_cache(maxsize=65536)
def add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, _cal.monthrange(year, month)[1]))


def term_last_day(start: dt.date, months: int) -> dt.date:
    """The last day of a term of ``months`` calendar months starting on ``start``: the day before the
    same date ``months`` later, or, when that month has no such date (29.02, 31.01 …), the last day of
    that month — a year from 29.02.2024 runs to 28.02.2025, a month from 31.01.2026 to 28.02.2026."""
    y, m = divmod(start.month - 1 + months, 12)
    year, month = start.year + y, m + 1
    last = _cal.monthrange(year, month)[1]
    if start.day > last:
        return dt.date(year, month, last)
    return dt.date(year, month, start.day) - dt.timedelta(days=1)


#: R-14: the plan term is binding (003 items 11 3), 21 3), 26 3), 35 4): "бір жылға дейінгі мерзімге"),
#: not an organisation setting
PLAN_MAX_MONTHS = 12
#: R-20: monitoring "тоқсанына бір реттен жиі емес" and the condition reviewed "тоқсан сайын": exactly a
#: quarter, neither more often nor less often — not an organisation setting
MONITORING_INTERVAL_MONTHS = 3


def max_plan_end(start: dt.date, rules: DeadlineRules | None = None) -> dt.date:
    """R-14: the last day a plan starting on ``start`` may cover (up to one year, binding)."""
    return term_last_day(start, PLAN_MAX_MONTHS)


#: R-17: the most calendar months (or, for a week, days) an activity of each term may span
_TERM_DAYS = {ActivityTerm.WEEK: 7}
_TERM_MONTHS = {ActivityTerm.MONTH: 1, ActivityTerm.QUARTER: 3}


def term_end(start: dt.date, term: ActivityTerm) -> dt.date:
    """R-17: the last day an activity of ``term`` starting on ``start`` may run to: a week spans at most
    7 days, a month at most one calendar month, a quarter at most three."""
    if term in _TERM_DAYS:
        return start + dt.timedelta(days=_TERM_DAYS[term] - 1)
    return term_last_day(start, _TERM_MONTHS[ActivityTerm(term)])


def suggested_end(start: dt.date, term: ActivityTerm, limit: dt.date | None = None) -> dt.date:
    """R-17: the last day of an activity of ``term`` starting on ``start`` (within the plan period)."""
    end = term_end(start, term)
    return min(end, limit) if limit and limit >= start else end


def check_activity_term(title: str, term: ActivityTerm, start: dt.date, end: dt.date) -> None:
    """R-17: an activity's concrete dates agree with its term (003 item 35 4): "іске асыру мерзімін
    (апта, ай, тоқсан) қамтиды … нақты мерзімдер арқылы жеке жоспарда көрсетіледі")."""
    limit = term_end(start, term)
    if end > limit:
        raise DomainError(
            M("{field}: \"{title}\" has the term \"{term}\" and starts on {start}, so it ends on {limit} at the "
              "latest (R-17); move the end date or choose a longer term.",
              field=field_label("activity_end"), title=title, term=ActivityTerm(term).label, start=start, limit=limit),
            "activity_end")


def check_plan_period(start: dt.date | None, end: dt.date | None, rules: DeadlineRules = DeadlineRules()) -> None:
    if start is None:
        raise DomainError(M("{field}: enter the first day of the plan period.", field=Message("Period start")),
                          "period_start")
    if end is None:
        raise DomainError(M("{field}: enter the last day of the plan period.", field=Message("Period end")),
                          "period_end")
    if end < start:
        raise DomainError(M("{field}: the period ends before it starts.", field=Message("Period end")), "period_end")
    limit = max_plan_end(start, rules)
    if end > limit:
        raise DomainError(
            M("{field}: a plan is drawn up for up to one year (R-14); the period may end on {limit} at the latest.",
              field=Message("Period end"), limit=limit),
            "period_end",
        )


def iter_quarters(start: dt.date, end: dt.date, rules: DeadlineRules = DeadlineRules()) -> Iterator[tuple[dt.date, dt.date]]:
    """R-20: the plan period cut into quarters (the last may be shorter), lazily. A quarter is three
    calendar months counted as the plan's year is (R-14): from 29.02.2024 the first runs to 28.05.2024,
    from 31.01.2026 to 30.04.2026; each next one starts the day after."""
    k, step, w_start = 0, MONITORING_INTERVAL_MONTHS, start
    while w_start <= end:
        w_end = term_last_day(start, (k + 1) * step)
        yield w_start, min(w_end, end)
        w_start, k = w_end + dt.timedelta(days=1), k + 1


def quarter_windows(start: dt.date, end: dt.date, rules: DeadlineRules = DeadlineRules()) -> list[tuple[dt.date, dt.date]]:
    return list(iter_quarters(start, end, rules))


@dataclass(frozen=True)
class PlanFacts:
    id: int
    status: PlanStatus
    drawn_up_on: dt.date
    completed_on: dt.date | None
    approved_on: dt.date | None
    period_start: dt.date
    period_end: dt.date


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    due: dt.date
    rule: str
    basis: Message
    plan_id: int | None = None

    def state(self, on: dt.date) -> str:
        if self.due < on:
            return "overdue"
        if self.due == on:
            return "due"
        return "upcoming"


def _basis(rules: DeadlineRules, setting: str | None, basis: Message) -> Message:
    """R-15: the deadline's basis with the source of its number beside it (the act or the head's order)."""
    source = rules.source_text(setting) if setting else Message(rules.source)
    return M("{basis}; set by {source}", basis=basis, source=source)


@dataclass(frozen=True)
class ResidentFacts:
    admitted_on: dt.date                      # the current stay's admission
    plans: Sequence[PlanFacts] = ()           # current stay's plans, not superseded
    monitoring_dates: Sequence[dt.date] = field(default_factory=tuple)


def open_deadlines(facts: ResidentFacts, on: dt.date, cal: WorkCalendar,
                   rules: DeadlineRules = DeadlineRules()) -> list[Deadline]:
    """The deadlines still open for a resident on ``on``: what is due next and by when."""
    plans = [p for p in facts.plans if p.status != PlanStatus.SUPERSEDED]
    if len(plans) > 1:
        plans.sort(key=lambda p: (p.period_start, p.id))
    if not plans:
        due = facts.admitted_on + dt.timedelta(days=rules.plan_draw_up_calendar_days)
        return [Deadline(DeadlineKind.PLAN_DRAW_UP, due, "R-15",
                         _basis(rules, "plan_draw_up_calendar_days",
                                M("{n} calendar days after admission on {day}",
                                  n=rules.plan_draw_up_calendar_days, day=facts.admitted_on)))]
    plan = plans[-1]
    result: list[Deadline] = []
    complete_due = cal.add_working_days(plan.drawn_up_on, rules.plan_complete_working_days)
    if plan.status == PlanStatus.DRAFT:
        result.append(Deadline(DeadlineKind.PLAN_COMPLETE, complete_due, "R-15",
                               _basis(rules, "plan_complete_working_days",
                                      M("{n} working days after the plan was drawn up on {day}",
                                        n=rules.plan_complete_working_days, day=plan.drawn_up_on)), plan.id))
        return result
    if plan.status == PlanStatus.COMPLETED:
        due = cal.add_working_days(complete_due, rules.plan_approve_working_days)
        setting = "plan_approve_working_days" if rules.source_of("plan_approve_working_days") else \
            "plan_complete_working_days"
        result.append(Deadline(DeadlineKind.PLAN_APPROVE, due, "R-15",
                               _basis(rules, setting, M("the head approves the plan completed on {day}",
                                                        day=plan.completed_on or plan.drawn_up_on)), plan.id))
        return result
    # approved: quarterly monitoring within the period, then the next plan
    done = facts.monitoring_dates
    for w_start, w_end in iter_quarters(plan.period_start, plan.period_end, rules):
        if w_start > on and result:
            break
        if not any(w_start <= m <= w_end for m in done):
            result.append(Deadline(DeadlineKind.MONITORING, w_end, "R-20",
                                   _basis(rules, None, M("quarter {start} – {end} of the plan has no monitoring",
                                                         start=w_start, end=w_end)), plan.id))
            break
    renew_due = cal.add_working_days(plan.period_end, rules.plan_renew_working_days)
    result.append(Deadline(DeadlineKind.PLAN_RENEW, renew_due, "R-15",
                           _basis(rules, "plan_renew_working_days",
                                  M("{n} working day after the plan period ends on {day}",
                                    n=rules.plan_renew_working_days, day=plan.period_end)), plan.id))
    return result


@dataclass(frozen=True)
class Lateness:
    """R-15: a step of the plan done after its deadline — kept with the plan (monitoring keeps its own, R-21)."""

    step: DeadlineKind
    due: dt.date
    actual: dt.date
    rule: str = "R-15"

    @property
    def days(self) -> int:
        return (self.actual - self.due).days

    def text(self) -> Message:
        return M("{step}: due {due}, done {actual} ({rule})", step=self.step.label, due=self.due,
                 actual=self.actual, rule=self.rule)


def plan_draw_up_due(admitted_on: dt.date | None, previous_end: dt.date | None, drawn_up_on: dt.date,
                     cal: WorkCalendar, rules: DeadlineRules = ACT_RULES) -> tuple[DeadlineKind, dt.date] | None:
    """R-15: when a plan of the current stay was due to be drawn up: within 1 working day after the previous
    plan's term ends, or (the stay's first plan) within 5 calendar days of admission.

    None when neither is known: no earlier plan of the stay is recorded and the admission was more than a
    plan term (R-14, one year) before this plan — the plans before it were kept outside the program (an
    organisation that starts using it), so its own deadline cannot be told."""
    if previous_end is not None:
        return DeadlineKind.PLAN_RENEW, cal.add_working_days(previous_end, rules.plan_renew_working_days)
    if admitted_on is not None and max_plan_end(admitted_on) >= drawn_up_on:
        return DeadlineKind.PLAN_DRAW_UP, admitted_on + dt.timedelta(days=rules.plan_draw_up_calendar_days)
    return None


def plan_complete_due(drawn_up_on: dt.date, cal: WorkCalendar, rules: DeadlineRules = ACT_RULES) -> dt.date:
    """R-15: completed within the next 2 working days after it is drawn up."""
    return cal.add_working_days(drawn_up_on, rules.plan_complete_working_days)


def plan_approve_due(drawn_up_on: dt.date, cal: WorkCalendar, rules: DeadlineRules = ACT_RULES) -> dt.date:
    """R-15: approved by the head, by default with completion (as in ``open_deadlines``)."""
    return cal.add_working_days(plan_complete_due(drawn_up_on, cal, rules), rules.plan_approve_working_days)


def late_steps(*steps: tuple[DeadlineKind | str | None, dt.date | None, dt.date | None]) -> tuple[Lateness, ...]:
    """The steps ``(kind, due, actual)`` done after their due date."""
    return tuple(Lateness(DeadlineKind(kind), due, actual) for kind, due, actual in steps
                 if kind and due and actual and actual > due)


def monitoring_record_due(monitoring_date: dt.date, cal: WorkCalendar, rules: DeadlineRules = DeadlineRules()) -> dt.date:
    """R-21: the journal entry is due within 1 working day after the monitoring."""
    return cal.add_working_days(monitoring_date, rules.monitoring_record_working_days)


def check_monitoring_interval(previous: Iterable[dt.date], new: dt.date, plan: PlanFacts,
                              rules: DeadlineRules = DeadlineRules()) -> None:
    """R-20: the social work specialist monitors no more often than once a quarter of the plan."""
    if not plan.period_start <= new <= plan.period_end:
        raise DomainError(M("{field}: the monitoring date must fall within the plan period {start} – {end}.",
                            field=Message("Monitoring date"), start=plan.period_start, end=plan.period_end),
                          "monitoring_date")
    for w_start, w_end in quarter_windows(plan.period_start, plan.period_end, rules):
        if w_start <= new <= w_end:
            for p in previous:
                if w_start <= p <= w_end:
                    raise DomainError(
                        M("{field}: this quarter ({start} – {end}) already has a monitoring on {day}; "
                          "monitoring is done once a quarter (R-20).",
                          field=Message("Monitoring date"), start=w_start, end=w_end, day=p),
                        "monitoring_date")


def check_interim_marks(previous_interim: Iterable[dt.date], new: dt.date, any_change: bool) -> None:
    """R-22: where the condition changes, marks are entered monthly between quarterly monitorings.

    An interim entry needs a change to record, and one per calendar month at most."""
    if not any_change:
        raise DomainError(M("{field}: an interim (monthly) entry records a change; mark at least one kind "
                            "as changed, or record the quarterly monitoring instead.",
                            field=Message("Kind of service")), "kind")
    for p in previous_interim:
        if (p.year, p.month) == (new.year, new.month):
            raise DomainError(M("{field}: this month already has an interim entry on {day}; "
                                "marks are entered monthly (R-22).",
                                field=Message("Monitoring date"), day=p), "monitoring_date")


# --- how near a deadline is: one place for every list, badge and tooltip ------------------------
class Bucket(LabelledEnum):
    """How near a deadline is on a date: overdue, due today, within 7 days, within 14 days, or later."""

    OVERDUE = "overdue", N_("overdue")
    TODAY = "today", N_("today")
    DAYS_7 = "days_7", N_("in 7 days")
    DAYS_14 = "days_14", N_("in 14 days")
    LATER = "later", N_("later")


#: the horizons of the "in 7 days" and "in 14 days" buckets, calendar days
NEAR_DAYS, SOON_DAYS = 7, 14


def bucket(due: dt.date, on: dt.date) -> Bucket:
    """The bucket of a deadline due on ``due`` seen on ``on``: overdue (the day has passed), today,
    in 7 days (1–7 calendar days ahead), in 14 days (8–14 days ahead) or later."""
    days = (due - on).days
    if days < 0:
        return Bucket.OVERDUE
    if days == 0:
        return Bucket.TODAY
    if days <= NEAR_DAYS:
        return Bucket.DAYS_7
    if days <= SOON_DAYS:
        return Bucket.DAYS_14
    return Bucket.LATER


# --- the deadlines beyond the plan steps (R-14, R-21, R-05, R-07/R-08, R-11, R-28) -----------------
def plan_end(plan: PlanFacts) -> Deadline:
    """R-14: the approved plan covers up to one year; its period ends on ``period_end`` (the next plan
    is due 1 working day later, R-15)."""
    return Deadline(DeadlineKind.PLAN_END, plan.period_end, "R-14",
                    M("the plan period {start} – {end} ends", start=plan.period_start, end=plan.period_end), plan.id)


def monitoring_recorded_late(monitoring_date: dt.date, recorded_on: dt.date, cal: WorkCalendar,
                             rules: DeadlineRules = ACT_RULES) -> Deadline | None:
    """R-21: a monitoring written into the journal after its working day — kept and shown as missed
    (due the working day after the monitoring; None when it was written in time)."""
    due = monitoring_record_due(monitoring_date, cal, rules)
    if recorded_on <= due:
        return None
    return Deadline(DeadlineKind.MONITORING_RECORD, due, "R-21",
                    _basis(rules, "monitoring_record_working_days",
                           M("the monitoring of {day} was written into the journal on {recorded}, {n} days late",
                             day=monitoring_date, recorded=recorded_on, n=(recorded_on - due).days)))


def ipr_expiry(ipr_until: dt.date, in_queue: bool) -> Deadline:
    """R-05: an applicant's IPR expires on ``ipr_until``; re-certified, the person keeps the earlier place
    in the queue. For a resident the IPR extract is an admission document (R-11)."""
    if in_queue:
        return Deadline(DeadlineKind.IPR_EXPIRY, ipr_until, "R-05",
                        M("the IPR is valid until {day}; after re-certification the applicant keeps the earlier "
                          "place in the queue", day=ipr_until))
    return Deadline(DeadlineKind.IPR_EXPIRY, ipr_until, "R-11",
                    M("the IPR is valid until {day}; put the new IPR extract into the case file", day=ipr_until))


def arrival_date(offered_on: dt.date | None, deadline: dt.date, postponed_days: int | None) -> Deadline:
    """R-08: the person offered a place arrives by the set date; R-07: moved once, by the postponement."""
    if postponed_days:
        return Deadline(DeadlineKind.ARRIVAL_DATE, deadline, "R-07",
                        M("offered a place on {offered}; the arrival date was moved by {n} days to {day}",
                          offered=offered_on, n=postponed_days, day=deadline))
    return Deadline(DeadlineKind.ARRIVAL_DATE, deadline, "R-08",
                    M("offered a place on {offered}; arrives by {day}", offered=offered_on, day=deadline))


def documents_missing(admitted_on: dt.date, missing: Sequence[LabelledEnum]) -> Deadline | None:
    """R-11: the admission documents belong in the case file from the admission on."""
    if not missing:
        return None
    return Deadline(DeadlineKind.DOCUMENTS, admitted_on, "R-11",
                    M("admitted on {day}; missing: {documents}", day=admitted_on, documents=_joined(missing)))


def _joined(kinds: Sequence[LabelledEnum]) -> Message:
    """The kinds' labels joined by commas, each rendered in the language the whole message is rendered in."""
    pattern = ", ".join(f"{{k{i}}}" for i in range(len(kinds)))  # no words of its own: nothing to translate
    return Message(pattern, {f"k{i}": k.label for i, k in enumerate(kinds)})


def licence_expiry(valid_until: dt.date) -> Deadline:
    """R-28: the register entry keeps the licence's validity; the licence is renewed before it ends."""
    return Deadline(DeadlineKind.LICENCE_EXPIRY, valid_until, "R-28",
                    M("the licence is valid until {day}", day=valid_until))


def contract_expiry(valid_until: dt.date) -> Deadline:
    """R-28: the register entry keeps the service contract's term."""
    return Deadline(DeadlineKind.CONTRACT_EXPIRY, valid_until, "R-28",
                    M("the service contract is valid until {day}", day=valid_until))
