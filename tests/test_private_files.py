"""Issue 10 point 9: on POSIX the data folder is 0700, and the databases, their copies, exports and
printouts 0600 — they hold people's identity and health data."""

import os
import stat

import pytest

from app.cli import main

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_data_folder_database_copies_exports_and_printouts_are_the_users_only(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("QAMQOR_DATA_DIR", str(tmp_path / "data"))
    old = os.umask(0o022)  # the usual umask: files readable by everyone unless made private
    try:
        from app.paths import data_dir

        assert mode(data_dir()) == 0o700
        db = tmp_path / "data" / "q.sqlite3"
        assert main(["demo", "--residents", "5", "--db", str(db)]) == 0
        assert mode(db) == 0o600 and mode(f"{db}-wal") == 0o600
        out = tmp_path / "out"
        out.mkdir()
        assert main(["print", "journal", "--lang", "kk", "--out", str(out / "journal.pdf"), "--db", str(db)]) == 0
        assert main(["portal", "export", "--out", str(out / "journal.xlsx"), "--yes", "--db", str(db)]) == 0
        assert main(["batch", "year", "--lang", "ru", "--out", str(out / "year"), "--yes", "--db", str(db)]) == 0
        assert main(["backup", "--db", str(db)]) == 0
        backups = list((tmp_path / "data" / "backups").glob("*.qbak"))
        assert backups and all(mode(b) == 0o600 for b in backups)
        assert mode(tmp_path / "data" / "backups") == 0o700
        written = [p for p in out.rglob("*") if p.is_file()]
        assert len(written) >= 3
        assert {p.name: mode(p) for p in written} == {p.name: 0o600 for p in written}
    finally:
        os.umask(old)
    capsys.readouterr()
