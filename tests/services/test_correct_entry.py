"""Correcting a typo in a journal entry (issue 12 point 4): the order's number and date, the reason of a
departure or a discharge; audited with before and after; anything else, a conflict or an empty field is refused
and changes nothing. On SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from app.domain.enums import DischargeReason, MovementKind
from app.domain.errors import Conflict, DomainError
from app.services import OrderRef
from app.services.audit import AuditFilter
from tests.dump import dump
from tests.services.helpers import admit


def _last(svc, rid):
    return svc.movements.history(rid)[-1]


def test_an_order_number_typo_is_corrected_and_audited(org):
    svc, director, worker = org
    rid = admit(svc, worker, 30)
    seen = _last(svc, rid)
    fixed = svc.movements.correct_entry(worker, seen, OrderRef(" 45-П ", seen.order_date - dt.timedelta(days=1)))
    assert (fixed.order_number, fixed.order_date) == ("45-П", seen.order_date - dt.timedelta(days=1))
    assert (fixed.kind, fixed.event_date) == (seen.kind, seen.event_date)  # the event itself stays
    entry = svc.audit.query(director, AuditFilter(action="movement.correct")).rows[0]
    assert (entry.before["order_number"], entry.after["order_number"]) == (seen.order_number, "45-П")
    assert entry.resident_id == rid


def test_the_reason_of_a_discharge_is_corrected(org):
    svc, director, worker = org
    rid = admit(svc, worker, 30)
    svc.movements.discharge(worker, rid, dt.date.today(), OrderRef("9-ж", dt.date.today()), DischargeReason.TO_FAMILY)
    seen = _last(svc, rid)
    assert seen.kind == MovementKind.DISCHARGE
    fixed = svc.movements.correct_entry(worker, seen, OrderRef(seen.order_number, seen.order_date),
                                        DischargeReason.OTHER, "Переезд к сыну в Алматы")
    assert (fixed.discharge_reason, fixed.reason_text) == (DischargeReason.OTHER, "Переезд к сыну в Алматы")


@pytest.mark.parametrize("number,reason,text,field", [
    ("", None, None, "order_number"),
    ("x" * 51, None, None, "order_number"),
    ("9-ж", None, None, "reason"),                      # a discharge keeps a reason
    ("9-ж", DischargeReason.OTHER, "  ", "reason"),     # "other" is described
    ("9-ж", DischargeReason.TO_FAMILY, None, "order_number"),  # nothing changed
])
def test_a_bad_correction_is_refused_and_changes_nothing(org, number, reason, text, field):
    svc, director, worker = org
    rid = admit(svc, worker, 30)
    svc.movements.discharge(worker, rid, dt.date.today(), OrderRef("9-ж", dt.date.today()), DischargeReason.TO_FAMILY)
    seen = _last(svc, rid)
    before = dump(svc.engine)
    with pytest.raises(DomainError) as err:
        svc.movements.correct_entry(worker, seen, OrderRef(number, seen.order_date), reason, text)
    assert err.value.field == field
    assert dump(svc.engine) == before


def test_a_correction_of_an_entry_changed_meanwhile_is_a_conflict(org):
    svc, director, worker = org
    rid = admit(svc, worker, 30)
    seen = _last(svc, rid)
    svc.movements.correct_entry(director, seen, OrderRef("1-П", seen.order_date))
    before = dump(svc.engine)
    with pytest.raises(Conflict):
        svc.movements.correct_entry(worker, seen, OrderRef("2-П", seen.order_date))
    assert dump(svc.engine) == before
    assert dataclasses.replace(seen, order_number="1-П") == _last(svc, rid)
