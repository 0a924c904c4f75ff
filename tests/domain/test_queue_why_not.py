"""Issue 12 point 5: the queue screen knows in advance why an action will be refused — the same rules the
services apply (R-03/R-06 order, R-07 one postponement before the date passes, R-08 no-show after it)."""

from __future__ import annotations

import datetime as dt

from app.domain.enums import OrgType, QueueOutcome
from app.domain.queue import POSTPONEMENT_MAX_DAYS, QueueScreen, why_not
from app.domain.roster import Occupancy
from app.i18n import Message

TODAY = dt.date(2026, 12, 6)
FIRST = (1, "Ахметова Айгүл", Message("received earlier"))


def screen(vacant: int = 1, org: OrgType = OrgType.STATIONARY) -> QueueScreen:
    return QueueScreen(FIRST, Occupancy(10, 10 - vacant, 0), org, TODAY)


def test_r03_a_place_is_offered_to_the_first_waiting_only():
    assert why_not("offer", 1, QueueOutcome.WAITING, False, False, None, screen()) is None
    refusal = why_not("offer", 2, QueueOutcome.WAITING, False, False, None, screen())
    assert refusal is not None and "Ахметова Айгүл" in refusal.render("ru")
    assert why_not("offer", 1, QueueOutcome.WAITING, False, False, None, screen(vacant=0)) is not None
    assert why_not("offer", 1, QueueOutcome.OFFERED, False, False, None, screen()) is not None


def test_r06_out_of_turn_only_in_a_stationary_organisation_and_once():
    assert why_not("out_of_turn", 2, QueueOutcome.WAITING, False, False, None, screen()) is None
    assert why_not("out_of_turn", 2, QueueOutcome.WAITING, True, False, None, screen()) is not None
    for org in OrgType:
        refused = why_not("out_of_turn", 2, QueueOutcome.WAITING, False, False, None, screen(org=org))
        assert (refused is None) == (org == OrgType.STATIONARY)


def test_r07_one_postponement_while_the_arrival_date_has_not_passed():
    deadline = TODAY + dt.timedelta(days=3)
    assert why_not("postpone", 1, QueueOutcome.OFFERED, False, False, deadline, screen()) is None
    assert why_not("postpone", 1, QueueOutcome.OFFERED, False, True, deadline, screen()) is not None  # once
    # after the arrival date the notice may still be recorded if it was received by that date: the dialog's
    # notice date decides (postponed_deadline), not the screen
    assert why_not("postpone", 1, QueueOutcome.OFFERED, False, False, TODAY - dt.timedelta(days=9), screen()) is None
    for org in OrgType:  # R-07 gives the postponement to the stationary and semi-stationary types only
        refused = why_not("postpone", 1, QueueOutcome.OFFERED, False, False, deadline, screen(org=org))
        assert (refused is None) == (org in POSTPONEMENT_MAX_DAYS)
    assert why_not("postpone", 1, QueueOutcome.WAITING, False, False, None, screen()) is not None


def test_r08_no_show_only_after_the_arrival_date():
    assert why_not("no_show", 1, QueueOutcome.OFFERED, False, False, TODAY, screen()) is not None
    assert why_not("no_show", 1, QueueOutcome.OFFERED, False, False, TODAY - dt.timedelta(days=1), screen()) is None


def test_a_closed_application_allows_nothing():
    for action in ("out_of_turn", "recertify", "withdraw", "offer", "postpone", "no_show", "admit"):
        assert why_not(action, 1, QueueOutcome.ADMITTED, False, False, None, screen()) is not None
