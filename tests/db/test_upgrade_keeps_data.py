"""Installing version N+1 over N keeps every record (issue 14 point 4).

A database is made at the first migration (0001) and filled with a realistic institution: the demo's
residents, queue, movements, plans, monitoring, staff, users and audit entries, copied into the columns
the 0001 schema has. Every table of that schema holds rows. It is then upgraded to the newest schema the
way the program does at its first start, and every row is read back: same primary keys, same values in
every column 0001 had. The first start also leaves a verified backup of the old database.
"""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from alembic import command

from app import backup
from app.db.engine import SCHEMA_HEAD, alembic_config, current_revision, make_engine, upgrade
from app.demo import build_demo
from app.services import Services


def _tables(engine) -> list[sa.Table]:
    import warnings

    meta = sa.MetaData()
    with warnings.catch_warnings():  # 0010's expression indexes are not reflected; only the columns matter here
        warnings.simplefilter("ignore", sa.exc.SAWarning)
        meta.reflect(engine)
    return [t for t in meta.sorted_tables if t.name != "alembic_version"]


def _rows(engine, table: sa.Table) -> dict:
    """Every row of ``table`` by primary key (the whole row when a table has none), the columns it had."""
    key = [c.name for c in table.primary_key.columns] or [c.name for c in table.columns]
    with engine.connect() as conn:
        rows = conn.execute(sa.select(*[sa.column(c.name) for c in table.columns]).select_from(
            sa.table(table.name))).mappings().all()
    return {tuple(r[k] for k in key): dict(r) for r in rows}


def _normal(value):
    """A value as the other engine's driver would give it back (a JSON string as its object)."""
    import json

    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


@pytest.fixture(scope="module")
def demo_source(tmp_path_factory):
    """The realistic data: a demo institution at the newest schema, with what the demo does not make."""
    path = tmp_path_factory.mktemp("upgrade-source") / "demo.sqlite3"
    svc = Services.open(f"sqlite:///{path}")
    build_demo(svc, residents=25, seed=7)
    with svc.engine.begin() as conn:  # the working-day calendar's decree overrides (the demo keeps the act's)
        conn.exec_driver_sql("INSERT INTO holiday_override (day, working, note) VALUES "
                             "('2026-12-18', 0, 'Үкімет қаулысы: демалыс күні ауыстырылды'), "
                             "('2026-12-20', 1, 'Перенос рабочего дня')")
    yield svc.engine
    svc.engine.dispose()


def _fill(engine, demo_source) -> list[sa.Table]:
    """Copy the demo's rows into ``engine``'s (older) schema, the columns it has; returns its tables."""
    tables = _tables(engine)
    source = {t.name: t for t in _tables(demo_source)}
    with demo_source.connect() as src, engine.begin() as dest:
        for table in tables:
            columns = [c.name for c in table.columns]
            rows = src.execute(sa.select(*[source[table.name].c[c] for c in columns])).mappings().all()
            if rows:
                dest.execute(table.insert(), [dict(r) for r in rows])
    return tables


def _compare(engine, tables: list[sa.Table], before: dict) -> None:
    lost, changed = [], []
    for table in tables:
        after = _rows(engine, table)
        for key, row in before[table.name].items():
            if key not in after:
                lost.append(f"{table.name} {key}")
                continue
            for column, value in row.items():
                if _normal(after[key][column]) != _normal(value):
                    changed.append(f"{table.name} {key} {column}: {value!r} → {after[key][column]!r}")
    assert not lost, f"{len(lost)} rows lost: {lost[:10]}"
    assert not changed, f"{len(changed)} values changed: {changed[:10]}"


def test_a_database_of_the_first_schema_keeps_every_row_through_every_upgrade(db_url, demo_source):
    engine = make_engine(db_url)
    command.upgrade(alembic_config(engine), "0001")
    old_tables = _fill(engine, demo_source)
    before = {t.name: _rows(engine, t) for t in old_tables}
    empty = [name for name, rows in before.items() if not rows]
    assert not empty, f"tables of the 0001 schema without rows: {empty}"

    made = upgrade(engine)  # the program's first start after the upgrade

    assert current_revision(engine) == SCHEMA_HEAD
    _compare(engine, old_tables, before)
    # the verified backup of the old database, taken before anything changed
    assert made is not None and made.exists()
    manifest = backup.verify(made)
    assert manifest.kind == "before-upgrade" and manifest.schema_revision == "0001"
    assert manifest.residents == len(before["resident"])
    engine.dispose()


def _revisions() -> list[str]:
    from app.db.engine import known_revisions

    return sorted(known_revisions())


def _indexes(engine, table: str) -> set[str]:
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            return {r[0] for r in conn.exec_driver_sql(
                f"SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = '{table}'")}
        return {r[0] for r in conn.exec_driver_sql(f"SELECT indexname FROM pg_indexes WHERE tablename = '{table}'")}


def _values(engine, sql: str) -> list:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql)]


def _refused(engine, sql: str) -> bool:
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(sql)
    except sa.exc.DBAPIError:
        return True
    return False


#: what each migration adds, checked on the demo's rows right after it ran (0008, 0009 and 0011 have
#: their own tests in test_migrations.py)
AFTER = {
    "0002": lambda e: {"ix_resident_name", "ix_resident_search_key"} <= _indexes(e, "resident"),
    "0003": lambda e: _refused(e, "DELETE FROM audit_log") and _refused(e, "UPDATE audit_log SET username = 'x'"),
    "0004": lambda e: set(_values(e, "SELECT DISTINCT session_epoch FROM app_user")) == {(0,)}
    and _values(e, "SELECT count(*) FROM sign_in_failure") == [(0,)],
    "0005": lambda e: _values(e, "SELECT count(*) FROM movement WHERE receiving_organisation IS NOT NULL") == [(0,)]
    and _values(e, "SELECT count(*) FROM plan_activity WHERE title_kk IS NOT NULL OR title_ru IS NOT NULL") == [(0,)],
    "0006": lambda e: _values(e, "SELECT count(*) FROM queue_application WHERE out_of_turn_ground IS NOT NULL "
                                 "OR postponement_cause IS NOT NULL") == [(0,)],
    "0007": lambda e: _values(e, "SELECT count(*) FROM org_unit") == [(0,)]
    and _values(e, "SELECT count(*) FROM resident WHERE unit_id IS NOT NULL") == [(0,)]
    and _refused(e, "UPDATE resident SET unit_id = 999 WHERE id = (SELECT min(id) FROM resident)"),
    "0010": lambda e: {"ix_audit_log_entity", "ix_audit_log_username", "ix_audit_log_action",
                       "ix_audit_log_after_resident", "ix_audit_log_before_resident"} <= _indexes(e, "audit_log"),
    "0012": lambda e: _values(e, "SELECT count(*) FROM plan WHERE return_note IS NOT NULL OR returned_on IS NOT NULL "
                                 "OR returned_by IS NOT NULL") == [(0,)] and _values(e, "SELECT count(*) FROM plan") != [(0,)],
    "0013": lambda e: _values(e, "SELECT count(*) FROM staffing_profile") == [(0,)]
    and _values(e, "SELECT count(*) FROM staff_list_row") == [(0,)],
    "0018": lambda e: _values(e, "SELECT count(*) FROM queue_application WHERE out_of_turn_left_on IS NOT NULL")
    == [(0,)] and _values(e, "SELECT count(*) FROM plan_activity a WHERE a.title_kk IS NULL AND EXISTS (SELECT 1 "
                             "FROM activity_catalog c WHERE c.kind = a.kind AND c.title_kk = a.title)") == [(0,)],
    "0019": lambda e: not {"ix_resident_name"} & _indexes(e, "resident")
    and not {"ix_movement_resident_id"} & _indexes(e, "movement")
    and {"ix_resident_name_key", "ix_resident_search_key"} <= _indexes(e, "resident"),
    "0020": lambda e: {"ix_resident_birth_date", "ix_resident_name_key", "ix_resident_search_key"}
    <= _indexes(e, "resident") and {"ix_audit_log_at", "ix_audit_log_after_resident"} <= _indexes(e, "audit_log"),
    "0021": lambda e: {"ix_resident_birth_date", "ix_resident_unit_id"} <= _indexes(e, "resident")
    and {"ix_audit_log_after_resident", "ix_audit_log_before_resident"} <= _indexes(e, "audit_log")
    and _values(e, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'") == [(4,)],
    # the demo's one out-of-turn application has its ground: nothing for 0023 to put in the order of arrival
    "0023": lambda e: _values(e, "SELECT count(*) FROM audit_log WHERE action = 'queue.out_of_turn_unchecked'")
    == [(0,)] and _values(e, "SELECT count(*) FROM queue_application WHERE priority = 'out_of_turn'") == [(1,)],
}


@pytest.mark.parametrize("revision", [r for r in _revisions() if r != "0001"])
def test_each_migration_keeps_every_row_of_a_realistic_database(revision, tmp_path, demo_source):
    """Every migration after 0001, alone: the demo's rows in the schema before it, every row and value kept
    after it, and what it adds is there (the new columns empty on old rows, the new indexes and rules)."""
    previous = _revisions()[_revisions().index(revision) - 1]
    engine = make_engine(f"sqlite:///{tmp_path / 'step.sqlite3'}")
    command.upgrade(alembic_config(engine), previous)
    tables = _fill(engine, demo_source)
    before = {t.name: _rows(engine, t) for t in tables}
    assert sum(len(rows) for rows in before.values()) > 500
    command.upgrade(alembic_config(engine), revision)
    assert current_revision(engine) == revision
    _compare(engine, tables, before)
    if revision in AFTER:
        assert AFTER[revision](engine), f"{revision} did not add what it should"
    engine.dispose()


def test_the_first_start_after_an_upgrade_takes_a_verified_backup_before_migrating(tmp_path, monkeypatch):
    """Services.open (the program's start) over a database of an older schema: a backup of kind
    "before-upgrade" is written and verified in the data folder's backups/ before the migrations run;
    when it cannot be written, the schema is left untouched."""
    path = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    command.upgrade(alembic_config(engine), "0009")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO resident (id, last_name, first_name, search_key, status, created_at, "
                             "version) VALUES (1, 'Әлиева', 'Гүлнар', 'әлиева гүлнар', 'in_queue', "
                             "'2026-01-01 00:00:00', 1)")
    engine.dispose()
    folder = backup.backups_dir()
    known = set(folder.glob("*.qbak"))

    def refuse(*_args, **_kwargs):
        raise backup.BackupError(backup.M("The backup folder is full."))

    monkeypatch.setattr(backup, "backup", refuse)
    with pytest.raises(backup.BackupError) as refused:
        Services.open(f"sqlite:///{path}")
    for lang in ("kk", "ru"):  # says why, in the user's language, and that nothing changed
        assert backup.M("The backup folder is full.").render(lang) in refused.value.render(lang)
    assert refused.value.render("kk") != refused.value.render("ru")
    assert current_revision(make_engine(f"sqlite:///{path}")) == "0009"  # nothing migrated
    monkeypatch.undo()

    started = dt.datetime.now().replace(microsecond=0)
    svc = Services.open(f"sqlite:///{path}")
    assert current_revision(svc.engine) == SCHEMA_HEAD
    new = [p for p in set(folder.glob("*.qbak")) - known]
    assert len(new) == 1
    manifest = backup.verify(new[0])
    assert manifest.kind == "before-upgrade" and manifest.schema_revision == "0009"
    assert manifest.residents == 1 and manifest.created >= started
    svc.engine.dispose()


def test_0018_fills_in_both_catalogue_titles_of_saved_activities_picked_from_the_catalogue(db_url, demo_source):
    """Issue 9 point 23: activities saved with only the title typed (as the demo saved them before) get the
    Kazakh and Russian titles of the catalogue entry of their kind whose title theirs is exactly; a typed
    activity keeps none."""
    engine = make_engine(db_url)
    command.upgrade(alembic_config(engine), "0017")
    _fill(engine, demo_source)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE plan_activity SET title_kk = NULL, title_ru = NULL")
        conn.exec_driver_sql("UPDATE plan_activity SET title = 'Өз сөзіммен жазылған іс-шара' "
                             "WHERE id = (SELECT min(id) FROM plan_activity)")
        catalogue = {(k, kk): ru for k, kk, ru in conn.exec_driver_sql(
            "SELECT kind, title_kk, title_ru FROM activity_catalog")}
    command.upgrade(alembic_config(engine), "0018")
    rows = _values(engine, "SELECT id, kind, title, title_kk, title_ru FROM plan_activity ORDER BY id")
    assert rows[0][3:] == (None, None)  # typed: printed as typed
    picked = [r for r in rows[1:] if (r[1], r[2]) in catalogue]
    assert picked and len(picked) == len(rows) - 1
    assert all(r[3] == r[2] and r[4] == catalogue[(r[1], r[2])] and r[4] != r[3] for r in picked)
    engine.dispose()


def _index_sql(engine) -> set[tuple[str, str]]:
    with engine.connect() as conn:
        return set(conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))


def test_0020_builds_again_the_indexes_a_queue_dry_run_left_dropped(tmp_path, demo_source):
    """Before the fix a dry-run queue import on SQLite committed the drop of the secondary indexes of the
    tables it writes (app.db.bulk.indexes_built_after): 0020 builds any that are missing, as 0019 had them."""
    engine = make_engine(f"sqlite:///{tmp_path / 'lost.sqlite3'}")
    command.upgrade(alembic_config(engine), "0019")
    _fill(engine, demo_source)
    whole = _index_sql(engine)
    with engine.begin() as conn:
        dropped = [name for (name,) in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql NOT LIKE 'CREATE UNIQUE %' "
            "AND tbl_name IN ('resident', 'queue_application', 'audit_log')")]
        for name in dropped:
            conn.exec_driver_sql(f"DROP INDEX {name}")
    assert len(dropped) >= 10 and _index_sql(engine) < whole
    command.upgrade(alembic_config(engine), "0020")
    assert _index_sql(engine) == whole
    engine.dispose()
