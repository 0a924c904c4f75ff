"""R-06 through the portal exchange: a queue file's "out of turn" mark does not place an application out of
turn by itself. The seed (003 item 11 1)) gives out-of-turn admission to orphans and children left without
parental care who turned 18 while living in a stationary organisation, in a stationary organisation for adults
only; the program checks the age and records the ground and the children's organisation (RULES.md R-06). A file
carries none of these, so an application it marks is registered in the order of arrival (R-03) with the claim
noted, and is placed out of turn only when the staff record its ground — where ``check_out_of_turn`` checks it."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.enums import OrgType, OutOfTurnGround, QueuePriority, Sex
from app.domain.errors import DomainError
from app.domain.identity import make_iin
from app.domain.queue import OutOfTurn
from app.portal.formats import read_records, write_records
from app.portal.records import Format, Kind, QueueApplicationRecord
from app.services.exchange import ExchangeService
from tests.conftest import make_services

BORN = dt.date(2007, 1, 10)  # 18 on 10.01.2025: before the application below
LEFT_ON = dt.date(2026, 3, 10)  # the day the person leaves the children's organisation: after applying


def queue_file() -> bytes:
    """An ordinary application received on 2 March, and one received a day later that the portal marks out of
    turn: by R-03 alone the first stands first."""
    ordinary = QueueApplicationRecord("Кезекте", "Бірінші", dt.date(1950, 4, 5), dt.datetime(2026, 3, 2, 10, 0),
                                      portal_number="SOC-2026-101", iin=make_iin(dt.date(1950, 4, 5), Sex.MALE, 51))
    claimed = QueueApplicationRecord("Жетім", "Дана", BORN, dt.datetime(2026, 3, 3, 11, 45),
                                     portal_number="SOC-2026-102", iin=make_iin(BORN, Sex.FEMALE, 52), sex=Sex.FEMALE,
                                     out_of_turn=True)
    return write_records(Kind.QUEUE, [ordinary, claimed], Format.CSV, "kk")


def import_queue(svc, actor, dry_run: bool = False):
    return ExchangeService(svc.sessions).import_queue(actor, read_records(queue_file(), Kind.QUEUE), dry_run=dry_run)


def test_an_application_marked_out_of_turn_stands_in_the_order_of_arrival_until_its_ground_is_recorded(org):
    svc, director, worker = org
    summary = import_queue(svc, worker)
    first, second = svc.queue.rows()
    assert (first.portal_number, first.rule) == ("SOC-2026-101", "R-03")  # received first: first
    assert (second.portal_number, second.rule, second.priority) == ("SOC-2026-102", "R-03", QueuePriority.ORDINARY)
    assert second.out_of_turn_ground is None and second.priority_reason is None
    # the claim is kept as the file's mark and said in the user's language, no rule code in the text (a table cell)
    assert second.portal_claim is not None and "until its ground is recorded" in second.portal_claim.msgid
    assert first.portal_claim is None
    for lang in ("kk", "ru"):
        assert "R-06" not in second.portal_claim.render(lang) and second.portal_claim.render(lang) != \
            second.portal_claim.msgid
    assert len(summary.notices) == 1 and summary.notices[0].params["n"] == 1
    assert "select each in the queue" in summary.notices[0].msgid

    # the staff record the ground: R-06 is checked, and the application goes before the earlier one
    claim = OutOfTurn(OutOfTurnGround.ORPHAN, "Көкшетау балалар үйі", left_on=LEFT_ON)
    svc.queue.mark_out_of_turn(director, second.application_id, claim, on=dt.date(2026, 3, 4))
    first, second = svc.queue.rows()
    assert (first.portal_number, first.rule, first.out_of_turn_ground) == ("SOC-2026-102", "R-06",
                                                                          OutOfTurnGround.ORPHAN)
    assert first.portal_claim is None  # out of turn now, its ground recorded: the file's claim is not said again


def test_the_ground_recorded_after_an_import_is_checked(org):
    """The claim of the file is not taken on trust when its ground is recorded: a person who left the children's
    organisation before turning 18 is refused, and the application keeps its place in the order of arrival."""
    svc, director, worker = org
    import_queue(svc, worker)
    claimed = next(r for r in svc.queue.rows() if r.portal_number == "SOC-2026-102")
    with pytest.raises(DomainError) as exc:
        svc.queue.mark_out_of_turn(director, claimed.application_id,
                                   OutOfTurn(OutOfTurnGround.ORPHAN, "Көкшетау балалар үйі",
                                             left_on=dt.date(2024, 6, 1)), on=dt.date(2026, 3, 4))
    assert exc.value.field == "out_of_turn_left_on"
    assert [r.portal_number for r in svc.queue.rows()] == ["SOC-2026-101", "SOC-2026-102"]


def test_a_dry_run_tells_the_same_notice(org):
    svc, _director, worker = org
    preview = import_queue(svc, worker, dry_run=True)
    assert preview.dry_run and [n.msgid for n in preview.notices] == [n.msgid for n in import_queue(svc, worker).notices]


def test_the_file_imported_again_has_nothing_to_record(org):
    svc, _director, worker = org
    import_queue(svc, worker)
    again = import_queue(svc, worker)
    assert again.created == 0 and again.notices == ()


@pytest.mark.parametrize("org_type", [OrgType.SEMI_STATIONARY, OrgType.HOME_CARE, OrgType.TEMPORARY_STAY])
def test_outside_a_stationary_organisation_the_mark_has_no_out_of_turn_to_become(sqlite_url, org_type):
    """R-06 is for stationary organisations for adults only (R-01: a home-care organisation has no out-of-turn
    admission): the note and the notice say so, and the ground cannot be recorded."""
    svc, director, worker = make_services(sqlite_url, org_type=org_type)
    try:
        summary = import_queue(svc, worker)
        claimed = svc.queue.rows()[1]
        assert claimed.portal_number == "SOC-2026-102" and claimed.priority == QueuePriority.ORDINARY
        assert "only in a stationary organisation" in summary.notices[0].msgid
        assert claimed.portal_claim is not None and "only in a stationary organisation" in claimed.portal_claim.msgid
        with pytest.raises(DomainError) as exc:
            svc.queue.mark_out_of_turn(director, claimed.application_id,
                                       OutOfTurn(OutOfTurnGround.ORPHAN, "Көкшетау балалар үйі", left_on=LEFT_ON),
                                       on=dt.date(2026, 3, 4))
        assert exc.value.field == "out_of_turn_ground"
    finally:
        svc.engine.dispose()
