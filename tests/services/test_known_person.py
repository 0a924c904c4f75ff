"""A form adding a person (a paper application, a direct admission) does not make a person twice: the IIN of someone
already here, or the name and date of birth of someone here when one of the two has no IIN (the way an import tells
such a person: app.services.import_batch.Batch.find), is refused as ``KnownPerson`` naming them — nothing written —
until the user says it is another person; the same person's application is registered on their card."""

import datetime as dt

import pytest

from app.domain.enums import DischargeReason, QueueSource, ResidentStatus, Sex
from app.domain.errors import DomainError, KnownPerson
from app.domain.identity import make_iin
from app.services import PersonInput
from tests.dump import dump
from tests.services.helpers import ELDERLY, GROUND, days_ago, order

BORN = dt.date(1947, 3, 9)


def at(n_days_ago: int) -> dt.datetime:
    return dt.datetime.combine(days_ago(n_days_ago), dt.time(10))


def without_iin(last="Сәрсенова", first="Күләш", middle="Әбілқызы") -> PersonInput:
    return PersonInput(last, first, middle, iin_missing_reason="құжаттары жоқ", birth_date=BORN, sex=Sex.FEMALE,
                       category=ELDERLY)


def with_iin(serial: int, last="Сәрсенова", first="Күләш", middle="Әбілқызы") -> PersonInput:
    return PersonInput(last, first, middle, iin=make_iin(BORN, Sex.FEMALE, serial), category=ELDERLY)


def refused_as_known(svc, call, *args, **kw) -> KnownPerson:
    before = dump(svc.engine)
    with pytest.raises(KnownPerson) as exc:
        call(*args, **kw)
    assert dump(svc.engine) == before
    assert exc.value.render("kk") != exc.value.render("ru") != exc.value.message.msgid
    return exc.value


def test_a_person_kept_without_an_iin_is_not_added_again_with_one(org):
    svc, _director, worker = org
    first = svc.queue.register(worker, without_iin(), at(30))
    # their IIN found since, typed on a new application: the name folded as a search folds it, the date of birth
    known = refused_as_known(svc, svc.queue.register, worker, with_iin(41, "СӘРСЕНОВА ", " күләш", "Әбілқызы"), at(2))
    assert (known.resident_id, known.certain, known.field) == (first.resident_id, False, "last_name")
    assert "without an IIN" in known.message.msgid and first.full_name in known.render("ru")
    # …and not as a new admission either
    refused_as_known(svc, svc.movements.admit_direct, worker, with_iin(41), days_ago(1), order(days_ago(1)),
                     admission_ground=GROUND)


def test_a_person_without_an_iin_is_not_added_again_beside_a_namesake_with_or_without_one(org):
    svc, _director, worker = org
    day = days_ago(20)
    kept = svc.movements.admit_direct(worker, with_iin(42), day, order(day), admission_ground=GROUND)
    known = refused_as_known(svc, svc.queue.register, worker, without_iin(), at(1))
    assert known.resident_id == kept.resident_id and make_iin(BORN, Sex.FEMALE, 42) in known.render("kk")
    svc.queue.register(worker, without_iin("Ахметова"), at(1))  # another name: nothing asked
    refused_as_known(svc, svc.queue.register, worker, without_iin("Ахметова"), at(1))  # …the second time asked


def test_two_people_with_iins_of_one_name_and_birth_are_two_people(org):
    svc, _director, worker = org
    a = svc.queue.register(worker, with_iin(43), at(5))
    b = svc.queue.register(worker, with_iin(44), at(4))
    assert a.resident_id != b.resident_id


def test_the_iin_of_someone_here_is_certain(org):
    svc, _director, worker = org
    day = days_ago(40)
    kept = svc.movements.admit_direct(worker, with_iin(45), day, order(day), admission_ground=GROUND)
    known = refused_as_known(svc, svc.queue.register, worker, with_iin(45, "Басқа", "Адам", None), at(1))
    assert (known.resident_id, known.certain, known.field) == (kept.resident_id, True, "iin")
    # "another person" does not pass an IIN someone has
    refused_as_known(svc, svc.queue.register, worker, with_iin(45, "Басқа", "Адам", None), at(1), another_person=True)


def test_another_person_of_the_same_name_is_added_when_the_user_says_so(org):
    svc, _director, worker = org
    first = svc.queue.register(worker, without_iin(), at(30))
    second = svc.queue.register(worker, without_iin(), at(3), another_person=True)
    assert second.resident_id != first.resident_id
    assert [r.application_id for r in svc.queue.rows() if r.full_name == first.full_name] == [
        first.application_id, second.application_id]


def test_the_same_person_discharged_applies_again_on_their_card(org):
    svc, _director, worker = org
    day = days_ago(200)
    admitted = svc.movements.admit_direct(worker, without_iin(), day, order(day), admission_ground=GROUND)
    svc.movements.discharge(worker, admitted.resident_id, days_ago(100), order(days_ago(100)),
                            DischargeReason.OWN_REQUEST)
    known = refused_as_known(svc, svc.queue.register, worker, without_iin(), at(2), source=QueueSource.PAPER)
    row = svc.queue.register(worker, None, at(2), resident_id=known.resident_id)  # the dialog's "the same person"
    assert row.resident_id == admitted.resident_id
    assert svc.residents.get(admitted.resident_id).status == ResidentStatus.DISCHARGED  # waits again, card as it was


def test_the_same_person_registered_again_gets_what_their_card_lacked_from_the_form(org):
    """"The same person" on the paper application: the IIN found since (the reason it was missing gone), a phone —
    what the card lacked is taken from the form; what it had stays. An edit of the card, audited as one."""
    svc, _director, worker = org
    first = svc.queue.register(worker, without_iin(), at(30))
    svc.queue.withdraw(worker, first.application_id, days_ago(5))
    typed = with_iin(46, middle="Әбілқызы")
    typed.phone, typed.address = "+7 701 111 22 33", "Басқа мекенжай"
    row = svc.queue.register(worker, typed, at(2), resident_id=first.resident_id)
    card = svc.residents.get(first.resident_id)
    assert row.resident_id == first.resident_id
    assert (card.iin, card.iin_missing_reason, card.phone) == (make_iin(BORN, Sex.FEMALE, 46), None, "+7 701 111 22 33")
    assert card.address == "Басқа мекенжай"  # it had none: taken


def test_several_namesakes_are_not_chosen_between(org):
    svc, _director, worker = org
    a = svc.queue.register(worker, without_iin(), at(30))
    b = svc.queue.register(worker, without_iin(), at(29), another_person=True)
    assert a.resident_id != b.resident_id
    known = refused_as_known(svc, svc.queue.register, worker, with_iin(47), at(1))
    assert known.resident_id is None and "2" in known.render("ru")


def test_r02_a_person_who_died_is_not_put_in_the_queue_again_nor_admitted_from_it(org):
    from sqlalchemy import update

    from app.db.models import QueueApplication
    from app.domain.enums import QueueOutcome

    svc, _director, worker = org
    day = days_ago(200)
    admitted = svc.movements.admit_direct(worker, without_iin(), day, order(day), admission_ground=GROUND)
    svc.movements.discharge(worker, admitted.resident_id, days_ago(100), order(days_ago(100)), DischargeReason.DEATH)
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:  # the form's "the same person"
        svc.queue.register(worker, without_iin(), at(2), resident_id=admitted.resident_id)
    assert exc.value.field == "resident" and dump(svc.engine) == before
    # an application left from before these checks, offered: not admitted from it either
    other = svc.queue.register(worker, without_iin("Басқа"), at(3))
    with svc.sessions.begin() as s:
        s.execute(update(QueueApplication).where(QueueApplication.id == other.application_id).values(
            resident_id=admitted.resident_id, outcome=QueueOutcome.OFFERED, offered_on=days_ago(1)))
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:
        svc.movements.admit_from_queue(worker, other.application_id, days_ago(0), order(days_ago(0)),
                                       admission_ground=GROUND)
    assert exc.value.field == "resident" and dump(svc.engine) == before
