"""Issue 10 point 10: exporting or batch-printing several residents says how many people first, and
is recorded in the audit log (who, what, how many people, where); the command line asks or needs --yes."""

import datetime as dt
import json

from sqlalchemy import select

from app.cli import main
from app.db.models import AuditEntry
from app.services.exchange import ExchangeService
from app.services.printing import PrintService, run_batch
from tests.conftest import make_services
from tests.services.helpers import admit, approved_plan, days_ago, order


def entries(svc, action):
    with svc.engine.connect() as conn:
        return conn.execute(select(AuditEntry.username, AuditEntry.after).where(AuditEntry.action == action)
                            .order_by(AuditEntry.id)).all()


def test_export_counts_people_and_is_recorded_with_who_how_many_and_where(sqlite_url, tmp_path):
    svc, director, worker = make_services(sqlite_url)
    a = admit(svc, worker, 40)
    admit(svc, worker, 30)
    svc.movements.temporary_departure(worker, a, days_ago(20), order(days_ago(20)))
    ex = ExchangeService(svc.sessions)
    assert ex.export_people() == 2  # three rows, two people
    summary = ex.export_journal(worker, tmp_path / "j.csv", "kk")
    assert summary.rows == 3
    [(who, after)] = entries(svc, "export.journal")
    assert who == "worker" and after["people"] == 2 and after["path"] == str(tmp_path / "j.csv")
    assert ex.export_people() == 0 and ex.export_people(days_ago(35)) == 2
    svc.engine.dispose()


def test_batch_counts_people_and_records_the_batch_before_writing(sqlite_url, tmp_path):
    svc, director, worker = make_services(sqlite_url)
    a, b = admit(svc, worker, 200), admit(svc, worker, 100)
    approved_plan(svc, director, worker, a, days_ago(190))
    approved_plan(svc, director, worker, b, days_ago(90))
    printer = PrintService(svc.sessions)
    year = dt.date.today().year
    assert printer.batch_people("year", year=year) == 2
    assert printer.batch_people("awaiting") == 0
    assert printer.batch_people("journal", start=days_ago(300), end=dt.date.today()) == 2
    run_batch(printer, "year", "ru", tmp_path / "year", actor=director, year=year)
    [(who, after)] = entries(svc, "print.batch")
    assert who == "director" and after["people"] == 2 and after["batch"] == "year"
    assert after["folder"] == str((tmp_path / "year").resolve()) and after["year"] == year
    svc.engine.dispose()


def test_cli_export_and_batch_refuse_without_a_terminal_unless_yes(sqlite_url, tmp_path, capsys, monkeypatch):
    svc, director, worker = make_services(sqlite_url)
    admit(svc, worker, 30)
    admit(svc, worker, 20)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    out = tmp_path / "j.json"
    assert main(["portal", "export", "--out", str(out), "--db", sqlite_url]) == 2
    err = capsys.readouterr().err
    assert "2" in err and "--yes" in err and not out.exists()
    assert entries(svc, "export.journal") == []
    assert main(["batch", "journal", "--out", str(tmp_path / "p"), "--db", sqlite_url]) == 2
    assert "--yes" in capsys.readouterr().err and not (tmp_path / "p").exists()
    assert main(["portal", "export", "--out", str(out), "--json", "--yes", "--db", sqlite_url]) == 0
    assert json.loads(capsys.readouterr().out)["rows"] == 2
    assert main(["batch", "journal", "--out", str(tmp_path / "p"), "--yes", "--db", sqlite_url]) == 0
    (who, after), = entries(svc, "print.batch")
    assert who.startswith("cli:") and after["people"] == 2
    svc.engine.dispose()


def test_cli_asks_at_a_terminal_and_writes_nothing_on_no(sqlite_url, tmp_path, capsys, monkeypatch):
    svc, director, worker = make_services(sqlite_url)
    admit(svc, worker, 30)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    asked = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "n")
    out = tmp_path / "j.csv"
    assert main(["portal", "export", "--out", str(out), "--db", sqlite_url]) == 2
    assert not out.exists() and "1" in asked[0] and str(out) in asked[0]
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    assert main(["portal", "export", "--out", str(out), "--db", sqlite_url]) == 0 and out.exists()
    svc.engine.dispose()
