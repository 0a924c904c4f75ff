"""R-26, R-33 (category and ground of admission) and R-27, R-36 (units), values from Order 308 (seed 003)."""

import datetime as dt

import pytest

from app.domain.admission import AdmissionGround, check_admission_ground, check_category_served
from app.domain.enums import OrgType, RecipientCategory
from app.domain.errors import DomainError
from app.domain.units import (
    UnitKind,
    UnitOccupancy,
    UnitRow,
    check_profile_keeps_units,
    check_unit,
    check_unit_vacancy,
    check_units_fit,
    occupancy_by_unit,
    total_vacancy,
)

SERVED = [RecipientCategory.ELDERLY, RecipientCategory.DISABLED_GROUP_1_2]
DAY = dt.date(2026, 12, 1)


def refused(fn, *args) -> DomainError:
    with pytest.raises(DomainError) as exc:
        fn(*args)
    assert exc.value.render("kk") != exc.value.render("ru")
    return exc.value


def test_r26_the_nine_categories_of_item_2_and_001():
    assert len(RecipientCategory) == 9


def test_r33_a_category_the_organisation_does_not_serve_is_refused():
    check_category_served(SERVED, RecipientCategory.ELDERLY)
    err = refused(check_category_served, SERVED, RecipientCategory.CHILD_PSYCHONEURO)
    assert err.field == "category"
    assert "Organisation" in err.render("en") or err.render("ru")


def test_r33_no_category_or_no_categories_ticked_is_refused():
    assert refused(check_category_served, SERVED, None).field == "category"
    assert refused(check_category_served, [], RecipientCategory.ELDERLY).field == "category"


def test_r33_a_ground_is_required():
    err = refused(check_admission_ground, SERVED, RecipientCategory.ELDERLY, None, None, DAY)
    assert err.field == "admission_ground"


def test_r33_pension_age_is_a_ground_for_the_elderly_only():
    check_admission_ground(SERVED, RecipientCategory.ELDERLY, AdmissionGround.PENSION_AGE, dt.date(1950, 1, 1), DAY)
    err = refused(check_admission_ground, SERVED, RecipientCategory.DISABLED_GROUP_1_2, AdmissionGround.PENSION_AGE,
                  None, DAY)
    assert err.field == "admission_ground"


def test_r33_children_with_musculoskeletal_disorders_from_one_and_a_half_years():
    """003 item 13 2): "бір жарым жастан ТҚА бұзылған балалар" — 18 months accepted, 17 refused."""
    served = [RecipientCategory.CHILD_MUSCULOSKELETAL]
    ground = AdmissionGround.CHILD_MUSCULOSKELETAL
    check_admission_ground(served, RecipientCategory.CHILD_MUSCULOSKELETAL, ground, dt.date(2025, 6, 1), DAY)
    err = refused(check_admission_ground, served, RecipientCategory.CHILD_MUSCULOSKELETAL, ground,
                  dt.date(2025, 6, 2), DAY)
    assert err.field == "admission_ground" and "17" in err.render("ru")
    # the seed sets the age for semi-stationary organisations (item 13 2)); a stationary one is not held to it
    check_admission_ground(served, RecipientCategory.CHILD_MUSCULOSKELETAL, ground, dt.date(2025, 6, 2), DAY,
                           OrgType.STATIONARY)
    assert refused(check_admission_ground, SERVED + served, RecipientCategory.ELDERLY, ground, None,
                   DAY).field == "admission_ground"


def test_r33_every_ground_has_a_kazakh_and_russian_label():
    for g in AdmissionGround:
        assert g.text("kk") != g.msgid and g.text("ru") != g.msgid


def test_r36_supported_living_unit_has_6_to_30_places():
    """003 item 5: "жоба қуаты 6-дан 30-ға дейінгі орындары бар" — 6 and 30 accepted, 5 and 31 refused."""
    for places in (6, 30):
        check_unit(OrgType.STATIONARY, UnitKind.SUPPORTED_LIVING, "Бөлімше", places)
    for places in (5, 31):
        err = refused(check_unit, OrgType.STATIONARY, UnitKind.SUPPORTED_LIVING, "Бөлімше", places)
        assert err.field == "places" and "6" in err.render("kk") and "30" in err.render("ru")


def test_r36_palliative_ward_has_no_6_to_30_limit():
    check_unit(OrgType.STATIONARY, UnitKind.PALLIATIVE, "Паллиатив палатасы", 4)
    assert refused(check_unit, OrgType.STATIONARY, UnitKind.PALLIATIVE, "Палата", 0).field == "places"
    assert refused(check_unit, OrgType.STATIONARY, UnitKind.PALLIATIVE, " ", 4).field == "unit_name"


def test_r27_only_a_stationary_organisation_has_units():
    for org_type in (OrgType.SEMI_STATIONARY, OrgType.HOME_CARE, OrgType.TEMPORARY_STAY):
        assert refused(check_unit, org_type, UnitKind.PALLIATIVE, "Палата", 4).field == "unit_kind"
    assert refused(check_profile_keeps_units, OrgType.HOME_CARE, 50, [10]).field == "org_type"
    check_profile_keeps_units(OrgType.HOME_CARE, 50, [])


def test_r36_unit_places_count_within_the_capacity():
    check_units_fit(50, [30, 20])
    assert refused(check_units_fit, 50, [30, 21]).field == "places"
    assert refused(check_profile_keeps_units, OrgType.STATIONARY, 35, [30, 6]).field == "capacity"


def test_r36_occupancy_per_unit_and_main_part():
    units = [UnitRow(1, "Бөлімше", UnitKind.SUPPORTED_LIVING, 6), UnitRow(2, "Палата", UnitKind.PALLIATIVE, 4)]
    rows = occupancy_by_unit(50, units, {1: (5, 1), None: (30, 2)})
    assert [(r.unit_id, r.places, r.occupied, r.vacant) for r in rows] == [
        (1, 6, 6, 0), (2, 4, 0, 4), (None, 40, 32, 8)]
    assert sum(r.places for r in rows) == 50 and total_vacancy(rows, 0) == 50 - 38 and total_vacancy(rows, 2) == 50 - 38 - 2
    overfull = occupancy_by_unit(20, units, {None: (12, 0)})  # main part of 10 places holds 12
    assert [r.vacant for r in overfull] == [6, 4, 0] and total_vacancy(overfull, 0) == 20 - 12
    assert refused(check_unit_vacancy, rows[0]).field == "unit"
    check_unit_vacancy(rows[1])
    check_unit_vacancy(UnitOccupancy(None, None, None, 1, 0, 0))


def test_r33_pension_age_only_from_the_pension_age_on_the_admission_date_by_sex():
    """003 item 13 4): the elderly "who reached the pension age set by the Law on pension provision"; the seeds
    do not state it, the law does (app.domain.admission.PENSION_AGE_MONTHS): men 63, women 61 until 2028."""
    from app.domain.admission import pension_age_months
    from app.domain.enums import Sex

    ground, elderly = AdmissionGround.PENSION_AGE, RecipientCategory.ELDERLY
    err = refused(check_admission_ground, SERVED, elderly, ground, dt.date(1986, 1, 1), DAY, OrgType.STATIONARY, Sex.MALE)
    assert err.field == "admission_ground" and "40" in err.render("ru") and "63" in err.render("ru")
    assert err.render("kk") != err.render("ru")
    # a man the day before and on his 63rd birthday
    assert refused(check_admission_ground, SERVED, elderly, ground, dt.date(1963, 12, 2), DAY,
                   OrgType.STATIONARY, Sex.MALE).field == "admission_ground"
    check_admission_ground(SERVED, elderly, ground, dt.date(1963, 12, 1), DAY, OrgType.STATIONARY, Sex.MALE)
    # a woman at 61 (frozen until 1 January 2028), not at 60
    check_admission_ground(SERVED, elderly, ground, dt.date(1965, 12, 1), DAY, OrgType.STATIONARY, Sex.FEMALE)
    assert refused(check_admission_ground, SERVED, elderly, ground, dt.date(1965, 12, 2), DAY,
                   OrgType.STATIONARY, Sex.FEMALE).field == "admission_ground"
    assert (pension_age_months(Sex.FEMALE, dt.date(2027, 12, 31)), pension_age_months(Sex.FEMALE, dt.date(2028, 1, 1)),
            pension_age_months(Sex.FEMALE, dt.date(2031, 1, 1))) == (61 * 12, 61 * 12 + 6, 63 * 12)
    # 62 with the sex unknown: it decides, so it is asked for; with no birth date the age cannot be judged
    err = refused(check_admission_ground, SERVED, elderly, ground, dt.date(1964, 6, 1), DAY)
    assert err.field == "sex" and "61" in err.render("ru") and "63" in err.render("kk")
    assert refused(check_admission_ground, SERVED, elderly, ground, None, DAY).field == "birth_date"
    # half years are written as the language writes numbers
    err = refused(check_admission_ground, SERVED, elderly, ground, dt.date(1967, 1, 1), dt.date(2028, 6, 1),
                  OrgType.STATIONARY, Sex.FEMALE)
    assert "61,5" in err.render("ru") and "61,5" in err.render("kk")
    # another ground for the same 40-year-old: accepted
    check_admission_ground(SERVED, elderly, AdmissionGround.CANNOT_SELF_CARE, dt.date(1986, 1, 1), DAY, OrgType.STATIONARY, Sex.MALE)
