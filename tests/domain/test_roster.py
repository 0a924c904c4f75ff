import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.enums import MovementKind, ResidentStatus
from app.domain.errors import DomainError
from app.domain.roster import HOLDS_PLACE, Occupancy, check_vacancy, is_readmission, next_status


def test_r01_movements_change_the_state():
    status, seen = ResidentStatus.IN_QUEUE, []
    for kind in (MovementKind.ADMISSION, MovementKind.TEMPORARY_DEPARTURE, MovementKind.RETURN, MovementKind.DISCHARGE):
        status = next_status(status, kind)
        seen.append(status)
    assert seen == [ResidentStatus.PRESENT, ResidentStatus.TEMPORARILY_ABSENT, ResidentStatus.PRESENT,
                    ResidentStatus.DISCHARGED]


@pytest.mark.parametrize("status,kind", [
    (ResidentStatus.IN_QUEUE, MovementKind.DISCHARGE),
    (ResidentStatus.PRESENT, MovementKind.RETURN),
    (ResidentStatus.PRESENT, MovementKind.ADMISSION),
    (ResidentStatus.DISCHARGED, MovementKind.TEMPORARY_DEPARTURE),
])
def test_r01_impossible_movements_are_refused(status, kind):
    with pytest.raises(DomainError):
        next_status(status, kind)


def test_r02_readmission_is_marked_returned():
    assert is_readmission(ResidentStatus.DISCHARGED, MovementKind.ADMISSION)
    assert is_readmission(ResidentStatus.TRANSFERRED, MovementKind.ADMISSION)
    assert not is_readmission(ResidentStatus.IN_QUEUE, MovementKind.ADMISSION)


def test_vacancy_counts_the_temporarily_absent_as_holding_their_place():
    occ = Occupancy(capacity=10, present=7, temporarily_absent=3)
    assert occ.vacant == 0
    with pytest.raises(DomainError):
        check_vacancy(occ)
    assert Occupancy(10, 7, 2).vacant == 1


@given(st.integers(1, 6), st.lists(st.tuples(st.integers(0, 9), st.sampled_from(list(MovementKind))), max_size=80))
def test_property_roster_from_any_valid_event_sequence_never_exceeds_capacity(capacity, attempts):
    """Apply random events, keeping only those the rules accept; the roster stays within capacity."""
    state = {p: ResidentStatus.IN_QUEUE for p in range(10)}
    for person, kind in attempts:
        try:
            new = next_status(state[person], kind)
            if kind == MovementKind.ADMISSION:
                held = sum(1 for s in state.values() if s in HOLDS_PLACE)
                check_vacancy(Occupancy(capacity, held, 0))
        except DomainError:
            continue
        state[person] = new
        assert sum(1 for s in state.values() if s in HOLDS_PLACE) <= capacity
