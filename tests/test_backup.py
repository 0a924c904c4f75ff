"""Backups (issue 10 point 1) and damage found at start (point 2): written verified, tampering found,
encryption, 7/4/12 rotation, restore with a backup of the state before it, a damaged file moved aside."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from app import backup
from app.cli import main
from app.db.engine import SCHEMA_HEAD


@pytest.fixture(scope="module")
def demo60(tmp_path_factory):
    """One 60-resident demo database per module; each test copies it."""
    from app.demo import build_demo
    from app.services import Services

    path = tmp_path_factory.mktemp("demo60") / "demo.sqlite3"
    svc = Services.open(f"sqlite:///{path}")
    build_demo(svc, residents=60, seed=2)
    with svc.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    svc.engine.dispose()
    return path


@pytest.fixture
def db(demo60, tmp_path):
    path = tmp_path / "qamqor.sqlite3"
    shutil.copyfile(demo60, path)
    return path


def counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return backup._sqlite_counts(conn)


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_backup_of_the_demo_is_verified_and_its_counts_match(db, tmp_path):
    folder = tmp_path / "backups"
    result = backup.backup(f"sqlite:///{db}", "manual", folder, second=False)
    m = result.manifest
    assert result.path.parent == folder and result.path.suffix == ".qbak" and not list(folder.glob("*.part"))
    assert m.counts == counts(db) and m.residents >= 60 and m.plans > 0 and m.audit_entries > 0
    assert m.engine == "sqlite" and m.schema_revision == SCHEMA_HEAD and not m.encrypted and m.program_version
    assert backup.verify(result.path).counts == m.counts
    [info] = backup.list_backups(folder)
    assert info.verified and info.manifest == m and info.size == result.path.stat().st_size


def test_a_tampered_backup_fails_verification(db, tmp_path):
    result = backup.backup(f"sqlite:///{db}", "manual", tmp_path / "b", second=False)
    data = bytearray(result.path.read_bytes())
    data[len(data) // 2] ^= 0x40  # one bit in the middle of the database copy
    result.path.write_bytes(bytes(data))
    with pytest.raises(backup.BackupError, match="повреждена"):
        backup.verify(result.path)
    [info] = backup.list_backups(tmp_path / "b")
    assert not info.verified  # remembered beside the file
    assert backup.newest_verified(folders=(tmp_path / "b",)) is None
    with pytest.raises(backup.BackupError):
        backup.verify(db)  # not a backup at all


def test_an_encrypted_backup_round_trips_and_a_wrong_password_is_refused(db, tmp_path):
    result = backup.backup(f"sqlite:///{db}", "manual", tmp_path / "b", second=False, password="сенім-2026")
    assert result.manifest.encrypted and result.manifest.crypto["kdf"] == "scrypt"
    raw = result.path.read_bytes()
    assert b"SQLite format 3" not in raw  # nothing readable without the password
    assert backup.verify(result.path, "сенім-2026").counts == counts(db)
    with pytest.raises(backup.BackupError, match="Пароль не подходит") as wrong:
        backup.verify(result.path, "wrong")
    assert wrong.value.field == "password" and "Құпиясөз" in wrong.value.render("kk")
    with pytest.raises(backup.BackupError, match="зашифрована"):
        backup.verify(result.path)
    assert backup.list_backups(tmp_path / "b")[0].verified  # a wrong password is not damage


def test_the_second_folder_gets_an_encrypted_copy(db, tmp_path):
    result = backup.backup(f"sqlite:///{db}", "auto", tmp_path / "main", second=tmp_path / "usb",
                           second_password="flash")
    [copy] = result.copies
    assert copy.parent == tmp_path / "usb" and backup.read_manifest(copy)[0].encrypted
    assert not result.manifest.encrypted and backup.verify(copy, "flash").counts == result.manifest.counts
    missing = backup.backup(f"sqlite:///{db}", "manual", tmp_path / "main", second=Path("/proc/not-here"))
    assert not missing.copies and len(missing.problems) == 1 and missing.path.exists()


def test_rotation_keeps_7_daily_4_weekly_12_monthly_automatic_backups(tmp_path):
    now = dt.datetime(2026, 12, 5, 21, 0)
    made = []
    for days in range(0, 500):  # two automatic backups a day for 500 days, and some manual ones
        for hour in (9, 18):
            stamp = now - dt.timedelta(days=days, hours=21 - hour)
            path = tmp_path / f"qamqor-{stamp:%Y%m%d-%H%M%S}-auto.qbak"
            path.write_bytes(b"x")
            made.append(stamp)
    manual = tmp_path / "qamqor-20240101-120000-manual.qbak"
    manual.write_bytes(b"x")
    removed = backup.rotate_folder(tmp_path, now)
    kept = sorted(backup._parse_name(p)[0] for p in tmp_path.glob("*-auto.qbak"))
    assert manual.exists() and len(removed) == len(made) - len(kept)
    days = {k.date() for k in kept}
    for d in range(7):  # the newest of each of the last 7 days
        assert dt.datetime.combine(now.date() - dt.timedelta(days=d), dt.time(18)) in kept
    sundays = [now.date() - dt.timedelta(days=now.weekday()) - dt.timedelta(days=1 + 7 * w) for w in range(3)]
    assert all(s in days for s in sundays)  # the newest of each earlier week is its Sunday
    month_ends = {dt.date(2026, m + 1, 1) - dt.timedelta(days=1) for m in range(1, 11)}
    assert month_ends <= days  # the newest of each earlier month
    assert min(kept).date() == dt.date(2026, 1, 31) and len(kept) <= 7 + 4 + 12  # this month is one of the 12
    assert backup.rotate_folder(tmp_path, now) == []  # stable


def test_each_database_is_rotated_apart(db, demo60, tmp_path):
    """Automatic backups of the demo database do not push the real database's out of their slots."""
    folder = tmp_path / "b"
    day = dt.datetime(2026, 12, 5, 9, 0)
    real = backup.backup(f"sqlite:///{db}", "auto", folder, second=False, now=day)
    demo = backup.backup(f"sqlite:///{demo60}", "auto", folder, second=False, now=day + dt.timedelta(hours=1))
    assert real.path.exists() and demo.path.exists() and not demo.removed
    assert not backup.due_daily(day, folder, database=db.name) and backup.due_daily(day, folder, database="other")
    assert backup.newest_verified(folders=(folder,), database=db.name).path == real.path


def test_daily_backup_is_due_once_a_day(tmp_path):
    now = dt.datetime(2026, 12, 5, 8, 0)
    assert backup.due_daily(now, tmp_path)
    (tmp_path / "qamqor-20261205-073000-manual.qbak").write_bytes(b"x")
    assert backup.due_daily(now, tmp_path)
    (tmp_path / "qamqor-20261205-073000-auto.qbak").write_bytes(b"x")
    assert not backup.due_daily(now, tmp_path) and backup.due_daily(now + dt.timedelta(days=1), tmp_path)


def test_restore_brings_back_deleted_data_and_keeps_the_state_before(db, tmp_path):
    from app.db.engine import make_engine

    folder = tmp_path / "b"
    taken = backup.backup(f"sqlite:///{db}", "manual", folder, second=False)
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM monitoring_row")
        conn.execute("UPDATE resident SET last_name = 'Өзгертілген'")
    assert counts(db)["monitoring_row"] == 0
    engine = make_engine(f"sqlite:///{db}")
    before = backup.restore(engine, taken.path, folder=folder)
    # everything as backed up, and one audit entry more: the restore itself
    assert counts(db) == {**taken.manifest.counts, "audit_log": taken.manifest.audit_entries + 1}
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM resident WHERE last_name = 'Өзгертілген'").fetchone()[0] == 0
        last = conn.execute("SELECT username, action, entity, after FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    assert before is not None and before.manifest.kind == "before-restore"
    # nobody signed in (the default): the program; the backup named, and where the state it replaced went
    assert last[:3] == ("system", "backup.restore", "database")
    assert json.loads(last[3]) == {"path": taken.path.name, "backup_taken": taken.manifest.created_at,
                                   "before_restore": before.path.name}
    assert before.manifest.counts["monitoring_row"] == 0  # the state before, kept
    with engine.connect() as conn:  # the engine works again afterwards
        assert conn.exec_driver_sql("SELECT count(*) FROM resident").scalar() == taken.manifest.residents
    engine.dispose()


def test_a_backup_of_a_newer_version_is_refused_before_anything_is_replaced(db, tmp_path):
    from app.db.engine import current_revision, make_engine

    newer = tmp_path / "newer.sqlite3"
    shutil.copyfile(db, newer)
    with sqlite3.connect(newer) as conn:  # as a later release would leave it
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
        conn.execute("DELETE FROM monitoring_row")
    folder = tmp_path / "b"
    taken = backup.backup(f"sqlite:///{newer}", "manual", folder, second=False)
    before = counts(db)
    engine = make_engine(f"sqlite:///{db}")
    with pytest.raises(backup.BackupError) as refused:
        backup.restore(engine, taken.path, folder=folder)
    assert "0099" in refused.value.render("kk") and refused.value.field == "file"
    assert counts(db) == before and current_revision(engine) != "0099"
    assert [p.name for p in folder.glob("*before-restore*")] == []  # nothing was done at all
    engine.dispose()


@pytest.mark.parametrize("foreign", ["another program's", "nobody's"])
def test_a_backup_of_a_foreign_database_is_refused_before_anything_is_replaced(db, tmp_path, foreign):
    """Restored, a database without Qamqor's schema (another program's file wrapped as a backup) or without an account
    left an empty database: the first-run wizard open to anyone at the PC to make themselves the director."""
    from app.db.engine import make_engine

    other = tmp_path / "other.sqlite3"
    if foreign == "nobody's":
        shutil.copyfile(db, other)
        with sqlite3.connect(other) as conn:
            conn.execute("DELETE FROM app_user")
    else:
        with sqlite3.connect(other) as conn:
            conn.execute("CREATE TABLE evil (x)")
    folder = tmp_path / "b"
    taken = backup.backup(f"sqlite:///{other}", "manual", folder, second=False)
    before = counts(db)
    engine = make_engine(f"sqlite:///{db}")
    with pytest.raises(backup.BackupError) as refused:
        backup.restore(engine, taken.path, folder=folder)
    assert refused.value.field == "file" and taken.path.name in refused.value.render("ru")
    assert counts(db) == before and [p.name for p in folder.glob("*before-restore*")] == []
    engine.dispose()


def test_a_restore_brings_in_the_payload_it_verified_not_the_file_read_again(db, tmp_path, monkeypatch):
    """An unencrypted backup on a shared folder swapped for another between the check and the copy: what is restored
    is what was checked."""
    from app.db.engine import make_engine

    folder = tmp_path / "b"
    good = backup.backup(f"sqlite:///{db}", "manual", folder, second=False)
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE evil (x)")
    bad = backup.backup(f"sqlite:///{other}", "manual", tmp_path / "c", second=False)
    real = backup.backup

    def swapping(*args, **kw):  # the before-restore backup: taken after the check, before the copy
        made = real(*args, **kw)
        shutil.copyfile(bad.path, good.path)
        return made
    monkeypatch.setattr(backup, "backup", swapping)
    engine = make_engine(f"sqlite:///{db}")
    backup.restore(engine, good.path, folder=folder)
    engine.dispose()
    restored = counts(db)
    assert "evil" not in restored and restored["resident"] == good.manifest.residents


def _damage(path: Path) -> None:
    """Overwrite bytes in the middle of pages holding resident rows (a disk that lost a sector)."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = 'resident' AND pagetype = 'leaf'")] \
            if _has_dbstat(conn) else []
    if not pages:
        pages = [path.stat().st_size // page_size // 2]
    with open(path, "r+b") as fh:
        for page in pages[:3]:
            fh.seek((page - 1) * page_size + 8)  # the cell pointers and the cells after the page header
            fh.write(b"\xa5" * (page_size // 2))


def _has_dbstat(conn) -> bool:
    try:
        conn.execute("SELECT 1 FROM dbstat LIMIT 1")
        return True
    except sqlite3.OperationalError:
        return False


def test_a_damaged_file_is_found_at_open_and_moved_aside(db, tmp_path):
    assert backup.check_at_open(f"sqlite:///{db}") is None
    _damage(db)
    damage = backup.check_at_open(f"sqlite:///{db}")
    assert damage is not None and damage.reason and not db.exists()
    assert damage.moved_to.exists() and ".damaged-" in damage.moved_to.name


def test_a_locked_file_is_not_taken_for_damage(db, monkeypatch):
    def locked(*_a, **_k):
        exc = sqlite3.OperationalError("database is locked")
        exc.sqlite_errorcode = 5
        raise exc

    monkeypatch.setattr(sqlite3, "connect", locked)
    assert backup.check_at_open(f"sqlite:///{db}") is None
    monkeypatch.undo()
    assert db.exists()


def test_the_cli_refuses_a_damaged_file_and_names_the_backup_to_restore(db, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("QAMQOR_DATA_DIR", str(tmp_path / "data"))
    code, out, err = run(capsys, "backup", "--db", str(db), "--json")
    assert code == 0, err
    taken = json.loads(out)["path"]
    _damage(db)
    code, out, err = run(capsys, "residents", "list", "--db", str(db))
    assert code == 2 and "qamqor restore" in err and taken in err and len(err.strip().splitlines()) == 1
    assert not db.exists()
    code, out, err = run(capsys, "restore", taken, "--db", str(db))
    assert code == 2 and "--yes" in err  # no terminal to confirm on
    code, out, err = run(capsys, "restore", taken, "--db", str(db), "--json", "--yes")
    assert code == 0, err
    assert json.loads(out)["before_restore"] is None  # nothing readable was left to keep
    manifest = backup.read_manifest(taken)[0]
    assert counts(db) == {**manifest.counts, "audit_log": manifest.audit_entries + 1}  # and the restore, recorded
    with sqlite3.connect(db) as conn:
        who, after = conn.execute("SELECT username, after FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    assert who.startswith("cli:") and json.loads(after)["before_restore"] is None
    code, out, err = run(capsys, "residents", "list", "--db", str(db), "--json")
    assert code == 0 and json.loads(out)["total"] > 0


def test_cli_backup_list_verify_and_encrypt(db, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("QAMQOR_DATA_DIR", str(tmp_path / "data"))
    code, out, err = run(capsys, "backup", "--db", str(db), "--lang", "kk")
    assert code == 0 and "тексерілді" in out, err
    monkeypatch.setenv("QAMQOR_BACKUP_PASSWORD", "құпия")
    code, out, err = run(capsys, "backup", "--db", str(db), "--to", str(tmp_path / "usb"), "--encrypt", "--json")
    assert code == 0, err
    encrypted = json.loads(out)["path"]
    assert Path(encrypted).parent == tmp_path / "usb"
    code, out, err = run(capsys, "backup", "verify", encrypted, "--json")
    assert code == 0 and json.loads(out)["verified"], err
    monkeypatch.setenv("QAMQOR_BACKUP_PASSWORD", "басқа")
    code, out, err = run(capsys, "backup", "verify", encrypted, "--lang", "ru")
    assert code == 2 and "Пароль" in err and len(err.strip().splitlines()) == 1
    code, out, err = run(capsys, "backup", "list", "--json")
    rows = json.loads(out)["backups"]
    assert code == 0 and len(rows) == 1 and rows[0]["verified"]
    assert rows[0]["counts"]["resident"] >= 60 and not rows[0]["encrypted"]
    code, out, err = run(capsys, "backup", "list")
    assert code == 0 and ".qbak" in out


def test_cli_restore_of_another_databases_backup_says_so(db, tmp_path, capsys, monkeypatch):
    """The demo's backups lie beside the real database's: a restore of one names the other database first."""
    monkeypatch.setenv("QAMQOR_DATA_DIR", str(tmp_path / "data"))
    demo = tmp_path / "demo.sqlite3"
    shutil.copyfile(db, demo)
    taken = backup.backup(f"sqlite:///{demo}", "manual", tmp_path / "b", second=False)
    code, out, err = run(capsys, "restore", str(taken.path), "--db", str(db), "--yes", "--lang", "ru")
    assert code == 0, err
    assert "другой базы данных (demo.sqlite3)" in err and f"работает с {db.name}" in err
    mine = backup.backup(f"sqlite:///{db}", "manual", tmp_path / "b", second=False)
    code, out, err = run(capsys, "restore", str(mine.path), "--db", str(db), "--yes", "--lang", "ru")
    assert code == 0 and "другой базы" not in err


def test_pg_tools_missing_is_said_plainly(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(backup, "PG_BIN_GLOBS", [])
    with pytest.raises(backup.BackupError) as err:
        backup.pg_tool("pg_dump")
    assert "pg_dump" in err.value.render("ru") and "PostgreSQL" in err.value.render("kk")
    with pytest.raises(backup.BackupError, match="pg_dump"):
        backup.backup("postgresql+psycopg://nobody@127.0.0.1:1/none", "manual", tmp_path, second=False)


@pytest.mark.postgres
def test_postgres_backup_verify_and_restore(pg_server, tmp_path, monkeypatch):
    from sqlalchemy import text

    from app.db.engine import make_engine
    from tests.conftest import make_services
    from tests.services.helpers import admit

    monkeypatch.setenv("PATH", f"{pg_server.bin}:{__import__('os').environ['PATH']}")  # the server's own version
    url = pg_server.create_database()
    try:
        svc, _d, worker = make_services(url)
        for _ in range(3):
            admit(svc, worker)
        svc.engine.dispose()
        taken = backup.backup(url, "manual", tmp_path, second=False, password="pg")
        assert taken.manifest.engine == "postgresql" and taken.manifest.residents == 3
        assert taken.manifest.audit_entries > 0 and backup.verify(taken.path, "pg").residents == 3
        engine = make_engine(url)
        admit(svc, worker)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM resident")).scalar() == 4
        before = backup.restore(engine, taken.path, "pg", folder=tmp_path, by="director")
        assert before is not None and before.manifest.residents == 4
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM resident")).scalar() == 3
            audit = conn.execute(text("SELECT count(*) FROM audit_log")).scalar()
            last = conn.execute(text("SELECT username, action, after FROM audit_log ORDER BY id DESC LIMIT 1")).one()
        assert audit == taken.manifest.audit_entries + 1  # the restore itself, written into the restored log
        assert last[:2] == ("director", "backup.restore") and last[2]["before_restore"] == before.path.name
        engine.dispose()
        svc.engine.dispose()
    finally:
        pg_server.drop_database(url)
