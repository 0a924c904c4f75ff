"""Issue 10 point 7, the database side: reads of personal data recorded (a card opened, a form printed,
the journal exported, with how many people), an import's entries holding the values written, the log
read back filtered, paged and in words (kk and ru), exported to XLSX (the export recorded), and only
the director or the administrator reading it."""

import datetime as dt

import pytest
from sqlalchemy import select

from app import i18n
from app.audit_diff import differences, summary
from app.db.models import AuditEntry
from app.domain.enums import MovementKind, RecipientCategory, Role, Sex
from app.domain.errors import PermissionDenied
from app.domain.identity import make_iin
from app.portal.records import Kind, ParseResult, QueueApplicationRecord, RegisterRecord
from app.services.audit import AuditFilter, AuditService
from app.services.exchange import ExchangeService
from app.services.printing import PrintService, run_batch
from tests.services.helpers import admit, approved_plan, days_ago, person


def entries(svc, action: str) -> list[AuditEntry]:
    with svc.sessions() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def parsed(kind, records):
    return ParseResult(records=tuple(records), problems=(), kind=kind)


def test_opening_a_card_is_recorded_under_the_person(org):
    svc, director, worker = org
    rid = admit(svc, worker, 50)
    assert entries(svc, "resident.read") == []
    view = svc.residents.open(worker, rid)
    assert view.id == rid
    [e] = entries(svc, "resident.read")
    assert (e.username, e.entity, e.entity_id, e.after) == ("worker", "resident", rid, {"count": 1})
    svc.residents.get(rid)  # a plain lookup (no one looking at the card) records nothing
    assert len(entries(svc, "resident.read")) == 1


def test_printing_records_the_form_and_how_many_people(org):
    svc, director, worker = org
    rid = admit(svc, worker, 120)
    admit(svc, worker, 60, last="Бекова", sex=Sex.FEMALE)
    approved_plan(svc, director, worker, rid, days_ago(100))
    printer = PrintService(svc.sessions)
    printer.render("plan", "kk", resident_id=rid, actor=worker)
    [plan] = entries(svc, "print.plan")
    assert (plan.entity, plan.entity_id, plan.after["count"], plan.after["lang"]) == ("resident", rid, 1, "kk")
    printer.render("journal", "ru", start=days_ago(365), end=days_ago(0), actor=director)
    [journal] = entries(svc, "print.journal")
    assert journal.username == "director" and journal.after["count"] == 2 and journal.entity_id is None
    printer.render("plan", "ru", blank=True, actor=worker)  # a blank form holds nobody's data
    printer.render("roster", "ru")  # no actor: a preview built by a test or a script, not a person reading
    assert len(entries(svc, "print.plan")) == 1 and entries(svc, "print.roster") == []


def test_batch_printing_records_the_people_whose_forms_were_written(org, tmp_path):
    svc, director, worker = org
    a, b = admit(svc, worker, 120), admit(svc, worker, 110, last="Бекова", sex=Sex.FEMALE)
    for rid in (a, b):
        approved_plan(svc, director, worker, rid, days_ago(100))
    year = days_ago(100).year
    run_batch(PrintService(svc.sessions), "year", "ru", tmp_path, year=year, actor=director)
    [e] = entries(svc, "print.batch")  # one entry, written before the files (issue 10 point 10)
    assert e.after["people"] == 2 and e.after["batch"] == "year" and e.after["year"] == year


def test_the_journal_export_is_recorded_with_the_people_count(org, tmp_path):
    svc, director, worker = org
    admit(svc, worker, 30)
    admit(svc, worker, 20, last="Бекова", sex=Sex.FEMALE)
    ExchangeService(svc.sessions).export_journal(worker, tmp_path / "j.xlsx", "kk")
    [e] = entries(svc, "export.journal")
    assert e.username == "worker" and e.after["people"] == 2 and e.after["rows"] == 2 and e.after["lang"] == "kk"


def test_a_queue_import_records_the_values_it_wrote_per_person(org):
    svc, director, worker = org
    recs = [QueueApplicationRecord("Кезекова", f"Айгүл{i}", dt.date(1950, 1, 1 + i), dt.datetime(2026, 3, 1 + i, 10),
                                   portal_number=f"SOC-{i}", address=f"Алматы, {i}",
                                   iin=make_iin(dt.date(1950, 1, 1 + i), Sex.FEMALE, 10 + i)) for i in range(2)]
    ExchangeService(svc.sessions).import_queue(worker, parsed(Kind.QUEUE, recs))
    per_person = [e for e in entries(svc, "queue.import") if e.entity == "resident"]
    assert len(per_person) == 2
    first = per_person[0].after
    assert (first["last_name"], first["first_name"], first["iin"], first["birth_date"], first["address"]) == \
        ("Кезекова", "Айгүл0", recs[0].iin, "1950-01-01", "Алматы, 0")
    assert first["portal_number"] == "SOC-0" and first["received_at"] == "2026-03-01T10:00:00"
    assert "search_key" not in first and per_person[0].entity_id == first["resident_id"]
    # the person's history shows the import
    page = AuditService(svc.sessions).query(director, AuditFilter(resident_id=first["resident_id"]))
    assert [r.action for r in page.rows] == ["queue.import"]


def test_a_register_import_records_the_values_it_wrote(org):
    svc, director, worker = org
    iin = make_iin(dt.date(1945, 2, 1), Sex.MALE, 70)
    rec = RegisterRecord("Тіркелген", "Адам", dt.date(1945, 2, 1), iin=iin, address="Шымкент",
                         admission_date=days_ago(200), admission_order="1-к")
    ExchangeService(svc.sessions).import_register(worker, parsed(Kind.REGISTER, [rec]))
    [e] = entries(svc, "resident.import")
    assert (e.after["last_name"], e.after["iin"], e.after["address"]) == ("Тіркелген", iin, "Шымкент")


@pytest.fixture
def history(org):
    """Two people, entries by two users on two days (one entry back-dated by a fresh row)."""
    svc, director, worker = org
    a = admit(svc, worker, 50)
    b = admit(svc, worker, 40, last="Бекова", sex=Sex.FEMALE)
    svc.residents.update(director, a, person(last="Жаңаев", birth=dt.date(1950, 5, 5), category=RecipientCategory.ELDERLY),
                         svc.residents.get(a).version)
    svc.residents.open(director, b)
    with svc.sessions.begin() as s:  # an older read, to filter by date
        s.add(AuditEntry(at=dt.datetime(2025, 1, 10, 9, 30), username="worker", action="resident.read",
                         entity="resident", entity_id=b, after={"count": 1}))
    return svc, director, worker, a, b


def test_the_log_filters_by_user_resident_date_and_action(history):
    svc, director, worker, a, b = history
    audit = AuditService(svc.sessions)
    everything = audit.query(director)
    assert everything.total == len(everything.rows) > 5
    assert everything.rows[0].at >= everything.rows[-1].at  # newest first
    by_director = audit.query(director, AuditFilter(username="director"))
    assert by_director.total > 0 and {r.username for r in by_director.rows} == {"director"}
    about_a = audit.query(director, AuditFilter(resident_id=a))
    assert {r.resident_id for r in about_a.rows} == {a}
    assert {"resident.update", "movement.admission", "resident.create"} <= {r.action for r in about_a.rows}
    assert all(r.resident_name for r in about_a.rows) and "Жаңаев" in about_a.rows[0].resident_name
    reads = audit.query(director, AuditFilter(action="resident.read"))
    assert reads.total == 2 and {r.resident_id for r in reads.rows} == {b}
    assert audit.query(director, AuditFilter(action="resident")).total > reads.total  # the first part matches all
    old = audit.query(director, AuditFilter(start=dt.date(2025, 1, 10), end=dt.date(2025, 1, 10)))
    assert [(r.username, r.action) for r in old.rows] == [("worker", "resident.read")]
    assert audit.query(director, AuditFilter(end=dt.date(2025, 1, 9))).total == 0
    both = audit.query(director, AuditFilter(username="worker", resident_id=b, action="resident.read"))
    assert both.total == 1
    # SQL-side paging and sorting
    page = audit.query(director, offset=2, limit=3)
    assert page.total == everything.total and [r.id for r in page.rows] == [r.id for r in everything.rows[2:5]]
    by_user = audit.query(director, sort="username", descending=False)
    assert [r.username for r in by_user.rows] == sorted(r.username for r in by_user.rows)
    assert "director" in audit.users(director) and "resident.read" in audit.actions(director)


def test_only_the_director_or_the_administrator_reads_the_log(history):
    svc, director, worker, a, b = history
    audit = AuditService(svc.sessions)
    with pytest.raises(PermissionDenied) as exc:
        audit.query(worker)
    assert exc.value.render("kk") != exc.value.render("ru")
    with pytest.raises(PermissionDenied):
        audit.query(worker, AuditFilter(resident_id=a))
    admin = svc.people.create_user(director, "admin", "Әкімшіл Ә. Ә.", Role.ADMIN, "admin1234")
    assert audit.query(admin).total > 0


def test_the_changes_read_in_kazakh_and_russian(history):
    svc, director, worker, a, b = history
    [update] = AuditService(svc.sessions).query(director, AuditFilter(action="resident.update")).rows
    ru = {c.field: c for c in update.changes("ru")}
    kk = {c.field: c for c in update.changes("kk")}
    assert ru["last_name"].label == "Фамилия" and kk["last_name"].label == "Тегі"
    assert ru["last_name"].new == "Жаңаев" and ru["last_name"].old == "Ахметов"
    assert ru["birth_date"].new == "05.05.1950" and kk["birth_date"].new == "05.05.1950"
    assert "version" not in ru and "search_key" not in ru and "status" not in ru  # unchanged or technical
    assert update.action_text("ru") != update.action_text("kk") != "resident.update"
    assert "→" in update.summary("ru") and "Фамилия" in update.summary("ru")


def test_enum_values_dates_and_booleans_are_shown_in_words():
    before = {"sex": "male", "birth_date": "1950-01-02", "returned": False, "status": "present"}
    after = {"sex": "female", "birth_date": "1950-01-02", "returned": True, "status": "discharged"}
    ru = {c.field: c for c in differences(before, after, "ru", "resident")}
    kk = {c.field: c for c in differences(before, after, "kk", "resident")}
    assert set(ru) == {"sex", "returned", "status"}  # the date did not change
    assert ru["sex"].old != "male" and ru["sex"].new != kk["sex"].new
    assert ru["returned"].new == "да" and kk["returned"].new == "иә"
    assert ru["status"].new != "discharged" and ru["status"].label == "Статус" and kk["status"].label != "Статус"
    movement = differences(None, {"kind": "admission", "event_date": "2026-03-01"}, "ru", "movement")
    assert [c.new for c in movement] == [MovementKind.ADMISSION.text("ru"), "01.03.2026"]
    assert movement[0].new not in ("admission", MovementKind.ADMISSION.text("kk"))
    assert movement[0].label == "Событие"  # not the "kind" of a service
    assert [c.field for c in differences(None, {"resident_id": 3, "version": 2, "room": "5"}, "ru")] == ["room"]
    assert summary(None, {f"f{i}": i for i in range(9)}, "ru").endswith("ещё 5")
    # the organisation's categories (a list of codes): each by its name, under the form's own label
    org = {lang: differences(None, {"categories": ["elderly", "disabled_group_1_2"]}, lang, "organisation")[0]
           for lang in ("kk", "ru")}
    for lang, change in org.items():
        assert change.label == i18n._("Recipient categories", lang)
        assert change.new == ", ".join(c.text(lang) for c in (RecipientCategory.ELDERLY,
                                                              RecipientCategory.DISABLED_GROUP_1_2))
    assert "elderly" not in org["ru"].new and org["kk"].new != org["ru"].new


def test_the_xlsx_export_holds_the_rows_and_is_recorded(history, tmp_path):
    import openpyxl

    svc, director, worker, a, b = history
    audit = AuditService(svc.sessions)
    path, n = audit.export_xlsx(director, AuditFilter(resident_id=a), tmp_path / "audit.xlsx", "ru")
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Время", "Пользователь", "Действие", "Человек")
    assert n == len(rows) - 1 == audit.query(director, AuditFilter(resident_id=a)).total - 0
    assert any("Жаңаев" in (r[5] or "") and "Фамилия" in r[5] for r in rows[1:])
    [e] = entries(svc, "export.audit")
    assert e.username == "director" and e.after["rows"] == n and e.after["filters"] == {"resident_id": a}
    with pytest.raises(PermissionDenied):
        audit.export_xlsx(worker, AuditFilter(), tmp_path / "no.xlsx", "ru")
    assert not (tmp_path / "no.xlsx").exists()


def test_a_persons_entries_are_found_through_the_indexes_of_migration_0010(sqlite_url):
    """The History tab asks on every card reload: no scan of the whole log (SQLite's plan shows it)."""
    from app.services.audit import _where
    from tests.conftest import make_services

    svc, _director, _worker = make_services(sqlite_url)
    q = select(AuditEntry.id).where(*_where(AuditFilter(resident_id=3), "sqlite"))
    sql = str(q.compile(svc.engine, compile_kwargs={"literal_binds": True}))
    with svc.engine.connect() as conn:
        plan = str(conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql).fetchall())
    assert "ix_audit_log_entity" in plan and "ix_audit_log_after_resident" in plan
    assert "ix_audit_log_before_resident" in plan and "SCAN audit_log" not in plan
    svc.engine.dispose()


def test_every_field_of_every_entry_a_demo_institution_writes_reads_in_words(tmp_path):
    """Issue 10 point 7: the log read "in the user's language". Every field any entry of a demo institution holds
    (people, movements, plans and their monitoring, case files, the queue, the profile, deadline settings with
    the head's order, the staffing norms) has a label in Kazakh and Russian other than its code, and every value
    of a closed list is shown by its name, never its code."""
    import json

    from app.audit_diff import HIDDEN, NESTED_ENTITY, label, value_text
    from app.demo import build_demo
    from app.domain.deadlines import RuleSource, SourceKind
    from app.services import Actor, Services

    svc = Services.open(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    build_demo(svc, residents=40, seed=3)
    director = Actor("director", Role.DIRECTOR, "Директор", user_id=None)
    svc.organisation.set_deadline_rules(director, RuleSource(SourceKind.ORDER, "12-н", days_ago(3)),
                                        plan_draw_up_calendar_days=3)
    codes = {m.value for enum in i18n_enums() for m in enum}
    unlabelled, raw = set(), set()

    def walk(doc, entity, action):
        items = doc.items() if isinstance(doc, dict) else enumerate(doc)
        for key, value in items:
            if isinstance(key, str):
                if key in HIDDEN:
                    continue
                for lang in ("kk", "ru"):
                    if label(key, lang, entity) == key:
                        unlabelled.add((action, entity, key))
            inner = NESTED_ENTITY.get(key, entity) if isinstance(key, str) else entity
            if isinstance(value, (dict, list)):
                walk(value, inner, action)
            elif isinstance(value, str) and isinstance(key, str) and value in codes and "_" in value:
                if value_text(key, value, "ru", entity) == value:
                    raw.add((action, entity, key, value))

    with svc.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT action, entity, before, after FROM audit_log").all()
    actions = {r[0] for r in rows}
    assert {"monitoring.record", "plan.approve", "organisation.deadline_rules", "staffing.profile",
            "movement.admission", "casefile.document", "queue.register"} <= actions  # the kinds of entry checked
    for action, entity, before, after in rows:
        for doc in (before, after):
            parsed = json.loads(doc) if isinstance(doc, str) else doc
            if parsed:
                walk(parsed, entity, action)
    svc.engine.dispose()
    assert not unlabelled, sorted(unlabelled)
    assert not raw, sorted(raw)


def i18n_enums():
    """Every closed list the program stores by code."""
    from app.domain import admission, checklist, deadlines, enums

    found = []
    for module in (enums, admission, checklist, deadlines):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, enums.LabelledEnum) and value is not enums.LabelledEnum:
                found.append(value)
    return found
