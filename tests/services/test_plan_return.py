"""The director returns a completed plan for changes with a comment (issue 12 point 9): recorded on the plan and
in the audit trail; the plan is a draft again; anyone else, an empty comment or a plan not waiting for approval
is refused and changes nothing. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.enums import PlanStatus
from app.domain.errors import DomainError
from app.services.audit import AuditFilter
from app.services.plans import RETURN_NOTE_MAX
from tests.dump import dump
from tests.services.helpers import admit, days_ago, plan_input


def _completed(svc, worker):
    rid = admit(svc, worker, 30)
    p = svc.plans.create(worker, rid, plan_input(days_ago(28)))
    return svc.plans.complete(worker, p.id, p.drawn_up_on, p.version)


def test_the_director_returns_a_completed_plan_with_a_comment(org):
    svc, director, worker = org
    p = _completed(svc, worker)
    on = p.completed_on
    back = svc.plans.return_for_changes(director, p.id, on, "  Add the psychologist's sessions. ", p.version)
    assert back.status == PlanStatus.DRAFT and back.completed_on is None
    assert (back.return_note, back.returned_on, back.returned_by) == ("Add the psychologist's sessions.", on,
                                                                       director.full_name)
    assert svc.plans.get(p.id).return_note == "Add the psychologist's sessions."
    entry = svc.audit.query(director, AuditFilter(action="plan.return")).rows[0]
    assert (entry.before["status"], entry.after["status"]) == ("completed", "draft")
    assert entry.after["return_note"] == "Add the psychologist's sessions."
    assert entry.action_text("ru") == "Возвращён план на доработку"
    # the authors change it and complete it again; the director approves it then
    again = svc.plans.complete(worker, p.id, on, back.version)
    assert svc.plans.approve(director, p.id, on, again.version).status == PlanStatus.APPROVED


@pytest.mark.parametrize("comment", ["", "   ", "x" * (RETURN_NOTE_MAX + 1)])
def test_a_return_without_a_usable_comment_is_refused(org, comment):
    svc, director, worker = org
    p = _completed(svc, worker)
    before = dump(svc.engine)
    with pytest.raises(DomainError) as err:
        svc.plans.return_for_changes(director, p.id, p.completed_on, comment, p.version)
    assert err.value.field == "return_note"
    assert dump(svc.engine) == before


def test_only_the_director_returns_and_only_a_completed_plan(org):
    svc, director, worker = org
    rid = admit(svc, worker, 30)
    draft = svc.plans.create(worker, rid, plan_input(days_ago(28)))
    before = dump(svc.engine)
    with pytest.raises(DomainError):  # a draft is not waiting for the director
        svc.plans.return_for_changes(director, draft.id, draft.drawn_up_on, "Why?", draft.version)
    assert dump(svc.engine) == before
    p = svc.plans.complete(worker, draft.id, draft.drawn_up_on, draft.version)
    before = dump(svc.engine)
    with pytest.raises(DomainError):
        svc.plans.return_for_changes(worker, p.id, p.completed_on, "Why?", p.version)
    with pytest.raises(DomainError):  # not before the plan was completed
        svc.plans.return_for_changes(director, p.id, p.completed_on - dt.timedelta(days=1), "Why?", p.version)
    assert dump(svc.engine) == before
