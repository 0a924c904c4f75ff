"""A realistic demo institution, built through the same services staff use.

Kazakh and Russian names, valid IINs, a year of movements, a queue, plans in every
state, quarterly monitoring, and some deadlines overdue — deterministic for a seed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, inspect, select

from app.db.models import Organisation, Resident
from app.domain.admission import AdmissionGround, check_pension_age
from app.domain.catalog import BUILTIN_ACTIVITIES
from app.domain.checklist import MovementDocKind
from app.domain.deadlines import add_months, suggested_end
from app.domain.enums import (
    ActivityTerm,
    ChangeMark,
    DischargeReason,
    DocumentKind,
    OrgType,
    OutOfTurnGround,
    QueueSource,
    RecipientCategory,
    ResidentStatus,
    Role,
    ServiceKind,
    Sex,
)
from app.domain.errors import DomainError
from app.domain.identity import birth_and_sex, make_bin, make_iin
from app.domain.queue import OutOfTurn
from app.i18n import M
from app.services import (
    ActivityInput,
    Actor,
    MonitoringRowInput,
    OrderRef,
    OrganisationInput,
    PersonInput,
    PlanInput,
    Services,
)
from app.services.movements import MovementDoc

KK_MALE = ["Ахметов", "Жұмабеков", "Қасымов", "Төлеуов", "Серікбаев", "Нұрланов", "Бекболатов", "Әбдірахманов",
           "Сейітқалиев", "Оспанов", "Мұратов", "Есенов", "Қайратов", "Тұрсынов", "Ерғалиев", "Сәрсенбаев"]
RU_MALE = ["Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Васильев", "Соколов", "Морозов", "Волков", "Ким"]
KK_FIRST_M = ["Асқар", "Бауыржан", "Ерлан", "Қанат", "Нұрлан", "Серік", "Талғат", "Жандос", "Мұхтар", "Әділ"]
KK_FIRST_F = ["Айгүл", "Гүлнар", "Жанар", "Қарлығаш", "Сәуле", "Күләш", "Бибігүл", "Роза", "Ләззат", "Әсел"]
RU_FIRST_M = ["Иван", "Николай", "Владимир", "Сергей", "Виктор", "Анатолий", "Геннадий"]
RU_FIRST_F = ["Мария", "Валентина", "Галина", "Людмила", "Нина", "Татьяна", "Зинаида"]
KK_FATHERS = ["Серік", "Қанат", "Ержан", "Болат", "Мұрат", "Жақсылық", "Тұрар", "Әлібек"]
RU_PATRONYMICS = [("Иванович", "Ивановна"), ("Петрович", "Петровна"), ("Николаевич", "Николаевна"),
                  ("Фёдорович", "Фёдоровна"), ("Степанович", "Степановна"), ("Алексеевич", "Алексеевна")]
DIAGNOSES = ["Артериялық гипертензия II дәрежесі", "Қант диабеті, 2 тип", "Ишемиялық инсульттен кейінгі жағдай",
             "Деменция, орташа дәрежесі", "Остеоартроз", "Созылмалы жүрек жеткіліксіздігі",
             "Болезнь Паркинсона", "Хроническая обструктивная болезнь лёгких"]
PLACES = ["Ақмола облысы, Целиноград ауданы", "Астана қаласы", "Қарағанды облысы, Теміртау қаласы",
          "Павлодар облысы, Екібастұз қаласы", "Қостанай облысы, Рудный қаласы", "Солтүстік Қазақстан облысы, Есіл ауданы"]

DEMO_DIRECTOR = ("director", "director1")
DEMO_SOCIAL = ("social", "social12")


@dataclass(frozen=True)
class DemoSummary:
    residents: int
    present: int
    temporarily_absent: int
    discharged: int
    queue: int
    plans: int
    monitoring: int
    users: tuple[tuple[str, str, str], ...]


def _person(rng: random.Random, today: dt.date, serial: int, queue: bool = False) -> PersonInput:
    sex = rng.choice([Sex.MALE, Sex.FEMALE])
    kazakh = rng.random() < 0.7
    last = rng.choice(KK_MALE if kazakh else RU_MALE)
    if sex == Sex.FEMALE:
        last = last + "а" if last.endswith(("ов", "ев", "ин")) else last
    if kazakh:
        first = rng.choice(KK_FIRST_M if sex == Sex.MALE else KK_FIRST_F)
        middle = rng.choice(KK_FATHERS) + ("ұлы" if sex == Sex.MALE else "қызы")
    else:
        first = rng.choice(RU_FIRST_M if sex == Sex.MALE else RU_FIRST_F)
        middle = rng.choice(RU_PATRONYMICS)[0 if sex == Sex.MALE else 1]
    age = rng.randint(60, 92)
    birth = dt.date(today.year - age, rng.randint(1, 12), rng.randint(1, 28))
    no_docs = rng.random() < 0.02
    return PersonInput(
        last_name=last, first_name=first, middle_name=middle,
        iin=None if no_docs else make_iin(birth, sex, serial * 7 % 10000),
        iin_missing_reason="Құжаттары жоқ, қалпына келтірілуде" if no_docs else None,
        birth_date=birth if no_docs else None, sex=sex if no_docs else None,
        nationality="қазақ" if kazakh else "орыс", diagnosis=rng.choice(DIAGNOSES),
        address=f"{rng.choice(PLACES)}, {rng.randint(1, 120)}-үй",
        phone=f"+7 70{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        social_status="зейнеткер" if rng.random() < 0.8 else "мүгедектігі бар адам",
        came_from=rng.choice(PLACES),
        category=(RecipientCategory.ELDERLY if rng.random() < 0.7 else RecipientCategory.DISABLED_GROUP_1_2),
        disability_group=rng.choice([None, 1, 2]),
        ipr_until=today + dt.timedelta(days=rng.randint(-30, 700)) if queue or rng.random() < 0.5 else None,
        room=None if queue else str(100 + rng.randint(1, 60)),
    )


#: R-33: the grounds a person with a disability of group 1 or 2 is admitted on, in turn
_DISABILITY_GROUNDS = (AdmissionGround.CANNOT_SELF_CARE, AdmissionGround.NO_OBLIGED_RELATIVES,
                       AdmissionGround.RELATIVES_CANNOT_CARE)


def _ground(category: RecipientCategory | str | None, serial: int, birth: dt.date | None = None,
            sex: Sex | str | None = None, day: dt.date | None = None) -> AdmissionGround:
    """R-33: the ground recorded at admission — pension age for an elderly person who has reached it on the
    admission ``day`` (the person's ``birth`` and ``sex``), unable to care for themselves for a younger one; for
    a person with a disability one of the grounds of Order 308 item 6 4) (no random draw: the demo stays as it
    was)."""
    if category is not None and RecipientCategory(category) == RecipientCategory.ELDERLY:
        if birth is None or sex is None or day is None:
            return AdmissionGround.PENSION_AGE
        try:
            check_pension_age(birth, sex, day)
            return AdmissionGround.PENSION_AGE
        except DomainError:
            return AdmissionGround.CANNOT_SELF_CARE
    return _DISABILITY_GROUNDS[serial % len(_DISABILITY_GROUNDS)]


def _admit(svc: Services, worker: Actor, person: PersonInput, day: dt.date, order: OrderRef, serial: int):
    from_iin = birth_and_sex(person.iin[:7]) if person.iin else None
    birth, sex = from_iin if from_iin is not None else (person.birth_date, person.sex)
    return svc.movements.admit_direct(worker, person, day, order,
                                      admission_ground=_ground(person.category, serial, birth, sex, day))


def _receiving(place: str) -> str:
    """R-12: the organisation of the same type that receives a transferred person, named after its place."""
    where = place.split(",")[-1].strip()
    return f"«{where}» медициналық-әлеуметтік мекемесі КММ"


def is_demo_or_empty(svc: Services) -> bool:
    engine = svc.sessions.kw["bind"]
    if "organisation" not in inspect(engine).get_table_names():
        return True
    with svc.sessions() as s:
        org = s.scalar(select(Organisation).limit(1))
        if org is None:
            return s.scalar(select(func.count(Resident.id))) == 0
        return org.is_demo


def wipe(svc: Services) -> None:
    """Drop every table and build the schema anew (demo rebuild). The audit log refuses DELETE (it is
    append-only in the database), so the tables go whole rather than row by row."""
    from sqlalchemy import text

    from app.db.engine import upgrade
    from app.db.models import Base

    engine = svc.sessions.kw["bind"]
    Base.metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    upgrade(engine)


def _demo_staffing(svc: Services, director: Actor) -> None:
    """R-29: a staffing profile and a staff list with a shortfall and an excess to see (issue 13 point 3)."""
    from app.services.staffing import ProfileInput

    svc.staffing.save_profile(director, ProfileInput(nurse_posts=1, orderly_posts=1, vehicles=2))
    for no, fte in [(1, 1), (3, 1), (6, 1), (8, 1), (10, 1), (13, 1), (20, 4), (21, 1), (33, 1.5), (33, 1),
                    (36, 4.5), (40, 2), (41, 1), (47, 1.5), (49, 2), (51, 1), (55, 1), (62, 1), (63, 5.25),
                    (66, 1.5), (75, 1), (78, 0.5)]:
        svc.staffing.add_row(director, no, fte)


def build_demo(svc: Services, residents: int = 60, seed: int = 1, today: dt.date | None = None,
               progress: Callable[[int, int], None] | None = None) -> DemoSummary:
    """Fill an empty database with a demo institution of ``residents`` people served."""
    if residents < 1:
        raise DomainError(M("The number of residents must be 1 or more."), "capacity")
    rng = random.Random(seed)
    today = today or dt.date.today()
    capacity = residents + max(2, residents // 20)
    system = Actor("demo", Role.ADMIN, "Demo")
    svc.organisation.register(system, OrganisationInput(
        name_kk="«Ақниет» қарттар мен мүгедектігі бар адамдарға арналған медициналық-әлеуметтік мекемесі КММ",
        name_ru="КГУ «Медико-социальное учреждение для престарелых и лиц с инвалидностью «Акниет»",
        org_type=OrgType.STATIONARY, capacity=capacity, bin=make_bin(2009, 4, seed * 131),
        legal_address="Ақмола облысы, Целиноград ауданы, Қосшы ауылы, Абай көшесі, 12",
        director_name="Сәрсенбаева Гүлнар Серікқызы", location="Қосшы ауылы",
        categories=[RecipientCategory.ELDERLY, RecipientCategory.DISABLED_GROUP_1_2],
        phone="+7 7172 55 12 34", email="akniet@example.kz", licence_number="KZ12LAA00012345",
        licence_issued_on=dt.date(2019, 3, 1), registered_on=dt.date(2019, 3, 15),
        # R-28: the licence runs out in eleven days (in the deadlines' "in 14 days"), the contract in half a year
        licence_valid_until=today + dt.timedelta(days=11), contract_signed_on=today - dt.timedelta(days=165),
        contract_valid_until=today + dt.timedelta(days=200), is_demo=True))
    director = svc.people.create_user(None, DEMO_DIRECTOR[0], "Сәрсенбаева Гүлнар Серікқызы", Role.DIRECTOR,
                                      DEMO_DIRECTOR[1])
    worker = svc.people.create_user(director, DEMO_SOCIAL[0], "Оспанова Айгүл Болатқызы", Role.SOCIAL_WORKER,
                                    DEMO_SOCIAL[1])
    for name, pos, role in [("Оспанова Айгүл Болатқызы", "Әлеуметтік жұмыс жөніндегі маман", Role.SOCIAL_WORKER),
                            ("Ким Татьяна Николаевна", "Психолог", Role.PSYCHOLOGIST),
                            ("Жұмабеков Ерлан Қанатұлы", "Дәрігер-терапевт", Role.MEDICAL),
                            ("Петрова Нина Ивановна", "Мейірбике", Role.MEDICAL),
                            ("Есенов Талғат Мұратұлы", "Нұсқаушы-еңбек терапевті", Role.SPECIALIST)]:
        svc.people.add_staff(director, name, pos, role)
    _demo_staffing(svc, director)
    specialists = {ServiceKind.SOCIAL_MEDICAL: "Жұмабеков Е. Қ.", ServiceKind.SOCIAL_PSYCHOLOGICAL: "Ким Т. Н.",
                   ServiceKind.SOCIAL_LABOUR: "Есенов Т. М."}
    order_no = [0]

    def order(day: dt.date) -> OrderRef:
        order_no[0] += 1
        return OrderRef(f"{order_no[0]}-ж", day)

    year_ago = today - dt.timedelta(days=365)
    admitted: list[tuple[int, dt.date]] = []
    leavers = residents // 6
    total = residents + leavers
    serial = iter(range(1, 10 ** 6))
    for i in range(residents):
        if progress:
            progress(i, total)
        # a third were there before the year started; the rest arrived during its first half
        start = year_ago - dt.timedelta(days=rng.randint(30, 900)) if rng.random() < 0.35 else \
            year_ago + dt.timedelta(days=rng.randint(0, 150))
        n = next(serial)
        mv = _admit(svc, worker, _person(rng, today, n), start, order(start), n)
        admitted.append((mv.resident_id, start))
    # during the year some leave (discharge or transfer) and the place goes to someone new
    leaving = rng.sample(admitted, leavers)
    leaving_ids = {rid for rid, _ in leaving}
    died: set[int] = set()  # never readmitted
    for k, (rid, start) in enumerate(leaving):
        if progress:
            progress(residents + k, total)
        day = min(max(start, year_ago) + dt.timedelta(days=rng.randint(10, 150)), today - dt.timedelta(days=40))
        if k % 5 == 0:
            place = rng.choice(PLACES)
            svc.movements.transfer(worker, rid, day, order(day), place, _receiving(place),
                                   document=MovementDoc(MovementDocKind.TRANSFER_ACT, day, f"{k + 1}-ҚТА"))
        else:
            reason = rng.choice(list(DischargeReason))
            if reason == DischargeReason.DEATH:
                died.add(rid)
            # the document proving the termination (checklist item 4): a death certificate or an application
            doc = MovementDoc(MovementDocKind.DEATH, day, f"АЖ-{k + 1}") if reason == DischargeReason.DEATH \
                else MovementDoc(MovementDocKind.APPLICATION, day - dt.timedelta(days=1))
            svc.movements.discharge(worker, rid, day, order(day), reason,
                                    "Туыстарының өтініші бойынша" if reason == DischargeReason.OTHER else None,
                                    document=doc)
        newcomer = day + dt.timedelta(days=rng.randint(2, 30))
        n = next(serial)
        mv = _admit(svc, worker, _person(rng, today, n), newcomer, order(newcomer), n)
        admitted.append((mv.resident_id, newcomer))
    staying = [(rid, start) for rid, start in admitted if rid not in leaving_ids]
    for rid, start in rng.sample(staying, max(1, len(staying) // 6)):
        out = max(start, today - dt.timedelta(days=120)) + dt.timedelta(days=rng.randint(1, 60))
        svc.movements.temporary_departure(worker, rid, out, order(out), "Ауруханаға жатқызу",
                                          document=MovementDoc(MovementDocKind.MEDICAL, out))
        back = out + dt.timedelta(days=rng.randint(3, 20))
        if back < today - dt.timedelta(days=2) and rng.random() < 0.7:
            svc.movements.return_(worker, rid, back, order(back))
    # a readmission
    gone = [rid for rid, _ in leaving if rid not in died and svc.residents.get(rid).status == ResidentStatus.DISCHARGED]
    if gone and svc.queries.occupancy().vacant > 1:
        back = today - dt.timedelta(days=rng.randint(20, 39))
        who = svc.residents.get(gone[0])
        svc.movements.readmit(worker, gone[0], back, order(back),
                              admission_ground=_ground(who.category, gone[0], who.birth_date, who.sex, back))
        staying.append((gone[0], back))
    # case file documents
    for rid, start in staying:
        cf = svc.casefiles.get_for(rid)
        assert cf is not None  # opened on admission
        for doc_kind, title, sheets in [(DocumentKind.IDENTITY, "Жеке куәлік", 1),
                                        (DocumentKind.PENSION_CERTIFICATE, "Зейнеткерлік куәлік", 1),
                                        (DocumentKind.MEDICAL_RECORD, "Медициналық карта (№ 026/е)", rng.randint(2, 9))]:
            original = doc_kind == DocumentKind.IDENTITY and rng.random() < 0.5
            svc.casefiles.add_document(worker, cf.id, doc_kind, title, start, sheets, original,
                                       start if original else None)
    # plans and monitoring
    plans = monitoring = 0
    catalog: dict[ServiceKind, list[tuple[str, str]]] = {}
    for kind, kk, ru, _n in BUILTIN_ACTIVITIES:
        catalog.setdefault(kind, []).append((kk, ru))  # issue 9 point 23: picked with both titles
    for idx, (rid, start) in enumerate(staying):
        r = svc.residents.get(rid)
        if r.status not in (ResidentStatus.PRESENT, ResidentStatus.TEMPORARILY_ABSENT):
            continue
        fate = idx % 10
        if fate == 0 and (today - start).days > 5:
            continue  # no plan yet: overdue draw-up deadline
        # a plan, its steps and its monitorings are dated today at the latest: nothing is recorded ahead
        period_start = min(max(start + dt.timedelta(days=rng.randint(1, 4)), add_months(today, -11)), today)
        drawn = period_start
        period_end = add_months(period_start, 12) - dt.timedelta(days=1)
        acts = []
        for kind in ServiceKind:
            titles = catalog.get(kind, [])
            for title, title_ru in rng.sample(titles, min(len(titles), rng.randint(1, 2))):
                term = rng.choice(list(ActivityTerm))
                # picked from the catalogue, as the plan editor does: the title in both languages
                acts.append(ActivityInput(kind, title, term, period_start, suggested_end(period_start, term),
                                          specialists.get(kind, "Оспанова А. Б."), drawn, title_kk=title,
                                          title_ru=title_ru))
        plan = svc.plans.create(worker, rid, PlanInput(
            drawn_up_on=drawn, period_start=period_start, period_end=period_end,
            observation_start=start, observation_end=drawn, revision_date=add_months(period_start, 6),
            activities=acts, signatures={"social_worker": "Оспанова А. Б.", "psychologist": "Ким Т. Н.",
                                         "medical": "Жұмабеков Е. Қ."},
            # signed the day the plan was drawn up, not the day the demo is built
            signature_dates={"social_worker": drawn, "psychologist": drawn, "medical": drawn}))
        plans += 1
        if fate == 1:
            continue  # draft
        plan = svc.plans.complete(worker, plan.id, min(drawn + dt.timedelta(days=1), today))
        if fate == 2:
            continue  # awaiting the director's approval
        plan = svc.plans.approve(director, plan.id, min(drawn + dt.timedelta(days=2), today))
        q = 1
        while True:
            mdate = add_months(period_start, 3 * q) - dt.timedelta(days=rng.randint(3, 10))
            if mdate >= today or (fate == 3 and q >= 2):
                break  # fate 3: a quarter left without monitoring
            rows = []
            for kind in ServiceKind:
                mark = rng.choice([ChangeMark.POSITIVE, ChangeMark.POSITIVE, ChangeMark.NO_CHANGE])
                rows.append(MonitoringRowInput(
                    kind, mark,
                    positive_text="Өзіне-өзі қызмет көрсету дағдылары жақсарды" if mark == ChangeMark.POSITIVE else None,
                    no_change_reason="Жасына байланысты жағдайы тұрақты" if mark != ChangeMark.POSITIVE else None))
            svc.plans.record_monitoring(worker, plan.id, mdate, "Оспанова А. Б.", rows,
                                        recorded_on=min(mdate + dt.timedelta(days=rng.choice([0, 1, 1, 3])), today))
            monitoring += 1
            q += 1
    # the queue: capacity is nearly full, people wait
    occ = svc.queries.occupancy()
    waiting = max(6, residents // 8)
    apps = []
    for i in range(waiting):
        received = dt.datetime.combine(today - dt.timedelta(days=rng.randint(5, 300)),
                                       dt.time(rng.randint(9, 17), rng.randint(0, 59)))
        row = svc.queue.register(worker, _person(rng, today, 5000 + i, queue=True), received,
                                 QueueSource.PORTAL if i % 3 else QueueSource.PAPER,
                                 portal_number=f"SOC-{today.year}-{10000 + i}" if i % 3 else None)
        apps.append(row)
    # an orphan who turned 18 in a children's home, admitted out of turn
    received = dt.datetime.combine(today - dt.timedelta(days=12), dt.time(11, 15))
    born = received.date().replace(day=10) - dt.timedelta(days=18 * 366)  # 18 when the application came
    orphan = PersonInput("Мұратов", "Әділ", "Серікұлы", iin=make_iin(born, Sex.MALE, 4242),
                         address="Ақмола облысы, Көкшетау қаласы, балалар үйі", category=RecipientCategory.ADULT_PSYCHONEURO,
                         disability_group=2, ipr_until=today + dt.timedelta(days=365))
    svc.queue.register(worker, orphan, received, QueueSource.PORTAL, portal_number=f"SOC-{today.year}-09999",
                       out_of_turn=OutOfTurn(OutOfTurnGround.ORPHAN, "Көкшетау балалар үйі",
                                             "Балалар үйінде 18 жасқа толды",
                                             left_on=today + dt.timedelta(days=20)))  # still lives there
    if len(apps) > 2:
        a = apps[1]
        svc.queue.record_recertification(worker, a.application_id, today - dt.timedelta(days=3),
                                         today + dt.timedelta(days=365),
                                         new_received_at=dt.datetime.combine(today - dt.timedelta(days=3), dt.time(10)))
    if occ.vacant > 0:
        first = svc.queue.rows()[0]
        svc.queue.offer_place(worker, first.application_id, today - dt.timedelta(days=4))
    if progress:
        progress(total, total)
    occ = svc.queries.occupancy()
    discharged = len(leaving)
    return DemoSummary(total, occ.present, occ.temporarily_absent, discharged, len(svc.queue.rows()), plans,
                       monitoring, ((DEMO_DIRECTOR[0], DEMO_DIRECTOR[1], Role.DIRECTOR.value),
                                    (DEMO_SOCIAL[0], DEMO_SOCIAL[1], Role.SOCIAL_WORKER.value)))
