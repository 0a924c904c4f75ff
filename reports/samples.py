"""Realistic, deterministic sample data for the form previews (docs/forms), the benchmark
(bench/bench_reports.py) and the renderer tests. Nothing here reads a database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from app.domain.enums import (
    ActivityTerm,
    ChangeMark,
    DischargeReason,
    DocumentKind,
    OrgType,
    QueueOutcome,
    QueuePriority,
    ResidentStatus,
    Role,
    ServiceKind,
    Sex,
)
from app.domain.identity import make_bin, make_iin
from reports.model import (
    Activity,
    Approval,
    CaseFile,
    InventoryItem,
    Journal,
    JournalRow,
    MonitoringJournal,
    MonitoringRow,
    MonitoringSession,
    OrderRef,
    Organisation,
    PersonalFolder,
    Plan,
    QueueEntry,
    QueueList,
    Recipient,
    Roster,
    RosterEntry,
    Signatory,
    TransferAct,
)

ORGANISATION = Organisation(
    name_kk="Алматы қаласы Әлеуметтік әл-ауқат басқармасының «Қарттар мен мүгедектігі бар адамдарға арналған "
            "медициналық-әлеуметтік мекемесі» КММ",
    name_ru="КГУ «Медико-социальное учреждение для престарелых и лиц с инвалидностью» Управления социального "
            "благосостояния города Алматы",
    org_type=OrgType.STATIONARY, director_name="Сәрсенбаева Гүлнәр Қайратқызы", bin=make_bin(2018, 2, 12345),
    address="Алматы қ., Жетісу ауданы, Райымбек даңғылы, 221")
HOME_CARE = replace(ORGANISATION, name_kk="«Шапағат» үйде қызмет көрсету орталығы ЖШС",
                    name_ru="ТОО «Центр надомного обслуживания «Шапағат»", org_type=OrgType.HOME_CARE)

RESIDENT = Recipient(
    full_name="Жұмабекова Әсел Ғабитқызы", birth_date=date(1948, 5, 12),
    diagnosis="Гипертониялық ауру, II дәреже; созылмалы цереброваскулярлық жеткіліксіздік",
    nationality="қазақ", admission_date=date(2026, 3, 2), arrived_from="Алматы облысы, Қонаев қаласы",
    social_status="зейнеткер, бірінші топтағы мүгедектігі бар адам",
    home_address="Алматы қ., Әуезов ауданы, Абай даңғылы, 150, 12-пәтер",
    iin=make_iin(date(1948, 5, 12), Sex.FEMALE, 127))
OTHER_RESIDENT = Recipient(
    full_name="Петренко Виктор Семёнович", birth_date=date(1941, 11, 3), diagnosis="Болезнь Паркинсона",
    nationality="украинец", admission_date=date(2025, 8, 14), arrived_from="г. Талдыкорган",
    social_status="пенсионер", home_address="г. Талдыкорган, ул. Жансугурова, 45",
    iin=make_iin(date(1941, 11, 3), Sex.MALE, 219))

_ACTIVITIES = {
    ServiceKind.SOCIAL_HOUSEHOLD: ("Жеке гигиенаны сақтауға көмектесу (жуыну, киіну, тамақтану)",
                                   "Төсек-орын жабдықтарын ауыстыру және бөлмені жинау"),
    ServiceKind.SOCIAL_MEDICAL: ("Артериялық қысымды күн сайын өлшеу", "Дәрігердің тағайындауы бойынша дәрі беру"),
    ServiceKind.SOCIAL_PSYCHOLOGICAL: ("Психологтың жеке кеңесі", "Әлеуметтік-психологиялық оңалту тренингі"),
    ServiceKind.SOCIAL_PEDAGOGICAL: ("Өзіне-өзі қызмет көрсету дағдыларына үйрету", "Кітап оқу және талқылау"),
    ServiceKind.SOCIAL_LABOUR: ("Еңбек терапиясы: бақша жұмыстары", "Қолөнер үйірмесіне қатысу"),
    ServiceKind.SOCIAL_CULTURAL: ("Мерекелік іс-шараларға қатысу", "Мұражай мен театрға бару"),
    ServiceKind.SOCIAL_ECONOMIC: ("Зейнетақы алуға көмектесу", "Жеке қаражатқа сатып алуды ұйымдастыру"),
    ServiceKind.SOCIAL_LEGAL: ("Жеке басын куәландыратын құжатты қалпына келтіруге көмектесу",
                               "Тегін заң кеңесін ұйымдастыру"),
}
_SPECIALISTS = ("Ахметова Айгүл Серікқызы", "Нұрланов Ерлан Маратұлы", "Ким Ольга Викторовна")
_TERM_DAYS = {ActivityTerm.WEEK: 6, ActivityTerm.MONTH: 30, ActivityTerm.QUARTER: 90}
_LONG = (" Іс-шара қызмет алушының жеке қажеттілігін бағалау нәтижелері мен мүгедектігі бар адамды абилитациялау "
         "мен оңалтудың жеке бағдарламасы негізінде өткізіледі; нәтижесі мониторинг журналына жазылады.")


def plan(person: Recipient = RESIDENT, *, per_kind: int = 2, long_texts: bool = False,
         organisation: Organisation = ORGANISATION) -> Plan:
    start = (person.admission_date or date(2026, 3, 2)) + timedelta(days=7)
    terms = tuple(ActivityTerm)
    activities = []
    for k, kind in enumerate(ServiceKind):
        for i in range(per_kind):
            term = terms[(k + i) % 3]
            first = start + timedelta(days=7 * i)
            name = _ACTIVITIES[kind][i % 2] + (f" ({i + 1})" if i >= 2 else "") + (_LONG if long_texts else "")
            activities.append(Activity(kind, name, term, first, first + timedelta(days=_TERM_DAYS[term]),
                                       _SPECIALISTS[(k + i) % 3], start))
    return Plan(organisation, person, observation_start=person.admission_date,
                observation_end=start - timedelta(days=1), period_start=start,
                period_end=start + timedelta(days=364), activities=tuple(activities),
                revision_date=start + timedelta(days=91), approval=Approval(organisation.director_name, start),
                signatories=(Signatory(Role.SOCIAL_WORKER, _SPECIALISTS[0], start),
                             Signatory(Role.PSYCHOLOGIST, _SPECIALISTS[1], start),
                             Signatory(Role.MEDICAL, _SPECIALISTS[2], start)))


def monitoring(person: Recipient = RESIDENT, *, sessions: int = 2) -> MonitoringJournal:
    p = plan(person)
    assert p.period_start is not None  # the sample plan has its period
    out = []
    for s in range(sessions):
        day = p.period_start + timedelta(days=91 * (s + 1))
        rows = tuple(MonitoringRow(
            kind, positive="Өзіне-өзі қызмет көрсету дағдылары жақсарды" if k % 3 != 1 else None,
            no_change="қызмет алушы іс-шараға сирек қатысады" if k % 3 == 1 else None,
            mark=(ChangeMark.NO_CHANGE if k % 3 == 1 else ChangeMark.POSITIVE),
            correction="Әлеуметтік-мәдени іс-шараларды қайта қарау" if k == 5 else None,
            monitored_on=day, specialist=_SPECIALISTS[0]) for k, kind in enumerate(ServiceKind))
        out.append(MonitoringSession(day, rows))
    # the observation period the monitorings cover: from the plan's start to the last monitoring
    return MonitoringJournal(p.organisation, person, p.period_start, p.period_end, p.period_start if out else None,
                             out[-1].held_on if out else None, tuple(out),
                             (Signatory(Role.SOCIAL_WORKER, _SPECIALISTS[0], out[-1].held_on if out else None),))


def case_file(person: Recipient = RESIDENT, *, transfer: bool = True) -> CaseFile:
    admitted = person.admission_date or date(2026, 3, 2)
    items = (InventoryItem(DocumentKind.IDENTITY, date(2019, 6, 4), 1, original=True, consent_on=admitted),
             InventoryItem(DocumentKind.DISABILITY_CERTIFICATE, date(2025, 12, 10), 1),
             InventoryItem(DocumentKind.PENSION_CERTIFICATE, date(2008, 5, 20), 1),
             InventoryItem(DocumentKind.IPR_EXTRACT, date(2025, 12, 10), 4),
             InventoryItem(DocumentKind.MEDICAL_RECORD, admitted, 12),
             InventoryItem("Қызмет алушының өтініші", admitted - timedelta(days=20), 1),
             InventoryItem(DocumentKind.DISCHARGE_ORDER, date(2026, 11, 20), 1))
    act = TransferAct("4", date(2026, 11, 23), "«Теміртау қаласының медициналық-әлеуметтік мекемесі» КММ",
                      OrderRef(date(2026, 11, 20), "212-ж"), "әлеуметтік жұмыс жөніндегі маман Ахметова А.С.",
                      "директордың орынбасары Омарова Д.Б.", destination="Қарағанды облысы, Теміртау қаласы")
    return CaseFile(ORGANISATION, "2026/017", "Алматы қаласы", person, sheets=sum(i.sheets or 0 for i in items),
                    signed_on=admitted, inventory=items, inventory_by="әлеуметтік жұмыс жөніндегі маман Ахметова А.С.",
                    transfer=act if transfer else None)


def folder(person: Recipient = RESIDENT) -> PersonalFolder:
    return PersonalFolder(case_file(person, transfer=False), plan(person), monitoring(person))


_SURNAMES = ("Жұмабеков", "Сейітқали", "Әбдірахманов", "Құрманғали", "Иванов", "Оспанов", "Ким", "Төлеген",
             "Бекмұхамбетов", "Ахметов", "Сергеев", "Нұрпейісов", "Қасымов", "Үмбетов", "Ғалымжанов", "Шевченко")
_FIRST = ("Әсет", "Ғалым", "Нұрлан", "Серік", "Иван", "Қайрат", "Виктор", "Ұлан", "Болат", "Өмірзақ",
          "Пётр", "Ерлан", "Жақсылық", "Һарун", "Ілияс", "Марат")
_PATRONYMIC = ("Қайратұлы", "Сәкенұлы", "Иванович", "Бауыржанұлы", "Өтегенұлы", "Петрович", "Ғаббасұлы", "Нұрланұлы")


def _name(i: int) -> str:
    return f"{_SURNAMES[i % 16]} {_FIRST[(i // 16) % 16]} {_PATRONYMIC[(i // 256) % 8]}"


def _born(i: int) -> date:
    return date(1935 + i % 40, 1 + i % 12, 1 + i % 28)


def journal(rows: int = 40) -> Journal:
    statuses = tuple(ResidentStatus)
    reasons = tuple(DischargeReason)
    out = []
    for i in range(rows):
        born = _born(i)
        admitted = date(2025, 1, 1) + timedelta(days=i % 600)
        status = statuses[i % 5]
        out.append(JournalRow(
            number=120 + i,  # R-09: the entries' own numbers (a period later in the journal)
            status=status, full_name=_name(i), birth_date=born, age=2026 - born.year, sex=Sex.MALE,
            address=f"Алматы қ., Төле би к-сі, {1 + i % 300}, {1 + i % 90}-пәтер", phone=f"+7 701 {i % 1000:03d} 45 67",
            ipr_term=date(2027, 1 + i % 12, 1) if i % 4 else "мерзімсіз",
            admission=OrderRef(admitted, f"{10 + i % 400}-ж") if status is not ResidentStatus.IN_QUEUE else None,
            returned=i % 17 == 3 and status is not ResidentStatus.IN_QUEUE,
            temporary_departure=OrderRef(admitted + timedelta(days=40), f"{20 + i % 300}-ж")
            if status is ResidentStatus.TEMPORARILY_ABSENT else None,
            discharge=OrderRef(admitted + timedelta(days=90), f"{30 + i % 300}-ж")
            if status is ResidentStatus.DISCHARGED else None,
            reason=reasons[i % 6] if status is ResidentStatus.DISCHARGED else None,
            transfer=OrderRef(admitted + timedelta(days=120), f"{40 + i % 300}-ж")
            if status is ResidentStatus.TRANSFERRED else None,
            destination="Қарағанды облысы, Теміртау қаласы" if status is ResidentStatus.TRANSFERRED else
            "Ақмола облысы, Көкшетау қаласы" if status is ResidentStatus.DISCHARGED and i % 2 else None,
            departure_reasons=("ауруханаға емделуге",) if status is ResidentStatus.TEMPORARILY_ABSENT else ()))
    return Journal(ORGANISATION, date(2025, 1, 1), None, tuple(out))


def queue(entries: int = 12) -> QueueList:
    return QueueList(ORGANISATION, date(2026, 11, 22), tuple(
        QueueEntry(i + 1, _name(i + 7), make_iin(_born(i + 7), Sex.MALE, i), date(2026, 1, 5) + timedelta(days=9 * i),
                   QueuePriority.OUT_OF_TURN if i == 0 else QueuePriority.ORDINARY,
                   date(2026, 12, 2) if i == 0 else None,
                   QueueOutcome.OFFERED if i == 0 else QueueOutcome.WAITING) for i in range(entries)))


def roster(entries: int = 25) -> Roster:
    return Roster(ORGANISATION, date(2026, 11, 22), tuple(
        RosterEntry(_name(i + 3), make_iin(_born(i + 3), Sex.MALE, i), _born(i + 3),
                    date(2024, 1, 10) + timedelta(days=23 * i),
                    ResidentStatus.TEMPORARILY_ABSENT if i % 9 == 4 else ResidentStatus.PRESENT, f"{100 + i // 2}")
        for i in range(entries)))


def checklist(lang: str = "kk"):
    """The inspector's checklist (Joint Order 401/69, Annex 3) as the self-inspection fills it: items 1–4
    judged from the data (two failing, with residents), a few staff answers, the rest not answered yet."""
    from app.domain.checklist import parse_items
    from app.paths import resources_dir
    from reports.checklist import ChecklistRow, ChecklistSheet, Finding

    folder = resources_dir() / "data"
    items = parse_items(*((folder / n).read_text("utf-8") for n in (
        "checklist_stationary_semistationary.csv", "checklist_stationary_semistationary_ru.csv",
        "risk_criteria_subjective.csv")))
    status = {1: "fails", 2: "fails", 3: "complies", 4: "complies", 5: "complies", 7: "not_required", 9: "fails",
              10: "complies"}
    rows = tuple(ChecklistRow(i.no, i.text(lang), status.get(i.no, "unanswered"), i.degree.value) for i in items)
    kk = lang == "kk"
    findings = (
        Finding(1, "significant", make_iin(_born(3), Sex.MALE, 3), _name(3),
                "жеке жоспарды әзірлеу: мерзімі 12.08.2026, орындалды 20.08.2026, 8 күн кешіктірілді (R-15)" if kk
                else "составить индивидуальный план: срок 12.08.2026, выполнено 20.08.2026, опоздание 8 дн. (R-15)"),
        Finding(2, "significant", make_iin(_born(5), Sex.MALE, 5), _name(5),
                "журнал: түсу, 02.03.2026: бұйрық нөмірі жоқ (R-01)" if kk
                else "журнал: поступление 02.03.2026: нет номера приказа (R-01)"))
    notes = ((3, "Порталмен соңғы салыстыру: 20.11.2026 (2 күн бұрын)." if kk
              else "Последняя сверка с порталом: 20.11.2026 (2 дн. назад)."),
             (9, "талап етіледі, сәйкес келмейді, 21.11.2026 (Сәрсенбаева Г. Қ.): кабинеттердің паспорттары жоқ" if kk
              else "требуется, не соответствует, 21.11.2026 (Сәрсенбаева Г. Қ.): нет паспортов кабинетов"))
    return ChecklistSheet(ORGANISATION, date(2026, 11, 22), rows, findings, notes)
