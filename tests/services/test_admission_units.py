"""R-33 (category and ground recorded at admission) and R-36 (units inside the capacity) through the
services, on SQLite and PostgreSQL; values from Order 308 (seed 003 items 5, 6, 13)."""

import datetime as dt

import pytest

from app.db.models import Organisation
from app.domain.admission import AdmissionGround
from app.domain.enums import DischargeReason, OrgType, QueueSource, RecipientCategory
from app.domain.errors import DomainError
from app.domain.units import UnitKind
from tests.dump import dump
from tests.services.helpers import admit, days_ago, order, person


def serve(svc, director, *categories, capacity=None):
    view = svc.organisation.get()
    view.categories = list(categories)
    if capacity is not None:
        view.capacity = capacity
    data = {k: v for k, v in vars(view).items() if k not in ("id", "version")}
    from app.services import OrganisationInput

    return svc.organisation.update(director, OrganisationInput(**data), view.version)


def refused(svc, fn, *args, **kw) -> DomainError:
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:
        fn(*args, **kw)
    assert dump(svc.engine) == before  # a refusal changes nothing
    assert exc.value.render("kk") != exc.value.render("ru")
    return exc.value


def test_r33_admission_records_category_and_ground(org):
    svc, director, worker = org
    serve(svc, director, RecipientCategory.ELDERLY, RecipientCategory.DISABLED_GROUP_1_2)
    day = days_ago(10)
    mv = svc.movements.admit_direct(worker, person(category=RecipientCategory.ELDERLY), day, order(day),
                                    admission_ground=AdmissionGround.PENSION_AGE)
    assert mv.admission_ground == AdmissionGround.PENSION_AGE
    assert svc.movements.history(mv.resident_id)[0].admission_ground == AdmissionGround.PENSION_AGE
    assert svc.residents.get(mv.resident_id).category == RecipientCategory.ELDERLY.value
    from app.services.printing import PrintService
    from reports import casefile
    from tests.reports import helpers as h

    data = PrintService(svc.sessions).case_file(mv.resident_id)  # the case file shows both (with its inventory)
    assert data.recipient.category == RecipientCategory.ELDERLY
    assert data.recipient.admission_ground == AdmissionGround.PENSION_AGE
    text = h.text(casefile.render(data, "ru"))
    assert "Основание приёма" in text and "пожилой человек пенсионного возраста" in text


def test_r33_a_category_the_organisation_does_not_serve_is_refused(org):
    svc, director, worker = org
    serve(svc, director, RecipientCategory.ELDERLY)
    day = days_ago(10)
    err = refused(svc, svc.movements.admit_direct, worker, person(category=RecipientCategory.CHILD_PSYCHONEURO),
                  day, order(day), admission_ground=AdmissionGround.CANNOT_SELF_CARE)
    assert err.field == "category"
    # without a ground too: the category is still one the organisation serves
    err = refused(svc, svc.movements.admit_direct, worker, person(category=RecipientCategory.CHILD_PSYCHONEURO),
                  day, order(day))
    assert err.field == "category"


def test_r33_ground_must_fit_the_category(org):
    svc, director, worker = org
    serve(svc, director, RecipientCategory.ELDERLY, RecipientCategory.DISABLED_GROUP_1_2)
    day = days_ago(10)
    err = refused(svc, svc.movements.admit_direct, worker, person(category=RecipientCategory.DISABLED_GROUP_1_2),
                  day, order(day), admission_ground=AdmissionGround.PENSION_AGE)
    assert err.field == "admission_ground"
    err = refused(svc, svc.movements.admit_direct, worker, person(), day, order(day),
                  admission_ground=AdmissionGround.CANNOT_SELF_CARE)
    assert err.field == "category"


def test_r33_the_card_keeps_the_category_recorded_at_admission(org):
    """003 items 6 4), 13 4): admitted as an elderly person of pension age, the person cannot be turned on the card
    into a category the organisation does not serve, into none, or away from the one the ground belongs to; a
    category that fits is a correction; a person waiting in the queue or discharged holds no place."""
    from app.services import PersonInput

    svc, director, worker = org
    serve(svc, director, RecipientCategory.ELDERLY, RecipientCategory.DISABLED_GROUP_1_2)

    def edit(rid, category):
        v = svc.residents.get(rid)
        data = PersonInput(v.last_name, v.first_name, v.middle_name, iin=v.iin, birth_date=v.birth_date,
                           sex=v.sex, address="Көше 2", category=category)
        return svc.residents.update(worker, rid, data, v.version)

    aged = admit(svc, worker, 30)  # ELDERLY, on the ground "pension age"
    for category in (RecipientCategory.CHILD_PSYCHONEURO, None, RecipientCategory.DISABLED_GROUP_1_2):
        err = refused(svc, edit, aged, category)
        assert err.field == "category"
    assert "003" not in err.render("ru") and AdmissionGround.PENSION_AGE.text("ru") in err.render("ru")
    other = admit(svc, worker, 30, category=RecipientCategory.DISABLED_GROUP_1_2)  # unable to care for themselves
    assert edit(other, RecipientCategory.ELDERLY).category == RecipientCategory.ELDERLY.value
    assert refused(svc, edit, other, RecipientCategory.CHILD_PSYCHONEURO).field == "category"
    svc.movements.temporary_departure(worker, other, days_ago(2), order(days_ago(2)), "үйіне")
    assert refused(svc, edit, other, None).field == "category"  # away for a while: the place is still held
    waiting = svc.queue.register(worker, person(), dt.datetime.combine(days_ago(40), dt.time(10)),
                                 QueueSource.PAPER).resident_id
    assert edit(waiting, RecipientCategory.CHILD_PSYCHONEURO).category == RecipientCategory.CHILD_PSYCHONEURO.value
    svc.movements.discharge(worker, aged, days_ago(1), order(days_ago(1)), DischargeReason.OWN_REQUEST)
    assert edit(aged, None).category is None


def test_r33_the_profile_keeps_the_categories_of_people_who_hold_a_place(org):
    """003 items 2, 6 4): admission is for the categories the organisation serves, so its profile cannot stop
    serving a category while people of it live there or are away for a while; a waiting person of it holds no
    place, and once the last one is discharged the category may go."""
    svc, director, worker = org
    serve(svc, director, RecipientCategory.ELDERLY, RecipientCategory.DISABLED_GROUP_1_2)
    aged = admit(svc, worker, 30)  # ELDERLY
    other = admit(svc, worker, 30, category=RecipientCategory.DISABLED_GROUP_1_2)
    svc.movements.temporary_departure(worker, other, days_ago(2), order(days_ago(2)), "үйіне")
    child = svc.queue.register(worker, person(category=RecipientCategory.CHILD_PSYCHONEURO),
                               dt.datetime.combine(days_ago(40), dt.time(10)), QueueSource.PAPER)
    err = refused(svc, serve, svc, director, RecipientCategory.ELDERLY)  # the one away still holds a place
    assert err.field == "categories"
    assert RecipientCategory.DISABLED_GROUP_1_2.text("kk") in err.render("kk") and "1" in err.render("kk")
    assert refused(svc, serve, svc, director, RecipientCategory.DISABLED_GROUP_1_2).field == "categories"
    assert refused(svc, serve, svc, director).field == "categories"
    # the waiting child holds no place: a category may be added and dropped again; offered a place, the child
    # holds one, and a profile saved for another reason is not refused for a category it never ticked
    children = (RecipientCategory.ELDERLY, RecipientCategory.DISABLED_GROUP_1_2, RecipientCategory.CHILD_PSYCHONEURO)
    serve(svc, director, *children)
    serve(svc, director, RecipientCategory.ELDERLY, RecipientCategory.DISABLED_GROUP_1_2)
    serve(svc, director, *children)
    svc.queue.offer_place(worker, child.application_id, days_ago(1))
    err = refused(svc, serve, svc, director, RecipientCategory.ELDERLY, RecipientCategory.DISABLED_GROUP_1_2)
    assert err.field == "categories" and RecipientCategory.CHILD_PSYCHONEURO.text("ru") in err.render("ru")
    with svc.sessions() as s:  # a category never ticked, from data older than the rule: the profile still saves
        s.get(Organisation, svc.organisation.get().id).categories = [RecipientCategory.ELDERLY.value,
                                                                     RecipientCategory.CHILD_PSYCHONEURO.value]
        s.commit()
    assert serve(svc, director, *[c for c in children if c != RecipientCategory.DISABLED_GROUP_1_2],
                 capacity=11).capacity == 11
    serve(svc, director, *children)
    svc.movements.discharge(worker, aged, days_ago(1), order(days_ago(1)), DischargeReason.OWN_REQUEST)
    kept = [RecipientCategory.DISABLED_GROUP_1_2, RecipientCategory.CHILD_PSYCHONEURO]
    assert serve(svc, director, *kept).categories == kept  # the last elderly resident has left


def test_r33_child_with_musculoskeletal_disorders_from_one_and_a_half_years(db_url):
    from tests.conftest import make_services

    svc, director, worker = make_services(db_url, org_type=OrgType.SEMI_STATIONARY)
    serve(svc, director, RecipientCategory.CHILD_MUSCULOSKELETAL)
    day = dt.date.today()
    young = day.replace(year=day.year - 1) - dt.timedelta(days=150)  # about 1 year 5 months
    err = refused(svc, svc.movements.admit_direct, worker,
                  person(birth=young, category=RecipientCategory.CHILD_MUSCULOSKELETAL), day, order(day),
                  admission_ground=AdmissionGround.CHILD_MUSCULOSKELETAL)
    assert err.field == "admission_ground"
    old_enough = day.replace(year=day.year - 2)
    mv = svc.movements.admit_direct(worker, person(birth=old_enough, category=RecipientCategory.CHILD_MUSCULOSKELETAL),
                                    day, order(day), admission_ground=AdmissionGround.CHILD_MUSCULOSKELETAL)
    assert mv.admission_ground == AdmissionGround.CHILD_MUSCULOSKELETAL
    svc.engine.dispose()


def test_r33_queue_admission_and_readmission_record_the_ground(org):
    svc, director, worker = org
    serve(svc, director, RecipientCategory.ELDERLY, RecipientCategory.DISABLED_GROUP_1_2)
    row = svc.queue.register(worker, person(), dt.datetime.combine(days_ago(40), dt.time(10)), QueueSource.PAPER)
    svc.queue.offer_place(worker, row.application_id, days_ago(30))
    mv = svc.movements.admit_from_queue(worker, row.application_id, days_ago(25), order(days_ago(25)),
                                        admission_ground=AdmissionGround.NO_OBLIGED_RELATIVES,
                                        category=RecipientCategory.DISABLED_GROUP_1_2)
    assert mv.admission_ground == AdmissionGround.NO_OBLIGED_RELATIVES
    assert svc.residents.get(mv.resident_id).category == RecipientCategory.DISABLED_GROUP_1_2.value
    svc.movements.discharge(worker, mv.resident_id, days_ago(20), order(days_ago(20)), DischargeReason.OWN_REQUEST)
    again = svc.movements.readmit(worker, mv.resident_id, days_ago(5), order(days_ago(5)),
                                  admission_ground=AdmissionGround.RELATIVES_CANNOT_CARE)
    assert again.returned and again.admission_ground == AdmissionGround.RELATIVES_CANNOT_CARE


# --- units ------------------------------------------------------------------------------------------
def test_r36_supported_living_unit_of_6_to_30_places(org):
    svc, director, worker = org
    serve(svc, director, RecipientCategory.ELDERLY, capacity=80)
    for places in (5, 31):
        err = refused(svc, svc.units.add, director, UnitKind.SUPPORTED_LIVING, "Бөлімше", places)
        assert err.field == "places"
    assert svc.units.add(director, UnitKind.SUPPORTED_LIVING, "Бөлімше 1", 6).places == 6
    assert svc.units.add(director, UnitKind.SUPPORTED_LIVING, "Бөлімше 2", 30).places == 30
    assert svc.units.add(director, UnitKind.PALLIATIVE, "Паллиатив палатасы", 4).kind == UnitKind.PALLIATIVE
    assert [u.name for u in svc.units.units()] == ["Бөлімше 1", "Бөлімше 2", "Паллиатив палатасы"]


def test_r36_unit_places_count_within_the_capacity(org):
    svc, director, worker = org  # 10 places
    svc.units.add(director, UnitKind.SUPPORTED_LIVING, "Бөлімше", 6)
    err = refused(svc, svc.units.add, director, UnitKind.PALLIATIVE, "Палата", 5)
    assert err.field == "places"
    err = refused(svc, serve, svc, director, capacity=5)
    assert err.field == "capacity"
    assert refused(svc, svc.units.add, worker, UnitKind.PALLIATIVE, "Палата", 1).field is None  # the director's


def test_r27_units_only_in_a_stationary_organisation(db_url):
    from tests.conftest import make_services

    svc, director, worker = make_services(db_url, capacity=40, org_type=OrgType.HOME_CARE)
    assert refused(svc, svc.units.add, director, UnitKind.SUPPORTED_LIVING, "Бөлімше", 10).field == "unit_kind"
    svc.engine.dispose()


def test_r36_residents_placed_in_units_capacity_and_vacancy_per_unit(org):
    svc, director, worker = org  # 10 places
    unit = svc.units.add(director, UnitKind.SUPPORTED_LIVING, "Бөлімше", 6)
    ward = svc.units.add(director, UnitKind.PALLIATIVE, "Палата", 1)
    ids = [admit(svc, worker, 30) for _i in range(3)]
    svc.units.place(worker, ids[0], unit.id)
    svc.units.place(worker, ids[1], ward.id)
    err = refused(svc, svc.units.place, worker, ids[2], ward.id)  # the ward's one place is taken
    assert err.field == "unit"
    svc.movements.temporary_departure(worker, ids[0], days_ago(3), order(days_ago(3)))
    occ = {o.unit_id: o for o in svc.units.occupancy()}
    assert (occ[unit.id].places, occ[unit.id].present, occ[unit.id].temporarily_absent, occ[unit.id].vacant) == \
        (6, 0, 1, 5)
    assert (occ[ward.id].places, occ[ward.id].occupied, occ[ward.id].vacant) == (1, 1, 0)
    assert (occ[None].places, occ[None].occupied, occ[None].vacant) == (3, 1, 2)
    assert sum(o.places for o in occ.values()) == svc.queries.occupancy().capacity
    assert refused(svc, svc.units.remove, director, ward.id).field == "unit"
    err = refused(svc, svc.units.update, director, unit.id, UnitKind.SUPPORTED_LIVING, "Бөлімше", 31, unit.version)
    assert err.field == "places"
    svc.units.place(worker, ids[1], None)
    svc.units.place(worker, ids[2], ward.id)
    svc.movements.discharge(worker, ids[2], days_ago(1), order(days_ago(1)), DischargeReason.OWN_REQUEST)
    assert svc.units.unit_of(ids[2]) is None  # leaving frees the unit's place
    svc.units.remove(director, ward.id)
    assert [u.id for u in svc.units.units()] == [unit.id]


# --- the ground is required of every admission recorded through the program -----------------------
def test_r33_an_admission_without_a_ground_is_refused_under_the_field_and_changes_nothing(org):
    """003 items 6 4), 13 4): the ground is what makes the admission lawful; none recorded, none admitted."""
    svc, director, worker = org
    day = days_ago(10)
    err = refused(svc, svc.movements.admit_direct, worker, person(category=RecipientCategory.ELDERLY), day,
                  order(day))
    assert err.field == "admission_ground"
    assert err.render("ru").startswith("Основание приёма") and err.render("kk").startswith("Қабылдау негізі")
    row = svc.queue.register(worker, person(), dt.datetime.combine(days_ago(40), dt.time(10)), QueueSource.PAPER)
    svc.queue.offer_place(worker, row.application_id, days_ago(30))
    err = refused(svc, svc.movements.admit_from_queue, worker, row.application_id, day, order(day),
                  category=RecipientCategory.ELDERLY)
    assert err.field == "admission_ground"
    gone = admit(svc, worker, 60)
    svc.movements.discharge(worker, gone, days_ago(20), order(days_ago(20)), DischargeReason.OWN_REQUEST)
    assert refused(svc, svc.movements.readmit, worker, gone, day, order(day)).field == "admission_ground"
    assert [m.admission_ground for m in svc.movements.history(gone)] == [AdmissionGround.PENSION_AGE, None]


def test_r33_imported_records_say_the_ground_was_not_recorded(org):
    """The register and the journal file carry no ground: the import marks why the admission has none,
    and the card's case file says so (the record predates the program)."""
    from app.domain.admission import GroundUnrecorded
    from app.domain.enums import Sex
    from app.domain.identity import make_iin
    from app.portal.records import Kind, ParseResult, RegisterRecord
    from app.services.exchange import ExchangeService
    from app.services.printing import PrintService

    svc, director, worker = org
    recs = [RegisterRecord("Тіркелген", "Адам", dt.date(1945, 2, 1), iin=make_iin(dt.date(1945, 2, 1), Sex.MALE, 71),
                           admission_date=days_ago(200), admission_order="1-к")]
    ExchangeService(svc.sessions).import_register(worker, ParseResult(records=tuple(recs), problems=(),
                                                                      kind=Kind.REGISTER))
    (rid,) = [r.id for r in svc.queries.residents()[1]]
    (mv,) = svc.movements.history(rid)
    assert (mv.admission_ground, mv.ground_unrecorded) == (None, GroundUnrecorded.REGISTER_IMPORT)
    assert PrintService(svc.sessions).case_file(rid).recipient.admission_ground == GroundUnrecorded.REGISTER_IMPORT
    assert "не записано" in GroundUnrecorded.REGISTER_IMPORT.text("ru")
    assert "жазылмаған" in GroundUnrecorded.REGISTER_IMPORT.text("kk")


def test_r33_the_database_itself_refuses_an_admission_without_ground_or_reason(org):
    """Past the program (SQL): an admission row with neither the ground nor the reason it has none fails."""
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    svc, director, worker = org
    rid = admit(svc, worker, 30)
    insert = ("INSERT INTO movement (resident_id, seq, kind, event_date, order_number, order_date, returned, "
              "admission_ground, ground_unrecorded, created_at, created_by) VALUES (:rid, 9, :kind, :day, '1', "
              ":day, false, :ground, :why, :day, 'x')")
    for kind, ground, why in (("admission", None, None), ("admission", "pension_age", "register_import"),
                              ("discharge", "pension_age", None)):
        with pytest.raises(IntegrityError), svc.engine.begin() as conn:
            conn.execute(text(insert), dict(rid=rid, kind=kind, day=days_ago(1), ground=ground, why=why))
    with svc.engine.begin() as conn:
        conn.execute(text(insert), dict(rid=rid, kind="admission", day=days_ago(1), ground=None,
                                        why="journal_import"))


# --- the unit chosen at admission -------------------------------------------------------------------
def test_r36_admission_places_the_person_in_the_chosen_unit_while_it_has_a_vacant_place(org):
    """003 item 5: units of 6 to 30 places and palliative wards, within the capacity (10 places here:
    a unit of 6, a ward of 1, the main part 3)."""
    svc, director, worker = org
    unit = svc.units.add(director, UnitKind.SUPPORTED_LIVING, "Бөлімше", 6)
    ward = svc.units.add(director, UnitKind.PALLIATIVE, "Палата", 1)
    first = admit(svc, worker, 30, unit_id=ward.id)
    assert svc.units.unit_of(first) == ward.id
    err = refused(svc, admit, svc, worker, 30, unit_id=ward.id)  # its one place is taken
    assert err.field == "unit" and "«Палата»" in err.render("ru") and "«Палата»" in err.render("kk")
    main = [admit(svc, worker, 30) for _i in range(3)]
    assert {svc.units.unit_of(r) for r in main} == {None}
    err = refused(svc, admit, svc, worker, 30)  # the main part's 3 places are taken; the unit's 6 are free
    assert err.field == "unit" and "основной части" in err.render("ru") and "негізгі бөлікте" in err.render("kk")
    assert svc.queries.occupancy().vacant == 6  # the total vacancy alone would have let it through
    assert svc.units.unit_of(admit(svc, worker, 30, unit_id=unit.id)) == unit.id
    occ = {o.unit_id: o for o in svc.units.occupancy()}
    assert [(occ[k].places, occ[k].occupied) for k in (unit.id, ward.id, None)] == [(6, 1), (1, 1), (3, 3)]
    assert refused(svc, admit, svc, worker, 30, unit_id=999_999).field == "unit"


def test_r36_queue_admission_and_readmission_into_a_unit(org):
    svc, director, worker = org
    unit = svc.units.add(director, UnitKind.SUPPORTED_LIVING, "Бөлімше", 6)
    row = svc.queue.register(worker, person(), dt.datetime.combine(days_ago(40), dt.time(10)), QueueSource.PAPER)
    svc.queue.offer_place(worker, row.application_id, days_ago(30))
    mv = svc.movements.admit_from_queue(worker, row.application_id, days_ago(25), order(days_ago(25)),
                                        admission_ground=AdmissionGround.PENSION_AGE,
                                        category=RecipientCategory.ELDERLY, unit_id=unit.id)
    assert svc.units.unit_of(mv.resident_id) == unit.id
    svc.movements.discharge(worker, mv.resident_id, days_ago(20), order(days_ago(20)), DischargeReason.OWN_REQUEST)
    assert svc.units.unit_of(mv.resident_id) is None
    svc.movements.readmit(worker, mv.resident_id, days_ago(5), order(days_ago(5)),
                          admission_ground=AdmissionGround.PENSION_AGE, unit_id=unit.id)
    assert svc.units.unit_of(mv.resident_id) == unit.id


def test_r36_the_total_vacancy_check_stays_a_place_on_offer_is_not_vacant_in_any_unit(org):
    """R-03, R-08 with R-36: capacity 10 = a unit of 6 + the main part of 4; 4 + 5 admitted, the last place
    offered to the first in the queue: the unit's own vacant place is not enough for a direct admission."""
    svc, director, worker = org
    unit = svc.units.add(director, UnitKind.SUPPORTED_LIVING, "Бөлімше", 6)
    for _i in range(4):
        admit(svc, worker, 30)
    for _i in range(5):
        admit(svc, worker, 30, unit_id=unit.id)
    row = svc.queue.register(worker, person(), dt.datetime.combine(days_ago(40), dt.time(10)), QueueSource.PAPER)
    svc.queue.offer_place(worker, row.application_id, days_ago(3))
    assert refused(svc, admit, svc, worker, 2, unit_id=unit.id).field == "capacity"
    mv = svc.movements.admit_from_queue(worker, row.application_id, days_ago(1), order(days_ago(1)),
                                        admission_ground=AdmissionGround.CANNOT_SELF_CARE,
                                        category=RecipientCategory.DISABLED_GROUP_1_2, unit_id=unit.id)
    assert svc.units.unit_of(mv.resident_id) == unit.id and svc.queries.occupancy().vacant == 0


def test_r33_pension_age_is_refused_below_the_pension_age_on_the_admission_date(org):
    """The audit's case: a 40-year-old admitted as "elderly, pension age". Refused under the ground, nothing
    changed, through admit_direct, admit_from_queue and readmit alike; at the age (a woman at 61) accepted."""
    from app.domain.enums import Sex

    svc, director, worker = org
    serve(svc, director, RecipientCategory.ELDERLY, RecipientCategory.DISABLED_GROUP_1_2)
    day = days_ago(10)
    forty = dt.date(day.year - 40, 1, 1)
    err = refused(svc, svc.movements.admit_direct, worker, person(birth=forty, category=RecipientCategory.ELDERLY),
                  day, order(day), admission_ground=AdmissionGround.PENSION_AGE)
    assert err.field == "admission_ground" and "40" in err.render("ru")
    row = svc.queue.register(worker, person(birth=forty), dt.datetime.combine(days_ago(40), dt.time(10)))
    svc.queue.offer_place(worker, row.application_id, days_ago(30))
    err = refused(svc, svc.movements.admit_from_queue, worker, row.application_id, day, order(day),
                  admission_ground=AdmissionGround.PENSION_AGE, category=RecipientCategory.ELDERLY)
    assert err.field == "admission_ground"
    mv = svc.movements.admit_from_queue(worker, row.application_id, day, order(day),
                                        admission_ground=AdmissionGround.CANNOT_SELF_CARE,
                                        category=RecipientCategory.ELDERLY)
    svc.movements.discharge(worker, mv.resident_id, days_ago(5), order(days_ago(5)), DischargeReason.OWN_REQUEST)
    err = refused(svc, svc.movements.readmit, worker, mv.resident_id, days_ago(2), order(days_ago(2)),
                  admission_ground=AdmissionGround.PENSION_AGE)
    assert err.field == "admission_ground"
    woman = person(birth=dt.date(day.year - 61, 1, 1), sex=Sex.FEMALE, category=RecipientCategory.ELDERLY)
    assert svc.movements.admit_direct(worker, woman, day, order(day),
                                      admission_ground=AdmissionGround.PENSION_AGE).admission_ground \
        == AdmissionGround.PENSION_AGE
