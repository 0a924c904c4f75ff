import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.enums import OrgType, QueueOutcome
from app.domain.errors import DomainError
from app.domain.queue import QueueEntry, arrival_deadline, is_no_show, next_in_line, postponed_deadline, queue_order

T0 = dt.datetime(2026, 1, 10, 9, 0)


def h(n):
    return T0 + dt.timedelta(hours=n)


def test_r03_first_come_first_served():
    order = queue_order([QueueEntry(1, h(5)), QueueEntry(2, h(1)), QueueEntry(3, h(3))])
    assert [p.entry.id for p in order] == [2, 3, 1]
    assert all(p.rule == "R-03" for p in order)
    assert "10.01.2026 10:00" in order[0].reason.render("ru")


def test_r06_out_of_turn_stands_ahead_of_earlier_applications():
    order = queue_order([QueueEntry(1, h(1)), QueueEntry(2, h(2)), QueueEntry(3, h(50), out_of_turn=True)])
    assert [p.entry.id for p in order] == [3, 1, 2]
    assert order[0].rule == "R-06"


def test_r05_recertification_keeps_the_original_place():
    # re-registered on the portal later (h(100)) but keeps the place since h(0)
    order = queue_order([QueueEntry(1, h(10)), QueueEntry(2, h(100), original_received_at=h(0))])
    assert [p.entry.id for p in order] == [2, 1]
    assert order[0].rule == "R-05"


def test_closed_applications_leave_the_queue():
    order = queue_order([QueueEntry(1, h(1), outcome=QueueOutcome.NO_SHOW), QueueEntry(2, h(2))])
    assert [p.entry.id for p in order] == [2]
    assert order[0].position == 1


def test_r07_postponement_once_up_to_30_days():
    d = dt.date(2026, 5, 1)
    assert postponed_deadline(OrgType.STATIONARY, d, 30, False, "ауруханада") == dt.date(2026, 5, 31)
    with pytest.raises(DomainError) as exc:  # the 31st day
        postponed_deadline(OrgType.STATIONARY, d, 31, False, "ауруханада")
    assert exc.value.field == "postpone_days"
    with pytest.raises(DomainError):  # a second postponement
        postponed_deadline(OrgType.STATIONARY, d, 5, True, "ауруханада")
    with pytest.raises(DomainError) as exc:  # no reason
        postponed_deadline(OrgType.STATIONARY, d, 5, False, " ")
    assert exc.value.field == "postpone_reason"


def test_r07_semi_stationary_up_to_10_days_and_none_for_home_care():
    d = dt.date(2026, 5, 1)
    assert postponed_deadline(OrgType.SEMI_STATIONARY, d, 10, False, "ауру") == dt.date(2026, 5, 11)
    with pytest.raises(DomainError):
        postponed_deadline(OrgType.SEMI_STATIONARY, d, 11, False, "ауру")
    with pytest.raises(DomainError):
        postponed_deadline(OrgType.HOME_CARE, d, 1, False, "ауру")


def test_r08_no_show_passes_the_place_to_the_next():
    deadline = arrival_deadline(dt.date(2026, 5, 1), 10)
    assert deadline == dt.date(2026, 5, 11)
    assert not is_no_show(deadline, dt.date(2026, 5, 11))
    assert is_no_show(deadline, dt.date(2026, 5, 12))
    order = queue_order([QueueEntry(1, h(1), outcome=QueueOutcome.OFFERED), QueueEntry(2, h(2)), QueueEntry(3, h(3))])
    assert next_in_line(order, exclude=1).entry.id == 2


entries = st.lists(
    st.builds(lambda i, minutes, oot, orig: (i, T0 + dt.timedelta(minutes=minutes), oot, orig),
              st.integers(), st.integers(0, 10**6), st.booleans(), st.one_of(st.none(), st.integers(0, 10**6))),
    max_size=40)


@given(entries)
def test_property_queue_order_is_total_and_never_puts_a_later_ordinary_application_first(raw):
    items = [QueueEntry(n, received, oot, T0 + dt.timedelta(minutes=orig) if orig is not None else None)
             for n, (_i, received, oot, orig) in enumerate(raw)]
    order = queue_order(items)
    assert sorted(p.entry.id for p in order) == sorted(e.id for e in items)  # total: everyone, once
    assert [p.position for p in order] == list(range(1, len(items) + 1))
    assert queue_order(list(reversed(items))) == order  # independent of input order
    ordinary = [p.entry for p in order if not p.entry.out_of_turn]
    for a, b in zip(ordinary, ordinary[1:]):
        assert a.standing_since <= b.standing_since
    seen_ordinary = False
    for p in order:
        seen_ordinary |= not p.entry.out_of_turn
        assert not (seen_ordinary and p.entry.out_of_turn)
