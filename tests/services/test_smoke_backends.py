import datetime as dt

from app.domain.admission import AdmissionGround
from app.domain.enums import RecipientCategory, Sex
from app.domain.identity import make_iin
from app.services import OrderRef, PersonInput


def test_admission_is_stored_and_read_back(org):
    svc, director, worker = org
    day = dt.date.today() - dt.timedelta(days=3)
    mv = svc.movements.admit_direct(worker, PersonInput("Ахметов", "Асқар", iin=make_iin(dt.date(1950, 5, 6), Sex.MALE, 1),
                                                        category=RecipientCategory.ELDERLY),
                                    day, OrderRef("1-ж", day), admission_ground=AdmissionGround.PENSION_AGE)
    r = svc.residents.get(mv.resident_id)
    assert r.birth_date == dt.date(1950, 5, 6) and r.sex == Sex.MALE
    assert svc.queries.occupancy().present == 1


def test_organisation_profile_round_trip_and_only_the_director_changes_it(org):
    import pytest

    from app.domain.enums import RecipientCategory
    from app.domain.errors import PermissionDenied
    from app.domain.identity import make_bin

    svc, director, worker = org
    view = svc.organisation.get()
    view.phone, view.licence_issued_on = "+7 7172 000000", dt.date(2020, 1, 2)
    view.categories, view.bin = [RecipientCategory.ELDERLY], make_bin(2010, 5, 77)
    with pytest.raises(PermissionDenied):
        svc.organisation.update(worker, view, view.version)
    saved = svc.organisation.update(director, view, view.version)
    assert saved.phone == "+7 7172 000000" and saved.licence_issued_on == dt.date(2020, 1, 2)
    assert saved.categories == [RecipientCategory.ELDERLY] and saved.version == view.version + 1
    from app.domain.deadlines import RuleSource, SourceKind

    svc.organisation.set_deadline_rules(director, RuleSource(SourceKind.ORDER, "12", dt.date(2026, 11, 2)),
                                        plan_draw_up_calendar_days=3)
    assert svc.organisation.deadline_rules().plan_draw_up_calendar_days == 3
    svc.organisation.set_holiday_override(director, dt.date(2026, 12, 18), False, "decree")
    assert [(h.day, h.working) for h in svc.organisation.holiday_overrides()] == [(dt.date(2026, 12, 18), False)]
    with pytest.raises(PermissionDenied):
        svc.organisation.set_deadline_rules(worker, RuleSource(SourceKind.ORDER, "13", dt.date(2026, 11, 3)),
                                            plan_draw_up_calendar_days=4)
