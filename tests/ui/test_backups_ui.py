"""File → Backups, the backup at close, and a damaged database at start (issue 10 points 1 and 2)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app import backup


@pytest.fixture
def data(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("QAMQOR_DATA_DIR", str(folder))
    return folder


def _press(monkeypatch, role):
    """QMessageBox.exec presses the first button of ``role`` instead of waiting for the user."""

    def exec_(box):
        for button in box.buttons():
            if box.buttonRole(button) == role:
                button.click()
                return 0
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)


def _db(ctx) -> Path:
    return Path(ctx.services.engine.url.database)


def test_back_up_now_then_restore_with_preview(qtbot, director_ctx, data, warnings, monkeypatch):
    from ui.dialogs.backups import BackupsDialog

    dialog = BackupsDialog(director_ctx)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0 and not dialog.verify_button.isEnabled()
    dialog.backup_button.click()
    qtbot.waitUntil(lambda: dialog.job is None and dialog.table.rowCount() == 1, timeout=30_000)
    assert "проверена" in warnings[-1]
    assert dialog.table.item(0, 4).text() == "да" and dialog.table.item(0, 5).text() == "нет"
    dialog.verify_button.click()
    qtbot.waitUntil(lambda: dialog.job is None and len(warnings) == 2, timeout=30_000)
    assert "цела" in warnings[-1]
    with sqlite3.connect(_db(director_ctx)) as conn:
        conn.execute("DELETE FROM monitoring_row")
    _press(monkeypatch, QMessageBox.ButtonRole.AcceptRole)
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: dialog.restored, timeout=30_000)
    with sqlite3.connect(_db(director_ctx)) as conn:
        assert conn.execute("SELECT count(*) FROM monitoring_row").fetchone()[0] > 0
    kinds = sorted(b.manifest.kind for b in backup.list_backups())
    assert kinds == ["before-restore", "manual"]


def test_only_the_director_restores(qtbot, ctx, data):
    from ui.dialogs.backups import BackupsDialog

    backup.backup(ctx.services.engine, "manual", second=False)
    dialog = BackupsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.verify_button.isEnabled() and not dialog.restore_button.isEnabled()


def test_the_main_window_backs_up_at_close(qtbot, director_ctx, data):
    from ui.main_window import MainWindow

    window = MainWindow(director_ctx, auto_backup=True)
    qtbot.addWidget(window)
    window.show()
    window.start_background_work()  # the integrity check and the day's first backup
    qtbot.waitUntil(lambda: window.background.job is None, timeout=30_000)
    first = backup.list_backups()
    assert [b.manifest.kind for b in first] == ["auto"], window.statusBar().currentMessage()
    assert not window.damaged
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30_000)
    after = backup.list_backups()
    # the close wrote a new automatic backup; the rotation keeps the newest of the day (both when they were
    # taken within the same second)
    assert {b.manifest.kind for b in after} == {"auto"}
    assert len({b.path for b in after} - {b.path for b in first}) == 1
    assert len(after) == (2 if {b.manifest.created_at for b in after} == {first[0].manifest.created_at} else 1)


def test_a_damaged_database_at_start_is_moved_aside_and_the_backup_offered(qtbot, director_ctx, data, monkeypatch):
    from tests.test_backup import _damage
    from ui.app import start

    path = _db(director_ctx)
    taken = backup.backup(director_ctx.services.engine, "manual", second=False)
    director_ctx.services.engine.dispose()
    _damage(path)
    _press(monkeypatch, QMessageBox.ButtonRole.AcceptRole)
    _app, _translator, services = start(db=str(path))
    assert services is not None
    assert services.queries.occupancy().present > 0
    assert any(".damaged-" in p.name for p in path.parent.iterdir())
    assert backup.quick_check(path) is None
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM resident").fetchone()[0] == taken.manifest.residents
    services.engine.dispose()


def test_quitting_at_a_damaged_database_opens_nothing(qtbot, director_ctx, data, monkeypatch):
    from tests.test_backup import _damage
    from ui.app import start

    path = _db(director_ctx)
    director_ctx.services.engine.dispose()
    _damage(path)
    _press(monkeypatch, QMessageBox.ButtonRole.RejectRole)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: None)  # no backup at all: told, then quit
    assert start(db=str(path))[2] is None and not path.exists()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_screenshot_of_the_backups_dialog(qtbot, director_ctx, data, lang, tmp_path):
    from app import i18n
    from ui.dialogs.backups import BackupsDialog

    backup.backup(director_ctx.services.engine, "auto", second=False)
    backup.backup(director_ctx.services.engine, "manual", second=False, password="p")
    i18n.set_language(lang)
    dialog = BackupsDialog(director_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    out = Path(os.environ.get("QAMQOR_SCREENSHOTS", tmp_path)) / f"backups-{lang}.png"
    assert dialog.grab().save(str(out))


def test_another_databases_backup_is_listed_after_this_ones_and_its_restore_says_so(qtbot, director_ctx, data,
                                                                                     monkeypatch, tmp_path):
    """The data folder keeps the demo's backups beside the real database's: the newest row restored over the real
    records was the demo's, and nothing said so."""
    from ui.dialogs.backups import BackupsDialog

    ours = backup.backup(director_ctx.services.engine, "manual", second=False)
    other_db = tmp_path / "demo.sqlite3"
    with sqlite3.connect(_db(director_ctx)) as src, sqlite3.connect(other_db) as dst:
        src.backup(dst)
    theirs = backup.backup(f"sqlite:///{other_db}", "manual", second=False)  # the newer of the two
    assert theirs.manifest.database == "demo.sqlite3" != ours.manifest.database
    dialog = BackupsDialog(director_ctx)
    qtbot.addWidget(dialog)
    assert [info.path for info in dialog.rows] == [ours.path, theirs.path]
    assert dialog.table.item(0, 6).text() == "эта" and dialog.table.item(1, 6).text() == "demo.sqlite3"
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or 0)  # then cancelled
    dialog.table.selectRow(1)
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: dialog.job is None and bool(asked), timeout=30_000)
    assert "другой базы данных (demo.sqlite3)" in asked[0]
    assert not dialog.restored
