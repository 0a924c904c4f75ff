"""File → Database connection… (issue 10 point 8): entered, tested in plain words, saved for the next start."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy.engine import make_url

from app.db import connection
from app.db.engine import resolve_url
from ui.dialogs.database import DatabaseDialog


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("QAMQOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("QAMQOR_DATABASE_URL", raising=False)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: told.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return told


def _fill(dialog: DatabaseDialog, url: str, **changes) -> None:
    u = make_url(url)
    values = dict(host=u.host, port=u.port, database=u.database, user=u.username, password="")
    values.update(changes)
    dialog.host.setText(values["host"])
    dialog.port.setValue(values["port"])
    dialog.database.setText(values["database"])
    dialog.user.setText(values["user"])
    dialog.password.setText(values["password"])


def _error_under(dialog: DatabaseDialog, field: str) -> str:
    _label, _lab, _widget, err = dialog.form._rows[field]
    return err.text() if not err.isHidden() else ""


def test_a_missing_server_name_is_said_under_its_field_and_nothing_is_saved(qtbot, data_dir):
    dialog = DatabaseDialog()
    qtbot.addWidget(dialog)
    dialog.host.clear()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "обязательно" in _error_under(dialog, "host") or "заполн" in _error_under(dialog, "host")
    assert connection.saved_url() is None and not dialog.saved


@pytest.mark.postgres
def test_test_connection_says_what_happened_and_save_is_used_at_the_next_start(qtbot, data_dir, pg_server):
    url = pg_server.create_database()
    try:
        dialog = DatabaseDialog()
        qtbot.addWidget(dialog)
        _fill(dialog, url, database="no_such_db")
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=15000)
        said = _error_under(dialog, "database")
        assert "no_such_db" in said and "нет базы данных" in said and "FATAL" not in said
        assert dialog.result_label.text() == ""  # said once, under the field
        dialog.database.setText(make_url(url).database)
        assert dialog.result_label.text() == ""  # a change clears the old answer
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=15000)
        assert "пуста" in dialog.result_label.text() and _error_under(dialog, "database") == ""
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.saved and "запустите снова" in data_dir[-1]
        assert make_url(resolve_url()).database == make_url(url).database  # the next start opens it
        again = DatabaseDialog()  # shows what was saved
        qtbot.addWidget(again)
        assert again.database.text() == make_url(url).database and again.local_button.isEnabled()
        qtbot.mouseClick(again.local_button, Qt.MouseButton.LeftButton)
        assert resolve_url().startswith("sqlite:///")
    finally:
        pg_server.drop_database(url)


def test_the_file_menu_opens_the_dialog(director_ctx, qtbot, monkeypatch):
    from ui.main_window import MainWindow

    window = MainWindow(director_ctx)
    qtbot.addWidget(window)
    shown = []
    monkeypatch.setattr(DatabaseDialog, "exec", lambda self: shown.append(self.windowTitle()) or 0)
    assert window.database_action in window.file_menu.actions()
    window.database_action.trigger()
    assert shown == ["Подключение к базе данных"]


def _press_action_button(monkeypatch, seen: list[str]) -> None:
    """A message box answers with its ActionRole button (the dialog's offer) and records its text."""
    def exec_(self):
        seen.append(self.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda self: next(
        b for b in self.buttons() if self.buttonRole(b) == QMessageBox.ButtonRole.ActionRole))


def test_an_unreachable_saved_server_at_start_is_explained_and_can_be_corrected(qapp, data_dir, monkeypatch):
    import socket

    from ui.app import start

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    connection.save(connection.ServerSettings("127.0.0.1", port, "qamqor", "qamqor", "secret"))
    seen: list[str] = []
    _press_action_button(monkeypatch, seen)
    corrected = []

    def correct(self):  # the user goes back to this PC's own file in the offered dialog
        corrected.append(self.host.text())
        connection.save(None)
        self.saved = True
        return 1

    monkeypatch.setattr(DatabaseDialog, "exec", correct)
    _app, translator, services = start()
    try:
        assert corrected == ["127.0.0.1"]  # the dialog showed the saved settings
        assert f"порту {port}" in seen[0] and "Connection refused" not in seen[0] and "secret" not in seen[0]
        assert services is not None and services.engine.url.get_backend_name() == "sqlite"
    finally:
        translator.close()
        if services is not None:
            services.engine.dispose()


def test_the_first_start_offers_the_shared_database_before_a_new_organisation(qapp, data_dir, monkeypatch):
    from ui import app as ui_app

    seen: list[str] = []
    _press_action_button(monkeypatch, seen)

    def connect(self):  # the user enters the office PC and saves
        connection.save(connection.ServerSettings("office-pc"))
        self.saved = True
        return 1

    monkeypatch.setattr(DatabaseDialog, "exec", connect)
    assert ui_app._joins_shared_database() is True and "общей базе" in seen[0]
    assert connection.server_settings(resolve_url()).host == "office-pc"
    seen.clear()
    assert ui_app._joins_shared_database() is False and seen == []  # asked only while nothing is saved
