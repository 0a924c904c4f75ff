"""`deadlines()` lists every kind of issue 13 point 1, each with its rule, its bucket and what a click opens:
R-14 plan end, R-21 monitoring written late, R-05 / R-11 IPR, R-07 / R-08 arrival date, R-11 documents,
R-28 licence and service contract (the organisation's own, no resident)."""

import dataclasses
import datetime as dt

from app.domain.deadlines import Bucket
from app.domain.enums import DeadlineKind, DocumentKind, NoticeSender, PostponementCause, QueueSource
from app.domain.queue import PostponementNotice
from app.services.base import today
from tests.services.helpers import admit, approved_plan, days_ago, elderly, rows


def test_every_kind_with_rule_bucket_and_record(org):
    svc, director, worker = org
    # an elderly resident with an IPR expiring in 5 days and only the identity document in the case file
    r1 = admit(svc, worker, 100, ipr_until=today() + dt.timedelta(days=5))
    cf = svc.casefiles.open(worker, r1, days_ago(99))
    svc.casefiles.add_document(worker, cf.id, DocumentKind.IDENTITY, "Жеке куәлік", days_ago(99))
    # an approved plan, its monitoring written a week after it was held
    r2 = admit(svc, worker, 60)
    plan = approved_plan(svc, director, worker, r2, days_ago(58))
    svc.plans.record_monitoring(worker, plan.id, days_ago(20), "Маманова М. М.", rows(), recorded_on=days_ago(13))
    # an applicant whose IPR expires in 10 days; R-07: the first in line offered a place, arrival postponed
    first = svc.queue.register(worker, elderly(), dt.datetime.now() - dt.timedelta(days=30), QueueSource.PAPER,
                               ipr_until=today() + dt.timedelta(days=200))
    waiting = svc.queue.register(worker, elderly(), dt.datetime.now() - dt.timedelta(days=20), QueueSource.PAPER,
                                 ipr_until=today() + dt.timedelta(days=10))
    offered = svc.queue.offer_place(worker, first.application_id, today())
    notice = PostponementNotice(today(), NoticeSender.RECIPIENT, PostponementCause.ILLNESS)
    svc.queue.postpone_arrival(worker, first.application_id, 7, notice)
    # the licence runs out in 3 days, the contract ran out yesterday
    org_view = svc.organisation.get()
    data = {f.name: getattr(org_view, f.name) for f in dataclasses.fields(org_view) if f.name not in ("id", "version")}
    data.update(licence_valid_until=today() + dt.timedelta(days=3), contract_signed_on=days_ago(400),
                contract_valid_until=days_ago(1))
    from app.services import OrganisationInput

    svc.organisation.update(director, OrganisationInput(**data), org_view.version)

    rows_ = svc.queries.deadlines(today())
    by = {}
    for d in rows_:
        by.setdefault((d.resident_id, d.kind), []).append(d)
    assert all(d.bucket is not None for d in rows_)
    assert [d.due for d in rows_] == sorted(d.due for d in rows_)

    [docs] = by[(r1, DeadlineKind.DOCUMENTS.value)]
    assert (docs.rule, docs.due, docs.bucket) == ("R-11", days_ago(100), Bucket.OVERDUE)
    assert DocumentKind.PENSION_CERTIFICATE.text("ru") in docs.basis.render("ru")
    assert DocumentKind.IDENTITY.text("ru") not in docs.basis.render("ru")
    [ipr] = by[(r1, DeadlineKind.IPR_EXPIRY.value)]
    assert (ipr.rule, ipr.bucket, ipr.application_id) == ("R-11", Bucket.DAYS_7, None)

    [end] = by[(r2, DeadlineKind.PLAN_END.value)]
    assert (end.rule, end.due, end.plan_id) == ("R-14", plan.period_end, plan.id) and end.bucket == Bucket.LATER
    [late] = by[(r2, DeadlineKind.MONITORING_RECORD.value)]
    assert late.rule == "R-21" and late.bucket == Bucket.OVERDUE and late.plan_id == plan.id

    applicant = [d for d in rows_ if d.application_id == waiting.application_id]
    assert [(d.kind, d.rule, d.bucket) for d in applicant] == [(DeadlineKind.IPR_EXPIRY.value, "R-05",
                                                               Bucket.DAYS_14)]
    arrival = [d for d in rows_ if d.application_id == offered.application_id and d.kind == "arrival_date"]
    assert [(d.rule, d.due, d.bucket) for d in arrival] == [("R-07", offered.arrival_deadline + dt.timedelta(days=7),
                                                            bucket_of(offered.arrival_deadline + dt.timedelta(days=7)))]

    [lic] = by[(None, DeadlineKind.LICENCE_EXPIRY.value)]
    [con] = by[(None, DeadlineKind.CONTRACT_EXPIRY.value)]
    assert (lic.rule, lic.bucket, con.rule, con.bucket, con.state) == ("R-28", Bucket.DAYS_7, "R-28",
                                                                       Bucket.OVERDUE, "overdue")
    # the residents list keeps its nearest plan deadline (the new kinds are for the full list)
    _total, people = svc.queries.residents()
    assert {p.next_deadline_rule for p in people if p.next_deadline_rule} <= {"R-15", "R-20"}


def bucket_of(due):
    from app.domain.deadlines import bucket

    return bucket(due, today())


def test_no_licence_dates_no_organisation_deadlines(org):
    svc, _director, _worker = org
    assert [d for d in svc.queries.deadlines(today()) if d.resident_id is None] == []


def test_r28_contract_end_kept_checked_and_audited(org):
    """The contract's end date (migration 0015): kept in the profile, refused before the signing date under its
    field, changing nothing."""
    import pytest

    from app.domain.errors import DomainError
    from app.services import OrganisationInput

    svc, director, _worker = org
    view = svc.organisation.get()
    data = {f.name: getattr(view, f.name) for f in dataclasses.fields(view) if f.name not in ("id", "version")}
    bad = OrganisationInput(**{**data, "contract_signed_on": days_ago(10), "contract_valid_until": days_ago(11)})
    with pytest.raises(DomainError) as exc:
        svc.organisation.update(director, bad, view.version)
    assert exc.value.field == "contract_valid_until" and exc.value.render("kk") != exc.value.render("ru")
    assert svc.organisation.get().contract_valid_until is None
    good = OrganisationInput(**{**data, "contract_signed_on": days_ago(10), "contract_valid_until": days_ago(-355)})
    svc.organisation.update(director, good, view.version)
    assert svc.organisation.get().contract_valid_until == days_ago(-355)
    [con] = [d for d in svc.queries.deadlines(today()) if d.kind == DeadlineKind.CONTRACT_EXPIRY.value]
    assert (con.due, con.bucket, con.rule) == (days_ago(-355), Bucket.LATER, "R-28")
