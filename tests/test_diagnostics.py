"""Diagnostics (issue 10 point 4): a log and crash reports in the user's log folder, offered at the next
start; nothing shown or written carries SQL parameters (people's names, IINs, diagnoses)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import insert

from app import diagnostics
from app.db.models import Resident
from app.domain.errors import Conflict
from app.paths import log_dir
from tests.conftest import make_services
from tests.services.helpers import admit

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def logs(tmp_path, monkeypatch):
    monkeypatch.setenv("QAMQOR_DATA_DIR", str(tmp_path))
    return log_dir()


def _integrity_error(svc, worker, resident_id):
    """What two PCs registering the same person at the same moment end in: the database's own refusal."""
    with svc.movements.unit(worker) as s:
        row = s.get(Resident, resident_id)
        values = {c.key: getattr(row, c.key) for c in Resident.__table__.columns if c.key != "id"}
        s.execute(insert(Resident).values(**values))


def test_the_same_person_registered_on_two_pcs_is_a_plain_conflict_without_sql(db_url):
    svc, _director, worker = make_services(db_url)
    rid = admit(svc, worker, last="Сәрсенбаева", diagnosis="Қант диабеті")
    with svc.movements.reading() as s:
        iin = s.get(Resident, rid).iin
    with pytest.raises(Conflict) as caught:
        _integrity_error(svc, worker, rid)
    shown = caught.value.render()
    assert caught.value.field == "iin"
    assert shown.startswith("Этот человек только что зарегистрирован на другом компьютере")
    for private in (iin, "Сәрсенбаева", "Қант диабеті", "INSERT", "UNIQUE", "duplicate"):
        assert private not in shown
    with svc.movements.reading() as s:  # nothing was written
        assert s.query(Resident).filter(Resident.iin == iin).count() == 1
    svc.engine.dispose()


def test_describe_leaves_out_sql_parameters_and_driver_details():
    from sqlalchemy.exc import IntegrityError

    class Orig(Exception):
        pass

    exc = IntegrityError("INSERT INTO person (iin, last_name) VALUES (%s, %s)", ("451201400123", "Сәрсенбаева"),
                         Orig('duplicate key value violates unique constraint "person_iin_key"\n'
                              "DETAIL:  Key (iin)=(451201400123) already exists."))
    text = diagnostics.describe(exc)
    assert "IntegrityError" in text and "INSERT INTO person" in text
    assert "451201400123" not in text and "Сәрсенбаева" not in text
    assert "[parameters: left out]" in text and "DETAIL: (left out)" in text


def test_an_uncaught_exception_leaves_a_report_offered_once(logs):
    try:
        raise RuntimeError("boom at the journal")
    except RuntimeError as exc:
        path = diagnostics.write_crash_report(exc)
    assert path.parent == logs and "boom at the journal" in path.read_text(encoding="utf-8")
    assert diagnostics.unseen_reports() == [path]
    assert "boom at the journal" in diagnostics.report_text([path])
    diagnostics.mark_seen([path])
    assert diagnostics.unseen_reports() == []
    assert path.with_name(path.name + ".seen").exists()  # kept, not offered again


def _child(tmp_path, code: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QAMQOR_DATA_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)


def test_the_excepthook_and_faulthandler_write_to_the_log_folder(tmp_path):
    done = _child(tmp_path, "from app import diagnostics; diagnostics.install_crash_handlers(); "
                            "raise ValueError('nobody caught me')")
    assert done.returncode == 1
    reports = list((tmp_path / "logs").glob("crash-*.txt"))
    assert len(reports) == 1 and "nobody caught me" in reports[0].read_text(encoding="utf-8")
    assert "nobody caught me" in (tmp_path / "logs" / "qamqor.log").read_text(encoding="utf-8")

    killed = _child(tmp_path, "import faulthandler; from app import diagnostics; "
                              "diagnostics.install_crash_handlers(); faulthandler._sigsegv()")
    assert killed.returncode != 0
    faults = tmp_path / "logs" / "faults.log"
    assert "Segmentation fault" in faults.read_text(encoding="utf-8")
    env_before = os.environ.get("QAMQOR_DATA_DIR")
    os.environ["QAMQOR_DATA_DIR"] = str(tmp_path)
    try:
        assert faults in diagnostics.unseen_reports()
        diagnostics.mark_seen(diagnostics.unseen_reports())
        assert diagnostics.unseen_reports() == []
    finally:
        os.environ["QAMQOR_DATA_DIR"] = env_before or ""


def test_an_unexpected_error_is_shown_translated_with_copy_details(qapp, logs, monkeypatch):
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app import i18n
    from ui.widgets.failures import show_unexpected

    i18n.set_language("kk")
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    from sqlalchemy.exc import IntegrityError

    exc = IntegrityError("UPDATE person SET diagnosis=?", ("Қант диабеті",), Exception("CHECK constraint failed"))
    box = show_unexpected(None, exc)
    assert shown == [box]
    assert box.text().startswith("Әрекет орындалмады, ештеңе өзгерген жоқ.") and str(logs) in box.text()
    assert "Қант диабеті" not in box.text() and "UPDATE" not in box.text()
    copy = next(b for b in box.buttons() if b.text() == "Толығырақ &көшіру")
    copy.click()
    copied = QApplication.clipboard().text()
    assert "IntegrityError" in copied and "Қант диабеті" not in copied
    assert "Қант диабеті" not in (logs / "qamqor.log").read_text(encoding="utf-8")


def test_the_next_start_offers_the_report_and_then_forgets_it(qapp, logs, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.widgets.failures import CrashReportDialog, offer_crash_reports

    try:
        raise KeyError("queue row")
    except KeyError as exc:
        diagnostics.write_crash_report(exc)
    opened = []

    def press_show(box):
        box.clickedButton = lambda: next(b for b in box.buttons() if b.text() == "&Показать отчёт")
        return 0

    monkeypatch.setattr(QMessageBox, "exec", press_show)
    monkeypatch.setattr(CrashReportDialog, "exec", lambda d: opened.append(d.text.toPlainText()) or 0)
    assert offer_crash_reports() is True
    assert len(opened) == 1 and "queue row" in opened[0]
    assert offer_crash_reports() is False  # shown once
