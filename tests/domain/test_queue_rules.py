import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.enums import (
    DeadlineKind,
    DirectAdmissionGround,
    NoticeSender,
    OrgType,
    OutOfTurnGround,
    PostponementCause,
    QueueOutcome,
)
from app.domain.errors import DomainError
from app.domain.queue import (
    OutOfTurn,
    PostponementNotice,
    QueueEntry,
    arrival_deadline,
    check_direct_admission,
    check_out_of_turn,
    is_no_show,
    missed_arrival,
    postponed_deadline,
    queue_order,
)
from app.domain.roster import Occupancy, check_vacancy, vacant_places

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


def notice(received=dt.date(2026, 5, 1), sender=NoticeSender.RECIPIENT, cause=PostponementCause.ILLNESS):
    return PostponementNotice(received, sender, cause)


def test_r07_postponement_once_up_to_30_days():
    d, today = dt.date(2026, 5, 1), dt.date(2026, 5, 1)
    # "келу мерзімін күнтізбелік отыз күнге дейін бір рет ауыстыру" (000 item 11 1))
    assert postponed_deadline(OrgType.STATIONARY, d, 30, False, notice(), today) == dt.date(2026, 5, 31)
    with pytest.raises(DomainError) as exc:  # the 31st day
        postponed_deadline(OrgType.STATIONARY, d, 31, False, notice(), today)
    assert exc.value.field == "postpone_days"
    with pytest.raises(DomainError) as exc:  # a second postponement ("бір рет": once)
        postponed_deadline(OrgType.STATIONARY, d, 5, True, notice(), today)
    assert exc.value.field == "postpone_days"


def test_r07_semi_stationary_up_to_10_days_and_none_for_home_care():
    d = dt.date(2026, 5, 1)
    # "қосымша күнтізбелік он күнге дейін бір рет" (000 item 21 1))
    assert postponed_deadline(OrgType.SEMI_STATIONARY, d, 10, False, notice(), d) == dt.date(2026, 5, 11)
    with pytest.raises(DomainError):
        postponed_deadline(OrgType.SEMI_STATIONARY, d, 11, False, notice(), d)
    for org_type in (OrgType.HOME_CARE, OrgType.TEMPORARY_STAY):
        with pytest.raises(DomainError):
            postponed_deadline(org_type, d, 1, False, notice(), d)


def test_r07_postponement_on_the_arrival_date_itself_but_not_the_day_after():
    deadline = dt.date(2026, 5, 11)
    assert postponed_deadline(OrgType.STATIONARY, deadline, 7, False, notice(deadline), deadline) == \
        dt.date(2026, 5, 18)
    day_after = deadline + dt.timedelta(days=1)
    with pytest.raises(DomainError) as exc:
        postponed_deadline(OrgType.STATIONARY, deadline, 7, False, notice(day_after), day_after)
    assert exc.value.field == "notice_received_on"
    ru, kk = exc.value.render("ru"), exc.value.render("kk")
    assert "11.05.2026" in ru and "12.05.2026" in ru and ru != kk and "11.05.2026" in kk
    # a notice received in time and recorded the day after still counts: the notice's date decides
    assert postponed_deadline(OrgType.STATIONARY, deadline, 7, False, notice(deadline), day_after) == \
        dt.date(2026, 5, 18)


def test_r07_the_notice_is_recorded_with_its_date_sender_and_cause():
    d = dt.date(2026, 5, 10)
    cases = [(notice(received=None), "notice_received_on"),
             (notice(received=d + dt.timedelta(days=1)), "notice_received_on"),  # in the future
             (notice(received=dt.date(2026, 4, 1)), "notice_received_on"),  # before the offer
             (notice(sender=None), "notice_from"),
             (notice(cause=None), "postponement_cause")]
    for bad, field in cases:
        with pytest.raises(DomainError) as exc:
            postponed_deadline(OrgType.STATIONARY, dt.date(2026, 5, 11), 5, False, bad, d,
                               offered_on=dt.date(2026, 5, 1))
        assert exc.value.field == field, bad
        assert exc.value.render("kk") != exc.value.render("ru")
    for sender in NoticeSender:
        for cause in PostponementCause:
            assert postponed_deadline(OrgType.STATIONARY, dt.date(2026, 5, 11), 5, False,
                                      notice(d, sender, cause), d) == dt.date(2026, 5, 16)


def test_r08_no_show_passes_the_place_to_the_next():
    deadline = arrival_deadline(dt.date(2026, 5, 1), 10)
    assert deadline == dt.date(2026, 5, 11)
    assert not is_no_show(deadline, dt.date(2026, 5, 11))
    assert is_no_show(deadline, dt.date(2026, 5, 12))
    # "белгіленген мерзімде келмеген жағдайда ... келесі қызмет алушыны ресімдейді": from the next day
    assert missed_arrival(dt.date(2026, 5, 1), deadline, dt.date(2026, 5, 11)) is None
    due = missed_arrival(dt.date(2026, 5, 1), deadline, dt.date(2026, 5, 12))
    assert (due.kind, due.due, due.rule, due.state(dt.date(2026, 5, 12))) == \
        (DeadlineKind.ARRIVAL, deadline, "R-08", "overdue")
    assert "11.05.2026" in due.basis.render("ru") and due.basis.render("kk") != due.basis.render("ru")


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


# --- the place on offer is held; direct admission while people wait ---------------------------------
def test_r03_a_place_on_offer_is_not_vacant():
    assert vacant_places(capacity=10, present=8, temporarily_absent=1, on_offer=1) == 0
    assert Occupancy(10, 8, 1, on_offer=1).vacant == 0
    assert Occupancy(10, 8, 0, on_offer=1).vacant == 1
    with pytest.raises(DomainError) as exc:
        check_vacancy(Occupancy(10, 8, 1, on_offer=1))
    assert exc.value.field == "capacity" and "1" in exc.value.render("ru")


def test_r03_direct_admission_while_people_wait_needs_a_recorded_ground():
    with pytest.raises(DomainError) as exc:
        check_direct_admission("Кезекова Айгүл", None, None)
    assert exc.value.field == "direct_ground"
    assert "Кезекова Айгүл" in exc.value.render("ru") and "Кезекова Айгүл" in exc.value.render("kk")
    for ground in (DirectAdmissionGround.TRANSFER, DirectAdmissionGround.COURT, DirectAdmissionGround.PORTAL):
        assert check_direct_admission("Кезекова Айгүл", ground, None) is None
    with pytest.raises(DomainError) as exc:  # "another ground typed by staff": typed
        check_direct_admission("Кезекова Айгүл", DirectAdmissionGround.OTHER, "  ")
    assert exc.value.field == "direct_ground_text"
    assert check_direct_admission("Кезекова Айгүл", DirectAdmissionGround.OTHER, " әкімдік хаты ") == "әкімдік хаты"
    assert check_direct_admission(None, None, None) is None  # nobody waits: no ground needed


# --- out of turn -------------------------------------------------------------------------------------
ORPHAN = OutOfTurn(OutOfTurnGround.ORPHAN, "Көкшетау балалар үйі", left_on=dt.date(2026, 7, 1))


def test_r06_out_of_turn_from_the_18th_birthday_exactly():
    born = dt.date(2008, 6, 15)
    check_out_of_turn(OrgType.STATIONARY, born, dt.date(2026, 6, 15), ORPHAN)  # "он сегіз жасқа толған"
    with pytest.raises(DomainError) as exc:  # the day before the 18th birthday
        check_out_of_turn(OrgType.STATIONARY, born, dt.date(2026, 6, 14), ORPHAN)
    assert exc.value.field == "birth_date"
    assert "17" in exc.value.render("ru") and "15.06.2026" in exc.value.render("ru")
    assert exc.value.render("kk") != exc.value.render("ru")
    with pytest.raises(DomainError) as exc:  # no birth date: the age cannot be checked
        check_out_of_turn(OrgType.STATIONARY, None, dt.date(2026, 6, 15), ORPHAN)
    assert exc.value.field == "birth_date"
    # born on 29 February: 18 on 1 March of a common year
    with pytest.raises(DomainError):
        check_out_of_turn(OrgType.STATIONARY, dt.date(2008, 2, 29), dt.date(2026, 2, 28), ORPHAN)
    check_out_of_turn(OrgType.STATIONARY, dt.date(2008, 2, 29), dt.date(2026, 3, 1), ORPHAN)


def test_r06_out_of_turn_only_in_a_stationary_organisation_with_the_ground_recorded():
    born, on = dt.date(2000, 1, 1), dt.date(2026, 6, 15)
    for org_type in (OrgType.SEMI_STATIONARY, OrgType.HOME_CARE, OrgType.TEMPORARY_STAY):
        with pytest.raises(DomainError) as exc:
            check_out_of_turn(org_type, born, on, ORPHAN)
        assert exc.value.field == "out_of_turn_ground"
    with pytest.raises(DomainError) as exc:  # an 81-year-old with a free-text reason: no R-06 ground
        check_out_of_turn(OrgType.STATIONARY, dt.date(1945, 1, 1), on, OutOfTurn(None, None, "ардагер"))
    assert exc.value.field == "out_of_turn_ground"
    with pytest.raises(DomainError) as exc:  # the children's organisation they come from
        check_out_of_turn(OrgType.STATIONARY, born, on, OutOfTurn(OutOfTurnGround.NO_PARENTAL_CARE, " "))
    assert exc.value.field == "out_of_turn_from"
    check_out_of_turn(OrgType.STATIONARY, born, on, OutOfTurn(OutOfTurnGround.NO_PARENTAL_CARE, "Ақтөбе ББҮ",
                                                                left_on=on))


def test_r06_the_day_the_person_left_the_childrens_organisation_is_required_and_at_18_or_older():
    """004 item 11 1): "Он сегіз жасқа толған және стационарлық үлгідегі ұйымдарда тұратын жетім балалар" —
    children who have turned 18 and live in a stationary organisation: they still lived there at 18 and
    still live there when applying (they leave it, or will, on or after the application)."""
    on = applied = dt.date(2026, 6, 15)
    old = dt.date(1945, 3, 3)  # 81 on the day: an orphan who lived in a children's home 63 years ago
    for claim, field in [(OutOfTurn(OutOfTurnGround.ORPHAN, "Балалар үйі №1"), "out_of_turn_left_on"),
                         (OutOfTurn(OutOfTurnGround.ORPHAN, "Балалар үйі №1", left_on=dt.date(1963, 6, 1)),
                          "out_of_turn_left_on"),  # left at 18, long before applying: does not live there
                         (OutOfTurn(OutOfTurnGround.ORPHAN, "Балалар үйі №1", left_on=dt.date(1955, 6, 1)),
                          "out_of_turn_left_on")]:  # left at 10: did not turn 18 there
        with pytest.raises(DomainError) as exc:
            check_out_of_turn(OrgType.STATIONARY, old, on, claim, applied_on=applied)
        assert exc.value.field == field
        assert exc.value.render("kk") != exc.value.render("ru")
    born = dt.date(2008, 6, 15)  # 18 on 15.06.2026
    with pytest.raises(DomainError) as exc:  # left the day before the 18th birthday
        check_out_of_turn(OrgType.STATIONARY, born, on, OutOfTurn(OutOfTurnGround.ORPHAN, "Балалар үйі",
                                                                   left_on=dt.date(2026, 6, 14)))
    assert exc.value.field == "out_of_turn_left_on" and "17" in exc.value.render("ru")
    with pytest.raises(DomainError) as exc:  # left the day before applying
        check_out_of_turn(OrgType.STATIONARY, dt.date(2007, 1, 1), on,
                          OutOfTurn(OutOfTurnGround.ORPHAN, "Балалар үйі", left_on=dt.date(2026, 6, 14)),
                          applied_on=applied)
    assert exc.value.field == "out_of_turn_left_on" and "14.06.2026" in exc.value.render("ru")
    # on the day of the application, on the 18th birthday, or later (will leave): accepted
    for left in (applied, dt.date(2026, 9, 1)):
        check_out_of_turn(OrgType.STATIONARY, born, on, OutOfTurn(OutOfTurnGround.ORPHAN, "Балалар үйі", left_on=left),
                          applied_on=applied)
