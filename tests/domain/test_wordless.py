"""A description or a number typed as a mark ("." "—" "?") says nothing and is refused as empty, where the
acts ask for it: the "other" reason for a discharge (R-01, column 12), the "other" ground for admitting a
person directly while people wait (R-03), a suspension's reason where the journal holds it (R-01)."""

import datetime as dt

import pytest

from app.domain.enums import DirectAdmissionGround, DischargeReason, OrgType
from app.domain.errors import DomainError
from app.domain.journal import check_departure_reason, check_discharge_reason, check_order
from app.domain.queue import check_direct_admission


@pytest.mark.parametrize("mark", [".", "—", " - ", "?!", "№"])
def test_a_mark_is_no_description_nor_number(mark):
    with pytest.raises(DomainError) as exc:
        check_discharge_reason(DischargeReason.OTHER, mark)
    assert exc.value.field == "reason"
    with pytest.raises(DomainError) as exc:
        check_direct_admission(None, DirectAdmissionGround.OTHER, mark)
    assert exc.value.field == "direct_ground_text"
    with pytest.raises(DomainError) as exc:
        check_departure_reason(OrgType.SEMI_STATIONARY, mark)
    assert exc.value.field == "reason_text"
    with pytest.raises(DomainError) as exc:
        check_order(OrgType.STATIONARY, mark, dt.date(2026, 1, 5))
    assert exc.value.field == "order_number"


def test_words_and_numbers_pass():
    check_discharge_reason(DischargeReason.OTHER, "туыстары алып кетті")
    assert check_direct_admission(None, DirectAdmissionGround.OTHER, " сот шешімі ") == "сот шешімі"
    assert check_departure_reason(OrgType.SEMI_STATIONARY, "ауруханада") == "ауруханада"
    assert check_departure_reason(OrgType.STATIONARY, "") is None  # not required there
    assert check_order(OrgType.STATIONARY, " 15 ", dt.date(2026, 1, 5)) == "15"
