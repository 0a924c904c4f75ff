
import datetime as dt

from sqlalchemy import inspect

from app import i18n
from app.db.engine import current_revision, head_revision, make_engine, upgrade
from app.db.models import Base


def test_migrations_create_the_model_schema_on_both_backends(db_url):
    engine = make_engine(db_url)
    upgrade(engine)
    assert current_revision(engine) == head_revision(engine)
    tables = set(inspect(engine).get_table_names())
    assert {t.name for t in Base.metadata.sorted_tables} <= tables
    for table in Base.metadata.sorted_tables:
        cols = {c["name"] for c in inspect(engine).get_columns(table.name)}
        assert {c.name for c in table.columns} == cols, table.name
        indexes = {i["name"] for i in inspect(engine).get_indexes(table.name)}
        assert {i.name for i in table.indexes} <= indexes, table.name
    engine.dispose()


def test_a_database_of_the_first_schema_is_upgraded_with_its_rows_kept(tmp_path):
    from alembic import command

    from app.db.engine import SCHEMA_HEAD, alembic_config

    path = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    command.upgrade(alembic_config(engine), "0001")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO resident (last_name, first_name, search_key, status, created_at, version) "
                             "VALUES ('Әлиева', 'Гүл', 'әлиева гүл', 'in_queue', '2026-01-01 00:00:00', 1)")
    upgrade(engine)
    assert current_revision(engine) == SCHEMA_HEAD
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT last_name FROM resident").scalar() == "Әлиева"
        plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN SELECT id FROM resident "  # the residents list's order
                                    "ORDER BY name_key, id LIMIT 50").fetchall()
    assert "ix_resident_name_key" in str(plan)
    engine.dispose()


def test_a_database_of_a_newer_release_is_refused_untouched(tmp_path):
    import pytest

    from app.domain.errors import DomainError
    from tests.dump import dump

    path = tmp_path / "q.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO holiday_override (day, working, note) VALUES ('2026-12-18', 0, 'x')")
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0099'")
    before = dump(engine)
    with pytest.raises(DomainError) as exc:
        upgrade(engine)
    assert "0099" in exc.value.render("kk") and "0099" in exc.value.render("ru")
    assert exc.value.render("kk") != exc.value.render("ru")
    assert current_revision(engine) == "0099"
    assert dump(engine) == before
    engine.dispose()


def test_sqlite_runs_with_wal_full_sync_and_foreign_keys(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL: each commit reaches the disk
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_audit_log_is_append_only(tmp_path):
    import pytest
    from sqlalchemy import select

    from app.db.models import AuditEntry
    from tests.conftest import make_services

    svc, director, worker = make_services(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    with svc.sessions() as s:
        entry = s.scalars(select(AuditEntry)).first()
        entry.action = "forged"
        with pytest.raises(PermissionError):
            s.flush()
        s.rollback()
        s.delete(s.scalars(select(AuditEntry)).first())
        with pytest.raises(PermissionError):
            s.flush()
    svc.engine.dispose()


def test_audit_log_refuses_update_and_delete_in_the_database_itself(db_url):
    """Issue 10 point 7: nobody can rewrite history, not even with SQL past the program."""
    import pytest
    from sqlalchemy import text
    from sqlalchemy.exc import DatabaseError

    from tests.conftest import make_services

    svc, _director, _worker = make_services(db_url)
    with svc.engine.connect() as conn:
        before = conn.execute(text("SELECT count(*), min(action) FROM audit_log")).one()
    assert before[0] > 0
    statements = ["UPDATE audit_log SET action = 'forged'", "DELETE FROM audit_log"]
    if svc.engine.dialect.name == "postgresql":
        statements.append("TRUNCATE audit_log")
    for sql in statements:
        with pytest.raises(DatabaseError, match="append-only"), svc.engine.begin() as conn:
            conn.execute(text(sql))
    with svc.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*), min(action) FROM audit_log")).one() == before
    svc.engine.dispose()


def test_schema_head_constant_names_the_newest_migration(tmp_path):
    from app.db.engine import SCHEMA_HEAD

    engine = make_engine(f"sqlite:///{tmp_path / 'h.sqlite3'}")
    assert head_revision(engine) == SCHEMA_HEAD
    engine.dispose()


def test_r09_upgrade_numbers_the_existing_journal_entries_in_the_order_they_happened(tmp_path):
    """0008: queue applications by their receipt, admissions by their date; an admission from the queue keeps
    its application's number (issue 9 point 13: the same number in every printout)."""
    from alembic import command

    from app.db.engine import alembic_config

    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    command.upgrade(alembic_config(engine), "0002")
    with engine.begin() as conn:
        for rid in (1, 2, 3):
            conn.exec_driver_sql("INSERT INTO resident (id, last_name, first_name, search_key, status, created_at, "
                                 f"version) VALUES ({rid}, 'A', 'B', 'a b', 'present', '2026-01-01 00:00:00', 1)")
        conn.exec_driver_sql("INSERT INTO queue_application (id, resident_id, source, received_at, priority, outcome, "
                             "version) VALUES (7, 2, 'paper', '2026-02-10 09:30:00.000000', 'ordinary', 'admitted', 1)")
        for mid, rid, seq, day, app in ((1, 1, 1, '2026-03-01', 'NULL'), (2, 2, 1, '2026-03-05', '7'),
                                        (3, 3, 1, '2026-01-15', 'NULL'), (4, 1, 2, '2026-03-10', 'NULL')):
            kind = 'admission' if mid != 4 else 'temporary_departure'
            conn.exec_driver_sql("INSERT INTO movement (id, resident_id, seq, kind, event_date, order_number, "
                                 "order_date, returned, queue_application_id, created_at, created_by) VALUES "
                                 f"({mid}, {rid}, {seq}, '{kind}', '{day}', '1', '{day}', 0, {app}, "
                                 "'2026-01-01 00:00:00', 'x')")
    upgrade(engine)
    with engine.connect() as conn:
        moves = dict(conn.exec_driver_sql("SELECT id, journal_no FROM movement").all())
        apps = dict(conn.exec_driver_sql("SELECT id, journal_no FROM queue_application").all())
    assert moves == {3: 1, 2: 2, 1: 3, 4: None} and apps == {7: 2}
    engine.dispose()


def test_0009_keeps_plans_and_drops_looser_or_binding_deadline_settings(db_url):
    """R-14, R-15, R-20: settings looser than the acts and the binding terms fall back to the act."""
    import datetime as dt

    import sqlalchemy as sa
    from alembic import command

    from app.db.engine import alembic_config

    engine = make_engine(db_url)
    command.upgrade(alembic_config(engine), "0002")
    org = sa.table("organisation", *(sa.column(c) for c in ("name_kk", "name_ru", "org_type", "capacity",
                                                            "arrival_days", "is_demo", "version")),
                   sa.column("categories", sa.JSON), sa.column("deadline_settings", sa.JSON))
    res = sa.table("resident", *(sa.column(c) for c in ("last_name", "first_name", "search_key", "status",
                                                        "created_at", "version")))
    plan = sa.table("plan", *(sa.column(c) for c in ("resident_id", "version_no", "status", "drawn_up_on",
                                                     "period_start", "period_end", "version")),
                    sa.column("signatures", sa.JSON))
    settings = {"plan_max_months": 24, "monitoring_interval_months": 12, "plan_draw_up_calendar_days": 8,
                "plan_renew_working_days": 1, "plan_complete_working_days": 2}
    with engine.begin() as conn:
        conn.execute(org.insert().values(name_kk="Ү", name_ru="Д", org_type="stationary", categories=[], capacity=10,
                                         arrival_days=10, is_demo=False, version=1, deadline_settings=settings))
        conn.execute(res.insert().values(last_name="Әлиева", first_name="Гүл", search_key="әлиева гүл",
                                         status="present", created_at=dt.datetime(2026, 1, 1), version=1))
        rid = conn.execute(sa.text("SELECT id FROM resident")).scalar()
        conn.execute(plan.insert().values(resident_id=rid, version_no=1, status="approved",
                                          drawn_up_on=dt.date(2026, 1, 5), period_start=dt.date(2026, 1, 5),
                                          period_end=dt.date(2027, 1, 4), version=1, signatures={}))
    upgrade(engine)
    with engine.connect() as conn:
        stored = conn.execute(sa.select(sa.table("organisation", sa.column("deadline_settings", sa.JSON))
                                        .c.deadline_settings)).scalar()
        row = conn.execute(sa.text("SELECT period_end, draw_up_due, complete_due, approve_due FROM plan")).one()
    assert stored == {"plan_renew_working_days": 1, "plan_complete_working_days": 2}
    assert str(row[0]) == "2027-01-04" and tuple(row[1:]) == (None, None, None)
    engine.dispose()


def test_0011_marks_admissions_stored_without_a_ground_and_then_refuses_new_ones(db_url):
    """R-33: an admission stored before the ground was required says so; afterwards the database itself
    refuses an admission with neither the ground nor the reason it has none."""
    import pytest
    import sqlalchemy as sa
    from alembic import command
    from sqlalchemy.exc import IntegrityError

    from app.db.engine import alembic_config

    engine = make_engine(db_url)
    command.upgrade(alembic_config(engine), "0010")
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO resident (id, last_name, first_name, search_key, status, created_at, "
                             "version) VALUES (1, 'A', 'B', 'a b', 'present', '2026-01-01 00:00:00', 1)"))
        for mid, seq, kind, ground in ((1, 1, 'admission', None), (2, 2, 'discharge', None),
                                       (3, 3, 'admission', 'pension_age')):
            conn.execute(sa.text("INSERT INTO movement (id, resident_id, seq, kind, event_date, order_number, "
                                 "order_date, returned, admission_ground, created_at, created_by) VALUES "
                                 "(:id, 1, :seq, :kind, '2026-03-01', '1', '2026-03-01', false, :ground, "
                                 "'2026-01-01 00:00:00', 'x')"), dict(id=mid, seq=seq, kind=kind, ground=ground))
    upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT id, admission_ground, ground_unrecorded FROM movement ORDER BY id")).all()
    assert [tuple(r) for r in rows] == [(1, None, "before_grounds"), (2, None, None), (3, "pension_age", None)]
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO movement (id, resident_id, seq, kind, event_date, order_number, order_date, "
                             "returned, created_at, created_by) VALUES (4, 1, 4, 'admission', '2026-03-02', '2', "
                             "'2026-03-02', false, '2026-01-01 00:00:00', 'x')"))
    engine.dispose()


def test_0016_fills_the_kazakh_name_keys_of_the_rows_already_stored(db_url):
    """Issue 12, point 3: the names stored before the key existed get it, on both engines, and sort by it."""
    from alembic import command

    from app.db.engine import alembic_config
    from app.domain.names import name_key

    engine = make_engine(db_url)
    command.upgrade(alembic_config(engine), "0011")
    people = ["Соколова", "Тұрсынов", "Сәрсенбаев", "Төлеуов"]
    with engine.begin() as conn:
        for name in people:
            conn.exec_driver_sql("INSERT INTO resident (last_name, first_name, search_key, status, created_at, version) "
                                 f"VALUES ('{name}', 'Арман', '', 'in_queue', '2026-01-01 00:00:00', 1)")
        conn.exec_driver_sql("INSERT INTO staff (full_name, position, role, fte, active, version) "
                             "VALUES ('Әлиева Гүл', 'маман', 'social_worker', 1, TRUE, 1)")
    upgrade(engine)
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT last_name, name_key FROM resident ORDER BY name_key, id").all()
        staff_key = conn.exec_driver_sql("SELECT name_key FROM staff").scalar()
    assert [r[0] for r in rows] == ["Сәрсенбаев", "Соколова", "Төлеуов", "Тұрсынов"]
    assert all(key == name_key(last, "Арман") for last, key in rows)
    assert staff_key == name_key("Әлиева Гүл")
    engine.dispose()


def test_the_partial_indexes_of_0021_serve_their_queries_on_both_backends(db_url):
    """Each index holds only the rows its query asks for (a person without an IIN, a person placed in a unit,
    an entry about another record than a person); the query says the same condition, so the engine still
    reads the index rather than the whole table."""
    from sqlalchemy import select

    from app.db.models import AuditEntry, Resident
    from app.services.audit import AuditFilter, _where

    engine = make_engine(db_url)
    upgrade(engine)
    rt = Resident.__table__
    queries = {
        "ix_resident_birth_date": select(rt.c.id).where(rt.c.iin.is_(None), rt.c.birth_date.in_(
            [dt.date(1950, 1, 2), dt.date(1951, 3, 4)])),  # app.services.import_batch.Batch.load
        "ix_resident_unit_id": select(rt.c.id).where(rt.c.unit_id == 3),  # app.services.units
        "ix_audit_log_after_resident": select(AuditEntry.id).where(*_where(AuditFilter(resident_id=3),
                                                                          engine.dialect.name)),
    }
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":  # an empty table is read whole unless told not to
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
            explain = "EXPLAIN "
        else:
            explain = "EXPLAIN QUERY PLAN "
        for index, query in queries.items():
            sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))
            plan = " ".join(str(r) for r in conn.exec_driver_sql(explain + sql))
            assert "SCAN resident" not in plan and "Seq Scan" not in plan, (index, plan)
            if index == "ix_resident_birth_date":  # or the IIN's unique index, for "no IIN": the same few people
                assert index in plan or "iin" in plan, plan
            else:
                assert index in plan, (index, plan)
        plan = " ".join(str(r) for r in conn.exec_driver_sql(explain + str(queries["ix_audit_log_after_resident"].compile(
            engine, compile_kwargs={"literal_binds": True}))))
        assert "ix_audit_log_before_resident" in plan and "ix_audit_log_entity" in plan
        if engine.dialect.name == "sqlite":
            where = dict(conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index'").all())
            assert where["ix_resident_birth_date"].endswith("WHERE iin IS NULL")
            assert where["ix_audit_log_after_resident"].endswith("WHERE entity <> 'resident'")
    engine.dispose()


def test_the_residents_keys_compare_bytes_on_postgresql_and_still_sort_kazakh(db_url):
    """0022: the IIN, search key and name key in collation "C" on PostgreSQL (SQLite compares bytes already);
    their order is the same: the residents list still comes in Kazakh alphabetical order, found by search."""
    from app.domain.enums import QueueSource, Sex
    from tests.conftest import make_services
    from tests.services.helpers import person

    svc, _director, worker = make_services(db_url)
    if svc.engine.dialect.name == "postgresql":
        with svc.engine.connect() as conn:
            collations = dict(conn.exec_driver_sql(
                "SELECT column_name, collation_name FROM information_schema.columns WHERE table_name = 'resident' "
                "AND column_name IN ('iin', 'search_key', 'name_key')").all())
        assert collations == {"iin": "C", "search_key": "C", "name_key": "C"}
    for i, last in enumerate(["Ірісова", "Өмірова", "Әлиева", "Ясина", "Абаева", "Ұлықбекова"]):
        svc.queue.register(worker, person(last, "Гүлнар", sex=Sex.FEMALE), dt.datetime(2026, 11, 2, 9 + i),
                           QueueSource.PAPER)
    listed = [r.full_name.split()[0] for r in svc.queries.residents()[1]]
    # the Kazakh alphabet: А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я
    assert listed == ["Абаева", "Әлиева", "Өмірова", "Ұлықбекова", "Ірісова", "Ясина"]
    assert [r.full_name for r in svc.queries.residents(search="өмір")[1]] == ["Өмірова Гүлнар Серікұлы"]
    svc.engine.dispose()


def test_0023_puts_the_applications_a_portal_file_placed_out_of_turn_unchecked_in_the_order_of_arrival(db_url):
    """R-06 (seed 003 item 11 1)): out of turn only for an orphan or a child left without parental care who turned 18
    in a children's organisation, in a stationary organisation, the ground checked. Before 9afb382 the queue import
    set "out of turn" from a file's mark alone (its note «кезектен тыс (портал деректері бойынша)» or «вне очереди (по
    данным портала)», no ground); from 9afb382 it wrote the claim as the reason, in the importer's language. After
    the upgrade the first still in the queue stand in the order of arrival (R-03) with the file's mark kept, a
    version further, each change in the audit log by "system"; the second keep their place with the mark instead of
    the text; the queue says the claim in the user's language. A settled application, one a person placed out of
    turn with its ground, and a paper one keep what they had."""
    import json

    import sqlalchemy as sa
    from alembic import command

    from app.audit_diff import action_label, differences
    from app.db.engine import alembic_config
    from app.domain.enums import OrgType, OutOfTurnGround, QueuePriority, QueueSource, Sex
    from app.domain.identity import make_iin
    from app.domain.queue import OutOfTurn, portal_claim
    from app.services import PersonInput
    from tests.conftest import make_services

    svc, director, worker = make_services(db_url)
    ids = {}
    for day, name, born in ((1, "Бірінші", dt.date(1950, 1, 5)), (2, "Екінші", dt.date(1951, 2, 6)),
                            (3, "Үшінші", dt.date(1952, 3, 7)), (4, "Төртінші", dt.date(1953, 4, 8)),
                            (5, "Бесінші", dt.date(1954, 5, 9)), (6, "Алтыншы", dt.date(2007, 1, 10)),
                            (7, "Жетінші", dt.date(1955, 6, 11)), (8, "Сегізінші", dt.date(1956, 7, 12))):
        paper = name == "Жетінші"
        row = svc.queue.register(worker, PersonInput("Кезекова", name, iin=make_iin(born, Sex.FEMALE, 10 + day)),
                                 dt.datetime(2026, 3, day, 10, 0),
                                 source=QueueSource.PAPER if paper else QueueSource.PORTAL,
                                 portal_number=None if paper else f"SOC-{day}")
        ids[name] = row.application_id
    svc.queue.mark_out_of_turn(director, ids["Алтыншы"], OutOfTurn(OutOfTurnGround.ORPHAN, "Көкшетау балалар үйі",
                                                                   left_on=dt.date(2026, 3, 10)),
                               on=dt.date(2026, 3, 6))
    command.downgrade(alembic_config(svc.engine), "0022")  # the schema before: no mark
    legacy = {"Екінші": ("out_of_turn", "кезектен тыс (портал деректері бойынша)", "waiting"),
              "Үшінші": ("out_of_turn", "вне очереди (по данным портала)", "offered"),
              "Төртінші": ("out_of_turn", "out of turn on the portal", "waiting"),
              "Бесінші": ("out_of_turn", "кезектен тыс (портал деректері бойынша)", "withdrawn"),  # settled: history
              "Алтыншы": ("out_of_turn", "кезектен тыс (портал деректері бойынша)", "waiting"),  # its ground recorded
              "Жетінші": ("out_of_turn", "кезектен тыс (портал деректері бойынша)", "waiting"),  # paper: a person's
              # imported from 9afb382: ordinary, the claim written as the reason (here in Russian)
              "Сегізінші": ("ordinary", "отмечено на портале как внеочередное: стоит в порядке поступления, пока "
                                        "основание не записано (R-06) через «Вне очереди»", "waiting")}
    with svc.engine.begin() as conn:  # as the imports before left them
        for name, (priority, note, outcome) in legacy.items():
            conn.execute(sa.text("UPDATE queue_application SET priority = :priority, priority_reason = :note, "
                                 "outcome = :outcome, offered_on = :offered WHERE id = :id"),
                         {"priority": priority, "note": note, "outcome": outcome, "id": ids[name],
                          "offered": dt.date(2026, 3, 10) if outcome == "offered" else None})
        kept = {name: dict(conn.execute(sa.text("SELECT * FROM queue_application WHERE id = :id"),
                                        {"id": ids[name]}).mappings().one())
                for name in ("Бесінші", "Алтыншы", "Жетінші", "Бірінші")}
        versions = dict(conn.execute(sa.text("SELECT id, version FROM queue_application")).all())

    upgrade(svc.engine)

    rows = svc.queue.rows()
    # R-06 first (the one ground recorded, and the paper one a person placed), then R-03: the order of arrival
    assert [r.application_id for r in rows] == [ids[n] for n in ("Алтыншы", "Жетінші", "Бірінші", "Екінші",
                                                                 "Үшінші", "Төртінші", "Сегізінші")]
    by_id = {r.application_id: r for r in rows}
    claim = portal_claim(OrgType.STATIONARY)
    for name in ("Екінші", "Үшінші", "Төртінші", "Сегізінші"):
        row = by_id[ids[name]]
        assert (row.priority, row.rule, row.priority_reason, row.portal_claim) == (QueuePriority.ORDINARY, "R-03",
                                                                                   None, claim), name
        # put in the order of arrival: a version further; the claim's text replaced by the mark: the same version
        assert row.version == versions[ids[name]] + (name != "Сегізінші"), name
    assert by_id[ids["Үшінші"]].outcome.value == "offered"
    assert all(by_id[ids[n]].portal_claim is None for n in ("Алтыншы", "Жетінші", "Бірінші"))
    with svc.engine.connect() as conn:
        for name, row in kept.items():
            now = dict(conn.execute(sa.text("SELECT * FROM queue_application WHERE id = :id"),
                                    {"id": ids[name]}).mappings().one())
            assert not now.pop("portal_out_of_turn") and now == row, name
        found = conn.execute(sa.text("SELECT username, entity, entity_id, before, after FROM audit_log "
                                     "WHERE action = 'queue.out_of_turn_unchecked' ORDER BY entity_id")).all()
    assert [(u, e, i) for u, e, i, _b, _a in found] == [("system", "queue_application", ids[n])
                                                         for n in ("Екінші", "Үшінші", "Төртінші")]
    for _u, _e, app_id, before, after in found:
        before, after = (v if isinstance(v, dict) else json.loads(v) for v in (before, after))
        assert before["resident_id"] == after["resident_id"] == by_id[app_id].resident_id  # in the person's history
        for lang in ("kk", "ru"):  # as the audit log shows it: priority, its reason and the mark
            changed = {c.field: (c.old, c.new) for c in differences(before, after, lang, "queue_application")}
            assert set(changed) == {"priority", "priority_reason", "portal_out_of_turn"}
            assert changed["portal_out_of_turn"] == (i18n._("no", lang), i18n._("yes", lang))
    labels = {lang: action_label("queue.out_of_turn_unchecked", lang) for lang in ("kk", "ru")}
    assert labels["kk"] != labels["ru"] and "queue." not in labels["kk"] + labels["ru"]
    svc.engine.dispose()
