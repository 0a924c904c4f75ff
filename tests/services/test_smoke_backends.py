import datetime as dt

from app.domain.enums import Sex
from app.domain.identity import make_iin
from app.services import OrderRef, PersonInput


def test_admission_is_stored_and_read_back(org):
    svc, director, worker = org
    day = dt.date.today() - dt.timedelta(days=3)
    mv = svc.movements.admit_direct(worker, PersonInput("Ахметов", "Асқар", iin=make_iin(dt.date(1950, 5, 6), Sex.MALE, 1)),
                                    day, OrderRef("1-ж", day))
    r = svc.residents.get(mv.resident_id)
    assert r.birth_date == dt.date(1950, 5, 6) and r.sex == Sex.MALE
    assert svc.queries.occupancy().present == 1
